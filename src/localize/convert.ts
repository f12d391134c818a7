/**
 * The conversion of one text: cut at protected spans (written unchanged), kept personal names
 * (converted character by character, see persons.ts), cited characters (written unchanged) and
 * glossary matches (the target written as is), then, in what is left, at vocabulary, name
 * transliterations and fix words (target written as is); only the text between goes through
 * OpenCC `tw → cn` and the punctuation map. Nothing is converted twice. Every decision is recorded
 * for the review.
 */
import type { ConversionProfile, Diagnostic, GlossaryEntry } from '../model.js';
import { CONTEXT_CHARACTERS, FIX_WORDS } from './context-chars.js';
import { Lexicon, coveredByException } from './lexicon.js';
import type { NameEntry, NameList } from './names.js';
import { twToCn } from './opencc.js';
import {
  convertName,
  findCitedCharacters,
  findListedNames,
  recognizeNames,
  SEVERAL_FORMS,
} from './persons.js';
import type { NameCharDecision, NameSource } from './persons.js';
import type { ProtectedKind } from './protect.js';
import { findProtectedSpans } from './protect.js';
import { PunctuationState } from './punctuation.js';
import { UNUSED_PREFIX } from './review.js';
import type {
  CitedCharacterNote,
  ContextCharacterNote,
  KeptNameNote,
  PunctuationNote,
  ReviewContext,
  ReviewReport,
  SubstitutionNote,
  UnconvertedNote,
} from './review.js';
import type { Vocabulary, VocabularyEntry } from './vocabulary.js';

/**
 * A word written with a fixed target: a vocabulary entry, a name transliteration or a fix word for
 * a context character.
 */
interface FixedWord {
  source: string;
  target: string;
  entry?: VocabularyEntry;
  name?: NameEntry;
}

/** A vocabulary entry matched only to be reported. */
interface ReportWord {
  source: string;
  entry: VocabularyEntry;
}

interface Lexicons {
  convert: Lexicon<FixedWord>;
  report: Lexicon<ReportWord>;
}

const lexiconCache = new Map<string, Lexicons>();

/** The word lists for a profile, built once per vocabulary, name list and profile. */
function lexiconsFor(vocabulary: Vocabulary, names: NameList, profile: ConversionProfile): Lexicons {
  const key = [vocabulary.file, vocabulary.version, names.file, names.version, profile].join('\u0000');
  let lexicons = lexiconCache.get(key);
  if (lexicons === undefined) {
    const fixed: FixedWord[] = FIX_WORDS.map(([source, target]) => ({ source, target }));
    const report: ReportWord[] = [];
    for (const entry of vocabulary.entries) {
      if (entry.target !== undefined && profile === 'mainland') {
        fixed.push({ source: entry.source, target: entry.target, entry });
      } else {
        report.push({ source: entry.source, entry });
      }
    }
    // Transliterations apply under the mainland profile only; the script profile keeps names.
    if (profile === 'mainland') {
      for (const name of names.entries) fixed.push({ source: name.source, target: name.target, name });
    }
    // Vocabulary, then names, then fix words, so that on equal length the vocabulary entry wins.
    const rank = (w: FixedWord) => (w.entry ? 0 : w.name ? 1 : 2);
    fixed.sort((a, b) => rank(a) - rank(b));
    lexicons = { convert: new Lexicon(fixed), report: new Lexicon(report) };
    lexiconCache.set(key, lexicons);
  }
  return lexicons;
}

/** Accepts a word at a position unless one of its not-in words covers it there. */
function acceptIn(text: string) {
  return (word: { source: string; entry?: VocabularyEntry; name?: NameEntry }, at: number) => {
    const notIn = word.entry?.notIn ?? word.name?.notIn;
    return notIn === undefined || notIn.length === 0 || !coveredByException(text, at, word.source, notIn);
  };
}

const CONTEXT_WIDTH = 8;

