/**
 * Fonts shared by every document a process renders, with byte-identical output.
 *
 * Stock pdfmake/pdfkit reads each font file again for every document (`fs.readFileSync`), parses
 * it again (`fontkit.create`) and shapes every text piece again (pdfkit's layout cache lives in the
 * per-document font object). For a brief set in 7–15 MB Noto CJK faces that was more than half of
 * a warm rebuild. Here, per process:
 *
 * 1. the bytes: each font file is read once (src/fonts/files.ts) and handed to pdfmake through its
 *    virtual file system, so pdfkit receives the same Buffer object for every document;
 * 2. the parse: fontkit's `create` returns one parsed font per Buffer. pdfkit's fontkit export is a
 *    frozen getter, so this is done through fontkit's own format registry: a registered Buffer is
 *    declined by the TrueType probe and accepted by a format whose constructor returns the shared
 *    font (`new` returns an object a constructor returns);
 * 3. the shaping: pdfkit's per-document layout cache is backed by a per-font one, so a text piece
 *    is shaped once per process.
 *
 * What keeps the bytes identical. A fontkit glyph remembers the code points it was first created
 * for, and pdfkit writes those into the ToUnicode map; with a shared font, "first" would mean
 * first in the process (another edition, an earlier issue), not first in this document (space and
 * no-break space share a glyph, so do several zero-width marks). So every shaping records the
 * glyph requests it makes (`getGlyph(id, codePoints)`, in order), each document replays the record
 * of every piece it lays out, in its own order, and before the font is embedded the ToUnicode
 * entries are set from the first request *in this document* — what a fresh font would have
 * remembered. Everything else pdfkit takes from a font (widths, metrics, glyph outlines, tables)
 * does not depend on history. tests/pdf/font-cache.test.ts renders with and without sharing, in
 * adverse orders, and compares bytes.
 *
 * TTC collections are not shared (pdfkit opens a face of one with a name); they take the stock path.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import pdfmake from 'pdfmake';
import type { TFontDictionary } from 'pdfmake/interfaces.js';
import { fontBytes, parseFontFile } from '../fonts/index.js';
import { enginePatchesAllowed } from './engine.js';

type GlyphRequest = [id: number, codePoints: number[] | undefined];

interface FontkitRun {
  glyphs: unknown[];
  positions: object[];
}

interface FontkitFont {
  layout(text: unknown, ...rest: unknown[]): FontkitRun;
  directory: { tables: Record<string, unknown> };
  createSubset(): unknown;
  stream: { buffer: Uint8Array; constructor: new (buffer: Uint8Array) => unknown };
  getGlyph(id: number, codePoints?: number[]): unknown;
  constructor: FontFormat;
}

interface FontSubset {
  font: FontkitFont;
  glyphs: number[];
}

interface SubsetClass {
  prototype: { encode(this: FontSubset): Uint8Array };
}

interface FontGlyph {
  _font: FontkitFont;
}

interface GlyphClass {
  prototype: { _decode(this: FontGlyph): unknown };
}

interface FontFormat {
  new (stream: unknown): FontkitFont;
  prototype: { getFont(name: string): unknown };
}

interface GlyphRun {
  glyphs: { id: number }[];
}

/** The part of pdfkit's (unexported) EmbeddedFont class this module relies on. */
interface EmbeddedFont {
  font: FontkitFont;
  layoutCache?: Record<string, GlyphRun>;
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[] };
  layoutRun(text: string, features?: unknown): GlyphRun;
  layoutCached(text: string): GlyphRun;
  embed(): unknown;
}

interface PdfkitDocument {
  font(src: Uint8Array): { _font: EmbeddedFont };
  ref(): unknown;
}

/** pdfkit's PDFReference (an indirect object, a stream here). */
interface PdfReference {
  buffer: Uint8Array[];
  compress: boolean;
  document: { _security?: unknown };
}

interface ReferenceClass {
  prototype: { finalize(this: PdfReference): unknown };
}

const requireHere = createRequire(import.meta.url);
const virtualFs = (
  pdfmake as unknown as { virtualfs: { writeFileSync(file: string, data: Uint8Array): void } }
).virtualfs;
const requireInPdfmake = createRequire(requireHere.resolve('pdfmake'));

