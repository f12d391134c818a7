import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BriefError, formatDiagnostic, isBriefError } from '../errors.js';
import { fileProblem } from '../files.js';
import type { Diagnostic, Foundation } from '../model.js';
import { loadFoundation } from '../source/index.js';
import { renderTextTemplate } from '../template/index.js';
import type { FoundImage, ImportedArticle } from './blocks.js';
import { decodeText } from './decode.js';
import { importDocx } from './docx.js';
import { importHtml } from './html.js';
import { importMarkdown } from './markdown-source.js';
import { writeArticle } from './markdown-writer.js';
import { newArticle } from './new-issue.js';
import { defaultSlug, slugProblem } from './slug.js';
import { importText } from './text.js';

export { ZIP_LIMITS } from './zip.js';

const ISSUES = path.join('assets', 'issues');
const PHOTO_TYPES = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.avif', '.gif'];

export const SOURCE_USAGE = `usage: brief new <slug> [--title T]
       brief import FILE [--slug S] [--photo IMAGE] [--force]

  new       creates assets/issues/<slug>/article.md with every key, commented, and today's date
  import    makes an issue from FILE: .txt (an earlier brief's text), .docx (Word), .md or .html
  --slug S  the issue folder's name (default: the date and the title in pinyin, e.g. 2025-08-25-mei-e-a-la-si-jia)
  --photo   the lead photo (copied beside article.md; with a .docx, every image becomes a figure)
  --force   replace an existing issue (atomically)
  --root D  the project folder (default: the current folder)`;

/** Where the command writes; the CLI passes its own, tests theirs. */
export interface CommandOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * `brief new …` and `brief import …` (argv starts with the command). Returns the exit code:
 * 0 done, 1 a user mistake (printed by `format`, `path:line:col: message` by default), 2 a usage
 * error.
 */
