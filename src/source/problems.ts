import { diagnostic } from '../errors.js';
import { resolveInside } from '../files.js';
import type { Diagnostic, DiagnosticCode, SourceLocation } from '../model.js';

/** An error diagnostic at `at`, with the code that names its kind. */
export function problem(at: SourceLocation, message: string, code: DiagnosticCode): Diagnostic {
  return diagnostic(at, code, message);
}

/**
 * A figure's file, resolved inside the issue folder with the photo's guards (no absolute, Windows
 * or `..` path, no link out of the folder), before anything is opened.
 */
export function resolveFigure(
  dir: string,
  named: string,
  at: SourceLocation,
): { file: string } | { problem: Diagnostic } {
  return resolveInside(dir, named, at, 'figure');
}