/** A converted piece: source range → output range. */
interface Piece {
  s0: number;
  s1: number;
  o0: number;
  o1: number;
}

type SubstitutionData = Omit<SubstitutionNote, 'count' | 'first'>;
type NameData = Omit<KeptNameNote, 'count' | 'first'>;

type Event =
  | { kind: 'substitution'; s0: number; s1: number; note: SubstitutionData }
  | { kind: 'unconverted'; s0: number; s1: number; entry: VocabularyEntry }
  | { kind: 'char'; s0: number; s1: number; char: string; result: string }
  | { kind: 'name'; s0: number; s1: number; note: NameData }
  | { kind: 'cited'; s0: number; s1: number; char: string; converted: string };

/** A span of the text written by its own rule: protected, a kept name or a cited character. */
interface Cut {
  start: number;
  end: number;
  write: () => void;
}

/** Where each name source comes first in the review: the riskiest decisions first. */
const NAME_SOURCE_ORDER: readonly NameSource[] = ['title', 'byline', 'author', 'names'];

/** Collects what happened in all texts of one brief and turns it into the review. */
export class ReviewCollector {
  private readonly substitutions = new Map<string, SubstitutionNote>();
  private readonly transliterations = new Map<string, SubstitutionNote>();
  private readonly names = new Map<string, KeptNameNote>();
  private readonly cited = new Map<string, CitedCharacterNote>();
  private readonly chars = new Map<string, ContextCharacterNote>();
  private readonly unconverted = new Map<string, UnconvertedNote>();
  private readonly punctuation = new Map<string, PunctuationNote>();
  private readonly glossaryUse = new Map<GlossaryEntry, number>();
  readonly protectedSpans: Record<ProtectedKind, number> = { url: 0, email: 0, phone: 0, latin: 0, keep: 0 };

  substitution(data: SubstitutionData, at: ReviewContext): void {
    const map = data.kind === 'transliteration' ? this.transliterations : this.substitutions;
    const key = `${data.kind}\u0000${data.source}`;
    const note = map.get(key);
    if (note) note.count++;
    else map.set(key, { ...data, count: 1, first: at });
  }

  keptName(data: NameData, at: ReviewContext): void {
    const key = `${data.name}\u0000${data.source}\u0000${String(data.taken)}`;
    const note = this.names.get(key);
    if (note) note.count++;
    else this.names.set(key, { ...data, count: 1, first: at });
  }

  citedCharacter(char: string, converted: string, at: ReviewContext): void {
    const note = this.cited.get(char);
    if (note) note.count++;
    else this.cited.set(char, { char, converted, count: 1, first: at });
  }

  glossaryUsed(entry: GlossaryEntry): void {
    this.glossaryUse.set(entry, (this.glossaryUse.get(entry) ?? 0) + 1);
  }

  unconvertedTerm(entry: VocabularyEntry, profile: ConversionProfile, at: ReviewContext): void {
    const note = this.unconverted.get(entry.source);
    if (note) {
      note.count++;
      return;
    }
    const text =
      entry.target === undefined
        ? entry.note || 'no mainland mapping: reword if needed'
        : `profile ${profile}: vocabulary not applied`;
    this.unconverted.set(entry.source, {
      source: entry.source,
      ...(entry.target !== undefined ? { suggestion: entry.target } : {}),
      note: text,
      count: 1,
      first: at,
    });
  }

  contextChar(char: string, result: string, at: ReviewContext): void {
    const key = `${char}\u0000${result}`;
    const note = this.chars.get(key);
    if (note) note.occurrences.push(at);
    else this.chars.set(key, { char, result, hint: CONTEXT_CHARACTERS.get(char) ?? '', occurrences: [at] });
  }

  punctuationMark(from: string, to: string): void {
    const key = `${from}${to}`;
    const note = this.punctuation.get(key);
    if (note) note.count++;
    else this.punctuation.set(key, { from, to, count: 1 });
  }

