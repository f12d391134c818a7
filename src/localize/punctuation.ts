/**
 * Taiwan punctuation → GB/T 15834-2011 (mainland) punctuation. Quotation marks are mapped one to
 * one; 〈〉 (Taiwan's mark for article and chapter titles) becomes 《》 unless it is nested inside
 * 《》, where GB/T 15834 uses 〈〉 itself. The state carries the nesting from one run to the next
 * within a block.
 */

/** One-to-one marks. */
const SIMPLE: ReadonlyMap<string, string> = new Map([
  ['「', '\u201C'], // “
  ['」', '\u201D'], // ”
  ['『', '\u2018'], // ‘
  ['』', '\u2019'], // ’
  ['\u22EF', '\u2026'], // ⋯ midline ellipsis → … (used in pairs: ⋯⋯ → ……)
  ['\u2500', '\u2014'], // ─ box drawing used as a dash → — (── → ——)
  ['\u2027', '\u00B7'], // ‧ hyphenation point in foreign names → ·
  ['\u30FB', '\u00B7'], // ・ katakana middle dot → ·
]);

/** The characters this module may change, for a quick test. */
export const PUNCTUATION_CHARS = /[「」『』\u22EF\u2500\u2027\u30FB〈〉《》]/;

type Open = 'book' | 'angle-converted' | 'angle-kept';

/** Nesting state of title marks, shared by the runs of one block. */
export class PunctuationState {
  private readonly stack: Open[] = [];

  /** Converts the marks in a piece of text that is otherwise being converted. */
  convert(text: string, count: (from: string, to: string) => void): string {
    if (!PUNCTUATION_CHARS.test(text)) return text;
    let out = '';
    for (const ch of text) {
      const simple = SIMPLE.get(ch);
      if (simple !== undefined) {
        count(ch, simple);
        out += simple;
      } else if (ch === '《') {
        this.stack.push('book');
        out += ch;
      } else if (ch === '》') {
        this.popUntil('book');
        out += ch;
      } else if (ch === '〈') {
        if (this.stack.includes('book')) {
          this.stack.push('angle-kept');
          out += ch;
        } else {
          this.stack.push('angle-converted');
          count('〈', '《');
          out += '《';
        }
      } else if (ch === '〉') {
        const top = this.stack[this.stack.length - 1];
        if (top === 'angle-converted') {
          this.stack.pop();
          count('〉', '》');
          out += '》';
        } else {
          if (top === 'angle-kept') this.stack.pop();
          out += ch;
        }
      } else {
        out += ch;
      }
    }
    return out;
  }

  private popUntil(kind: Open): void {
    while (this.stack.length > 0) {
      if (this.stack.pop() === kind) return;
    }
  }
}
