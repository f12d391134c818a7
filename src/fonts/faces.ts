import type * as fontkit from 'fontkit';
import type { FontRole } from '../model.js';
import { parseFontFile } from './files.js';
import type { EditionFonts, FontFace } from './types.js';

const loaded = new Map<string, fontkit.Font>();

export function faceKey(face: FontFace): string {
  return `${face.file}#${face.face ?? ''}`;
}

/** Opens a face with fontkit once per process. */
export function openFace(face: FontFace): fontkit.Font {
  const key = faceKey(face);
  const cached = loaded.get(key);
  if (cached) return cached;
  const parsed = parseFontFile(face.file);
  let font: fontkit.Font | null;
  if ('fonts' in parsed) {
    font = face.face ? parsed.getFont(face.face) : (parsed.fonts[0] ?? null);
    if (!font) throw new Error(`no face '${face.face ?? ''}' in ${face.file}`);
  } else {
    font = parsed;
  }
  loaded.set(key, font);
  return font;
}

/** The PostScript name of a face, for reports. */
export function faceName(face: FontFace): string {
  return face.face ?? openFace(face).postscriptName;
}

/** Characters that need no glyph: line breaks, spaces and the zero-width marks we insert ourselves. */
const INVISIBLE = new Set([0x0a, 0x0d, 0x09, 0x20, 0x200b, 0x2060, 0xfeff, 0x00ad]);

export function needsNoGlyph(cp: number): boolean {
  return INVISIBLE.has(cp);
}

/**
 * Which face of a role's chain sets a character: the index of the first face that has it, or -1
 * when none has. Faces further down the chain are opened only when a character needs them.
 */
export function faceIndexFor(fonts: EditionFonts, role: FontRole, cp: number): number {
  const chain = fonts.roles[role];
  const found = chainIndex(chain);
  const hit = found.get(cp);
  if (hit !== undefined) return hit;
  let index = -1;
  for (let i = 0; i < chain.length; i++) {
    const face = chain[i];
    if (face && openFace(face).hasGlyphForCodePoint(cp)) {
      index = i;
      break;
    }
  }
  found.set(cp, index);
  return index;
}

/** Per chain (as long as it holds the same faces): code point → index, asked for every character. */
const chainIndexes = new WeakMap<FontFace[], { faces: FontFace[]; found: Map<number, number> }>();

function chainIndex(chain: FontFace[]): Map<number, number> {
  let memo = chainIndexes.get(chain);
  let same = memo !== undefined && memo.faces.length === chain.length;
  for (let i = 0; same && memo && i < chain.length; i++) same = memo.faces[i] === chain[i];
  if (!memo || !same) chainIndexes.set(chain, (memo = { faces: [...chain], found: new Map() }));
  return memo.found;
}

/** Height of one unspaced line of a face in em (what pdfmake's lineHeight 1 means), and its ascent. */
export function faceMetrics(face: FontFace): { height: number; ascent: number } {
  const f = openFace(face);
  return { height: (f.ascent - f.descent) / f.unitsPerEm, ascent: f.ascent / f.unitsPerEm };
}
