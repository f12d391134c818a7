/**
 * The script-conversion stage: Article + Foundation → the text of one edition (a Brief), and for
 * the Simplified edition the editor's review. opencc-js is used here and nowhere else.
 */
import { basename } from 'node:path';

import type { Article, Brief, ConversionProfile, Edition, Foundation, GlossaryEntry } from '../model.js';
import type { ConvertText } from './blocks.js';
import { convertAuthors, convertBios, convertBody, convertNotes, convertSummary } from './blocks.js';
import { ReviewCollector, TextConverter } from './convert.js';
import { mergeGlossaries } from './glossary.js';
import type { ReviewReport } from './review.js';
import { getDefaultNames } from './names.js';
import type { NameSource } from './persons.js';
import { getDefaultVocabulary } from './vocabulary.js';

export { loadGlossary, parseGlossary, mergeGlossaries } from './glossary.js';
export { renderReview, summarizeReview } from './review.js';
export type {
  CitedCharacterNote,
  ContextCharacterNote,
  KeptNameNote,
  PunctuationNote,
  ReviewContext,
  ReviewReport,
  SubstitutionNote,
  UnconvertedNote,
} from './review.js';
export { findProtectedSpans } from './protect.js';
export type { ProtectedKind, Span } from './protect.js';
export {
  getDefaultVocabulary,
  parseVocabulary,
  defaultVocabularyLoaded,
  DEFAULT_VOCABULARY_FILE,
} from './vocabulary.js';
export type { Vocabulary, VocabularyEntry } from './vocabulary.js';
export { getDefaultNames, parseNames, defaultNamesLoaded, DEFAULT_NAMES_FILE } from './names.js';
export type { NameEntry, NameList } from './names.js';
export { findCitedCharacters, recognizeNames } from './persons.js';

export interface LocalizeResult {
  brief: Brief;
  /** The editor's review; null for zh-Hant, whose text is the source unchanged. */
  review: ReviewReport | null;
}

/** BCP 47 tags written into each edition's PDF. */
export const EDITION_LANG: Record<Edition, string> = { 'zh-Hant': 'zh-Hant-TW', 'zh-Hans': 'zh-Hans-CN' };

/** Turns every text of the brief with `convert`; URLs, tel and fax are copied as they are. */
function buildBrief(article: Article, foundation: Foundation, edition: Edition, convert: ConvertText): Brief {
  // Converted in reading order, so that the review lists first occurrences in that order.
  const title = convert(article.title, 'title');
  // An Article always has its authors; one built by hand with `author` alone has that one.
  const sourceAuthors = article.authors.length > 0 ? article.authors : [article.author];
  const bylineAuthors = convertAuthors(sourceAuthors, convert);
  const keywords = article.keywords.map((k) => convert(k, 'keywords'));
  const { photo } = article;
  const caption = convert(photo.caption, 'photo caption');
  const credit = convert(photo.credit, 'photo credit');
  const alt = photo.alt !== undefined ? convert(photo.alt, 'photo alt') : undefined;
  const summary = convertSummary(article.summary, convert);
  const body = convertBody(article.body, basename(article.file), convert);
  const notes = convertNotes(article.notes, convert);
  const authors = convertBios(bylineAuthors, convert);
  const [first = article.author] = authors;
  const author = { name: first.name, affiliation: first.affiliation };
  const note = convert(
    article.note ?? foundation.disclaimer,
    article.note !== undefined ? 'note' : 'disclaimer',
  );
  return {
    edition,
    lang: EDITION_LANG[edition],
    slug: article.slug,
    title,
    authors,
    author,
    date: article.date,
    keywords,
    summary,
    photo: {
      caption,
      credit,
      ...(photo.creditUrl !== undefined ? { creditUrl: photo.creditUrl } : {}),
      ...(photo.decorative ? { decorative: true } : {}),
      ...(alt !== undefined ? { alt } : {}),
    },
    note,
    body,
    notes,
    noteStyle: article.noteStyle ?? foundation.notes,
    foundation: {
      name: convert(foundation.name, 'foundation name'),
      shortName: convert(foundation.shortName, 'foundation short name'),
      series: convert(foundation.series, 'series'),
      about: convert(foundation.about, 'foundation about'),
      address: convert(foundation.address, 'foundation address'),
      tel: foundation.tel,
      fax: foundation.fax,
      url: foundation.url,
    },
  };
}

/**
 * Builds the per-edition text of the brief. zh-Hant: the article and foundation text unchanged.
 * zh-Hans: every text converted with the profile `article.conversion ?? foundation.conversion`,
 * the foundation glossary plus the (which overrides it), and the article's `keep` terms.
 */
export function localizeBrief(
  article: Article,
  foundation: Foundation,
  edition: Edition,
  foundationGlossary: GlossaryEntry[],
): LocalizeResult {
  if (edition === 'zh-Hant') {
    return { brief: buildBrief(article, foundation, edition, (text) => text), review: null };
  }
  const profile = article.conversion ?? foundation.conversion;
  const vocabulary = getDefaultVocabulary();
  const names = getDefaultNames();
  const glossary = mergeGlossaries(foundationGlossary, article.glossary);
  const collector = new ReviewCollector();
  const listedNames: { name: string; source: NameSource }[] = [
    ...article.names.map((name) => ({ name, source: 'names' as const })),
    { name: article.author.name, source: 'author' },
  ];
  const converter = new TextConverter(
    { glossary, profile, vocabulary, names, keep: article.keep, listedNames },
    collector,
  );
  const brief = buildBrief(article, foundation, edition, (text, where, punctuation) =>
    converter.convert(text, where, punctuation),
  );
  return { brief, review: collector.toReport(article.slug, profile, vocabulary, glossary) };
}

export interface LocalizeTextOptions {
  /** Default `mainland`. */
  profile?: ConversionProfile;
  glossary?: GlossaryEntry[];
  keep?: string[];
  /** Names kept as names, as in the front matter's `names:`. */
  names?: string[];
}

/**
 * Converts one Traditional text to zh-Hans the way localizeBrief converts each text of a brief
 * (for labels outside the brief, and for tests). The review's slug is `text`.
 */
export function localizeText(
  text: string,
  options: LocalizeTextOptions = {},
): { text: string; review: ReviewReport } {
  const profile = options.profile ?? 'mainland';
  const vocabulary = getDefaultVocabulary();
  const glossary = options.glossary ?? [];
  const collector = new ReviewCollector();
  const listedNames = (options.names ?? []).map((name) => ({ name, source: 'names' as const }));
  const converter = new TextConverter(
    { glossary, profile, vocabulary, names: getDefaultNames(), keep: options.keep ?? [], listedNames },
    collector,
  );
  const converted = converter.convert(text, 'text');
  return { text: converted, review: collector.toReport('text', profile, vocabulary, glossary) };
}
