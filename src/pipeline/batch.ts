import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isBriefError } from '../errors.js';
import type { Diagnostic, Edition } from '../model.js';
import type { BuildOptions } from './options.js';
import { resolveBuildOptions } from './options.js';
import type { Project } from './project.js';
import { loadProject } from './project.js';
import { buildIssue } from './issue.js';
import type { WrittenIssue } from './write.js';
import { writeIssue } from './write.js';
import { issueInputHash, projectInputHash, upToDate } from './inputs.js';
import { PROJECT_LAYOUT } from './project.js';
import { loadFoundation } from '../source/index.js';
import { renderTextTemplate } from '../template/index.js';

/**
 * Many issues at once (the archive, a template change): a pool of worker threads, each loading
 * the project once (fonts, templates, converter) and building whole issues, PDFs written by the
 * worker itself so no PDF crosses threads. With one job everything runs in this thread instead.
 * Rendering is synchronous CPU work, so more jobs than cores only adds memory.
 */

export interface BatchOptions extends BuildOptions {
  root: string;
  issues: readonly string[];
  /** Worker threads; 1 builds in this thread. Default: see defaultJobs. */
  jobs?: number;
  /** The compiled worker module (tests pass a compiled copy); default: batch-worker.js beside this file. */
  workerUrl?: URL;
  /** Build every issue, even those whose inputs are unchanged since their last build. Default: false. */
  force?: boolean;
  /** The project, already loaded (the build server and `brief watch` keep it); default: loaded here. */
  project?: Project;
}

/**
 * One issue's outcome, in the order the issues were given. `skipped`: its inputs hash matched its
 * sidecar, nothing was built and `written` is what the earlier build wrote.
 */
export type BatchResult =
  | { dir: string; ok: true; written: WrittenIssue; skipped?: boolean }
  | { dir: string; ok: false; diagnostics: Diagnostic[] };

/** Messages between the pool and its workers. */
export interface BatchTask {
  index: number;
  dir: string;
  /** The issue's inputs hash, for its sidecar (null: not computed). */
  inputs: string | null;
}

export type BatchReply =
  | { index: number; kind: 'ok'; written: WrittenIssue }
  | { index: number; kind: 'user-error'; diagnostics: Diagnostic[] }
  | { index: number; kind: 'internal-error'; message: string };

/** The first worker's font files, in shared memory, for the workers started after it. */
export interface BatchFonts {
  kind: 'fonts';
  fonts: Record<string, SharedArrayBuffer>;
}

export interface BatchWorkerData {
  /** Font files already read (by the first worker); absent for the first worker itself. */
  fonts?: Record<string, SharedArrayBuffer>;
  root: string;
  editions: Edition[];
  outDir: string;
  grey: boolean;
  pdfa: boolean;
}

/** Workers only pay off beyond a few issues: each one loads the fonts (≈ 0.3–0.5 s) first. */
const MIN_ISSUES_PER_WORKER = 4;

/**
 * Worker heap limits (MB). A build keeps about 45 MB alive and allocates ≈ 100 MB more per issue;
 * without limits V8 lets each worker's heap grow far before collecting. Measured, 100 issues on 2
 * workers (the fonts, 85 MB, are shared and counted once): no limits 5.8 s / 615 MB peak RSS;
 * old 192: 7.0 s / 405 MB; old 192 + young 16: 7.4 s / 363 MB; young 8: 7.7 s / 347 MB.
 */
const WORKER_HEAP_MB = { old: 192, young: 16 };

/** One job per core, no more jobs than there are issues to share out. */
export function defaultJobs(issueCount: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(issueCount / MIN_ISSUES_PER_WORKER)));
}

/**
 * Builds and writes every issue; `onResult` hears each outcome as soon as it and all issues
 * before it are done (so output stays in input order). A user error (bad input, uncovered
 * character) fails that issue only; an internal error stops the batch and is thrown.
 */
export async function buildBatch(
  options: BatchOptions,
  onResult: (result: BatchResult) => void = () => undefined,
): Promise<BatchResult[]> {
  const { skipped, inputs } = planBatch(options);
  const todo = options.issues.filter((_, i) => !skipped[i]);
  const todoInputs = inputs.filter((_, i) => !skipped[i]);
  // Results in input order: each skipped issue is reported just before the next built one.
  const results: BatchResult[] = [];
  let at = 0;
  const flushSkipped = (): void => {
    for (let s = skipped[at]; s !== undefined && s !== null; s = skipped[at]) {
      results.push(s);
      onResult(s);
      at += 1;
    }
  };
  const hear = (r: BatchResult): void => {
    flushSkipped();
    results.push(r);
    onResult(r);
    at += 1;
  };
  flushSkipped();
  if (todo.length) {
    const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(todo.length), todo.length));
    const subset = { ...options, issues: todo };
    if (jobs === 1) await buildInThisThread(subset, todoInputs, hear);
    else await buildInWorkers(subset, todoInputs, jobs, hear);
  }
  flushSkipped();
  return results;
}

/**
 * Which issues are up to date (their skipped result) and every issue's inputs hash. Without a
 * readable profile nothing is skipped: the build reports the profile's problems.
 */
