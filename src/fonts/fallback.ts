import type { FontRole } from '../model.js';
import { faceIndexFor, faceKey, needsNoGlyph } from './faces.js';
import type { EditionFonts, FontFace } from './types.js';
import { FONT_ROLES } from './types.js';

/**
 * Font fallback: which face of a role's chain sets each character. The PDF stage's fallback pass
 * (src/pdf/fallback.ts) uses these to give each run the face that has it.
 */

/** The pdfmake family of each fallback face; the same face is used for regular and bold. */
export interface FallbackFamily {
  family: string;
  face: FontFace;
}

/** Every face after the first of any role gets one family, numbered in manifest order. */
export function fallbackFamilies(fonts: EditionFonts): FallbackFamily[] {
  const out: FallbackFamily[] = [];
  const seen = new Set<string>();
  for (const role of FONT_ROLES) {
    for (const face of fonts.roles[role].slice(1)) {
      const key = faceKey(face);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ family: `Fallback${out.length + 1}`, face });
    }
  }
  return out;
}

/** Combining marks (`\p{M}`); none lies in the CJK ideograph blocks, which skip the test. */
const MARK = /^\p{M}$/u;
const isMark = (cp: number): boolean =>
  cp >= 0x300 &&
  !(cp >= 0x3400 && cp <= 0x9fff) &&
  !(cp >= 0x20000 && cp <= 0x3134f) &&
  MARK.test(String.fromCodePoint(cp));

/**
 * A text cut into runs: each with the chain index of the face that sets it (0 = primary). Runs
 * are slices of the text (no string is built character by character: the PDF stage calls this for
 * every piece of every line, on every build).
 */
export function splitByCoverage(
  text: string,
  fonts: EditionFonts,
  role: FontRole,
): { text: string; face: number }[] {
  const runs: { text: string; face: number }[] = [];
  let start = 0;
  /** The face of the run being gathered; -1 while it holds only characters that need no glyph. */
  let face = -1;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const next = i + (cp > 0xffff ? 2 : 1);
    // Spaces, zero-width marks, combining marks and variation selectors go with their neighbours:
    // with the run before them, or (at the start) with the first run.
    if (!needsNoGlyph(cp) && !isMark(cp)) {
      const found = faceIndexFor(fonts, role, cp);
      const own = found < 0 ? 0 : found; // the pre-flight has refused uncovered characters already
      if (face === -1) face = own;
      else if (own !== face) {
        runs.push({ text: text.slice(start, i), face });
        start = i;
        face = own;
      }
    }
    i = next;
  }
  if (start < text.length) runs.push({ text: text.slice(start), face: face === -1 ? 0 : face });
  return runs;
}
