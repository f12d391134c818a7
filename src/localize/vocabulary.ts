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
 *   domain   optional: tech, econ, place, name or daily
 *   from     optional: where the entry comes from (pf-2026.11, opencc, hand)
 *
 * A `# version: …` comment names the version, which the review report quotes. The file is read
 * only when a zh-Hans edition is built (see getDefaultVocabulary).
 */
import { fileURLToPath } from 'node:url';

import type { Diagnostic } from '../model.js';
import { parseTsv, readText, throwIfAny } from './tsv.js';

export const VOCABULARY_DOMAINS = ['tech', 'econ', 'place', 'name', 'daily'] as const;
export type VocabularyDomain = (typeof VOCABULARY_DOMAINS)[number];

export interface VocabularyEntry {
  source: string;
  /** Mainland term; undefined for a review-only Taiwan term. */
  target: string | undefined;
  /** Words containing the source in which it is left alone. */
  notIn: string[];
  note: string;
  line: number;
  domain?: VocabularyDomain;
  /** Provenance of the entry. */
  from?: string;
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

function isDomain(value: string): value is VocabularyDomain {
  return (VOCABULARY_DOMAINS as readonly string[]).includes(value);
}

/** Parses vocabulary text; collects all problems and throws them as one BriefError. */
export function parseVocabulary(text: string, file: string): Vocabulary {
  const version = /^#\s*version:\s*(\S+)/m.exec(text)?.[1] ?? 'unversioned';
  const entries: VocabularyEntry[] = [];
  const seen = new Map<string, number>();
  const problems: Diagnostic[] = [];
  for (const { line, cells, columns } of parseTsv(text)) {
    const [source = '', target = '', notIn = '', note = '', domain = '', from = '', ...rest] = cells;
    const error = (col: number | undefined, message: string) =>
      problems.push({ file, line, column: col ?? 1, code: 'glossary/invalid', message, severity: 'error' });
    if (cells.length < 2 || rest.some((c) => c !== '')) {
      error(
        1,
        'malformed vocabulary line: expected source<TAB>target[<TAB>not-in[<TAB>note[<TAB>domain[<TAB>from]]]]',
      );
      continue;
    }
    if (source === '' || target === '') {
      error(columns[source === '' ? 0 : 1], 'empty source or target');
      continue;
    }
    if (domain !== '' && !isDomain(domain)) {
      error(columns[4], `unknown domain "${domain}": use one of ${VOCABULARY_DOMAINS.join(', ')}`);
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
    entries.push({
      source,
      target: target === '?' ? undefined : target,
      notIn: words,
      note,
      line,
      ...(isDomain(domain) ? { domain } : {}),
      ...(from !== '' ? { from } : {}),
    });
  }
  throwIfAny(problems);
  return { file, version, entries };
}

let defaultVocabulary: Vocabulary | undefined;

/** Whether the shipped vocabulary has been read in this process (it is read on first use only). */
export function defaultVocabularyLoaded(): boolean {
  return defaultVocabulary !== undefined;
}

/** The shipped vocabulary, read once per process, on first use (zh-Hans builds only). */
export function getDefaultVocabulary(): Vocabulary {
  defaultVocabulary ??= parseVocabulary(readText(DEFAULT_VOCABULARY_FILE), DEFAULT_VOCABULARY_FILE);
  return defaultVocabulary;
}
