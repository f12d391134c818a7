/**
 * The shared document model. Every stage takes and returns these types; no stage sees another
 * stage's libraries (pdfmake, handlebars, opencc-js, sharp) directly.
 */
import type { DiagnosticCode } from './diagnostic-codes.js';

export type { DiagnosticCode };

/** The two editions we publish. The Traditional edition is the source text. */
export type Edition = 'zh-Hant' | 'zh-Hans';
export const EDITIONS: readonly Edition[] = ['zh-Hant', 'zh-Hans'];

/** A place in a user's file, for diagnostics. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** A run of inline text: plain, emphasised, or a link. Runs are flat (no nesting). */
export interface Run {
  text: string;
  emphasis?: boolean;
  /** Target of a link; the run's text is what the reader sees. */
  link?: string;
}

export interface Heading {
  kind: 'heading';
  runs: Run[];
  /** Line in article.md where the heading starts. */
  line: number;
}

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  line: number;
}

export type Block = Heading | Paragraph;

/** How the Simplified edition is made: characters and punctuation only, or mainland vocabulary too. */
export type ConversionProfile = 'script' | 'mainland';

/** One glossary entry: the Traditional source term and its zh-Hans target, with where it was defined. */
export interface GlossaryEntry {
  source: string;
  target: string;
  origin: SourceLocation;
}

export interface Photo {
  /** Absolute path of the image file. */
  file: string;
  caption: string;
  credit: string;
  creditUrl?: string;
  /** Optional focal point for cropping, fractions of width and height (0..1). */
  focus?: { x: number; y: number };
}

/** The foundation's profile (assets/foundation.yaml), with its disclaimer already rendered. */
export interface Foundation {
  /** Path of the profile, for diagnostics. */
  file: string;
  name: string;
  shortName: string;
  /** The series name, set as the masthead. */
  series: string;
  about: string;
  address: string;
  tel: string;
  fax: string;
  url: string;
  /** The disclaimer with the profile's own fields filled in. */
  disclaimer: string;
  /** Default conversion profile for the Simplified edition. */
  conversion: ConversionProfile;
  /** Extra font files named by the foundation (see fonts/README.md); empty for the defaults. */
  fonts: FontOverride[];
}

/** A foundation-supplied font file for one edition and role. */
export interface FontOverride {
  edition: Edition;
  role: FontRole;
  /** Absolute path to a TTF, OTF or TTC file. */
  file: string;
  /** For a TTC: the PostScript name of the face inside the collection. */
  face?: string;
  origin: SourceLocation;
}

/** The parts of the brief that are set in distinct faces. */
export type FontRole = 'body' | 'bodyBold' | 'heading' | 'sans';

/** An issue of the series as its author delivered it, parsed and validated. */
export interface Article {
  /** Folder name under assets/issues, used for output file names. */
  slug: string;
  /** Absolute path of article.md. */
  file: string;
  title: string;
  author: { name: string; affiliation: string };
  /** ISO date, YYYY-MM-DD. */
  date: string;
  keywords: string[];
  photo: Photo;
  /** Editor's note; when absent, the foundation's disclaimer is used. */
  note?: string;
  body: Block[];
  /** Overrides the foundation's conversion profile for this issue. */
  conversion?: ConversionProfile;
  /** Per-issue glossary additions/overrides for the Simplified edition. */
  glossary: GlossaryEntry[];
  /** Terms the author marks as literal: never converted. */
  keep: string[];
}

/** Everything one edition sets as text: the article and the foundation's wording in that script. */
export interface Brief {
  edition: Edition;
  /** BCP 47 tag written into the PDF: zh-Hant-TW or zh-Hans-CN. */
  lang: string;
  slug: string;
  title: string;
  author: { name: string; affiliation: string };
  date: string;
  keywords: string[];
  photo: { caption: string; credit: string; creditUrl?: string };
  note: string;
  body: Block[];
  foundation: Omit<Foundation, 'file' | 'conversion' | 'fonts' | 'disclaimer'>;
}

/** A photo ready to embed: shared by both editions. */
export interface PreparedPhoto {
  /** data: URL of the encoded image (JPEG or PNG). */
  dataUrl: string;
  width: number;
  height: number;
  format: 'jpeg' | 'png';
  bytes: number;
  /** Warnings (low resolution …). */
  warnings: Diagnostic[];
}

/**
 * A problem in a user's input, as data: collected, then printed together by the CLI as
 * `file:line:col: message` with the source line under it.
 */
export interface Diagnostic extends SourceLocation {
  /** Stable identifier of the kind of problem (src/diagnostic-codes.ts, listed in the README). */
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  /** What to do about it, when the message does not already say. */
  hint?: string;
}
