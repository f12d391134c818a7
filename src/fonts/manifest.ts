import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as fontkit from 'fontkit';
import { BriefError } from '../errors.js';
import { fileProblem, readUserFile } from '../files.js';
import type { Diagnostic, Edition, FontOverride, FontRole, SourceLocation } from '../model.js';
import { EDITIONS } from '../model.js';
import type { EditionFonts, FontFace } from './types.js';
import { fontBytes, parseFontFile } from './files.js';
import { FONT_ROLES } from './types.js';

/**
 * The fonts manifest (fonts/fonts.json): for each edition and role, a fallback chain of faces.
 * The first face of a role is its primary face; the others set only the characters the faces
 * before them lack. An entry is either a string or an object:
 *
 *   "npm:@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf"
 *   "fonts/MyFace.otf"                         (relative to the manifest)
 *   "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKtc-Regular"
 *   { "file": "/usr/share/…/HanaMinB.ttf", "optional": true }
 *
 * `#Name` (or "face") picks a face of a TTC collection by its PostScript name. An optional entry
 * is used when its file exists (a font a system may or may not have) and skipped otherwise.
 */

const requireFromHere = createRequire(import.meta.url);

/** The Han characters that must be in a primary face: 中 and 國/国. */
const CJK_PROBES = [0x4e2d, 0x570b, 0x56fd];

interface Entry {
  spec: string;
  file: string;
  face?: string;
  optional: boolean;
  at: SourceLocation;
}

/**
 * Reads fonts/fonts.json, checks every face it names and applies the foundation's own font files
 * on top: a foundation's faces for a role come first (the first becomes the primary face) and
 * the shipped chain stays behind them as fallbacks. Every problem is reported at once.
 */
export function loadFontManifest(
  manifestFile: string,
  overrides: FontOverride[] = [],
): Record<Edition, EditionFonts> {
  const text = readUserFile(manifestFile, 'the fonts manifest');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw BriefError.at({ file: manifestFile }, 'font/manifest', `invalid JSON: ${(e as Error).message}`);
  }
  const problems: Diagnostic[] = [];
  const locate = (needle: string): SourceLocation => locateInText(manifestFile, text, needle);
  const result = {} as Record<Edition, EditionFonts>;
  for (const edition of EDITIONS) {
    const entry = isRecord(raw) ? raw[edition] : undefined;
    const roles = {} as Record<FontRole, FontFace[]>;
    for (const role of FONT_ROLES) {
      const list = isRecord(entry) ? entry[role] : undefined;
      roles[role] = [];
      const before = problems.length;
      if (!Array.isArray(list) || list.length === 0) {
        problems.push({
          ...locate(`"${edition}"`),
          code: 'font/manifest',
          severity: 'error',
          message: `${edition}.${role} must be a non-empty list of fonts (its fallback chain)`,
        });
        continue;
      }
      list.forEach((item: unknown, index) => {
        const entry = parseEntry(item, manifestFile, locate, problems, `${edition}.${role}[${index}]`);
        if (!entry) return;
        if (entry.optional && !existsSync(entry.file)) return;
        const face = checkFace(entry, roles[role].length === 0, problems);
        if (face) roles[role].push(face);
      });
      if (roles[role].length === 0 && problems.length === before) {
        problems.push({
          ...locate(`"${edition}"`),
          code: 'font/manifest',
          severity: 'error',
          message: `${edition}.${role} has no font that is installed`,
        });
      }
    }
    result[edition] = { edition, roles };
  }

  // A foundation's own faces: in the order listed, before the shipped chain of their role.
  const own = new Map<string, FontFace[]>();
  const named = new Set<string>();
  for (const o of overrides) {
    const key = `${o.edition}.${o.role}`;
    const face = checkFace(
      { spec: o.file, file: o.file, ...(o.face ? { face: o.face } : {}), optional: false, at: o.origin },
      !named.has(key),
      problems,
    );
    named.add(key);
    if (face) own.set(key, [...(own.get(key) ?? []), face]);
  }
  for (const [key, faces] of own) {
    const [edition, role] = key.split('.') as [Edition, FontRole];
    const roles = result[edition]?.roles;
    if (roles) roles[role] = [...faces, ...roles[role]];
  }
  if (problems.length) throw new BriefError(problems);
  return result;
}

