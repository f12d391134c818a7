/** Leftmost-longest matching of a fixed word list, by a character trie (no allocation per look-up). */

export interface Word {
  source: string;
}

interface TrieNode<T> {
  /** Keyed by UTF-16 code unit: no string is made per step. */
  next: Map<number, TrieNode<T>>;
  /** Words whose source ends here, in the order given. */
  words: T[];
}

export class Lexicon<T extends Word> {
  private readonly root: TrieNode<T> = { next: new Map(), words: [] };
  /** Ends of the words met on the current walk, reused between look-ups. */
  private readonly ends: TrieNode<T>[] = [];

  constructor(words: Iterable<T>) {
    for (const word of words) {
      if (word.source.length === 0) continue;
      let node = this.root;
      for (let k = 0; k < word.source.length; k++) {
        const unit = word.source.charCodeAt(k);
        let child = node.next.get(unit);
        if (child === undefined) {
          child = { next: new Map(), words: [] };
          node.next.set(unit, child);
        }
        node = child;
      }
      node.words.push(word);
    }
  }

  /**
   * The longest accepted word starting at `i` and ending at or before `end`; of words with the same
   * source, the first given. `accept` gets the word and `i`.
   */
  at(text: string, i: number, end: number, accept?: (word: T, at: number) => boolean): T | undefined {
    const ends = this.ends;
    let found = 0;
    let node: TrieNode<T> | undefined = this.root;
    for (let j = i; j < end; j++) {
      node = node.next.get(text.charCodeAt(j));
      if (node === undefined) break;
      if (node.words.length > 0) ends[found++] = node;
    }
    for (let k = found - 1; k >= 0; k--) {
      const words = ends[k]?.words ?? [];
      for (const word of words) if (accept === undefined || accept(word, i)) return word;
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
