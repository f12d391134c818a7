#!/usr/bin/env node
/* global document */
/**
 * The archive at scale (issue 13), called by `npm run bench` (scripts/bench.mjs) or alone:
 *
 *   node scripts/bench-archive.mjs [--n 1000] [--jobs N] [--runs 5] [--json FILE] [--keep]
 *
 * In a scratch copy of the project (assets, templates, fonts manifest; never the project itself)
 * it makes --n variants of the two sample issues (slug, date, title and paragraph order varied;
 * photos hard-linked), then measures, each a whole `brief build` process:
 *   1. from scratch, all cores (--jobs, default one per core): wall time, peak RSS (/usr/bin/time);
 *      target ≤ 90 s and ≤ 500 MiB for 1,000 issues;
 *   2. the same again with one article changed: one issue rebuilt, the rest skipped, and the
 *      catalogue rewritten; target ≤ 3 s;
 *   3. the catalogue page in headless Chromium (puppeteer-core, Debian's chromium): opening
 *      index.html from file:// until the list is shown, then typing 特朗普 until the list answers;
 *      median of --runs; target ≤ 300 ms for open + search.
 * Prints a table (and JSON with --json). Nothing here fails on speed.
 */
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flag, log, median, mib, ms, option, textOption, timeProcess } from './bench-lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const N = Number(option('n', 1000));
const JOBS = Number(option('jobs', availableParallelism()));
const RUNS = Number(option('runs', 5));

/** A scratch project with N variants of the samples. */
function makeProject() {
  const work = mkdtempSync(path.join(tmpdir(), 'brief-bench-archive-'));
  for (const part of ['assets', 'templates', 'fonts'])
    cpSync(path.join(ROOT, part), path.join(work, part), { recursive: true });
  const issues = path.join(work, 'assets/issues');
  const samples = readdirSync(issues).sort();
  const sources = samples.map((s) => ({ name: s, dir: path.join(ROOT, 'assets/issues', s) }));
  for (const s of samples) rmSync(path.join(issues, s), { recursive: true });
  for (let i = 0; i < N; i++) {
    const src = sources[i % sources.length];
    const slug = `${String(2015 + (i % 11))}-v${String(i).padStart(4, '0')}-${src.name.replace(/^\d+-/, '')}`;
    const dir = path.join(issues, slug);
    mkdirSync(dir);
    for (const f of readdirSync(src.dir)) {
      if (f === 'article.md') continue;
      linkSync(path.join(src.dir, f), path.join(dir, f));
    }
    let text = readFileSync(path.join(src.dir, 'article.md'), 'utf8');
    const month = String(1 + (i % 12)).padStart(2, '0');
    text = text
      .replace(/^title: (.*)$/m, (_, t) => `title: ${t}（第 ${i + 1} 號）`)
      .replace(/^date: .*$/m, `date: ${2015 + (i % 11)}-${month}-${String(1 + (i % 28)).padStart(2, '0')}`);
    // Paragraph order varied: the body's first two paragraphs swapped in every other variant.
    if (i % 2) {
      const parts = text.split(/\n\n/);
      const body = parts.findIndex(
        (p, k) => k > 2 && !p.startsWith('#') && !p.startsWith('-') && p.length > 80,
      );
      if (body > 0 && parts[body + 1] && !parts[body + 1].startsWith('#')) {
        [parts[body], parts[body + 1]] = [parts[body + 1], parts[body]];
        text = parts.join('\n\n');
      }
    }
    writeFileSync(path.join(dir, 'article.md'), text);
  }
  return work;
}

function build(work, extra = []) {
  const argv = [
    process.execPath,
    CLI,
    'build',
    '--root',
    work,
    '--out',
    path.join(work, 'out'),
    '--jobs',
    String(JOBS),
    // In this process, not through the resident build server: peak RSS is the build's own.
    '--no-server',
    ...extra,
  ];
  const r = timeProcess(argv, { cwd: work, tolerate: true });
  const summary =
    /(\d+) issues in [\d.]+ s\n\s+built\s+(\d+)[^\n]*\n\s+skipped\s+(\d+)[^\n]*\n\s+failed\s+(\d+)/.exec(
      r.stdout ?? '',
    );
  if (r.status !== 0) log(`build exited ${r.status}:\n${(r.stderr ?? '').slice(-2000)}`);
  return {
    wall: r.wall,
    rss: r.rss,
    status: r.status,
    built: summary ? Number(summary[2]) : undefined,
    skipped: summary ? Number(summary[3]) : undefined,
    failed: summary ? Number(summary[4]) : undefined,
  };
}

