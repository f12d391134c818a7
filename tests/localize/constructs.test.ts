import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { localizeBrief } from '../../src/localize/index.js';
import type { ReviewReport } from '../../src/localize/index.js';
import type { Article, Block, Brief, Run } from '../../src/model.js';
import { loadArticle } from '../../src/source/index.js';
import { makePhoto, stageIssue } from '../support/fixtures.js';
import { makeFoundation } from './helpers.js';

/**
 * Every element of a real article (tests/fixtures/localize/constructs) in the zh-Hans edition:
 * converted like a paragraph, with URLs, numbers and Latin words kept, and labelled by element in
 * the review.
 */
let dir = '';
let article: Article;
let hant: Brief;
let hans: Brief;
let review: ReviewReport;

beforeAll(async () => {
  dir = await stageIssue('localize/constructs');
  await makePhoto(path.join(dir, 'chart.png'));
  article = loadArticle(dir);
  hant = localizeBrief(article, makeFoundation(), 'zh-Hant', []).brief;
  const result = localizeBrief(article, makeFoundation(), 'zh-Hans', []);
  hans = result.brief;
  if (!result.review) throw new Error('the zh-Hans edition has a review');
  review = result.review;
});
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

const text = (runs: Run[] | undefined): string => (runs ?? []).map((r) => r.text).join('');
function blockOf<K extends Block['kind']>(brief: Brief, kind: K): Extract<Block, { kind: K }> {
  const found = brief.body.find((b): b is Extract<Block, { kind: K }> => b.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
}
function listAt(brief: Brief, i: number): Extract<Block, { kind: 'list' }> {
  const lists = brief.body.filter((b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list');
  const list = lists[i];
  if (!list) throw new Error(`no list ${i}`);
  return list;
}
function itemText(list: Extract<Block, { kind: 'list' }>, i: number): string {
  const first = list.items[i]?.blocks[0];
  return first?.kind === 'paragraph' ? text(first.runs) : '';
}

describe('zh-Hant: the source, element for element', () => {
  test('the Traditional brief carries every element unchanged', () => {
    expect(hant.body).toEqual(article.body);
    expect(hant.notes).toEqual(article.notes);
    expect(hant.summary).toEqual(article.summary);
    expect(hant.authors).toEqual(article.authors);
    expect(hant.author).toEqual({ name: '王小明', affiliation: '資訊研究院研究員' });
    expect(hant.photo.alt).toBe('網路機房的外觀');
    expect(hant.noteStyle).toBe('footnotes');
  });

  test("the issue's notes: overrides the profile's", () => {
    const endnotes = { ...article, noteStyle: 'endnotes' as const };
    expect(localizeBrief(endnotes, makeFoundation(), 'zh-Hant', []).brief.noteStyle).toBe('endnotes');
    const profile = makeFoundation({ notes: 'endnotes' });
    expect(localizeBrief(article, profile, 'zh-Hans', []).brief.noteStyle).toBe('endnotes');
  });
});

describe('zh-Hans: every element converted, URLs, numbers and Latin kept', () => {
  test('authors and their bios', () => {
    expect(hans.authors).toEqual([
      {
        name: '王小明',
        affiliation: '信息研究院研究员',
        bio: '王小明，专长于软件产业政策，曾任职于 Taiwan Semiconductor Research Institute。',
      },
      { name: '陈美丽', affiliation: '新西兰某大学教授', bio: '陈美丽，研究网络治理，著有《数字秩序》。' },
    ]);
    expect(hans.author).toEqual({ name: '王小明', affiliation: '信息研究院研究员' });
  });

  test('key points, photo caption and description', () => {
    expect(hans.summary).toEqual([
      '软件供应链须分散风险。',
      '网络安全于 2025 年列为优先。',
      '信息分享应制度化。',
    ]);
    expect(hans.photo).toMatchObject({ caption: '软件园区于 2024 年落成。', alt: '网络机房的外观' });
  });

  test('paragraphs keep a bare address and the footnote marker as they are', () => {
    const paragraph = blockOf(hans, 'paragraph');
    expect(paragraph.runs).toEqual([
      { text: '本段谈网络' },
      { text: '1', noteRef: 1 },
      { text: '，位于 ' },
      { text: 'https://example.org/軟體', link: 'https://example.org/軟體' },
      { text: ' 的文件可参考。' },
    ]);
    expect(text(blockOf(hans, 'heading').runs)).toBe('一、软件');
  });

  test('list items, nested items and quotes', () => {
    expect(itemText(listAt(hans, 0), 0)).toBe('软件供应于台湾');
    const nested = listAt(hans, 0).items[0]?.blocks[1];
    expect(nested?.kind === 'list' && itemText(nested, 0)).toBe('网络服务于日本');
    expect(itemText(listAt(hans, 1), 0)).toBe('建议信息公开。');
    const quote = blockOf(hans, 'quote').blocks[0];
    expect(quote?.kind === 'paragraph' && text(quote.runs)).toBe('“软件是关键”，部长于记者会表示。');
  });

  test('table header, cells and caption; numbers, Latin and URLs kept', () => {
    const table = blockOf(hans, 'table');
    expect(table.header.cells.map(text)).toEqual(['项目', '金额', '网址']);
    expect(table.rows.map((row) => row.cells.map(text))).toEqual([
      ['软件', '1,200', 'https://example.org/網路'],
      ['网络', '35.5%', 'WTO 报告'],
      ['信息', '70', '无'],
      ['质量', '8', '于本表'],
    ]);
    expect(table.rows[0]?.cells[2]).toEqual([
      { text: 'https://example.org/網路', link: 'https://example.org/網路' },
    ]);
    expect(text(table.caption)).toBe('表说：软件与网络支出于 2025 年。');
    expect(table.align).toEqual([null, 'right', null]);
  });

  test('figure caption, credit and description; the file is the same', () => {
    const figure = blockOf(hans, 'figure');
    const source = blockOf(hant, 'figure');
    expect(figure).toEqual({
      ...source,
      caption: '网络流量图于各国',
      credit: '资料来源：信息处',
      alt: '长条图，软件最高',
    });
  });

  test('notes, their links untouched', () => {
    expect(hans.notes).toEqual([
      {
        number: 1,
        label: 'soft',
        line: 43,
        blocks: [
          {
            kind: 'paragraph',
            line: 43,
            runs: [
              { text: '注释谈软件，见' },
              { text: '网络资料', link: 'https://example.org/資訊' },
              { text: '，' },
              { text: '信息', emphasis: true },
              { text: '于此。' },
            ],
          },
        ],
      },
    ]);
  });
});

describe('the review names each element', () => {
  test('every 於 is listed where it is: summary 2, list item, quote, table row, caption, figure, note, bio', () => {
    const yu = review.contextCharacters.find((c) => c.char === '於');
    expect(yu?.occurrences.map((o) => o.where)).toEqual([
      'photo caption',
      'summary 2',
      'article.md:24',
      'list item 1 (article.md:26)',
      'list item 1 list item 1 (article.md:27)',
      'quote (article.md:30)',
      'table 1 caption',
      'table 1 row 4',
      'figure 1 caption',
      'note 1',
      'bio 1',
      'bio 1',
    ]);
  });

  test('a substitution first seen in a table cell, a figure credit or alt is labelled so', () => {
    const first = (source: string) => review.substitutions.find((s) => s.source === source)?.first.where;
    expect(first('品質')).toBe('table 1 row 4');
    expect(first('軟體')).toBe('title');
    expect(first('資訊')).toBe('affiliation 1');
  });
});
