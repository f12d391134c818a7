/**
 * Helpers for the typesetting tests: simple metrics with known widths, and checks of a set of
 * lines against the clreq rules (shared by the unit tests and the end-to-end tests).
 */
import path from 'node:path';
import type { FontMetrics, LayoutFont, TypesetLine } from '../../src/typeset/index.js';
import { fontMetrics, isNoEnd, isNoStart } from '../../src/typeset/index.js';
import { openFace } from '../../src/fonts/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';

/**
 * Metrics where every Han character and full-width mark is 1 em, a Western character ½ em and a
 * space ¼ em; closing marks and the mainland 。，、 have their ink in the left half, opening
 * marks in the right half (the mainland faces' shapes).
 */
export function boxMetrics(size = 10): FontMetrics {
  const west = (ch: string): boolean => (ch.codePointAt(0) ?? 0) < 0x2000 && ch !== ' ';
  return {
    measure: (text) => [...text].reduce((w, ch) => w + (ch === ' ' ? 0.25 : west(ch) ? 0.5 : 1) * size, 0),
    fontSize: () => size,
    blanks: (ch) => {
      if ('「『（《〈【“‘'.includes(ch)) return { left: 0.6, right: 0.05 };
      if ('」』）》〉】”’，。、：；'.includes(ch)) return { left: 0.05, right: 0.6 };
      if ('？！'.includes(ch)) return { left: 0.3, right: 0.3 };
      return null;
    },
  };
}

/** Metrics of a real face from node_modules (as the PDF stage measures it). */
export function realMetrics(relative: string, size: number): FontMetrics {
  const font = openFace({ file: path.join(PROJECT_ROOT, 'node_modules', relative) }) as unknown as LayoutFont;
  return fontMetrics(() => ({ font, size }));
}

export const SERIF_TC = '@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf';
export const SERIF_SC = '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';

const DASHES = /[—…⋯─]/;
const WESTERN = /[A-Za-z0-9%.,/:-]/;

/**
 * Problems of a paragraph's line breaks (clreq basic + strict at non-first lines, unbreakable
 * marks, digits and Western words); `source` is the paragraph as written, spaces included.
 */
export function breakProblems(lines: string[], source: string): string[] {
  const problems: string[] = [];
  lines.forEach((line, i) => {
    const first = [...line][0] ?? '';
    const last = [...line].at(-1) ?? '';
    if (isNoStart(first) && !(i === 0 && DASHES.test(first)))
      problems.push(`line ${i + 1} starts with ${first}: ${line}`);
    if (isNoEnd(last)) problems.push(`line ${i + 1} ends with ${last}: ${line}`);
    const next = lines[i + 1];
    if (next === undefined) return;
    const a = last;
    const b = [...next][0] ?? '';
    if (DASHES.test(a) && DASHES.test(b)) problems.push(`${a}${b} split after line ${i + 1}`);
    // Was there a space at this break in the source?
    const before = lines
      .slice(0, i + 1)
      .join('')
      .replace(/\s+/g, '');
    const spaced = breakHasSpace(source, before.length);
    if (!spaced && WESTERN.test(a) && WESTERN.test(b)) {
      const inUrl = /https?:\/\/\S*$/.test(lines.slice(0, i + 1).join('')) && '/.-'.includes(a);
      if (!inUrl) problems.push(`word or number split: …${line.slice(-8)}⏎${next.slice(0, 8)}…`);
      if (inUrl && /\d/.test(lines[i]?.at(-2) ?? '') && /\d/.test(b))
        problems.push(`URL split between digits after line ${i + 1}`);
    }
  });
  return problems;
}

/** Is there whitespace in `source` right after its `count`-th non-space character? */
function breakHasSpace(source: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < source.length; i++) {
    if (/\s/.test(source[i] ?? '')) continue;
    seen++;
    if (seen === count) return /\s/.test(source[i + 1] ?? '');
  }
  return false;
}

export function lineTexts(lines: TypesetLine[]): string[] {
  return lines.map((l) => l.pieces.map((p) => p.text).join(''));
}
