import { describe, expect, test } from '@jest/globals';

import { localizeBrief, localizeText } from '../../src/localize/index.js';
import type { Article } from '../../src/model.js';
import { entry, heading, makeArticle, makeFoundation, paragraph, readFixture, runsAt } from './helpers.js';

const FOUNDATION_GLOSSARY = [
  entry('川普', '特朗普', 'glossary.zh-Hans.tsv', 1),
  entry('普丁', '普京', 'glossary.zh-Hans.tsv', 2),
  entry('普普會面', '特普会面', 'glossary.zh-Hans.tsv', 3),
  entry('作法', '做法', 'glossary.zh-Hans.tsv', 7),
];

function hans(article: Article, glossary = FOUNDATION_GLOSSARY, foundation = makeFoundation()) {
  const { brief, review } = localizeBrief(article, foundation, 'zh-Hans', glossary);
  if (review === null) throw new Error('zh-Hans must have a review');
  return { brief, review };
}

describe('every text of the brief is converted, and nothing else', () => {
  const article = makeArticle({
    title: '臺灣與紐西蘭的數位夥伴關係',
    author: { name: '鍾國樑', affiliation: '國際關係學會' },
    keywords: ['數位貿易', '東協'],
    photo: {
      file: '/x.jpg',
      caption: '威靈頓港。',
      credit: '圖片來源：紐西蘭政府',
      creditUrl: 'https://www.govt.nz/圖片',
    },
    body: [
      heading('一、網路與軟體', 3),
      paragraph('詳見[紐西蘭外交部說明](https://www.mfat.govt.nz/東協)與*重點摘要*。', 5),
    ],
  });
  const foundation = makeFoundation({
    about: '本會關注國際經濟。',
    address: '臺北市汀州路三段',
    url: 'http://www.pf.org.tw/關於',
  });
  const { brief } = localizeBrief(article, foundation, 'zh-Hans', []);

  test('article texts', () => {
    expect(brief.title).toBe('台湾与新西兰的数字伙伴关系');
    expect(brief.author).toEqual({ name: '钟国梁', affiliation: '国际关系学会' });
    expect(brief.keywords).toEqual(['数字贸易', '东盟']);
    expect(brief.photo).toEqual({
      caption: '惠灵顿港。',
      credit: '图片来源：新西兰政府',
      creditUrl: 'https://www.govt.nz/圖片',
    });
    expect(brief.date).toBe(article.date);
    expect(brief.slug).toBe(article.slug);
  });

  test('runs keep their kind, emphasis and link target; only the visible text is converted', () => {
    expect(brief.body).toEqual([
      { kind: 'heading', level: 2, line: 3, runs: [{ text: '一、网络与软件' }] },
      {
        kind: 'paragraph',
        line: 5,
        runs: [
          { text: '详见' },
          { text: '新西兰外交部说明', link: 'https://www.mfat.govt.nz/東協' },
          { text: '与' },
          { text: '重点摘要', emphasis: true },
          { text: '。' },
        ],
      },
    ]);
  });

  test('the note falls back to the disclaimer, converted; foundation tel, fax and url are copied', () => {
    expect(brief.note).toBe('本文仅代表作者个人观点，不代表远景基金会之政策与立场。');
    expect(brief.foundation).toEqual({
      name: '财团法人两岸交流远景基金会',
      shortName: '远景基金会',
      series: '远景论坛',
      about: '本会关注国际经济。',
      address: '台北市汀州路三段',
      tel: foundation.tel,
      fax: foundation.fax,
      url: 'http://www.pf.org.tw/關於',
    });
  });

  test('the input is not changed', () => {
    expect(runsAt(article.body, 1)[1]?.text).toBe('紐西蘭外交部說明');
    expect(article.title).toBe('臺灣與紐西蘭的數位夥伴關係');
  });
});

