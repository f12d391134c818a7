/**
 * Test helpers for the localize stage (and others): build an Article and a Foundation in memory,
 * and read/write the brief fixture format used in tests/fixtures/localize.
 *
 * Fixture format, one item per line, blank lines ignored, `%` starts a comment line:
 *   key: value          title, author, affiliation, date, keywords (separated by "、"), caption,
 *                       credit, creditUrl, note, conversion, keep and names (separated by " | "),
 *                       glossary (source => target, separated by " | "),
 *                       foundation.name / .shortName / .series / .about / .address / .tel / .fax / .url
 *   ## text             a heading
 *   any other line      a paragraph; `*text*` is an emphasised run, `[text](url)` a link run
 * The same format serialises a Brief, so a converted brief can be compared with an expected file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type {
  Article,
  Block,
  Brief,
  ConversionProfile,
  Foundation,
  GlossaryEntry,
  Run,
} from '../../src/model.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/localize/', import.meta.url));

/** A foundation profile with the sample's wording; override any field. */
export function makeFoundation(overrides: Partial<Foundation> = {}): Foundation {
  return {
    file: '/project/assets/foundation.yaml',
    name: '財團法人兩岸交流遠景基金會',
    shortName: '遠景基金會',
    series: '遠景論壇',
    about: '本基金會為研究國際政經情勢之民間學術智庫。',
    address: '臺北市汀州路三段 60 巷 1 號',
    tel: '886-2-23654366',
    fax: '886-2-23679193',
    url: 'http://www.pf.org.tw',
    disclaimer: '本文僅代表作者個人觀點，不代表遠景基金會之政策與立場。',
    conversion: 'mainland',
    notes: 'footnotes',
    fonts: [],
    archive: null,
    ...overrides,
  };
}

/** A one-paragraph article; override any field. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  const author = overrides.author ?? { name: '王小明', affiliation: '遠景基金會研究員' };
  return {
    slug: 'test-issue',
    file: '/project/assets/issues/test-issue/article.md',
    title: '測試標題',
    authors: [author],
    author,
    summary: [],
    notes: [],
    date: '2025-09-01',
    keywords: [],
    photo: { file: '/project/assets/issues/test-issue/photo.jpg', caption: '圖說', credit: '圖片來源：作者' },
    body: [paragraph('內文。', 10)],
    glossary: [],
    keep: [],
    names: [],
    ...overrides,
  };
}

/** A paragraph block from inline text (see the file comment for `*…*` and `[…](…)`). */
export function paragraph(text: string, line = 1): Block {
  return { kind: 'paragraph', runs: parseRuns(text), line };
}

export function heading(text: string, line = 1): Block {
  return { kind: 'heading', level: 2, runs: parseRuns(text), line };
}

/** The runs of the heading or paragraph `blocks[index]` (an error for any other block). */
export function runsAt(blocks: readonly Block[], index: number): Run[] {
  const block = blocks[index];
  if (block?.kind !== 'heading' && block?.kind !== 'paragraph') {
    throw new Error(`block ${index} is ${block?.kind ?? 'missing'}, not a heading or paragraph`);
  }
  return block.runs;
}

/** A glossary entry as if read from `file` at `line`. */
export function entry(source: string, target: string, file = 'article.md', line = 1): GlossaryEntry {
  return { source, target, origin: { file, line } };
}

/** Splits inline text into runs: `*emphasis*` and `[link text](url)`. */
export function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  const re = /\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/gu;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], emphasis: true });
    else runs.push({ text: m[2] ?? '', link: m[3] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

export function formatRuns(runs: Run[]): string {
  return runs
    .map((r) => (r.link !== undefined ? `[${r.text}](${r.link})` : r.emphasis ? `*${r.text}*` : r.text))
    .join('');
}

/** Reads a fixture file into an Article and a Foundation. */
export function readFixture(name: string): { article: Article; foundation: Foundation } {
  const file = FIXTURES + name;
  return parseFixture(readFileSync(file, 'utf8'), file);
}

export function parseFixture(text: string, file: string): { article: Article; foundation: Foundation } {
  const fields = new Map<string, string>();
  const body: Block[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('%')) return;
    if (line.startsWith('## ')) {
      body.push(heading(line.slice(3), i + 1));
      return;
    }
    const field = /^([a-zA-Z.]+): (.*)$/.exec(line);
    if (field?.[1] !== undefined && field[2] !== undefined) fields.set(field[1], field[2]);
    else body.push(paragraph(line, i + 1));
  });
  const get = (key: string) => fields.get(key) ?? '';
  const list = (key: string, sep: string) => (fields.has(key) ? get(key).split(sep) : []);
  const foundation = makeFoundation({
    name: get('foundation.name'),
    shortName: get('foundation.shortName'),
    series: get('foundation.series'),
    about: get('foundation.about'),
    address: get('foundation.address'),
    tel: get('foundation.tel'),
    fax: get('foundation.fax'),
    url: get('foundation.url'),
  });
  const conversion = fields.get('conversion') as ConversionProfile | undefined;
  const note = fields.get('note');
  const creditUrl = fields.get('creditUrl');
  const article = makeArticle({
    slug: file.replace(/^.*\//, '').replace(/\..*$/, ''),
    file,
    title: get('title'),
    author: { name: get('author'), affiliation: get('affiliation') },
    date: get('date') || '2025-09-01',
    keywords: list('keywords', '、'),
    photo: {
      file: '/dev/null',
      caption: get('caption'),
      credit: get('credit'),
      ...(creditUrl !== undefined ? { creditUrl } : {}),
    },
    ...(note !== undefined ? { note } : {}),
    ...(conversion !== undefined ? { conversion } : {}),
    body,
    keep: list('keep', ' | '),
    names: list('names', ' | '),
    glossary: list('glossary', ' | ').map((pair, i) => {
      const [source = '', target = ''] = pair.split(' => ');
      return entry(source, target, file, i + 1);
    }),
  });
  return { article, foundation };
}

/** Writes a Brief in the fixture format (the keys the Brief has). */
export function formatBrief(brief: Brief): string {
  const lines = [
    `title: ${brief.title}`,
    `author: ${brief.author.name}`,
    `affiliation: ${brief.author.affiliation}`,
  ];
  if (brief.keywords.length > 0) lines.push(`keywords: ${brief.keywords.join('、')}`);
  lines.push(`caption: ${brief.photo.caption}`, `credit: ${brief.photo.credit}`);
  if (brief.photo.creditUrl !== undefined) lines.push(`creditUrl: ${brief.photo.creditUrl}`);
  lines.push('');
  for (const block of brief.body) {
    if (block.kind === 'heading') lines.push(`## ${formatRuns(block.runs)}`, '');
    else if (block.kind === 'paragraph') lines.push(formatRuns(block.runs), '');
    else throw new Error(`the fixture format has no ${block.kind}`);
  }
  lines.push(`note: ${brief.note}`, '');
  const f = brief.foundation;
  lines.push(
    `foundation.name: ${f.name}`,
    `foundation.shortName: ${f.shortName}`,
    `foundation.series: ${f.series}`,
    `foundation.about: ${f.about}`,
    `foundation.address: ${f.address}`,
    `foundation.tel: ${f.tel}`,
    `foundation.fax: ${f.fax}`,
    `foundation.url: ${f.url}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The fixture text without comments, options and blank-line differences, for comparison. */
export function normalizeFixture(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.replace(/\r$/, ''))
      .filter(
        (l) => l.trim() !== '' && !l.startsWith('%') && !/^(date|conversion|keep|names|glossary): /.test(l),
      )
      .join('\n') + '\n'
  );
}
