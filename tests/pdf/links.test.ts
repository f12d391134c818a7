import { describe, expect, it } from '@jest/globals';
import { findBareLinks, normalizeLinkTarget, prepareLinks } from '../../src/pdf/links.js';

describe('findBareLinks', () => {
  it('finds e-mail addresses between Chinese text and full-width punctuation', () => {
    const text = '意見請寄editor@pf.org.tw，或research.desk@mail.pf.org.tw。';
    expect(findBareLinks(text).map((l) => [text.slice(l.start, l.end), l.target])).toEqual([
      ['editor@pf.org.tw', 'mailto:editor@pf.org.tw'],
      ['research.desk@mail.pf.org.tw', 'mailto:research.desk@mail.pf.org.tw'],
    ]);
  });

  it('leaves a sentence-ending ASCII full stop outside an address', () => {
    const text = 'Write to a@b.org. See https://x.org/a/b.';
    expect(findBareLinks(text).map((l) => l.target)).toEqual(['mailto:a@b.org', 'https://x.org/a/b']);
  });

  it('does not take an address inside a URL for an e-mail address', () => {
    const text = '見 https://example.org/u/someone@example.org/profile 。';
    expect(findBareLinks(text).map((l) => l.target)).toEqual([
      'https://example.org/u/someone@example.org/profile',
    ]);
  });

  it('finds nothing in plain text or a lone @', () => {
    expect(findBareLinks('川普和普丁 @ 阿拉斯加，2025 年 8 月 15 日。')).toEqual([]);
  });
});

describe('normalizeLinkTarget', () => {
  it('percent-encodes a Chinese path and punycodes a Chinese host', () => {
    expect(normalizeLinkTarget('https://zh.wikipedia.org/wiki/阿拉斯加')).toBe(
      'https://zh.wikipedia.org/wiki/%E9%98%BF%E6%8B%89%E6%96%AF%E5%8A%A0',
    );
    expect(normalizeLinkTarget('http://例子.台灣/')).toMatch(/^http:\/\/xn--[a-z0-9-]+\.xn--[a-z0-9-]+\/$/);
  });

  it('keeps an ASCII address exactly as written, and refuses one that does not parse', () => {
    expect(normalizeLinkTarget('http://www.pf.org.tw')).toBe('http://www.pf.org.tw');
    expect(normalizeLinkTarget('https://x.org/a?b=1&c=%E4')).toBe('https://x.org/a?b=1&c=%E4');
    expect(normalizeLinkTarget('https://exa mple.org/')).toBeNull();
  });

  it('keeps mailto (non-ASCII encoded) and refuses other schemes and relative paths', () => {
    expect(normalizeLinkTarget('mailto:editor@pf.org.tw')).toBe('mailto:editor@pf.org.tw');
    expect(normalizeLinkTarget('mailto:編輯@pf.org.tw')).toBe('mailto:%E7%B7%A8%E8%BC%AF@pf.org.tw');
    expect(normalizeLinkTarget('mailto:nobody')).toBeNull();
    expect(normalizeLinkTarget('javascript:alert(1)')).toBeNull();
    expect(normalizeLinkTarget('file:///etc/passwd')).toBeNull();
    expect(normalizeLinkTarget('notes/page.html')).toBeNull();
  });
});

describe('prepareLinks', () => {
  const styles = { link: { color: '#1d4f91' }, body: {} };

  it('splits bare addresses out of inlines and node text, keeping the owner’s properties', () => {
    const def = {
      styles,
      content: [
        { text: [{ text: '請寄 a@b.org 洽詢', bold: true }, '或見 https://x.org/p 。'], style: 'body' },
        { stack: [{ text: '聯絡：c@d.org' }] },
      ],
    };
    prepareLinks(def);
    expect(def.content[0]).toEqual({
      text: [
        { text: '請寄 ', bold: true },
        { text: 'a@b.org', bold: true, link: 'mailto:a@b.org', style: ['link'] },
        { text: ' 洽詢', bold: true },
        { text: '或見 ' },
        { text: 'https://x.org/p', link: 'https://x.org/p', style: ['link'] },
        { text: ' 。' },
      ],
      style: 'body',
    });
    expect(def.content[1]).toEqual({
      stack: [{ text: [{ text: '聯絡：' }, { text: 'c@d.org', link: 'mailto:c@d.org', style: ['link'] }] }],
    });
  });

  it('leaves existing links as they are apart from normalising them, and drops unsafe ones', () => {
    const def = {
      styles,
      content: [
        {
          text: [
            { text: 'editor@pf.org.tw', link: 'https://pf.org.tw/聯絡', style: 'link' },
            { text: '點我', link: 'javascript:alert(1)' },
          ],
        },
      ],
    };
    prepareLinks(def);
    expect(def.content[0]?.text).toEqual([
      { text: 'editor@pf.org.tw', link: 'https://pf.org.tw/%E8%81%AF%E7%B5%A1', style: 'link' },
      { text: '點我' },
    ]);
  });
});
