import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../index.js';

/**
 * The one printer of diagnostics: `file:line:col: message`, then — when the file can be read — the
 * offending source line and a caret under the column (as Typst and rustc show them), then the
 * hint. The first line is the same `file:line:col: message` that logs and editors parse.
 */
export function formatForTerminal(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) where += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  const head = `${where}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message} [${d.code}]`;
  const out = [head];
  const source = d.line !== undefined ? sourceLine(d.file, d.line) : undefined;
  if (source !== undefined && d.line !== undefined) {
    const gutter = String(d.line);
    out.push(`${' '.repeat(gutter.length)} |`);
    out.push(`${gutter} | ${source}`);
    if (d.column !== undefined) {
      // Columns count characters; a CJK character takes two cells in a terminal.
      const before = [...source].slice(0, Math.max(0, d.column - 1));
      const cells = before.reduce((n, ch) => n + (isWide(ch) ? 2 : 1), 0);
      out.push(`${' '.repeat(gutter.length)} | ${' '.repeat(cells)}^`);
    }
  }
  if (d.hint) out.push(`  = hint: ${d.hint}`);
  return out.join('\n');
}

function sourceLine(file: string, line: number): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/)[line - 1]?.replace(/\t/g, ' ');
  } catch {
    return undefined;
  }
}

function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
