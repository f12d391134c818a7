/**
 * Checks of one construct of the article format on a PDF read back (tests/support/pdf.ts): each
 * returns the problems it found (an empty list when the construct is set as it should be), so a
 * test can also run it on a deliberately broken PDF and expect problems. Geometry follows the
 * templates: A4, margins 64/56/64/68, body 11 pt, notes 8.5 pt, footer 8 pt.
 */
import type { PdfReadBack, PdfTextItem } from '../support/pdf.js';
import { squash } from '../support/pdf.js';

export interface Item extends PdfTextItem {
  page: number;
}

/** Page geometry of the templates (templates/layout.json), points. */
export const PAGE = { left: 64, right: 595.28 - 64, bodyBottom: 841.89 - 68 };
/** Sizes of the styles the checks recognise (templates/brief.hbs). */
export const SIZE = { body: 11, footnote: 8.5, footer: 8, quote: 10.5, cell: 9 };

const near = (a: number, b: number, tolerance = 0.3): boolean => Math.abs(a - b) < tolerance;

/** Every non-blank text item, with its page, in reading (drawing) order. */
export function itemsOf(pdf: PdfReadBack): Item[] {
  return pdf.pages.flatMap((p) =>
    p.items.filter((i) => i.str.trim() !== '').map((i) => ({ ...i, page: p.number })),
  );
}

/** Is this item the running footer (below the body area)? */
const isFooter = (i: Item): boolean => i.y > PAGE.bodyBottom + 4 && near(i.fontSize, SIZE.footer);

/**
 * The note area of a page: the lines of footnote-size items just above the footer, found from the
 * bottom of the page up, line by line, while the lines follow each other at the notes' pitch (body
 * text in the note area ends the run early, and shows as an overlap). In reading order.
 */
export function noteArea(items: readonly Item[], page: number): Item[] {
  const onPage = items.filter((i) => i.page === page && !isFooter(i));
  const baselines = [...new Set(onPage.map((i) => i.y))].sort((a, b) => b - a);
  const area = new Set<number>();
  let previous: number | null = null;
  for (const y of baselines) {
    const line = onPage.filter((i) => i.y === y);
    if (!line.every((i) => near(i.fontSize, SIZE.footnote))) break;
    // Note lines are 1.5 em apart; a wider gap is the rule above the notes.
    if (previous !== null && previous - y > SIZE.footnote * 1.5 + 0.5) break;
    area.add(y);
    previous = y;
  }
  // The notes end just above the footer margin (a caption or contact block ending higher is not them).
  const lowest = Math.max(...area);
  return area.size > 0 && lowest > PAGE.bodyBottom - SIZE.footnote ? onPage.filter((i) => area.has(i.y)) : [];
}

/** A superscript note marker (a body, list, quote or cell size × 0.58). */
const isMarker = (i: Item, k: number): boolean => i.str === String(k) && i.fontSize > 4 && i.fontSize < 7;

/**
 * Footnote mode: each note whole in the note areas, in order; its number at the start of a note
 * line on the page of its first marker; no body text running into the note area.
 */
export function footnoteProblems(pdf: PdfReadBack, notes: readonly string[]): string[] {
  const problems: string[] = [];
  const items = itemsOf(pdf);
  const areas = pdf.pages.map((p) => noteArea(items, p.number));
  const inOrder = squash(
    areas
      .flat()
      .map((i) => i.str)
      .join(''),
  );
  const expected = squash(notes.map((n, i) => `${i + 1}${n}`).join(''));
  if (inOrder !== expected) problems.push(`notes at the foot read ${JSON.stringify(inOrder)}`);
  notes.forEach((_, index) => {
    const k = index + 1;
    const marker = items.find((i) => isMarker(i, k));
    const label = areas.flat().find((i) => i.str === String(k) && near(i.x, PAGE.left));
    if (!marker) problems.push(`note ${k}: no marker`);
    else if (!label) problems.push(`note ${k}: not at any page's foot`);
    else if (marker.page !== label.page)
      problems.push(`note ${k}: marker on page ${marker.page}, note on page ${label.page}`);
  });
  for (const p of pdf.pages) {
    const area = areas[p.number - 1] ?? [];
    if (area.length === 0) continue;
    const top = Math.min(...area.map((i) => i.y));
    const body = items.filter((i) => i.page === p.number && !isFooter(i) && !area.includes(i));
    const lowest = Math.max(...body.map((i) => i.y));
    // Baselines: a note line's ascent is under 1 em of its size.
    if (lowest > top - SIZE.footnote)
      problems.push(`page ${p.number}: body at ${lowest} runs into notes at ${top}`);
  }
  return problems;
}

/**
 * Endnote mode: no note at any page's foot; the notes heading after the body's last paragraph,
 * each note after it, in order, numbered; each marker before its note.
 */
export function endnoteProblems(
  pdf: PdfReadBack,
  notes: readonly string[],
  heading: string,
  lastParagraph: string,
): string[] {
  const problems: string[] = [];
  const items = itemsOf(pdf);
  for (const p of pdf.pages)
    if (noteArea(items, p.number).length > 0) problems.push(`page ${p.number}: notes at the foot`);
  const text = squash(
    itemsOf(pdf)
      .filter((i) => !isFooter(i))
      .map((i) => i.str)
      .join(''),
  );
  const end = text.indexOf(squash(lastParagraph));
  let at = text.indexOf(squash(heading), end < 0 ? 0 : end);
  if (end < 0) problems.push('the last paragraph is missing');
  if (at < 0) problems.push(`no ${heading} after the body`);
  notes.forEach((n, i) => {
    const next = text.indexOf(squash(`${i + 1}${n}`), Math.max(at, 0));
    if (next < 0) problems.push(`note ${i + 1} is not after ${heading} in order`);
    else at = next;
  });
  return problems;
}

