/** The default mainland vocabulary: every entry, every counter-example, and the file format. */
import { describe, expect, test } from '@jest/globals';

import { BriefError } from '../../src/errors.js';
import { getDefaultVocabulary, localizeText, parseVocabulary } from '../../src/localize/index.js';
import { dictionaryWords, twToCn } from '../../src/localize/opencc.js';

const vocabulary = getDefaultVocabulary();
const mappings = vocabulary.entries.filter((e) => e.target !== undefined);
const reviewOnly = vocabulary.entries.filter((e) => e.target === undefined);
const mainland = (text: string) => localizeText(text).text;

describe('the vocabulary file', () => {
  test('is versioned and has at least 200 mappings', () => {
    expect(vocabulary.version).toMatch(/^\d{4}\.\d{2}-\d+$/);
    expect(mappings.length).toBeGreaterThanOrEqual(200);
  });

  test('does not take OpenCC TWPhrases wholesale: 宣告 and 建立 are not entries', () => {
    const sources = new Set(vocabulary.entries.map((e) => e.source));
    for (const word of ['宣告', '建立', '執行', '核心']) expect(sources.has(word)).toBe(false);
    expect(mainland('政府宣告建立新的執行政策，保障核心利益。')).toBe(
      '政府宣告建立新的执行政策，保障核心利益。',
    );
  });

  test('targets are Simplified: converting them again changes nothing', () => {
    for (const e of mappings) expect([e.source, twToCn(e.target ?? '')]).toEqual([e.source, e.target]);
  });

  test('every entry changes what OpenCC alone would write', () => {
    for (const e of mappings) expect([e.source, twToCn(e.source) !== e.target]).toEqual([e.source, true]);
  });
});

describe('each mapping, in a sentence, becomes its target', () => {
  test.each(mappings.map((e) => [e.source, e.target ?? '']))('%s → %s', (source, target) => {
    expect(mainland(`甲${source}乙`)).toBe(`甲${target}乙`);
    expect(mainland(`報告指出，${source}。`)).toBe(`${twToCn('報告指出，')}${target}。`);
  });
});

describe('each not-in word keeps the naive replacement out', () => {
  const cases = mappings.flatMap((e) => e.notIn.map((word) => [e.source, e.target ?? '', word] as const));

  test('there are counter-examples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test.each(cases)('%s → %s is not applied inside %s', (source, target, word) => {
    const naive = word
      .split(source)
      .map((part) => twToCn(part))
      .join(target);
    expect(mainland(`甲${word}乙`)).not.toBe(`甲${naive}乙`);
  });

  test.each([
    ['軟體動物', '软体动物'],
    ['政府宣布希望擴大合作', '政府宣布希望扩大合作'],
    ['數位學者指出', '数位学者指出'],
    ['多數位於南部', '多数位于南部'],
    ['可再生能源', '可再生能源'],
    ['碳排放量', '碳排放量'],
    ['喬治亞州', '佐治亚州'],
    ['哈薩克族', '哈萨克族'],
    ['哈薩克斯坦', '哈萨克斯坦'],
    ['孟加拉灣', '孟加拉湾'],
    ['冰糖雪梨', '冰糖雪梨'],
    ['真正的原因應是', '真正的原因应是'],
    ['辦公部門', '办公部门'],
    ['曝光機會', '曝光机会'],
    ['辦公車輛', '办公车辆'],
    ['公車私用', '公车私用'],
    ['增加薩爾瓦多的投資', '增加萨尔瓦多的投资'],
    ['阿聯酋', '阿联酋'],
    ['澳洲大陸', '澳洲大陆'],
    ['國際貨幣基金組織', '国际货币基金组织'],
    ['國際貨幣基金會', '国际货币基金组织'],
    ['食品質量', '食品质量'],
    ['農產品品質', '农产品质量'],
    ['道德品質', '道德品质'],
    ['塑膠跑道', '塑胶跑道'],
    ['水火不相容', '水火不相容'],
    ['柯爾克孜族', '柯尔克孜族'],
    ['使用者付費', '使用者付费'],
    ['神學士學位', '神学士学位'],
    ['資訊工業策進會', '资讯工业策进会'],
    ['矽品', '矽品'],
    ['水準儀', '水准仪'],
    ['能力道德', '能力道德'],
    ['布希亞', '布希亚'],
    ['數位相機', '数码相机'],
    ['非再生能源', '不可再生能源'],
    ['巴布亞紐幾內亞', '巴布亚新几内亚'],
  ])('%s → %s', (source, expected) => {
    expect(mainland(source)).toBe(expected);
  });
});

