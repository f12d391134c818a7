import type { Diagnostic, Edition, FontRole, SourceLocation } from '../model.js';
import { faceIndexFor, faceName, needsNoGlyph } from './faces.js';
import type { EditionFonts, TextToSet } from './types.js';
import { FONT_ROLES } from './types.js';

/** `U+9FCF`, `U+30EDE`: the code point as the Unicode standard writes it. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message for a character no face of a role has. */
export function uncoveredMessage(ch: string, fonts: EditionFonts, role: FontRole): string {
  return `${codePointLabel(ch.codePointAt(0) ?? 0)} '${ch}' is not in any font for ${fonts.edition} (${role})`;
}

/**
 * The pre-flight check: every character of every text is looked up in the fallback chain of the
 * role that sets it. Returns one diagnostic per uncovered character, role and origin, so the
 * user sees them all at once.
 */
export function findUncoveredCharacters(texts: TextToSet[], fonts: EditionFonts): UncoveredCharacter[] {
  const out: UncoveredCharacter[] = [];
  const seen = new Set<string>();
  for (const { text, role, origin } of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (needsNoGlyph(cp)) continue;
      if (faceIndexFor(fonts, role, cp) >= 0) continue;
      const key = `${origin.file}:${origin.line ?? 0}:${origin.column ?? 0}:${cp}:${role}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...origin,
        code: 'font/uncovered',
        severity: 'error',
        message: uncoveredMessage(ch, fonts, role),
        character: ch,
        edition: fonts.edition,
        role,
      });
    }
  }
  return out;
}

/** A diagnostic for a character no face has, with the character itself as data. */
export interface UncoveredCharacter extends Diagnostic {
  character: string;
  edition: Edition;
  role: FontRole;
}

/** How one role's characters are spread over its fallback chain. */
export interface RoleCoverage {
  role: FontRole;
  /** Distinct characters set in this role (those that need a glyph). */
  characters: number;
  /** One line per face of the chain that sets at least one character, in chain order. */
  faces: { face: string; file: string; characters: number; sample: string }[];
  /** Characters no face has. */
  missing: string[];
}

/** Coverage of an edition's texts, per role: for `brief check`. */
export function coverageReport(texts: Record<FontRole, string>, fonts: EditionFonts): RoleCoverage[] {
  return FONT_ROLES.map((role) => {
    const distinct = new Set<string>();
    for (const ch of texts[role] ?? '') if (!needsNoGlyph(ch.codePointAt(0) ?? 0)) distinct.add(ch);
    const byFace = new Map<number, string[]>();
    const missing: string[] = [];
    for (const ch of distinct) {
      const index = faceIndexFor(fonts, role, ch.codePointAt(0) ?? 0);
      if (index < 0) missing.push(ch);
      else byFace.set(index, [...(byFace.get(index) ?? []), ch]);
    }
    const faces = [...byFace.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([index, chars]) => {
        const face = fonts.roles[role][index];
        return face
          ? [
              {
                face: faceName(face),
                file: face.file,
                characters: chars.length,
                sample: chars.slice(0, 12).join(''),
              },
            ]
          : [];
      });
    return { role, characters: distinct.size, faces, missing };
  });
}

/** A source file's text, to find where an uncovered character was written. */
export interface SourceText {
  file: string;
  text: string;
}

/**
 * Places each uncovered-character diagnostic at the first place the character occurs in the
 * sources (article, foundation profile, glossary …). A character that occurs in none of them
 * was produced by the conversion to Simplified Chinese; the message says so.
 */
export function locateUncovered(
  found: UncoveredCharacter[],
  sources: SourceText[],
  fallback: SourceLocation,
): Diagnostic[] {
  const lines = sources.map((s) => ({ file: s.file, lines: s.text.split('\n') }));
  return found.map(({ character, edition, role, ...d }) => {
    void role;
    for (const { file, lines: ls } of lines) {
      const line = ls.findIndex((l) => l.includes(character));
      if (line >= 0) {
        const text = ls[line] ?? '';
        const column = [...text.slice(0, text.indexOf(character))].length + 1;
        return { ...d, file, line: line + 1, column };
      }
    }
    const converted =
      edition === 'zh-Hans'
        ? '; it is not in the source: the conversion to Simplified Chinese produced it'
        : '';
    return { ...fallback, code: d.code, severity: d.severity, message: `${d.message}${converted}` };
  });
}

/** Prints a coverage report as text lines. */
export function formatCoverage(edition: string, report: RoleCoverage[]): string[] {
  const out: string[] = [];
  for (const r of report) {
    const status = r.missing.length ? `${r.missing.length} MISSING: ${r.missing.join(' ')}` : 'all covered';
    out.push(`${edition} ${r.role}: ${r.characters} characters, ${status}`);
    for (const f of r.faces)
      out.push(
        `  ${String(f.characters).padStart(5)}  ${f.face}${f.characters <= 12 ? `  ${f.sample}` : ''}`,
      );
  }
  return out;
}
