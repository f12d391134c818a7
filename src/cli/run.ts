import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic, Edition, Project } from '../index.js';
import type * as LibraryModule from '../index.js';
import { COMMANDS, parseArgsOptions, usageText } from './options.js';
import { Progress } from './progress.js';
import { formatForTerminal } from './report.js';
import { serverWanted } from './socket.js';

const EDITION_FLAGS: Record<string, Edition[]> = {
  hant: ['zh-Hant'],
  hans: ['zh-Hans'],
  all: ['zh-Hant', 'zh-Hans'],
};

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  /** `isTTY`: a terminal, where a batch shows a live progress line. */
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/** How the command line runs: in its own process (the default), or inside the build server. */
export interface CliContext {
  /** Inside the build server (src/cli/serve.ts): never asks for, or starts, a server. */
  served?: boolean;
  /** The server's loader, which keeps each project loaded between builds. */
  loadProject?: (root: string) => Project;
}

/**
 * The `brief` command line; returns the exit code: 0 ok, 1 a user error (every problem printed
 * with its place), 2 a usage error. It reaches the tool only through the library entry
 * (src/index.ts), as a user's script would.
 */
export async function runCli(
  argv: string[],
  io: CliOutput = process,
  context: CliContext = {},
): Promise<number> {
  // `brief new` and `brief import` make sources; they have their own options (src/import).
  if (argv[0] === 'new' || argv[0] === 'import')
    return (await import('../import/index.js')).runSourceCommand(argv, io, formatForTerminal);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: parseArgsOptions() });
  } catch (e) {
    io.stderr.write(`brief: ${(e as Error).message}\n${usageText()}\n`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const [command, ...issueArgs] = parsed.positionals;
  if (values['help'] || command === undefined) {
    io.stdout.write(`${usageText()}\n`);
    return values['help'] ? 0 : 2;
  }
  if (!COMMANDS.some((c) => c.name === command)) {
    io.stderr.write(`brief: unknown command '${command}'\n${usageText()}\n`);
    return 2;
  }
  const editionFlag = String(values['edition']);
  const editions = EDITION_FLAGS[editionFlag];
  if (!editions) {
    io.stderr.write(`brief: --edition must be hant, hans or all (got '${editionFlag}')\n`);
    return 2;
  }
  const jobsFlag = values['jobs'];
  const jobs = typeof jobsFlag === 'string' ? Number(jobsFlag) : undefined;
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    io.stderr.write(`brief: --jobs must be a whole number from 1 (got '${String(jobsFlag)}')\n`);
    return 2;
  }

  const root = path.resolve(String(values['root']));
  if (command === 'server')
    return (await import('./client.js')).runServerCommand(issueArgs, root, io, runCli);
  // A build first asks the resident server (src/cli/serve.ts); without one it runs here.
  const useServer = command === 'build' && !context.served && serverWanted(values['no-server'] === true);
  if (useServer) {
    const served = await (await import('./client.js')).buildThroughServer(argv, io);
    if (served !== undefined) return served;
  }

  // Loaded here, not at the top, so `brief --help`, usage errors and served builds answer at once.
  const lib = await import('../index.js');
  const { isBriefError } = lib;
  const outDir = path.resolve(String(values['out']));
  // A problem of the project itself (the profile, a template) fails every issue: say it once.
  const printed = new Set<string>();
  const report = (diagnostics: readonly Diagnostic[]): void => {
    for (const d of diagnostics) {
      const text = formatForTerminal(d);
      if (printed.has(text)) continue;
      printed.add(text);
      io.stderr.write(`${text}\n`);
    }
  };

  let issues: string[];
  try {
    issues = issueArgs.length ? issueArgs.map((d) => path.resolve(d)) : lib.listIssues(root);
  } catch (e) {
    if (!isBriefError(e)) throw e;
    report(e.diagnostics);
    return 1;
  }

  if (command === 'watch')
    return (await import('./watch.js')).runWatch({
      root,
      issues,
      editions,
      outDir,
      grey: values['grey'] === true,
      pdfa: values['no-pdfa'] !== true,
      io,
    });

  let failed = 0;
  if (command === 'check') {
    try {
      const project = (context.loadProject ?? lib.loadProject)(root);
      for (const dir of issues) {
        // The pre-flight alone: coverage per edition and role; exit 1 if any character is uncovered.
        try {
          const check = lib.checkIssue(project, dir, editions);
          io.stdout.write(`${path.relative(process.cwd(), check.article.file)}\n`);
          for (const e of check.editions)
            for (const l of lib.formatCoverage(e.edition, e.coverage)) io.stdout.write(`  ${l}\n`);
          report(check.problems);
          if (check.problems.length) failed += 1;
        } catch (e) {
          if (!isBriefError(e)) throw e;
          failed += 1;
          report(e.diagnostics);
        }
      }
    } catch (e) {
      if (!isBriefError(e)) throw e;
      report(e.diagnostics);
      return 1;
    }
    return failed ? 1 : 0;
  }

  const prune = values['prune'] === true;
  if (command === 'catalogue') return (await catalogue(lib, root, outDir, prune, io, report)) ? 0 : 1;

  // build: one issue at a time in this thread, or a pool of worker threads for many; unchanged
  // issues are skipped. Building the whole project (no folders named) also writes the catalogue.
  const progress = new Progress(issues.length, io.stdout);

  let project: Project | undefined;
  try {
    project = context.loadProject?.(root);
  } catch (e) {
    if (!isBriefError(e)) throw e;
    report(e.diagnostics);
    return 1;
  }
  await lib.buildAll(
    root,
    {
      ...(project ? { project } : {}),
      issues,
      editions,
      outDir,
      grey: values['grey'] === true,
      pdfa: values['no-pdfa'] !== true,
      jobs: jobs ?? lib.defaultJobs(issues.length),
      force: values['force'] === true,
    },
    (r) => {
      if (!r.ok) {
        failed += 1;
        progress.issue(r.dir, 'failed', r.diagnostics[0] ? lib.formatDiagnostic(r.diagnostics[0]) : '');
        progress.clearLine();
        report(r.diagnostics);
        return;
      }
      if (r.skipped) {
        progress.issue(r.dir, 'skipped');
        return;
      }
      progress.clearLine();
      report(r.written.warnings);
      for (const f of r.written.files)
        progress.line(`${path.relative(process.cwd(), f.file)}  ${(f.bytes / 1024).toFixed(0)} KB`);
      for (const s of r.written.summaries) progress.line(s);
      progress.issue(r.dir, 'built');
    },
  );
  // The summary table is for batches; one issue's outcome is already on screen.
  if (issues.length > 1) progress.finish();
  else progress.clearLine();
  const catalogued = issueArgs.length ? true : await catalogue(lib, root, outDir, prune, io, report);
  // For the next build: a server that keeps this project loaded (warmed up on the first issue).
  if (useServer) (await import('./client.js')).startServer(root, issues.slice(0, 1));
  return failed || !catalogued ? 1 : 0;
}

type Library = typeof LibraryModule;

/** `brief catalogue`, and the end of a whole-project build: the catalogue site from the sidecars. */
async function catalogue(
  lib: Library,
  root: string,
  outDir: string,
  prune: boolean,
  io: CliOutput,
  report: (d: readonly Diagnostic[]) => void,
): Promise<boolean> {
  try {
    const c = await lib.writeCatalogue(root, outDir, { prune });
    const where = path.relative(process.cwd(), path.join(outDir, 'index.html'));
    io.stdout.write(
      `${where}  ${c.issues} issues (thumbnails: ${c.thumbnails.rendered} made, ${c.thumbnails.cached} kept), feed.xml, catalogue.json\n`,
    );
    if (c.removed.length)
      io.stdout.write(
        `left out of the catalogue (folder gone${prune ? ', files deleted' : '; --prune deletes their files'}): ${c.removed.join(', ')}\n`,
      );
    return true;
  } catch (e) {
    if (!lib.isBriefError(e)) throw e;
    report(e.diagnostics);
    return false;
  }
}
