import type { Catalogue } from '../pipeline/index.js';
import { encodePostings, isHan, pieces, SHARDS, shardOf } from './tokens.js';

/**
 * The search index, built here and shipped as script files the page loads (a page opened from
 * file:// may run scripts beside it but not fetch them): `search/NN.js`, one per shard, each a
 * call `briefSearchShard(NN, {token: postings})`. Every token of every issue — titles, authors,
 * keywords, key points and full text of both editions, so a query in either script finds it —
 * with the issues (numbered as in the catalogue) that hold it.
 *
 * The tokens are those of tokens.ts `indexTokens` (tests/archive/catalogue.test.ts checks it);
 * here Han characters and pairs are counted as numbers, not strings, because a thousand issues
 * hold some twelve million characters.
 */

interface Posting {
  /** The last issue added (each issue once). */
  last: number;
  ids: number[];
}

/** Key of a Han character: its code point; of a pair: (first + 1) × 0x110000 + second. */
const PAIR = 0x110000;

function add<K>(map: Map<K, Posting>, key: K, id: number): void {
  const p = map.get(key);
  if (!p) map.set(key, { last: id, ids: [id] });
  else if (p.last !== id) {
    p.last = id;
    p.ids.push(id);
  }
}

/** Every token of every issue, with its postings, as strings. */
export function buildPostings(entries: readonly Catalogue[]): Map<string, number[]> {
  const han = new Map<number, Posting>();
  const words = new Map<string, Posting>();
  const scan = (text: string, id: number): void => {
    for (const piece of pieces(text)) {
      if (!isHan(piece.codePointAt(0) ?? 0)) {
        add(words, piece, id);
        continue;
      }
      let prev = -1;
      for (let i = 0; i < piece.length;) {
        const cp = piece.codePointAt(i) ?? 0;
        i += cp > 0xffff ? 2 : 1;
        add(han, cp, id);
        if (prev >= 0) add(han, (prev + 1) * PAIR + cp, id);
        prev = cp;
      }
    }
  };
  entries.forEach((entry, id) => {
    scan(entry.slug, id);
    for (const f of entry.files) {
      scan(f.title, id);
      scan(f.author, id);
      scan(f.keywords.join('\n'), id);
      scan(f.keyPoints.join('\n'), id);
      scan(f.text, id);
    }
  });
  const out = new Map<string, number[]>();
  for (const [key, p] of han)
    out.set(
      key < PAIR
        ? String.fromCodePoint(key)
        : String.fromCodePoint(Math.floor(key / PAIR) - 1) + String.fromCodePoint(key % PAIR),
      p.ids,
    );
  for (const [key, p] of words) out.set(key, p.ids);
  return out;
}

export function buildSearchShards(entries: readonly Catalogue[]): string[] {
  const postings = buildPostings(entries);
  const shards: Record<string, string>[] = Array.from({ length: SHARDS }, () => ({}));
  for (const token of [...postings.keys()].sort()) {
    const shard = shards[shardOf(token)];
    if (shard) shard[token] = encodePostings(postings.get(token) ?? []);
  }
  return shards.map((s, n) => `briefSearchShard(${n},${JSON.stringify(s)});\n`);
}

export function shardFileName(n: number): string {
  return `search/${String(n).padStart(2, '0')}.js`;
}
