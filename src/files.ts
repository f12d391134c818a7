import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BriefError, diagnostic } from './errors.js';
import type { Diagnostic, SourceLocation } from './model.js';

/**
 * The one reader of user files (articles, the profile, glossaries, templates, manifests, fonts):
 * every failure is worded the same way, with the file and what it was wanted for.
 */

/** Why a file could not be read, in words, from a Node error. */
export function fileProblem(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'no such file (a folder in the path is a file)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `the file cannot be read (${code || (e instanceof Error ? e.message : String(e))})`;
  }
}

/** The diagnostic for a file that cannot be read as `what` (e.g. 'the article', 'photo'). */
function unreadableFile(file: string, what: string, e: unknown, at?: SourceLocation): Diagnostic {
  const reason = fileProblem(e);
  const missing = reason.startsWith('no such file');
  return diagnostic(
    at ?? { file },
    missing ? 'file/missing' : 'file/unreadable',
    at ? `cannot read ${what} ${file}: ${reason}` : `cannot read ${what}: ${reason}`,
    missing ? 'check the name and the folder' : undefined,
  );
}

/** Reads a UTF-8 text file; a BOM and CRLF line ends (Windows editors) are not part of the text. */
export function readUserFile(file: string, what: string): string {
  return readUserBytes(file, what)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
}

/** Reads a file's bytes, or throws a BriefError naming it. */
function readUserBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new BriefError([unreadableFile(file, what, e)]);
  }
}

/**
 * Resolves a path an article names (its photo, a figure) inside the article's folder, after
 * following symlinks. An absolute path, a Windows drive or UNC path, `..` that climbs out, or a
 * symlink pointing out of the folder is refused at the article's line, before anything is opened.
 */
export function resolveInside(
  folder: string,
  named: string,
  at: SourceLocation,
  key: string,
): { file: string } | { problem: Diagnostic } {
  const refuse = (why: string): { problem: Diagnostic } => ({
    problem: diagnostic(
      at,
      'file/outside-issue',
      `${key} '${named}' ${why}`,
      'name a file inside the issue folder, relative to article.md (e.g. photo.jpg or figures/chart.png)',
    ),
  });
  if (/^[A-Za-z]:/.test(named) || named.startsWith('\\\\') || named.includes('\\')) {
    return refuse('is a Windows path; use / and a path relative to article.md');
  }
  if (path.isAbsolute(named)) return refuse('is an absolute path');
  const base = realpathOrSelf(folder);
  const joined = path.resolve(base, named);
  if (!isWithin(base, joined)) return refuse('points outside the issue folder');
  let info;
  try {
    info = statSync(joined);
  } catch (e) {
    const reason = fileProblem(e);
    return {
      problem: diagnostic(
        at,
        reason.startsWith('no such file') ? 'file/missing' : 'file/unreadable',
        `${key} '${named}' cannot be read (${reason}; looked for ${joined})`,
        'put the file beside article.md or fix the name',
      ),
    };
  }
  const real = realpathOrSelf(joined);
  if (!isWithin(base, real)) return refuse('is a link to a file outside the issue folder');
  if (!info.isFile()) return refuse('is not a file');
  return { file: joined };
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function isWithin(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
