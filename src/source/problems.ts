import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, SourceLocation } from '../model.js';

/** The kinds of problem this stage reports in the body (see src/diagnostic-codes.ts). */
export type BodyProblemCode =
  'markdown/unsupported' | 'markdown/empty' | 'markdown/footnote' | 'field/invalid';

/** An error diagnostic at `at`, with the code that names its kind. */
export function problem(
  at: SourceLocation,
  message: string,
  code: BodyProblemCode,
): Diagnostic & { code: BodyProblemCode } {
  return { ...at, code, severity: 'error', message };
}

/** A figure's file, resolved inside the issue folder. */
export function resolveFigure(
  dir: string,
  named: string,
  at: SourceLocation,
): { file: string } | { problem: Diagnostic } {
  const file = path.resolve(dir, named);
  const rel = path.relative(realpathSync(dir), existsSync(file) ? realpathSync(file) : file);
  if (path.isAbsolute(named) || rel.startsWith('..')) {
    return { problem: problem(at, `figure '${named}' is outside the issue folder`, 'field/invalid') };
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    return { problem: problem(at, `figure '${named}' does not exist (looked for ${file})`, 'field/invalid') };
  }
  return { file };
}
