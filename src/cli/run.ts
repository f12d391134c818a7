import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, isBriefError } from '../errors.js';
import type { Edition } from '../model.js';

const USAGE = `usage: brief build [ISSUE_DIR ...] [--out DIR] [--edition hant|hans|all] [--grey] [--no-pdfa] [--jobs N]
       brief check [ISSUE_DIR ...] [--edition hant|hans|all]   (font coverage pre-flight only)
       brief new <slug> [--title T]  |  brief import FILE [--slug S] [--photo IMAGE] [--force]   (brief new --help)

  ISSUE_DIR        an issue folder holding article.md (default: every folder under assets/issues)
  --out DIR        where the PDFs go (default: out)
  --edition E      hant, hans or all (default: all)
  --grey           set the photo in greyscale, for black-and-white printing
  --no-pdfa        plain PDF 1.7 instead of PDF/A-2b (the default, for the archive)
  --root DIR       the project folder with assets/, templates/ and fonts/ (default: the current folder)
  --jobs N         build issues in N worker threads (default: one per core from 8 issues on, else 1)`;

const EDITION_FLAGS: Record<string, Edition[]> = {
  hant: ['zh-Hant'],
  hans: ['zh-Hans'],
  all: ['zh-Hant', 'zh-Hans'],
};

/** The `brief` command line; returns the exit code (0 ok, 1 user error, 2 usage error). */
/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function runCli(argv: string[], io: CliOutput = process): Promise<number> {
  // `brief new` and `brief import` make sources; they have their own options (src/import).
  if (argv[0] === 'new' || argv[0] === 'import')
    return (await import('../import/index.js')).runSourceCommand(argv, io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'out' },
        edition: { type: 'string', default: 'all' },
        grey: { type: 'boolean', default: false },
        'no-pdfa': { type: 'boolean', default: false },
        root: { type: 'string', default: '.' },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`brief: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...issueArgs] = positionals;
  if (values.help || command === undefined) {
    io.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command !== 'build' && command !== 'check') {
    io.stderr.write(`brief: unknown command '${command}'\n${USAGE}\n`);
    return 2;
  }
  const editions = EDITION_FLAGS[values.edition];
  if (!editions) {
    io.stderr.write(`brief: --edition must be hant, hans or all (got '${values.edition}')\n`);
    return 2;
  }

  // Loaded here, not at the top, so `brief --help` and usage errors answer at once.
  const { buildIssue, checkIssue, listIssues, loadProject, writeIssue } = await import('../build/index.js');
  const { formatCoverage } = await import('../fonts/index.js');
  const root = path.resolve(values.root);
  const outDir = path.resolve(values.out);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    io.stderr.write(`brief: --jobs must be a whole number from 1 (got '${values.jobs}')\n`);
    return 2;
  }
  let failed = 0;
  if (command === 'build') {
    // Several issues: a pool of worker threads (src/build/batch.ts), results in input order.
    const { buildBatch, defaultJobs } = await import('../build/batch.js');
    let issues: string[];
    try {
      issues = issueArgs.length ? issueArgs.map((d) => path.resolve(d)) : listIssues(root);
    } catch (e) {
      if (!isBriefError(e)) throw e;
      for (const d of e.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      return 1;
    }
    const n = Math.min(jobs ?? defaultJobs(issues.length), issues.length);
    if (n > 1) {
      await buildBatch(
        { root, issues, editions, outDir, grey: values.grey, pdfa: !values['no-pdfa'], jobs: n },
        (r) => {
          if (!r.ok) {
            failed += 1;
            for (const d of r.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
            return;
          }
          for (const w of r.written.warnings) io.stderr.write(`${w}\n`);
          for (const f of r.written.files)
            io.stdout.write(`${path.relative(process.cwd(), f.file)}  ${(f.bytes / 1024).toFixed(0)} KB\n`);
          for (const s of r.written.summaries) io.stdout.write(`${s}\n`);
        },
      );
      return failed ? 1 : 0;
    }
  }
  try {
    const project = loadProject(root);
    const issues = issueArgs.length ? issueArgs.map((d) => path.resolve(d)) : listIssues(root);
    for (const dir of issues) {
      if (command === 'check') {
        // The pre-flight alone: coverage per edition and role; exit 1 if any character is uncovered.
        try {
          const check = checkIssue(project, dir, editions);
          io.stdout.write(`${path.relative(process.cwd(), check.article.file)}\n`);
          for (const e of check.editions)
            for (const l of formatCoverage(e.edition, e.coverage)) io.stdout.write(`  ${l}\n`);
          for (const d of check.problems) io.stderr.write(`${formatDiagnostic(d)}\n`);
          if (check.problems.length) failed += 1;
        } catch (e) {
          if (!isBriefError(e)) throw e;
          failed += 1;
          for (const d of e.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        }
        continue;
      }
      try {
        const build = await buildIssue(project, dir, {
          editions,
          outDir,
          grey: values.grey,
          pdfa: !values['no-pdfa'],
        });
        const written = writeIssue(build, outDir);
        for (const w of written.warnings) io.stderr.write(`${w}\n`);
        for (const f of written.files) {
          io.stdout.write(`${path.relative(process.cwd(), f.file)}  ${(f.bytes / 1024).toFixed(0)} KB\n`);
        }
        for (const s of written.summaries) io.stdout.write(`${s}\n`);
      } catch (e) {
        if (!isBriefError(e)) throw e;
        failed += 1;
        for (const d of e.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      }
    }
  } catch (e) {
    if (!isBriefError(e)) throw e;
    for (const d of e.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}
