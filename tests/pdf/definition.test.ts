/**
 * One walk over the document definition: every node kind a template can emit (a bare string, a
 * text block, inlines, stack, columns, ul, ol, table cells, header and footer) is visited by every
 * pass of the PDF stage. Before this module, the pre-flight skipped lists and headers.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { loadFontManifest } from '../../src/fonts/index.js';
import type { DocDefinition, Json } from '../../src/pdf/index.js';
import { textsByRole } from '../../src/pdf/index.js';
import { resolveLayoutExtensions } from '../../src/pdf/extensions.js';
import { applyFallbackFonts } from '../../src/pdf/fallback.js';
import { prepareLinks } from '../../src/pdf/links.js';
import { markBookmarks } from '../../src/pdf/outline.js';
import { PROJECT_ROOT } from '../support/fixtures.js';

const fonts = loadFontManifest(path.join(PROJECT_ROOT, 'fonts/fonts.json'))['zh-Hant'];
const KINDS = [
  'string',
  'text',
  'inline',
  'stack',
  'columns',
  'ul',
  'ol',
  'table',
  'header',
  'footer',
] as const;

/** Text of one kind: its name, a bare address, and 𰻞 (only a fallback face of the TC chain has it). */
const say = (kind: string): string => `${kind}字𰻞 https://example.org/${kind}`;
const block = (kind: string): Json => ({ text: say(kind), linePitch: 1.5, tocItem: true });

function definition(): DocDefinition {
  return {
    defaultStyle: { font: 'Serif', fontSize: 10 },
    header: { $perPage: block('header') },
    footer: { $perPage: { stack: [block('footer')] } },
    content: [
      say('string'),
      block('text'),
      { text: [{ text: say('inline'), linePitch: 1.5 }], tocItem: true },
      { stack: [block('stack')] },
      { columns: [block('columns')] },
      { ul: [block('ul')] },
      { ol: [block('ol')] },
      { table: { body: [[block('table')]] } },
    ],
  };
}

/** Every object in a tree, functions called for their per-page content. */
function objects(node: unknown): Record<string, unknown>[] {
  if (typeof node === 'function') return objects((node as (p: number, n: number) => unknown)(1, 1));
  if (Array.isArray(node)) return node.flatMap(objects);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return [o, ...Object.values(o).flatMap(objects)];
  }
  return [];
}

describe('every pass visits every node kind', () => {
  it('the pre-flight texts', () => {
    const texts = textsByRole(definition());
    for (const kind of KINDS) expect(texts.body).toContain(say(kind));
  });

  it('links: a bare address becomes a link in every kind', () => {
    const def = definition();
    prepareLinks(def);
    const links = new Set(objects(def).map((o) => o['link']));
    for (const kind of KINDS) expect(links).toContain(`https://example.org/${kind}`);
  });

  it('bookmarks: a tocItem in every kind of the content', () => {
    const titles = markBookmarks(definition()).map((b) => b.title);
    for (const kind of KINDS.filter((k) => k !== 'string' && k !== 'header' && k !== 'footer'))
      expect(titles.some((t) => t.startsWith(`${kind}字`))).toBe(true);
  });

  it('font fallback: the character only a fallback face has gets that face in every kind', () => {
    const out = applyFallbackFonts(
      resolveLayoutExtensions(definition(), { Serif: 1.437, Sans: 1.437 }),
      fonts,
    );
    const all = [...objects(out.content), ...objects(out['header']), ...objects(out['footer'])];
    const fallbackTexts = all.filter((o) => /^Fallback\d+$/.test(String(o['font']))).map((o) => o['text']);
    expect(fallbackTexts.filter((t) => String(t).trim() === '𰻞')).toHaveLength(KINDS.length);
  });

  it('layout extensions: no linePitch is left for pdfmake in any kind', () => {
    const out = resolveLayoutExtensions(definition(), { Serif: 1.437, Sans: 1.437 });
    const all = [...objects(out.content), ...objects(out['header']), ...objects(out['footer'])];
    expect(all.filter((o) => 'linePitch' in o)).toEqual([]);
    expect(all.filter((o) => typeof o['lineHeight'] === 'number').length).toBeGreaterThanOrEqual(
      KINDS.length - 1,
    );
  });
});
