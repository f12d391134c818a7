import { describe, expect, it } from '@jest/globals';
import { markBookmarks } from '../../src/pdf/outline.js';

describe('markBookmarks', () => {
  it('takes the title (bookmark 1) and tocItem headings in document order and names their destinations', () => {
    const def = {
      content: [
        { table: { body: [[{ text: '遠景論壇' }]] } },
        { text: '標題', bookmark: 1 },
        { text: '第一段' },
        { text: [{ text: '第一' }, { text: '節' }], tocItem: true },
        { stack: [{ text: '第二節', tocItem: true }] },
      ],
    };
    expect(markBookmarks(def)).toEqual([
      { id: 'title', title: '標題', level: 1 },
      { id: 'section1', title: '第一節', level: 2 },
      { id: 'section2', title: '第二節', level: 2 },
    ]);
    expect(def.content[1]).toEqual({ text: '標題', id: 'title' });
    expect(def.content[3]).toMatchObject({ id: 'section1', tocItem: true });
  });

  it('keeps a block’s own id and skips blocks without text', () => {
    const def = {
      content: [
        { text: '  ', tocItem: true },
        { text: '附錄', id: 'appendix', bookmark: 2 },
      ],
    };
    expect(markBookmarks(def)).toEqual([{ id: 'appendix', title: '附錄', level: 2 }]);
  });
});
