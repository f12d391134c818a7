/**
 * Footnotes at the foot of the page, inside pdfmake, which has none.
 *
 * How: every unit of the body that draws something (a typeset line, a picture, an unbreakable box)
 * carries a serial number in its mark (src/typeset/keep.ts), and the lines that cite a note say
 * which. pdfmake lays the document out, then asks our page-break rule about every node in order;
 * the rule reads where each unit before it landed (pdfmake keeps `positions` on the very node
 * objects of the definition) and sends a unit to the next page when the notes its page would then
 * need (src/typeset/notes.ts) leave it no room. pdfmake lays out again after every forced break,
 * and computes the running footer after each layout: our footer places the notes of its page
 * from the same positions, just above the footer margin, so notes and body never overlap.
 *
 * Template vocabulary: an inline `{"text": "1", "noteRef": 1}` cites note 1 (set superscript by
 * its style); the definition's `footnotes` slot is a list of note nodes
 * `{"note": 1, "label": "1", "text": [...], "style": "footnote"}`, set at the foot, with a short
 * rule (`footnoteRule` style key `lineColor`) above them. With no `footnotes` slot nothing here runs.
 */
import type { Json, JsonObject } from './definition.js';
import { isRecord } from './definition.js';
import type { NoteBox, NoteGeometry, PlacedRow } from '../typeset/index.js';
import { noteAreaHeight, placeNotes, rowFits } from '../typeset/index.js';

/** One unit of the body: a row, a picture, or a box whose rows are its members. */
interface Unit {
  id: number;
  /** Height of what a row or picture draws; for a box, computed from its members. */
  height: number;
  notes: number[];
  /** Units inside a box: checked with the box, not on their own. */
  member: boolean;
  members: number[];
}

/** What pdfmake records on a laid-out node. */
interface LaidOut {
  positions?: { pageNumber: number; top: number; verticalRatio?: number }[];
}

/** A note set as lines (pdfmake rows) with their heights. */
export interface SetNote {
  note: number;
  rows: JsonObject[];
  heights: number[];
}

export class FootnoteLayout {
  private readonly units: Unit[] = [];
  private readonly notes = new Map<number, SetNote>();
  private readonly boxes = new Map<number, NoteBox>();
  /** Unit id → the node pdfmake lays out (found again after the last copy of the definition). */
  private nodes = new Map<number, LaidOut>();
  private memberOf = new Map<number, number>();
  /** Boxes that are table rows (kept whole), and each later cell's first unit → its row's box. */
  private readonly rowBoxes = new Set<number>();
  private readonly cellStartOf = new Map<number, number>();

  constructor(
    private readonly geometry: NoteGeometry & { marginLeft: number; textWidth: number },
    private readonly rule: { color: string; width: number },
  ) {}

  get active(): boolean {
    return this.notes.size > 0;
  }

  /** A new unit; returns its serial number for the mark. */
  addUnit(height: number, notes: number[]): number {
    const id = this.units.length;
    this.units.push({ id, height, notes, member: false, members: [] });
    return id;
  }

  /** Units `from`…`to − 1` are drawn inside box `box` (an unbreakable stack, a photo with caption). */
  group(box: number, from: number, to: number): void {
    const unit = this.units[box];
    if (!unit) return;
    for (let id = from; id < to; id++) {
      const member = this.units[id];
      if (!member || id === box || member.member) continue;
      member.member = true;
      unit.members.push(id);
      unit.notes.push(...member.notes);
      this.memberOf.set(id, box);
    }
  }

  /**
   * A table whose rows may break across pages: `cells[row][column]` lists the units each cell
   * draws. A body row is one box (its first unit; it stays whole: if any of its lines would land
   * on another page, or its notes leave it no room, the whole row goes over, each cell with a
   * break before its first line, and pdfmake repeats the header above it). The header rows are
   * laid out apart by pdfmake (their positions are not the page's): their units stand for
   * nothing, and the notes they cite go with the first body row.
   */
  tableRows(cells: readonly (readonly (readonly number[])[])[], headerRows: number): void {
    const headerNotes: number[] = [];
    for (const [r, row] of cells.entries()) {
      const ids = row.flat();
      if (r < headerRows) {
        for (const id of ids) {
          const unit = this.units[id];
          if (!unit) continue;
          unit.member = true;
          headerNotes.push(...unit.notes);
        }
        continue;
      }
      const [box] = ids;
      const unit = box === undefined ? undefined : this.units[box];
      if (box === undefined || !unit) continue;
      unit.notes.unshift(...headerNotes.splice(0));
      this.rowBoxes.add(box);
      for (const id of ids.slice(1)) {
        const member = this.units[id];
        if (!member || member.member) continue;
        member.member = true;
        unit.members.push(id);
        unit.notes.push(...member.notes);
        this.memberOf.set(id, box);
      }
      for (const cell of row) {
        const first = cell[0];
        if (first !== undefined && first !== box) this.cellStartOf.set(first, box);
      }
    }
  }

  get unitCount(): number {
    return this.units.length;
  }