async function browserTimes(work) {
  if (!existsSync(CHROMIUM)) return { note: `${CHROMIUM} not found (apt-get install chromium)` };
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const url = pathToFileURL(path.join(work, 'out/index.html')).href;
  const open = [];
  const search = [];
  let hits;
  try {
    for (let r = 0; r < RUNS + 1; r++) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1024, height: 900 });
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('body[data-ready]');
      const t1 = performance.now();
      // The query as a reader's input event would deliver it (no typing delay counted).
      await page.evaluate(() => {
        const q = document.getElementById('q');
        q.value = '特朗普';
        q.closest('form').requestSubmit();
      });
      await page.waitForFunction(() => document.body.getAttribute('data-ready') === '2');
      const t2 = performance.now();
      hits = await page.$eval('#count', (c) => c.textContent);
      if (r > 0) {
        open.push(t1 - t0);
        search.push(t2 - t1);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return {
    open: median(open),
    search: median(search),
    total: median(open.map((o, i) => o + search[i])),
    hits,
  };
}

function du(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    n += e.isDirectory() ? du(f) : statSync(f).size;
  }
  return n;
}

log(`bench-archive: ${N} variant issues, --jobs ${JOBS}`);
const work = makeProject();
let result;
try {
  log('1/3 build from scratch …');
  const scratch = build(work);
  log(`    ${ms(scratch.wall)}, built ${scratch.built}, failed ${scratch.failed}`);
  log('2/3 unchanged rebuild, then one article changed …');
  const unchanged = build(work);
  const issues = readdirSync(path.join(work, 'assets/issues')).sort();
  const one = path.join(work, 'assets/issues', issues[Math.floor(issues.length / 2)], 'article.md');
  writeFileSync(one, `${readFileSync(one, 'utf8')}\n一句新增的結語。\n`);
  const changed = build(work);
  log(`    unchanged ${ms(unchanged.wall)}; one changed ${ms(changed.wall)} (built ${changed.built})`);
  log('3/3 catalogue page in Chromium …');
  const page = await browserTimes(work);
  const out = path.join(work, 'out');
  const sizes = {
    data: statSync(path.join(out, 'catalogue-data.js')).size,
    search: du(path.join(out, 'search')),
    thumbs: existsSync(path.join(out, 'thumbs')) ? du(path.join(out, 'thumbs')) : 0,
  };
  result = { n: N, jobs: JOBS, scratch, unchanged, changed, page, sizes };
} finally {
  if (!flag('keep')) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}

const rows = [
  [
    `${N} issues from scratch, --jobs ${JOBS}`,
    ms(result.scratch.wall),
    `${(N / (result.scratch.wall / 1000)).toFixed(1)} issues/s; target ≤ 90 s (1,000)`,
  ],
  ['  peak RSS', mib(result.scratch.rss), 'target ≤ 500 MiB'],
  [`rebuild, nothing changed`, ms(result.unchanged.wall), `${result.unchanged.skipped ?? '?'} skipped`],
  [
    `rebuild, one article changed (incl. catalogue)`,
    ms(result.changed.wall),
    `built ${result.changed.built ?? '?'}; target ≤ 3 s`,
  ],
  ['  peak RSS', mib(result.changed.rss), ''],
  [
    'catalogue page: open (file://, list shown)',
    ms(result.page.open),
    result.page.note ?? `median of ${RUNS}`,
  ],
  ['catalogue page: search 特朗普 answered', ms(result.page.search), result.page.hits ?? ''],
  ['catalogue page: open + search', ms(result.page.total), 'target ≤ 300 ms'],
  [
    'catalogue files',
    `${(result.sizes.data / 1024).toFixed(0)} KiB data`,
    `search index ${(result.sizes.search / 1048576).toFixed(1)} MiB in 64 shards; thumbnails ${(result.sizes.thumbs / 1048576).toFixed(1)} MiB`,
  ],
];
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => String(r[i]).length)));
process.stdout.write('\nArchive at scale (scripts/bench-archive.mjs):\n');
for (const r of rows)
  process.stdout.write(`| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |\n`);
const jsonFile = textOption('json', undefined);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(result, null, 2));
