/**
 * The fonts manifest: the shipped chains cover what the issue promises, and a manifest or a
 * foundation's own fonts with a problem fail with a clear message at the right place.
 */
import { describe, expect, it } from '@jest/globals';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BriefError } from '../../src/errors.js';
import { faceIndexFor, faceName, FONT_ROLES, loadFontManifest, openFace } from '../../src/fonts/index.js';
import type { FontOverride } from '../../src/model.js';
import { EDITIONS } from '../../src/model.js';
import { renderPdf } from '../../src/pdf/index.js';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';
import { readPdf, squash } from '../support/pdf.js';
import { big5, gb2312, npmFile, ROBOTO, ROBOTO_MEDIUM, SANS_TC, writeTtc } from './support.js';

const SHIPPED = path.join(PROJECT_ROOT, 'fonts/fonts.json');
const SERIF_TC = 'npm:@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf';

/** Writes a manifest whose every role has the given chain (JSON entries). */
function manifestWith(dir: string, chain: unknown[]): string {
  const roles = Object.fromEntries(FONT_ROLES.map((r) => [r, chain]));
  const file = path.join(dir, 'fonts.json');
  writeFileSync(file, `${JSON.stringify({ 'zh-Hant': roles, 'zh-Hans': roles }, null, 2)}\n`);
  return file;
}

function problems(fn: () => unknown): BriefError['diagnostics'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && 'diagnostics' in e) return (e as BriefError).diagnostics;
    throw e;
  }
  throw new Error('expected a BriefError');
}

