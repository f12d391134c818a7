import type { TFontDictionary } from 'pdfmake/interfaces.js';
import type { EditionFonts, FontFace } from '../fonts/index.js';
import { fallbackFamilies, faceMetrics } from '../fonts/index.js';

/**
 * pdfmake's font dictionary: family 'Serif' (body/bodyBold) and 'Sans' (sans/heading) from the
 * primary faces, and one family per fallback face ('Fallback1' …), which the fallback pass
 * (src/fonts/fallback.ts) assigns to the characters only that face has.
 */
export function fontDictionary(fonts: EditionFonts): TFontDictionary {
  const ref = (role: keyof EditionFonts['roles']): string => {
    const face = fonts.roles[role][0];
    if (!face) throw new Error(`no ${role} face for ${fonts.edition}`);
    return faceRef(face);
  };
  const dictionary: TFontDictionary = {
    Serif: { normal: ref('body'), bold: ref('bodyBold'), italics: ref('body'), bolditalics: ref('bodyBold') },
    Sans: { normal: ref('sans'), bold: ref('heading'), italics: ref('sans'), bolditalics: ref('heading') },
  };
  for (const { family, face } of fallbackFamilies(fonts)) {
    const r = faceRef(face);
    dictionary[family] = { normal: r, bold: r, italics: r, bolditalics: r };
  }
  return dictionary;
}

/** A face inside a TTC is [path, faceName]; @types/pdfmake does not know this form. */
function faceRef(face: FontFace): string {
  return (face.face ? [face.file, face.face] : face.file) as string;
}

/** Height of one unspaced line in em for each family: what pdfmake's lineHeight 1 means. */
export function naturalLineHeights(fonts: EditionFonts): Record<string, number> {
  const em = (role: keyof EditionFonts['roles']): number => {
    const face = fonts.roles[role][0];
    return face ? faceMetrics(face).height : 1;
  };
  return { Serif: em('body'), Sans: em('sans') };
}
