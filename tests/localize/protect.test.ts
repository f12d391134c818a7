import { describe, expect, test } from '@jest/globals';

import { findProtectedSpans, localizeText } from '../../src/localize/index.js';

/** The protected pieces of a text, as [kind, text]. */
function spans(text: string, keep: string[] = []): [string, string][] {
  return findProtectedSpans(text, keep).map((s) => [s.kind, text.slice(s.start, s.end)]);
}

describe('findProtectedSpans', () => {
  test('a URL with a Chinese path runs to white space or full-width punctuation', () => {
    expect(spans('見 https://zh.wikipedia.org/wiki/臺灣關係法 一文')).toEqual([
      ['url', 'https://zh.wikipedia.org/wiki/臺灣關係法'],
    ]);
    expect(spans('（https://example.org/報告/積體電路.pdf）。')).toEqual([
      ['url', 'https://example.org/報告/積體電路.pdf'],
    ]);
    expect(spans('來源：<https://www.flickr.com/photos/x/1/in/album-2>')).toEqual([
      ['url', 'https://www.flickr.com/photos/x/1/in/album-2'],
    ]);
  });

  test('trailing ASCII punctuation and an unbalanced parenthesis are not part of a URL', () => {
    expect(spans('see https://example.org/a.html.')).toEqual([
      ['latin', 'see'],
      ['url', 'https://example.org/a.html'],
    ]);
    expect(spans('(https://en.wikipedia.org/wiki/Taiwan_(island))')).toEqual([
      ['url', 'https://en.wikipedia.org/wiki/Taiwan_(island)'],
    ]);
  });

  test('www. addresses, e-mail addresses and phone numbers', () => {
    expect(spans('網址 www.pf.org.tw/資料，信箱 chip.policy@pf.org.tw，電話 +886-2-2365-4366')).toEqual([
      ['url', 'www.pf.org.tw/資料'],
      ['email', 'chip.policy@pf.org.tw'],
      ['phone', '+886-2-2365-4366'],
    ]);
    expect(spans('致電 (02) 2365-4366 詢問')).toEqual([['phone', '(02) 2365-4366']]);
  });

  test('Latin words and numbers with units', () => {
    expect(spans('第 ES-11/1 號決議，50% 以上，COVID-19、3.5nm、13:2')).toEqual([
      ['latin', 'ES-11/1'],
      ['latin', '50%'],
      ['latin', 'COVID-19'],
      ['latin', '3.5nm'],
      ['latin', '13:2'],
    ]);
  });

  test('keep terms, literally, merged with overlapping spans', () => {
    expect(spans('於梨華與於梨華的著作', ['於梨華'])).toEqual([
      ['keep', '於梨華'],
      ['keep', '於梨華'],
    ]);
    expect(spans('BMW集團', ['BMW集團'])).toEqual([['keep', 'BMW集團']]);
    expect(spans('無', [''])).toEqual([]);
  });
});

describe('protected text through the converter', () => {
  test('URLs, e-mail, phone numbers and keep terms are copied unchanged', () => {
    const source =
      '請見 https://zh.wikipedia.org/wiki/臺灣積體電路製造 或寫信至 info@pf.org.tw，電話 886-2-23654366；於梨華著有《又見棕櫚》。';
    const { text } = localizeText(source, { keep: ['於梨華'] });
    expect(text).toBe(
      '请见 https://zh.wikipedia.org/wiki/臺灣積體電路製造 或写信至 info@pf.org.tw，电话 886-2-23654366；於梨華著有《又见棕榈》。',
    );
  });

  test('a glossary term inside a URL is not replaced', () => {
    const glossary = [{ source: '川普', target: '特朗普', origin: { file: 'g.tsv', line: 1 } }];
    expect(localizeText('川普 https://example.org/川普', { glossary }).text).toBe(
      '特朗普 https://example.org/川普',
    );
  });

  test('Latin inside a phrase stays (BMW集團 → BMW集团, not 宝马)', () => {
    expect(localizeText('BMW集團與Google').text).toBe('BMW集团与Google');
  });
});
