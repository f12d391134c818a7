/** The transliteration list: every name, every counter-example, the file format, the review. */
import { describe, expect, test } from '@jest/globals';

import { BriefError } from '../../src/errors.js';
import {
  getDefaultNames,
  getDefaultVocabulary,
  localizeText,
  parseNames,
  renderReview,
} from '../../src/localize/index.js';
import { twToCn } from '../../src/localize/opencc.js';

const names = getDefaultNames();
const mainland = (text: string) => localizeText(text).text;

describe('the names file', () => {
  test('is versioned and has at least 300 names of people, cities and organisations', () => {
    expect(names.version).toMatch(/^\d{4}\.\d{2}-\d+$/);
    expect(names.entries.length).toBeGreaterThanOrEqual(300);
    const count = (category: string) => names.entries.filter((e) => e.category === category).length;
    expect(count('person')).toBeGreaterThanOrEqual(200);
    expect(count('city')).toBeGreaterThanOrEqual(50);
    expect(count('org')).toBeGreaterThanOrEqual(20);
  });

  test('has the issue examples', () => {
    const target = (source: string) => names.entries.find((e) => e.source === source)?.target;
    expect([target('川普'), target('馬克宏'), target('梅克爾'), target('蕭茲')]).toEqual([
      '特朗普',
      '马克龙',
      '默克尔',
      '朔尔茨',
    ]);
  });

  test('targets are Simplified, differ from what OpenCC writes, and name no vocabulary term', () => {
    const vocabulary = new Set(getDefaultVocabulary().entries.map((e) => e.source));
    for (const e of names.entries) {
      expect([e.source, twToCn(e.target), twToCn(e.source) !== e.target, vocabulary.has(e.source)]).toEqual([
        e.source,
        e.target,
        true,
        false,
      ]);
    }
  });

  test('every entry says where it comes from', () => {
    for (const e of names.entries)
      expect([e.source, ['pf-2026.11', 'opencc', 'hand'].includes(e.from)]).toEqual([e.source, true]);
  });
});

describe('each name, in a sentence, becomes its mainland form', () => {
  test.each(names.entries.map((e) => [e.source, e.target]))('%s → %s', (source, target) => {
    expect(mainland(`、${source}。`)).toBe(`、${target}。`);
    expect(mainland(`報告指出，${source}與其他人`)).toBe(`${twToCn('報告指出，')}${target}与其他人`);
  });
});

describe('each not-in word keeps the name out', () => {
  const cases = names.entries.flatMap((e) => e.notIn.map((word) => [e.source, e.target, word] as const));

  test('there are counter-examples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  test.each(cases)('%s → %s is not applied inside %s', (source, target, word) => {
    const naive = word
      .split(source)
      .map((part) => twToCn(part))
      .join(target);
    expect(mainland(`、${word}。`)).not.toBe(`、${naive}。`);
  });

  test.each([
    ['柯爾克孜族', '柯尔克孜族'],
    ['宣布希望', '宣布希望'],
    ['布希亞', '布希亚'],
    ['強森公司', '强森公司'],
    ['冰糖雪梨', '冰糖雪梨'],
  ])('%s → %s', (source, expected) => {
    expect(mainland(source)).toBe(expected);
  });
});

describe('matching as whole names', () => {
  test('the longer name wins: 詹姆斯·卡麥隆 is one name, 卡麥隆 another', () => {
    expect(mainland('詹姆斯·卡麥隆與卡麥隆')).toBe('詹姆斯·卡梅隆与卡梅伦');
  });

  test('the script profile keeps names and does not list them', () => {
    const { text, review } = localizeText('馬克宏與梅克爾', { profile: 'script' });
    expect(text).toBe('马克宏与梅克尔');
    expect(review.transliterations).toEqual([]);
  });

  test('the glossary wins over the names file', () => {
    const glossary = [{ source: '馬克宏', target: '马克龙总统', origin: { file: 'g.tsv', line: 1 } }];
    expect(localizeText('馬克宏說', { glossary }).text).toBe('马克龙总统说');
  });

  test('the review lists every name applied, with its count and line in the names file', () => {
    const { review } = localizeText('馬克宏、梅克爾與蕭茲會面；馬克宏表示。');
    expect(review.transliterations.map((t) => [t.source, t.target, t.count, t.kind])).toEqual([
      ['馬克宏', '马克龙', 2, 'transliteration'],
      ['梅克爾', '默克尔', 1, 'transliteration'],
      ['蕭茲', '朔尔茨', 1, 'transliteration'],
    ]);
    const md = renderReview(review);
    expect(md).toContain('## Transliterations (4)');
    expect(md).toMatch(/\| 馬克宏 \| 马克龙 \| 2 \| names\.zh-Hans\.tsv:\d+ \| text: \*\*马克龙\*\*/);
  });
});

describe('parseNames', () => {
  const errorOf = (text: string): string => {
    try {
      parseNames(text, 'n.tsv');
    } catch (e) {
      if (e instanceof BriefError) return e.message;
      throw e;
    }
    return '';
  };

  test('reads version, target, not-in words, category, provenance and note', () => {
    const list = parseNames('# version: 2000.01-1\n柯爾\t科尔\t柯爾克孜\tperson\thand\tnote\n', 'n.tsv');
    expect(list.version).toBe('2000.01-1');
    expect(list.entries).toEqual([
      {
        source: '柯爾',
        target: '科尔',
        notIn: ['柯爾克孜'],
        category: 'person',
        from: 'hand',
        note: 'note',
        line: 2,
      },
    ]);
  });

  test('rejects unknown categories, duplicates, bad not-in words and short lines', () => {
    expect(errorOf('柯爾\t科尔\t\tpeople\n')).toMatch(/n\.tsv:1:\d+: unknown category "people"/);
    expect(errorOf('柯爾\t科尔\t\tperson\n柯爾\t柯尔\t\tperson\n')).toMatch(
      /n\.tsv:2:1: duplicate name "柯爾"/,
    );
    expect(errorOf('柯爾\t科尔\t柯林\tperson\n')).toMatch(
      /not-in word "柯林" must be longer than and contain "柯爾"/,
    );
    expect(errorOf('柯爾\t科尔\n')).toMatch(/n\.tsv:1:1: malformed names line/);
  });
});
