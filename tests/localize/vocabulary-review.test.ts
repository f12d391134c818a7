/** The reviewed vocabulary at scale: size, domains, provenance, and the OpenCC phrases left out. */
import { describe, expect, test } from '@jest/globals';

import { BriefError } from '../../src/errors.js';
import { getDefaultVocabulary, localizeText, parseVocabulary } from '../../src/localize/index.js';
import { dictionaryWords } from '../../src/localize/opencc.js';

const vocabulary = getDefaultVocabulary();

describe('the reviewed vocabulary', () => {
  test('has at least 1,500 entries, each with a domain and a provenance', () => {
    expect(vocabulary.entries.length).toBeGreaterThanOrEqual(1500);
    for (const e of vocabulary.entries) {
      expect([
        e.source,
        e.domain !== undefined,
        ['pf-2026.11', 'opencc', 'hand'].includes(e.from ?? ''),
      ]).toEqual([e.source, true, true]);
    }
  });

  test('covers all five domains', () => {
    const count = (domain: string) => vocabulary.entries.filter((e) => e.domain === domain).length;
    for (const domain of ['tech', 'econ', 'place', 'daily'])
      expect([domain, count(domain) >= 100]).toEqual([domain, true]);
    expect(count('name')).toBeGreaterThanOrEqual(15);
  });

  test('entries from OpenCC are phrases of its dictionaries', () => {
    const words = new Set(dictionaryWords());
    const fromOpencc = vocabulary.entries.filter((e) => e.from === 'opencc');
    expect(fromOpencc.length).toBeGreaterThanOrEqual(300);
    for (const e of fromOpencc)
      expect([e.source, words.has(e.source) || [...e.source].length === 1]).toEqual([e.source, true]);
  });

  test('OpenCC phrases that are also normal mainland usage were left out', () => {
    const sources = new Set(vocabulary.entries.map((e) => e.source));
    const leftOut = [
      '宣告',
      '建立',
      '執行',
      '核心',
      '程序',
      '資料',
      '檔案',
      '文件',
      '設定',
      '支援',
      '互動',
      '智慧',
      '即時',
      '通訊',
      '指標',
      '變數',
      '影片',
      '行程',
    ];
    expect(leftOut.filter((w) => sources.has(w))).toEqual([]);
    expect(localizeText('依司法程序調閱檔案資料，並設定行程，支援互動。').text).toBe(
      '依司法程序调阅档案资料，并设定行程，支援互动。',
    );
  });

  test('two-character terms do not fire across a word boundary', () => {
    expect(
      localizeText('經營運輸業，強調升級，支出超過預算，作戰車輛，全部會議，很快取得，國內建設').text,
    ).toBe('经营运输业，强调升级，支出超过预算，作战车辆，全部会议，很快取得，国内建设');
  });
});

describe('parseVocabulary with domain and provenance', () => {
  test('reads the two new columns', () => {
    const v = parseVocabulary('網路\t网络\t網路線\t\ttech\topencc\n', 'v.tsv');
    expect(v.entries).toEqual([
      {
        source: '網路',
        target: '网络',
        notIn: ['網路線'],
        note: '',
        domain: 'tech',
        from: 'opencc',
        line: 1,
      },
    ]);
  });

  test('rejects an unknown domain and a seventh column', () => {
    const errorOf = (text: string) => {
      try {
        parseVocabulary(text, 'v.tsv');
      } catch (e) {
        if (e instanceof BriefError) return e.message;
        throw e;
      }
      return '';
    };
    expect(errorOf('網路\t网络\t\t\tcomputing\n')).toMatch(/v\.tsv:1:\d+: unknown domain "computing"/);
    expect(errorOf('網路\t网络\t\t\ttech\thand\textra\n')).toMatch(/v\.tsv:1:1: malformed vocabulary line/);
  });
});
