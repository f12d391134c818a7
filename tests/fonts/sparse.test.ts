/**
 * Sparse font files (src/fonts/sparse.ts): a plain TrueType file is read table by table and glyph
 * by glyph, fontkit sees the same bytes where it looks, and anything else is read whole.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import { readGlyphsOnDemand, readSparse, sparseStats } from '../../src/fonts/sparse.js';
import { tempDir } from '../support/fixtures.js';
import { SANS_TC, ROBOTO } from './support.js';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

interface Glyphs {
  getGlyph(id: number): { path: { toSVG(): string }; advanceWidth: number; cbox: object };
  glyphForCodePoint(cp: number): { id: number };
}

describe('sparse font files', () => {
  it('reads a CJK face in part, and fontkit decodes the same glyphs from it', () => {
    const before = sparseStats().bytesRead;
    const bytes = readSparse(SANS_TC);
    if (!bytes) throw new Error('expected a sparse read');
    const sparse = fontkit.create(bytes) as unknown as Glyphs;
    readGlyphsOnDemand(Object.getPrototypeOf(sparse.getGlyph(0)) as object);
    const whole = fontkit.create(readFileSync(SANS_TC)) as unknown as Glyphs;
    for (const ch of '國際關係中心，。「」ABC123') {
      const id = whole.glyphForCodePoint(ch.codePointAt(0) ?? 0).id;
      expect(sparse.glyphForCodePoint(ch.codePointAt(0) ?? 0).id).toBe(id);
      const [a, b] = [sparse.getGlyph(id), whole.getGlyph(id)];
      expect([a.advanceWidth, a.cbox, a.path.toSVG()]).toEqual([b.advanceWidth, b.cbox, b.path.toSVG()]);
    }
    // The whole file is 7 MB or more; opening it and 20 glyphs read well under a tenth.
    const read = sparseStats().bytesRead - before;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(bytes.length / 10);
  });

  it('reads anything but plain TrueType whole: a file too short, a damaged directory', () => {
    const dir = tempDir('sparse');
    const short = path.join(dir, 'short.ttf');
    writeFileSync(short, readFileSync(ROBOTO).subarray(0, 8));
    expect(readSparse(short)).toBeNull();
    const damaged = Buffer.from(readFileSync(ROBOTO));
    damaged.writeUInt32BE(0x7fffffff, 12 + 8); // the first table's offset, past the end
    const file = path.join(dir, 'damaged.ttf');
    writeFileSync(file, damaged);
    expect(readSparse(file)).toBeNull();
    expect(() => readSparse(path.join(dir, 'none.ttf'))).toThrow(/ENOENT/);
  });
});
