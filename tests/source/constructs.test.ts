import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BriefError } from '../../src/errors.js';
import type { Article, Block, Diagnostic } from '../../src/model.js';
import { loadArticle, loadFoundation, parseBody } from '../../src/source/index.js';
import { renderTextTemplate } from '../../src/template/index.js';
import { FIXTURES, makePhoto, PROJECT_ROOT, SAMPLE_ISSUE, stageIssue, tempDir } from '../support/fixtures.js';

/** Folders this file creates; removed at the end. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function stage(fixture: string): Promise<string> {
  const dir = await stageIssue(fixture);
  made.push(path.dirname(dir));
  return dir;
}

function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof BriefError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a BriefError');
}

/** `article.md:line:col` of each diagnostic, relative to the issue folder. */
function where(dir: string, d: Diagnostic): string {
  return `${path.relative(dir, d.file)}:${d.line ?? '-'}:${d.column ?? '-'}`;
}

/** The blocks without the heading level the hand-written parser did not have. */
function withoutLevels(blocks: Block[]): unknown[] {
  return blocks.map((b) => {
    if (b.kind !== 'heading') return b;
    const { level, ...rest } = b;
    expect(level).toBe(2);
    return rest;
  });
}

describe('the Markdown library reads the existing issues exactly as the hand-written parser did', () => {
  // Written by the hand-written parser of commit 87070b3 (src/source/markdown.ts before this
  // change) from these same files; the sample PDFs stay byte-identical only if this holds.
  const expected = JSON.parse(
    readFileSync(path.join(FIXTURES, 'source/hand-parser-bodies.json'), 'utf8'),
  ) as Record<string, Block[]>;

  it.each([
    ['2025-alaska-summit', ''],
    ['stress-headings', 'stress-headings'],
    ['stress-punctuation', 'stress-punctuation'],
    ['verbatim', 'source/verbatim'],
  ])('%s', async (name, fixture) => {
    const dir = fixture === '' ? SAMPLE_ISSUE : await stage(fixture);
    const article = loadArticle(dir);
    expect(expected[name]?.length).toBeGreaterThan(0);
    expect(withoutLevels(article.body)).toEqual(expected[name]);
    expect(article.notes).toEqual([]);
  });

  it('gives the sample its one author as a list of one, no summary and no notes', () => {
    const article = loadArticle(SAMPLE_ISSUE);
    expect(article.authors).toEqual([{ name: '李明峻', affiliation: '新台灣國策智庫研發長' }]);
    expect(article.author).toEqual({ name: '李明峻', affiliation: '新台灣國策智庫研發長' });
    expect(article.summary).toEqual([]);
    expect(article.noteStyle).toBeUndefined();
  });
});

