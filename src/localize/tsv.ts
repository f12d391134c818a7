/** Reading the tab-separated data files of this stage (glossaries, vocabulary). */
import { readUserFile } from '../files.js';

import { BriefError } from '../errors.js';
import type { Diagnostic } from '../model.js';

/** One data line: its cells (trimmed) and its 1-based line number. */
export interface TsvLine {
  line: number;
  cells: string[];
  /** Column (1-based) at which each cell starts, for diagnostics. */
  columns: number[];
}

/** Reads a UTF-8 file, or throws a BriefError naming it. */
export function readText(file: string): string {
  return readUserFile(file, 'the glossary');
}

/** Splits a TSV text into data lines, skipping blank lines and `#` comments. */
export function parseTsv(text: string): TsvLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: TsvLine[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells: string[] = [];
    const columns: number[] = [];
    let column = 1;
    for (const cell of raw.split('\t')) {
      cells.push(cell.trim());
      columns.push(column + (cell.trim() === '' ? 0 : cell.length - cell.trimStart().length));
      column += cell.length + 1;
    }
    out.push({ line: i + 1, cells, columns });
  });
  return out;
}

/** Throws all collected problems at once, if any. */
export function throwIfAny(diagnostics: Diagnostic[]): void {
  if (diagnostics.length > 0) throw new BriefError(diagnostics);
}