  toReport(
    slug: string,
    profile: ConversionProfile,
    vocabulary: Vocabulary,
    glossary: GlossaryEntry[],
  ): ReviewReport {
    const warnings: Diagnostic[] = glossary
      .filter((entry) => !this.glossaryUse.has(entry))
      .map((entry) => ({
        ...entry.origin,
        code: 'glossary/unused' as const,
        severity: 'warning' as const,
        message: `${UNUSED_PREFIX}${entry.source} → ${entry.target} never matched in this issue`,
      }));
    const order = [...CONTEXT_CHARACTERS.keys()];
    const contextCharacters = [...this.chars.values()].sort(
      (a, b) => order.indexOf(a.char) - order.indexOf(b.char) || b.occurrences.length - a.occurrences.length,
    );
    const risky = (n: KeptNameNote) => (n.decisions.length > 0 ? 0 : 1);
    const names = [...this.names.values()].sort(
      (a, b) =>
        risky(a) - risky(b) ||
        NAME_SOURCE_ORDER.indexOf(a.source) - NAME_SOURCE_ORDER.indexOf(b.source) ||
        b.count - a.count,
    );
    return {
      slug,
      profile,
      vocabularyVersion: vocabulary.version,
      substitutions: [...this.substitutions.values()],
      transliterations: [...this.transliterations.values()],
      names,
      cited: [...this.cited.values()],
      contextCharacters,
      unconverted: [...this.unconverted.values()],
      punctuation: [...this.punctuation.values()],
      protectedSpans: { ...this.protectedSpans },
      warnings,
    };
  }
}

export interface TextConverterOptions {
  glossary: readonly GlossaryEntry[];
  profile: ConversionProfile;
  vocabulary: Vocabulary;
  /** Name transliterations (applied under the mainland profile). */
  names: NameList;
  keep: readonly string[];
  /** Names kept as names wherever they occur: the author's, the front matter's `names:`. */
  listedNames: readonly { name: string; source: NameSource }[];
}

/** Converts the texts of one brief to Simplified, recording into a ReviewCollector. */
export class TextConverter {
  private readonly glossary: Lexicon<GlossaryEntry>;
  private readonly lexicons: Lexicons;

  constructor(
    private readonly options: TextConverterOptions,
    private readonly review: ReviewCollector,
  ) {
    this.glossary = new Lexicon(options.glossary);
    this.lexicons = lexiconsFor(options.vocabulary, options.names, options.profile);
  }

  /** True when a glossary, vocabulary or name word overlaps [start, end). */
  private overlapsWord(text: string, start: number, end: number): boolean {
    for (let q = Math.max(0, start - 12); q < end; q++) {
      const g = this.glossary.at(text, q, text.length);
      if (g !== undefined && q + g.source.length > start) return true;
      const w = this.lexicons.convert.at(text, q, text.length, acceptIn(text));
      if (w !== undefined && (w.entry !== undefined || w.name !== undefined) && q + w.source.length > start) {
        return true;
      }
    }
    return false;
  }

