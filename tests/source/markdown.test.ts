import { describe, expect, it } from '@jest/globals';
import { parseBody, parseInline } from '../../src/source/index.js';

describe('parseBody', () => {
  it('joins Chinese soft line breaks without a space and Western ones with one', () => {
    const { blocks } = parseBody('a.md', '第一行\n第二行\n\nHello\nworld\n', 5);
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: '第一行第二行' }], line: 5 },
      { kind: 'paragraph', runs: [{ text: 'Hello world' }], line: 8 },
    ]);
  });

  it('reads ATX headings of any level as section headings', () => {
    const { blocks } = parseBody('a.md', '## 標題一 ##\n正文。\n\n### 標題二\n', 1);
    expect(blocks.map((b) => [b.kind, b.runs[0]?.text, b.line])).toEqual([
      ['heading', '標題一', 1],
      ['paragraph', '正文。', 2],
      ['heading', '標題二', 4],
    ]);
  });

  it('reports quotes, code and images with their line', () => {
    const { diagnostics } = parseBody('a.md', '> 引文\n\n```\ncode\n```\n\n![x](y.png)\n', 10);
    expect(diagnostics.map((d) => [d.line, d.message.split(' ')[0]])).toEqual([
      [10, 'block'],
      [12, 'code'],
      [16, 'images'],
    ]);
  });
});

describe('parseInline', () => {
  const parse = (text: string): ReturnType<typeof parseInline> => {
    return parseInline(text);
  };

  it('reads emphasis, strong and links', () => {
    expect(parse('甲*乙*丙**丁**[戊](https://x.org/)')).toEqual([
      { text: '甲' },
      { text: '乙', emphasis: true },
      { text: '丙' },
      { text: '丁', emphasis: true },
      { text: '戊', link: 'https://x.org/' },
    ]);
  });

  it('keeps escaped marks and unmatched stars as text', () => {
    expect(parse('\\*a\\* 3*4 \\[b](c)')).toEqual([{ text: '*a* 3*4 [b](c)' }]);
  });
});
