/** Names kept as names (front matter and recognised), cited characters, and how the review shows them. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  findCitedCharacters,
  localizeBrief,
  localizeText,
  recognizeNames,
  renderReview,
  summarizeReview,
} from '../../src/localize/index.js';
import { loadArticle } from '../../src/source/index.js';
import { makeArticle, makeFoundation, paragraph } from './helpers.js';

const hans = (overrides: Parameters<typeof makeArticle>[0]) => {
  const { brief, review } = localizeBrief(makeArticle(overrides), makeFoundation(), 'zh-Hans', []);
  if (review === null) throw new Error('zh-Hans must have a review');
  return {
    brief,
    review,
    body: brief.body.map((b) => ('runs' in b ? b.runs.map((r) => r.text).join('') : '')).join('\n'),
  };
};

describe('names from the front matter', () => {
  test('the author is never touched by vocabulary or transliterations, in the byline and the text', () => {
    const { brief, body } = hans({
      author: { name: '柯爾', affiliation: '研究員' },
      body: [paragraph('柯爾認為，柯爾克孜族與德國前總理柯爾無關。')],
    });
    expect(brief.author.name).toBe('柯尔');
    expect(body).toBe('柯尔认为，柯尔克孜族与德国前总理柯尔无关。');
  });

  test("the author's 乾 and surname 於 stay; 峯 takes the standard 峰 unless listed in names:", () => {
    expect(hans({ author: { name: '於乾峯', affiliation: '' } }).brief.author.name).toBe('於乾峰');
    expect(hans({ author: { name: '於乾峯', affiliation: '' }, names: ['於乾峯'] }).brief.author.name).toBe(
      '於乾峯',
    );
  });

  test('names: keeps every character with several forms, wherever the name occurs', () => {
    const { body, review } = hans({
      names: ['陳峯', '何瞭'],
      body: [paragraph('陳峯與何瞭於會後登上高峯。')],
    });
    expect(body).toBe('陈峯与何瞭于会后登上高峰。');
    const listed = review.names
      .filter((n) => n.source === 'names')
      .map((n) => [n.name, n.result, n.source, n.taken]);
    expect(listed).toEqual([
      ['陳峯', '陈峯', 'names', true],
      ['何瞭', '何瞭', 'names', true],
    ]);
  });

  test('a name in names: is read by loadArticle from the front matter', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-test-names-'));
    try {
      writeFileSync(path.join(dir, 'photo.jpg'), 'not read here');
      writeFileSync(
        path.join(dir, 'article.md'),
        [
          '---',
          'title: 標題',
          'author: { name: 王小明, affiliation: 研究員 }',
          'date: 2025-09-01',
          'photo: { file: photo.jpg, caption: 圖說, credit: 來源, alt: 測試用圖片 }',
          'names: [於梨華, 陳峯]',
          '---',
          '',
          '於梨華與陳峯。',
          '',
        ].join('\n'),
      );
      const article = loadArticle(dir);
      expect(article.names).toEqual(['於梨華', '陳峯']);
      const { brief } = localizeBrief(article, makeFoundation(), 'zh-Hans', []);
      const first = brief.body[0];
      expect(first && 'runs' in first ? first.runs.map((r) => r.text).join('') : '').toBe('於梨华与陈峯。');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('recognised personal names', () => {
  test.each([
    ['於梨華教授指出', '於梨华教授指出'],
    ['分析師黃乾元表示', '分析师黄乾元表示'],
    ['作者：於正平', '作者：於正平'],
    ['部長於會中表示', '部长于会中表示'],
    ['總統川普與總統普丁', '总统川普与总统普丁'],
    ['美國總統川普', '美国总统川普'],
  ])('%s → %s', (source, expected) => {
    // No glossary here: 川普 and 普丁 come from the names file.
    const out = localizeText(source).text;
    if (source.includes('川普'))
      expect(out).toBe(expected.replace(/川普/g, '特朗普').replace(/普丁/g, '普京'));
    else expect(out).toBe(expected);
  });

  test('a name next to a title and one after a byline are found; transliterations are not names', () => {
    const spans = recognizeNames('據研究員陳峯指出，王建民部長與部長盧特尼克會面。文／林志遠');
    expect(spans.map((s) => [s.name, s.source, s.taken])).toEqual([
      ['陳峯', 'title', true],
      ['王建民', 'title', true],
      ['林志遠', 'byline', true],
    ]);
  });

  test('於 right after a title is read as the preposition and listed as converted', () => {
    const { text, review } = localizeText('部長於會中表示');
    expect(text).toBe('部长于会中表示');
    expect(review.names.map((n) => [n.name, n.taken, n.decisions])).toEqual([
      ['於會中', false, [{ char: '於', result: '于', kept: false }]],
    ]);
    expect(renderReview(review)).toContain('- 於會中 → 于会中: converted (read as text, not a name)');
  });
});

describe('cited characters', () => {
  test.each([
    ['台灣寫作「著」，大陸寫作「着」', '台湾写作“著”，大陆写作“着”'],
    ['鿏在台灣作䥑。', '鿏在台湾作䥑。'],
    ['這個字叫「乾」', '这个字叫“乾”'],
    ['「峯」與「峰」', '“峯”与“峰”'],
  ])('%s → %s', (source, expected) => {
    expect(localizeText(source).text).toBe(expected);
  });

  test.each([
    ['政府的作為。', '政府的作为。'],
    ['他們稱霸。', '他们称霸。'],
    ['「網路」很重要', '“网络”很重要'],
    ['他說「對」', '他说“对”'],
  ])('%s → %s is ordinary text', (source, expected) => {
    expect(localizeText(source).text).toBe(expected);
  });

  test('are listed with what conversion would have written', () => {
    expect(findCitedCharacters('寫作「著」與「峯」，稱為。')).toEqual([
      { start: 3, char: '著' },
      { start: 7, char: '峯' },
    ]);
    const { review } = localizeText('寫作「著」，又寫作「著」。');
    expect(review.cited.map((c) => [c.char, c.converted, c.count])).toEqual([['著', '着', 2]]);
    expect(renderReview(review)).toContain('## Cited characters kept (1)');
  });
});

describe('the review groups decisions by kind, riskiest first', () => {
  const { review } = localizeText(
    '於梨華教授指出，台灣寫作「著」。馬克宏表示，隨著網路發展，軟體與硬體都很重要。',
  );
  const md = renderReview(review);

  test('counts at the top, in order of risk', () => {
    expect(md).toContain(
      'Decisions by kind, riskiest first: name kept 1 · cited character 1 · context character 3 · ' +
        'transliteration 1 · vocabulary 3 · glossary 0.',
    );
  });

  test('sections in the same order', () => {
    const order = [
      '## Names kept',
      '## Cited characters kept',
      '## Context-dependent characters',
      '## Transliterations',
      '## Substitutions',
    ].map((heading) => md.indexOf(heading));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('names with a decision come before names without one', () => {
    const { review: r } = localizeText('王小明教授與於梨華教授', { names: ['王小明'] });
    expect(r.names.map((n) => n.name)).toEqual(['於梨華', '王小明']);
    expect(renderReview(r)).toContain('Other names kept as names (1): 王小明 → 王小明.');
  });

  test('the one-line summary mentions transliterations, names and cited characters', () => {
    expect(summarizeReview(review, 'r.md')).toBe(
      'zh-Hans (mainland): 3 glossary/vocabulary substitutions, 3 characters to review, 1 transliteration, ' +
        '1 name to check, 1 cited character → r.md',
    );
  });
});
