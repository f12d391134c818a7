import { breakOpportunities, findUrls } from './breaks.js';
import { CJK_PUNCTUATION, isSpace, isWestern } from './chars.js';

/**
 * Paragraph composition: runs of styled text in, lines of positioned pieces out.
 *
 * - Lines break greedily at the opportunities of breaks.ts (clreq basic + strict —— ……).
 * - Two full-width marks side by side (。」 ）， 」「 …) are compressed by the blank space their
 *   glyphs leave between them, rounded down to ¼ or ½ em (clreq §3.1.6.2): the mainland faces,
 *   whose 。，、 sit in a corner, lose ½ em; Taiwan's centred 。 loses ¼ em before 」. A single
 *   mark keeps its full em box.
 * - Justification (clreq §3.5): a line's spare width is spread evenly over the gaps between
 *   characters, except inside a Western word or URL (which keeps its own spacing) and after a
 *   space; the last line of a paragraph stays flush start.
 *
 * The result says, for every line, which text to set with which inter-character spacing and how
 * wide each piece is, so a renderer can place the pieces one after another without measuring.
 */

export interface TextRun {
  text: string;
  /** Opaque style id: the renderer's index of this run's font, size, colour, link … */
  style: number;
  /** The run never begins a line (a note reference sticks to the word it follows). */
  attach?: boolean;
}

export interface FontMetrics {
  /** Advance width in points of `text` set in `style`, exactly as the renderer will set it. */
  measure(text: string, style: number): number;
  /** Font size in points of `style` (1 em). */
  fontSize(style: number): number;
  /**
   * For a full-width mark: the blank space left and right of its ink inside its box, in em; null
   * for a character whose box is not 1 em.
   */
  blanks(ch: string, style: number): { left: number; right: number } | null;
}

export interface ParagraphOptions {
  /** Measure (line width) in points. */
  width: number;
  /** First-line indent in points. */
  indent: number;
  justify: boolean;
}

export interface LinePiece {
  text: string;
  style: number;
  /** Extra space after every character but the last (PDF Tc), points; negative compresses. */
  spacing: number;
  /** Distance from this piece's start to the next piece's start, points. */
  advance: number;
}

export interface TypesetLine {
  /** Start offset (the first-line indent), points. */
  start: number;
  pieces: LinePiece[];
  /** Sum of the pieces' advances. */
  width: number;
  /** Natural width before justification. */
  naturalWidth: number;
  last: boolean;
  /** The line's characters (spaces at the break dropped), for tests and diagnostics. */
  text: string;
}

interface Char {
  ch: string;
  style: number;
}

/**
 * Spare space per gap (em) above which letters inside Western words and URLs are spaced out too:
 * only a line that is almost all one word or URL, where the few other gaps would gape.
 */
const LOOSE = 0.5;
/** Their share then, relative to a gap between Han characters. */
const LATIN_WEIGHT = 0.3;

/** Least ink-to-ink distance kept between two compressed marks, em. */
const COMPRESSION_CLEARANCE = 0.08;

