import { describe, expect, it } from '@jest/globals';
import type { TextRun, TypesetLine } from '../../src/typeset/index.js';
import { typesetParagraph } from '../../src/typeset/index.js';
import { boxMetrics, breakProblems, lineTexts, realMetrics, SERIF_SC, SERIF_TC } from './helpers.js';

const SAMPLE =
  '首先，《聯合國憲章》明確規定對其他國家進行武力威脅或使用武力是非法的，戰爭不再被接受為解決爭端的合法權利，此點形同宣告「全面禁止戰爭行為」，並且確認「禁止戰爭」已成為國際法上的強行規範。因此，當俄羅斯在 2022 年 2 月 24 日入侵烏克蘭之後，聯合國大會隨即於 3 月 2 日召開特別會議，以壓倒性多數表決通過第 ES-11/1 號決議。國際法院審理後以 13：2（反對票是中俄兩國）對假處分裁定做出判決。';
const PUNCTUATION =
  '他說：「我記得老師講過：『標點符號不可放在行首。』這句話，你還記得嗎？」她回答：「記得！」接著又補充：「不過，『行尾也不能有開引號』——這一點，很多人忘了。」「為什麼？」「因為……」「因為什麼？！」《論語》（〈學而〉）。';
const LATIN =
  '根據 International Monetary Fund（IMF）的 World Economic Outlook，成長率為 2.8%，較前一年下修 0.5 個百分點；文件見 https://digitallibrary.un.org/record/3959039?ln=en 與 https://www.commerce.gov/news/press-releases/2024/04/biden-harris-administration-announces-preliminary-terms-tsmc-expanded-investment 的說明，金額 US$1,185,000,000,000，版本 v2.0.0-rc.1。';

const runs = (text: string): TextRun[] => [{ text, style: 0 }];

function widthOf(line: TypesetLine): number {
  return line.start + line.pieces.reduce((w, p) => w + p.advance, 0);
}

describe('typesetParagraph: line breaking', () => {
  // Every measure from 14 to 40 em (narrower ones cannot hold the longest URL piece), in both
  // mainland and Taiwan faces and with box metrics.
  const metricsSets = [
    ['box', boxMetrics(10)],
    ['Noto Serif TC', realMetrics(SERIF_TC, 10)],
    ['Noto Serif SC', realMetrics(SERIF_SC, 10)],
  ] as const;
  for (const [name, metrics] of metricsSets) {
    it(`keeps every clreq rule at every measure (${name})`, () => {
      for (const text of [SAMPLE, PUNCTUATION, LATIN]) {
        for (let em = 14; em <= 40; em += 0.5) {
          const lines = typesetParagraph(runs(text), { width: em * 10, indent: 20, justify: true }, metrics);
          const texts = lineTexts(lines);
          expect(texts.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
          expect(breakProblems(texts, text)).toEqual([]);
          // Nothing runs past the measure.
          for (const line of lines) expect(widthOf(line)).toBeLessThanOrEqual(em * 10 + 0.01);
        }
      }
    });
  }

  it('drops exactly the spaces at line breaks', () => {
    const metrics = boxMetrics(10);
    for (let em = 8; em <= 30; em++) {
      const lines = typesetParagraph(runs(LATIN), { width: em * 10, indent: 0, justify: true }, metrics);
      const joined = lineTexts(lines).join('');
      expect(joined.replace(/\s+/g, '')).toBe(LATIN.replace(/\s+/g, ''));
      for (const t of lineTexts(lines)) {
        expect(t).not.toMatch(/^\s|\s$/);
      }
    }
  });

  it('breaks a long URL only after / . -', () => {
    const metrics = boxMetrics(10);
    const lines = typesetParagraph(runs(LATIN), { width: 200, indent: 0, justify: true }, metrics);
    const texts = lineTexts(lines);
    const urlLines = texts.filter((t) => /commerce|biden|preliminary|expanded/.test(t));
    expect(urlLines.length).toBeGreaterThan(1);
    for (const t of urlLines.slice(0, -1)) expect(t).toMatch(/[/.-]$/);
  });

  it('fills lines greedily: the next unit would not have fitted', () => {
    const metrics = boxMetrics(10);
    const lines = typesetParagraph(runs(SAMPLE), { width: 300, indent: 20, justify: true }, metrics);
    for (const line of lines.slice(0, -1)) {
      // All Han/mark boxes are 10 pt: a justified line's natural width is within one unit of the measure.
      expect(line.naturalWidth + line.start).toBeGreaterThan(300 - 60);
    }
  });
});

describe('typesetParagraph: clusters', () => {
  it('keeps variation selectors and combining marks on their character', () => {
    const metrics = boxMetrics(10);
    // 葛 + IVS (a name's glyph variant), e + combining acute, a flag-less emoji with VS16.
    const text = '葛\u{E0100}城市長來自Caf\u0301e的❤\uFE0F讀者，'.repeat(6);
    for (let em = 6; em <= 20; em++) {
      const lines = typesetParagraph(runs(text), { width: em * 10, indent: 0, justify: true }, metrics);
      expect(lineTexts(lines).join('')).toBe(text);
      for (const line of lines) {
        for (const piece of line.pieces) expect(piece.text).not.toMatch(/^[\u{E0100}\u0301\uFE0F]/u);
      }
    }
  });
});

describe('typesetParagraph: justification', () => {
  it('sets every line but the last flush with the measure, the last at its natural width', () => {
    const metrics = realMetrics(SERIF_TC, 11);
    for (const text of [SAMPLE, PUNCTUATION, LATIN]) {
      const lines = typesetParagraph(runs(text), { width: 467.28, indent: 22, justify: true }, metrics);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(0, -1)) expect(widthOf(line)).toBeCloseTo(467.28, 6);
      const last = lines.at(-1) as TypesetLine;
      expect(last.last).toBe(true);
      expect(last.width).toBeCloseTo(last.naturalWidth, 6);
    }
  });

  it('spreads the spare space evenly between Han characters, not into one gap', () => {
    const metrics = boxMetrics(10);
    const lines = typesetParagraph(
      runs('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'),
      { width: 125, indent: 0, justify: true },
      metrics,
    );
    const first = lines[0] as TypesetLine;
    // 12 boxes of 10 pt on a 125 pt line: 5 pt spread over 11 gaps.
    expect(first.pieces.map((p) => p.text).join('')).toHaveLength(12);
    const spacings = first.pieces.filter((p) => p.text.length > 1).map((p) => p.spacing);
    for (const s of spacings) expect(s).toBeCloseTo(5 / 11, 6);
    const advances = first.pieces.map((p) => p.advance / p.text.length);
    expect(Math.max(...advances) - Math.min(...advances)).toBeLessThan(5 / 11 + 1e-6);
  });

  it('keeps the letters of a Western word together and widens a word space like a Han gap', () => {
    const metrics = boxMetrics(10);
    const text = '國際貨幣基金 International Monetary Fund 預估全球經濟成長率為百分之二點八';
    const lines = typesetParagraph(runs(text), { width: 230, indent: 0, justify: true }, metrics);
    const first = lines[0] as TypesetLine;
    const word = first.pieces.find((p) => p.text.includes('International'));
    expect(word).toBeDefined();
    expect(word?.spacing ?? NaN).toBe(0);
    const han = first.pieces.find((p) => /^國際/.test(p.text));
    const hanGap = han?.spacing ?? NaN;
    expect(hanGap).toBeGreaterThan(0);
    // The word space after "International" widens as much as a gap between Han characters.
    const natural = metrics.measure(word?.text ?? '', 0);
    expect((word?.advance ?? 0) - natural).toBeCloseTo(hanGap, 6);
  });

  it('spaces out the letters of a line that has nothing else to widen', () => {
    const metrics = boxMetrics(10);
    const text = '見 https://www.example.org/aaaaaaaaaa/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/cccc/dd 後';
    const lines = typesetParagraph(runs(text), { width: 300, indent: 0, justify: true }, metrics);
    const urlOnly = lines.find((l) => l.text.startsWith('bbbb'));
    expect(urlOnly).toBeDefined();
    if (urlOnly && !urlOnly.last) expect(widthOf(urlOnly)).toBeCloseTo(300, 6);
  });
});

