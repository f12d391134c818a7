/**
 * Every construct of the article format end to end: one small issue per construct
 * (tests/fixtures/constructs/*), built in both editions by the real pipeline (templates, opencc,
 * sharp, pdfmake, fonts), read back from the PDFs. For each: 0 characters of the construct's text
 * missing in either edition, and its structure visible on the page (tests/pdf/construct-checks.ts).
 * The note and table checks are also run on PDFs broken on purpose, and must complain.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { localizeBrief } from '../../src/localize/index.js';
import type { Block, Brief, Edition, Run } from '../../src/model.js';
import { EDITIONS } from '../../src/model.js';
import type { DocDefinition, Json, JsonObject } from '../../src/pdf/index.js';
import { renderPdf } from '../../src/pdf/index.js';
import type { Project } from '../../src/pipeline/index.js';
import { buildIssue, editionDefinition, loadProject } from '../../src/pipeline/index.js';
import { FIXTURES, PROJECT_ROOT, stageIssue } from '../support/fixtures.js';
import type { PdfReadBack } from '../support/pdf.js';
import { missingCharacters, openPdf, readPdf, squash } from '../support/pdf.js';
import {
  endnoteProblems,
  footnoteProblems,
  itemsOf,
  listProblems,
  PAGE,
  SIZE,
  tableProblems,
} from './construct-checks.js';

const CONSTRUCTS = [
  'list',
  'quote',
  'table',
  'table-notes',
  'figure',
  'footnotes',
  'endnotes',
  'summary',
  'authors',
] as const;
type Construct = (typeof CONSTRUCTS)[number];

interface Built {
  brief: Brief;
  bytes: Buffer;
  pdf: PdfReadBack;
  labels: Record<string, string>;
}

let project: Project;
const built = new Map<string, Built>();
const dirs = new Map<Construct, string>();

function get(construct: Construct, edition: Edition): Built {
  const b = built.get(`${construct}/${edition}`);
  if (!b) throw new Error(`${construct} ${edition} was not built`);
  return b;
}

beforeAll(async () => {
  project = loadProject(PROJECT_ROOT);
  for (const construct of CONSTRUCTS) {
    const dir = await stageIssue(path.join(FIXTURES, 'constructs', construct));
    dirs.set(construct, dir);
    if (construct === 'figure') {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="500"><rect width="100%" height="100%" fill="#f4f6f9"/><rect x="80" y="100" width="120" height="360" fill="#2a5d95"/></svg>`;
      writeFileSync(path.join(dir, 'chart.png'), await sharp(Buffer.from(svg)).png().toBuffer());
    }
    const build = await buildIssue(project, dir, { editions: [...EDITIONS], outDir: dir });
    for (const e of build.editions) {
      const { brief } = localizeBrief(build.article, project.foundation, e.edition, project.glossary);
      built.set(`${construct}/${e.edition}`, {
        brief,
        bytes: e.pdf,
        pdf: await readPdf(e.pdf),
        labels: project.templates.labels[e.edition] ?? {},
      });
    }
  }
}, 300_000);

const plain = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');
/** The body text without the footer and the note area's text size (notes are checked apart). */
const bodyText = (pdf: PdfReadBack): string =>
  itemsOf(pdf)
    .filter((i) => i.y < PAGE.bodyBottom + 4 && Math.abs(i.fontSize - SIZE.footnote) > 0.3)
    .map((i) => i.str)
    .join('');
const allText = (pdf: PdfReadBack): string =>
  itemsOf(pdf)
    .filter((i) => i.y < PAGE.bodyBottom + 4)
    .map((i) => i.str)
    .join('');
function blocksOf<K extends Block['kind']>(brief: Brief, kind: K): Extract<Block, { kind: K }>[] {
  return brief.body.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);
}
const noteTexts = (brief: Brief): string[] =>
  brief.notes.map((n) => n.blocks.map((b) => plain(b.runs)).join(''));
const lastParagraph = (brief: Brief): string => plain(blocksOf(brief, 'paragraph').at(-1)?.runs ?? []);

/** 0 missing characters, and each text present as written (in order, whole). */
function expectAllText(pdfText: string, texts: readonly string[]): void {
  const squashed = squash(pdfText);
  expect(missingCharacters(texts.join(''), pdfText)).toEqual([]);
  for (const t of texts) expect(squashed).toContain(squash(t));
}

