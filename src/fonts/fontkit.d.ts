// fontkit 2 ships no types; this declares the little we use.
declare module 'fontkit' {
  export interface Font {
    /** 'TTF' (TrueType or CFF OpenType), 'WOFF' or 'WOFF2'. */
    type: string;
    postscriptName: string;
    familyName: string;
    characterSet: number[];
    numGlyphs: number;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    /** Axes of a variable font; empty for a static font. */
    variationAxes: Record<string, { name: string; min: number; default: number; max: number }>;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export interface FontCollection {
    type: 'TTC' | 'DFont';
    fonts: Font[];
    getFont(name: string): Font | null;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