describe('every construct, from tests/fixtures/source/constructs', () => {
  let dir = '';
  let article: Article;
  beforeAll(async () => {
    dir = await stage('source/constructs');
    await makePhoto(path.join(dir, 'chart.jpg'));
    article = loadArticle(dir);
  });
  const block = (i: number): Block | undefined => article.body[i];

  it('reads the front matter: two authors with a bio, four key points, photo.alt, endnotes', () => {
    expect(article.authors).toEqual([
      {
        name: '王小明',
        affiliation: '某研究院研究員',
        bio: '王小明，某大學政治學博士，研究領域為區域安全。',
      },
      { name: '陳美麗', affiliation: '某大學教授' },
    ]);
    expect(article.author).toEqual({ name: '王小明', affiliation: '某研究院研究員' });
    expect(article.summary).toEqual([
      '第一個重點。',
      '第二個重點，含 WTO 與 2025 年。',
      '第三個重點。',
      '第四個重點。',
    ]);
    expect(article.photo.alt).toBe('兩個色塊的示意圖');
    expect(article.noteStyle).toBe('endnotes');
  });

  it('reads the blocks in order', () => {
    expect(article.body.map((b) => [b.kind, b.line])).toEqual([
      ['heading', 23],
      ['paragraph', 25],
      ['heading', 27],
      ['list', 29],
      ['list', 35],
      ['quote', 40],
      ['table', 45],
      ['figure', 53],
      ['table', 55],
    ]);
  });

  it('reads ## and ### headings with their level', () => {
    expect(block(0)).toEqual({ kind: 'heading', level: 2, runs: [{ text: '一、前言' }], line: 23 });
    expect(block(2)).toEqual({ kind: 'heading', level: 3, runs: [{ text: '（一）小節' }], line: 27 });
  });

  it('numbers footnote markers in order of first reference; a second citation reuses the number', () => {
    expect(block(1)).toEqual({
      kind: 'paragraph',
      runs: [
        { text: '本段引用第一個註釋' },
        { text: '1', noteRef: 1 },
        { text: '，並再次引用第二個' },
        { text: '2', noteRef: 2 },
        { text: '。' },
      ],
      line: 25,
    });
    const ordered = block(4);
    expect(ordered?.kind === 'list' && ordered.items[1]?.blocks[0]).toEqual({
      kind: 'paragraph',
      runs: [{ text: '建議二' }, { text: '1', noteRef: 1 }, { text: '。' }],
      line: 38,
    });
  });

  it('reads a bullet list with one nested level', () => {
    expect(block(3)).toEqual({
      kind: 'list',
      ordered: false,
      start: 1,
      line: 29,
      items: [
        { blocks: [{ kind: 'paragraph', runs: [{ text: '第一項' }], line: 29 }], line: 29 },
        {
          blocks: [
            { kind: 'paragraph', runs: [{ text: '第二項，' }, { text: '強調', emphasis: true }], line: 30 },
            {
              kind: 'list',
              ordered: false,
              start: 1,
              line: 31,
              items: [
                { blocks: [{ kind: 'paragraph', runs: [{ text: '巢狀一' }], line: 31 }], line: 31 },
                { blocks: [{ kind: 'paragraph', runs: [{ text: '巢狀二' }], line: 32 }], line: 32 },
              ],
            },
          ],
          line: 30,
        },
        { blocks: [{ kind: 'paragraph', runs: [{ text: '第三項' }], line: 33 }], line: 33 },
      ],
    });
  });

  it('reads an ordered list whose first item has two paragraphs', () => {
    const list = block(4);
    expect(list?.kind === 'list' && [list.ordered, list.start, list.items.length]).toEqual([true, 1, 2]);
    expect(list?.kind === 'list' && list.items[0]).toEqual({
      blocks: [
        { kind: 'paragraph', runs: [{ text: '建議一。' }], line: 35 },
        { kind: 'paragraph', runs: [{ text: '建議一的第二段。' }], line: 37 },
      ],
      line: 35,
    });
  });

  it('reads a block quote of two paragraphs, lines joined without a space', () => {
    expect(block(5)).toEqual({
      kind: 'quote',
      line: 40,
      blocks: [
        { kind: 'paragraph', runs: [{ text: '引述的第一段。同一段落的第二行。' }], line: 40 },
        { kind: 'paragraph', runs: [{ text: '引述的第二段。' }], line: 43 },
      ],
    });
  });

  it('reads a table: header, alignment, rows padded to the header, caption from `: …`, number', () => {
    expect(block(6)).toEqual({
      kind: 'table',
      number: 1,
      line: 45,
      align: ['left', 'right', 'center'],
      header: { cells: [[{ text: '國家' }], [{ text: '金額（億美元）' }], [{ text: '說明' }]], line: 45 },
      rows: [
        {
          cells: [
            [{ text: '美國' }],
            [{ text: '1,200' }],
            [{ text: '見' }, { text: '來源', link: 'https://example.org/a' }],
          ],
          line: 47,
        },
        {
          cells: [[{ text: '日本' }], [{ text: '350' }], [{ text: '含註' }, { text: '3', noteRef: 3 }]],
          line: 48,
        },
        { cells: [[{ text: '越南' }], [], []], line: 49 },
      ],
      caption: [{ text: '表說：' }, { text: '主要', emphasis: true }, { text: '國家投資金額。' }],
    });
    const second = block(8);
    expect(second?.kind === 'table' && [second.number, second.align, second.caption]).toEqual([
      2,
      [null, null],
      undefined,
    ]);
  });

  it('reads a figure: file inside the issue folder, caption, credit, alt, number', () => {
    expect(block(7)).toEqual({
      kind: 'figure',
      number: 1,
      file: path.join(dir, 'chart.jpg'),
      caption: '示意圖說',
      credit: '資料來源：作者整理',
      alt: '長條圖，美國最高',
      line: 53,
    });
  });

  it('reads the notes in number order, with links, emphasis and several paragraphs', () => {
    expect(article.notes).toEqual([
      {
        number: 1,
        label: 'a',
        line: 59,
        blocks: [
          {
            kind: 'paragraph',
            runs: [
              { text: '第一個註釋，含' },
              { text: '連結', link: 'https://example.org/n' },
              { text: '與' },
              { text: '強調', emphasis: true },
              { text: '。' },
            ],
            line: 59,
          },
        ],
      },
      {
        number: 2,
        label: 'b',
        line: 60,
        blocks: [
          { kind: 'paragraph', runs: [{ text: '第二個註釋。' }], line: 60 },
          { kind: 'paragraph', runs: [{ text: '第二個註釋的第二段。' }], line: 62 },
        ],
      },
      {
        number: 3,
        label: 'c',
        line: 63,
        blocks: [{ kind: 'paragraph', runs: [{ text: '表格中的註釋。' }], line: 63 }],
      },
    ]);
  });
});

