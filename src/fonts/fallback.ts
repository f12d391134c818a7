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

/** A text cut into runs: each with the chain index of the face that sets it (0 = primary). */
export function splitByCoverage(
  text: string,
  fonts: EditionFonts,
  role: FontRole,
): { text: string; face: number }[] {
  const runs: { text: string; face: number }[] = [];
  let pendingNeutral = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // Spaces, zero-width marks, combining marks and variation selectors go with their neighbours.
    if (needsNoGlyph(cp) || /[\p{M}]/u.test(ch)) {
      const last = runs[runs.length - 1];
      if (last) last.text += ch;
      else pendingNeutral += ch;
      continue;
    }
    const found = faceIndexFor(fonts, role, cp);
    const face = found < 0 ? 0 : found; // the pre-flight has refused uncovered characters already
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.text += ch;
    else runs.push({ text: pendingNeutral + ch, face });
    pendingNeutral = '';
  }
  if (pendingNeutral) runs.push({ text: pendingNeutral, face: 0 });
  return runs;
}