describe('conversion profile', () => {
  const text = '川普政府透過網路與軟體推動數位轉型。';
  const withProfile = (conversion: Article['conversion'], foundationProfile: 'script' | 'mainland') =>
    localizeBrief(
      makeArticle({ body: [paragraph(text)], ...(conversion ? { conversion } : {}) }),
      makeFoundation({ conversion: foundationProfile }),
      'zh-Hans',
      [...FOUNDATION_GLOSSARY, entry('透過', '通过', 'glossary.zh-Hans.tsv', 6)],
    );

  test('mainland applies the vocabulary and the glossary', () => {
    const { brief, review } = withProfile(undefined, 'mainland');
    expect(runsAt(brief.body, 0)[0]?.text).toBe('特朗普政府通过网络与软件推动数字化转型。');
    expect(review?.profile).toBe('mainland');
    expect(review?.unconverted).toEqual([]);
  });

  test('script keeps Taiwan wording but still applies the foundation glossary', () => {
    const { brief, review } = withProfile('script', 'mainland');
    expect(runsAt(brief.body, 0)[0]?.text).toBe('特朗普政府通过网路与软体推动数位转型。');
    expect(review?.profile).toBe('script');
    expect(review?.unconverted.map((u) => [u.source, u.suggestion, u.count])).toEqual([
      ['網路', '网络', 1],
      ['軟體', '软件', 1],
      ['數位轉型', '数字化转型', 1],
    ]);
    expect(review?.substitutions.map((s) => s.source)).toEqual(['川普', '透過']);
  });

  test('the article overrides the foundation in both directions', () => {
    expect(withProfile(undefined, 'script').review?.profile).toBe('script');
    expect(runsAt(withProfile('mainland', 'script').brief.body, 0)[0]?.text).toContain('网络');
  });
});

describe('glossaries', () => {
  test('the longest match wins', () => {
    const glossary = [entry('普普', '甲'), entry('普普會面', '特普会面'), entry('普丁', '普京')];
    expect(localizeText('美俄普普會面與普普', { glossary }).text).toBe('美俄特普会面与甲');
  });

  test('an issue entry overrides the foundation entry and adds new terms', () => {
    const article = makeArticle({
      body: [paragraph('威靈頓的作法與紐西蘭商工辦事處。')],
      glossary: [
        entry('作法', '作法', 'article.md', 4),
        entry('紐西蘭商工辦事處', '纽西兰商工办事处', 'article.md', 5),
      ],
    });
    const { brief, review } = hans(article);
    expect(runsAt(brief.body, 0)[0]?.text).toBe('惠灵顿的作法与纽西兰商工办事处。');
    expect(review.substitutions.find((s) => s.source === '作法')?.origin).toEqual({
      file: 'article.md',
      line: 4,
    });
  });

  test('the foundation glossary wins over the vocabulary, even against a longer vocabulary word', () => {
    const glossary = [entry('網路', '互联网'), entry('晶片', '晶片')];
    expect(localizeText('網路與記憶體晶片', { glossary }).text).toBe('互联网与内存晶片');
  });

  test('glossary targets are written as is, never converted again', () => {
    // tw→cn is not idempotent: it would turn 显著 into 显着.
    expect(localizeText('顯著成果', { glossary: [entry('顯著', '显著')] }).text).toBe('显著成果');
  });

  test('entries that never match are warnings with file and line, not errors', () => {
    const { review } = hans(
      makeArticle({ body: [paragraph('川普。')], glossary: [entry('陸委會', '陆委会', 'article.md', 9)] }),
    );
    expect(review.warnings.map((w) => [w.file, w.line, w.severity])).toEqual([
      ['glossary.zh-Hans.tsv', 2, 'warning'],
      ['glossary.zh-Hans.tsv', 3, 'warning'],
      ['glossary.zh-Hans.tsv', 7, 'warning'],
      ['article.md', 9, 'warning'],
    ]);
    expect(review.warnings[3]?.message).toBe('glossary entry 陸委會 → 陆委会 never matched in this issue');
  });
});

