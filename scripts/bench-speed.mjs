/**
 * The speed targets of issue 15, run by `npm run bench` (after its own table) or alone:
 *
 *   node scripts/bench-speed.mjs [--rounds 9] [--edits 20] [--no-build]
 *
 * Each target is a median over ≥ 9 rounds; in every round our measure and Typst's one edition
 * (../shared/peers/typst-brief.mjs, a cold process) run one after the other, and the ratio is
 * taken per round, so a busy moment of this shared machine weighs on both. Peak RSS comes from
 * /usr/bin/time. The server and the code cache live in a scratch folder, removed at the end.
 *
 * 1. cold `brief build --no-server`, both editions (bin/brief.cjs: the bundle + V8 code cache);
 * 2. `brief build` with the server running, both editions: the whole client process;
 * 3. warm rebuild in a long-lived process (what the server and `brief watch` do), both editions,
 *    one paragraph edited each round;
 * 4. `brief watch`: from writing an edited article.md to the line saying both PDFs are in place.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  flag,
  loadAverage,
  log,
  median,
  mib,
  ms,
  option,
  quantile,
  timeProcess as timeWholeProcess,
} from './bench-lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'assets/issues/2025-alaska-summit');
const PEER = path.resolve(ROOT, '../shared/peers/typst-brief.mjs');
const BRIEF = path.join(ROOT, 'bin/brief.cjs');

const ROUNDS = Math.max(9, option('rounds', 9));
const EDITS = Math.max(20, option('edits', 20));

if (!flag('no-build')) {
  log('npm run build …');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const work = mkdtempSync(path.join(tmpdir(), 'brief-speed-'));
const env = {
  ...process.env,
  BRIEF_CACHE_DIR: path.join(work, 'cache'),
  BRIEF_SOCKET_DIR: path.join(work, 'run'),
  BRIEF_SERVER: 'on',
};
const issue = path.join(work, 'issues', '2025-alaska-summit');
cpSync(SAMPLE, issue, { recursive: true });
const article = path.join(issue, 'article.md');
const original = readFileSync(article, 'utf8');
/** The article with its first body paragraph edited (a different edit for each n). */
const edited = (n) => original.replace('。', `，第 ${n} 稿。`);
const out = path.join(work, 'out');

const timeProcess = (argv, options = {}) => timeWholeProcess(argv, { env, ...options });

// --force: every run builds (an unchanged issue would be skipped, issue 13).
const brief = (...extra) => [
  process.execPath,
  BRIEF,
  'build',
  issue,
  '--root',
  ROOT,
  '--out',
  out,
  '--force',
  ...extra,
];
const typst = typstCommand();
const typstRun = () => (typst ? timeProcess(typst.argv, { env: typst.env }) : undefined);

/** Alternating rounds: ours, then Typst's; ratios per round. */
function rounds(label, ours) {
  log(`${label}: ${ROUNDS} rounds …`);
  const r = [];
  for (let i = 0; i < ROUNDS; i++) {
    const a = ours(i);
    const b = typstRun();
    r.push({ ours: a, typst: b, ratio: b ? a.wall / b.wall : undefined });
  }
  return {
    ours: median(r.map((x) => x.ours.wall)),
    typst: typst ? median(r.map((x) => x.typst.wall)) : undefined,
    ratio: typst ? median(r.map((x) => x.ratio)) : undefined,
    ratioRange: typst ? [Math.min(...r.map((x) => x.ratio)), Math.max(...r.map((x) => x.ratio))] : undefined,
    rss: r.every((x) => x.ours.rss !== undefined) ? Math.max(...r.map((x) => x.ours.rss)) : undefined,
    cpu: r.every((x) => x.ours.cpu !== undefined) ? median(r.map((x) => x.ours.cpu)) : undefined,
    cpuRatio:
      typst && r.every((x) => x.ours.cpu !== undefined && x.typst.cpu)
        ? median(r.map((x) => x.ours.cpu / x.typst.cpu))
        : undefined,
    typstRss:
      typst && r.every((x) => x.typst.rss !== undefined) ? Math.max(...r.map((x) => x.typst.rss)) : undefined,
  };
}

