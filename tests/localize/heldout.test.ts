/**
 * Held-out check: three policy texts (technology and trade, defence, foreign affairs) written
 * after the vocabulary and names lists were frozen and never used to build them, with hand-checked
 * Simplified expectations. The character error rate (edit distance / expected length, over every
 * text of the brief) must stay at or below 0.3 %.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { loadGlossary, localizeBrief } from '../../src/localize/index.js';
import { FIXTURES, formatBrief, normalizeFixture, readFixture } from './helpers.js';

const foundationGlossary = loadGlossary(
  fileURLToPath(new URL('../../assets/glossary.zh-Hans.tsv', import.meta.url)),
);
const TEXTS = ['tech', 'defence', 'foreign'];

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** The converted brief and the expectation, foundation lines left out (not part of the text). */
function pair(name: string): { actual: string; expected: string } {
  const { article, foundation } = readFixture(`heldout/${name}.zh-Hant.txt`);
  const { brief } = localizeBrief(article, foundation, 'zh-Hans', foundationGlossary);
  const strip = (text: string) =>
    normalizeFixture(text)
      .split('\n')
      .filter((line) => !/^(note|foundation\.\w+):/.test(line))
      .join('\n');
  return {
    actual: strip(formatBrief(brief)),
    expected: strip(readFileSync(`${FIXTURES}heldout/${name}.zh-Hans.txt`, 'utf8')),
  };
}

describe('held-out policy texts', () => {
  test('editDistance counts insertions, deletions and substitutions', () => {
    expect(editDistance('超微', '超威')).toBe(1);
    expect(editDistance('东京威力科创', '东京电子')).toBe(4);
    expect(editDistance('', '𰻞𰻞')).toBe(2);
  });

  test.each(TEXTS)('%s has at least 500 characters of body text', (name) => {
    const { article } = readFixture(`heldout/${name}.zh-Hant.txt`);
    const body = article.body.flatMap((b) => ('runs' in b ? b.runs.map((r) => r.text) : [])).join('');
    expect([...body.replace(/\s/gu, '')].length).toBeGreaterThanOrEqual(500);
  });

  test('the character error rate over all three is at most 0.3 %', () => {
    let errors = 0;
    let length = 0;
    for (const name of TEXTS) {
      const { actual, expected } = pair(name);
      errors += editDistance(actual, expected);
      length += [...expected].length;
    }
    expect(errors / length).toBeLessThanOrEqual(0.003);
  });
});
