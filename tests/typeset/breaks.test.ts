import { describe, expect, it } from '@jest/globals';
import { breakOpportunities, findUrls } from '../../src/typeset/index.js';

/** The text with | at every break opportunity. */
function marked(text: string): string {
  const chars = [...text];
  const breaks = breakOpportunities(chars);
  return chars.map((c, i) => (i < chars.length - 1 && breaks[i] ? `${c}|` : c)).join('');
}

describe('breakOpportunities', () => {
  it('breaks between Han characters', () => {
    expect(marked('國際法')).toBe('國|際|法');
  });

  it('never puts a closing, pause or stop mark at a line start', () => {
    expect(marked('戰爭，和平。')).toBe('戰|爭，|和|平。');
    expect(marked('「禁止」、《憲章》；')).toBe('「禁|止」、|《憲|章》；');
    expect(marked('好？！」')).toBe('好？！」');
    expect(marked('“全面”‘禁止’')).toBe('“全|面”|‘禁|止’');
  });

  it('never leaves an opening mark at a line end', () => {
    expect(marked('說「（甲')).toBe('說|「（甲');
  });

  it('keeps —— and …… whole and off the line start', () => {
    expect(marked('甲——乙')).toBe('甲——|乙');
    expect(marked('甲……乙')).toBe('甲……|乙');
    expect(marked('甲──乙')).toBe('甲──|乙');
  });

  it('keeps Western words, numbers with units and codes whole', () => {
    expect(marked('第ES-11/1號')).toBe('第|ES-11/1|號');
    expect(marked('成長50%，')).toBe('成|長|50%，');
    expect(marked('約US$1,185,000.5元')).toBe('約|US$1,185,000.5|元');
    expect(marked('成長 50 ％')).toBe('成|長 |50 ％');
  });

  it('breaks at spaces, after them, never before', () => {
    expect(marked('普丁 2025 年')).toBe('普|丁 |2025 |年');
    expect(marked('World Economic Outlook')).toBe('World |Economic |Outlook');
  });

  it('keeps a score such as 13：2 whole', () => {
    expect(marked('以13：2判決')).toBe('以|13：2|判|決');
  });

  it('breaks URLs only after / . - and not inside the scheme or between digits', () => {
    expect(marked('見https://www.a-b.org/x/v1.2/y-z 說明')).toBe(
      '見|https://www.|a-|b.|org/|x/|v1.2/|y-|z |說|明',
    );
  });

  it('finds URLs without the sentence punctuation after them', () => {
    const chars = [...'見 https://a.org/x. 又見 www.b.tw。'];
    const spans = findUrls(chars).map(([s, e]) => chars.slice(s, e).join(''));
    expect(spans).toEqual(['https://a.org/x', 'www.b.tw']);
  });

  it('finds URLs by character index when characters are clusters of several code units', () => {
    const chars = ['葛\u{E0100}', '𡘙', ' ', ...'見 https://a.org/x', '。'];
    const spans = findUrls(chars).map(([s, e]) => chars.slice(s, e).join(''));
    expect(spans).toEqual(['https://a.org/x']);
  });

  it('always allows the end of the text', () => {
    expect(breakOpportunities([...'甲」'])).toEqual([false, true]);
    expect(breakOpportunities([...'甲「'])).toEqual([true, true]);
  });
});
