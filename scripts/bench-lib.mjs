/**
 * What the bench scripts (bench.mjs, bench-speed.mjs, bench-archive.mjs) share: their command-line
 * options, medians and the way figures are printed, and timing a whole process with its peak RSS
 * and CPU time (from /usr/bin/time when it is there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
/** `--name` given. */
export const flag = (name) => args.includes(`--${name}`);
/** The value after `--name` (text), or `fallback`. */
export const textOption = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
/** The number after `--name`, or `fallback`. */
export const option = (name, fallback) => {
  const text = textOption(name, undefined);
  return text === undefined ? fallback : Number(text);
};

export const log = (s) => process.stderr.write(`${s}\n`);

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const quantile = (xs, q) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
export const ms = (x) =>
  x === undefined ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
export const mib = (kb) => (kb === undefined ? '—' : `${(kb / 1024).toFixed(0)} MiB`);
export const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const TIME = ['/usr/bin/time', '/bin/time'].find((f) => existsSync(f));

/**
 * Runs a whole process: wall time in ms, peak RSS in KiB and CPU time (user + system) in ms when
 * /usr/bin/time exists, its output and exit status. A failed process throws, unless `tolerate`.
 */
export function timeProcess(argv, { tolerate = false, ...options } = {}) {
  const cmd = TIME ? [TIME, '-f', '@@rss %M @@cpu %U %S', ...argv] : argv;
  const t = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 256 << 20, ...options });
  const wall = performance.now() - t;
  if (r.status !== 0 && !tolerate) throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const rss = /@@rss (\d+)/.exec(r.stderr ?? '')?.[1];
  const cpu = /@@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    wall,
    rss: rss === undefined ? undefined : Number(rss),
    // CPU seconds of the process: what a loaded machine disturbs least.
    cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined,
    stdout: r.stdout,
    stderr: r.stderr,
    status: r.status,
  };
}
