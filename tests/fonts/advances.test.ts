/**
 * Widths without shaping (src/fonts/advances.ts) are the widths shaping gives, on every stretch of
 * the sample issues' text, in every face the briefs use; and the short cut is actually taken.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFontManifest, openFace, plainAdvanceWidth } from '../../src/fonts/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';

const fonts = loadFontManifest(path.join(PROJECT_ROOT, 'fonts/fonts.json'));
const faces = [
  ...new Map(
    Object.values(fonts)
      .flatMap((e) => Object.values(e.roles).flat())
      .map((f) => [`${f.file}#${f.face ?? ''}`, f]),
  ).values(),
];
const text = ['2025-alaska-summit', '2025-indo-pacific-supply-chains']
  .map((slug) => readFileSync(path.join(PROJECT_ROOT, 'assets/issues', slug, 'article.md'), 'utf8'))
  .join('\n');
const chars = [...text];
/** Every stretch of 1–16 characters starting at every 13th character (line candidates). */
const pieces = [
  ...new Set(
    chars.flatMap((_, i) =>
      i % 13 ? [] : Array.from({ length: 16 }, (_x, n) => chars.slice(i, i + n + 1).join('')),
    ),
  ),
];

describe('widths without shaping', () => {
  it.each(faces.map((f) => [path.basename(f.file), f] as const))('%s: the same as shaping', (_name, face) => {
    const font = openFace(face) as unknown as Parameters<typeof plainAdvanceWidth>[0] & {
      layout(t: string): { advanceWidth: number };
    };
    let taken = 0;
    let han = 0;
    for (const piece of pieces) {
      const plain = plainAdvanceWidth(font, piece);
      if (/^[\u4e00-\u9fff]+$/.test(piece)) han += 1;
      if (plain === undefined) continue;
      taken += 1;
      expect([piece, plain]).toEqual([piece, font.layout(piece).advanceWidth]);
    }
    // The faces that set Chinese take the short cut for most runs of ideographs.
    if (font.hasGlyphForCodePoint(0x570b)) expect(taken).toBeGreaterThan(han * 0.5);
  });

  it('shapes anything else: Latin letters, digits, marks', () => {
    const font = openFace(faces[0] ?? { file: '' });
    for (const t of ['中文a', '2025年', '中\u0301', 'office', ''])
      expect(plainAdvanceWidth(font, t)).toBe(t === '' ? 0 : undefined);
  });
});
