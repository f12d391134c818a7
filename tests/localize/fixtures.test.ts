/** Acceptance: the sample and three stress texts convert to their hand-checked Simplified text. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { loadGlossary, localizeBrief } from '../../src/localize/index.js';
import { FIXTURES, formatBrief, normalizeFixture, readFixture } from './helpers.js';

const foundationGlossary = loadGlossary(
  fileURLToPath(new URL('../../assets/glossary.zh-Hans.tsv', import.meta.url)),
);
const NAMES = ['sample', 'semiconductor', 'asean-trade', 'mideast-energy', 'ai-governance'];

describe.each(NAMES)('fixture %s', (name) => {
  const { article, foundation } = readFixture(`${name}.zh-Hant.txt`);
  const expected = readFileSync(`${FIXTURES}${name}.zh-Hans.txt`, 'utf8');

  test('zh-Hans matches the hand-checked text exactly', () => {
    const { brief, review } = localizeBrief(article, foundation, 'zh-Hans', foundationGlossary);
    expect(normalizeFixture(formatBrief(brief))).toBe(normalizeFixture(expected));
    expect(brief.lang).toBe('zh-Hans-CN');
    expect(brief.edition).toBe('zh-Hans');
    expect(review).not.toBeNull();
  });

  test('zh-Hant is the source unchanged', () => {
    const { brief, review } = localizeBrief(article, foundation, 'zh-Hant', foundationGlossary);
    expect(review).toBeNull();
    expect(brief.lang).toBe('zh-Hant-TW');
    expect(brief.title).toBe(article.title);
    expect(brief.author).toEqual(article.author);
    expect(brief.keywords).toEqual(article.keywords);
    expect(brief.body).toEqual(article.body);
    expect(brief.note).toBe(article.note ?? foundation.disclaimer);
    expect(brief.photo).toEqual({
      caption: article.photo.caption,
      credit: article.photo.credit,
      creditUrl: article.photo.creditUrl,
    });
    expect(brief.foundation.about).toBe(foundation.about);
  });

  test('every URL, e-mail address and link target is copied unchanged', () => {
    const { brief } = localizeBrief(article, foundation, 'zh-Hans', foundationGlossary);
    const source = readFileSync(`${FIXTURES}${name}.zh-Hant.txt`, 'utf8');
    const out = formatBrief(brief);
    for (const url of source.match(/https?:\/\/[^\s）)]+/g) ?? []) expect(out).toContain(url);
    for (const mail of source.match(/[\w.-]+@[\w.-]+\.[a-z]+/g) ?? []) expect(out).toContain(mail);
  });
});

describe('the sample', () => {
  const { article, foundation } = readFixture('sample.zh-Hant.txt');
  const { brief, review } = localizeBrief(article, foundation, 'zh-Hans', foundationGlossary);
  const out = formatBrief(brief);

  test('has no Taiwan names or corner brackets left, and has curved quotes', () => {
    for (const bad of ['川普', '普丁', '「', '」', '北韓', '雅爾達', '執委會', '假處分']) {
      expect(out).not.toContain(bad);
    }
    expect(out).toContain('“全面禁止战争行为”');
    expect(out).toContain('特朗普');
    expect(out).toContain('普京');
  });

  test('keeps 宣告 and 建立 (no TWPhrases), digits and ES-11/1, 13：2', () => {
    expect(out).toContain('宣告');
    expect(out).toContain('建立的联合国体制');
    expect(out).toContain('第 ES-11/1 号决议');
    expect(out).toContain('13：2');
  });

  test('fills the foundation fields; tel, fax and url unchanged', () => {
    expect(brief.foundation).toEqual({
      name: '财团法人两岸交流远景基金会',
      shortName: '远景基金会',
      series: '远景论坛',
      about: expect.stringContaining('作为我政府参考') as unknown as string,
      address: '台北市汀州路三段 60 巷 1 号',
      tel: '886-2-23654366',
      fax: '886-2-23679193',
      url: 'http://www.pf.org.tw',
    });
  });

  test('the review counts every glossary term and lists every 於', () => {
    expect(review).not.toBeNull();
    if (review === null) return;
    const count = (source: string) => review.substitutions.find((s) => s.source === source)?.count;
    expect(count('川普')).toBe(8);
    expect(count('普丁')).toBe(9);
    expect(count('透過')).toBe(2);
    expect(review.warnings).toEqual([]);
    const yu = review.contextCharacters.filter((c) => c.char === '於');
    expect(yu.reduce((n, c) => n + c.occurrences.length, 0)).toBe(10);
    expect(review.unconverted.map((u) => u.source)).toEqual(['我政府']);
  });
});

describe('the script-profile fixture', () => {
  test('keeps Taiwan wording, applies the foundation glossary, and lists what it left', () => {
    const { article, foundation } = readFixture('ai-governance.zh-Hant.txt');
    const { review } = localizeBrief(article, foundation, 'zh-Hans', foundationGlossary);
    expect(review?.profile).toBe('script');
    expect(review?.substitutions.map((s) => s.target)).toEqual(['委员会', '通过', '做法']);
    expect(review?.unconverted.map((u) => [u.source, u.suggestion])).toContainEqual(['人工智慧', '人工智能']);
    expect(review?.contextCharacters.find((c) => c.char === '乾')?.result).toBe('乾');
  });
});
