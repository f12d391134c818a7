import path from 'node:path';
import { BriefError, diagnostic } from '../errors.js';
import { resolveInside } from '../files.js';
import type { Article, Author, Diagnostic, GlossaryEntry, NoteStyle } from '../model.js';
import { readSource } from './foundation.js';
import { ALT_HINT, parseBody } from './markdown.js';
import { YamlReader } from './yaml-reader.js';
import { isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';

const ARTICLE_KEYS = {
  required: ['title', 'date', 'photo'],
  // `author` or `authors` is required too; checked below, since exactly one of them must be given.
  optional: [
    'author',
    'authors',
    'summary',
    'keywords',
    'note',
    'notes',
    'conversion',
    'glossary',
    'keep',
    'names',
  ],
} as const;

/** Reads `<issueDir>/article.md`: YAML front matter between `---` lines, then the Markdown body. */
export function loadArticle(issueDir: string): Article {
  const dir = path.resolve(issueDir);
  const file = path.join(dir, 'article.md');
  const text = readSource(file, 'article');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') {
    throw BriefError.at(
      { file, line: 1, column: 1 },
      'front-matter/missing',
      'the article must start with YAML front matter: a line `---`, the fields (title, author, date, photo …), and another `---`',
    );
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    throw BriefError.at(
      { file, line: 1, column: 1 },
      'front-matter/missing',
      'the front matter is not closed: add a line `---` after it',
    );
  }

  const yaml = new YamlReader(file, lines.slice(1, end).join('\n'), 2);
  if (yaml.diagnostics.length) throw new BriefError(yaml.diagnostics);
  const f = yaml.mapping(yaml.root, 'the front matter', ARTICLE_KEYS);

  const title = yaml.string(f?.get('title'), 'title');
  const authors = readAuthors(yaml, f?.get('author'), f?.get('authors'), f !== undefined);
  const summary = readSummary(yaml, f?.get('summary'));

  const datePair = f?.get('date');
  const date = yaml.string(datePair, 'date');
  if (date !== undefined && !isIsoDate(date)) {
    yaml.error(datePair?.value, `date must be an ISO date YYYY-MM-DD (got '${date}')`);
  }

  const keywords = yaml.stringList(f?.get('keywords'), 'keywords') ?? [];
  const note = yaml.string(f?.get('note'), 'note');
  const conversion = yaml.oneOf(f?.get('conversion'), 'conversion', ['script', 'mainland'] as const);
  const noteStyle = yaml.oneOf<NoteStyle>(f?.get('notes'), 'notes', ['footnotes', 'endnotes']);
  const keep = yaml.stringList(f?.get('keep'), 'keep') ?? [];
  const names = yaml.stringList(f?.get('names'), 'names') ?? [];
  const glossary: GlossaryEntry[] = (yaml.stringMap(f?.get('glossary'), 'glossary') ?? []).map((e) => ({
    source: e.key,
    target: e.value,
    origin: e.at,
  }));

  const photoPair = f?.get('photo');
  const p = photoPair
    ? yaml.mapping(photoPair.value, 'photo', {
        required: ['file', 'caption', 'credit'],
        optional: ['creditUrl', 'focus', 'alt', 'decorative'],
      })
    : undefined;
  const photoFile = yaml.string(p?.get('file'), 'photo.file');
  const caption = yaml.string(p?.get('caption'), 'photo.caption');
  const credit = yaml.string(p?.get('credit'), 'photo.credit');
  const altPair = p?.get('alt');
  const decorativePair = p?.get('decorative');
  const decorative = decorativePair !== undefined && String(decorativePair.value) === 'true';
  // `alt: ""` is the decorative photo's alt; any other empty alt is refused below.
  const emptyAlt = isScalar(altPair?.value) && altPair?.value.value === '';
  const reported = yaml.diagnostics.length;
  const alt = emptyAlt ? '' : yaml.string(altPair, 'photo.alt');
  if (decorativePair !== undefined && !decorative && String(decorativePair.value) !== 'false') {
    yaml.error(decorativePair.value, 'photo.decorative must be true or false');
  }
  // (An empty `alt:` left by brief new or import is reported by yaml.string, with its comment.)
  if (p && yaml.diagnostics.length === reported && (alt === undefined || alt.trim() === '') && !decorative) {
    yaml.diagnostics.push(
      diagnostic(
        yaml.locate(altPair?.value ?? photoPair?.key),
        'photo/alt',
        altPair ? 'photo.alt is empty' : 'photo.alt is missing',
        ALT_HINT,
      ),
    );
  }
  const creditUrlPair = p?.get('creditUrl');
  const creditUrl = yaml.string(creditUrlPair, 'photo.creditUrl');
  if (creditUrl !== undefined && !/^(https?:\/\/|mailto:)\S+$/.test(creditUrl)) {
    yaml.error(
      creditUrlPair?.value,
      `photo.creditUrl must be a web address starting with http:// or https://`,
    );
  }
  let focus: { x: number; y: number } | undefined;
  const focusPair = p?.get('focus');
  if (focusPair) {
    const fm = yaml.mapping(focusPair.value, 'photo.focus', { required: ['x', 'y'], optional: [] });
    const x = yaml.number(fm?.get('x'), 'photo.focus.x', 0, 1);
    const y = yaml.number(fm?.get('y'), 'photo.focus.y', 0, 1);
    if (x !== undefined && y !== undefined) focus = { x, y };
  }
  let photoPath: string | undefined;
  if (photoFile !== undefined) {
    // Checked before anything is opened: an article names only files inside its own folder.
    const resolved = resolveInside(dir, photoFile, yaml.locate(p?.get('file')?.value), 'photo.file');
    if ('problem' in resolved) yaml.diagnostics.push(resolved.problem);
    else photoPath = resolved.file;
  }

  const body = parseBody(file, lines.slice(end + 1).join('\n'), end + 2);
  const diagnostics: Diagnostic[] = [...yaml.diagnostics, ...body.diagnostics];
  if (body.blocks.every((b) => b.kind !== 'paragraph')) {
    diagnostics.push({
      file,
      line: end + 2,
      code: 'markdown/empty',
      severity: 'error',
      message: 'the article body has no paragraphs',
    });
  }
  if (diagnostics.length) throw new BriefError(diagnostics);

  // Every required value was checked above; these guards only narrow the types.
  const [firstAuthor] = authors ?? [];
  if (!title || !authors || !firstAuthor || !date || !photoPath || !caption || !credit) {
    throw BriefError.at({ file }, 'field/missing', 'the front matter is incomplete');
  }
  return {
    slug: path.basename(dir),
    file,
    title,
    authors,
    author: { name: firstAuthor.name, affiliation: firstAuthor.affiliation },
    date,
    keywords,
    summary,
    photo: {
      file: photoPath,
      caption,
      credit,
      ...(creditUrl ? { creditUrl } : {}),
      ...(focus ? { focus } : {}),
      ...(alt ? { alt } : {}),
      ...(decorative ? { decorative } : {}),
    },
    ...(note ? { note } : {}),
    body: body.blocks,
    notes: body.notes,
    ...(noteStyle ? { noteStyle } : {}),
    ...(conversion ? { conversion } : {}),
    glossary,
    keep,
    names,
  };
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * `author:` (one mapping) or `authors:` (a list of them), each `{name, affiliation, bio?}`; exactly
 * one of the two keys. Undefined when something is wrong (the problems are in `yaml`).
 */
function readAuthors(
  yaml: YamlReader,
  one: Pair<Node, Node | null> | undefined,
  several: Pair<Node, Node | null> | undefined,
  frontMatterRead: boolean,
): Author[] | undefined {
  if (one && several) {
    yaml.error(
      several.key,
      'give either author (one author) or authors (a list), not both: move the author into the authors list',
    );
    return undefined;
  }
  if (!one && !several) {
    if (frontMatterRead) {
      yaml.error(
        yaml.root,
        "the front matter is missing the required key 'author' (or 'authors' for several authors)",
      );
    }
    return undefined;
  }
  const readOne = (node: Node | null | undefined, what: string): Author | undefined => {
    const m = yaml.mapping(node, what, { required: ['name', 'affiliation'], optional: ['bio'] });
    const name = yaml.string(m?.get('name'), `${what}.name`);
    const affiliation = yaml.string(m?.get('affiliation'), `${what}.affiliation`);
    const bio = yaml.string(m?.get('bio'), `${what}.bio`);
    if (!name || !affiliation) return undefined;
    return { name, affiliation, ...(bio ? { bio } : {}) };
  };
  if (one) {
    const author = readOne(one.value, 'author');
    return author ? [author] : undefined;
  }
  const list = several?.value;
  if (!isSeq(list) || list.items.length === 0) {
    yaml.error(
      list ?? several?.key,
      'authors must be a list of {name, affiliation, bio}, one entry per author',
    );
    return undefined;
  }
  const authors = (list.items as Node[]).map((item, i) => readOne(item, `authors[${i + 1}]`));
  return authors.every((a): a is Author => a !== undefined) ? authors : undefined;
}

const SUMMARY_POINTS = { min: 3, max: 6 };

/** `summary:` — the key points, 3 to 6 of them. */
function readSummary(yaml: YamlReader, pair: Pair<Node, Node | null> | undefined): string[] {
  const points = yaml.stringList(pair, 'summary');
  if (points === undefined) return [];
  if (points.length < SUMMARY_POINTS.min || points.length > SUMMARY_POINTS.max) {
    yaml.error(
      pair?.value,
      `summary has ${points.length} point${points.length === 1 ? '' : 's'}; write ${SUMMARY_POINTS.min} to ${SUMMARY_POINTS.max} key points, one list entry each`,
    );
    return [];
  }
  return points;
}