describe('context-dependent characters', () => {
  test.each([
    ['著名學者的著作與論著，他著有三本書', '著名学者的著作与论著，他著有三本书'],
    ['土著文化成就卓著，專著與原著', '土著文化成就卓著，专著与原著'],
    ['看著、隨著、著重、著手', '看着、随着、着重、着手'],
    ['隨著有關單位討論著此事，意味著有新進展', '随着有关单位讨论着此事，意味着有新进展'],
    ['乾隆年間，乾淨的水', '乾隆年间，干净的水'],
    ['瞭望臺上，瞭解情勢', '瞭望台上，了解情势'],
    ['杯盤狼藉，藉口拖延', '杯盘狼藉，借口拖延'],
    ['覆蓋全島，正式答覆，申請覆核', '覆盖全岛，正式答复，申请复核'],
    ['由於會議於明日舉行', '由于会议于明日举行'],
    ['登上高峯', '登上高峰'],
  ])('%s → %s', (source, expected) => {
    expect(localizeText(source).text).toBe(expected);
  });

  test('於 as a surname stays when the name is a keep term', () => {
    expect(localizeText('於梨華於 1931 年出生', { keep: ['於梨華'] }).text).toBe('於梨華于 1931 年出生');
  });

  test('every occurrence is listed in the review with context', () => {
    const source = '隨著著名學者於會中答覆，他瞭解乾隆時期的狼藉與藉口，於是登上高峯。';
    const { review } = localizeText(source, { keep: ['高峯'] });
    const listed = review.contextCharacters.flatMap((c) => c.occurrences.map(() => c.char)).sort();
    const expected = [...source].filter((ch) => '著乾瞭藉於覆峯'.includes(ch)).sort();
    expect(listed).toEqual(expected);
    const zhe = review.contextCharacters.find((c) => c.char === '著' && c.result === '着');
    expect(zhe?.occurrences).toEqual([{ where: 'text', context: '随**着**著名学者于会中答…' }]);
    expect(review.contextCharacters.find((c) => c.char === '峯')?.result).toBe('峯');
  });
});

describe('punctuation (GB/T 15834)', () => {
  test.each([
    ['他說：「我們聽過『矽盾』。」', '他说：“我们听过‘硅盾’。”'],
    ['見〈晶片法案的十個問題〉一文', '见《芯片法案的十个问题》一文'],
    ['見《半導體戰爭〈第三章〉》', '见《半导体战争〈第三章〉》'],
    ['然而⋯⋯', '然而……'],
    ['韌性──從晶圓到封裝', '韧性——从晶圆到封装'],
    ['約翰‧甘迺迪與戈登・摩爾', '约翰·肯尼迪与戈登·摩尔'],
    ['只有右括號〉', '只有右括号〉'],
  ])('%s → %s', (source, expected) => {
    expect(localizeText(source).text).toBe(expected);
  });

  test('title marks nest across the runs of a block', () => {
    const article = makeArticle({ body: [paragraph('見〈*重點*〉與《書名〈*篇名*〉》')] });
    expect(runsAt(hans(article).brief.body, 0).map((r) => r.text)).toEqual([
      '见《',
      '重点',
      '》与《书名〈',
      '篇名',
      '〉》',
    ]);
  });
});

describe('a converter used again', () => {
  // How fast this is belongs to scripts/bench.mjs ("localize the sample"), not to a test.
  test('converting the sample again gives the same brief and review', () => {
    const { article, foundation } = readFixture('sample.zh-Hant.txt');
    const first = localizeBrief(article, foundation, 'zh-Hans', FOUNDATION_GLOSSARY);
    const again = localizeBrief(article, foundation, 'zh-Hans', FOUNDATION_GLOSSARY);
    expect(again).toEqual(first);
    expect(again.brief.title).not.toBe(article.title);
  });
});
