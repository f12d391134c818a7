import type { Catalogue } from '../pipeline/index.js';
import { encodePostings, indexTokens, SHARDS, shardOf } from './tokens.js';

/**
 * The search index, built here and shipped as script files the page loads (a page opened from
 * file:// may run scripts beside it but not fetch them): `search/NN.js`, one per shard, each a
 * call `briefSearchShard(NN, {token: postings})`. Every token of every issue — titles, authors,
 * keywords, key points and full text of both editions, so a query in either script finds it —
 * with the issues (numbered as in the catalogue) that hold it.
 */
export function buildSearchShards(entries: readonly Catalogue[]): string[] {
  const postings = new Map<string, number[]>();
  entries.forEach((entry, id) => {
    const text = entry.files
      .map((f) =>
        [f.title, f.author, f.keywords.join(' '), f.keyPoints.join(' '), f.text, entry.slug].join('\n'),
      )
      .join('\n');
    for (const token of indexTokens(text)) {
      const list = postings.get(token);
      if (list) list.push(id);
      else postings.set(token, [id]);
    }
  });
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
