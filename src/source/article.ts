import path from 'node:path';
import { BriefError } from '../errors.js';
import { resolveInside } from '../files.js';
import type { Article, Diagnostic, GlossaryEntry } from '../model.js';
import { readSource } from './foundation.js';
import { parseBody } from './markdown.js';
import { YamlReader } from './yaml-reader.js';

const ARTICLE_KEYS = {
  required: ['title', 'author', 'date', 'photo'],
  optional: ['keywords', 'note', 'conversion', 'glossary', 'keep'],
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
  const authorPair = f?.get('author');
  const a = authorPair
    ? yaml.mapping(authorPair.value, 'author', { required: ['name', 'affiliation'], optional: [] })
    : undefined;
  const authorName = yaml.string(a?.get('name'), 'author.name');
  const affiliation = yaml.string(a?.get('affiliation'), 'author.affiliation');

  const datePair = f?.get('date');
  const date = yaml.string(datePair, 'date');
  if (date !== undefined && !isIsoDate(date)) {
    yaml.error(datePair?.value, `date must be an ISO date YYYY-MM-DD (got '${date}')`);
  }

  const keywords = yaml.stringList(f?.get('keywords'), 'keywords') ?? [];
  const note = yaml.string(f?.get('note'), 'note');
  const conversion = yaml.oneOf(f?.get('conversion'), 'conversion', ['script', 'mainland'] as const);
  const keep = yaml.stringList(f?.get('keep'), 'keep') ?? [];
  const glossary: GlossaryEntry[] = (yaml.stringMap(f?.get('glossary'), 'glossary') ?? []).map((e) => ({
    source: e.key,
    target: e.value,
    origin: e.at,
  }));

  const photoPair = f?.get('photo');
  const p = photoPair
    ? yaml.mapping(photoPair.value, 'photo', {
        required: ['file', 'caption', 'credit'],
        optional: ['creditUrl', 'focus'],
      })
    : undefined;
  const photoFile = yaml.string(p?.get('file'), 'photo.file');
  const caption = yaml.string(p?.get('caption'), 'photo.caption');
  const credit = yaml.string(p?.get('credit'), 'photo.credit');
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
  if (!title || !authorName || !affiliation || !date || !photoPath || !caption || !credit) {
    throw BriefError.at({ file }, 'field/missing', 'the front matter is incomplete');
  }
  return {
    slug: path.basename(dir),
    file,
    title,
    author: { name: authorName, affiliation },
    date,
    keywords,
    photo: {
      file: photoPath,
      caption,
      credit,
      ...(creditUrl ? { creditUrl } : {}),
      ...(focus ? { focus } : {}),
    },
    ...(note ? { note } : {}),
    body: body.blocks,
    ...(conversion ? { conversion } : {}),
    glossary,
    keep,
  };
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}
