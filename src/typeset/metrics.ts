import type { FontMetrics } from './lines.js';

/** The part of a fontkit font that measuring needs (fontkit ships no types for it). */
export interface LayoutFont {
  unitsPerEm: number;
  layout(text: string): {
    advanceWidth: number;
    glyphs: { bbox: { minX: number; maxX: number } }[];
  };
}

export interface StyleFace {
  font: LayoutFont;
  /** Points. */
  size: number;
}

// Per font, per process: a width in font units depends on the font and the text only, so every
// paragraph, edition and rebuild shares them (a long-lived process keeps at most WIDTHS_KEPT).
const widthCache = new WeakMap<LayoutFont, Map<string, number>>();
const blankCache = new WeakMap<LayoutFont, Map<string, { left: number; right: number } | null>>();
const WIDTHS_KEPT = 200_000;

/**
 * Metrics from the font files themselves, measured the way pdfkit sets text: the string is cut
 * after each space or tab, each piece shaped on its own (default features), advances summed.
 * Widths therefore match the PDF to the last bit, and pieces can be placed without re-measuring.
 */
export function fontMetrics(
  faceOf: (style: number) => StyleFace,
  /** The width of a piece shaping cannot change (src/fonts/advances.ts), undefined otherwise. */
  plainWidth: (font: LayoutFont, text: string) => number | undefined = () => undefined,
): FontMetrics {
  const unitsWidth = (font: LayoutFont, text: string): number => {
    let cache = widthCache.get(font);
    if (!cache) widthCache.set(font, (cache = new Map()));
    else if (cache.size > WIDTHS_KEPT) cache.clear();
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    let total = 0;
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length ? last < i : text[i] === ' ' || text[i] === '\t') {
        const piece = text.slice(last, i + 1);
        const pieceHit = cache.get(piece);
        const w = pieceHit ?? plainWidth(font, piece) ?? font.layout(piece).advanceWidth;
        if (pieceHit === undefined) cache.set(piece, w);
        total += w;
        last = i + 1;
      }
    }
    cache.set(text, total);
    return total;
  };
  return {
    measure(text, style) {
      const { font, size } = faceOf(style);
      return (unitsWidth(font, text) * size) / font.unitsPerEm;
    },
    fontSize(style) {
      return faceOf(style).size;
    },
    blanks(ch, style) {
      const { font } = faceOf(style);
      let cache = blankCache.get(font);
      if (!cache) blankCache.set(font, (cache = new Map()));
      const hit = cache.get(ch);
      if (hit !== undefined) return hit;
      const run = font.layout(ch);
      const glyph = run.glyphs[0];
      const em = font.unitsPerEm;
      let result: { left: number; right: number } | null = null;
      if (glyph && run.glyphs.length === 1 && Math.abs(run.advanceWidth / em - 1) < 0.02) {
        const { minX, maxX } = glyph.bbox;
        if (Number.isFinite(minX) && Number.isFinite(maxX)) {
          result = { left: minX / em, right: (run.advanceWidth - maxX) / em };
        }
      }
      cache.set(ch, result);
      return result;
    },
  };
}