/** Shared font files: path → bytes, and the parsed font of each Buffer (created on first use). */
const sharedFiles = new Map<string, Uint8Array>();
const parsed = new WeakMap<Uint8Array, FontkitFont>();
/** Per shared font: each text piece's glyph run (as pdfkit caches it) and its glyph requests. */
const shaped = new WeakMap<FontkitFont, Map<string, { run: GlyphRun; requests: GlyphRequest[] }>>();
/** Per static shared font: encoded subsets by glyph list (the last SUBSETS_KEPT), decoded glyphs. */
const subsets = new WeakMap<FontkitFont, Map<string, { bytes: Uint8Array; glyphs: number[] }>>();
const decodedGlyphs = new WeakMap<FontGlyph, unknown>();
const subsetBytes = new WeakSet<Uint8Array>();
const deflated = new WeakMap<Uint8Array, Buffer>();
const SUBSETS_KEPT = 8;
/** Compressed streams by content hash, oldest dropped first beyond 4 MB (some 20 builds of a brief). */
const STREAMS_KEPT_BYTES = 4 * 2 ** 20;
const compressedStreams = new Map<string, Buffer>();
let compressedBytes = 0;

/** zlib's deflate of a stream's bytes, from the memo when the same bytes were compressed before. */
function deflateStream(data: Buffer): Buffer {
  const key = `${data.length}:${createHash('sha256').update(data).digest('base64')}`;
  const known = compressedStreams.get(key);
  if (known) return known;
  const output = deflateSync(data);
  // Kept in a buffer of its own size: zlib's output may be a view of a much larger allocation,
  // which the memo would otherwise keep alive.
  const compressed = Buffer.allocUnsafeSlow(output.length);
  output.copy(compressed);
  compressedStreams.set(key, compressed);
  compressedBytes += compressed.length;
  for (const [k, v] of compressedStreams) {
    if (compressedBytes <= STREAMS_KEPT_BYTES) break;
    compressedStreams.delete(k);
    compressedBytes -= v.length;
  }
  return compressed;
}
/** Shaped texts kept per font in a long-lived process (then the cache starts again). */
const RUNS_KEPT = 100_000;
/** Per document font object: code points of each glyph's first request in that document. */
const firstRequests = new WeakMap<EmbeddedFont, Map<number, number[] | undefined>>();

let enabled = true;
let installed = false;
let recording: GlyphRequest[] | null = null;
const stats = { fonts: 0, parses: 0, shapings: 0, replays: 0, subsetsReused: 0 };

/** Turns sharing on or off (on by default); off renders exactly as stock pdfmake does. */
export function setFontSharing(on: boolean): void {
  enabled = on;
}

/**
 * Counters for tests and the benchmark: fonts shared, of which parsed here (not reused from
 * src/fonts), text pieces shaped and replayed, subsets reused.
 */
export function fontCacheStats(): typeof stats {
  return { ...stats };
}

/**
 * The pdfmake font dictionary to render with: each TrueType/OpenType file becomes
 * `[path, path]`, its bytes are placed in pdfmake's virtual file system under that path, and
 * fontkit's `create(bytes, path)` answers with the process's parsed font for those bytes (the
 * second element is what pdfkit passes on as a face name; a TTC's `[path, face]` is left as is).
 */
export function shareFonts(dictionary: TFontDictionary): TFontDictionary {
  // Patches of pdfkit/fontkit internals, only on the versions they were verified with (engine.ts).
  if (!enabled || !enginePatchesAllowed()) return dictionary;
  const share = (ref: unknown): unknown => {
    if (typeof ref !== 'string') return ref;
    if (!sharedFiles.has(ref)) {
      const bytes = fontBytes(ref);
      if (!isSfnt(bytes)) return ref;
      install(bytes);
      virtualFs.writeFileSync(ref, bytes);
      sharedFiles.set(ref, bytes);
    }
    return [ref, ref];
  };
  const result: TFontDictionary = {};
  for (const [family, styles] of Object.entries(dictionary)) {
    result[family] = Object.fromEntries(
      Object.entries(styles).map(([style, ref]) => [style, share(ref)]),
    ) as TFontDictionary[string];
  }
  return result;
}

/** A glyph run pdfkit may scale in place: new run and position objects, same glyphs. */
function copyRun(run: FontkitRun): FontkitRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as FontkitRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) =>
    Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p),
  );
  return copy;
}