function planBatch(options: BatchOptions): { skipped: (BatchResult | null)[]; inputs: (string | null)[] } {
  const resolved = resolveBuildOptions(options);
  let projectHash: string;
  try {
    const foundation = loadFoundation(path.join(options.root, PROJECT_LAYOUT.foundation), renderTextTemplate);
    projectHash = projectInputHash(options.root, foundation, resolved);
  } catch (e) {
    if (!isBriefError(e)) throw e;
    return { skipped: options.issues.map(() => null), inputs: options.issues.map(() => null) };
  }
  const inputs = options.issues.map((dir) => issueInputHash(projectHash, dir));
  const skipped = options.issues.map((dir, i): BatchResult | null => {
    const hash = inputs[i];
    if (options.force || hash === undefined || hash === null) return null;
    const slug = path.basename(dir);
    const done = upToDate(resolved.outDir, slug, hash, resolved.editions);
    if (!done) return null;
    return {
      dir,
      ok: true,
      skipped: true,
      written: { slug, ...done, reviews: [], summaries: [], warnings: [] },
    };
  });
  return { skipped, inputs };
}

async function buildInThisThread(
  options: BatchOptions,
  inputs: readonly (string | null)[],
  onResult: (result: BatchResult) => void,
): Promise<BatchResult[]> {
  let project: Project;
  const results: BatchResult[] = [];
  try {
    project = options.project ?? loadProject(options.root);
  } catch (e) {
    if (!isBriefError(e)) throw e;
    for (const dir of options.issues) {
      const r: BatchResult = { dir, ok: false, diagnostics: e.diagnostics };
      results.push(r);
      onResult(r);
    }
    return results;
  }
  for (const [i, dir] of options.issues.entries()) {
    let r: BatchResult;
    try {
      const build = await buildIssue(project, dir, options);
      r = {
        dir,
        ok: true,
        written: writeIssue(build, resolveBuildOptions(options).outDir, inputs[i] ?? null),
      };
    } catch (e) {
      if (!isBriefError(e)) throw e;
      r = { dir, ok: false, diagnostics: e.diagnostics };
    }
    results.push(r);
    onResult(r);
  }
  return results;
}

/** What every worker is started with: the build options it needs, and its module. */
function workerSetup(options: Omit<BatchOptions, 'issues' | 'jobs'>): { data: BatchWorkerData; url: URL } {
  const resolved = resolveBuildOptions(options);
  return {
    data: {
      root: options.root,
      editions: [...resolved.editions],
      outDir: resolved.outDir,
      grey: resolved.grey,
      pdfa: resolved.pdfa,
    },
    url: options.workerUrl ?? new URL('./batch-worker.js', import.meta.url),
  };
}

function buildInWorkers(
  options: BatchOptions,
  inputs: readonly (string | null)[],
  jobs: number,
  onResult: (result: BatchResult) => void,
): Promise<BatchResult[]> {
  const { data: workerData, url } = workerSetup(options);
  const results: (BatchResult | undefined)[] = new Array(options.issues.length);
  let next = 0;
  let reported = 0;
  const workers: Worker[] = [];
  const retired = new Set<Worker>();

  return new Promise<BatchResult[]>((resolve, reject) => {
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) {
        retired.add(w);
        void w.terminate();
      }
      reject(e);
    };
    const feed = (w: Worker): void => {
      if (next < options.issues.length) {
        const index = next++;
        const task: BatchTask = { index, dir: options.issues[index] ?? '', inputs: inputs[index] ?? null };
        w.postMessage(task);
      } else {
        retired.add(w);
        void w.terminate();
      }
    };
    const flush = (): void => {
      for (let r = results[reported]; r !== undefined; r = results[reported]) {
        onResult(r);
        reported += 1;
      }
      if (reported === options.issues.length && !failed) resolve(results as BatchResult[]);
    };
    const start = (fonts?: Record<string, SharedArrayBuffer>): void => {
      const w = new Worker(url, {
        workerData: fonts ? { ...workerData, fonts } : workerData,
        resourceLimits: {
          maxOldGenerationSizeMb: WORKER_HEAP_MB.old,
          maxYoungGenerationSizeMb: WORKER_HEAP_MB.young,
        },
      });
      workers.push(w);
      w.on('message', (reply: BatchReply | BatchFonts) => {
        if (reply.kind === 'fonts') {
          // The first worker has read the fonts: the others start now and share them.
          for (let i = 1; i < jobs && !failed; i++) start(reply.fonts);
          return;
        }
        const dir = options.issues[reply.index] ?? '';
        if (reply.kind === 'internal-error') {
          fail(new Error(`${dir}: ${reply.message}`));
          return;
        }
        results[reply.index] =
          reply.kind === 'ok'
            ? { dir, ok: true, written: reply.written }
            : { dir, ok: false, diagnostics: reply.diagnostics };
        feed(w);
        flush();
      });
      w.on('error', (e) => fail(e));
      w.on('exit', (code) => {
        if (!retired.has(w)) fail(new Error(`a batch worker stopped (exit code ${code})`));
      });
      feed(w);
    };
    start();
  });
}
