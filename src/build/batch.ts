import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BriefError, isBriefError } from '../errors.js';
import type { Diagnostic, Edition } from '../model.js';
import type { Project, WrittenIssue } from './index.js';
import { buildIssue, loadProject, writeIssue } from './index.js';

/**
 * Many issues at once (the archive, a template change): a pool of worker threads, each loading
 * the project once (fonts, templates, converter) and building whole issues, PDFs written by the
 * worker itself so no PDF crosses threads. With one job everything runs in this thread instead.
 * Rendering is synchronous CPU work, so more jobs than cores only adds memory.
 */

export interface BatchOptions {
  root: string;
  issues: readonly string[];
  editions: readonly Edition[];
  outDir: string;
  grey?: boolean;
  pdfa?: boolean;
  /** Worker threads; 1 builds in this thread. Default: see defaultJobs. */
  jobs?: number;
  /** The compiled worker module (tests pass a compiled copy); default: batch-worker.js beside this file. */
  workerUrl?: URL;
}

/** One issue's outcome, in the order the issues were given. */
export type BatchResult =
  { dir: string; ok: true; written: WrittenIssue } | { dir: string; ok: false; diagnostics: Diagnostic[] };

/** Messages between the pool and its workers. */
export interface BatchTask {
  index: number;
  dir: string;
  /** Render only this edition, in memory, and send the PDF back (EditionPool). */
  render?: Edition;
}

export type BatchReply =
  | { index: number; kind: 'ok'; written: WrittenIssue }
  | { index: number; kind: 'pdf'; edition: Edition; pdf: Uint8Array }
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
export const MIN_ISSUES_PER_WORKER = 4;

/**
 * Worker heap limits (MB). A build keeps about 45 MB alive and allocates ≈ 100 MB more per issue;
 * without limits V8 lets each worker's heap grow far before collecting. Measured, 100 issues on 2
 * workers (the fonts, 85 MB, are shared and counted once): no limits 5.8 s / 615 MB peak RSS;
 * old 192: 7.0 s / 405 MB; old 192 + young 16: 7.4 s / 363 MB; young 8: 7.7 s / 347 MB.
 */
export const WORKER_HEAP_MB = { old: 192, young: 16 };

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
  const jobs = Math.max(
    1,
    Math.min(options.jobs ?? defaultJobs(options.issues.length), options.issues.length),
  );
  if (jobs === 1) return buildInThisThread(options, onResult);
  return buildInWorkers(options, jobs, onResult);
}

async function buildInThisThread(
  options: BatchOptions,
  onResult: (result: BatchResult) => void,
): Promise<BatchResult[]> {
  let project: Project;
  const results: BatchResult[] = [];
  try {
    project = loadProject(options.root);
  } catch (e) {
    if (!isBriefError(e)) throw e;
    for (const dir of options.issues) {
      const r: BatchResult = { dir, ok: false, diagnostics: e.diagnostics };
      results.push(r);
      onResult(r);
    }
    return results;
  }
  for (const dir of options.issues) {
    let r: BatchResult;
    try {
      const build = await buildIssue(project, dir, {
        editions: options.editions,
        outDir: options.outDir,
        grey: options.grey === true,
        pdfa: options.pdfa !== false,
      });
      r = { dir, ok: true, written: writeIssue(build, options.outDir) };
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
  return {
    data: {
      root: options.root,
      editions: [...options.editions],
      outDir: options.outDir,
      grey: options.grey === true,
      pdfa: options.pdfa !== false,
    },
    url: options.workerUrl ?? new URL('./batch-worker.js', import.meta.url),
  };
}

function buildInWorkers(
  options: BatchOptions,
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
        const task: BatchTask = { index, dir: options.issues[index] ?? '' };
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
        if (reply.kind === 'pdf') return;
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

/**
 * A long-lived pool for rebuilding one issue again and again (the watch mode): one worker per
 * edition, each keeping its fonts, caches and JIT warm, so both editions are set at the same
 * time on two cores. `build` returns the PDFs in memory (nothing is written) or throws the
 * BriefError's diagnostics as a BriefError.
 */
export class EditionPool {
  private readonly workers = new Map<Edition, Worker>();
  private readonly waiting = new Map<number, (reply: BatchReply) => void>();
  private next = 0;
  private broken: Error | null = null;

  private constructor(private readonly editions: readonly Edition[]) {}

  static async open(options: Omit<BatchOptions, 'issues' | 'jobs'>): Promise<EditionPool> {
    const pool = new EditionPool(options.editions);
    const { data: base, url } = workerSetup(options);
    let fonts: Record<string, SharedArrayBuffer> | undefined;
    for (const edition of options.editions) {
      const w = new Worker(url, {
        workerData: fonts ? { ...base, fonts } : base,
        resourceLimits: {
          maxOldGenerationSizeMb: WORKER_HEAP_MB.old,
          maxYoungGenerationSizeMb: WORKER_HEAP_MB.young,
        },
      });
      pool.workers.set(edition, w);
      const ready = new Promise<Record<string, SharedArrayBuffer> | undefined>((resolve) => {
        w.on('message', (m: BatchReply | BatchFonts) => {
          if (m.kind === 'fonts') resolve(m.fonts);
          else pool.waiting.get(m.index)?.(m);
        });
        if (fonts) resolve(undefined);
      });
      w.on('error', (e) => pool.fail(e));
      w.on('exit', (code) => pool.fail(new Error(`an edition worker stopped (exit code ${code})`)));
      fonts ??= await ready;
    }
    return pool;
  }

  private fail(e: Error): void {
    this.broken ??= e;
    for (const resolve of this.waiting.values())
      resolve({ index: -1, kind: 'internal-error', message: e.message });
    this.waiting.clear();
  }

  /** Every edition of the issue, rendered at once, one per worker. */
  async build(dir: string): Promise<{ edition: Edition; pdf: Buffer }[]> {
    if (this.broken) throw this.broken;
    const replies = await Promise.all(
      this.editions.map(
        (edition) =>
          new Promise<BatchReply>((resolve) => {
            const index = this.next++;
            this.waiting.set(index, (reply) => {
              this.waiting.delete(index);
              resolve(reply);
            });
            const task: BatchTask = { index, dir, render: edition };
            this.workers.get(edition)?.postMessage(task);
          }),
      ),
    );
    const problems: Diagnostic[] = [];
    const pdfs: { edition: Edition; pdf: Buffer }[] = [];
    for (const r of replies) {
      if (r.kind === 'internal-error') throw new Error(r.message);
      if (r.kind === 'user-error') problems.push(...r.diagnostics);
      if (r.kind === 'pdf')
        pdfs.push({ edition: r.edition, pdf: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength) });
    }
    if (problems.length) {
      // Both editions report a broken source alike: each problem once.
      const seen = new Set<string>();
      throw new BriefError(
        problems.filter((d) => !seen.has(JSON.stringify(d)) && seen.add(JSON.stringify(d))),
      );
    }
    return pdfs;
  }

  async close(): Promise<void> {
    this.broken ??= new Error('the pool is closed');
    const workers = [...this.workers.values()];
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
