/** Glossary files: `source<TAB>target` per line, `#` comments and blank lines allowed. */
import type { Diagnostic, GlossaryEntry } from '../model.js';
import { parseTsv, readText, throwIfAny } from './tsv.js';

/**
 * Parses glossary text. Collects every problem (malformed line, empty source or target, a source
 * given twice with different targets) and throws them together as one BriefError with file:line.
 * A source repeated with the same target is accepted once.
 */
export function parseGlossary(text: string, file: string): GlossaryEntry[] {
  const entries = new Map<string, GlossaryEntry>();
  const problems: Diagnostic[] = [];
  const error = (line: number, column: number, message: string) =>
    problems.push({ file, line, column, code: 'glossary/invalid', message, severity: 'error' });

  for (const { line, cells, columns } of parseTsv(text)) {
    const [source = '', target = '', ...rest] = cells;
    if (cells.length < 2) {
      error(line, 1, 'malformed glossary line: expected "source<TAB>target"');
      continue;
    }
    if (rest.some((c) => c !== '')) {
      error(line, columns[2] ?? 1, 'malformed glossary line: more than two columns (source<TAB>target)');
      continue;
    }
    if (source === '') {
      error(line, columns[0] ?? 1, 'empty source term');
      continue;
    }
    if (target === '') {
      error(line, columns[1] ?? 1, `empty target for "${source}"`);
      continue;
    }
    const previous = entries.get(source);
    if (previous !== undefined) {
      if (previous.target !== target) {
        error(
          line,
          columns[0] ?? 1,
          `duplicate source term "${source}": "${target}" here, "${previous.target}" at line ${previous.origin.line ?? '?'}`,
        );
      }
      continue;
    }
    entries.set(source, { source, target, origin: { file, line } });
  }
  throwIfAny(problems);
  return [...entries.values()];
}

/** Loads a glossary TSV file (see {@link parseGlossary}). */
export function loadGlossary(file: string): GlossaryEntry[] {
  return parseGlossary(readText(file), file);
}

/**
 * The glossary for one issue: the foundation's entries, then the issue's, which add to them or
 * override an entry with the same source term.
 */
export function mergeGlossaries(
  foundation: readonly GlossaryEntry[],
  issue: readonly GlossaryEntry[],
): GlossaryEntry[] {
  const merged = new Map<string, GlossaryEntry>();
  for (const entry of foundation) merged.set(entry.source, entry);
  for (const entry of issue) merged.set(entry.source, entry);
  return [...merged.values()];
}