describe('typesetParagraph: punctuation compression', () => {
  const setOne = (text: string, metrics = boxMetrics(10)): TypesetLine =>
    typesetParagraph(runs(text), { width: 1000, indent: 0, justify: false }, metrics)[0] as TypesetLine;

  it('takes ½ em from two adjacent marks whose blank halves face each other', () => {
    // 。」 ）， 」「 ：『 in the mainland shapes: 2 em → 1.5 em.
    for (const pair of ['。」', '）,', '）， ', '」「', '：『']) {
      const text = `甲${pair.trim()}乙`;
      const line = setOne(text);
      const compressible = /[，。」）：『「]{2}/.test(pair.trim()) ? 5 : 0;
      expect(line.width).toBeCloseTo(metricsWidth(text) - compressible, 6);
    }
  });

  it('leaves a single mark its full em box', () => {
    const line = setOne('甲，乙。丙「丁」');
    expect(line.width).toBeCloseTo(80, 6);
  });

  it('compresses by what the real glyphs allow: ½ em in the mainland face, ¼ em for Taiwan’s centred 。', () => {
    const sc = realMetrics(SERIF_SC, 10);
    const tc = realMetrics(SERIF_TC, 10);
    expect(setOne('甲。」乙', sc).width).toBeCloseTo(35, 1);
    expect(setOne('甲。」乙', tc).width).toBeCloseTo(37.5, 1);
    expect(setOne('甲），乙', tc).width).toBeCloseTo(35, 1);
    expect(setOne('甲，乙', tc).width).toBeCloseTo(30, 1);
  });

  it('uses no compression across a line break', () => {
    const metrics = boxMetrics(10);
    // 」「 may break between the marks; the line ending in 」 keeps its full box.
    const lines = typesetParagraph(
      runs('甲乙丙丁戊」「己庚'),
      { width: 60, indent: 0, justify: false },
      metrics,
    );
    expect(lineTexts(lines)[0]).toBe('甲乙丙丁戊」');
    expect((lines[0] as TypesetLine).width).toBeCloseTo(60, 6);
  });
});

function metricsWidth(text: string): number {
  return boxMetrics(10).measure(text, 0);
}
