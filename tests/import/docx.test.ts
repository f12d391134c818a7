/**
 * Word files made with the `docx` package: every construct lands in the rich-content syntax of
 * issue 11, checked on the article read back with a real CommonMark + GFM parser (structure, not
 * just text); a plain one builds end to end today; tracked changes are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { loadArticle } from '../../src/source/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import { readPdf, squash, textWithoutFooters } from '../support/pdf.js';
import type { MdNode, parseMarkdown } from './support.js';
import {
  CREDIT_URL,
  brief,
  jpeg,
  nodes,
  plainDocx,
  png,
  readArticle,
  removeTemp,
  richDocx,
  temp,
  tempProject,
  textOf,
  trackedDocx,
} from './support.js';

type Tree = ReturnType<typeof parseMarkdown>;

let photo: Buffer;
let chart: Buffer;
beforeAll(async () => {
  photo = await jpeg(800, 450);
  chart = await png(600, 300, '#2a6f97');
});
afterAll(removeTemp);

function all(tree: Tree, type: string): MdNode[] {
  return nodes(tree).filter((n) => n.type === type);
}

/**
 * `brief import` of a Word file into a new project (exit 0 expected), then the keys only a person
 * can fill in written into its article.md; returns the issue folder.
 */
async function importAndFillIn(
  docx: Buffer,
  slug: string,
  edits: [RegExp | string, string][],
): Promise<string> {
  const root = tempProject();
  const file = path.join(temp(), `${slug}.docx`);
  writeFileSync(file, docx);
  const r = await brief(root, ['import', file, '--slug', slug]);
  expect(r.code).toBe(0);
  const issue = path.join(root, 'assets/issues', slug);
  const md = path.join(issue, 'article.md');
  writeFileSync(
    md,
    edits.reduce((text, [from, to]) => text.replace(from, to), readFileSync(md, 'utf8')),
  );
  return issue;
}

