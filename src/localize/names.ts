/**
 * Transliterations of foreign names (assets/names.zh-Hans.tsv): the Taiwan form of a person's,
 * city's or organisation's name → the mainland form (川普 → 特朗普, 馬克宏 → 马克龙). Applied
 * under the `mainland` profile, as whole names. Columns, TAB-separated:
 *
 *   source    the name as Taiwan writes it
 *   target    the mainland form, in Simplified characters
 *   not-in    optional: words containing the source in which it is not this name (柯爾克孜)
 *   category  person, city or org
 *   from      optional: provenance
 *   note      optional: a remark for editors
 *
 * Read only when a zh-Hans edition is built (see getDefaultNames).
 */
import { fileURLToPath } from 'node:url';

import type { Diagnostic } from '../model.js';
import { parseTsv, readText, throwIfAny } from './tsv.js';

export const NAME_CATEGORIES = ['person', 'city', 'org'] as const;
export type NameCategory = (typeof NAME_CATEGORIES)[number];

export interface NameEntry {
  source: string;
  target: string;
  notIn: string[];
  category: NameCategory;
  from: string;
  note: string;
  line: number;
}

export interface NameList {
  file: string;
  version: string;
  entries: NameEntry[];
}

export const DEFAULT_NAMES_FILE = fileURLToPath(new URL('../../assets/names.zh-Hans.tsv', import.meta.url));

function isCategory(value: string): value is NameCategory {
  return (NAME_CATEGORIES as readonly string[]).includes(value);
}

/** Parses a names file; collects all problems and throws them as one BriefError. */
export function parseNames(text: string, file: string): NameList {
  const version = /^#\s*version:\s*(\S+)/m.exec(text)?.[1] ?? 'unversioned';
  const entries: NameEntry[] = [];
  const seen = new Map<string, number>();
  const problems: Diagnostic[] = [];
  for (const { line, cells, columns } of parseTsv(text)) {
    const [source = '', target = '', notIn = '', category = '', from = '', note = '', ...rest] = cells;
    const error = (col: number | undefined, message: string) =>
      problems.push({ file, line, column: col ?? 1, code: 'glossary/invalid', message, severity: 'error' });
    if (cells.length < 4 || rest.some((c) => c !== '')) {
      error(
        1,
        'malformed names line: expected source<TAB>target<TAB>not-in<TAB>category[<TAB>from[<TAB>note]]',
      );
      continue;
    }
    if (source === '' || target === '') {
      error(columns[source === '' ? 0 : 1], 'empty source or target');
      continue;
    }
    if (!isCategory(category)) {
      error(columns[3], `unknown category "${category}": use one of ${NAME_CATEGORIES.join(', ')}`);
      continue;
    }
    const previous = seen.get(source);
    if (previous !== undefined) {
      error(columns[0], `duplicate name "${source}" (first at line ${previous})`);
      continue;
    }
    seen.set(source, line);
    const words = notIn === '' ? [] : notIn.split(/\s+/u);
    for (const word of words) {
      if (!word.includes(source) || word === source) {
        error(columns[2], `not-in word "${word}" must be longer than and contain "${source}"`);
      }
    }
    entries.push({ source, target, notIn: words, category, from, note, line });
  }
  throwIfAny(problems);
  return { file, version, entries };
}

let defaultNames: NameList | undefined;

/** Whether the shipped names have been read in this process (they are read on first use only). */
export function defaultNamesLoaded(): boolean {
  return defaultNames !== undefined;
}

/** The shipped names, read once per process, on first use (zh-Hans builds only). */
export function getDefaultNames(): NameList {
  defaultNames ??= parseNames(readText(DEFAULT_NAMES_FILE), DEFAULT_NAMES_FILE);
  return defaultNames;
}