  /**
   * Converts one text. `where` labels it in the review; pass one PunctuationState to the runs of
   * a block so that title marks nest across runs.
   */
  convert(text: string, where: string, punctuation = new PunctuationState()): string {
    if (text === '') return text;
    const accept = acceptIn(text);
    const pieces: Piece[] = [];
    const events: Event[] = [];
    let out = '';
    const emit = (s0: number, s1: number, written: string) => {
      pieces.push({ s0, s1, o0: out.length, o1: out.length + written.length });
      out += written;
    };

    // Context characters inside text written as is (a fixed word, a glossary target, a `keep`
    // term): the result is read off what is written, or is the whole target if lengths differ.
    const fixedChars = (at: number, end: number, written: string) => {
      const source = text.slice(at, end);
      for (let k = 0; k < source.length; k++) {
        const ch = source.charAt(k);
        if (!CONTEXT_CHARACTERS.has(ch)) continue;
        const result = written.length === source.length ? written.charAt(k) : written;
        events.push({ kind: 'char', s0: at + k, s1: at + k + 1, char: ch, result });
      }
    };

    const convertPlain = (a: number, b: number) => {
      if (a >= b) return;
      const piece = text.slice(a, b);
      const converted = punctuation.convert(twToCn(piece), (from, to) =>
        this.review.punctuationMark(from, to),
      );
      for (let k = 0; k < piece.length; k++) {
        const ch = piece.charAt(k);
        if (CONTEXT_CHARACTERS.has(ch)) {
          const result = converted.length === piece.length ? converted.charAt(k) : twToCn(ch);
          events.push({ kind: 'char', s0: a + k, s1: a + k + 1, char: ch, result });
        }
      }
      emit(a, b, converted);
    };

    const convertBetweenGlossary = (a: number, b: number) => {
      // Report-only terms (Taiwan wording the profile leaves as is).
      for (let i = a; i < b;) {
        const word = this.lexicons.report.at(text, i, b, accept);
        if (word === undefined) {
          i++;
          continue;
        }
        events.push({ kind: 'unconverted', s0: i, s1: i + word.source.length, entry: word.entry });
        i += word.source.length;
      }
      // Vocabulary and fix words, written as is; OpenCC for the rest.
      let plain = a;
      for (let i = a; i < b;) {
        const word = this.lexicons.convert.at(text, i, b, accept);
        if (word === undefined) {
          i++;
          continue;
        }
        convertPlain(plain, i);
        const end = i + word.source.length;
        if (word.entry !== undefined) {
          const origin = { file: this.options.vocabulary.file, line: word.entry.line };
          const note = { source: word.source, target: word.target, kind: 'vocabulary' as const, origin };
          events.push({ kind: 'substitution', s0: i, s1: end, note });
        } else if (word.name !== undefined) {
          const origin = { file: this.options.names.file, line: word.name.line };
          const note = { source: word.source, target: word.target, kind: 'transliteration' as const, origin };
          events.push({ kind: 'substitution', s0: i, s1: end, note });
        }
        fixedChars(i, end, word.target);
        emit(i, end, word.target);
        i = end;
        plain = end;
      }
      convertPlain(plain, b);
    };

    const convertUnprotected = (a: number, b: number) => {
      let plain = a;
      for (let i = a; i < b;) {
        const entry = this.glossary.at(text, i, b);
        if (entry === undefined) {
          i++;
          continue;
        }
        convertBetweenGlossary(plain, i);
        const end = i + entry.source.length;
        this.review.glossaryUsed(entry);
        const note = {
          source: entry.source,
          target: entry.target,
          kind: 'glossary' as const,
          origin: entry.origin,
        };
        events.push({ kind: 'substitution', s0: i, s1: end, note });
        fixedChars(i, end, entry.target);
        emit(i, end, entry.target);
        i = end;
        plain = end;
      }
      convertBetweenGlossary(plain, b);
    };

    const cuts: Cut[] = [];
    const free = (start: number, end: number) => !cuts.some((c) => c.start < end && start < c.end);
    for (const span of findProtectedSpans(text, this.options.keep)) {
      cuts.push({
        start: span.start,
        end: span.end,
        write: () => {
          this.review.protectedSpans[span.kind]++;
          if (span.kind === 'keep') fixedChars(span.start, span.end, text.slice(span.start, span.end));
          emit(span.start, span.end, text.slice(span.start, span.end));
        },
      });
    }
    const nameCut = (start: number, end: number, name: string, source: NameSource) => {
      const { text: written, decisions } = convertName(name, source === 'names');
      cuts.push({
        start,
        end,
        write: () => {
          fixedChars(start, end, written);
          events.push({
            kind: 'name',
            s0: start,
            s1: end,
            note: nameNote(name, written, source, true, decisions),
          });
          emit(start, end, written);
        },
      });
    };
    for (const span of findListedNames(text, this.options.listedNames)) {
      if (free(span.start, span.end)) nameCut(span.start, span.end, span.name, span.source);
    }
    for (const cited of findCitedCharacters(text)) {
      const end = cited.start + cited.char.length;
      if (!free(cited.start, end)) continue;
      cuts.push({
        start: cited.start,
        end,
        write: () => {
          fixedChars(cited.start, end, cited.char);
          events.push({
            kind: 'cited',
            s0: cited.start,
            s1: end,
            char: cited.char,
            converted: twToCn(cited.char),
          });
          emit(cited.start, end, cited.char);
        },
      });
    }
    for (const span of recognizeNames(text)) {
      if (!free(span.start, span.end) || this.overlapsWord(text, span.start, span.end)) continue;
      if (span.taken) {
        nameCut(span.start, span.end, span.name, span.source);
      } else if ([...span.name].some((ch) => SEVERAL_FORMS.has(ch))) {
        // Read as the preposition 於 and converted as running text; listed so an editor can check.
        const written = twToCn(span.name);
        const decisions = [...span.name].flatMap((char, k) =>
          SEVERAL_FORMS.has(char) ? [{ char, result: written.charAt(k), kept: false }] : [],
        );
        events.push({
          kind: 'name',
          s0: span.start,
          s1: span.end,
          note: nameNote(span.name, written, span.source, false, decisions),
        });
      }
    }
    cuts.sort((a, b) => a.start - b.start);

    let cursor = 0;
    for (const cut of cuts) {
      convertUnprotected(cursor, cut.start);
      cut.write();
      cursor = cut.end;
    }
    convertUnprotected(cursor, text.length);

    this.record(events, pieces, out, where);
    return out;
  }

