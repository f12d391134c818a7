/**
 * Search tokens, the same in the index (built here) and in the page (src/archive/app.ts holds the
 * browser's copy, tested against this one): Chinese text has no spaces, so every CJK character
 * and every pair of adjacent CJK characters is a token; other letters and digits make words.
 * A query matches an issue holding all its tokens (its characters for one CJK character, its
 * pairs for more, its words).
 */

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{323af}';
const CJK = new RegExp(`[${HAN}]`, 'u');
/** Runs of Han characters, or words of other letters and digits (a word stops at a Han character). */
export const PIECES = new RegExp(`[${HAN}]+|(?:(?![${HAN}])[\\p{L}\\p{N}])+`, 'gu');

/** Whether a code point is a Han character (one search token per character and pair). */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af)
  );
}

export function pieces(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(PIECES) ?? [];
}

/** Every token of a text, for the index (characters, pairs, words). */
export function indexTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const p of pieces(text)) {
    if (!CJK.test(p)) {
      out.add(p);
      continue;
    }
    const chars = [...p];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i] ?? '');
      if (i + 1 < chars.length) out.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    }
  }
  return out;
}

/** The tokens a query needs (pairs for a CJK run of two or more, else the character; words). */
export function queryTokens(query: string): string[] {
  const out = new Set<string>();
  for (const p of pieces(query)) {
    if (!CJK.test(p)) {
      out.add(p);
      continue;
    }
    const chars = [...p];
    if (chars.length === 1) out.add(p);
    for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return [...out];
}

/** Number of index shards: a query loads only the shards of its tokens. */
export const SHARDS = 64;

/** The shard of a token (a string hash; the page computes the same). */
export function shardOf(token: string): number {
  let h = 0;
  for (const ch of token) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 1000003;
  return h % SHARDS;
}

/**
 * A sorted list of issue numbers, compact: each item is the gap from the previous number (from
 * -1), followed by `:n` when it starts a run of n consecutive numbers, gaps in base 36.
 */
export function encodePostings(ids: readonly number[]): string {
  const items: string[] = [];
  let prev = -1;
  for (let i = 0; i < ids.length;) {
    const start = ids[i] ?? 0;
    let end = i;
    while (end + 1 < ids.length && ids[end + 1] === (ids[end] ?? 0) + 1) end++;
    const run = end - i + 1;
    items.push(`${(start - prev).toString(36)}${run > 1 ? `:${run.toString(36)}` : ''}`);
    prev = start + run - 1;
    i = end + 1;
  }
  return items.join(',');
}

export function decodePostings(text: string): number[] {
  const out: number[] = [];
  let prev = -1;
  for (const item of text.split(',')) {
    if (!item) continue;
    const [gap, run] = item.split(':');
    const start = prev + parseInt(gap ?? '0', 36);
    const n = run ? parseInt(run, 36) : 1;
    for (let k = 0; k < n; k++) out.push(start + k);
    prev = start + n - 1;
  }
  return out;
}
