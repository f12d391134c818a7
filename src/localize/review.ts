/** The editor's review report for the Simplified edition: its data and its Markdown. */
import { basename } from 'node:path';

import { formatDiagnostic } from '../errors.js';
import type { ConversionProfile, Diagnostic, SourceLocation } from '../model.js';
import type { NameCharDecision, NameSource } from './persons.js';
import type { ProtectedKind } from './protect.js';

/** Where something occurs (`title`, `article.md:12` …) and a line of the Simplified text around it. */
export interface ReviewContext {
  where: string;
  /** The converted text around the occurrence, the occurrence in **bold**. */
  context: string;
}

/** A glossary or vocabulary term, or a transliterated name, replaced in the text. */
export interface SubstitutionNote {
  source: string;
  target: string;
  kind: 'glossary' | 'vocabulary' | 'transliteration';
  /** Where the entry is defined. */
  origin: SourceLocation;
  count: number;
  first: ReviewContext;
}

/** The occurrences of one context-dependent character that came out as one form. */
export interface ContextCharacterNote {
  char: string;
  result: string;
  /** What the right form is in which words. */
  hint: string;
  occurrences: ReviewContext[];
}

/** A personal name kept as a name (or, with taken = false, read as running text). */
export interface KeptNameNote {
  name: string;
  /** How it is written in the Simplified edition. */
  result: string;
  source: NameSource;
  /** False when the text only looked like a name (部長於會中: 於 read as the preposition). */
  taken: boolean;
  /** One per character with several Simplified forms: kept as written, or converted. */
  decisions: NameCharDecision[];
  count: number;
  first: ReviewContext;
}

/** A character cited as a character (「著」, 寫作䥑), written as it is. */
export interface CitedCharacterNote {
  char: string;
  /** What conversion would have written. */
  converted: string;
  count: number;
  first: ReviewContext;
}

/** A Taiwan term the edition leaves as it is. */
export interface UnconvertedNote {
  source: string;
  /** The mainland term the `mainland` profile writes, when there is one. */
  suggestion?: string;
  note: string;
  count: number;
  first: ReviewContext;
}

export interface PunctuationNote {
  from: string;
  to: string;
  count: number;
}

export interface ReviewReport {
  slug: string;
  profile: ConversionProfile;
  vocabularyVersion: string;
  /** Glossary and vocabulary substitutions, in order of first occurrence. */
  substitutions: SubstitutionNote[];
  /** Names transliterated from assets/names.zh-Hans.tsv, in order of first occurrence. */
  transliterations: SubstitutionNote[];
  /** Personal names kept as names; those with a decision to check first. */
  names: KeptNameNote[];
  /** Characters cited as characters and kept. */
  cited: CitedCharacterNote[];
  /** Every occurrence of a context-dependent character, by character and result. */
  contextCharacters: ContextCharacterNote[];
  /** Known Taiwan wording left unconverted. */
  unconverted: UnconvertedNote[];
  /** Taiwan punctuation changed to GB/T 15834 marks. */
  punctuation: PunctuationNote[];
  /** How many spans of each kind were copied unchanged. */
  protectedSpans: Record<ProtectedKind, number>;
  /** Glossary entries that never matched, and similar: not errors. */
  warnings: Diagnostic[];
}

/** How the warning for a glossary entry that never matched begins. */
export const UNUSED_PREFIX = 'glossary entry ';

/** Total number of glossary and vocabulary replacements made. */
export function substitutionCount(review: ReviewReport): number {
  return review.substitutions.reduce((n, s) => n + s.count, 0);
}

const NAME_SOURCE_LABEL: Record<NameSource, string> = {
  title: 'next to a title',
  byline: 'in a byline',
  author: 'the author',
  names: 'listed in `names:`',
};

/** The review's decisions by kind, riskiest first. */
export function decisionCounts(review: ReviewReport): [string, number][] {
  const sum = (notes: { count: number }[]) => notes.reduce((n, x) => n + x.count, 0);
  return [
    ['name kept', sum(review.names.filter((n) => n.decisions.length > 0))],
    ['cited character', sum(review.cited)],
    ['context character', contextCharacterCount(review)],
    ['transliteration', sum(review.transliterations)],
    ['vocabulary', sum(review.substitutions.filter((x) => x.kind === 'vocabulary'))],
    ['glossary', sum(review.substitutions.filter((x) => x.kind === 'glossary'))],
  ];
}

