/**
 * Keep rules, decided per block from where the layout put things (clreq has none of its own; these
 * are the usual book rules):
 * - a paragraph never leaves its first line alone at the foot of a page (orphan) nor its last line
 *   alone at the head of the next (widow): one line more goes over, or the whole paragraph when it
 *   has too few lines to split (2–3);
 * - a block marked keep-with-next (a heading, the title block) never ends a page: it goes over
 *   unless the content after it has at least two lines on the same page, counting the move the
 *   paragraph's own widow/orphan rule will make.
 *
 * The renderer marks its nodes with strings (encodeMark) and asks `shouldBreakBefore` for each
 * marked node, giving what the layout put on the node's page. The layout asks about the nodes in
 * document order, once each, and lays out again after every forced break, so a decision only
 * has to be right for the layout as it stands.
 */

export type Mark = (
  | { kind: 'keep' }
  | { kind: 'furniture' }
  /** A unit of the body that is neither (a line of a caption, a picture, a box). */
  | { kind: 'unit' }
  /** Line `index` of paragraph `para` (which has `count` lines); a break may be forced before it. */
  | { kind: 'line'; para: number; index: number; count: number }
) & {
  /** The unit's serial number in the document, for the footnote rules (src/typeset/notes.ts). */
  unit?: number;
};

export function encodeMark(mark: Mark): string {
  const unit = mark.unit === undefined ? '' : `|${mark.unit}`;
  switch (mark.kind) {
    case 'keep':
    case 'furniture':
    case 'unit':
      return `$${mark.kind}${unit}`;
    default:
      return `$${mark.kind}:${mark.para}:${mark.index}:${mark.count}${unit}`;
  }
}

/**
 * Marks read so far, by their string: the keep and footnote rules read every node's mark for
 * every node before it on its page, in each layout pass (tens of thousands of reads for a brief
 * with notes). A mark is read-only (frozen), so one object serves every read.
 */
const decoded = new Map<string, Readonly<Mark> | null>();
const DECODED_KEPT = 5_000;

export function decodeMark(value: unknown): Readonly<Mark> | null {
  if (typeof value !== 'string') return null;
  let mark = decoded.get(value);
  if (mark === undefined) {
    mark = parseMark(value);
    if (mark) Object.freeze(mark);
    if (decoded.size >= DECODED_KEPT) decoded.clear();
    decoded.set(value, mark);
  }
  return mark;
}

function parseMark(value: string): Mark | null {
  if (!value.startsWith('$')) return null;
  const bar = value.indexOf('|');
  const unit = bar < 0 ? undefined : Number(value.slice(bar + 1));
  const head = bar < 0 ? value : value.slice(0, bar);
  const withUnit = <T extends object>(m: T): T & { unit?: number } =>
    unit === undefined || !Number.isInteger(unit) ? m : { ...m, unit };
  if (head === '$keep') return withUnit({ kind: 'keep' as const });
  if (head === '$furniture') return withUnit({ kind: 'furniture' as const });
  if (head === '$unit') return withUnit({ kind: 'unit' as const });
  const m = /^\$line:(\d+):(\d+):(\d+)$/.exec(head);
  if (!m) return null;
  return withUnit({ kind: 'line' as const, para: Number(m[1]), index: Number(m[2]), count: Number(m[3]) });
}

/** What the layout says about one node. */
export interface PlacedNode {
  mark: Readonly<Mark> | null;
  /** Page numbers the node is on (first = where it starts). */
  pages: number[];
  /** True when the node starts at the top of its page (a break before it would change nothing). */
  atPageTop: boolean;
  /** A stack or a row of columns: its content follows it in the node list. */
  container?: boolean;
}

export interface PlacementContext {
  previousOnPage: PlacedNode[];
  followingOnPage: PlacedNode[];
}

/** Least lines of a paragraph at the foot or the head of a page. */
export const MIN_LINES = 2;

export function shouldBreakBefore(node: PlacedNode, ctx: PlacementContext): boolean {
  const mark = node.mark;
  if (!mark || node.atPageTop) return false;
  if (mark.kind === 'line') return breakInParagraph(mark, ctx);
  if (mark.kind === 'keep') return !keepSatisfied(ctx);
  return false;
}

function linesOf(nodes: PlacedNode[], para: number): number[] {
  const out: number[] = [];
  for (const n of nodes) {
    if (n.mark?.kind === 'line' && n.mark.para === para) out.push(n.mark.index);
  }
  return out;
}

/** At line `index` of a paragraph: should this line start the next page? */
function breakInParagraph(
  mark: { para: number; index: number; count: number },
  ctx: PlacementContext,
): boolean {
  const following = linesOf(ctx.followingOnPage, mark.para);
  const before = linesOf(ctx.previousOnPage, mark.para);
  const onThisPage = before.length + 1 + following.length;
  const count = mark.count;
  if (mark.index === 0) {
    const over = count - onThisPage;
    if (over <= 0) return false; // the paragraph fits
    // Orphan: the first line alone at the foot.
    if (onThisPage < MIN_LINES) return true;
    // Too short to give a line to the widow and keep two here: move it all.
    return over < MIN_LINES && onThisPage - (MIN_LINES - over) < MIN_LINES;
  }
  // Only the last line of the paragraph on this page decides about a widow.
  if (following.length > 0) return false;
  const over = count - 1 - mark.index;
  if (over <= 0 || over >= MIN_LINES) return false;
  // Give the widow company: this line goes over too, if two stay behind.
  return before.length >= MIN_LINES;
}

/** Does what follows a keep-with-next block start on the same page, with enough of it? */
function keepSatisfied(ctx: PlacementContext): boolean {
  for (const n of ctx.followingOnPage) {
    const m = n.mark;
    if (m?.kind === 'furniture') continue;
    if (!m && n.container) continue; // look at what it contains
    if (m?.kind === 'keep') continue; // a chain: look at what the chain leads to
    if (m?.kind === 'line') {
      const here = linesOf(ctx.followingOnPage, m.para).length;
      const need = Math.min(MIN_LINES, m.count);
      if (here < need) return false;
      const over = m.count - here;
      // The paragraph's own rule will send it all over (see breakInParagraph).
      if (over > 0 && over < MIN_LINES && here - (MIN_LINES - over) < MIN_LINES) return false;
      return true;
    }
    return true; // other content (a picture, a table) follows on this page
  }
  return false;
}
