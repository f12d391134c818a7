/**
 * Footnotes at the foot of the page that cites them (no I/O, no pdfmake): given where the layout
 * put the body's rows, which lines of which notes go on each page, and whether a row may stay on
 * its page.
 *
 * The rules, those of a careful book printer:
 * - a note starts on the page of its first reference, below the body, above the running footer,
 *   under a short rule; notes follow in the order they are first referenced;
 * - a note that does not fit whole is continued at the foot of the next page (before that page's
 *   own notes), never lost; only the last note of a page may be split, and at least
 *   `MIN_NOTE_LINES` of it (or all of a shorter one) stay with its reference;
 * - a body row may stay on its page only if every note queued before its own (notes continued
 *   from the page before, notes of earlier rows) still fits whole and its own notes get their
 *   lines as above: otherwise the row goes over, and its notes with it.
 */

/** A body row (a line, a picture, an unbreakable block) where the layout put it. */
export interface PlacedRow {
  page: number;
  /** Top and bottom of what the row draws, in points from the top of the page. */
  top: number;
  bottom: number;
  /** Notes first referenced in this row, in order. */
  notes: readonly number[];
}

/** A note as set at the foot: the height of each of its lines. */
export interface NoteBox {
  lines: readonly number[];
}

export interface NoteGeometry {
  /** Bottom of the body area (the top of the running footer's margin), points from the page top. */
  bodyBottom: number;
  /** Space the rule above the notes takes, with its gaps, points. */
  separator: number;
}

/** Lines [from, to) of note `note` set at the foot of a page. */
export interface NoteSlice {
  note: number;
  from: number;
  to: number;
}

export const MIN_NOTE_LINES = 2;

interface Pending {
  note: number;
  from: number;
}

/** Sets one page's queue of notes into the space left; returns what was set and what is left. */
function fill(
  queue: readonly Pending[],
  notes: ReadonlyMap<number, NoteBox>,
  space: number,
): { slices: NoteSlice[]; rest: Pending[]; height: number } {
  const slices: NoteSlice[] = [];
  let room = space;
  let height = 0;
  for (let q = 0; q < queue.length; q++) {
    const item = queue[q] as Pending;
    const lines = notes.get(item.note)?.lines ?? [];
    let to = item.from;
    while (to < lines.length && (lines[to] ?? 0) <= room + 1e-6) {
      room -= lines[to] ?? 0;
      height += lines[to] ?? 0;
      to += 1;
    }
    if (to > item.from) slices.push({ note: item.note, from: item.from, to });
    if (to < lines.length)
      return { slices, rest: [{ note: item.note, from: to }, ...queue.slice(q + 1)], height };
  }
  return { slices, rest: [], height };
}

/** The bottom of the lowest row of a page, or null when the page has none. */
function lowest(rows: readonly PlacedRow[]): number | null {
  let b: number | null = null;
  for (const r of rows) if (b === null || r.bottom > b) b = r.bottom;
  return b;
}

/**
 * Every page's notes, from the rows in document order (pages ascending). Pages after the last row
 * are added while a continued note is left.
 */
export function placeNotes(
  rows: readonly PlacedRow[],
  notes: ReadonlyMap<number, NoteBox>,
  geometry: NoteGeometry,
): Map<number, NoteSlice[]> {
  const byPage = new Map<number, PlacedRow[]>();
  for (const r of rows) byPage.set(r.page, [...(byPage.get(r.page) ?? []), r]);
  const out = new Map<number, NoteSlice[]>();
  if (rows.length === 0) return out;
  const first = Math.min(...byPage.keys());
  const last = Math.max(...byPage.keys());
  let carry: Pending[] = [];
  const seen = new Set<number>();
  for (let page = first; page <= last || carry.length > 0; page++) {
    if (page > last + 1000) break; // a note taller than a page: never loop forever
    const onPage = byPage.get(page) ?? [];
    const queue = [...carry];
    for (const r of onPage)
      for (const n of r.notes) {
        if (seen.has(n) || !notes.has(n)) continue;
        seen.add(n);
        queue.push({ note: n, from: 0 });
      }
    if (queue.length === 0) continue;
    const bottom = lowest(onPage);
    const space = geometry.bodyBottom - (bottom ?? 0) - geometry.separator;
    const set = fill(queue, notes, bottom === null ? geometry.bodyBottom : space);
    if (set.slices.length) out.set(page, set.slices);
    carry = set.rest;
  }
  return out;
}