describe('errors, each at its path:line:col with what to write instead', () => {
  it('reports every mistake of tests/fixtures/source/bad-constructs at once', async () => {
    const dir = await stage('source/bad-constructs');
    const found = diagnosticsOf(() => loadArticle(dir)).map((d) => `${where(dir, d)} ${d.message}`);
    const expected: [string, string][] = [
      ['article.md:4:1', 'give either author (one author) or authors (a list), not both'],
      ['article.md:6:10', 'summary has 2 points; write 3 to 6 key points'],
      ['article.md:15:1', '`#` headings are not used in the body'],
      ['article.md:17:1', '`####` headings are too deep: write `## ` for a section or `### `'],
      ['article.md:21:5', 'lists nest one level deep at most'],
      ['article.md:23:1', 'raw HTML is not supported: write the text in Markdown'],
      ['article.md:25:6', 'raw HTML is not supported'],
      ['article.md:27:1', 'code blocks (``` fences, or lines indented by 4 spaces) have no place in a brief'],
      [
        'article.md:31:1',
        'thematic breaks (`---`, `***`) are not supported: start a new section with a `## `',
      ],
      ['article.md:33:7', 'an image inside a running paragraph: put the figure alone in its own paragraph'],
      ['article.md:35:9', "footnote [^nope] is not defined: add a line `[^nope]: the note's text`"],
      ['article.md:37:1', 'a table caption line `: …` must come directly below its table'],
      ['article.md:42:1', 'leave a blank line between the table and its caption line'],
      ['article.md:44:1', "figure '../outside.png'"],
      ['article.md:46:5', 'strikethrough `~~…~~` has no meaning in a brief'],
      ['article.md:49:1', 'footnote [^ok] is defined twice (first on line 48); keep one definition'],
      [
        'article.md:50:1',
        'footnote [^unused] is defined but never cited: cite it with [^unused] in the text, or delete',
      ],
      ['article.md:52:1', '`**` here is not read as emphasis: end the emphasis before the punctuation'],
    ];
    expect(found).toHaveLength(expected.length);
    expected.forEach(([at, message], i) => {
      expect(found[i]?.startsWith(`${at} `)).toBe(true);
      expect(found[i]).toContain(message);
    });
  });

  /** Diagnostics of a body written into a fresh issue folder (with a chart.png beside it). */
  function bodyProblems(body: string): string[] {
    const dir = tempDir();
    made.push(dir);
    writeFileSync(path.join(dir, 'chart.png'), 'not checked here: the photo stage reads the pixels');
    const { diagnostics } = parseBody(path.join(dir, 'article.md'), body, 20);
    return diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  }

  it('refuses a figure without credit or caption, a web address, and a missing file', () => {
    expect(bodyProblems('![](chart.png "來源")\n\n![圖說](chart.png)\n')).toEqual([
      '20:1 a figure needs a caption: write `![caption](chart.png "credit")`',
      '22:1 a figure needs a credit in quotes after the file: `![caption](chart.png "資料來源：…")`',
    ]);
    expect(bodyProblems('![圖](https://x.org/c.png "來源")')[0]).toMatch(
      /^20:1 a figure is a file in the issue folder, not a web address/,
    );
    expect(bodyProblems('![圖](nope.png "來源")')[0]).toMatch(/^20:1 figure 'nope\.png'/);
  });

  it('refuses a figure without alt text, or with an empty one unless marked decorative, saying what alt is', () => {
    const dir = tempDir();
    made.push(dir);
    writeFileSync(path.join(dir, 'chart.png'), 'not read here');
    const { diagnostics } = parseBody(
      path.join(dir, 'article.md'),
      '![圖說](chart.png "來源")\n\n![圖說](chart.png "來源"){alt=""}\n\n![圖說](chart.png "來源"){alt="" decorative}\n',
      20,
    );
    expect(diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [20, 1, 'photo/alt'],
      [22, 1, 'photo/alt'],
    ]);
    expect(diagnostics[0]?.hint).toContain('The caption is not alt text');
  });

  it('refuses a figure that is a link out of the issue folder', () => {
    const outside = tempDir();
    made.push(outside);
    writeFileSync(path.join(outside, 'secret.png'), 'x');
    const dir = tempDir();
    made.push(dir);
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'chart.png'));
    const { diagnostics } = parseBody(path.join(dir, 'article.md'), '![圖](chart.png "來源")', 5);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)[0]).toMatch(
      /^5:1 figure 'chart\.png'.*outside/,
    );
  });

  it('takes only `{alt="…"}` after a figure', () => {
    expect(bodyProblems('![圖](chart.png "來源"){width=50%}')).toEqual([
      '20:1 after a figure, only a description `{alt="…"}` may follow: write `![caption](chart.png "credit"){alt="what the chart shows"}`',
    ]);
  });

  it('keeps lists, quotes and notes to what a brief sets', () => {
    expect(bodyProblems('- 項目\n\n  > 引文\n- ## 標題\n')).toEqual([
      '22:3 a block quote cannot appear in a list item: write paragraphs (and in a list item, one nested list)',
      '23:3 headings belong at the top level of the body, not in a list item: move it out, after a blank line',
    ]);
    expect(bodyProblems('文[^a]\n\n[^a]: 註文[^b]\n[^b]: 另一註\n')).toEqual([
      '22:9 a footnote cannot cite another footnote: write the reference as text in the note',
      '23:1 footnote [^b] is defined but never cited: cite it with [^b] in the text, or delete the definition',
    ]);
    expect(bodyProblems('| 甲 | 乙 |\n| - | - |\n| 1 | 2 | 3 |\n')).toEqual([
      '22:1 this table row has 3 cells but the header has 2: remove the extra cells or add a header cell',
    ]);
  });

  it('keeps an escaped colon, an escaped [^x] and a lone ~ as text', () => {
    const { blocks, diagnostics } = parseBody('a.md', '\\: 不是表說，\\[^x] 與 1~2。', 1);
    expect(diagnostics).toEqual([]);
    expect(blocks).toEqual([{ kind: 'paragraph', runs: [{ text: ': 不是表說，[^x] 與 1~2。' }], line: 1 }]);
  });
});

