/**
 * The fallback pass: texts are split by coverage, pieces only a fallback face has get that face's
 * family, everything else about an inline is kept, and the real pdfmake then draws every
 * character from a face that has it.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { EditionFonts } from '../../src/fonts/index.js';
import type { FontRole } from '../../src/model.js';
import {
  FONT_ROLES,
  faceIndexFor,
  faceMetrics,
  fallbackFamilies,
  loadFontManifest,
  openFace,
  splitByCoverage,
} from '../../src/fonts/index.js';
import { renderPdf } from '../../src/pdf/index.js';
import { applyFallbackFonts } from '../../src/pdf/fallback.js';
import { fontDictionary } from '../../src/pdf/fonts.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import { readPdf, squash } from '../support/pdf.js';
import { notdefGlyphs } from './support.js';
import type { DocDefinition } from '../../src/pdf/index.js';

const manifest = loadFontManifest(path.join(PROJECT_ROOT, 'fonts/fonts.json'));
const hant = manifest['zh-Hant'];
const hans = manifest['zh-Hans'];

// 𡘙 (Ext B) is in the TC faces only, 鿏 (U+9FCF) in the SC faces only, 𰻞 (Ext G) in Sans SC only.
const RARE = ['𡘙', '鿏', '𰻞'];

type Obj = Record<string, unknown>;

/** The family a fallback piece names, and whether that family's face has every character of it. */
function familyHas(fonts: EditionFonts, family: string, text: string): boolean {
  const f = fallbackFamilies(fonts).find((x) => x.family === family);
  if (!f) return false;
  const font = openFace(f.face);
  return [...text.replace(/\s/g, '')].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
}

function plain(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(plain).join('');
  if (node && typeof node === 'object' && 'text' in node) return plain((node as Obj)['text']);
  return '';
}