/** Notes continued onto `page` from the pages before it (rows of pages before `page` only). */
function carriedInto(
  page: number,
  before: readonly PlacedRow[],
  notes: ReadonlyMap<number, NoteBox>,
  geometry: NoteGeometry,
): Pending[] {
  const placed = placeNotes(before, notes, geometry);
  const done = new Map<number, number>();
  for (const [p, slices] of placed) {
    if (p >= page) continue;
    for (const s of slices) done.set(s.note, Math.max(done.get(s.note) ?? 0, s.to));
  }
  const carry: Pending[] = [];
  for (const r of before)
    for (const n of r.notes) {
      const lines = notes.get(n)?.lines.length ?? 0;
      const to = done.get(n) ?? 0;
      if (to < lines && !carry.some((c) => c.note === n)) carry.push({ note: n, from: to });
    }
  return carry;
}

/**
 * May `row` stay on its page, below `previous` (every row before it, in document order)? The notes
 * queued before its own must fit whole, and its own notes must get their lines (see the rules).
 */
export function rowFits(
  row: PlacedRow,
  previous: readonly PlacedRow[],
  notes: ReadonlyMap<number, NoteBox>,
  geometry: NoteGeometry,
): boolean {
  const onPage = previous.filter((r) => r.page === row.page);
  const earlier = previous.filter((r) => r.page < row.page);
  const seenBefore = new Set(previous.flatMap((r) => r.notes));
  const queue = carriedInto(row.page, earlier, notes, geometry);
  // Notes first cited on this page, before this row (a note cited again is set only once).
  const citedEarlier = new Set(earlier.flatMap((r) => r.notes));
  for (const r of onPage)
    for (const n of r.notes)
      if (notes.has(n) && !citedEarlier.has(n) && !queue.some((q) => q.note === n))
        queue.push({ note: n, from: 0 });
  const mustBeWhole = queue.length;
  const own = row.notes.filter((n) => notes.has(n) && !seenBefore.has(n));
  if (row.bottom > geometry.bodyBottom + 1e-6) return false;
  if (queue.length === 0 && own.length === 0) return true;
  for (const n of own) queue.push({ note: n, from: 0 });
  const space = geometry.bodyBottom - Math.max(row.bottom, lowest(onPage) ?? 0) - geometry.separator;
  const set = fill(queue, notes, space);
  const whole = (i: number): boolean => {
    const q = queue[i] as Pending;
    const lines = notes.get(q.note)?.lines.length ?? 0;
    return set.slices.some((s) => s.note === q.note && s.to === lines);
  };
  for (let i = 0; i < mustBeWhole; i++) if (!whole(i)) return false;
  for (let i = mustBeWhole; i < queue.length; i++) {
    const q = queue[i] as Pending;
    const lines = notes.get(q.note)?.lines.length ?? 0;
    const got = set.slices.find((s) => s.note === q.note);
    const need = Math.min(MIN_NOTE_LINES, lines);
    if (i < queue.length - 1 ? !whole(i) : (got ? got.to - got.from : 0) < need) return false;
  }
  return true;
}

/** Height of a page's note area as set (0 without notes): the separator and the lines. */
export function noteAreaHeight(
  slices: readonly NoteSlice[],
  notes: ReadonlyMap<number, NoteBox>,
  geometry: NoteGeometry,
): number {
  if (slices.length === 0) return 0;
  let h = geometry.separator;
  for (const s of slices) {
    const lines = notes.get(s.note)?.lines ?? [];
    for (let i = s.from; i < s.to; i++) h += lines[i] ?? 0;
  }
  return h;
}