describe.each(EDITIONS)('constructs in the %s edition', (edition) => {
  it('lists: every item whole, its label hung before it, nested items indented', () => {
    const { brief, pdf } = get('list', edition);
    const lists = blocksOf(brief, 'list');
    expect(lists.map((l) => l.ordered)).toEqual([false, true]);
    const expected: { label: string; text: string; depth: number }[] = [];
    const texts: string[] = [];
    for (const list of lists)
      list.items.forEach((item, i) => {
        item.blocks.forEach((b, j) => {
          if (b.kind === 'paragraph') {
            texts.push(plain(b.runs));
            if (j === 0)
              expected.push({
                label: list.ordered ? `${list.start + i}.` : '•',
                text: plain(b.runs),
                depth: 0,
              });
          } else
            for (const nested of b.items) {
              const p = nested.blocks[0];
              if (p?.kind !== 'paragraph') continue;
              texts.push(plain(p.runs));
              expected.push({ label: '•', text: plain(p.runs), depth: 1 });
            }
        });
      });
    expect(expected).toHaveLength(8);
    expectAllText(bodyText(pdf), texts);
    // listItem is 11 pt, its label hangs 1.6 em (templates/partials/list.hbs).
    expect(listProblems(pdf, expected, 1.6 * SIZE.body)).toEqual([]);
    // The list's indent narrows its lines: none runs past the right margin.
    expect(itemsOf(pdf).filter((i) => i.x + i.width > PAGE.right + 0.5)).toEqual([]);
  });

  it('block quotes: whole, in the sans face, indented 22 pt on both sides', () => {
    const { brief, pdf } = get('quote', edition);
    const quote = blocksOf(brief, 'quote')[0];
    const paragraphs = (quote?.blocks ?? []).map((b) => (b.kind === 'paragraph' ? plain(b.runs) : ''));
    expect(paragraphs).toHaveLength(2);
    expectAllText(bodyText(pdf), paragraphs);
    const lines = itemsOf(pdf).filter((i) => Math.abs(i.fontSize - SIZE.quote) < 0.1);
    expect(squash(lines.map((i) => i.str).join(''))).toBe(squash(paragraphs.join('')));
    for (const i of lines) {
      expect(pdf.fonts.get(i.fontName)).toMatch(/Sans/);
      expect(i.x).toBeGreaterThanOrEqual(PAGE.left + 22 - 0.1);
      expect(i.x + i.width).toBeLessThanOrEqual(PAGE.right - 22 + 0.1);
    }
    expect(Math.min(...lines.map((i) => i.x))).toBeCloseTo(PAGE.left + 22, 1);
  });

  it('tables: caption above, the header repeated on every page the rows reach, numbers on one edge', () => {
    const { brief, pdf, labels } = get('table', edition);
    const table = blocksOf(brief, 'table')[0];
    if (!table) throw new Error('no table');
    const header = table.header.cells.map(plain);
    const rows = table.rows.map((r) => r.cells.map(plain));
    const caption = `${labels['table'] ?? ''}1${plain(table.caption ?? [])}`;
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expectAllText(bodyText(pdf), [caption, header.join(''), ...rows.map((r) => r.join(''))]);
    const { problems, pages } = tableProblems(pdf, { caption, header, rows, numericColumns: 2 });
    expect(problems).toEqual([]);
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('tables citing notes: rows break across pages, each note at the foot of its row’s page', () => {
    const { brief, pdf, labels } = get('table-notes', edition);
    const table = blocksOf(brief, 'table')[0];
    if (!table) throw new Error('no table');
    const notes = noteTexts(brief);
    expect(notes).toHaveLength(3);
    const rows = table.rows.map((r) => r.cells.map(plain));
    const { problems, pages } = tableProblems(pdf, {
      caption: `${labels['table'] ?? ''}1${plain(table.caption ?? [])}`,
      header: table.header.cells.map(plain),
      rows,
      numericColumns: 2,
    });
    expect(problems).toEqual([]);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(footnoteProblems(pdf, notes)).toEqual([]);
    // The table runs on from page to page: no page is left with only its header.
    expect(pdf.pages.length).toBeLessThanOrEqual(4);
  });

  it('figures: numbered caption and credit below the picture, the picture embedded', async () => {
    const { brief, pdf, labels, bytes } = get('figure', edition);
    const figure = blocksOf(brief, 'figure')[0];
    if (!figure) throw new Error('no figure');
    const caption = `${labels['figure'] ?? ''}1${figure.caption}`;
    expectAllText(allText(pdf), [caption, `（${figure.credit}）`]);
    const text = squash(allText(pdf));
    const [before, after] = blocksOf(brief, 'paragraph').map((p) => squash(plain(p.runs)));
    expect(text.indexOf(before ?? '?')).toBeLessThan(text.indexOf(squash(caption)));
    expect(text.indexOf(squash(caption))).toBeLessThan(text.indexOf(after ?? '?'));
    // The lead photo and the figure: two pictures drawn.
    const doc = await openPdf(bytes);
    let pictures = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const ops = await (await doc.getPage(n)).getOperatorList();
      pictures += ops.fnArray.filter((op) => op === 85 /* OPS.paintImageXObject */).length;
    }
    await doc.destroy();
    expect(pictures).toBe(2);
  });

  it('footnotes: each note whole at the foot of its marker’s page, clear of the body', () => {
    const { brief, pdf } = get('footnotes', edition);
    const notes = noteTexts(brief);
    expect(notes).toHaveLength(8);
    expect(notes.some((n) => n.length > 150)).toBe(true);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    const noteArea = itemsOf(pdf).filter((i) => Math.abs(i.fontSize - SIZE.footnote) < 0.3);
    expect(missingCharacters(notes.join(''), noteArea.map((i) => i.str).join(''))).toEqual([]);
    expect(footnoteProblems(pdf, notes)).toEqual([]);
  });

  it('endnotes: no note at a page foot, all of them after the body under the notes heading', () => {
    const { brief, pdf, labels } = get('endnotes', edition);
    const notes = noteTexts(brief);
    expect(notes).toHaveLength(8);
    expectAllText(allText(pdf), notes);
    expect(endnoteProblems(pdf, notes, labels['notes'] ?? '?', lastParagraph(brief))).toEqual([]);
  });

  it('key points: in the box under its heading, after the byline, before the body, each hung after •', () => {
    const { brief, pdf, labels } = get('summary', edition);
    expect(brief.summary).toHaveLength(3);
    const heading = labels['summary'] ?? '?';
    expectAllText(bodyText(pdf), [heading, ...brief.summary]);
    const text = squash(bodyText(pdf));
    const firstBody = squash(plain(blocksOf(brief, 'paragraph')[0]?.runs ?? []));
    // (The title says 重點摘要 too: look for the box's heading after the byline.)
    const byline = text.indexOf(squash(brief.author.affiliation));
    const box = text.indexOf(squash(heading), byline);
    expect(byline).toBeGreaterThan(0);
    expect(box).toBeGreaterThan(byline);
    expect(text.indexOf(squash(brief.summary[0] ?? '?'))).toBeGreaterThan(box);
    expect(text.indexOf(squash(brief.summary.at(-1) ?? '?'))).toBeLessThan(text.indexOf(firstBody));
    expect(
      listProblems(
        pdf,
        brief.summary.map((s) => ({ label: '•', text: s, depth: 0 })),
        1.4 * 9.5,
      ),
    ).toEqual([]);
  });

  it('several authors: every one in the byline, their bios after the body and before the editor’s note', () => {
    const { brief, pdf, labels } = get('authors', edition);
    expect(brief.authors).toHaveLength(3);
    const bios = brief.authors.map((a) => a.bio ?? '');
    expectAllText(bodyText(pdf), [...brief.authors.flatMap((a) => [a.name, a.affiliation]), ...bios]);
    const text = squash(bodyText(pdf));
    const body = text.indexOf(squash(lastParagraph(brief)));
    for (const a of brief.authors) expect(text.indexOf(squash(a.name + a.affiliation))).toBeLessThan(body);
    const heading = text.indexOf(squash(labels['bios'] ?? '?'), body);
    expect(heading).toBeGreaterThan(body);
    let at = heading;
    for (const bio of bios) {
      const next = text.indexOf(squash(bio), at);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(text.indexOf(squash(labels['editorNote'] ?? '?'), heading)).toBeGreaterThan(at);
  });
});

describe('the checks can fail', () => {
  /** The footnote fixture's definition for zh-Hant, changed by `edit`, rendered and read back. */
  async function broken(
    construct: Construct,
    edit: (definition: DocDefinition) => void,
  ): Promise<PdfReadBack> {
    const { loadArticle } = await import('../../src/source/index.js');
    const article = loadArticle(dirs.get(construct) ?? '?');
    const grey = { image: await greyPng(), widthPt: 467.28, heightPt: 262.8 };
    const { definition } = editionDefinition(project, article, 'zh-Hant', { photo: grey, figures: {} });
    edit(definition);
    const bytes = await renderPdf(definition, {
      fonts: project.fonts['zh-Hant'],
      date: new Date('2025-10-06T00:00:00Z'),
      pdfa: false,
    });
    return readPdf(bytes);
  }

  it('notes moved from the page foot to after the body fail the footnote check', async () => {
    const pdf = await broken('footnotes', (definition) => {
      const notes = (definition['footnotes'] ?? []) as Json[];
      definition['footnotes'] = [];
      const content = definition['content'] as Json[];
      content.push(...notes.map((n) => ({ ...(n as JsonObject), note: undefined })));
    });
    const notes = noteTexts(get('footnotes', 'zh-Hant').brief);
    const problems = footnoteProblems(pdf, notes);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/note 1: not at any page's foot/);
  });

  it('a table without its repeated header fails the table check', async () => {
    const pdf = await broken('table', (definition) => {
      const visit = (node: Json | undefined): void => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (node !== null && typeof node === 'object') {
          const table = node['table'];
          if (table !== null && typeof table === 'object' && !Array.isArray(table)) table['headerRows'] = 0;
          Object.values(node).forEach(visit);
        }
      };
      visit(definition['content'] ?? null);
    });
    const { brief, labels } = get('table', 'zh-Hant');
    const table = blocksOf(brief, 'table')[0];
    if (!table) throw new Error('no table');
    const { problems } = tableProblems(pdf, {
      caption: `${labels['table'] ?? ''}1${plain(table.caption ?? [])}`,
      header: table.header.cells.map(plain),
      rows: table.rows.map((r) => r.cells.map(plain)),
      numericColumns: 2,
    });
    expect(problems.join('\n')).toMatch(/page \d+: no header row/);
  });
});

async function greyPng(): Promise<string> {
  const png = await sharp({ create: { width: 16, height: 9, channels: 3, background: '#888888' } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