const loads = [loadAverage()];
// Fill the photo cache and the code cache, as on an editor's machine after a first build.
timeProcess(brief('--no-server'));
timeProcess(brief('--no-server'));
typstRun();

// 1. cold, no server.
const cold = rounds('cold brief build --no-server', () => timeProcess(brief('--no-server')));
loads.push(loadAverage());

// 2. with the server running.
timeProcess([process.execPath, BRIEF, 'server', 'start', '--root', ROOT, issue]);
for (
  let i = 0;
  i < 200 && spawnSync(process.execPath, [BRIEF, 'server', 'status'], { env }).status !== 0;
  i++
)
  await new Promise((r) => setTimeout(r, 100));
timeProcess(brief()); // the server's first request
const served = rounds('brief build with the server running', () => timeProcess(brief()));
spawnSync(process.execPath, [BRIEF, 'server', 'stop'], { env });
loads.push(loadAverage());

// 3. warm rebuild in a long-lived process, one paragraph edited each round.
log(`warm rebuild: ${ROUNDS * 2} rounds …`);
const lib = await import(pathToFileURL(path.join(ROOT, 'dist/index.js')).href);
const project = lib.loadProject(ROOT);
const warmCpu = [];
const rebuild = async () => {
  const t = performance.now();
  const c = process.cpuUsage();
  const [r] = await lib.buildAll(ROOT, { project, issues: [issue], outDir: out, jobs: 1 });
  if (!r?.ok) throw new Error('warm rebuild failed');
  const d = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
};
for (let i = 0; i < 5; i++) await rebuild(); // warm-up, as a server that has built a few times
const warmEdited = [];
const warmSame = [];
for (let i = 0; i < ROUNDS * 2; i++) {
  writeFileSync(article, edited(i));
  const e = await rebuild();
  warmEdited.push(e.wall);
  warmCpu.push(e.cpu);
  warmSame.push((await rebuild()).wall);
}
writeFileSync(article, original);
loads.push(loadAverage());

// 4. brief watch: save → both PDFs in place (the line it prints after the renames).
log(`brief watch: ${EDITS} edits …`);
const watchTimes = await benchWatch();
loads.push(loadAverage());
rmSync(work, { recursive: true, force: true });

/** A target measured against Typst round by round: its ratio row and its CPU-time row. */
const ratioRows = (label, m, target) => [
  [
    label,
    ms(m.ours),
    ms(m.typst),
    m.ratio === undefined
      ? '—'
      : `${m.ratio.toFixed(2)}× (rounds ${m.ratioRange.map((x) => x.toFixed(2)).join('–')})`,
    `≤ ${target.toFixed(2)}×`,
    m.ratio === undefined ? '?' : m.ratio <= target ? 'met' : 'missed',
  ],
  [
    '  the same, CPU time (user + system)',
    ms(m.cpu),
    '',
    m.cpuRatio === undefined ? '—' : `${m.cpuRatio.toFixed(2)}× (CPU)`,
    '',
    '',
  ],
];