export function typesetParagraph(
  runs: readonly TextRun[],
  options: ParagraphOptions,
  metrics: FontMetrics,
): TypesetLine[] {
  const chars = clusters(runs);
  // Line feeds inside a paragraph are soft: treat them as spaces.
  for (const c of chars) if (c.ch === '\n' || c.ch === '\r') c.ch = ' ';
  const n = chars.length;
  if (n === 0) return [];
  const letters = chars.map((c) => c.ch);
  const breaks = breakOpportunities(letters);
  // No break before a run that sticks to what precedes it.
  let at = 0;
  for (const run of runs) {
    const count = clusters([run]).length;
    if (run.attach && at > 0) breaks[at - 1] = false;
    at += count;
  }
  const urlIndex = new Int8Array(n);
  for (const [s, e] of findUrls(letters)) for (let i = s; i < e; i++) urlIndex[i] = 1;

  // Compression after each character when the next one is on the same line, points.
  const squeeze = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) {
    const a = chars[i] as Char;
    const b = chars[i + 1] as Char;
    squeeze[i] = compression(a, b, metrics);
  }

  const width = (s: number, e: number): number => rangeWidth(chars, s, e, squeeze, metrics);

  // Units: the stretches between break opportunities, each with its trailing spaces.
  const units: { s: number; e: number; content: number }[] = [];
  for (let s = 0, i = 0; i < n; i++) {
    if (breaks[i]) {
      let content = i + 1;
      while (content > s && isSpace(chars[content - 1]?.ch ?? '')) content--;
      units.push({ s, e: i + 1, content });
      s = i + 1;
    }
  }

  // Greedy filling.
  const ranges: [number, number][] = [];
  let lineStart = -1;
  let lineContentEnd = -1;
  let lineWidth = 0;
  const avail = (): number => options.width - (ranges.length === 0 ? options.indent : 0);
  const tolerance = 0.01;
  for (const u of units) {
    // Only spaces: they matter only between words on one line.
    if (u.content === u.s) continue;
    const added = lineStart < 0 ? 0 : width(lineContentEnd, u.content) - (squeeze[lineContentEnd - 1] ?? 0);
    if (lineStart < 0) {
      lineStart = u.s;
      lineContentEnd = u.content;
      lineWidth = width(u.s, u.content);
    } else if (lineWidth + added <= avail() + tolerance) {
      lineContentEnd = u.content;
      lineWidth += added;
    } else {
      ranges.push([lineStart, lineContentEnd]);
      lineStart = u.s;
      lineContentEnd = u.content;
      lineWidth = width(u.s, u.content);
    }
    // A unit longer than a whole line (a very long word): cut it where it fills the line.
    while (lineWidth > avail() + tolerance && lineContentEnd - lineStart > 1) {
      let cut = lineStart + 1;
      while (cut < lineContentEnd && width(lineStart, cut + 1) <= avail() + tolerance) cut++;
      ranges.push([lineStart, cut]);
      lineStart = cut;
      lineWidth = width(lineStart, lineContentEnd);
    }
  }
  if (lineStart >= 0) ranges.push([lineStart, lineContentEnd]);

  return ranges.map(([s, e], index) => {
    while (s < e && isSpace(chars[s]?.ch ?? '')) s++;
    const last = index === ranges.length - 1;
    const start = index === 0 ? options.indent : 0;
    return setLine(chars, s, e, {
      start,
      measure: options.width - start,
      justify: options.justify && !last,
      last,
      squeeze,
      urlIndex,
      metrics,
    });
  });
}

/** Combining marks, variation selectors and joiners, which belong to the character before them. */
const ATTACHED = /^(?:\p{M}|\u200d|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}]|[\u{1f3fb}-\u{1f3ff}])$/u;

/**
 * The runs as characters: code points, with combining marks, variation selectors (an IVS after a
 * name's character) and joined sequences kept on the character they modify, so no break, piece
 * boundary or spacing ever separates them.
 */
function clusters(runs: readonly TextRun[]): Char[] {
  const out: Char[] = [];
  for (const run of runs) {
    for (const ch of run.text) {
      const last = out[out.length - 1];
      if (last && last.style === run.style && (ATTACHED.test(ch) || last.ch.endsWith('\u200d'))) {
        last.ch += ch;
      } else {
        out.push({ ch, style: run.style });
      }
    }
  }
  return out;
}

/** How much the pair a b may be brought together, in points (0 when they are not two marks). */
function compression(a: Char, b: Char, metrics: FontMetrics): number {
  if (!CJK_PUNCTUATION.has(a.ch) || !CJK_PUNCTUATION.has(b.ch)) return 0;
  const ba = metrics.blanks(a.ch, a.style);
  const bb = metrics.blanks(b.ch, b.style);
  if (!ba || !bb) return 0;
  const sizeA = metrics.fontSize(a.style);
  const sizeB = metrics.fontSize(b.style);
  // Blank space between the two inks, in points; keep a little of it.
  const room = ba.right * sizeA + bb.left * sizeB - COMPRESSION_CLEARANCE * Math.min(sizeA, sizeB);
  const em = sizeA;
  if (room >= 0.5 * em) return 0.5 * em;
  if (room >= 0.25 * em) return 0.25 * em;
  return 0;
}

/** Natural width of chars[s, e) set on one line (compression inside the range applied). */
function rangeWidth(
  chars: readonly Char[],
  s: number,
  e: number,
  squeeze: Float64Array,
  metrics: FontMetrics,
): number {
  let w = 0;
  let runStart = s;
  for (let i = s; i < e; i++) {
    const c = chars[i] as Char;
    const next = chars[i + 1];
    if (i + 1 === e || next === undefined || next.style !== c.style) {
      w += metrics.measure(joinChars(chars, runStart, i + 1), c.style);
      runStart = i + 1;
    }
    if (i + 1 < e) w -= squeeze[i] ?? 0;
  }
  return w;
}

