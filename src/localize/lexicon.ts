/** Leftmost-longest matching of a fixed word list, indexed by first UTF-16 unit. */

export interface Word {
  source: string;
}

/** The words that start with one character: their lengths, longest first, and the words by source. */
interface Bucket<T> {
  lengths: number[];
  bySource: Map<string, T[]>;
}

export class Lexicon<T extends Word> {
  private readonly byFirst = new Map<string, Bucket<T>>();

  constructor(words: Iterable<T>) {
    for (const word of words) {
      if (word.source.length === 0) continue;
      const first = word.source.charAt(0);
      let bucket = this.byFirst.get(first);
      if (bucket === undefined) {
        bucket = { lengths: [], bySource: new Map() };
        this.byFirst.set(first, bucket);
      }
      const same = bucket.bySource.get(word.source);
      if (same === undefined) bucket.bySource.set(word.source, [word]);
      else same.push(word);
      if (!bucket.lengths.includes(word.source.length)) bucket.lengths.push(word.source.length);
    }
    for (const bucket of this.byFirst.values()) bucket.lengths.sort((a, b) => b - a);
  }

  /**
   * The longest accepted word starting at `i` and ending at or before `end`; of words with the same
   * source, the first given. One map look-up per distinct length, so a large list stays fast.
   */
  at(text: string, i: number, end: number, accept?: (word: T) => boolean): T | undefined {
    const bucket = this.byFirst.get(text.charAt(i));
    if (bucket === undefined) return undefined;
    for (const length of bucket.lengths) {
      if (i + length > end) continue;
      const words = bucket.bySource.get(text.slice(i, i + length));
      if (words === undefined) continue;
      for (const word of words) if (accept?.(word) ?? true) return word;
    }
    return undefined;
  }
}

/** True when one of `notIn` (words containing `source`) covers the occurrence at `i`. */
export function coveredByException(
  text: string,
  i: number,
  source: string,
  notIn: readonly string[],
): boolean {
  for (const word of notIn) {
    for (let k = word.indexOf(source); k >= 0; k = word.indexOf(source, k + 1)) {
      const start = i - k;
      if (start >= 0 && text.startsWith(word, start)) return true;
    }
  }
  return false;
}
