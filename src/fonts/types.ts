import type { Edition, FontRole, SourceLocation } from '../model.js';

export const FONT_ROLES: readonly FontRole[] = ['body', 'bodyBold', 'heading', 'sans'];

/** One font face on disk: a TTF/OTF file, or a face inside a TTC collection. */
export interface FontFace {
  file: string;
  /** PostScript name of the face inside a TTC. */
  face?: string;
}

/**
 * The faces of one edition, per role: a fallback chain. The first face of a role is its primary
 * face; each later face sets only characters that no face before it has.
 */
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