describe('splitByCoverage', () => {
  it('keeps text the primary face covers in one run', () => {
    expect(splitByCoverage('美俄阿拉斯加峰會 2025 年', hant, 'body')).toEqual([
      { text: '美俄阿拉斯加峰會 2025 年', face: 0 },
    ]);
  });

  it('cuts out exactly the characters the primary lacks, each with the first face that has it', () => {
    for (const fonts of [hant, hans]) {
      const text = '姓名中的𡘙字，元素鿏，麵名𰻞。';
      const runs = splitByCoverage(text, fonts, 'body');
      expect(runs.map((r) => r.text).join('')).toBe(text);
      for (const run of runs) {
        for (const ch of run.text) {
          const cp = ch.codePointAt(0) ?? 0;
          expect(run.face).toBe(faceIndexFor(fonts, 'body', cp));
        }
      }
      const primary = openFace(fonts.roles.body[0] ?? { file: '' });
      const fallbackText = runs
        .filter((r) => r.face > 0)
        .map((r) => r.text)
        .join('');
      expect(fallbackText.length).toBeGreaterThan(0);
      for (const ch of fallbackText) expect(primary.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)).toBe(false);
    }
  });

  it('keeps spaces and variation selectors with their neighbours', () => {
    const runs = splitByCoverage('中 𰻞\u{E0100} 文', hant, 'body');
    expect(runs.map((r) => r.text)).toEqual(['中 ', '𰻞\u{E0100} ', '文']);
  });

  it('cuts random texts as the character-by-character rule does, in both editions and every role', () => {
    // The rule, written plainly: a character that needs no glyph (a space, tab or line break, a
    // zero-width space or joiner, a soft hyphen) or a combining mark (variation selectors too)
    // joins the run before it, or the first run.
    const plainRule = (
      text: string,
      fonts: EditionFonts,
      role: FontRole,
    ): { text: string; face: number }[] => {
      const runs: { text: string; face: number }[] = [];
      let leading = '';
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0;
        const last = runs[runs.length - 1];
        if (/^[\n\r\t \u200b\u2060\ufeff\u00ad]$/u.test(ch) || /^\p{M}$/u.test(ch)) {
          if (last) last.text += ch;
          else leading += ch;
          continue;
        }
        const face = Math.max(0, faceIndexFor(fonts, role, cp));
        if (last && last.face === face) last.text += ch;
        else runs.push({ text: leading + ch, face });
        leading = '';
      }
      if (leading) runs.push({ text: leading, face: 0 });
      return runs;
    };
    const pool = [
      '中',
      '文',
      '。',
      'a',
      '1',
      ' ',
      '\u3000',
      '\u00a0',
      '\u200b',
      '\u0301',
      '\u309a',
      '\u302a',
      '\ufe0f',
      '\u{E0100}',
      'é',
      'Ω',
      '∮',
      ...RARE,
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let compared = 0;
    for (const fonts of [hant, hans]) {
      for (const role of FONT_ROLES) {
        for (let k = 0; k < 400; k++) {
          const text = Array.from({ length: random(12) }, () => pool[random(pool.length)]).join('');
          expect(splitByCoverage(text, fonts, role)).toEqual(plainRule(text, fonts, role));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(2 * FONT_ROLES.length * 400);
  });
});

describe('applyFallbackFonts', () => {
  const definition = {
    defaultStyle: { font: 'Serif', fontSize: 11, lineHeight: 1.2 },
    styles: { heading: { font: 'Sans', bold: true }, caption: { font: 'Sans' } },
    content: [
      '普通的段落沒有罕用字。',
      { text: '段落提到𡘙和鿏還有𰻞。', leadingIndent: 22, alignment: 'justify', id: 'p1' },
      {
        text: [
          '前文',
          { text: '連結裡的𰻞字', link: 'https://example.org/', color: '#123456', characterSpacing: 0.5 },
          { text: '粗體鿏', bold: true, decoration: 'underline' },
        ],
      },
      { text: '標題𰻞鿏', style: 'heading', tocItem: true },
      { stack: [{ text: '圖說𡘙', style: 'caption' }] },
      { table: { body: [['表格鿏', { text: '儲存格𰻞' }]] } },
    ],
    footer: (page: number, pages: number): unknown => ({
      text: `第 ${page}/${pages} 頁 鿏`,
      style: 'caption',
    }),
  };

  it('leaves a definition the primary faces cover as it is', () => {
    const simple = {
      defaultStyle: { font: 'Serif' },
      content: ['沒有罕用字', { text: ['一', { text: '二', bold: true }] }],
    };
    expect(applyFallbackFonts(simple, hant)).toEqual(simple);
  });

  it('sets the pieces only a fallback face has in that face, keeping the text and every other property', () => {
    for (const fonts of [hant, hans]) {
      const out = applyFallbackFonts(definition, fonts);
      const content = out.content as unknown[];
      expect(plain(content)).toBe(plain(definition.content));
      const pieces: Obj[] = [];
      const collect = (n: unknown): void => {
        if (Array.isArray(n)) n.forEach(collect);
        else if (n && typeof n === 'object') {
          const o = n as Obj;
          if (typeof o['font'] === 'string' && /^Fallback\d+$/.test(o['font'])) pieces.push(o);
          for (const k of ['text', 'stack', 'table', 'body']) if (k in o) collect(o[k]);
        }
      };
      collect(content);
      expect(pieces.length).toBeGreaterThan(0);
      for (const p of pieces) expect(familyHas(fonts, String(p['font']), String(p['text']))).toBe(true);
      const fallbackChars = pieces.map((p) => String(p['text'])).join('');
      for (const ch of RARE) {
        const primaryHasIt = openFace(fonts.roles.body[0] ?? { file: '' }).hasGlyphForCodePoint(
          ch.codePointAt(0) ?? 0,
        );
        expect(fallbackChars.includes(ch)).toBe(!primaryHasIt || ch === '𰻞');
      }

      // The block keeps its own properties; inlines keep theirs on every piece.
      const para = content[1] as Obj;
      expect(para).toMatchObject({ leadingIndent: 22, alignment: 'justify', id: 'p1' });
      const inlines = (content[2] as Obj)['text'] as Obj[];
      const linkPieces = inlines.filter((i) => typeof i === 'object' && i['link']);
      expect(linkPieces.map((p) => p['text']).join('')).toBe('連結裡的𰻞字');
      for (const p of linkPieces)
        expect(p).toMatchObject({ link: 'https://example.org/', color: '#123456', characterSpacing: 0.5 });
      const boldPieces = inlines.filter((i) => typeof i === 'object' && i['bold'] === true);
      expect(boldPieces.map((p) => p['text']).join('')).toBe('粗體鿏');
      for (const p of boldPieces) expect(p['decoration']).toBe('underline');
      expect(content[3]).toMatchObject({ style: 'heading', tocItem: true });
    }
  });

  it('splits what the footer function returns', () => {
    const out = applyFallbackFonts(definition, hant);
    const footer = out.footer as (p: number, n: number) => unknown;
    const page = footer(2, 3);
    expect(plain(page)).toBe('第 2/3 頁 鿏');
    expect(JSON.stringify(page)).toMatch(/"font":"Fallback\d+"/);
  });

  it('keeps a taller fallback face from stretching the line: its lineHeight is scaled down', () => {
    const out = applyFallbackFonts(
      { defaultStyle: { font: 'Serif', lineHeight: 1.3 }, content: ['文𰻞字'] },
      hant,
    );
    const piece = ((out.content as unknown as Obj[])[0]?.['text'] as Obj[]).find((p) => p['font']);
    const sansSc = fallbackFamilies(hant).find((f) => f.family === piece?.['font']);
    expect(sansSc).toBeDefined();
    const primary = faceMetrics(hant.roles.body[0] ?? { file: '' }).height;
    const fallback = faceMetrics(sansSc?.face ?? { file: '' }).height;
    expect(fallback).toBeGreaterThan(primary);
    expect(Number(piece?.['lineHeight']) * fallback).toBeCloseTo(1.3 * primary, 6);
  });

  it('names a pdfmake family for every fallback face', () => {
    const dict = fontDictionary(hant);
    for (const { family } of fallbackFamilies(hant)) expect(dict[family]).toBeDefined();
  });
});

describe('rendering with fallback faces', () => {
  const doc = (title: string, body: string): DocDefinition => ({
    pageSize: 'A5',
    language: 'zh-Hant-TW',
    info: { title, author: '測試', subject: '字型', creator: 'test', producer: 'test', series: '測試' },
    defaultStyle: { font: 'Serif', fontSize: 11 },
    styles: { h: { font: 'Sans', bold: true, fontSize: 14 } },
    content: [
      { text: title, style: 'h' },
      { text: body, alignment: 'justify' },
      { text: `粗體${body}`, bold: true },
    ],
  });

  it('draws 𡘙, 鿏 and 𰻞 in both editions: in the extracted text and never as .notdef', async () => {
    for (const fonts of [hant, hans]) {
      const pdf = await renderPdf(doc('罕用字𡘙鿏𰻞', '人名𡘙、元素鿏與麵名𰻞都要排出來。'), {
        fonts,
        date: new Date('2025-01-01T00:00:00Z'),
      });
      const text = squash((await readPdf(pdf)).pages.flatMap((p) => p.items.map((i) => i.str)).join(''));
      for (const ch of RARE) expect([...text].filter((c) => c === ch).length).toBe(3);
      expect(await notdefGlyphs(pdf)).toBe(0);
    }
  });

  it('counts the empty box when a face lacks a character (the check can fail)', async () => {
    // Only the primary faces: the pass has no fallback to use, so 鿏 is drawn as .notdef in TC.
    const primaryOnly: EditionFonts = {
      edition: 'zh-Hant',
      roles: {
        body: hant.roles.body.slice(0, 1),
        bodyBold: hant.roles.bodyBold.slice(0, 1),
        heading: hant.roles.heading.slice(0, 1),
        sans: hant.roles.sans.slice(0, 1),
      },
    };
    const pdf = await renderPdf(doc('標題', '元素鿏'), {
      fonts: primaryOnly,
      date: new Date('2025-01-01T00:00:00Z'),
    });
    expect(await notdefGlyphs(pdf)).toBe(2);
  });
});
