/**
 * Footnote placement rules (src/typeset/notes.ts), on rows placed by hand: which lines of which
 * notes go on each page, splitting and continuing a note, and when a row must go over.
 */
import { describe, expect, it } from '@jest/globals';
import type { NoteBox, PlacedRow } from '../../src/typeset/index.js';
import { noteAreaHeight, placeNotes, rowFits } from '../../src/typeset/index.js';

const geometry = { bodyBottom: 700, separator: 10 };
/** Notes of n lines of 12 pt. */
const notes = (...sizes: number[]): Map<number, NoteBox> =>
  new Map(sizes.map((n, i) => [i + 1, { lines: new Array<number>(n).fill(12) }]));
const row = (page: number, top: number, cites: number[] = []): PlacedRow => ({
  page,
  top,
  bottom: top + 20,
  notes: cites,
});

describe('placeNotes', () => {
  it('puts each note whole on the page of its first reference, in order of reference', () => {
    const rows = [row(1, 100, [2]), row(1, 120, [1]), row(2, 100, [3]), row(2, 120, [1])];
    const placed = placeNotes(rows, notes(1, 2, 3), geometry);
    expect(placed.get(1)).toEqual([
      { note: 2, from: 0, to: 2 },
      { note: 1, from: 0, to: 1 },
    ]);
    expect(placed.get(2)).toEqual([{ note: 3, from: 0, to: 3 }]);
  });

  it('continues what does not fit at the foot of the next page, before that page’s own notes', () => {
    // The last row ends at 640: 60 pt left, 10 of them for the rule: four lines of 12 pt fit.
    const rows = [row(1, 620, [1]), row(2, 100, [2])];
    const placed = placeNotes(rows, notes(6, 1), geometry);
    expect(placed.get(1)).toEqual([{ note: 1, from: 0, to: 4 }]);
    expect(placed.get(2)).toEqual([
      { note: 1, from: 4, to: 6 },
      { note: 2, from: 0, to: 1 },
    ]);
    expect(noteAreaHeight(placed.get(2) ?? [], notes(6, 1), geometry)).toBe(10 + 3 * 12);
  });
});

describe('rowFits', () => {
  it('lets a row stay when its notes fit below it', () => {
    expect(rowFits(row(1, 600, [1]), [row(1, 580)], notes(3), geometry)).toBe(true);
  });

  it('sends a row over when its note would get fewer than two lines', () => {
    // 700 − 660 − 10 = 30 pt: two lines of 12 fit; at 670 only one does.
    expect(rowFits(row(1, 640, [1]), [], notes(5), geometry)).toBe(true);
    expect(rowFits(row(1, 650, [1]), [], notes(5), geometry)).toBe(false);
    // A one-line note needs only its line.
    expect(rowFits(row(1, 658, [1]), [], notes(1), geometry)).toBe(true);
  });

  it('sends a row over when it would squeeze an earlier note of its page', () => {
    const earlier = [row(1, 500, [1])];
    // Note 1 (4 lines, 48 pt + rule) needs the body to end by 642.
    expect(rowFits(row(1, 620), earlier, notes(4), geometry)).toBe(true);
    expect(rowFits(row(1, 630), earlier, notes(4), geometry)).toBe(false);
  });

  it('counts the lines continued from the page before', () => {
    const before = [row(1, 620, [1])];
    // Four of note 1's six lines fit on page 1; two continue on page 2 (24 pt + rule): the body
    // there must end by 666.
    expect(rowFits(row(2, 640), before, notes(6), geometry)).toBe(true);
    expect(rowFits(row(2, 650), before, notes(6), geometry)).toBe(false);
  });

  it('never lets a row run into the footer margin', () => {
    expect(rowFits({ page: 1, top: 690, bottom: 710, notes: [] }, [], notes(), geometry)).toBe(false);
  });
});

describe('a note cited twice', () => {
  it('is set once, on the page of its first reference', () => {
    const rows = [row(1, 100, [1]), row(2, 100, [1])];
    expect([...placeNotes(rows, notes(2), geometry).keys()]).toEqual([1]);
    // Citing it again on page 2 needs no room there, for the citing row or the rows after it.
    expect(rowFits(row(2, 675, [1]), [row(1, 100, [1])], notes(2), geometry)).toBe(true);
    expect(rowFits(row(2, 675), [row(1, 100, [1]), row(2, 100, [1])], notes(2), geometry)).toBe(true);
  });
});
