/**
 * Helpers for the font tests: a TrueType collection made from real TTF files (no TTC ships in
 * node_modules), the character sets of Big5 and GB 2312, and a count of .notdef glyphs drawn.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from '../support/pdf.js';

const requireHere = createRequire(import.meta.url);

/** Absolute path of a file inside an installed package. */
export function npmFile(spec: string): string {
  return requireHere.resolve(spec);
}

export const ROBOTO = npmFile('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf');
export const ROBOTO_MEDIUM = npmFile('pdfmake/build/fonts/Roboto/Roboto-Medium.ttf');
export const SANS_TC = npmFile('@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf');

/**
 * Writes a TTC holding the given TTF files. Each font's table directory is copied into the
 * collection's header area with its table offsets moved to where that font's bytes are placed.
 */
export function writeTtc(file: string, fonts: string[]): void {
  const datas = fonts.map((f) => readFileSync(f));
  const dirs = datas.map((d) => 12 + 16 * d.readUInt16BE(4));
  const headerSize = 12 + 4 * datas.length;
  let offset = headerSize + dirs.reduce((a, b) => a + b, 0);
  offset = align(offset);
  const starts: number[] = [];
  for (const d of datas) {
    starts.push(offset);
    offset = align(offset + d.length);
  }
  const out = Buffer.alloc(offset);
  out.write('ttcf', 0, 'latin1');
  out.writeUInt16BE(1, 4);
  out.writeUInt16BE(0, 6);
  out.writeUInt32BE(datas.length, 8);
  let dirAt = headerSize;
  datas.forEach((d, i) => {
    out.writeUInt32BE(dirAt, 12 + 4 * i);
    const size = dirs[i] ?? 0;
    d.copy(out, dirAt, 0, size);
    const numTables = d.readUInt16BE(4);
    for (let t = 0; t < numTables; t++) {
      const at = dirAt + 12 + 16 * t + 8;
      out.writeUInt32BE(out.readUInt32BE(at) + (starts[i] ?? 0), at);
    }
    d.copy(out, starts[i] ?? 0);
    dirAt += size;
  });
  writeFileSync(file, out);
}

function align(n: number): number {
  return (n + 3) & ~3;
}

/** Every character of a double-byte legacy encoding, decoded with the WHATWG decoder. */
function decodeAll(encoding: string, leads: [number, number], trails: [number, number][]): number[] {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const out = new Set<number>();
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [from, to] of trails) {
      for (let trail = from; trail <= to; trail++) {
        let s: string;
        try {
          s = decoder.decode(new Uint8Array([lead, trail]));
        } catch {
          continue;
        }
        const cps = [...s].map((c) => c.codePointAt(0) ?? 0);
        const cp = cps[0];
        // Single characters only; private-use (vendor) codes are no characters to cover.
        if (cps.length === 1 && cp !== undefined && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff))
          out.add(cp);
      }
    }
  }
  return [...out];
}

/** Big5 (levels 1 and 2 plus symbols): 13,000+ characters. */
export function big5(): number[] {
  return decodeAll(
    'big5',
    [0xa1, 0xf9],
    [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ],
  );
}

/** GB 2312 (EUC-CN rows 0xA1–0xF7): 7,000+ characters. */
export function gb2312(): number[] {
  return decodeAll('gbk', [0xa1, 0xf7], [[0xa1, 0xfe]]);
}

/** Glyphs drawn with glyph id 0 (.notdef, the empty box), counted on every page. */
export async function notdefGlyphs(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes);
  let count = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    ops.fnArray.forEach((fn, i) => {
      if (fn !== OPS.showText) return;
      const glyphs = (ops.argsArray[i] as unknown[][])[0] ?? [];
      for (const g of glyphs) {
        if (g && typeof g === 'object' && (g as { originalCharCode?: number }).originalCharCode === 0)
          count += 1;
      }
    });
  }
  return count;
}
