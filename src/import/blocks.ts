/**
 * What an import recognised in its source, before it is written as `article.md`: the front-matter
 * values it could read, the body as a small tree in the terms of the rich-content syntax (issue 11),
 * the images it found and one line per decision for the person who runs the command.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'emphasis'; children: Inline[] }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'link'; url: string; children: Inline[] }
  | { kind: 'footnoteRef'; label: string };

export type TableAlign = 'left' | 'right' | 'center' | null;

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; depth: 2 | 3; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][]; align: TableAlign[]; caption?: Inline[] }
  | { kind: 'figure'; file: string; caption: string; credit?: string };

export interface Footnote {
  label: string;
  blocks: Block[];
}

export interface Author {
  name: string;
  affiliation?: string;
}

/** An image found in the source, written beside article.md under `name`. */
export interface FoundImage {
  name: string;
  bytes: Uint8Array;
}

export interface LeadPhoto {
  /** File name beside article.md; absent when the source had no photo and none was given. */
  file?: string;
  caption?: string;
  credit?: string;
  creditUrl?: string;
  alt?: string;
}

export interface ImportedArticle {
  title?: string;
  authors: Author[];
  /** Only when the source states it (never invented). */
  date?: string;
  keywords?: string[];
  summary?: string[];
  photo: LeadPhoto;
  note?: string;
  body: Block[];
  footnotes: Footnote[];
  images: FoundImage[];
  /** A Markdown source's own body (and front matter), kept as written instead of `body`. */
  rawBody?: string;
  rawFrontMatter?: string;
  /** One line per decision, printed by the command (`title: 美俄…  (line 9)`). */
  decisions: string[];
}

export function emptyArticle(): ImportedArticle {
  return { authors: [], photo: {}, body: [], footnotes: [], images: [], decisions: [] };
}

/** The plain text of inline content (for reports and comparisons). */
export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.kind) {
        case 'text':
          return i.text;
        case 'footnoteRef':
          return '';
        default:
          return plainText(i.children);
      }
    })
    .join('');
}

export function text(t: string): Inline[] {
  return t ? [{ kind: 'text', text: t }] : [];
}