export async function runSourceCommand(
  argv: string[],
  io: CommandOutput,
  format: (d: Diagnostic) => string = formatDiagnostic,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        slug: { type: 'string' },
        title: { type: 'string' },
        photo: { type: 'string' },
        force: { type: 'boolean', default: false },
        root: { type: 'string', default: '.' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`brief: ${(e as Error).message}\n${SOURCE_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, target, ...extra] = positionals;
  if (values.help) {
    io.stdout.write(`${SOURCE_USAGE}\n`);
    return 0;
  }
  const usage = (message: string): number => {
    io.stderr.write(`brief: ${message}\n${SOURCE_USAGE}\n`);
    return 2;
  };
  if (target === undefined || extra.length) {
    return usage(`${command} takes exactly one ${command === 'new' ? 'slug' : 'FILE'}`);
  }
  const root = path.resolve(values.root);
  try {
    if (command === 'new') {
      if (values.slug || values.photo || values.force) return usage('new takes only <slug> and --title');
      const made = createIssue({ root, slug: target, title: values.title, today: localDate(new Date()) });
      io.stdout.write(`wrote ${shown(made.file)}\n`);
      io.stdout.write(`needs you: ${made.needs.join(', ')}\n`);
      io.stdout.write(`then: npx brief build ${shown(path.dirname(made.file))}\n`);
      return 0;
    }
    if (command !== 'import') return usage(`unknown command '${command}'`);
    if (values.title) return usage('--title is for brief new');
    const result = await importFile({
      root,
      file: target,
      slug: values.slug,
      photo: values.photo,
      force: values.force,
      today: localDate(new Date()),
    });
    for (const line of result.decisions) io.stdout.write(`${line}\n`);
    for (const f of result.written) io.stdout.write(`wrote ${shown(f)}\n`);
    if (result.needs.length) io.stdout.write(`needs you: ${result.needs.join(', ')}\n`);
    io.stdout.write(`then: npx brief build ${shown(result.dir)}\n`);
    return 0;
  } catch (e) {
    if (!isBriefError(e)) throw e;
    for (const d of e.diagnostics) io.stderr.write(`${format(d)}\n`);
    return 1;
  }
}

function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** The date on this machine's calendar (an editor in Taipei means Taipei's today). */
export function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface CreateOptions {
  root: string;
  slug: string;
  title?: string | undefined;
  today: string;
}

/** `brief new`: a fresh article.md with every key; refuses an unsafe slug or an existing folder. */
export function createIssue(options: CreateOptions): { file: string; needs: string[] } {
  const dir = issueDir(options.root, options.slug);
  if (existsSync(dir)) {
    throw BriefError.at(
      { file: dir },
      'issue/exists',
      'this issue folder already exists; choose another slug (brief new never overwrites)',
    );
  }
  const made = newArticle(options.slug, options.title, options.today);
  writeIssueFolder(
    options.root,
    options.slug,
    [{ name: 'article.md', bytes: Buffer.from(made.text) }],
    false,
  );
  return { file: path.join(dir, 'article.md'), needs: made.needs };
}

function issueDir(root: string, slug: string): string {
  const problem = slugProblem(slug);
  if (problem) throw BriefError.at({ file: path.join(root, ISSUES, slug) }, 'issue/slug', problem);
  return path.join(root, ISSUES, slug);
}

export interface ImportOptions {
  root: string;
  file: string;
  slug?: string | undefined;
  photo?: string | undefined;
  force?: boolean | undefined;
  today: string;
}

export interface ImportResult {
  slug: string;
  dir: string;
  written: string[];
  decisions: string[];
  needs: string[];
}

/** `brief import`: reads FILE, recognises what it can, writes the issue folder. */
export async function importFile(options: ImportOptions): Promise<ImportResult> {
  const file = path.resolve(options.file);
  const at = { file, line: 1, column: 1 };
  const bytes = readInput(file);
  // Check the slug and the target before the (possibly slow) conversion.
  if (options.slug !== undefined) {
    const dir = issueDir(options.root, options.slug);
    refuseExisting(dir, options.force);
  }
  const photo = options.photo === undefined ? undefined : checkPhoto(path.resolve(options.photo));
  const ext = path.extname(file).toLowerCase();
  let article: ImportedArticle;
  const copies: { from: string; name: string }[] = [];
  switch (ext) {
    case '.txt': {
      const decoded = decodeText(bytes, file);
      refuseBlank(decoded.text, file);
      article = importText(decoded.text, foundationOf(options.root));
      article.decisions.unshift(
        `encoding: ${decoded.encoding}${decoded.encoding === 'Big5' ? ' (converted to UTF-8)' : ''}`,
      );
      break;
    }
    case '.md':
    case '.markdown': {
      const decoded = decodeText(bytes, file);
      refuseBlank(decoded.text, file);
      const md = importMarkdown(decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
      article = md.article;
      for (const rel of md.images) {
        const from = path.resolve(path.dirname(file), rel);
        if (rel.includes('..') || path.isAbsolute(rel) || !existsSync(from)) {
          article.decisions.push(`needs you: image '${rel}' was not copied (not found beside the file)`);
        } else copies.push({ from, name: rel });
      }
      break;
    }
    case '.html':
    case '.htm': {
      const decoded = decodeText(bytes, file);
      refuseBlank(decoded.text, file);
      const images: FoundImage[] = [];
      article = importHtml(decoded.text, {
        image: (src) => htmlImage(src, path.dirname(file), images),
        photoGiven: photo !== undefined,
        kind: 'HTML',
      });
      article.images = images;
      break;
    }
    case '.docx':
      article = await importDocx(bytes, file, photo !== undefined);
      break;
    case '.doc':
      throw BriefError.at(
        at,
        'import/unsupported',
        'old-style Word .doc files are not supported; open it in Word and save it as .docx',
      );
    case '.pdf':
      throw BriefError.at(
        at,
        'import/unsupported',
        'PDF is not supported; save its text first (e.g. `pdftotext -layout FILE.pdf`) and import the .txt',
      );
    default:
      throw BriefError.at(
        at,
        'import/unsupported',
        `unsupported file type '${ext || '(none)'}'; import a .txt, .docx, .md or .html file`,
      );
  }
  if (!article.rawBody && article.body.length === 0) {
    throw BriefError.at(at, 'import/empty', 'found no body text to import in this file');
  }
  if (photo) {
    const name = `photo${path.extname(photo).toLowerCase()}`;
    copies.push({ from: photo, name });
    article.photo.file = name;
    article.decisions.push(`photo: ${name} (from --photo)`);
  }

  const slug =
    options.slug ?? defaultSlug(article.date ?? options.today, article.title, path.parse(file).name);
  const dir = issueDir(options.root, slug);
  if (options.slug === undefined) {
    article.decisions.push(
      `slug: ${slug} (from the ${article.date ? "issue's date" : 'date of the import'} and the title)`,
    );
    refuseExisting(dir, options.force);
  }
  const files = [
    { name: 'article.md', bytes: Buffer.from(writeArticle(article, path.basename(file))) },
    ...article.images.map((i) => ({ name: i.name, bytes: i.bytes })),
    ...copies.map((c) => ({ name: c.name, bytes: readFileSync(c.from) })),
  ];
  writeIssueFolder(options.root, slug, files, options.force ?? false);
  const needs = article.rawFrontMatter ? [] : needsOf(article);
  return {
    slug,
    dir,
    written: files.map((f) => path.join(dir, f.name)),
    decisions: article.decisions,
    needs,
  };
}

function readInput(file: string): Buffer {
  const at = { file, line: 1, column: 1 };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    // The project's one wording of file problems (src/files.ts).
    const reason = fileProblem(e);
    const missing = reason.startsWith('no such file');
    throw BriefError.at(
      at,
      missing ? 'file/missing' : 'file/unreadable',
      `cannot read the file: ${reason}`,
      missing ? 'check the name and the folder' : undefined,
    );
  }
  if (bytes.length === 0) throw BriefError.at(at, 'import/empty', 'the file is empty; nothing to import');
  return bytes;
}

function refuseBlank(text: string, file: string): void {
  if (text.replace(/[\s\uFEFF\u3000]/g, '') === '') {
    throw BriefError.at(
      { file, line: 1, column: 1 },
      'import/empty',
      'the file has only blank lines; nothing to import',
    );
  }
}

function refuseExisting(dir: string, force: boolean | undefined): void {
  if (existsSync(dir) && !force) {
    const file = existsSync(path.join(dir, 'article.md')) ? path.join(dir, 'article.md') : dir;
    throw BriefError.at(
      { file, line: 1, column: 1 },
      'issue/exists',
      'this issue already exists; choose another --slug, or add --force to replace it',
    );
  }
}

function checkPhoto(file: string): string {
  const at = { file, line: 1, column: 1 };
  if (!existsSync(file) || !statSync(file).isFile())
    throw BriefError.at(at, 'file/missing', '--photo: no such file');
  if (!PHOTO_TYPES.includes(path.extname(file).toLowerCase())) {
    throw BriefError.at(at, 'field/invalid', `--photo must be an image (${PHOTO_TYPES.join(' ')})`);
  }
  return file;
}

function foundationOf(root: string): Foundation {
  return loadFoundation(path.join(root, 'assets', 'foundation.yaml'), renderTextTemplate);
}

/** An `<img src>` of an HTML file: a local file beside it, or a data: URI. Web images are not fetched. */
function htmlImage(src: string, base: string, images: FoundImage[]): string | undefined {
  const data = /^data:image\/(png|jpeg|gif|webp);base64,(.*)$/s.exec(src);
  let bytes: Uint8Array | undefined;
  let ext = '';
  if (data?.[1] && data[2] !== undefined) {
    bytes = Buffer.from(data[2], 'base64');
    ext = data[1] === 'jpeg' ? '.jpg' : `.${data[1]}`;
  } else if (!/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.includes('..') && !path.isAbsolute(src)) {
    const from = path.resolve(base, decodeURIComponent(src));
    if (existsSync(from) && statSync(from).isFile()) {
      bytes = readFileSync(from);
      ext = path.extname(from).toLowerCase();
    }
  }
  if (!bytes || !PHOTO_TYPES.includes(ext)) return undefined;
  const name = images.length === 0 ? `photo${ext}` : `figure-${images.length}${ext}`;
  images.push({ name, bytes });
  return name;
}

/** The keys only a person can fill in, in the order they appear in the front matter. */
function needsOf(a: ImportedArticle): string[] {
  const needs: string[] = [];
  if (!a.title) needs.push('title');
  if (!a.authors.length) needs.push('author');
  else if (a.authors.some((x) => !x.affiliation)) needs.push('affiliation');
  if (!a.date) needs.push('date');
  if (!a.keywords?.length) needs.push('keywords');
  if (!a.photo.file) needs.push('photo file');
  if (!a.photo.caption) needs.push('photo caption');
  if (!a.photo.credit) needs.push('photo credit');
  if (!a.photo.alt) needs.push('photo alt');
  for (const b of a.body) {
    if (b.kind !== 'figure') continue;
    // The build demands both at the figure's line; a Word file rarely states a chart's source.
    if (!b.caption) needs.push(`caption of ${b.file}`);
    if (!b.credit) needs.push(`credit of ${b.file}`);
    needs.push(`alt of ${b.file}`); // what the image shows: no source states it as such
  }
  return needs;
}

/**
 * Writes the issue folder all at once: the files go to a staging folder beside assets/issues/,
 * which is then renamed into place. With --force an existing folder is first renamed aside and
 * removed only after the new one is in place (and put back if that fails), so a failure never
 * leaves a half-written issue.
 */
function writeIssueFolder(
  root: string,
  slug: string,
  files: { name: string; bytes: Uint8Array }[],
  force: boolean,
): void {
  const issues = path.join(root, ISSUES);
  const target = path.join(issues, slug);
  mkdirSync(issues, { recursive: true });
  const stage = mkdtempSync(path.join(root, 'assets', `.import-${slug}-`));
  try {
    for (const f of files) {
      const to = path.join(stage, f.name);
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, f.bytes);
    }
    if (!existsSync(target)) {
      renameSync(stage, target);
      return;
    }
    if (!force)
      throw BriefError.at(
        { file: target },
        'issue/exists',
        'this issue already exists; add --force to replace it',
      );
    const aside = mkdtempSync(path.join(root, 'assets', `.replaced-${slug}-`));
    const old = path.join(aside, slug);
    renameSync(target, old);
    try {
      renameSync(stage, target);
    } catch (e) {
      renameSync(old, target);
      throw e;
    }
    rmSync(aside, { recursive: true, force: true });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