function parseEntry(
  item: unknown,
  manifestFile: string,
  locate: (needle: string) => SourceLocation,
  problems: Diagnostic[],
  where: string,
): Entry | null {
  let spec: string;
  let face: string | undefined;
  let optional = false;
  if (typeof item === 'string') {
    spec = item;
  } else if (isRecord(item) && typeof item['file'] === 'string') {
    spec = item['file'];
    if (typeof item['face'] === 'string') face = item['face'];
    optional = item['optional'] === true;
  } else {
    problems.push({
      file: manifestFile,
      code: 'font/manifest',
      severity: 'error',
      message: `${where} must be a font path or {"file": …, "face"?: …, "optional"?: true}`,
    });
    return null;
  }
  const at = locate(JSON.stringify(spec));
  const hash = spec.lastIndexOf('#');
  let filePart = spec;
  if (hash > 0) {
    filePart = spec.slice(0, hash);
    face ??= spec.slice(hash + 1);
  }
  let file: string;
  if (filePart.startsWith('npm:')) {
    try {
      file = requireFromHere.resolve(filePart.slice(4));
    } catch {
      if (optional) return null;
      problems.push({
        ...at,
        code: 'font/invalid',
        severity: 'error',
        message: `font ${filePart} is not installed; run npm ci`,
      });
      return null;
    }
  } else {
    file = path.resolve(path.dirname(manifestFile), filePart);
  }
  return { spec, file, ...(face ? { face } : {}), optional, at };
}

/**
 * Opens one named face and checks that pdfkit can embed it: a TTF, OTF or a face of a TTC, not
 * a web font, not a variable font (pdfkit would set only its default instance); a primary face
 * must have Chinese characters. Returns the face, or null after recording the problem.
 */
function checkFace(entry: Entry, primary: boolean, problems: Diagnostic[]): FontFace | null {
  const { file, face, at } = entry;
  const fail = (message: string): null => {
    problems.push({ ...at, code: 'font/invalid', severity: 'error', message });
    return null;
  };
  try {
    fontBytes(file);
  } catch (e) {
    return fail(`cannot read font file ${file}: ${fileProblem(e)}`);
  }
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = parseFontFile(file);
  } catch {
    return fail(`${file} is not a font file (expected TTF, OTF or TTC)`);
  }
  let font: fontkit.Font | null;
  if ('fonts' in parsed) {
    if (parsed.type !== 'TTC') return fail(`${file} is a ${parsed.type} font; use a TTF, OTF or TTC`);
    const names = parsed.fonts.map((f) => f.postscriptName);
    if (!face) return fail(`${file} is a font collection (TTC): name the face, one of ${names.join(', ')}`);
    font = parsed.getFont(face);
    if (!font) return fail(`${file} has no face '${face}'; it has ${names.join(', ')}`);
  } else {
    font = parsed;
    if (font.type !== 'TTF') return fail(`${file} is a ${font.type} web font; use the TTF or OTF`);
    if (face && font.postscriptName !== face)
      return fail(
        `${file} is a single font (${font.postscriptName}), not a collection with a face '${face}'`,
      );
  }
  const axes = Object.keys(font.variationAxes ?? {});
  if (axes.length)
    return fail(
      `${file} is a variable font (${axes.join(', ')}); pdfkit would set only its default instance: use a static TTF or OTF`,
    );
  if (primary && !CJK_PROBES.some((cp) => font.hasGlyphForCodePoint(cp)))
    return fail(
      `${file} (${font.postscriptName}) has no Chinese characters (no 中, 國 or 国); it cannot be the main font of a Chinese brief`,
    );
  return { file, ...(face ? { face } : {}) };
}

/** Line and column of the first occurrence of `needle` in a file's text (1-based). */
export function locateInText(file: string, text: string, needle: string): SourceLocation {
  const index = text.indexOf(needle);
  if (index < 0) return { file };
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return { file, line, column };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
