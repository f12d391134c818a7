/**
 * Character classes for Chinese line breaking (W3C clreq §3.1.4 line-start/line-end prohibition,
 * §3.1.5 unbreakable marks and digits). Members follow clreq's appendix tables.
 */

/** Opening marks: may not end a line. */
const OPENING = new Set([...'「『“‘（〔［｛〈《【〖〘〚([{']);

/** Closing marks: may not begin a line. */
const CLOSING = new Set([...'」』”’）〕］｝〉》】〗〙〛)]}']);

/** Pause and stop marks: may not begin a line. */
const PAUSE = new Set([...'、，。．：；？！,.:;?!']);

/** Other marks that may not begin a line: connectors, interpuncts, unit suffixes. */
const NO_START_OTHER = new Set([...'·‧・～〜–％‰℃°′″%']);

/** The two-cell marks: a run of them is never divided, and (strict level) never begins a line. */
export const DASH_ELLIPSIS = new Set([...'—…⋯─⸺⸻']);

/** Full-width punctuation whose blank halves may be compressed when two stand together (clreq §3.1.6). */
export const CJK_PUNCTUATION = new Set([
  ...'「『“‘（〔［｛〈《【〖〘〚',
  ...'」』”’）〕］｝〉》】〗〙〛',
  ...'、，。．：；？！',
]);

/** No line may start with this character. */
export function isNoStart(ch: string): boolean {
  return CLOSING.has(ch) || PAUSE.has(ch) || NO_START_OTHER.has(ch) || DASH_ELLIPSIS.has(ch);
}

/** No line may end with this character. */
export function isNoEnd(ch: string): boolean {
  return OPENING.has(ch);
}

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0';
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * A character of Western text (letters, digits, ASCII punctuation): runs of them form words that
 * keep their internal spacing and break only at spaces (or, inside a URL, after / . -).
 */
export function isWestern(ch: string): boolean {
  if (isSpace(ch)) return false;
  if (CJK_PUNCTUATION.has(ch) || DASH_ELLIPSIS.has(ch) || ch === '·') return false;
  const cp = ch.codePointAt(0) ?? 0;
  // Latin, Greek, Cyrillic and their punctuation; general punctuation below the CJK blocks.
  return cp < 0x2e80 && !(cp >= 0x2000 && cp <= 0x206f && !'‐‑‒–'.includes(ch));
}
