import { describe, expect, test } from '@jest/globals';

import { localizeBrief, localizeText, renderReview, summarizeReview } from '../../src/localize/index.js';
import type { ReviewReport } from '../../src/localize/index.js';
import { entry, makeArticle, makeFoundation, paragraph, readFixture } from './helpers.js';

const GLOSSARY = [
  entry('川普', '特朗普', 'assets/glossary.zh-Hans.tsv', 3),
  entry('北韓', '朝鲜', 'assets/glossary.zh-Hans.tsv', 6),
];

function review(text: string, options: Parameters<typeof localizeText>[1] = {}): ReviewReport {
  return localizeText(text, { glossary: GLOSSARY, ...options }).review;
}

describe('renderReview', () => {
  const report = review(
    '川普說：「網路很重要，網路不能斷。」隨著情勢變化，他瞭解我國的處境。https://example.org',
  );
  const md = renderReview(report);

  test('has a heading and a one-line summary', () => {
    expect(md.startsWith('# zh-Hans review: text\n\nProfile **mainland** (vocabulary 2026.11-1): ')).toBe(
      true,
    );
    expect(md).toContain('3 substitutions, 2 context characters to check, 1 Taiwan term left, 1 warning.');
  });

  test('lists each substitution once with its count, origin and first context', () => {
    expect(md).toContain('| 川普 | 特朗普 | 1 | glossary.zh-Hans.tsv:3 | text: **特朗普**说：“网络很重要… |');
    expect(md).toMatch(
      /\| 網路 \| 网络 \| 2 \| vocabulary\.zh-Hans\.tsv:\d+ \| text: 特朗普说：“\*\*网络\*\*很重要，网络不能… \|/,
    );
  });

  test('lists context characters, Taiwan terms, punctuation, protected spans and warnings', () => {
    expect(md).toContain('**著**: ');
    expect(md).toContain('- → 着 ×1: text …网络不能断。”随**着**情势变化，他了解…');
    expect(md).toContain('- → 了 ×1: text …随着情势变化，他**了**解我国的处境。h…');
    expect(md).toContain(
      '| 我國 | — | 1 | "our country": the Taiwan edition\'s voice; reword for mainland readers |',
    );
    expect(md).toContain('「 → “ ×1 · 」 → ” ×1');
    expect(md).toContain('1 URL.');
    expect(md).toContain(
      '- assets/glossary.zh-Hans.tsv:6: warning: glossary entry 北韓 → 朝鲜 never matched in this issue',
    );
  });

  test('many unused entries of one file take one line', () => {
    const glossary = ['甲', '乙', '丙', '丁'].map((s, i) => entry(s, s, 'g.tsv', i + 1));
    const text = renderReview(localizeText('無', { glossary }).review);
    expect(text).toContain(
      '- g.tsv: warning: 4 glossary entries never matched in this issue: 甲 (line 1), 乙 (line 2), 丙 (line 3), 丁 (line 4)',
    );
  });

  test('escapes table separators', () => {
    const text = renderReview(localizeText('a|b 網路', {}).review);
    expect(text).toContain('a\\|b **网络**');
  });

  test('an empty review is short', () => {
    expect(renderReview(localizeText('好').review)).toBe(
      '# zh-Hans review: text\n\nProfile **mainland** (vocabulary 2026.11-1): 0 substitutions, 0 context characters to check, 0 Taiwan terms left, 0 warnings.\n' +
        'To change a result, edit the issue glossary or `keep` in article.md, or the foundation glossary, and rebuild.\n',
    );
  });

  test('the sample review fits on two screens', () => {
    const { article, foundation } = readFixture('sample.zh-Hant.txt');
    const r = localizeBrief(article, foundation, 'zh-Hans', GLOSSARY).review;
    if (r === null) throw new Error('no review');
    expect(renderReview(r).split('\n').length).toBeLessThan(50);
  });
});

describe('summarizeReview', () => {
  test('one line with counts and the path', () => {
    const r = review('川普透過網路，隨著情勢。');
    expect(summarizeReview(r, 'out/x.zh-Hans.review.md')).toBe(
      'zh-Hans (mainland): 2 glossary/vocabulary substitutions, 1 character to review, 1 warning → out/x.zh-Hans.review.md',
    );
  });

  test('mentions Taiwan terms left under the script profile', () => {
    const { review: r } = localizeBrief(
      makeArticle({ body: [paragraph('網路與軟體')], conversion: 'script' }),
      makeFoundation(),
      'zh-Hans',
      [],
    );
    if (r === null) throw new Error('no review');
    expect(summarizeReview(r, 'r.md')).toBe(
      'zh-Hans (script): 0 glossary/vocabulary substitutions, 0 characters to review, 2 Taiwan terms left → r.md',
    );
    expect(renderReview(r)).toContain('| 網路 | 网络 | 1 | profile script: vocabulary not applied |');
  });
});
