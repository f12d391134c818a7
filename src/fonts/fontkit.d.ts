// fontkit 2 ships no types; this declares the little we use.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    characterSet: number[];
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export interface FontCollection {
    type: 'TTC' | 'DFont';
    fonts: Font[];
    getFont(name: string): Font | null;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
