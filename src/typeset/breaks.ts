import { DASH_ELLIPSIS, isDigit, isNoEnd, isNoStart, isSpace, isWestern } from './chars.js';

/**
 * Line-break opportunities in Chinese text with embedded Western words, numbers and URLs,
 * following clreq's *basic* prohibition level plus its strict rule for —— and ……:
 * - between two Han characters (or a Han character and a Western word) a line may break, unless
 *   the next character may not begin a line (closing, pause, stop and connector marks, %, ——, ……)
 *   or the previous one may not end a line (opening marks);
 * - a Western word (letters, digits, ASCII punctuation: `ES-11/1`, `50%`, `3.14`) is never broken;
 *   breaks fall at spaces, and a space at a break is dropped;
 * - a URL may break after `/`, `.` or `-` (not inside `://`, not between digits);
 * - digit：digit (a score such as 13：2) stays whole.
 */

/** URL spans in `chars` as [start, end) index pairs. */
export function findUrls(chars: readonly string[]): [number, number][] {
  // chars may be clusters of several code units: map string offsets back to their index.
  const indexAt = new Map<number, number>();
  let offset = 0;
  chars.forEach((c, i) => {
    indexAt.set(offset, i);
    offset += c.length;
  });
  indexAt.set(offset, chars.length);
  const text = chars.join('');
  const spans: [number, number][] = [];
  const re = /(?:https?:\/\/|mailto:|www\.)[\x21-\x7e]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // Sentence punctuation after a URL is not part of it.
    const url = m[0].replace(/[.,;:!?)\]}'"]+$/, '');
    const start = indexAt.get(m.index);
    const end = indexAt.get(m.index + url.length);
    if (start !== undefined && end !== undefined) spans.push([start, end]);
  }
  return spans;
}

/**
 * `result[i]` is true when a line may break between `chars[i]` and `chars[i + 1]` (the last entry
 * is always true: the end of the text).
 */
export function breakOpportunities(chars: readonly string[]): boolean[] {
  const n = chars.length;
  const inUrl = new Int32Array(n).fill(-1);
  for (const [s, e] of findUrls(chars)) for (let i = s; i < e; i++) inUrl[i] = s;
  const result: boolean[] = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    const a = chars[i] ?? '';
    const b = chars[i + 1];
    if (b === undefined) {
      result[i] = true;
      continue;
    }
    result[i] = canBreakBetween(chars, i, a, b, inUrl);
  }
  return result;
}

function canBreakBetween(
  chars: readonly string[],
  i: number,
  a: string,
  b: string,
  inUrl: Int32Array,
): boolean {
  // Breaks fall after a run of spaces, never before one.
  if (isSpace(b)) return false;
  if (isNoEnd(a)) return false;
  if (isNoStart(b)) return false;
  // —— and …… are kept whole and do not begin a line; handled by isNoStart for DASH_ELLIPSIS.
  if (DASH_ELLIPSIS.has(a) && DASH_ELLIPSIS.has(b)) return false;
  if (isSpace(a)) return true;
  const urlStart = inUrl[i] ?? -1;
  if (urlStart >= 0 && (inUrl[i + 1] ?? -1) === urlStart) return urlBreakAfter(chars, i, urlStart);
  if (isWestern(a) && isWestern(b)) return false;
  // A score or ratio such as 13：2 stays whole.
  if ((a === '：' || a === '／') && isDigit(chars[i - 1]) && isDigit(b)) return false;
  return true;
}

function urlBreakAfter(chars: readonly string[], i: number, urlStart: number): boolean {
  const a = chars[i] ?? '';
  const b = chars[i + 1] ?? '';
  if (!'/.-'.includes(a) || '/.-'.includes(b)) return false;
  // Not inside the scheme (https://) …
  const before = chars.slice(urlStart, i + 1).join('');
  if (/^[a-z]+:\/*$/i.test(before)) return false;
  // … and not between digits (a version or a date inside the URL).
  if (isDigit(chars[i - 1]) && isDigit(b)) return false;
  return true;
}