function isSfnt(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === 'true' || tag === 'OTTO' || tag === '\0\u0001\0\0';
}

/** Installs the hooks, once; `sample` is any TrueType/OpenType font file's bytes. */
function install(sample: Uint8Array): void {
  if (installed) return;
  installed = true;
  const pdfkit = requireInPdfmake('pdfkit') as new (options: object) => PdfkitDocument;
  // A scratch document opens the sample the stock way: its font object gives pdfkit's classes and
  // its fontkit font gives fontkit's (whichever copies of the modules pdfmake loaded).
  const scratch = new pdfkit({ autoFirstPage: false });
  const scratchFont = scratch.font(sample)._font;

  // fontkit: create(bytes, path) constructs a font on the bytes (only its table directory is
  // read) and asks it for the face `path`; a shared file answers with the shared font.
  const probe = scratchFont.font;
  const TrueType = probe.constructor;
  const DecodeStream = probe.stream.constructor;
  const getFont = TrueType.prototype.getFont;
  TrueType.prototype.getFont = function (this: FontkitFont, name: string): unknown {
    const bytes = sharedFiles.get(name);
    if (enabled && bytes && bytes === this.stream.buffer) return sharedFont(bytes, name);
    return getFont.call(this, name);
  };
  const sharedFont = (buffer: Uint8Array, file: string): FontkitFont => {
    let font = parsed.get(buffer);
    if (!font) {
      // The font src/fonts parsed for measuring and the coverage check, when it is the same
      // fontkit (it is, unless a second copy of fontkit was loaded): tables decoded once.
      const measured = parseFontFile(file) as unknown;
      const same = measured instanceof TrueType ? (measured as unknown as FontkitFont) : undefined;
      if (same && same.stream.buffer === buffer) {
        font = same;
      } else {
        font = new TrueType(new DecodeStream(buffer));
        stats.parses += 1;
      }
      stats.fonts += 1;
      const ownGetGlyph = font.getGlyph;
      font.getGlyph = function (this: FontkitFont, id: number, codePoints?: number[]) {
        recording?.push([id, codePoints]);
        return ownGetGlyph.call(this, id, codePoints);
      };
      // Shaping with default features, once per text: the typesetter (src/typeset) measures the
      // same pieces pdfkit sets. Each caller gets its own copy (pdfkit scales positions in place)
      // and, when recording, the glyph requests the first shaping made.
      const ownLayout = font.layout;
      const runs = new Map<string, { run: FontkitRun; requests: GlyphRequest[] }>();
      font.layout = function (this: FontkitFont, text: unknown, ...rest: unknown[]): FontkitRun {
        if (typeof text !== 'string' || rest.some((r) => r !== undefined))
          return ownLayout.call(this, text, ...rest);
        let hit = runs.get(text);
        if (!hit) {
          const outer = recording;
          const requests: GlyphRequest[] = [];
          recording = requests;
          try {
            hit = { run: ownLayout.call(this, text), requests };
          } finally {
            recording = outer;
          }
          if (runs.size >= RUNS_KEPT) runs.clear();
          runs.set(text, hit);
        }
        recording?.push(...hit.requests);
        return copyRun(hit.run);
      };
      parsed.set(buffer, font);
      shaped.set(font, new Map());
      if (!('fvar' in font.directory.tables)) subsets.set(font, new Map());
    }
    return font;
  };

  // fontkit's TrueType subsetter: a subset is a function of the font and its glyph list, so the
  // same list (a rebuild that adds no character) gives the same bytes without encoding again;
  // and a glyph's outline record, which the subsetter decodes for every glyph of every document,
  // is decoded once per shared font (these fonts are static: no variation changes it).
  const Subset = (probe.createSubset() as unknown as { constructor: SubsetClass }).constructor;
  const subsetEncode = Subset.prototype.encode;
  Subset.prototype.encode = function (this: FontSubset): Uint8Array {
    const memo = subsets.get(this.font);
    if (!memo) return subsetEncode.call(this);
    const key = this.glyphs.join(',');
    const hit = memo.get(key);
    if (hit) {
      stats.subsetsReused += 1;
      this.glyphs = [...hit.glyphs];
      return hit.bytes;
    }
    const bytes = subsetEncode.call(this);
    memo.set(key, { bytes, glyphs: [...this.glyphs] });
    subsetBytes.add(bytes);
    if (memo.size > SUBSETS_KEPT) memo.delete(memo.keys().next().value ?? '');
    return bytes;
  };
  const Glyph = (probe.getGlyph(0) as { constructor: GlyphClass }).constructor;
  const decodeGlyph = Glyph.prototype._decode;
  Glyph.prototype._decode = function (this: FontGlyph): unknown {
    if (!subsets.has(this._font)) return decodeGlyph.call(this);
    if (!decodedGlyphs.has(this)) decodedGlyphs.set(this, decodeGlyph.call(this));
    return decodedGlyphs.get(this);
  };

  // pdfkit: the class of a document's font object, from a throwaway document.
  const proto = Object.getPrototypeOf(scratchFont) as EmbeddedFont;

  // pdfkit's stream objects: a stream whose bytes were compressed before in this process (a
  // reused subset, and in a rebuild every page, ToUnicode map or structure stream the edit did not
  // touch: about half the bytes of a rebuild of the sample) is handed over already compressed.
  // pdfkit would deflate the same bytes with the same (default) settings, so the bytes are the same.
  const Reference = (scratch.ref() as { constructor: ReferenceClass }).constructor;
  const finalize = Reference.prototype.finalize;
  Reference.prototype.finalize = function (this: PdfReference): unknown {
    if (!enabled || !this.compress || this.document._security || this.buffer.length === 0)
      return finalize.call(this);
    const only = this.buffer.length === 1 ? this.buffer[0] : undefined;
    let compressed: Buffer;
    if (only && subsetBytes.has(only)) {
      compressed = deflated.get(only) ?? deflateSync(Buffer.concat([only]));
      deflated.set(only, compressed);
    } else {
      compressed = deflateStream(Buffer.concat(this.buffer));
    }
    this.buffer = [compressed];
    this.compress = false;
    try {
      return finalize.call(this);
    } finally {
      this.compress = true;
    }
  };
  const layoutRun = proto.layoutRun;
  const layoutCached = proto.layoutCached;
  const embed = proto.embed;

  const note = (doc: EmbeddedFont, requests: GlyphRequest[]): void => {
    let first = firstRequests.get(doc);
    // The font object's constructor asks for glyph 0 first, with no code points.
    if (!first) firstRequests.set(doc, (first = new Map([[0, []]])));
    for (const [id, codePoints] of requests) if (!first.has(id)) first.set(id, codePoints);
  };
  const shape = (
    doc: EmbeddedFont,
    text: string,
    features?: unknown,
  ): { run: GlyphRun; requests: GlyphRequest[] } => {
    const requests: GlyphRequest[] = [];
    const outer = recording;
    recording = requests;
    let run: GlyphRun;
    try {
      run = layoutRun.call(doc, text, features);
    } finally {
      recording = outer;
    }
    stats.shapings += 1;
    note(doc, requests);
    return { run, requests };
  };

  proto.layoutRun = function (this: EmbeddedFont, text: string, features?: unknown): GlyphRun {
    if (!shaped.has(this.font)) return layoutRun.call(this, text, features);
    return shape(this, text, features).run;
  };
  proto.layoutCached = function (this: EmbeddedFont, text: string): GlyphRun {
    const pieces = shaped.get(this.font);
    if (!pieces || !this.layoutCache) return layoutCached.call(this, text);
    const own = this.layoutCache[text];
    if (own) return own;
    let piece = pieces.get(text);
    if (piece) {
      note(this, piece.requests);
      stats.replays += 1;
    } else {
      piece = shape(this, text);
      pieces.set(text, piece);
    }
    this.layoutCache[text] = piece.run;
    return piece.run;
  };
  proto.embed = function (this: EmbeddedFont): unknown {
    const first = firstRequests.get(this);
    if (first) {
      // ToUnicode as a fresh font would have it: .notdef (0) keeps pdfkit's own entry.
      for (let gid = 1; gid < this.unicode.length; gid++) {
        if (this.unicode[gid] === undefined || this.unicode[gid] === null) continue;
        const id = this.subset.glyphs[gid];
        if (id !== undefined && first.has(id)) this.unicode[gid] = first.get(id) ?? [];
      }
    }
    return embed.call(this);
  };
}
