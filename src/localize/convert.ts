/**
 * The conversion of one text: cut at protected spans (written unchanged) and glossary matches
 * (the target written as is), then, in what is left, at vocabulary and fix words (target written
 * as is); only the text between goes through OpenCC `tw → cn` and the punctuation map. Nothing is
 * converted twice. Every decision is recorded for the review.
 */
import type { ConversionProfile, Diagnostic, GlossaryEntry } from '../model.js';
import { CONTEXT_CHARACTERS, FIX_WORDS } from './context-chars.js';
import { Lexicon, coveredByException } from './lexicon.js';
import { twToCn } from './opencc.js';
import type { ProtectedKind } from './protect.js';
import { findProtectedSpans } from './protect.js';
import { PunctuationState } from './punctuation.js';
import { UNUSED_PREFIX } from './review.js';
import type {
  ContextCharacterNote,
  PunctuationNote,
  ReviewContext,
  ReviewReport,
  SubstitutionNote,
  UnconvertedNote,
} from './review.js';
import type { Vocabulary, VocabularyEntry } from './vocabulary.js';

/** A word written with a fixed target: a vocabulary entry or a fix word for a context character. */
interface FixedWord {
  source: string;
  target: string;
  entry?: VocabularyEntry;
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

/** The word lists for a profile, built once per vocabulary and profile. */
function lexiconsFor(vocabulary: Vocabulary, profile: ConversionProfile): Lexicons {
  const key = `${vocabulary.file}\u0000${vocabulary.version}\u0000${profile}`;
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
    // Vocabulary before fix words, so that on equal length the vocabulary entry wins.
    fixed.sort((a, b) => (a.entry ? 0 : 1) - (b.entry ? 0 : 1));
    lexicons = { convert: new Lexicon(fixed), report: new Lexicon(report) };
    lexiconCache.set(key, lexicons);
  }
  return lexicons;
}

function acceptVocabulary(text: string, i: number) {
  return (word: { source: string; entry?: VocabularyEntry }) =>
    word.entry === undefined || !coveredByException(text, i, word.source, word.entry.notIn);
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

type Event =
  | { kind: 'substitution'; s0: number; s1: number; note: SubstitutionData }
  | { kind: 'unconverted'; s0: number; s1: number; entry: VocabularyEntry }
  | { kind: 'char'; s0: number; s1: number; char: string; result: string };

/** Collects what happened in all texts of one brief and turns it into the review. */
export class ReviewCollector {
  private readonly substitutions = new Map<string, SubstitutionNote>();
  private readonly chars = new Map<string, ContextCharacterNote>();
  private readonly unconverted = new Map<string, UnconvertedNote>();
  private readonly punctuation = new Map<string, PunctuationNote>();
  private readonly glossaryUse = new Map<GlossaryEntry, number>();
  readonly protectedSpans: Record<ProtectedKind, number> = { url: 0, email: 0, phone: 0, latin: 0, keep: 0 };

  substitution(data: SubstitutionData, at: ReviewContext): void {
    const key = `${data.kind}\u0000${data.source}`;
    const note = this.substitutions.get(key);
    if (note) note.count++;
    else this.substitutions.set(key, { ...data, count: 1, first: at });
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
    return {
      slug,
      profile,
      vocabularyVersion: vocabulary.version,
      substitutions: [...this.substitutions.values()],
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
  keep: readonly string[];
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
    this.lexicons = lexiconsFor(options.vocabulary, options.profile);
  }

  /**
   * Converts one text. `where` labels it in the review; pass one PunctuationState to the runs of
   * a block so that title marks nest across runs.
   */
  convert(text: string, where: string, punctuation = new PunctuationState()): string {
    if (text === '') return text;
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
        const word = this.lexicons.report.at(text, i, b, acceptVocabulary(text, i));
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
        const word = this.lexicons.convert.at(text, i, b, acceptVocabulary(text, i));
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

    let cursor = 0;
    for (const span of findProtectedSpans(text, this.options.keep)) {
      convertUnprotected(cursor, span.start);
      this.review.protectedSpans[span.kind]++;
      if (span.kind === 'keep') fixedChars(span.start, span.end, text.slice(span.start, span.end));
      emit(span.start, span.end, text.slice(span.start, span.end));
      cursor = span.end;
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
      } else {
        this.review.contextChar(event.char, event.result, at);
      }
    }
  }
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
