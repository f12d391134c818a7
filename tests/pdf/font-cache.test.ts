/**
 * Shared fonts (src/pdf/font-cache.ts) change nothing in the output: the sample and a variant are
 * rendered with fresh fonts for every document (stock pdfmake) and then with fonts shared by
 * every document of the process, in orders chosen to trip a history-dependent cache, and the
 * bytes are compared. In Noto the space and the no-break space are one glyph: a font that
 * remembered the character it first saw in the process, not in the document, would write
 * another ToUnicode entry into later documents.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Project } from '../../src/pipeline/index.js';
import { editionDefinition, loadProject } from '../../src/pipeline/index.js';
import type { Edition } from '../../src/model.js';
import { fontCacheStats, setFontSharing } from '../../src/pdf/font-cache.js';
import { renderPdf } from '../../src/pdf/index.js';
import { preparePhoto } from '../../src/photo/index.js';
import { loadArticle } from '../../src/source/index.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import type { DocDefinition } from '../../src/pdf/index.js';

type Doc = 'sample' | 'nbsp';
const definitions = new Map<string, DocDefinition>();
let project: Project;
let date: Date;

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  project = loadProject(PROJECT_ROOT);
  const variant = path.join(tempDir(), 'nbsp');
  cpSync(SAMPLE_ISSUE, variant, { recursive: true });
  const file = path.join(variant, 'article.md');
  const text = readFileSync(file, 'utf8');
  const changed = text.replace('美國總統川普', '美國總統\u00a0川普');
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
  for (const [doc, dir] of [
    ['sample', SAMPLE_ISSUE],
    ['nbsp', variant],
  ] as const) {
    const article = loadArticle(dir);
    date = new Date(`${article.date}T00:00:00Z`);
    const { photoWidthPt, photoAspect } = project.templates.layout;
    const photo = await preparePhoto(article.photo.file, {
      placedWidthPt: photoWidthPt,
      aspect: photoAspect,
    });
    const view = { image: photo.dataUrl, widthPt: photoWidthPt, heightPt: photoWidthPt / photoAspect };
    for (const edition of ['zh-Hant', 'zh-Hans'] as const)
      definitions.set(`${doc} ${edition}`, editionDefinition(project, article, edition, view).definition);
  }
}, 60000);

function small(body: string): DocDefinition {
  return {
    pageSize: 'A4',
    language: 'zh-Hant-TW',
    info: {
      title: '測試',
      author: '作者',
      subject: '遠景論壇・測試',
      keywords: ['測試'],
      creator: '遠景基金會',
      producer: 'prospect-brief 0.1.0',
      series: '遠景論壇',
    },
    content: [{ text: body }],
    defaultStyle: { font: 'Serif', fontSize: 11 },
  };
}

function renderSmall(definition: DocDefinition): Promise<Buffer> {
  return renderPdf(definition, { fonts: project.fonts['zh-Hant'], date: new Date('2025-08-25T00:00:00Z') });
}

/** The Unicode values (hex) of every ToUnicode CMap in a PDF, from its inflated streams. */
function toUnicodeTargets(pdf: Buffer): string[] {
  const targets: string[] = [];
  const latin = pdf.toString('latin1');
  for (const m of latin.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    let text: string;
    try {
      text = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!text.includes('beginbfrange')) continue;
    for (const range of text.matchAll(/\[([^\]]*)\]/g))
      for (const hex of (range[1] ?? '').matchAll(/<([0-9a-f ]+)>/g))
        targets.push(...(hex[1] ?? '').split(' '));
  }
  return targets;
}

async function render(doc: Doc, edition: Edition): Promise<Buffer> {
  const definition = definitions.get(`${doc} ${edition}`);
  if (!definition) throw new Error(`no definition for ${doc} ${edition}`);
  return renderPdf(definition, { fonts: project.fonts[edition], date });
}

describe('fonts shared by every document of a process', () => {
  it('give the same bytes as fresh fonts, whatever was rendered before', async () => {
    setFontSharing(false);
    const fresh = new Map<string, string>();
    for (const key of ['nbsp zh-Hant', 'sample zh-Hant', 'sample zh-Hans'] as const) {
      const [doc, edition] = key.split(' ') as [Doc, Edition];
      fresh.set(key, sha(await render(doc, edition)));
    }
    expect(fontCacheStats().fonts).toBe(0);

    setFontSharing(true);
    try {
      // The no-break space first: the shared glyph is created for U+00A0, then the sample
      // (plain spaces only) follows; the other edition in between; then everything again.
      const order: [Doc, Edition][] = [
        ['nbsp', 'zh-Hant'],
        ['sample', 'zh-Hans'],
        ['sample', 'zh-Hant'],
        ['nbsp', 'zh-Hant'],
        ['sample', 'zh-Hant'],
        ['sample', 'zh-Hans'],
      ];
      for (const [doc, edition] of order) {
        expect({ doc, edition, sha: sha(await render(doc, edition)) }).toEqual({
          doc,
          edition,
          sha: fresh.get(`${doc} ${edition}`),
        });
      }
    } finally {
      setFontSharing(true);
    }
    // The cache was in use: fonts shared, pieces shaped once and replayed, subsets reused.
    const stats = fontCacheStats();
    expect(stats.fonts).toBeGreaterThan(0);
    const files = Object.values(project.fonts).flatMap((e) => Object.values(e.roles).flat());
    expect(stats.fonts).toBeLessThanOrEqual(new Set(files.map((f) => f.file)).size);
    // They are the very fonts src/fonts parsed for measuring: no second parse.
    expect(stats.parses).toBe(0);
    expect(stats.replays).toBeGreaterThan(stats.shapings);
    expect(stats.subsetsReused).toBeGreaterThan(0);
  }, 120000);

  it("write each document's own ToUnicode when one glyph serves two characters", async () => {
    // Noto's space and no-break space are one glyph. Fresh fonts map it, per document, to the
    // character that document used first; so must shared ones, whatever an earlier one used.
    const nbspFirst = small('甲\u00a0乙 丙');
    const spaceOnly = small('甲 乙');
    setFontSharing(false);
    const freshNbsp = await renderSmall(nbspFirst);
    const freshSpace = await renderSmall(spaceOnly);
    // The two documents really differ there: U+00A0 in one map, U+0020 in the other.
    expect(toUnicodeTargets(freshNbsp)).toContain('00a0');
    expect(toUnicodeTargets(freshNbsp)).not.toContain('0020');
    expect(toUnicodeTargets(freshSpace)).toContain('0020');
    setFontSharing(true);
    expect(sha(await renderSmall(nbspFirst))).toBe(sha(freshNbsp));
    expect(sha(await renderSmall(spaceOnly))).toBe(sha(freshSpace));
    expect(sha(await renderSmall(nbspFirst))).toBe(sha(freshNbsp));
  }, 60000);
});
