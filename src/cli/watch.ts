/**
 * `brief watch`: builds the issues, then rebuilds whatever a saved change touches until Ctrl-C.
 *
 * It watches folders, not files (fs.watch on each issue's folder and its subfolders, and on the
 * project's assets/, templates/ and fonts/), so an editor that saves by writing a new file and
 * renaming it over the old one, or a file deleted and made again, is seen like any other save. A
 * burst of saves is gathered (DEBOUNCE_MS after the last one) into one rebuild; a save during a
 * build queues one more. A change to an issue rebuilds that issue (its editions); a change to the
 * profile, glossary, vocabulary, templates or fonts manifest reloads the project and rebuilds all.
 * One line per rebuild; a failed build prints its problems as `path:line:col` and, since writes
 * are atomic and a failure writes nothing, leaves the last good PDFs in place.
 */
import type { FSWatcher } from 'node:fs';
import { readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Edition, Project } from '../index.js';
import type { CliOutput } from './run.js';
import { formatForTerminal } from './report.js';

export const DEBOUNCE_MS = 25;

export interface WatchOptions {
  root: string;
  issues: readonly string[];
  editions: readonly Edition[];
  outDir: string;
  grey: boolean;
  pdfa: boolean;
  io: CliOutput;
  /** Stops the watch (as Ctrl-C does); tests use it. */
  signal?: AbortSignal;
  /** Hears each rebuild as it is printed (tests, the benchmark). */
  onBuild?: (event: WatchEvent) => void;
}

export interface WatchEvent {
  dir: string;
  ok: boolean;
  ms: number;
  line: string;
}

/** Files of the project whose change reloads it. */
const PROJECT_FILES: Record<string, (name: string) => boolean> = {
  assets: (n) => /\.(ya?ml|tsv)$/.test(n),
  templates: () => true,
  fonts: (n) => n.endsWith('.json'),
};

/** Editors' scratch files, never an input. */
function scratch(name: string): boolean {
  const base = path.basename(name);
  return (
    base.startsWith('.') ||
    base.endsWith('~') ||
    base.endsWith('.swp') ||
    base.endsWith('.tmp') ||
    /^\d+$/.test(base)
  );
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const clock = (d: Date): string => d.toTimeString().slice(0, 8);

export async function runWatch(options: WatchOptions): Promise<number> {
  const { root, io } = options;
  const lib = await import('../index.js');
  const label = options.editions.length === 2 ? 'both editions' : options.editions.join(' + ');
  const lastWarnings = new Map<string, string>();
  let project: Project | undefined;

  const loadProject = (): boolean => {
    try {
      project = lib.loadProject(root);
      return true;
    } catch (e) {
      if (!lib.isBriefError(e)) throw e;
      io.stderr.write(`${clock(new Date())} project  failed: ${e.diagnostics.length} problem(s)\n`);
      for (const d of e.diagnostics) io.stderr.write(`${formatForTerminal(d)}\n`);
      project = undefined;
      return false;
    }
  };

  const build = async (dir: string): Promise<void> => {
    if (!project) return;
    const started = performance.now();
    const [result] = await lib.buildAll(root, {
      project,
      issues: [dir],
      editions: options.editions,
      outDir: options.outDir,
      grey: options.grey,
      pdfa: options.pdfa,
      jobs: 1,
    });
    const ms = performance.now() - started;
    const now = clock(new Date());
    let line: string;
    let diagnostics: readonly Diagnostic[];
    if (result?.ok) {
      // A save that restores what was last built (an undo, a repaired typo) builds nothing.
      const what = result.skipped ? 'unchanged, PDFs up to date' : label;
      line = `${now} ${result.written.slug}  ${what}  ${ms.toFixed(0)} ms`;
      diagnostics = result.written.warnings;
      const text = diagnostics.map(formatForTerminal).join('\n');
      // Warnings once, and again only when they change.
      if (text === lastWarnings.get(dir)) diagnostics = [];
      lastWarnings.set(dir, text);
      io.stdout.write(`${line}\n`);
    } else {
      line = `${now} ${path.basename(dir)}  failed, last good PDFs kept  ${ms.toFixed(0)} ms`;
      diagnostics = result && !result.ok ? result.diagnostics : [];
      lastWarnings.delete(dir);
      io.stderr.write(`${line}\n`);
    }
    for (const d of diagnostics) io.stderr.write(`${formatForTerminal(d)}\n`);
    options.onBuild?.({ dir, ok: result?.ok === true, ms, line });
  };

  // The build loop: one build at a time; what changes meanwhile is queued.
  const pending = new Set<string>();
  let projectChanged = false;
  let running: Promise<void> | undefined;
  const pump = (): void => {
    if (running) return;
    running = (async () => {
      while (!stopped && (projectChanged || pending.size)) {
        if (projectChanged) {
          projectChanged = false;
          if (loadProject()) for (const d of options.issues) pending.add(d);
          continue;
        }
        const [dir] = pending;
        if (dir === undefined) break;
        pending.delete(dir);
        await build(dir);
      }
    })().finally(() => {
      running = undefined;
      if (!stopped && (projectChanged || pending.size)) pump();
    });
  };
  const timers = new Map<string, NodeJS.Timeout>();
  const later = (key: string, action: () => void): void => {
    const t = timers.get(key);
    if (t) clearTimeout(t);
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        action();
        pump();
      }, DEBOUNCE_MS),
    );
  };

  // Watch first, then build: a save during the first builds is not missed.
  const watchers: FSWatcher[] = [];
  // Each folder and its subfolders get a watcher of their own (fs.watch's own `recursive` on
  // Linux loses track of a file replaced by a rename); a folder made later is watched when seen.
  const watched = new Set<string>();
  const watchDir = (dir: string, recursive: boolean, onChange: (name: string) => void): void => {
    if (watched.has(dir)) return;
    try {
      const w = watch(dir, (_event, name) => {
        if (name === null || scratch(name)) return;
        if (recursive) {
          const sub = path.join(dir, name);
          if (isFolder(sub)) watchDir(sub, true, (n) => onChange(path.join(name, n)));
        }
        onChange(name);
      });
      w.on('error', () => undefined);
      watchers.push(w);
      watched.add(dir);
    } catch {
      // A folder that does not exist (no templates of its own, say): nothing to watch there.
      return;
    }
    if (!recursive) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory() && !scratch(entry.name))
        watchDir(path.join(dir, entry.name), true, (n) => onChange(path.join(entry.name, n)));
  };
  for (const dir of options.issues) watchDir(dir, true, () => later(dir, () => pending.add(dir)));
  for (const [folder, relevant] of Object.entries(PROJECT_FILES)) {
    watchDir(path.join(root, folder), folder === 'templates', (name) => {
      if (relevant(name)) later('project', () => (projectChanged = true));
    });
  }

  let stopped = false;
  let stop: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (stop = resolve));
  const onSignal = (): void => stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  options.signal?.addEventListener('abort', onSignal, { once: true });

  if (loadProject()) for (const d of options.issues) pending.add(d);
  pump();
  io.stderr.write(
    `watching ${options.issues.length} issue${options.issues.length === 1 ? '' : 's'} (Ctrl-C to stop)\n`,
  );

  await stoppedPromise;
  stopped = true;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  for (const t of timers.values()) clearTimeout(t);
  for (const w of watchers) w.close();
  // A build under way finishes (its writes are atomic): nothing half-written, no temp file left.
  await running;
  return 0;
}
