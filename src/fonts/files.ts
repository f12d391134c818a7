import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { isSparse, readGlyphsOnDemand, readSparse } from './sparse.js';

/**
 * fontkit's CommonJS build: the copy pdfkit itself loads, so a process loads fontkit once
 * (its ES module build is a second, separate copy: ≈ 60 ms more on a cold start).
 */
const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

/**
 * Font files read once per process. A Noto CJK face is 7–15 MB and the manifest names the same
 * file in several chains of both editions: reading and parsing it again for every mention was
 * the largest single cost of a cold build. The same Buffer object is handed to pdfkit too (see
 * src/pdf/font-cache.ts), so the bytes are in memory once.
 *
 * Failures are not cached: a missing file throws (with its errno code) every time it is asked.
 */
const bytesByFile = new Map<string, Buffer>();
const parsedByFile = new Map<string, Fontkit.Font | Fontkit.FontCollection>();

let sharedMemory = false;

/** The bytes of a font file, read on first use; always the same Buffer for the same path. */
export function fontBytes(file: string): Buffer {
  let bytes = bytesByFile.get(file);
  if (!bytes) {
    // Worker threads share whole files; one process reads only what it sets (sparse.ts).
    bytes = sharedMemory ? readIntoSharedMemory(file) : (readSparse(file) ?? readFileSync(file));
    bytesByFile.set(file, bytes);
  }
  return bytes;
}

/**
 * From now on, font files are read into shared memory, which other worker threads can adopt
 * (the batch: one copy of 85 MB of Noto for all workers instead of one each).
 */
export function useSharedFontMemory(): void {
  sharedMemory = true;
}

/** The font files read so far into shared memory, by path. */
export function sharedFontMemory(): Record<string, SharedArrayBuffer> {
  const out: Record<string, SharedArrayBuffer> = {};
  for (const [file, bytes] of bytesByFile)
    if (bytes.buffer instanceof SharedArrayBuffer && bytes.byteOffset === 0) out[file] = bytes.buffer;
  return out;
}

/** Uses font files another thread has read (sharedFontMemory there) instead of reading them. */
export function adoptFontMemory(files: Record<string, SharedArrayBuffer>): void {
  for (const [file, memory] of Object.entries(files))
    if (!bytesByFile.has(file)) bytesByFile.set(file, Buffer.from(memory));
}

function readIntoSharedMemory(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    for (let at = 0; at < size;) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) throw new Error(`${file} ended after ${at} of ${size} bytes`);
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** The file parsed by fontkit (a font, or a TTC collection), once per process. */
export function parseFontFile(file: string): Fontkit.Font | Fontkit.FontCollection {
  let parsed = parsedByFile.get(file);
  if (!parsed) {
    const bytes = fontBytes(file);
    parsed = fontkit.create(bytes);
    if (isSparse(bytes) && !('fonts' in parsed)) {
      // The glyph class, from a second (throwaway) font on the same bytes: the shared font's own
      // glyph cache stays untouched (which code points a glyph was first asked for matters).
      const probe = fontkit.create(bytes) as unknown as { getGlyph(id: number): object };
      readGlyphsOnDemand(Object.getPrototypeOf(probe.getGlyph(0)) as object);
    }
    parsedByFile.set(file, parsed);
  }
  return parsed;
}