/**
 * A table: on every page the body rows reach, the header row above them; the caption on the first
 * page above the header; numeric cells (right-aligned columns) sharing one right edge per column.
 */
export function tableProblems(
  pdf: PdfReadBack,
  table: { caption: string; header: string[]; rows: string[][]; numericColumns: number },
): { problems: string[]; pages: number[] } {
  const problems: string[] = [];
  const items = itemsOf(pdf).filter((i) => !isFooter(i));
  const pageText = (page: number): string =>
    squash(
      items
        .filter((i) => i.page === page)
        .map((i) => i.str)
        .join(''),
    );
  const head = squash(table.header.join(''));
  const pages = pdf.pages
    .map((p) => p.number)
    .filter((page) => table.rows.some((r) => pageText(page).includes(squash(r.join('')))));
  for (const page of pages) {
    const text = pageText(page);
    // The header row, cells in order, before the page's first body row.
    const firstRow = table.rows.find((r) => text.includes(squash(r.join(''))));
    const at = text.indexOf(head);
    if (at < 0) problems.push(`page ${page}: no header row`);
    else if (firstRow && text.indexOf(squash(firstRow.join(''))) < at)
      problems.push(`page ${page}: a body row above the header`);
  }
  const first = pages[0];
  const caption = items.filter((i) => i.page === first).map((i) => i.str);
  if (first === undefined || !squash(caption.join('')).includes(squash(table.caption)))
    problems.push('caption not on the first page of the table');
  else {
    const text = squash(caption.join(''));
    if (text.indexOf(squash(table.caption)) > text.indexOf(squash(table.header.join(''))))
      problems.push('caption below the header');
  }
  // Numbers in the table: cell-size words (touching pieces joined) below a page's header row.
  const numbers = words(items.filter((i) => pages.includes(i.page) && near(i.fontSize, SIZE.cell))).filter(
    (w) => {
      const headerY = items
        .filter((h) => h.page === w.page && near(h.fontSize, SIZE.cell) && head.includes(squash(h.str)))
        .map((h) => h.y);
      return headerY.length > 0 && w.y > Math.min(...headerY) && /^-?[\d,]+(\.\d+)?%?$/.test(w.str);
    },
  );
  const edges = [...new Set(numbers.map((i) => Math.round(i.x + i.width)))];
  const clusters = edges.filter((e) => !edges.includes(e - 1));
  if (clusters.length !== table.numericColumns)
    problems.push(
      `numbers end at ${clusters.length} right edges (${edges.join(', ')}), not ${table.numericColumns}`,
    );
  return { problems, pages };
}

/** Pieces that touch on one baseline joined into words (a line is set as many pieces). */
export function words(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  for (const i of items) {
    const last = out.at(-1);
    if (last && last.page === i.page && near(last.y, i.y) && near(last.x + last.width, i.x, 0.5))
      out[out.length - 1] = { ...last, str: last.str + i.str, width: i.x + i.width - last.x };
    else out.push({ ...i });
  }
  return out;
}

/**
 * A list: every item's first line starts with its label (• or n.) hung `hang` points before the
 * text on the same baseline; ordered labels count up from 1.
 */
export function listProblems(
  pdf: PdfReadBack,
  items: { label: string; text: string; depth: number }[],
  hang: number,
): string[] {
  const problems: string[] = [];
  const all = itemsOf(pdf).filter((i) => !isFooter(i));
  let from = 0;
  const labelX: number[][] = [[], []];
  for (const item of items) {
    const start = squash(item.text).slice(0, 3);
    const index = all.findIndex(
      (i, n) =>
        n >= from &&
        i.str === item.label &&
        (() => {
          const next = all[n + 1];
          return next !== undefined && near(next.y, i.y) && squash(next.str).startsWith(start.slice(0, 1));
        })(),
    );
    const label = all[index];
    const text = all[index + 1];
    if (!label || !text) {
      problems.push(`item ${JSON.stringify(start)}: no label ${item.label} before it`);
      continue;
    }
    from = index + 1;
    if (
      !squash(
        all
          .slice(index + 1, index + 4)
          .map((i) => i.str)
          .join(''),
      ).startsWith(start)
    )
      problems.push(`item ${JSON.stringify(start)}: label followed by other text`);
    if (!near(text.x - label.x, hang, 0.5))
      problems.push(`item ${JSON.stringify(start)}: text ${text.x - label.x} pt after its label`);
    if (label.x + label.width > text.x + 0.1)
      problems.push(`item ${JSON.stringify(start)}: label overlaps text`);
    labelX[item.depth]?.push(label.x);
  }
  const [top = [], nested = []] = labelX;
  if (new Set(top.map(Math.round)).size > 1) problems.push(`top-level labels at ${top.join(', ')}`);
  if (nested.some((x) => x <= Math.max(...top))) problems.push('nested labels not indented');
  return problems;
}
