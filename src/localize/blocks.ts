/**
 * The walk over an article's content for one edition: every text of every element (headings,
 * paragraphs, list items, quotes, table cells and captions, figure captions, credits and
 * descriptions, notes, key points, authors) goes through `convert`, labelled by where it is so
 * that the review says `table 1 row 4`, `note 3` or `summary 2`.
 */
import type { Author, Block, List, Note, Paragraph, Run } from '../model.js';
import { PunctuationState } from './punctuation.js';

/** Converts one text; `where` labels it in the review. One PunctuationState spans a block's runs. */
export type ConvertText = (text: string, where: string, punctuation?: PunctuationState) => string;

/** Runs of one block: the text converted, footnote markers (numbers) copied as they are. */
function convertRuns(runs: Run[], where: string, convert: ConvertText): Run[] {
  const punctuation = new PunctuationState();
  return runs.map((run) =>
    run.noteRef !== undefined ? { ...run } : { ...run, text: convert(run.text, where, punctuation) },
  );
}

/**
 * The authors, labelled `author`/`affiliation`/`bio` (numbered when there are several). Names and
 * affiliations are converted first (the byline), bios later by `convertBios` (they close the body).
 */
export function convertAuthors(authors: Author[], convert: ConvertText): Author[] {
  return authors.map((a, i) => ({
    ...a,
    name: convert(a.name, `author${authorNumber(authors, i)}`),
    affiliation: convert(a.affiliation, `affiliation${authorNumber(authors, i)}`),
  }));
}

export function convertBios(authors: Author[], convert: ConvertText): Author[] {
  return authors.map((a, i) =>
    a.bio !== undefined ? { ...a, bio: convert(a.bio, `bio${authorNumber(authors, i)}`) } : a,
  );
}

function authorNumber(authors: Author[], i: number): string {
  return authors.length > 1 ? ` ${i + 1}` : '';
}

export function convertSummary(summary: string[], convert: ConvertText): string[] {
  return summary.map((point, i) => convert(point, `summary ${i + 1}`));
}

/** The body in reading order; `file` is article.md's name, for the labels of running text. */
export function convertBody(body: Block[], file: string, convert: ConvertText): Block[] {
  const at = (line: number): string => `${file}:${line}`;
  const paragraph = (p: Paragraph, where: string): Paragraph => ({
    ...p,
    runs: convertRuns(p.runs, where, convert),
  });
  const list = (l: List, label: string): List => ({
    ...l,
    items: l.items.map((item, i) => {
      const where = `${label} item ${i + 1} (${at(item.line)})`;
      return {
        ...item,
        blocks: item.blocks.map((b) =>
          b.kind === 'paragraph' ? paragraph(b, where) : list(b, `${label} item ${i + 1} list`),
        ),
      };
    }),
  });
  return body.map((block): Block => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        return { ...block, runs: convertRuns(block.runs, at(block.line), convert) };
      case 'list':
        return list(block, 'list');
      case 'quote':
        return {
          ...block,
          blocks: block.blocks.map((b) =>
            b.kind === 'paragraph' ? paragraph(b, `quote (${at(b.line)})`) : list(b, 'quote list'),
          ),
        };
      case 'table': {
        const label = `table ${block.number}`;
        const cells = (cellRuns: Run[][], where: string) =>
          cellRuns.map((c) => convertRuns(c, where, convert));
        // The caption is set above the table, so it is converted (and reviewed) first.
        const caption = block.caption ? convertRuns(block.caption, `${label} caption`, convert) : undefined;
        return {
          ...block,
          ...(caption ? { caption } : {}),
          header: { ...block.header, cells: cells(block.header.cells, `${label} header`) },
          rows: block.rows.map((row, i) => ({ ...row, cells: cells(row.cells, `${label} row ${i + 1}`) })),
        };
      }
      case 'figure': {
        const label = `figure ${block.number}`;
        return {
          ...block,
          caption: convert(block.caption, `${label} caption`),
          credit: convert(block.credit, `${label} credit`),
          ...(block.alt !== undefined ? { alt: convert(block.alt, `${label} alt`) } : {}),
        };
      }
    }
  });
}

export function convertNotes(notes: Note[], convert: ConvertText): Note[] {
  return notes.map((note) => ({
    ...note,
    blocks: note.blocks.map((p) => ({ ...p, runs: convertRuns(p.runs, `note ${note.number}`, convert) })),
  }));
}
