/**
 * The default mainland vocabulary (assets/vocabulary.zh-Hans.tsv), applied under the `mainland`
 * profile. Columns, TAB-separated:
 *
 *   source   Traditional term in Taiwan usage
 *   target   mainland Simplified term, or `?` for a Taiwan term with no automatic mapping
 *            (it is only listed in the review)
 *   not-in   optional: words, separated by spaces, that contain the source and in which it must
 *            not be replaced (a longer word, a proper name); each must contain the source
 *   note     optional: a remark for editors
 *
 * A `# version: …` comment names the version, which the review report quotes.
 */
import { fileURLToPath } from 'node:url';

import type { Diagnostic } from '../model.js';
import { parseTsv, readText, throwIfAny } from './tsv.js';

export interface VocabularyEntry {
  source: string;
  /** Mainland term; undefined for a review-only Taiwan term. */
  target: string | undefined;
  /** Words containing the source in which it is left alone. */
  notIn: string[];
  note: string;
  line: number;
}

export interface Vocabulary {
  file: string;
  version: string;
  entries: VocabularyEntry[];
}

/** The shipped file, found relative to this module (src/localize or dist/localize). */
export const DEFAULT_VOCABULARY_FILE = fileURLToPath(
  new URL('../../assets/vocabulary.zh-Hans.tsv', import.meta.url),
);

/** Parses vocabulary text; collects all problems and throws them as one BriefError. */
export function parseVocabulary(text: string, file: string): Vocabulary {
  const version = /^#\s*version:\s*(\S+)/m.exec(text)?.[1] ?? 'unversioned';
  const entries: VocabularyEntry[] = [];
  const seen = new Map<string, number>();
  const problems: Diagnostic[] = [];
  for (const { line, cells, columns } of parseTsv(text)) {
    const [source = '', target = '', notIn = '', note = '', ...rest] = cells;
    const error = (col: number | undefined, message: string) =>
      problems.push({ file, line, column: col ?? 1, code: 'glossary/invalid', message, severity: 'error' });
    if (cells.length < 2 || rest.some((c) => c !== '')) {
      error(1, 'malformed vocabulary line: expected source<TAB>target[<TAB>not-in[<TAB>note]]');
      continue;
    }
    if (source === '' || target === '') {
      error(columns[source === '' ? 0 : 1], 'empty source or target');
      continue;
    }
    const previous = seen.get(source);
    if (previous !== undefined) {
      error(columns[0], `duplicate source term "${source}" (first at line ${previous})`);
      continue;
    }
    seen.set(source, line);
    const words = notIn === '' ? [] : notIn.split(/\s+/u);
    for (const word of words) {
      if (!word.includes(source) || word === source) {
        error(columns[2], `not-in word "${word}" must be longer than and contain "${source}"`);
      }
    }
    entries.push({ source, target: target === '?' ? undefined : target, notIn: words, note, line });
  }
  throwIfAny(problems);
  return { file, version, entries };
}

let defaultVocabulary: Vocabulary | undefined;

/** The shipped vocabulary, read once per process. */
export function getDefaultVocabulary(): Vocabulary {
  defaultVocabulary ??= parseVocabulary(readText(DEFAULT_VOCABULARY_FILE), DEFAULT_VOCABULARY_FILE);
  return defaultVocabulary;
}
