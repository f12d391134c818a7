/**
 * Widths without shaping, where shaping cannot change them.
 *
 * The typesetter measures every candidate line of a paragraph the way pdfkit sets it: fontkit
 * shapes the piece (OpenType features) and sums the advances. For a run of Chinese characters
 * whose glyphs no default feature touches, shaping is the identity: each character's glyph from
 * the cmap, its advance from hmtx. This module answers such runs by that sum (integers in font
 * units, so the very same number), and says "shape it" (undefined) for anything else.
 *
 * A glyph counts as untouched when no lookup of a feature fontkit applies by default (any script,
 * any language) has it in any of its coverage tables — a lookup only ever starts at a glyph in its
 * coverage — and GDEF does not class it as a mark, ligature or component (fontkit zeroes marks).
 * Fonts with AAT tables, an old `kern` table or variations always take the shaping path.
 * tests/fonts/advances.test.ts compares both paths on every piece of the sample issues.
 */
import type * as Fontkit from 'fontkit';

/** The features fontkit applies when asked for none (horizontal text, either direction). */
const DEFAULT_FEATURES = new Set([
  'rvrn',
  'ccmp',
  'locl',
  'rlig',
  'mark',
  'mkmk',
  'frac',
  'numr',
  'dnom',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
  'ltra',
  'ltrm',
  'rtla',
  'rtlm',
]);

/** Code points taken this way: CJK symbols and punctuation, kana, ideographs, full-width forms. */
function plainCodePoint(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff01 && cp <= 0xff5e) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

interface Lookup {
  lookupType: number;
  subTables: unknown;
}
interface LayoutTable {
  featureList?: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList?: unknown;
}
interface Metric {
  advance: number;
}
interface FontInternals {
  directory: { tables: Record<string, unknown> };
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
  hmtx?: { metrics: { length: number; get(i: number): Metric | undefined } };
  _cmapProcessor: { lookup(cp: number): number };
}
type ClassDef =
  | { version: 1; startGlyph: number; classValueArray: number[] }
  | { version: 2; classRangeRecord: { start: number; end: number; class: number }[] };

interface Plain {
  blocked: Set<number>;
  advance(gid: number): number;
  glyph(cp: number): number;
}

const plainByFont = new WeakMap<object, Plain | null>();

const list = <T>(x: unknown): T[] => {
  if (Array.isArray(x)) return x as T[];
  const lazy = x as { toArray?: () => T[] } | undefined;
  return lazy?.toArray ? lazy.toArray() : [];
};

/** Every glyph of every coverage table in a (decoded) lookup subtable, into `out`. */
function coverageGlyphs(node: unknown, out: Set<number>, depth = 0): void {
  if (depth > 6 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const n of node) coverageGlyphs(n, out, depth + 1);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (/coverage/i.test(key)) {
      for (const c of Array.isArray(value) ? value : [value]) addCoverage(c, out);
    } else if (key === 'extension' || key === 'subTables' || key === 'table') {
      coverageGlyphs(Array.isArray(value) ? value : list(value).length ? list(value) : value, out, depth + 1);
    }
  }
}

function addCoverage(coverage: unknown, out: Set<number>): void {
  const c = coverage as { glyphs?: number[]; rangeRecords?: { start: number; end: number }[] } | null;
  if (!c) return;
  for (const g of c.glyphs ?? []) out.add(g);
  for (const r of c.rangeRecords ?? []) for (let g = r.start; g <= r.end; g++) out.add(g);
}

function plainFor(font: Fontkit.Font): Plain | null {
  const known = plainByFont.get(font);
  if (known !== undefined) return known;
  const f = font as unknown as FontInternals;
  const tables = f.directory.tables;
  let plain: Plain | null = null;
  if (!('morx' in tables) && !('kern' in tables) && !('fvar' in tables) && 'hmtx' in tables && f.hmtx) {
    const blocked = new Set<number>();
    for (const table of [f.GSUB, f.GPOS]) {
      if (!table?.featureList) continue;
      const lookups = list<Lookup>(table.lookupList);
      const used = new Set<number>();
      for (const feature of table.featureList)
        if (DEFAULT_FEATURES.has(feature.tag)) for (const i of feature.feature.lookupListIndexes) used.add(i);
      for (const i of used) {
        const lookup = lookups[i];
        if (lookup) coverageGlyphs({ subTables: list(lookup.subTables) }, blocked);
      }
    }
    const classes = f.GDEF?.glyphClassDef;
    if (classes?.version === 1) {
      classes.classValueArray.forEach((c, i) => c !== 1 && c !== 0 && blocked.add(classes.startGlyph + i));
    } else if (classes?.version === 2) {
      for (const r of classes.classRangeRecord)
        if (r.class !== 1 && r.class !== 0) for (let g = r.start; g <= r.end; g++) blocked.add(g);
    }
    const metrics = f.hmtx.metrics;
    const last = metrics.get(metrics.length - 1)?.advance ?? 0;
    plain = {
      blocked,
      advance: (gid) => (gid < metrics.length ? (metrics.get(gid)?.advance ?? 0) : last),
      glyph: (cp) => f._cmapProcessor.lookup(cp),
    };
  }
  plainByFont.set(font, plain);
  return plain;
}

/**
 * The advance width in font units of `text` set in `font` with default features, when shaping
 * cannot change it (see above); undefined when it must be shaped.
 */
export function plainAdvanceWidth(font: Fontkit.Font, text: string): number | undefined {
  for (const ch of text) if (!plainCodePoint(ch.codePointAt(0) ?? 0)) return undefined;
  const plain = plainFor(font);
  if (!plain) return undefined;
  let width = 0;
  for (const ch of text) {
    const gid = plain.glyph(ch.codePointAt(0) ?? 0);
    if (gid === 0 || plain.blocked.has(gid)) return undefined;
    width += plain.advance(gid);
  }
  return width;
}
