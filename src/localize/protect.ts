/**
 * Protected spans: text the Simplified edition must reproduce byte for byte. Every converter we
 * tried rewrites Chinese characters inside URLs, so URLs (also with Chinese paths), e-mail
 * addresses, phone numbers, Latin words, numbers with their units and the author's `keep` terms are
 * cut out before conversion and written unchanged.
 */

export type ProtectedKind = 'url' | 'email' | 'phone' | 'latin' | 'keep';

/** A half-open range [start, end) of UTF-16 offsets in the text. */
export interface Span {
  start: number;
  end: number;
  kind: ProtectedKind;
}

/**
 * A URL runs to the first white space, angle bracket, quotation mark or full-width punctuation;
 * Chinese characters in its path belong to it. Trailing ASCII sentence punctuation is dropped.
 */
const URL_RE = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"'`「」『』“”‘’（）【】《》〈〉，。、；：！？…]+/giu;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;
/** International or long digit groups: +886-2-2365-4366, (02) 2365 4366, 886-2-23654366. */
const PHONE_RE = /(?:\+|\(\d)?\d[\d()\- ]{6,}\d/gu;
/** Latin words and numbers with what is glued to them: ES-11/1, 50%, COVID-19, 3.5nm, 13:2. */
const LATIN_RE = /[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F_.,:/%+&'’\-–]*/gu;

function trimUrlEnd(url: string): string {
  let end = url.length;
  while (end > 0 && '.,;:!?'.includes(url.charAt(end - 1))) end--;
  // A closing parenthesis belongs to the URL only if it has an opening one.
  let trimmed = url.slice(0, end);
  while (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')')) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function collect(text: string, re: RegExp, kind: ProtectedKind, spans: Span[], trim?: (s: string) => string) {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const matched = trim ? trim(m[0]) : m[0];
    if (matched.length > 0) spans.push({ start: m.index, end: m.index + matched.length, kind });
  }
}

/**
 * Finds the protected spans of a text, sorted and merged (an overlap keeps the kind of the span
 * that starts first, or the longer one on a tie). `keep` terms are matched literally. Latin words
 * are protected where no URL, address, number or keep term is.
 */
export function findProtectedSpans(text: string, keep: readonly string[] = []): Span[] {
  const spans: Span[] = [];
  collect(text, URL_RE, 'url', spans, trimUrlEnd);
  collect(text, EMAIL_RE, 'email', spans);
  collect(text, PHONE_RE, 'phone', spans);
  for (const term of keep) {
    if (term.length === 0) continue;
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) {
      spans.push({ start: i, end: i + term.length, kind: 'keep' });
    }
  }
  // Latin words only where nothing else matched (a URL's trailing dot stays outside it).
  const latin: Span[] = [];
  collect(text, LATIN_RE, 'latin', latin);
  for (const l of latin) if (!spans.some((s) => s.start < l.end && l.start < s.end)) spans.push(l);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      if (span.end > last.end) last.end = span.end;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}
