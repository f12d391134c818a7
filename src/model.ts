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

/**
 * A run of inline text: plain, emphasised, a link, or a footnote marker. Runs are flat (no
 * nesting).
 */
export interface Run {
  text: string;
  emphasis?: boolean;
  /** Target of a link; the run's text is what the reader sees. */
  link?: string;
  /**
   * A footnote reference: this run is the marker only (its text is the number, e.g. "3"), set as
   * a superscript that links to `Article.notes[noteRef - 1]`. Never combined with emphasis or link.
   */
  noteRef?: number;
}

export interface Heading {
  kind: 'heading';
  /** 2 for a section (`## `), 3 for a sub-section (`### `). */
  level: 2 | 3;
  runs: Run[];
  /** Line in article.md where the heading starts. */
  line: number;
}

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  line: number;
}

/** A bullet (`- `) or ordered (`1. `) list; a list inside an item is one level deep at most. */
export interface List {
  kind: 'list';
  ordered: boolean;
  /** Number of the first item of an ordered list (1 unless the author wrote e.g. `3. `); 1 for bullets. */
  start: number;
  items: ListItem[];
  line: number;
}

/** One list item: one or more paragraphs, and in a top-level list at most one nested list each. */
export interface ListItem {
  blocks: (Paragraph | List)[];
  line: number;
}

/** A block quote (`> `): quoted statements, as paragraphs and lists. */
export interface Quote {
  kind: 'quote';
  blocks: (Paragraph | List)[];
  line: number;
}

/** Horizontal alignment of a table column from the GFM alignment row; null when unmarked. */
export type ColumnAlign = 'left' | 'right' | 'center' | null;

/** A table row: one Run[] per column (rows are padded to the header's width). */
export interface TableRow {
  cells: Run[][];
  line: number;
}

/** A GFM table, numbered 表 1, 表 2 … in the article's order. */
export interface Table {
  kind: 'table';
  /** 1, 2, … in order of appearance. */
  number: number;
  header: TableRow;
  rows: TableRow[];
  /** One entry per column: `---:` right (numbers), `:---:` center, `:---` left, `---` null. */
  align: ColumnAlign[];
  /** From a paragraph `: caption` directly after the table. */
  caption?: Run[];
  line: number;
}

/** An image alone in its paragraph: `![caption](chart.png "credit"){alt="…"}`, numbered 圖 1 … */
export interface Figure {
  kind: 'figure';
  /** 1, 2, … in order of appearance (the front matter's photo is not numbered). */
  number: number;
  /** Absolute path of the image, checked to lie inside the issue folder. */
  file: string;
  caption: string;
  credit: string;
  /** A description for readers who cannot see the image (required unless decorative). */
  alt?: string;
  /** An image that carries no information: an artifact, with an empty alt. */
  decorative?: boolean;
  line: number;
}

export type Block = Heading | Paragraph | List | Quote | Table | Figure;

/** A footnote (`[^label]: text`), numbered 1, 2, … in order of first reference. */
export interface Note {
  number: number;
  /** The label the author wrote (`[^wto]` → "wto"), for diagnostics. */
  label: string;
  blocks: Paragraph[];
  /** Line of the definition in article.md. */
  line: number;
}

/** Where the notes are set: at the foot of the page that cites them, or collected after the body. */
export type NoteStyle = 'footnotes' | 'endnotes';

/** One author of an issue. */
export interface Author {
  name: string;
  affiliation: string;
  /** A short biography, set under 作者簡介 at the end of the body. */
  bio?: string;
}

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
  /** A description of the photo for readers who cannot see it (required unless decorative). */
  alt?: string;
  /** A photo that carries no information: an artifact, with an empty alt. */
  decorative?: boolean;
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
  /** Default placement of an issue's notes (`notes:` in the profile; `footnotes` when absent). */
  notes: NoteStyle;
  /** Extra font files named by the foundation (see fonts/README.md); empty for the defaults. */
  fonts: FontOverride[];
  /** Where the issues are online (`archive:` in the profile); null when not set (no QR code). */
  archive: FoundationArchive | null;
}

/** The online archive: an issue's page is `baseUrl` + `issuePath` with {slug} and {edition} filled. */
export interface FoundationArchive {
  /** https://…/ (always ends with a slash). */
  baseUrl: string;
  /** Relative path of an issue's page, e.g. `{slug}/`; may use {slug} and {edition}. */
  issuePath: string;
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
  /** Every author in byline order (`author:` gives one, `authors:` several). */
  authors: Author[];
  /** The first author (name and affiliation), kept for the byline and the PDF metadata. */
  author: { name: string; affiliation: string };
  /** ISO date, YYYY-MM-DD. */
  date: string;
  keywords: string[];
  /** Key points (`summary:`), 3 to 6 of them, or none. */
  summary: string[];
  photo: Photo;
  /** Editor's note; when absent, the foundation's disclaimer is used. */
  note?: string;
  body: Block[];
  /** The footnotes, in number order (`notes[i].number === i + 1`). */
  notes: Note[];
  /** Overrides the foundation's note placement for this issue. */
  noteStyle?: NoteStyle;
  /** Overrides the foundation's conversion profile for this issue. */
  conversion?: ConversionProfile;
  /** Per-issue glossary additions/overrides for the Simplified edition. */
  glossary: GlossaryEntry[];
  /** Terms the author marks as literal: never converted. */
  keep: string[];
  /** Personal names kept as names in the Simplified edition (front matter `names:`). */
  names: string[];
}

/** Everything one edition sets as text: the article and the foundation's wording in that script. */
export interface Brief {
  edition: Edition;
  /** BCP 47 tag written into the PDF: zh-Hant-TW or zh-Hans-CN. */
  lang: string;
  slug: string;
  title: string;
  authors: Author[];
  /** The first author, as in Article. */
  author: { name: string; affiliation: string };
  date: string;
  keywords: string[];
  /** Key points, set in a box under 重點摘要/重点摘要; empty when the issue has none. */
  summary: string[];
  photo: { caption: string; credit: string; creditUrl?: string; alt?: string; decorative?: boolean };
  note: string;
  /** The article's body in this edition's script (figures keep their file path). */
  body: Block[];
  /** The footnotes in this edition's script, in number order. */
  notes: Note[];
  /** Resolved: the issue's `notes:` or else the foundation's. */
  noteStyle: NoteStyle;
  foundation: Omit<Foundation, 'file' | 'conversion' | 'notes' | 'fonts' | 'disclaimer' | 'archive'>;
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

/**
 * The structure types a template may give a block as its `role` (ISO 32000-1 14.8.4, the ones a
 * brief uses), besides `Artifact` for page furniture. The template stage refuses any other; the
 * PDF stage (src/pdf/tags.ts) builds the structure tree from them.
 */
export const STRUCTURE_ROLES: readonly string[] = [
  'Document',
  'Part',
  'Sect',
  'Div',
  'H1',
  'H2',
  'H3',
  'H4',
  'P',
  'BlockQuote',
  'Caption',
  'Figure',
  'L',
  'LI',
  'Table',
  'TH',
  'TD',
  'Note',
  'Span',
];
