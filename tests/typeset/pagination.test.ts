/**
 * Widows, orphans and keep-with-next under every page break: a spacer of growing height pushes a
 * heading and paragraphs of 1–6 lines down the first page, so the page break falls before, after
 * and inside each of them in turn. Rendered with the real pdfmake and fonts, read back from the PDF.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { EditionFonts } from '../../src/fonts/index.js';
import { loadFontManifest } from '../../src/fonts/index.js';
import { renderPdf } from '../../src/pdf/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import { readPdf, squash } from '../support/pdf.js';
import type { PdfLine } from './pdf-lines.js';
import { bodyParagraphs, pageContent, pdfLines } from './pdf-lines.js';
import type { DocDefinition } from '../../src/pdf/index.js';

const SENTENCE = '聯合國大會隨即召開特別會議，以壓倒性多數表決通過決議，譴責違反憲章的軍事侵略行為。';
const paragraph = (chars: number): string =>
  SENTENCE.repeat(Math.ceil(chars / SENTENCE.length)).slice(0, chars - 1) + '。';
// Lines hold 40 characters after the indent on the first line, 42 on the others.
const PARAGRAPHS = [paragraph(250), paragraph(110), paragraph(70), paragraph(30), paragraph(160)];

function definition(spacer: number): DocDefinition {
  return {
    pageSize: 'A4',
    language: 'zh-Hant-TW',
    info: {
      title: '分頁測試',
      author: '測試',
      subject: '分頁測試',
      creator: '測試',
      producer: 'brief test',
      series: '測試',
    },
    pageMargins: [64, 56, 64, 68],
    content: [
      { canvas: [{ type: 'rect', x: 0, y: 0, w: 20, h: spacer, color: '#dddddd' }] },
      { text: '標題：分頁測試', style: 'heading', keepWithNext: true },
      ...PARAGRAPHS.slice(0, 2).map((text) => ({ text, style: 'body', typeset: 'paragraph' })),
      // The second heading is set by our typesetter (as body.hbs does), the first by pdfmake.
      {
        text: '第二個標題，較長的標題：「國際法」與《聯合國憲章》的關係',
        style: 'heading',
        keepWithNext: true,
        typeset: 'heading',
      },
      ...PARAGRAPHS.slice(2).map((text) => ({ text, style: 'body', typeset: 'paragraph' })),
    ],
    footer: { $perPage: { text: '第 {page} 頁', style: 'footer', margin: [64, 24, 64, 0] } },
    defaultStyle: { font: 'Serif', fontSize: 11, linePitch: 1.75 },
    styles: {
      body: { fontSize: 11, alignment: 'justify', linePitch: 1.75, firstLineIndent: 2, margin: [0, 0, 0, 4] },
      heading: { font: 'Sans', bold: true, fontSize: 13, linePitch: 1.45, margin: [0, 10, 0, 6] },
      footer: { font: 'Sans', fontSize: 8 },
    },
  };
}

let fonts: Record<string, EditionFonts>;
const results: { spacer: number; lines: PdfLine[] }[] = [];

beforeAll(async () => {
  fonts = loadFontManifest(path.join(PROJECT_ROOT, 'fonts/fonts.json'), []);
  const hant = fonts['zh-Hant'];
  if (!hant) throw new Error('no zh-Hant fonts');
  // From a spacer that leaves everything on page 1 to one that pushes the last paragraphs over,
  // in steps smaller than a line.
  for (let spacer = 200; spacer <= 560; spacer += 7) {
    const pdf = await readPdf(
      await renderPdf(definition(spacer), {
        fonts: hant,
        date: new Date('2025-01-01T00:00:00Z'),
        pdfa: false,
      }),
    );
    results.push({ spacer, lines: pdfLines(pdf) });
  }
}, 120_000);

describe('pagination', () => {
  it('really moves the page break through every block', () => {
    // Which paragraph, and which of its lines, starts page 2 varies over the sweep.
    const starts = new Set(
      results.map((r) => {
        const paragraphs = bodyParagraphs(r.lines);
        const first = pageContent(r.lines, 2)[0];
        const p = paragraphs.findIndex((q) => first !== undefined && q.lines.includes(first));
        return `${p}:${p >= 0 ? paragraphs[p]?.lines.indexOf(first as PdfLine) : first?.kind}`;
      }),
    );
    expect(starts.size).toBeGreaterThan(5);
  });

  it('keeps every text, in order', () => {
    for (const r of results) {
      const paragraphs = bodyParagraphs(r.lines).map((p) => squash(p.lines.map((l) => l.text).join('')));
      expect(paragraphs).toEqual(PARAGRAPHS.map(squash));
    }
  });

  it('never leaves a widow or an orphan', () => {
    for (const r of results) {
      for (const p of bodyParagraphs(r.lines)) {
        const pages = [...new Set(p.lines.map((l) => l.page))];
        if (pages.length < 2) continue;
        const counts = pages.map((page) => p.lines.filter((l) => l.page === page).length);
        expect({ spacer: r.spacer, first: counts[0], last: counts.at(-1) }).toEqual({
          spacer: r.spacer,
          first: Math.max(2, counts[0] ?? 0),
          last: Math.max(2, counts.at(-1) ?? 0),
        });
      }
    }
  });

  it('never ends a page with a heading, and keeps two lines (or a whole one-line paragraph) after it', () => {
    for (const r of results) {
      const paragraphs = bodyParagraphs(r.lines);
      for (const page of new Set(r.lines.map((l) => l.page))) {
        const content = pageContent(r.lines, page);
        content.forEach((line, i) => {
          if (line.kind !== 'heading') return;
          const next = paragraphs.find((p) => p.lines[0] === content[i + 1]);
          const here = next ? content.slice(i + 1).filter((l) => next.lines.includes(l)).length : 0;
          expect({ spacer: r.spacer, here }).toEqual({
            spacer: r.spacer,
            here: Math.max(here, Math.min(2, next?.lines.length ?? 2)),
          });
        });
      }
    }
  });
});
