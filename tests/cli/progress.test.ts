/**
 * A batch's progress (src/cli/progress.ts): a live line on a terminal, plain lines elsewhere, and
 * the summary table at the end either way.
 */
import { describe, expect, it } from '@jest/globals';
import { Progress } from '../../src/cli/progress.js';

const ESC = String.fromCharCode(0x1b);
/** Back to the line's start and erase it: how the live line is redrawn. */
const CLEAR = `\r${ESC}[2K`;

function sink(isTTY: boolean): { out: { write(t: string): boolean; isTTY: boolean }; text: () => string } {
  let text = '';
  return {
    out: {
      isTTY,
      write: (t: string) => {
        text += t;
        return true;
      },
    },
    text: () => text,
  };
}

function run(isTTY: boolean): string {
  const s = sink(isTTY);
  const p = new Progress(3, s.out);
  p.line('out/a.zh-Hant.pdf  200 KB');
  p.issue('/x/assets/issues/a', 'built');
  p.issue('/x/assets/issues/b', 'skipped');
  p.issue('/x/assets/issues/c', 'failed', 'c/article.md:3:1: title is empty [field/missing]\n   |');
  p.finish();
  return s.text();
}

describe('the progress of a batch', () => {
  it('on a terminal: one line redrawn in place (done/total, issue, elapsed, rate)', () => {
    const text = run(true);
    expect(text).toMatch(
      new RegExp(`${CLEAR.replace('[', '\\[')}\\[1/3\\] a {2}\\d+\\.\\d s {2}[\\d.—]+ issues/s`),
    );
    expect(text).toContain(`${CLEAR}[3/3] c `);
    // Other output goes above the live line: it is cleared first.
    expect(text.indexOf('out/a.zh-Hant.pdf')).toBeGreaterThan(-1);
    expect(text).not.toContain('unchanged, skipped');
  });

  it('off a terminal: plain lines only, no control characters', () => {
    const text = run(false);
    expect(text).not.toContain('\r');
    expect(text).not.toContain(ESC);
    expect(text).toContain('b: unchanged, skipped\n');
  });

  it('ends with the summary table: built, skipped, failed with the first error', () => {
    for (const tty of [true, false]) {
      const table = run(tty).split('\n').slice(-5).join('\n');
      expect(table).toMatch(/3 issues in \d+\.\d s\n {2}built +1\n {2}skipped +1 {2}inputs unchanged/);
      expect(table).toMatch(
        / {2}failed +1 {2}first: c\/article\.md:3:1: title is empty \[field\/missing\]$/m,
      );
    }
  });
});
