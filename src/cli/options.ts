/**
 * The command line, described once: this table gives the parser its options, `brief --help` its
 * text, and the README its "Using it" block (tests/cli/usage.test.ts checks the README holds
 * exactly `usageText()`).
 */

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  /** Shown after the flag in the usage (`--out DIR`). */
  value?: string;
  short?: string;
  default?: string | boolean;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** Positional arguments, as shown in the usage. */
  args: string;
  summary: string;
  options: readonly string[];
}

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'out', type: 'string', value: 'DIR', default: 'out', help: 'where the PDFs go (default: out)' },
  {
    name: 'edition',
    type: 'string',
    value: 'E',
    default: 'all',
    help: 'hant, hans or all (default: all)',
  },
  {
    name: 'grey',
    type: 'boolean',
    default: false,
    help: 'set the photo in greyscale, for black-and-white printing',
  },
  {
    name: 'no-pdfa',
    type: 'boolean',
    default: false,
    help: 'plain PDF 1.7 instead of PDF/A (the default, for the archive)',
  },
  {
    name: 'root',
    type: 'string',
    value: 'DIR',
    default: '.',
    help: 'the project folder with assets/, templates/ and fonts/ (default: the current folder)',
  },
  {
    name: 'jobs',
    type: 'string',
    value: 'N',
    help: 'build issues in N worker threads (default: one per core from 8 issues on, else 1)',
  },
  {
    name: 'force',
    type: 'boolean',
    default: false,
    help: 'rebuild every issue, even those whose inputs are unchanged since their last build',
  },
  {
    name: 'prune',
    type: 'boolean',
    default: false,
    help: 'delete the PDFs and sidecars of issues whose folder is gone (else only left out of the catalogue)',
  },
  {
    name: 'no-server',
    type: 'boolean',
    default: false,
    help: 'build in this process only: neither ask nor start the build server (also BRIEF_SERVER=off)',
  },
  { name: 'help', type: 'boolean', short: 'h', default: false, help: 'print this help' },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'build',
    args: '[ISSUE_DIR ...]',
    summary:
      'build the PDFs of the issues (default: every folder under assets/issues, then the catalogue);\n      an issue whose inputs are unchanged since its last build is skipped',
    options: ['out', 'edition', 'grey', 'no-pdfa', 'root', 'jobs', 'no-server', 'force', 'prune'],
  },
  {
    name: 'catalogue',
    args: '',
    summary: 'write the catalogue site (index.html, feed.xml, catalogue.json) from the sidecars in out/',
    options: ['out', 'root', 'prune'],
  },
  {
    name: 'watch',
    args: '[ISSUE_DIR ...]',
    summary: 'build, then rebuild whatever a saved change touches, until Ctrl-C',
    options: ['out', 'edition', 'grey', 'no-pdfa', 'root'],
  },
  {
    name: 'server',
    args: '[status|stop|start]',
    summary: 'the resident build server that `brief build` uses (see README)',
    options: ['root'],
  },
  {
    name: 'check',
    args: '[ISSUE_DIR ...]',
    summary: 'the font coverage pre-flight only',
    options: ['edition', 'root'],
  },
  // Parsed by src/import (its own flags are listed in `args`); see `brief import --help`.
  {
    name: 'new',
    args: '<slug> [--title T]',
    summary: 'start an issue: assets/issues/<slug>/article.md with every key, commented',
    options: ['root'],
  },
  {
    name: 'import',
    args: 'FILE [--slug S] [--photo IMAGE] [--force]',
    summary: 'make an issue from a .txt (an earlier brief), .docx, .md or .html file',
    options: ['root'],
  },
];

function flag(o: OptionSpec): string {
  return `--${o.name}${o.value ? ` ${o.value}` : ''}`;
}

/** The usage text of `brief --help`, generated from the tables above. */
export function usageText(): string {
  const lines = ['usage:'];
  for (const c of COMMANDS) {
    const flags = c.options
      .map((name) => OPTIONS.find((o) => o.name === name))
      .filter((o) => o !== undefined);
    lines.push(
      `  ${['brief', c.name, c.args, ...flags.map((o) => `[${flag(o)}]`)].filter(Boolean).join(' ')}`,
    );
    lines.push(`      ${c.summary}`);
  }
  lines.push('', 'options:');
  const width = Math.max(...OPTIONS.map((o) => flag(o).length)) + 2;
  for (const o of OPTIONS) lines.push(`  ${flag(o).padEnd(width)}${o.help}`);
  return lines.join('\n');
}

/** The options in node:util parseArgs' form. */
export function parseArgsOptions(): Record<
  string,
  { type: 'string' | 'boolean'; short?: string; default?: string | boolean }
> {
  return Object.fromEntries(
    OPTIONS.map((o) => [
      o.name,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.default !== undefined ? { default: o.default } : {}),
      },
    ]),
  );
}
