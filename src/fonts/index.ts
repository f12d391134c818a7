import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { BriefError } from '../errors.js';
import type { Diagnostic, Edition, FontOverride, FontRole, SourceLocation } from '../model.js';
import { EDITIONS } from '../model.js';

export const FONT_ROLES: readonly FontRole[] = ['body', 'bodyBold', 'heading', 'sans'];

/** One font face on disk: a TTF/OTF file, or a face inside a TTC collection. */
export interface FontFace {
  file: string;
  /** PostScript name of the face inside a TTC. */
  face?: string;
}

/** The faces of one edition, per role; the first face of a role is its primary face. */
export interface EditionFonts {
  edition: Edition;
  roles: Record<FontRole, FontFace[]>;
}

/** A piece of text that will be set in a role, and where it came from (for the error message). */
export interface TextToSet {
  text: string;
  role: FontRole;
  origin: SourceLocation;
}

const requireFromHere = createRequire(import.meta.url);

/**
 * Reads fonts/fonts.json and applies the foundation's own font files on top (they replace the
 * primary face of a role and keep the shipped faces behind it as fallbacks).
 */
export function loadFontManifest(
  manifestFile: string,
  overrides: FontOverride[] = [],
): Record<Edition, EditionFonts> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    throw BriefError.at({ file: manifestFile }, `cannot read the fonts manifest: ${(e as Error).message}`);
  }
  const problems: Diagnostic[] = [];
  const result = {} as Record<Edition, EditionFonts>;
  for (const edition of EDITIONS) {
    const entry = isRecord(raw) ? raw[edition] : undefined;
    const roles = {} as Record<FontRole, FontFace[]>;
    for (const role of FONT_ROLES) {
      const list = isRecord(entry) ? entry[role] : undefined;
      if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) {
        problems.push({
          file: manifestFile,
          severity: 'error',
          message: `${edition}.${role} must be a non-empty list of font paths`,
        });
        continue;
      }
      roles[role] = (list as string[]).map((spec) => resolveFontSpec(spec, manifestFile, problems));
    }
    result[edition] = { edition, roles };
  }
  for (const o of overrides) {
    checkFontFile(o.file, o.face, o.origin, problems);
    const roles = result[o.edition]?.roles;
    if (roles?.[o.role])
      roles[o.role] = [{ file: o.file, ...(o.face ? { face: o.face } : {}) }, ...roles[o.role]];
  }
  if (problems.length) throw new BriefError(problems);
  return result;
}

function resolveFontSpec(spec: string, manifestFile: string, problems: Diagnostic[]): FontFace {
  const [filePart, face] = spec.split('#') as [string, string | undefined];
  let file: string;
  if (filePart.startsWith('npm:')) {
    try {
      file = requireFromHere.resolve(filePart.slice(4));
    } catch {
      problems.push({
        file: manifestFile,
        severity: 'error',
        message: `font ${filePart} is not installed; run npm ci`,
      });
      return { file: filePart };
    }
  } else {
    file = path.resolve(path.dirname(manifestFile), filePart);
  }
  return { file, ...(face ? { face } : {}) };
}

const loaded = new Map<string, fontkit.Font>();

/** Opens a face with fontkit once per process. */
export function openFace(face: FontFace): fontkit.Font {
  const key = `${face.file}#${face.face ?? ''}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const parsed = fontkit.create(readFileSync(face.file));
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

function checkFontFile(
  file: string,
  face: string | undefined,
  origin: SourceLocation,
  problems: Diagnostic[],
): void {
  const fail = (message: string): void => {
    problems.push({ ...origin, severity: 'error', message });
  };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    fail(`font file ${file} does not exist`);
    return;
  }
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = fontkit.create(bytes);
  } catch {
    fail(`${file} is not a font file fontkit can read (TTF, OTF or TTC)`);
    return;
  }
  let font: fontkit.Font | null = null;
  if ('fonts' in parsed) {
    const names = parsed.fonts.map((f) => f.postscriptName);
    if (!face) fail(`${file} is a font collection: name the face, one of ${names.join(', ')}`);
    else if (!(font = parsed.getFont(face)))
      fail(`${file} has no face '${face}'; it has ${names.join(', ')}`);
  } else {
    font = parsed;
  }
  if (font && !font.hasGlyphForCodePoint(0x4e2d) && !font.hasGlyphForCodePoint(0x570b)) {
    fail(`${file} has no Chinese characters (no 中 or 國); it cannot set a Chinese brief`);
  }
}

/** Characters that need no glyph: line breaks, spaces and the zero-width marks we insert ourselves. */
const INVISIBLE = new Set([0x0a, 0x0d, 0x09, 0x20, 0x200b, 0x2060, 0xfeff, 0x00ad]);

/**
 * The pre-flight check: every character of every text is looked up in the faces of its role.
 * Returns one diagnostic per uncovered character and place, so the user sees them all at once.
 */
export function findUncoveredCharacters(texts: TextToSet[], fonts: EditionFonts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { text, role, origin } of texts) {
    const faces = fonts.roles[role].map(openFace);
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (INVISIBLE.has(cp)) continue;
      if (faces.some((f) => f.hasGlyphForCodePoint(cp))) continue;
      const key = `${origin.file}:${origin.line ?? 0}:${cp}:${role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      out.push({
        ...origin,
        severity: 'error',
        message: `U+${hex} '${ch}' is not in any font for ${fonts.edition} (${role}); add a font that has it to fonts/fonts.json or the foundation profile, or replace the character`,
      });
    }
  }
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