const rows = [
  ...ratioRows('cold `brief build --no-server`, both editions (process)', cold, 2.5),
  [
    'peak RSS, cold `brief build --no-server`',
    mib(cold.rss),
    mib(cold.typstRss),
    cold.typstRss ? `${(cold.rss / cold.typstRss).toFixed(2)}×` : '—',
    '≤ 150 MiB',
    cold.rss === undefined ? '?' : cold.rss / 1024 <= 150 ? 'met' : 'missed',
  ],
  ...ratioRows('`brief build`, server running, both editions (client process)', served, 1),
  [
    'warm rebuild, both editions, one paragraph edited',
    ms(median(warmEdited)),
    '',
    `p90 ${ms(quantile(warmEdited, 0.9))}; CPU median ${ms(median(warmCpu))}`,
    '≤ 30 ms',
    median(warmEdited) <= 30 ? 'met' : 'missed',
  ],
  [
    'warm rebuild, both editions, unchanged',
    ms(median(warmSame)),
    '',
    `p90 ${ms(quantile(warmSame, 0.9))}`,
    '',
    '',
  ],
  [
    '`brief watch`: save → both PDFs in place, median',
    ms(median(watchTimes)),
    '',
    `${watchTimes.length} edits`,
    '≤ 150 ms',
    median(watchTimes) <= 150 ? 'met' : 'missed',
  ],
  [
    '`brief watch`: save → both PDFs in place, p90',
    ms(quantile(watchTimes, 0.9)),
    '',
    '',
    '≤ 300 ms',
    quantile(watchTimes, 0.9) <= 300 ? 'met' : 'missed',
  ],
];
const header = ['target (median)', 'brief', 'Typst (one edition)', 'ratio', 'target', 'result'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
const print = (s) => process.stdout.write(`${s}\n`);
print('');
print('Speed targets (issue 15)');
print(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average (1/5/15 min) at start and after each target: ${loads.join(' | ')}`,
);
print(
  `Rounds: ${ROUNDS} alternating (ours, then Typst), ratio per round; warm ${warmEdited.length}; watch ${watchTimes.length} edits. Typst: ${typst ? typst.version : 'not installed (no ratios)'}`,
);
print('');
print(line(header));
print(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) print(line(r));
print('');

// ---------------------------------------------------------------------------------------------
function benchWatch() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BRIEF, 'watch', issue, '--root', ROOT, '--out', out], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    let saved = 0;
    let edits = 0;
    const times = [];
    const next = () => {
      if (edits === EDITS) {
        child.kill('SIGINT');
        return;
      }
      // A gap between saves, as between an editor's saves (and so no two are gathered into one).
      setTimeout(() => {
        edits += 1;
        writeFileSync(article, edited(1000 + edits));
        saved = performance.now();
      }, 150);
    };
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const l = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (!/both editions/.test(l)) continue;
        if (saved) times.push(performance.now() - saved);
        saved = 0;
        next();
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      writeFileSync(article, original);
      resolve(times);
    });
  });
}

function typstCommand() {
  if (!existsSync(PEER)) return undefined;
  const candidates = [
    process.env.TYPST_PEER_DIR,
    '/tmp/typst-peer',
    path.join(homedir(), '.cache/prospect-brief/typst-peer'),
  ];
  const dir = candidates
    .filter(Boolean)
    .find((d) => existsSync(path.join(d, 'node_modules/@myriaddreamin/typst-ts-node-compiler/package.json')));
  if (!dir) return undefined;
  const version = JSON.parse(
    readFileSync(path.join(dir, 'node_modules/@myriaddreamin/typst-ts-node-compiler/package.json'), 'utf8'),
  ).version;
  const fonts = path.join(homedir(), '.cache/prospect-brief/peer-fonts');
  mkdirSync(fonts, { recursive: true });
  for (const p of ['noto-serif-tc', 'noto-sans-tc', 'noto-serif-sc', 'noto-sans-sc'])
    for (const w of ['400Regular', '700Bold']) {
      const folder = path.join(ROOT, 'node_modules/@expo-google-fonts', p, w);
      const f = path.join(folder, readdirSync(folder).find((x) => x.endsWith('.ttf')) ?? '');
      const to = path.join(fonts, path.basename(f));
      if (!existsSync(to) || statSync(to).size !== statSync(f).size) cpSync(f, to);
    }
  return {
    version: `typst-ts-node-compiler ${version}`,
    env: { ...process.env, TYPST_PEER_DIR: dir },
    argv: [
      process.execPath,
      PEER,
      '--fonts',
      fonts,
      '--photo',
      path.join(SAMPLE, 'photo.jpg'),
      '--out',
      path.join(work, 'typst.pdf'),
      '--runs',
      '1',
    ],
  };
}