/** Total number of context-dependent character occurrences to check. */
export function contextCharacterCount(review: ReviewReport): number {
  return review.contextCharacters.reduce((n, c) => n + c.occurrences.length, 0);
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function where(location: SourceLocation): string {
  return location.line === undefined
    ? basename(location.file)
    : `${basename(location.file)}:${location.line}`;
}

const PROTECTED_LABELS: Record<ProtectedKind, [string, string]> = {
  url: ['URL', 'URLs'],
  email: ['e-mail address', 'e-mail addresses'],
  phone: ['phone number', 'phone numbers'],
  latin: ['Latin word or number', 'Latin words and numbers'],
  keep: ['`keep` term', '`keep` terms'],
};

/** The review as Markdown, short enough to read in two minutes. */
export function renderReview(review: ReviewReport): string {
  const subs = substitutionCount(review);
  const chars = contextCharacterCount(review);
  const out: string[] = [
    `# zh-Hans review: ${review.slug}`,
    '',
    `Profile **${review.profile}** (vocabulary ${review.vocabularyVersion}): ` +
      `${plural(subs, 'substitution')}, ${plural(chars, 'context character')} to check, ` +
      `${plural(review.unconverted.length, 'Taiwan term')} left, ${plural(review.warnings.length, 'warning')}.`,
    'To change a result, edit the issue glossary or `keep` in article.md, or the foundation glossary, and rebuild.',
  ];
  const kinds = decisionCounts(review);
  if (kinds.some(([, n]) => n > 0)) {
    out.push(
      '',
      `Decisions by kind, riskiest first: ${kinds.map(([kind, n]) => `${kind} ${n}`).join(' · ')}.`,
    );
  }

  if (review.warnings.length > 0) {
    out.push('', '## Warnings', '');
    // Many unused entries of one glossary file (the foundation's, in a short issue) take one line.
    const byFile = new Map<string, Diagnostic[]>();
    for (const w of review.warnings) byFile.set(w.file, [...(byFile.get(w.file) ?? []), w]);
    for (const [file, list] of byFile) {
      const unused = list.filter((w) => w.message.startsWith(UNUSED_PREFIX));
      if (unused.length > 3) {
        const terms = unused.map(
          (w) => `${w.message.slice(UNUSED_PREFIX.length).split(' ')[0] ?? ''} (line ${w.line ?? '?'})`,
        );
        out.push(
          `- ${file}: warning: ${unused.length} glossary entries never matched in this issue: ${terms.join(', ')}`,
        );
      }
      for (const w of list)
        if (unused.length <= 3 || !unused.includes(w)) out.push(`- ${formatDiagnostic(w)}`);
    }
  }

  const riskyNames = review.names.filter((n) => n.decisions.length > 0);
  if (riskyNames.length > 0) {
    out.push('', `## Names kept (${riskyNames.length} to check)`, '');
    out.push('Add a name to `names:` in article.md to keep every character as written (峯 too).', '');
    for (const n of riskyNames) {
      const verdict = n.taken ? 'kept as a name' : 'converted (read as text, not a name)';
      const chars = n.decisions
        .map((d) => `${d.char} → ${d.result} ${d.kept ? 'kept' : 'converted'}`)
        .join(', ');
      out.push(
        `- ${n.name} → ${n.result}: ${verdict} (${NAME_SOURCE_LABEL[n.source]}; ${chars}) ×${n.count}: ` +
          `${n.first.where} ${n.first.context}`,
      );
    }
  }
  const plainNames = review.names.filter((n) => n.decisions.length === 0);
  if (plainNames.length > 0) {
    const listed = plainNames.map((n) => `${n.name} → ${n.result}`).join(', ');
    out.push('', `Other names kept as names (${plainNames.length}): ${listed}.`);
  }

  if (review.cited.length > 0) {
    out.push('', `## Cited characters kept (${review.cited.length})`, '');
    for (const c of review.cited) {
      out.push(
        `- ${c.char} (conversion would write ${c.converted}) ×${c.count}: ${c.first.where} ${c.first.context}`,
      );
    }
  }

  if (review.contextCharacters.length > 0) {
    out.push('', `## Context-dependent characters (${chars})`, '');
    const byChar = new Map<string, ContextCharacterNote[]>();
    for (const c of review.contextCharacters) byChar.set(c.char, [...(byChar.get(c.char) ?? []), c]);
    for (const [char, notes] of byChar) {
      out.push(`**${char}**: ${notes[0]?.hint ?? ''}`, '');
      for (const c of notes) {
        const list = c.occurrences.map((o) => `${o.where} ${o.context}`).join(' · ');
        out.push(`- → ${c.result} ×${c.occurrences.length}: ${list}`);
      }
      out.push('');
    }
    out.pop();
  }

  if (review.transliterations.length > 0) {
    const n = review.transliterations.reduce((k, t) => k + t.count, 0);
    out.push('', `## Transliterations (${n})`, '');
    out.push('| Taiwan | Mainland | × | Defined in | First occurrence |', '|---|---|--:|---|---|');
    for (const t of review.transliterations) {
      out.push(
        `| ${cell(t.source)} | ${cell(t.target)} | ${t.count} | ${cell(where(t.origin))} | ` +
          `${cell(t.first.where)}: ${cell(t.first.context)} |`,
      );
    }
  }

  if (review.substitutions.length > 0) {
    out.push('', `## Substitutions (${subs})`, '');
    out.push('| Traditional | Simplified | × | Defined in | First occurrence |', '|---|---|--:|---|---|');
    for (const s of review.substitutions) {
      out.push(
        `| ${cell(s.source)} | ${cell(s.target)} | ${s.count} | ${cell(where(s.origin))} | ` +
          `${cell(s.first.where)}: ${cell(s.first.context)} |`,
      );
    }
  }

  if (review.unconverted.length > 0) {
    out.push('', `## Taiwan wording left as is (${review.unconverted.length})`, '');
    out.push('| Term | Mainland | × | Note | First occurrence |', '|---|---|--:|---|---|');
    for (const u of review.unconverted) {
      out.push(
        `| ${cell(u.source)} | ${cell(u.suggestion ?? '—')} | ${u.count} | ${cell(u.note)} | ` +
          `${cell(u.first.where)}: ${cell(u.first.context)} |`,
      );
    }
  }

  if (review.punctuation.length > 0) {
    out.push('', '## Punctuation (GB/T 15834)', '');
    out.push(review.punctuation.map((p) => `${p.from} → ${p.to} ×${p.count}`).join(' · '));
  }

  const kept = (Object.keys(PROTECTED_LABELS) as ProtectedKind[])
    .filter((k) => review.protectedSpans[k] > 0)
    .map((k) => {
      const [one, many] = PROTECTED_LABELS[k];
      return plural(review.protectedSpans[k], one, many);
    });
  if (kept.length > 0) out.push('', '## Copied unchanged', '', `${kept.join(', ')}.`);

  return `${out.join('\n')}\n`;
}

/** One line for the CLI. */
export function summarizeReview(review: ReviewReport, reportPath: string): string {
  const parts = [
    `${plural(substitutionCount(review), 'glossary/vocabulary substitution')}`,
    `${plural(contextCharacterCount(review), 'character')} to review`,
  ];
  const names = review.transliterations.reduce((n, t) => n + t.count, 0);
  if (names > 0) parts.push(plural(names, 'transliteration'));
  const risky = review.names.filter((n) => n.decisions.length > 0).length;
  if (risky > 0) parts.push(plural(risky, 'name') + ' to check');
  if (review.cited.length > 0) parts.push(plural(review.cited.length, 'cited character'));
  if (review.unconverted.length > 0) parts.push(plural(review.unconverted.length, 'Taiwan term') + ' left');
  if (review.warnings.length > 0) parts.push(plural(review.warnings.length, 'warning'));
  return `zh-Hans (${review.profile}): ${parts.join(', ')} → ${reportPath}`;
}
