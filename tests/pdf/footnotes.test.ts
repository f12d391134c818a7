/**
 * Footnotes at the foot of the page, end to end: a spacer of growing height pushes the page
 * breaks through paragraphs that cite short and long notes; each PDF is read back and checked:
 * every note whole, in order, starting on the page of its reference, never overlapping the body,
 * continued notes put back together, marker and number linked both ways.
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import path from 'node:path';
import type { EditionFonts } from '../../src/fonts/index.js';
import { loadFontManifest } from '../../src/fonts/index.js';
import type { DocDefinition, Json } from '../../src/pdf/index.js';
import { renderPdf } from '../../src/pdf/index.js';
import { FootnoteLayout } from '../../src/pdf/footnotes.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import type { PdfReadBack } from '../support/pdf.js';
import { openPdf, readPdf, squash } from '../support/pdf.js';

const BODY = 11;
const NOTE = 8.5;
const SENTENCE = '美俄峰會之後，東北亞各國密切關注其後續發展，並據以調整自身的安全戰略與外交布局。';
const NOTES = [
  '參見某研究院，《東北亞安全報告》，2025 年，頁 12。',
  '同前註，頁 30–31。',
  `一則長註：${'論者指出，峰會未能達成停火協議，反映雙方對於領土與安全保證的立場仍有根本分歧，'.repeat(5)}此點有待後續觀察。`,
  '聯合國大會第 ES-11/1 號決議。',
  `另一則長註：${'相關討論可見各國國會聽證紀錄與智庫報告，其論點不一而足，'.repeat(4)}茲不贅述。`,
  '參見 https://example.org/report/6 。',
];

const CELL = 9;
const TABLE_HEAD = ['地區', '金額'];

/** A data table as the templates write one: header repeated, rows kept whole, one row citing note 4. */
function table(): Json {
  const cell = (text: string, cite?: number, head = false): Json => ({
    text: [
      { text },
      ...(cite === undefined ? [] : [{ text: String(cite), noteRef: cite, style: 'noteRef' }]),
    ],
    fontSize: CELL,
    font: 'Sans',
    bold: head,
    typeset: 'heading',
  });
  const rows = Array.from({ length: 14 }, (_, r) => [
    cell(`第 ${r + 1} 區，${'東北亞'.repeat(1 + (r % 3))}`, r === 7 ? 4 : undefined),
    cell(String(100 + r * 37)),
  ]);
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['*', 64],
      body: [TABLE_HEAD.map((h) => cell(h, undefined, true)), ...rows],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 8],
  };
}

function definition(spacer: number): DocDefinition {
  const paragraph = (i: number, cite: number | null): Json => ({
    text: [
      // The long notes are cited in the middle of long paragraphs, where a page may break.
      { text: SENTENCE.repeat(cite === 3 || cite === 5 ? 4 : 2 + (i % 2)) },
      ...(cite === null ? [] : [{ text: String(cite), noteRef: cite, style: 'noteRef' }]),
      { text: SENTENCE.repeat(cite === 3 || cite === 5 ? 4 : 1 + (i % 4)) + '完。' },
    ],
    style: 'body',
    typeset: 'paragraph',
  });
  return {
    pageSize: 'A4',
    pageMargins: [64, 56, 64, 68],
    language: 'zh-Hant-TW',
    info: {
      title: '註釋',
      author: '測試',
      subject: '註釋',
      creator: '測試',
      producer: 'test',
      series: '測試',
    },
    content: [
      { canvas: [{ type: 'rect', x: 0, y: 0, w: 20, h: spacer, color: '#dddddd' }] },
      // A table cites note 4 in one of its rows: the breaks pass through the table too.
      ...[null, 1, null, 2, 3, null, 'table', null, 5, null, 6, null].map((cite, i) =>
        typeof cite === 'string' ? table() : paragraph(i, cite),
      ),
    ],
    footnotes: NOTES.map((text, i) => ({
      note: i + 1,
      label: String(i + 1),
      text: [{ text }],
      style: 'footnote',
      typeset: 'paragraph',
    })),
    footer: { $perPage: { text: '第 {page} 頁', style: 'footer', margin: [64, 24, 64, 0] } },
    defaultStyle: { font: 'Serif', fontSize: BODY, linePitch: 1.75 },
    styles: {
      body: {
        fontSize: BODY,
        alignment: 'justify',
        linePitch: 1.75,
        firstLineIndent: 2,
        margin: [0, 0, 0, 4],
      },
      noteRef: { sup: true },
      footnote: { font: 'Sans', fontSize: NOTE, linePitch: 1.5, alignment: 'justify' },
      footer: { font: 'Sans', fontSize: 8 },
    },
  };
}

