import type { TFontDictionary } from 'pdfmake/interfaces.js';
import type { EditionFonts } from '../fonts/index.js';
import { openFace } from '../fonts/index.js';

/** pdfmake's font dictionary: family 'Serif' (body) and 'Sans' (headings, captions). */
export function fontDictionary(fonts: EditionFonts): TFontDictionary {
  const ref = (role: keyof EditionFonts['roles']): string => {
    const face = fonts.roles[role][0];
    if (!face) throw new Error(`no ${role} face for ${fonts.edition}`);
    // A face inside a TTC is [path, faceName]; @types/pdfmake does not know this form.
    return (face.face ? [face.file, face.face] : face.file) as string;
  };
  return {
    Serif: { normal: ref('body'), bold: ref('bodyBold'), italics: ref('body'), bolditalics: ref('bodyBold') },
    Sans: { normal: ref('sans'), bold: ref('heading'), italics: ref('sans'), bolditalics: ref('heading') },
  };
}

/** Height of one unspaced line in em for each family: what pdfmake's lineHeight 1 means. */
export function naturalLineHeights(fonts: EditionFonts): Record<string, number> {
  const em = (role: keyof EditionFonts['roles']): number => {
    const face = fonts.roles[role][0];
    if (!face) return 1;
    const f = openFace(face);
    return (f.ascent - f.descent + f.lineGap) / f.unitsPerEm;
  };
  return { Serif: em('body'), Sans: em('sans') };
}