  private record(events: Event[], pieces: Piece[], out: string, where: string): void {
    const toOut = (pos: number, isEnd: boolean): number => {
      for (const p of pieces) {
        if (pos < p.s0 || pos > p.s1 || (isEnd ? pos === p.s0 : pos === p.s1)) continue;
        if (p.s1 - p.s0 === p.o1 - p.o0) return p.o0 + (pos - p.s0);
        return isEnd ? p.o1 : p.o0;
      }
      return isEnd ? out.length : 0;
    };
    events.sort((x, y) => x.s0 - y.s0);
    for (const event of events) {
      const o0 = toOut(event.s0, false);
      const o1 = toOut(event.s1, true);
      const at: ReviewContext = { where, context: contextOf(out, o0, o1) };
      if (event.kind === 'substitution') {
        this.review.substitution(event.note, at);
      } else if (event.kind === 'unconverted') {
        this.review.unconvertedTerm(event.entry, this.options.profile, at);
      } else if (event.kind === 'name') {
        this.review.keptName(event.note, at);
      } else if (event.kind === 'cited') {
        this.review.citedCharacter(event.char, event.converted, at);
      } else {
        this.review.contextChar(event.char, event.result, at);
      }
    }
  }
}

function nameNote(
  name: string,
  result: string,
  source: NameSource,
  taken: boolean,
  decisions: NameCharDecision[],
): NameData {
  return { name, result, source, taken, decisions };
}

/** The output around [o0, o1), the occurrence in bold, white space folded. */
function contextOf(out: string, o0: number, o1: number): string {
  const before = out.slice(Math.max(0, o0 - CONTEXT_WIDTH), o0);
  const after = out.slice(o1, o1 + CONTEXT_WIDTH);
  const text =
    (o0 > CONTEXT_WIDTH ? '…' : '') +
    `${before}**${out.slice(o0, o1)}**${after}` +
    (o1 + CONTEXT_WIDTH < out.length ? '…' : '');
  return text.replace(/\s+/gu, ' ');
}