function joinChars(chars: readonly Char[], s: number, e: number): string {
  let t = '';
  for (let i = s; i < e; i++) t += chars[i]?.ch ?? '';
  return t;
}

interface SetLineOptions {
  start: number;
  measure: number;
  justify: boolean;
  last: boolean;
  squeeze: Float64Array;
  urlIndex: Int8Array;
  metrics: FontMetrics;
}

/** Places chars[s, e) on a line: groups them into pieces and spreads the spare width. */
function setLine(chars: readonly Char[], s: number, e: number, o: SetLineOptions): TypesetLine {
  const em = o.metrics.fontSize(chars[s]?.style ?? 0);
  // How readily each gap after character i (i in [s, e - 1)) stretches (clreq §3.5.3–3.5.4):
  // a word space and every gap around Han characters and marks alike (1), so the colour stays
  // even; inside a Western word or URL only when the line has (almost) nothing else to widen
  // (letter-spacing, LATIN_WEIGHT).
  const weightOf = (i: number, latin: number): number => {
    const a = chars[i]?.ch ?? '';
    const b = chars[i + 1]?.ch ?? '';
    if (isSpace(a)) return 0; // a word space stretches once, before it
    if (isSpace(b)) return 1;
    if ((o.urlIndex[i] && o.urlIndex[i + 1]) || (isWestern(a) && isWestern(b))) return latin;
    return 1;
  };
  let squeezeTotal = 0;
  for (let i = s; i + 1 < e; i++) squeezeTotal += o.squeeze[i] ?? 0;
  const measureText = (g: { s: number; e: number }): number =>
    o.metrics.measure(joinChars(chars, g.s, g.e), chars[g.s]?.style ?? 0);
  const sumWeights = (latin: number): number => {
    let w = 0;
    for (let i = s; i + 1 < e; i++) w += weightOf(i, latin);
    return w;
  };
  let naturalWidth = rangeWidth(chars, s, e, o.squeeze, o.metrics);
  let latin = 0;
  if (o.justify) {
    const plain = sumWeights(0);
    if (plain === 0 || (o.measure - naturalWidth) / plain > LOOSE * em) latin = LATIN_WEIGHT;
  }
  const key = (i: number): string => (i + 1 >= e ? 'end' : `${weightOf(i, latin)}:${o.squeeze[i] ?? 0}`);

  // Pieces: same style, same gap kind after every character but the last. The line's last
  // character is a piece of its own, so the line ends exactly where its last advance ends (a
  // piece's character spacing is also drawn after its last character).
  const groups: { s: number; e: number }[] = [];
  let gs = s;
  for (let i = s; i < e; i++) {
    const next = chars[i + 1];
    const endHere = i + 2 >= e || next === undefined || next.style !== chars[i]?.style || key(i) !== key(gs);
    if (endHere) {
      groups.push({ s: gs, e: i + 1 });
      gs = i + 1;
    }
  }
  // Measured again as the pieces will be set (a style run cut into pieces loses no kerning
  // inside a word, since pieces never split one, but measure exactly what is drawn).
  naturalWidth = groups.reduce((sum, g) => sum + measureText(g), 0) - squeezeTotal;
  const weights = sumWeights(latin);
  const unit = o.justify && weights > 0 ? (o.measure - naturalWidth) / weights : 0;
  const gap = (i: number): number => (i + 1 >= e ? 0 : weightOf(i, latin) * unit - (o.squeeze[i] ?? 0));

  const pieces: LinePiece[] = groups.map((g) => {
    const text = joinChars(chars, g.s, g.e);
    const style = chars[g.s]?.style ?? 0;
    const spacing = g.e - g.s > 1 ? gap(g.s) : 0;
    const advance = measureText(g) + spacing * (g.e - g.s - 1) + gap(g.e - 1);
    return { text, style, spacing, advance };
  });
  return {
    start: o.start,
    pieces,
    width: pieces.reduce((sum, p) => sum + p.advance, 0),
    naturalWidth,
    last: o.last,
    text: joinChars(chars, s, e),
  };
}
