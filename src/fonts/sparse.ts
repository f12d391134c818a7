/**
 * Sparse font files: the bytes of a TrueType font read on demand instead of whole.
 *
 * A Noto CJK face is 7–15 MB, almost all of it glyph outlines (the `glyf` table), while a brief
 * sets a few hundred glyphs. Reading the whole file cost most of a cold start (this VM pays about
 * 3 µs per first-touched 4 KB page) and its memory. Here the file becomes a Buffer of its full
 * size that starts out zero (untouched pages cost no memory), into which every table except `glyf`
 * is read at once — so opening, checking and shaping a font read exactly what they read before —
 * and each glyph's outline is read the first time fontkit looks at it (its box for metrics, its
 * outline for subsetting). fontkit sees the same bytes at the same offsets as with a whole read,
 * so everything it derives, and the PDF, is identical.
 *
 * Only plain TrueType files take this path (`glyf` outlines, no `sbix`/`COLR`, every table inside
 * the file); anything else — a collection, CFF outlines, a damaged directory — is read whole, and
 * checked as before.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Read granularity: the bytes of a glyph are read in whole blocks of this size. */
const BLOCK = 4096;

interface SparseFile {
  file: string;
  fd: number;
  size: number;
  bytes: Buffer;
  /** One flag per block: read yet? */
  loaded: Uint8Array;
  /** Offset of the `glyf` table in the file. */
  glyf: number;
  /** Bytes read from the file so far. */
  read: number;
}

const sparseByBuffer = new WeakMap<Uint8Array, SparseFile>();
const stats = { files: 0, bytesRead: 0, fileBytes: 0 };

/** How much of the font files read so far was actually read (for the benchmark and tests). */
export function sparseStats(): { files: number; bytesRead: number; fileBytes: number } {
  return { ...stats };
}

interface TableEntry {
  tag: string;
  offset: number;
  length: number;
}

/**
 * The font file's bytes, sparse when it is a plain TrueType file; null when it must be read whole.
 * Throws (with the errno code) when the file cannot be opened, as readFileSync would.
 */
export function readSparse(file: string): Buffer | null {
  const fd = openSync(file, 'r');
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    if (size < 12) return null;
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) !== 12) return null;
    const version = head.readUInt32BE(0);
    if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return null;
    const count = head.readUInt16BE(4);
    const directory = Buffer.alloc(count * 16);
    if (readSync(fd, directory, 0, directory.length, 12) !== directory.length) return null;
    const tables: TableEntry[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * 16;
      const offset = directory.readUInt32BE(at + 8);
      const length = directory.readUInt32BE(at + 12);
      if (offset + length > size) return null;
      tables.push({ tag: directory.toString('latin1', at, at + 4), offset, length });
    }
    const tags = new Set(tables.map((t) => t.tag));
    const glyf = tables.find((t) => t.tag === 'glyf');
    if (!glyf || !tags.has('loca') || tags.has('sbix') || tags.has('COLR') || tags.has('CFF ')) return null;

    // Zero-filled and untouched: the system lends its pages only when they are written.
    const bytes = Buffer.alloc(size);
    const sparse: SparseFile = {
      file,
      fd,
      size,
      bytes,
      loaded: new Uint8Array(Math.ceil(size / BLOCK)),
      glyf: glyf.offset,
      read: 0,
    };
    load(sparse, 0, 12 + directory.length);
    for (const t of tables) if (t !== glyf) load(sparse, t.offset, t.offset + t.length);
    sparseByBuffer.set(bytes, sparse);
    stats.files += 1;
    stats.fileBytes += size;
    keep = true;
    return bytes;
  } finally {
    // The descriptor stays open while glyphs may still be read (for the life of the process).
    if (!keep) closeSync(fd);
  }
}

/** Reads the blocks of [start, end) not read yet, in runs of consecutive blocks. */
function load(sparse: SparseFile, start: number, end: number): void {
  const last = Math.min(Math.ceil(end / BLOCK), sparse.loaded.length);
  let block = Math.floor(start / BLOCK);
  while (block < last) {
    if (sparse.loaded[block]) {
      block += 1;
      continue;
    }
    let runEnd = block;
    while (runEnd < last && !sparse.loaded[runEnd]) runEnd += 1;
    const from = block * BLOCK;
    const to = Math.min(runEnd * BLOCK, sparse.size);
    for (let at = from; at < to;) {
      const n = readSync(sparse.fd, sparse.bytes, at, to - at, at);
      if (n === 0) throw new Error(`${sparse.file} ended after ${at} of ${sparse.size} bytes`);
      at += n;
    }
    sparse.loaded.fill(1, block, runEnd);
    sparse.read += to - from;
    stats.bytesRead += to - from;
    block = runEnd;
  }
}

interface TrueTypeGlyph {
  id: number;
  _font: { stream: { buffer: Uint8Array }; loca?: { offsets: number[] } };
}

interface GlyphMethods {
  _getCBox(this: TrueTypeGlyph, ...rest: unknown[]): unknown;
  _decode(this: TrueTypeGlyph, ...rest: unknown[]): unknown;
}

/** Makes sure a glyph's outline bytes are in its font's Buffer. */
function ensureGlyph(glyph: TrueTypeGlyph): void {
  const sparse = sparseByBuffer.get(glyph._font.stream.buffer);
  const offsets = glyph._font.loca?.offsets;
  if (!sparse || !offsets) return;
  const start = offsets[glyph.id];
  const end = offsets[glyph.id + 1];
  if (start === undefined || end === undefined || end <= start) return;
  load(sparse, sparse.glyf + start, sparse.glyf + end);
}

const patched = new WeakSet<object>();

/**
 * Teaches fontkit's TrueType glyph class (given by a glyph of a sparse font) to read its bytes
 * before it decodes them: the two places fontkit reads `glyf` (a glyph's box, a glyph's outline;
 * the subsetter decodes a glyph before it copies its bytes).
 */
export function readGlyphsOnDemand(glyphPrototype: object): void {
  if (patched.has(glyphPrototype)) return;
  patched.add(glyphPrototype);
  const methods = glyphPrototype as GlyphMethods;
  const getCBox = methods._getCBox;
  const decode = methods._decode;
  methods._getCBox = function (this: TrueTypeGlyph, ...rest: unknown[]): unknown {
    ensureGlyph(this);
    return getCBox.apply(this, rest);
  };
  methods._decode = function (this: TrueTypeGlyph, ...rest: unknown[]): unknown {
    ensureGlyph(this);
    return decode.apply(this, rest);
  };
}

/** Whether these bytes are a sparse font file's. */
export function isSparse(bytes: Uint8Array): boolean {
  return sparseByBuffer.has(bytes);
}
