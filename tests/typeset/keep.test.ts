import { describe, expect, it } from '@jest/globals';
import type { Mark, PlacedNode } from '../../src/typeset/index.js';
import { decodeMark, encodeMark, shouldBreakBefore } from '../../src/typeset/index.js';

/**
 * A page as the layout left it: `lines[p]` = how many lines of paragraph 0 (of `count`) are on
 * page p, after `before` other nodes. Returns the decision at every line of the paragraph.
 */
function decisions(count: number, onFirstPage: number): boolean[] {
  const line = (index: number, page: number): PlacedNode => ({
    mark: { kind: 'line', para: 0, index, count },
    pages: [page],
    atPageTop: page === 2 && index === onFirstPage,
  });
  const nodes = Array.from({ length: count }, (_, i) => line(i, i < onFirstPage ? 1 : 2));
  const other: PlacedNode = { mark: null, pages: [1], atPageTop: true };
  const footer: PlacedNode = { mark: { kind: 'furniture' }, pages: [1], atPageTop: false };
  return nodes.map((node, i) => {
    const page = node.pages[0];
    const all = [other, ...nodes];
    const index = i + 1;
    return shouldBreakBefore(node, {
      previousOnPage: all.slice(0, index).filter((n) => n.pages[0] === page),
      followingOnPage: [...all.slice(index + 1).filter((n) => n.pages[0] === page), footer],
    });
  });
}

const where = (d: boolean[]): number => d.indexOf(true);

describe('shouldBreakBefore: widows and orphans', () => {
  it('leaves a paragraph that fits, or splits 2 + 2 or more, alone', () => {
    expect(where(decisions(3, 3))).toBe(-1);
    expect(where(decisions(4, 2))).toBe(-1);
    expect(where(decisions(8, 5))).toBe(-1);
  });

  it('moves an orphan (first line alone at the foot) over with its paragraph', () => {
    expect(where(decisions(2, 1))).toBe(0);
    expect(where(decisions(6, 1))).toBe(0);
  });

  it('gives a widow company: one more line goes over', () => {
    expect(where(decisions(6, 5))).toBe(4);
    expect(where(decisions(4, 3))).toBe(2);
  });

  it('moves a paragraph that cannot be split 2 + 2 as a whole', () => {
    expect(where(decisions(3, 2))).toBe(0);
  });

  it('never breaks before a node already at the top of a page', () => {
    const node: PlacedNode = {
      mark: { kind: 'line', para: 0, index: 0, count: 5 },
      pages: [2],
      atPageTop: true,
    };
    expect(shouldBreakBefore(node, { previousOnPage: [], followingOnPage: [] })).toBe(false);
  });
});

describe('shouldBreakBefore: keep with next', () => {
  const keep: PlacedNode = { mark: { kind: 'keep' }, pages: [1], atPageTop: false };
  const line = (index: number, count: number, page = 1): PlacedNode => ({
    mark: { kind: 'line', para: 7, index, count },
    pages: [page],
    atPageTop: false,
  });
  const stack: PlacedNode = { mark: null, pages: [1], atPageTop: false, container: true };
  const footer: PlacedNode = { mark: { kind: 'furniture' }, pages: [1], atPageTop: false };
  const decide = (following: PlacedNode[]): boolean =>
    shouldBreakBefore(keep, { previousOnPage: [], followingOnPage: [...following, footer] });

  it('goes over when nothing but the footer follows on the page', () => {
    expect(decide([])).toBe(true);
  });

  it('goes over when fewer than two lines of the next paragraph follow', () => {
    expect(decide([stack, line(0, 5)])).toBe(true);
    expect(decide([stack, line(0, 5), line(1, 5)])).toBe(false);
  });

  it('accepts a one-line paragraph whole', () => {
    expect(decide([stack, line(0, 1)])).toBe(false);
  });

  it('foresees the paragraph moving as a whole (3 lines split 2 + 1)', () => {
    expect(decide([stack, line(0, 3), line(1, 3)])).toBe(true);
    expect(decide([stack, line(0, 4), line(1, 4), line(2, 4)])).toBe(false);
  });

  it('follows a chain of keep blocks (title, byline, rule) to the paragraph after it', () => {
    expect(decide([keep, keep, stack, line(0, 5)])).toBe(true);
    expect(decide([keep, keep, stack, line(0, 5), line(1, 5)])).toBe(false);
  });

  it('is satisfied by other content (a picture, a table) on the same page', () => {
    expect(decide([{ mark: null, pages: [1], atPageTop: false }])).toBe(false);
  });
});

describe('marks', () => {
  it('round-trip through strings and ignore anything else', () => {
    const marks: Mark[] = [
      { kind: 'keep' },
      { kind: 'furniture' },
      { kind: 'line', para: 3, index: 1, count: 9 },
    ];
    for (const m of marks) expect(decodeMark(encodeMark(m))).toEqual(m);
    expect(decodeMark(9)).toBeNull();
    expect(decodeMark('heading')).toBeNull();
  });
});
