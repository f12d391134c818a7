import type { Diagnostic, DiagnosticCode, SourceLocation } from './model.js';

/**
 * A user-facing failure: bad input, a missing file, a character no font has. It carries every
 * problem found (not just the first), each with its file and, where known, line and column.
 * The CLI prints them with the offending source line (src/cli/report.ts) and exits 1, without a
 * stack trace.
 */
export class BriefError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'BriefError';
    this.diagnostics = diagnostics;
  }

  /** One problem at one place. */
  static at(location: SourceLocation, code: DiagnosticCode, message: string, hint?: string): BriefError {
    return new BriefError([diagnostic(location, code, message, hint)]);
  }
}

/** An error diagnostic (or a warning, with `severity`). */
export function diagnostic(
  location: SourceLocation,
  code: DiagnosticCode,
  message: string,
  hint?: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return { ...location, code, severity, message, ...(hint ? { hint } : {}) };
}

/** `file:line:col: message` (one line, for logs, review reports and error messages). */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) {
    where += `:${d.line}`;
    if (d.column !== undefined) where += `:${d.column}`;
  }
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${prefix}${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

export function isBriefError(e: unknown): e is BriefError {
  return e instanceof BriefError;
}