describe('the shipped manifest', () => {
  const fonts = loadFontManifest(SHIPPED);

  it('sets zh-Hant in Traditional faces and zh-Hans in Simplified faces first', () => {
    for (const role of FONT_ROLES) {
      expect(faceName(fonts['zh-Hant'].roles[role][0] ?? { file: '' })).toMatch(/^Noto(Serif|Sans)TC-/);
      expect(faceName(fonts['zh-Hans'].roles[role][0] ?? { file: '' })).toMatch(/^Noto(Serif|Sans)SC-/);
    }
  });

  it('covers every character of Big5 and GB 2312 in every edition and role', () => {
    const b5 = big5();
    const gb = gb2312();
    expect(b5.length).toBeGreaterThan(13000);
    expect(gb.length).toBeGreaterThan(7000);
    const chars = [...new Set([...b5, ...gb])];
    for (const edition of EDITIONS) {
      for (const role of FONT_ROLES) {
        const missing = chars.filter((cp) => faceIndexFor(fonts[edition], role, cp) < 0);
        expect({ edition, role, missing: String.fromCodePoint(...missing) }).toEqual({
          edition,
          role,
          missing: '',
        });
      }
    }
  });

  it('covers 𡘙 (Ext B), 鿏 (U+9FCF) and 𰻞 (Ext G) in every edition and role', () => {
    for (const edition of EDITIONS) {
      for (const role of FONT_ROLES) {
        for (const cp of [0x21619, 0x9fcf, 0x30ede])
          expect(faceIndexFor(fonts[edition], role, cp)).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('manifest validation', () => {
  it('reports every broken entry at once, each at its line in the manifest', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notafont.ttf'), 'this is a text file, not a font\n');
    writeTtc(path.join(dir, 'roboto.ttc'), [ROBOTO, ROBOTO_MEDIUM]);
    const file = manifestWith(dir, [
      SERIF_TC,
      'missing.ttf',
      'notafont.ttf',
      'roboto.ttc',
      'roboto.ttc#NoSuchFace',
      'npm:no-such-font-package/Font.ttf',
    ]);
    const found = problems(() => loadFontManifest(file));
    const messages = [...new Set(found.map((d) => `${d.line}:${d.column}: ${d.message}`))];
    expect(messages).toEqual([
      `5:7: cannot read font file ${path.join(dir, 'missing.ttf')}: no such file`,
      `6:7: ${path.join(dir, 'notafont.ttf')} is not a font file (expected TTF, OTF or TTC)`,
      `7:7: ${path.join(dir, 'roboto.ttc')} is a font collection (TTC): name the face, one of Roboto-Regular, Roboto-Medium`,
      `8:7: ${path.join(dir, 'roboto.ttc')} has no face 'NoSuchFace'; it has Roboto-Regular, Roboto-Medium`,
      '9:7: font npm:no-such-font-package/Font.ttf is not installed; run npm ci',
    ]);
    // Each problem is reported for each of the 8 chains that name it.
    expect(found).toHaveLength(5 * 8);
    for (const d of found) expect(d.file).toBe(file);
  });

  it('refuses a main face without Chinese characters, and accepts it as a fallback', () => {
    const dir = tempDir();
    const primary = manifestWith(dir, [ROBOTO, SERIF_TC]);
    const found = problems(() => loadFontManifest(primary));
    expect(found[0]?.message).toBe(
      `${ROBOTO} (Roboto-Regular) has no Chinese characters (no 中, 國 or 国); it cannot be the main font of a Chinese brief`,
    );
    const fallback = loadFontManifest(manifestWith(tempDir(), [SERIF_TC, ROBOTO]));
    expect(fallback['zh-Hant'].roles.body.map((f) => f.file)).toEqual([npmFile(SERIF_TC.slice(4)), ROBOTO]);
  });

  it('uses a face of a TTC named after #, and sets text with it', async () => {
    const dir = tempDir();
    writeTtc(path.join(dir, 'mixed.ttc'), [ROBOTO, SANS_TC]);
    const fonts = loadFontManifest(
      manifestWith(dir, ['mixed.ttc#NotoSansTC-Regular', { file: 'mixed.ttc', face: 'Roboto-Regular' }]),
    );
    const chain = fonts['zh-Hans'].roles.sans;
    expect(chain).toEqual([
      { file: path.join(dir, 'mixed.ttc'), face: 'NotoSansTC-Regular' },
      { file: path.join(dir, 'mixed.ttc'), face: 'Roboto-Regular' },
    ]);
    expect(openFace(chain[0] ?? { file: '' }).hasGlyphForCodePoint(0x570b)).toBe(true);

    const pdf = await renderPdf(
      {
        language: 'zh-Hans-CN',
        info: { title: 't', author: 'a', subject: 's', creator: 'c', producer: 'p', series: 's' },
        defaultStyle: { font: 'Sans' },
        content: ['集合字型裡的中文 TTC'],
      },
      { fonts: fonts['zh-Hans'], date: new Date('2025-01-01T00:00:00Z') },
    );
    const read = await readPdf(pdf);
    expect(squash(read.pages.flatMap((p) => p.items.map((i) => i.str)).join(''))).toBe('集合字型裡的中文TTC');
    expect([...read.fonts.values()]).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSansTC-Regular$/)]);
  });

  it('skips an optional font that is not there and uses one that is', () => {
    const dir = tempDir();
    copyFileSync(ROBOTO, path.join(dir, 'present.ttf'));
    const fonts = loadFontManifest(
      manifestWith(dir, [
        SERIF_TC,
        { file: '/no/such/system/font.ttc', face: 'X', optional: true },
        { file: 'present.ttf', optional: true },
      ]),
    );
    expect(fonts['zh-Hant'].roles.body.map((f) => path.basename(f.file))).toEqual([
      'NotoSerifTC_400Regular.ttf',
      'present.ttf',
    ]);
  });

  it('puts a foundation’s own faces first and checks them, reporting at the profile’s line', () => {
    const dir = tempDir();
    writeTtc(path.join(dir, 'own.ttc'), [ROBOTO, SANS_TC]);
    const origin = { file: path.join(dir, 'foundation.yaml'), line: 12, column: 5 };
    const own = (o: Partial<FontOverride>): FontOverride => ({
      edition: 'zh-Hant',
      role: 'sans',
      file: path.join(dir, 'own.ttc'),
      origin,
      ...o,
    });
    const ok = loadFontManifest(SHIPPED, [own({ face: 'NotoSansTC-Regular' })]);
    const chain = ok['zh-Hant'].roles.sans;
    expect(chain[0]).toEqual({ file: path.join(dir, 'own.ttc'), face: 'NotoSansTC-Regular' });
    expect(chain.slice(1)).toEqual(loadFontManifest(SHIPPED)['zh-Hant'].roles.sans);
    expect(ok['zh-Hans'].roles.sans).toEqual(loadFontManifest(SHIPPED)['zh-Hans'].roles.sans);

    const bad = problems(() =>
      loadFontManifest(SHIPPED, [
        own({}),
        own({ role: 'body', face: 'Roboto-Regular' }),
        own({ role: 'heading', file: path.join(dir, 'nope.otf') }),
      ]),
    );
    expect(bad.map((d) => [d.file, d.line, d.column])).toEqual([
      [origin.file, 12, 5],
      [origin.file, 12, 5],
      [origin.file, 12, 5],
    ]);
    expect(bad.map((d) => d.message)).toEqual([
      `${path.join(dir, 'own.ttc')} is a font collection (TTC): name the face, one of Roboto-Regular, NotoSansTC-Regular`,
      `${path.join(dir, 'own.ttc')} (Roboto-Regular) has no Chinese characters (no 中, 國 or 国); it cannot be the main font of a Chinese brief`,
      `cannot read font file ${path.join(dir, 'nope.otf')}: no such file`,
    ]);
  });

  it('refuses a manifest that is not JSON or lacks a role', () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "zh-Hant": ');
    expect(problems(() => loadFontManifest(broken))[0]?.message).toMatch(/^invalid JSON: /);
    const partial = path.join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ 'zh-Hant': { body: [SERIF_TC] } }));
    const found = problems(() => loadFontManifest(partial)).map((d) => d.message);
    expect(found).toContain('zh-Hant.heading must be a non-empty list of fonts (its fallback chain)');
    expect(found).toContain('zh-Hans.body must be a non-empty list of fonts (its fallback chain)');
    expect(found).toHaveLength(7);
  });
});
