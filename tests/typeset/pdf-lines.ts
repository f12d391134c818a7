/**
 * Reads a brief's lines back from the PDF (pdfjs glyph runs, via tests/support/pdf.ts) and sorts
 * them into headings, body lines and body paragraphs, so the tests can check the typesetting
 * rules on the real output without Debian tools.
 */
import type { PdfReadBack, PdfTextItem } from '../support/pdf.js';

export interface PdfLine {
  page: number;
  /** Baseline, points from the page top. */
  y: number;
  left: number;
  right: number;
  text: string;
  kind: 'body' | 'heading' | 'other' | 'footer';
  items: PdfTextItem[];
  /** spaced[k]: a space glyph stands between items k − 1 and k (a word space). */
  spaced: boolean[];
}

export interface PdfParagraph {
  lines: PdfLine[];
}

/** The layout numbers of templates/brief.hbs. */
export const LAYOUT = {
  left: 64,
  measure: 467.28,
  bodySize: 11,
  headingSize: 13,
  indentEm: 2,
  footerTop: 841.89 - 68,
} as const;

export function pdfLines(pdf: PdfReadBack): PdfLine[] {
  const out: PdfLine[] = [];
  for (const page of pdf.pages) {
    const items = page.items.filter((i) => i.str.trim() !== '');
    const blanks = page.items.filter((i) => i.str !== '' && i.str.trim() === '');
    const rows: PdfTextItem[][] = [];
    for (const item of [...items].sort((a, b) => a.y - b.y || a.x - b.x)) {
      const row = rows.find(
        (r) => Math.abs((r[0]?.y ?? 0) - item.y) < 1 && Math.abs((r[0]?.fontSize ?? 0) - item.fontSize) < 3,
      );
      if (row) row.push(item);
      else rows.push([item]);
    }
    for (const row of rows) {
      row.sort((a, b) => a.x - b.x);
      const first = row[0] as PdfTextItem;
      const size = first.fontSize;
      const font = pdf.fonts.get(first.fontName) ?? '';
      const kind: PdfLine['kind'] =
        first.y > LAYOUT.footerTop
          ? 'footer'
          : Math.abs(size - LAYOUT.bodySize) < 0.1 && /Serif/.test(font)
            ? 'body'
            : Math.abs(size - LAYOUT.headingSize) < 0.1
              ? 'heading'
              : 'other';
      out.push({
        page: page.number,
        y: first.y,
        left: first.x,
        right: Math.max(...row.map((i) => i.x + i.width)),
        text: row
          .map((i) => i.str)
          .join('')
          .trim(),
        kind,
        items: row,
        spaced: row.map((item, k) => {
          const prev = row[k - 1];
          if (!prev) return false;
          if (/\s$/.test(prev.str) || /^\s/.test(item.str)) return true;
          const end = prev.x + prev.width;
          return blanks.some((b) => Math.abs(b.y - item.y) < 1 && b.x >= end - 0.5 && b.x <= item.x + 0.5);
        }),
      });
    }
  }
  return out;
}

const isIndented = (line: PdfLine): boolean =>
  Math.abs(line.left - (LAYOUT.left + LAYOUT.indentEm * LAYOUT.bodySize)) < 0.5;

/**
 * Body paragraphs in reading order: a paragraph starts at an indented body line; a body line at
 * the top of a page that is not indented continues the paragraph before it.
 */
export function bodyParagraphs(lines: PdfLine[]): PdfParagraph[] {
  const paragraphs: PdfParagraph[] = [];
  for (const line of lines) {
    if (line.kind !== 'body') continue;
    const current = paragraphs.at(-1);
    if (isIndented(line) || !current) paragraphs.push({ lines: [line] });
    else current.lines.push(line);
  }
  return paragraphs;
}

/** Content lines (no footer) of one page, top to bottom. */
export function pageContent(lines: PdfLine[], page: number): PdfLine[] {
  return lines.filter((l) => l.page === page && l.kind !== 'footer');
}