describe('review-only Taiwan terms', () => {
  test('are converted by characters only and listed in the review', () => {
    for (const e of reviewOnly) {
      const { text, review } = localizeText(`甲${e.source}乙`);
      expect(text).toBe(`甲${twToCn(e.source)}乙`);
      expect(review.unconverted.map((u) => u.source)).toEqual([e.source]);
    }
  });

  test('are not listed inside their not-in words', () => {
    expect(localizeText('歐亞大陸與大陸架').review.unconverted).toEqual([]);
  });
});

describe('parseVocabulary', () => {
  const errorOf = (text: string): string => {
    try {
      parseVocabulary(text, 'v.tsv');
    } catch (e) {
      if (e instanceof BriefError) return e.message;
      throw e;
    }
    return '';
  };

  test('reads version, target, not-in words and note', () => {
    const v = parseVocabulary(
      '# version: 2000.01-1\n網路\t网络\t網路線 網路卡\tnote here\n大陸\t?\n',
      'v.tsv',
    );
    expect(v.version).toBe('2000.01-1');
    expect(v.entries).toEqual([
      { source: '網路', target: '网络', notIn: ['網路線', '網路卡'], note: 'note here', line: 2 },
      { source: '大陸', target: undefined, notIn: [], note: '', line: 3 },
    ]);
  });

  test('rejects a not-in word that does not contain the source', () => {
    expect(errorOf('網路\t网络\t網站\n')).toBe(
      'v.tsv:1:7: not-in word "網站" must be longer than and contain "網路"',
    );
  });

  test('rejects duplicates, empty targets and malformed lines', () => {
    expect(errorOf('網路\t网络\n網路\t网路\n')).toMatch(/v\.tsv:2:1: duplicate source term "網路"/);
    expect(errorOf('網路\t\n')).toMatch(/v\.tsv:1:4: empty source or target/);
    expect(errorOf('網路\n')).toMatch(/v\.tsv:1:1: malformed vocabulary line/);
  });
});

describe('audit against the longer words in the opencc-js dictionaries', () => {
  // Every dictionary word that contains a vocabulary source is either an entry itself, inside a
  // not-in word, or listed here with its result checked by hand (the naive replacement is right).
  const CHECKED: Record<string, string> = {
    沙烏地阿美: '沙特阿美',
    沙烏地阿美公司: '沙特阿美公司',
    喬治亞共和國: '格鲁吉亚共和国',
    波士尼亞赫塞哥維納: '波斯尼亚黑塞哥维那',
    密西根州: '密歇根州',
    威斯康辛州: '威斯康星州',
    維吉尼亞州: '弗吉尼亚州',
    西維吉尼亞: '西弗吉尼亚',
    西維吉尼亞州: '西弗吉尼亚州',
    新罕布夏州: '新罕布什尔州',
    麻薩諸塞州: '马萨诸塞州',
    康乃狄克州: '康涅狄格州',
    奧勒岡州: '俄勒冈州',
    數位人文: '数字人文',
    數位印刷: '数字印刷',
    數位電子: '数字电子',
    數位電路: '数字电路',
    資訊安全: '信息安全',
    自動旋轉螢幕: '自动旋转屏幕',
    終端使用者: '终端用户',
    視訊會議: '视频会议',
    視訊通話: '视频通话',
    市場行銷: '市场营销',
    永續性: '可持续性',
  };
  const sources = new Set(vocabulary.entries.map((e) => e.source));
  const words = dictionaryWords();
  const found = new Set<string>();
  for (const e of vocabulary.entries) {
    for (const w of words) {
      if (w === e.source || !w.includes(e.source) || sources.has(w)) continue;
      if (e.notIn.some((n) => w.includes(n) || n.includes(w))) continue;
      found.add(w);
    }
  }

  test('every such word has been checked', () => {
    expect([...found].sort()).toEqual(Object.keys(CHECKED).sort());
  });

  test.each(Object.entries(CHECKED))('%s → %s', (source, expected) => {
    expect(mainland(source)).toBe(expected);
  });
});