let fonts: EditionFonts;
const results: { spacer: number; pdf: PdfReadBack; bytes: Buffer }[] = [];

beforeAll(async () => {
  const hant = loadFontManifest(path.join(PROJECT_ROOT, 'fonts/fonts.json'), [])['zh-Hant'];
  fonts = hant;
  for (let spacer = 0; spacer <= 640; spacer += 13) {
    const bytes = await renderPdf(definition(spacer), {
      fonts,
      date: new Date('2025-01-01T00:00:00Z'),
      pdfa: false,
    });
    results.push({ spacer, pdf: await readPdf(bytes), bytes });
  }
}, 240_000);

const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.3;

/** Note lines of a page: the note size, above the footer. */
function noteItems(pdf: PdfReadBack, page: number): { str: string; x: number; y: number }[] {
  return (pdf.pages[page - 1]?.items ?? []).filter((i) => near(i.fontSize, NOTE) && i.str.trim() !== '');
}

/** Notes whose number is not at the foot of the page of their marker. */
function misplaced(pdf: PdfReadBack): string[] {
  return NOTES.flatMap((_, i) => {
    const label = String(i + 1);
    const markerPage = pdf.pages.find((p) =>
      p.items.some(
        (it) => it.str === label && (near(it.fontSize, BODY * 0.58) || near(it.fontSize, CELL * 0.58)),
      ),
    )?.number;
    const notePage = pdf.pages.find((p) =>
      noteItems(pdf, p.number).some((it) => it.str === label && near(it.x, 64)),
    )?.number;
    return markerPage === notePage
      ? []
      : [`note ${label}: marker on page ${markerPage}, note on ${notePage}`];
  });
}

/** Pages where a body line runs into the notes, or the notes into the running footer. */
function overlaps(pdf: PdfReadBack): string[] {
  const out: string[] = [];
  for (const page of pdf.pages) {
    const notes = noteItems(pdf, page.number);
    if (notes.length === 0) continue;
    const body = page.items.filter(
      (i) => (near(i.fontSize, BODY) || near(i.fontSize, CELL)) && i.str.trim() !== '',
    );
    const lowestBody = Math.max(...body.map((i) => i.y));
    const topNote = Math.min(...notes.map((i) => i.y));
    // Baselines: a note line's ascent is under 1 em of its size, plus the rule's gap.
    if (topNote - NOTE - lowestBody <= 0)
      out.push(`page ${page.number}: body at ${lowestBody}, notes at ${topNote}`);
    // And the notes stay above the running footer.
    const footer = page.items.filter((i) => near(i.fontSize, 8)).map((i) => i.y);
    if (Math.max(...notes.map((i) => i.y)) >= Math.min(...footer))
      out.push(`page ${page.number}: notes in the footer`);
  }
  return out;
}