describe('front matter: authors, summary, notes', () => {
  async function withFrontMatter(edit: (text: string) => string): Promise<string> {
    const dir = await stage('source/verbatim');
    const file = path.join(dir, 'article.md');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  }

  it('refuses more than six key points, and neither author nor authors', async () => {
    const dir = await withFrontMatter((t) =>
      t.replace(
        /author:\n {2}name: 王小明\n {2}affiliation: 某研究院 \{\{#each x\}\}\n/,
        'summary: [一, 二, 三, 四, 五, 六, 七]\n',
      ),
    );
    expect(diagnosticsOf(() => loadArticle(dir)).map((d) => `${where(dir, d)} ${d.message}`)).toEqual([
      "article.md:2:1 the front matter is missing the required key 'author' (or 'authors' for several authors)",
      'article.md:3:10 summary has 7 points; write 3 to 6 key points, one list entry each',
    ]);
  });

  it('refuses an author without affiliation inside authors, at its line', async () => {
    const dir = await withFrontMatter((t) =>
      t.replace(
        /author:\n {2}name: 王小明\n {2}affiliation: 某研究院 \{\{#each x\}\}\n/,
        'authors:\n  - { name: 甲, affiliation: 乙 }\n  - name: 丙\n',
      ),
    );
    const found = diagnosticsOf(() => loadArticle(dir)).map((d) => `${where(dir, d)} ${d.message}`);
    expect(found[0]).toBe("article.md:5:5 authors[2] is missing the required key 'affiliation'");
  });

  it('reads notes: from the profile (default footnotes) and refuses other values', () => {
    const profile = readFileSync(path.join(PROJECT_ROOT, 'assets/foundation.yaml'), 'utf8');
    const dir = tempDir();
    made.push(dir);
    const file = path.join(dir, 'foundation.yaml');
    writeFileSync(file, profile.replace(/^notes:.*\n/m, ''));
    expect(loadFoundation(file, renderTextTemplate).notes).toBe('footnotes');
    writeFileSync(file, `${profile.replace(/^notes:.*\n/m, '')}notes: endnotes\n`);
    expect(loadFoundation(file, renderTextTemplate).notes).toBe('endnotes');
    writeFileSync(file, `${profile.replace(/^notes:.*\n/m, '')}notes: sidenotes\n`);
    expect(diagnosticsOf(() => loadFoundation(file, renderTextTemplate))[0]?.message).toBe(
      "notes must be one of: footnotes, endnotes (got 'sidenotes')",
    );
  });
});