describe('brief import of a rich Word document', () => {
  let root: string;
  let issue: string;
  let out: { code: number; stdout: string; stderr: string };
  let article: ReturnType<typeof readArticle>;

  beforeAll(async () => {
    root = tempProject();
    const file = path.join(temp(), 'chips.docx');
    writeFileSync(file, await richDocx(photo, chart));
    out = await brief(root, ['import', file, '--slug', 'chips']);
    issue = path.join(root, 'assets/issues/chips');
    article = readArticle(issue);
  });

  it('exits 0 and reports each decision on its own line', () => {
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('title: 半導體供應鏈的下一步');
    expect(out.stdout).toContain('author: 張三, 國立臺灣大學經濟學系教授');
    expect(out.stdout).toMatch(/^footnotes: 3$/m);
    expect(out.stdout).toMatch(/^tables: 1$/m);
    expect(out.stdout).toMatch(
      /^needs you: date, keywords, photo alt, credit of figure-1.png, alt of figure-1.png$/m,
    );
  });

  it('fills the front matter from the title, byline, lead photo and its caption', () => {
    const front = article.front.split('\n');
    expect(front).toContain('title: 半導體供應鏈的下一步');
    expect(front).toContain('  name: 張三');
    expect(front).toContain('  affiliation: 國立臺灣大學經濟學系教授');
    expect(front).toContain('  file: photo.jpg');
    expect(front).toContain('  caption: 新竹科學園區的晶圓廠。');
    expect(front).toContain('  credit: 圖片來源');
    expect(front).toContain(`  creditUrl: ${CREDIT_URL}`);
    expect(front.find((l) => l.startsWith('date:'))).toMatch(/^date: # needs you/);
    // The photo is the document's own image, byte for byte (JPEG in, JPEG out).
    expect(readFileSync(path.join(issue, 'photo.jpg')).equals(photo)).toBe(true);
  });

  it('keeps headings at two levels', () => {
    const headings = all(article.tree, 'heading').map((h) => [h.depth, textOf(h)]);
    expect(headings).toEqual([
      [2, '產業現況'],
      [3, '產能數據'],
      [2, '政策建議'],
    ]);
  });

  it('keeps a bulleted and a numbered list with their items', () => {
    const lists = all(article.tree, 'list');
    expect(lists.map((l) => l.ordered)).toEqual([false, true]);
    expect(lists[0]?.children?.map(textOf)).toEqual(['人才短缺', '能源供應', '地緣風險']);
    expect(lists[1]?.children?.map(textOf)).toEqual(['擴大人才培育。', '確保能源穩定。']);
  });

  it('keeps the table with its header row and its caption below it', () => {
    const [table] = all(article.tree, 'table');
    const rows = table?.children?.map((r) => r.children?.map(textOf));
    expect(rows).toEqual([
      ['年份', '產能（萬片）'],
      ['2023', '1,200'],
      ['2024', '1,350'],
      ['2025', '1,500'],
    ]);
    const blocks: MdNode[] = article.tree.children;
    const at = blocks.findIndex((b) => b.type === 'table');
    // The build numbers tables itself (表 1), so the document's own number is dropped.
    expect(textOf(blocks[at + 1] ?? { type: 'missing' })).toBe(': 臺灣晶圓產能');
  });

  it('keeps three footnotes, referenced in order and defined with their text', () => {
    const refs = all(article.tree, 'footnoteReference').map((r) => r.identifier);
    expect(refs).toEqual(['1', '2', '3']);
    const defs = all(article.tree, 'footnoteDefinition').map((d) => [d.identifier, textOf(d)]);
    expect(defs).toEqual([
      ['1', '經濟部統計處，《工業生產統計》，2025 年。'],
      ['2', '參見 Chip Wars，第 3 章。'],
      ['3', '作者訪談，2025 年 6 月。'],
    ]);
    const [second] = all(article.tree, 'footnoteDefinition').filter((d) => d.identifier === '2');
    expect(
      nodes(second ?? { type: 'missing' }).some((n) => n.type === 'emphasis' && textOf(n) === 'Chip Wars'),
    ).toBe(true);
  });

  it('keeps bold, italic and the link', () => {
    expect(all(article.tree, 'strong').map(textOf)).toEqual(['這是不爭的事實']);
    expect(all(article.tree, 'emphasis').map(textOf)).toContain('地緣政治風險');
    const links = all(article.tree, 'link').map((l) => [textOf(l), l.url]);
    expect(links).toEqual([['報告全文', 'https://www.example.org/report']]);
  });

  it('makes the second image a figure alone in its paragraph, written beside article.md', () => {
    const figures = all(article.tree, 'image');
    expect(figures.map((f) => [f.url, f.alt])).toEqual([['figure-1.png', '產能成長趨勢']]);
    const parent = (article.tree.children as MdNode[]).find((b) =>
      b.children?.some((c) => c.type === 'image'),
    );
    expect(parent?.type).toBe('paragraph');
    expect(parent?.children).toHaveLength(1);
    expect(readFileSync(path.join(issue, 'figure-1.png')).equals(chart)).toBe(true);
  });

  it('with --photo, takes that photo and makes every image of the document a figure', async () => {
    const file = path.join(temp(), 'chips.docx');
    writeFileSync(file, await richDocx(photo, chart));
    const given = path.join(temp(), 'lead.png');
    writeFileSync(given, await png(400, 300, '#884422'));
    const r = await brief(root, ['import', file, '--slug', 'chips-photo', '--photo', given]);
    expect(r.code).toBe(0);
    const a = readArticle(path.join(root, 'assets/issues/chips-photo'));
    expect(a.front).toContain('  file: photo.png');
    expect(all(a.tree, 'image').map((i) => i.url)).toEqual(['figure-1.jpg', 'figure-2.png']);
  });
});

describe('a rich Word document, imported and built', () => {
  it('keeps every construct in both editions: headings, lists, the table, notes, the figure', async () => {
    // A person supplies what only a person can: date, keywords, alt texts, the figure's credit.
    const issue = await importAndFillIn(await richDocx(photo, chart), 'chips-built', [
      [/^date: .*$/m, 'date: 2025-09-01'],
      [/^keywords: .*$/m, 'keywords: [半導體, 供應鏈]'],
      [/^ {2}alt: # needs you.*$/m, '  alt: 晶圓廠的無塵室，工程師正在檢查晶圓。'],
      ['(figure-1.png)', '(figure-1.png "資料來源：經濟部"){alt="長條圖：產能逐年成長。"}'],
    ]);
    const build = await buildIssue(loadProject(PROJECT_ROOT), issue, { outDir: temp() });
    const byEdition = new Map(build.editions.map((e) => [e.edition, e.pdf]));
    const expected = {
      'zh-Hant': [
        '產業現況',
        '產能數據',
        '政策建議',
        '人才短缺',
        '能源供應',
        '地緣風險',
        '1.擴大人才培育。',
        '2.確保能源穩定。',
        '表1',
        '臺灣晶圓產能',
        '年份',
        '產能（萬片）',
        '1,350',
        '經濟部統計處，《工業生產統計》，2025年。',
        '參見ChipWars，第3章。',
        '作者訪談，2025年6月。',
        '產能成長趨勢',
        '這是不爭的事實',
        '報告全文',
      ],
      'zh-Hans': [
        '产业现况',
        '产能数据',
        '政策建议',
        '人才短缺',
        '能源供应',
        '1.扩大人才培育。',
        '表1',
        '台湾晶圆产能',
        '年份',
        '作者访谈，2025年6月。',
        '产能成长趋势',
        '报告全文',
      ],
    } as const;
    for (const edition of ['zh-Hant', 'zh-Hans'] as const) {
      const pdf = byEdition.get(edition);
      if (!pdf) throw new Error(`no ${edition} edition`);
      const read = await readPdf(pdf);
      // Notes sit at the foot of the page, so read every line, footer zone included.
      const text = squash(read.pages.map((p) => p.items.map((i) => i.str).join('')).join(''));
      const missing = expected[edition].filter((s) => !text.includes(squash(s)));
      expect({ edition, missing }).toEqual({ edition, missing: [] });
      expect(read.pages.flatMap((p) => p.links.map((l) => l.url))).toContain(
        'https://www.example.org/report',
      );
    }
  });
});

describe('a plain Word document', () => {
  it('imports and builds today, with every word in the zh-Hant PDF', async () => {
    // A person supplies what only a person can: the date, the keywords and the photo's alt text.
    const issue = await importAndFillIn(await plainDocx(photo), 'wind', [
      [/^date: .*$/m, 'date: 2025-09-01'],
      [/^keywords: .*$/m, 'keywords: [離岸風電]'],
      [/^ {2}alt: # needs you.*$/m, '  alt: 海上的一排風力發電機。'],
    ]);
    const a = loadArticle(issue);
    expect(a.title).toBe('離岸風電的下一個十年');
    expect(a.author).toEqual({ name: '李四', affiliation: '中華經濟研究院研究員' });
    expect(a.photo.caption).toBe('彰化外海的風機。');
    expect(a.photo.creditUrl).toBe(CREDIT_URL);
    const build = await buildIssue(loadProject(PROJECT_ROOT), issue, {
      editions: ['zh-Hant'],
      outDir: temp(),
    });
    const [edition] = build.editions;
    if (!edition) throw new Error('no edition');
    const text = squash(textWithoutFooters(await readPdf(edition.pdf)));
    for (const s of [
      '離岸風電的下一個十年',
      '離岸風電是能源轉型的關鍵，政府的區塊開發政策已進入第三階段，詳見能源署公告。',
      '國產化的挑戰',
      '國產化要求提高了成本，也延後了併網時程，業者與政府需要重新協商。',
    ]) {
      expect(text).toContain(squash(s));
    }
  });
});

describe('a Word document with tracked changes', () => {
  it('is refused until the changes are accepted or rejected', async () => {
    const root = tempProject();
    const file = path.join(temp(), 'tracked.docx');
    writeFileSync(file, await trackedDocx());
    const r = await brief(root, ['import', file, '--slug', 'tracked']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: .*2 unaccepted tracked changes.*Accept All Changes`,
      ),
    );
    expect(r.stdout).toBe('');
  });
});