describe('footnotes at the foot of the page', () => {
  it('sets every note whole and in order, continued notes put back together', () => {
    for (const r of results) {
      const all = r.pdf.pages
        .map((p) => noteItems(r.pdf, p.number))
        .flat()
        .map((i) => i.str)
        .join('');
      expect({ spacer: r.spacer, notes: squash(all) }).toEqual({
        spacer: r.spacer,
        notes: squash(NOTES.map((n, i) => `${i + 1}${n}`).join('')),
      });
    }
  });

  it('starts each note on the page of its reference', () => {
    for (const r of results)
      expect({ spacer: r.spacer, misplaced: misplaced(r.pdf) }).toEqual({ spacer: r.spacer, misplaced: [] });
  });

  it('never lets the body run into the notes', () => {
    for (const r of results)
      expect({ spacer: r.spacer, overlaps: overlaps(r.pdf) }).toEqual({ spacer: r.spacer, overlaps: [] });
  });

  it('really moves the breaks: long notes split over pages in some layouts', () => {
    const split = results.filter((r) => {
      const pagesOfNote3 = r.pdf.pages.filter((p) =>
        /論者指出|根本分歧|有待後續觀察/.test(
          squash(
            noteItems(r.pdf, p.number)
              .map((i) => i.str)
              .join(''),
          ),
        ),
      );
      return pagesOfNote3.length > 1;
    });
    const pageCounts = new Set(results.map((r) => r.pdf.pages.length));
    expect(pageCounts.size).toBeGreaterThan(1);
    expect(split.length).toBeGreaterThan(0);
  });

  it('fails when note placement is switched off (the page-break rule never moves a line)', async () => {
    // The page-break rule and the keep rules' look-ahead both answer as if there were no notes.
    const rule = jest.spyOn(FootnoteLayout.prototype, 'mustBreakBefore').mockReturnValue(false);
    const fits = jest.spyOn(FootnoteLayout.prototype, 'fits').mockReturnValue(true);
    try {
      const found: string[] = [];
      for (let spacer = 0; spacer <= 640; spacer += 65) {
        const bytes = await renderPdf(definition(spacer), {
          fonts,
          date: new Date('2025-01-01T00:00:00Z'),
          pdfa: false,
        });
        const pdf = await readPdf(bytes);
        found.push(...overlaps(pdf), ...misplaced(pdf));
      }
      expect(rule).toHaveBeenCalled();
      expect(found.length).toBeGreaterThan(0);
    } finally {
      rule.mockRestore();
      fits.mockRestore();
    }
  }, 120_000);

  it('repeats the table header on every page the table reaches, and really breaks the table', () => {
    let broken = 0;
    for (const r of results) {
      const pages = r.pdf.pages.filter((p) => /第\d+區/.test(squash(p.items.map((i) => i.str).join(''))));
      // A header is never left at a page's foot without a row under it.
      const headed = r.pdf.pages.filter((p) =>
        squash(p.items.map((i) => i.str).join('')).includes(TABLE_HEAD.join('')),
      );
      expect({ spacer: r.spacer, headed: headed.map((p) => p.number) }).toEqual({
        spacer: r.spacer,
        headed: pages.map((p) => p.number),
      });
      if (pages.length > 1) broken++;
      for (const p of pages) {
        const text = squash(p.items.map((i) => i.str).join(''));
        expect({ spacer: r.spacer, page: p.number, header: text.includes(TABLE_HEAD.join('')) }).toEqual({
          spacer: r.spacer,
          page: p.number,
          header: true,
        });
      }
    }
    expect(broken).toBeGreaterThan(0);
  });

  it('links each marker to its note and each note number back to its marker', async () => {
    const first = results[0];
    if (!first) throw new Error('no render');
    const doc = await openPdf(first.bytes);
    const dests = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      const annotations = (await (await doc.getPage(n)).getAnnotations()) as {
        subtype: string;
        dest?: unknown;
      }[];
      for (const a of annotations) if (a.subtype === 'Link' && typeof a.dest === 'string') dests.add(a.dest);
    }
    const named = ((await doc.getDestinations()) ?? {}) as Record<string, unknown>;
    await doc.destroy();
    for (let k = 1; k <= NOTES.length; k++) {
      expect(dests).toContain(`note-${k}`);
      expect(dests).toContain(`noteref-${k}`);
      expect(Object.keys(named)).toEqual(expect.arrayContaining([`note-${k}`, `noteref-${k}`]));
    }
  });
});
