/** Leftmost-longest matching of a fixed word list, indexed by first UTF-16 unit. */

export interface Word {
  source: string;
}

export class Lexicon<T extends Word> {
  private readonly byFirst = new Map<string, T[]>();

  constructor(words: Iterable<T>) {
    for (const word of words) {
      if (word.source.length === 0) continue;
      const first = word.source.charAt(0);
      const list = this.byFirst.get(first);
      if (list === undefined) this.byFirst.set(first, [word]);
      else list.push(word);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.source.length - a.source.length);
  }

  /** The longest accepted word starting at `i` and ending at or before `end`. */
  at(text: string, i: number, end: number, accept?: (word: T) => boolean): T | undefined {
    const list = this.byFirst.get(text.charAt(i));
    if (list === undefined) return undefined;
    for (const word of list) {
      if (i + word.source.length <= end && text.startsWith(word.source, i) && (accept?.(word) ?? true)) {
        return word;
      }
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