  addNote(note: SetNote): void {
    this.notes.set(note.note, note);
    this.boxes.set(note.note, { lines: note.heights });
  }

  /**
   * Finds the units' nodes in the definition pdfmake will lay out (the fallback pass copies
   * nodes, so this runs on the last copy).
   */
  bind(content: Json, unitOf: (node: JsonObject) => number | undefined): void {
    const nodes = new Map<number, LaidOut>();
    const visit = (node: Json | undefined): void => {
      if (Array.isArray(node)) {
        node.forEach(visit);
        return;
      }
      if (!isRecord(node)) return;
      const id = unitOf(node);
      if (id !== undefined && !nodes.has(id)) nodes.set(id, node as LaidOut);
      for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) visit(value);
    };
    visit(content);
    this.nodes = nodes;
  }

  /** Where unit `id` is in the layout as it stands, or null when it is not laid out. */
  private placed(id: number): PlacedRow | null {
    const unit = this.units[id];
    const at = this.nodes.get(id)?.positions?.[0];
    if (!unit || !at) return null;
    let bottom = at.top + unit.height;
    for (const m of unit.members) {
      const p = this.placed(m);
      if (p && p.page === at.pageNumber) bottom = Math.max(bottom, p.bottom);
    }
    return { page: at.pageNumber, top: at.top, bottom, notes: unit.notes };
  }

  /** The units before `id` that stand on their own, where they are now. */
  private before(id: number): PlacedRow[] {
    const out: PlacedRow[] = [];
    for (let i = 0; i < id; i++) {
      const unit = this.units[i];
      if (!unit || unit.member) continue;
      const p = this.placed(i);
      if (p) out.push(p);
    }
    return out;
  }

  /** The page-break rule: must unit `id` go to the next page to leave its page's notes room? */
  mustBreakBefore(id: number, atPageTop: boolean): boolean {
    if (!this.active || atPageTop) return false;
    const unit = this.units[id];
    if (!unit) return false;
    const page = (u: number): number | undefined => this.nodes.get(u)?.positions?.[0]?.pageNumber;
    if (unit.member) {
      // A later cell of a table row that went over follows it.
      const box = this.cellStartOf.get(id);
      const boxPage = box === undefined ? undefined : page(box);
      const own = page(id);
      return boxPage !== undefined && own !== undefined && boxPage > own;
    }
    const row = this.placed(id);
    if (!row) return false;
    return this.split(id, row.page) || !rowFits(row, this.before(id), this.boxes, this.geometry);
  }

  /** A table row stays whole: has pdfmake put a line of row `id` on a page after `page`? */
  private split(id: number, page: number): boolean {
    if (!this.rowBoxes.has(id)) return false;
    return (this.units[id]?.members ?? []).some(
      (m) => (this.nodes.get(m)?.positions?.[0]?.pageNumber ?? page) !== page,
    );
  }

  /** Answers of `fits` for the layout pass they were computed in (see `fits`). */
  private fitsMemo = { pass: null as unknown, answers: new Map<number, boolean>() };

  /** Does unit `id` (as laid out now) fit above its page's notes? For the keep rules' look-ahead. */
  fits(id: number): boolean {
    if (!this.active) return true;
    const box = this.memberOf.get(id);
    const own = box ?? id;
    // The keep rules ask about every node after each one (hundreds of times per layout pass).
    // pdfmake gives every node a new positions array in each pass, so the first unit's array
    // tells the pass apart: within one, the answer for a unit does not change.
    const pass = this.nodes.values().next().value?.positions;
    if (this.fitsMemo.pass !== pass) this.fitsMemo = { pass, answers: new Map() };
    const known = this.fitsMemo.answers.get(own);
    if (known !== undefined) return known;
    const row = this.placed(own);
    const answer =
      row === null ||
      (!this.split(own, row.page) && rowFits(row, this.before(own), this.boxes, this.geometry));
    this.fitsMemo.answers.set(own, answer);
    return answer;
  }

  /** The note area of one page, as content for the footer (placed above the footer margin). */
  footerContent(page: number): Json[] {
    if (!this.active) return [];
    const all: PlacedRow[] = [];
    for (let i = 0; i < this.units.length; i++) {
      if (this.units[i]?.member) continue;
      const p = this.placed(i);
      if (p) all.push(p);
    }
    const slices = placeNotes(all, this.boxes, this.geometry).get(page) ?? [];
    if (slices.length === 0) return [];
    const height = noteAreaHeight(slices, this.boxes, this.geometry);
    const rows: Json[] = [
      {
        canvas: [
          {
            type: 'line',
            x1: 0,
            y1: 0,
            x2: this.rule.width,
            y2: 0,
            lineWidth: 0.5,
            lineColor: this.rule.color,
          },
        ],
        margin: [0, 0, 0, this.geometry.separator - 0.5],
      },
    ];
    for (const s of slices) {
      const note = this.notes.get(s.note);
      if (note) rows.push(...structuredClone(note.rows.slice(s.from, s.to)));
    }
    return [{ stack: rows, absolutePosition: { x: this.geometry.marginLeft, y: -height } }];
  }
}
