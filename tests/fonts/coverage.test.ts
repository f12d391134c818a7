/**
 * The coverage pre-flight on texts: characters are looked up in the chain of the role that sets
 * them, reported once per role and place, and placed at their first use in the sources.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  coverageReport,
  faceName,
  findUncoveredCharacters,
  formatCoverage,
  loadFontManifest,
  locateUncovered,
} from '../../src/fonts/index.js';
import type { UncoveredCharacter } from '../../src/fonts/index.js';
import type { Edition } from '../../src/model.js';
import { PROJECT_ROOT } from '../support/fixtures.js';

const fonts = loadFontManifest(path.join(PROJECT_ROOT, 'fonts/fonts.json'));
const hant = fonts['zh-Hant'];
const hans = fonts['zh-Hans'];

describe('findUncoveredCharacters', () => {
  it('finds nothing in text the chain covers, however rare', () => {
    const texts = [{ text: '人名𡘙 元素鿏 麵名𰻞 約≒ ˍ', role: 'body' as const, origin: { file: 'a.md' } }];
    expect(findUncoveredCharacters(texts, hant)).toEqual([]);
    expect(findUncoveredCharacters(texts, hans)).toEqual([]);
  });

  it('lists every uncovered character once per role and origin, in the agreed wording', () => {
    const texts = [
      { text: '缺𱍐又缺𱍐，還缺\u{10FFFD}', role: 'body' as const, origin: { file: 'a.md', line: 3 } },
      { text: '標題𱍐', role: 'heading' as const, origin: { file: 'a.md', line: 3 } },
    ];
    expect(findUncoveredCharacters(texts, hant).map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([
      "a.md:3: U+31350 '𱍐' is not in any font for zh-Hant (body)",
      "a.md:3: U+10FFFD '\u{10FFFD}' is not in any font for zh-Hant (body)",
      "a.md:3: U+31350 '𱍐' is not in any font for zh-Hant (heading)",
    ]);
  });
});

describe('locateUncovered', () => {
  const d = (ch: string, edition: Edition): UncoveredCharacter => ({
    file: 'article.md',
    code: 'font/uncovered',
    severity: 'error',
    message: `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()} '${ch}' is not in any font for ${edition} (body)`,
    character: ch,
    edition,
    role: 'body',
  });

  it('points at the first occurrence, counting columns in characters', () => {
    const sources = [
      { file: 'article.md', text: '---\ntitle: 𠀀𠀀𱍐\n---\n正文𱍐' },
      { file: 'foundation.yaml', text: 'name: 𮯰' },
    ];
    const out = locateUncovered([d('𱍐', 'zh-Hant'), d('𮯰', 'zh-Hant')], sources, { file: 'article.md' });
    expect(out.map((x) => [x.file, x.line, x.column])).toEqual([
      ['article.md', 2, 10],
      ['foundation.yaml', 1, 7],
    ]);
  });

  it('says so when only the conversion to Simplified Chinese produced the character', () => {
    const sources = [{ file: 'article.md', text: '沒有這個字' }];
    const [hansOut] = locateUncovered([d('𱍐', 'zh-Hans')], sources, { file: 'article.md' });
    expect(hansOut?.message).toBe(
      "U+31350 '𱍐' is not in any font for zh-Hans (body); it is not in the source: the conversion to Simplified Chinese produced it",
    );
    expect(hansOut?.line).toBeUndefined();
    const [hantOut] = locateUncovered([d('𱍐', 'zh-Hant')], sources, { file: 'article.md' });
    expect(hantOut?.message).toBe("U+31350 '𱍐' is not in any font for zh-Hant (body)");
  });
});

describe('coverageReport', () => {
  it('counts distinct characters per face of each role and lists the missing ones', () => {
    const report = coverageReport({ body: '中文中文𡘙鿏 𱍐', bodyBold: '', heading: '標題', sans: '' }, hant);
    const body = report.find((r) => r.role === 'body');
    expect(body?.characters).toBe(5);
    expect(body?.missing).toEqual(['𱍐']);
    expect(body?.faces.map((f) => [f.face, f.characters, f.sample])).toEqual([
      [faceName(hant.roles.body[0] ?? { file: '' }), 3, '中文𡘙'],
      [faceName(hant.roles.body[1] ?? { file: '' }), 1, '鿏'],
    ]);
    expect(report.find((r) => r.role === 'bodyBold')).toEqual({
      role: 'bodyBold',
      characters: 0,
      faces: [],
      missing: [],
    });
    expect(formatCoverage('zh-Hant', report)[0]).toBe('zh-Hant body: 5 characters, 1 MISSING: 𱍐');
  });
});
