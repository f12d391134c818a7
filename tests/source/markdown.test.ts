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

  it('reads `## ` as a section heading and `### ` as a sub-section heading', () => {
    const { blocks, diagnostics } = parseBody('a.md', '## 標題一 ##\n正文。\n\n### 標題二\n', 1);
    expect(diagnostics).toEqual([]);
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: '標題一' }], line: 1 },
      { kind: 'paragraph', runs: [{ text: '正文。' }], line: 2 },
      { kind: 'heading', level: 3, runs: [{ text: '標題二' }], line: 4 },
    ]);
  });

  it('reports code, HTML and an image in running text at their line and column', () => {
    const { diagnostics } = parseBody(
      'a.md',
      '```\ncode\n```\n\n<p>x</p>\n\n文字 ![x](y.png "c") 文字\n',
      10,
    );
    expect(diagnostics.map((d) => [d.line, d.column, d.message.split(' ')[0]])).toEqual([
      [10, 1, 'code'],
      [14, 1, 'raw'],
      [16, 4, 'an'],
    ]);
  });

  it('ends a bare web address at a full-width mark, and keeps 3~5 as text', () => {
    const { blocks, diagnostics } = parseBody('a.md', '見https://x.org/a?b=1。後續 3~5 年', 1);
    expect(diagnostics).toEqual([]);
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [
          { text: '見' },
          { text: 'https://x.org/a?b=1', link: 'https://x.org/a?b=1' },
          { text: '。後續 3~5 年' },
        ],
        line: 1,
      },
    ]);
  });

  it('joins lines across runs the Chinese way: no space next to a Chinese character', () => {
    const { blocks } = parseBody('a.md', '甲*乙*\n丙 [d](https://d.org)\ne', 1);
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [
          { text: '甲' },
          { text: '乙', emphasis: true },
          { text: '丙 ' },
          { text: 'd', link: 'https://d.org' },
          { text: ' e' },
        ],
        line: 1,
      },
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
