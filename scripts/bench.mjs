#!/usr/bin/env node
/**
 * `npm run bench`: how fast `brief build` is, next to Typst on the same machine, text and fonts.
 *
 *   node scripts/bench.mjs [--runs N] [--batch-runs N] [--batch N] [--jobs N] [--no-build]
 *                          [--install-peer] [--skip-batch] [--json FILE] [--no-speed]
 *                          [--archive N] [--skip-archive]
 *
 * It runs `npm run build` first (so dist/ is what the sources say; --no-build skips it), then
 * measures, each as the median of --runs runs (default 7; the batch --batch-runs, default 5):
 *   - cold: the whole `node dist/cli/main.js build` process, both editions and one edition, and
 *     the rich sample (2025-indo-pacific-supply-chains) against its share of text;
 *   - warm: a rebuild in a long-lived process (what watch mode will do), unchanged and after an
 *     edit of one paragraph, for both editions and per edition, with the time per stage;
 *   - batch: --batch (100) variants of the sample (title, slug and paragraph order varied),
 *     one `brief build` process with --jobs (default: one per core), wall time and issues/s;
 *   - peak RSS of the processes (from /usr/bin/time when present), PDF sizes;
 *   - two figures the tests once bounded: localizing the sample to zh-Hans with the converter
 *     already built, and refusing a PNG whose header claims 30000×30000 pixels (time and RSS growth);
 *   - Typst: ../shared/peers/typst-brief.mjs (cold process, and its own in-process figures),
 *     and the ratios ours/Typst. The peer is looked for in $TYPST_PEER_DIR, /tmp/typst-peer and
 *     ~/.cache/prospect-brief/typst-peer; --install-peer installs it into the last one (never
 *     into the project). Without it the table says so and gives no ratios.
 * Then the speed targets of issue 15 (scripts/bench-speed.mjs; --no-speed skips them): cold
 * `brief build --no-server`, a build through the resident server, a warm rebuild after an edit and
 * `brief watch`, each against Typst's one edition in alternating rounds, with the load average.
 * Then the archive at scale: scripts/bench-archive.mjs with --archive N issues (default 1000; a
 * smaller N for a quick check), unless --skip-archive: its own table follows this one.
 * Timings on a shared machine vary: read the medians and the ratios, not single runs. Nothing
 * here fails on speed; CI does not run it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
import { createRequire } from 'node:module';
import { availableParallelism, cpus, homedir, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flag, log, median, mib, ms, option, ratio, textOption, timeProcess } from './bench-lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'assets/issues/2025-alaska-summit');
// The rich sample (lists, tables, notes, figures, quotes, co-authors): timed cold beside the plain one.
const RICH = path.join(ROOT, 'assets/issues/2025-indo-pacific-supply-chains');
const PEER = path.resolve(ROOT, '../shared/peers/typst-brief.mjs');
const CLI = path.join(ROOT, 'dist/cli/main.js');

const RUNS = Math.max(5, option('runs', 7));
const BATCH_RUNS = Math.max(1, option('batch-runs', 5));
const BATCH = option('batch', 100);
const JOBS = option('jobs', availableParallelism());

function repeat(n, fn) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(fn(i));
  return {
    wall: median(runs.map((r) => r.wall)),
    rss: runs.every((r) => r.rss !== undefined) ? Math.max(...runs.map((r) => r.rss)) : undefined,
    runs,
  };
}

// ---------------------------------------------------------------------------------------------
if (!flag('no-build')) {
  log('npm run build …');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
} else if (!existsSync(CLI)) {
  throw new Error('dist/ is missing: run npm run build (or drop --no-build)');
}
const work = mkdtempSync(path.join(tmpdir(), 'brief-bench-'));
const out = path.join(work, 'out');

// Cold: the whole process, as an editor runs it.
log(`cold: ${RUNS} × brief build (both editions), ${RUNS} × one edition …`);
const issue = path.join(work, 'issues', 'bench-sample');
cpSync(SAMPLE, issue, { recursive: true });
// --force: every run builds (an unchanged issue would be skipped, issue 13).
/** A cold whole-process build of one issue folder. */
const cliFor = (dir, ...extra) => [
  process.execPath,
  CLI,
  'build',
  dir,
  '--root',
  ROOT,
  '--out',
  out,
  '--force',
  // A process of its own each time: not answered by a resident build server (that is measured by
  // bench-speed.mjs).
  '--no-server',
  ...extra,
];
const cli = (...extra) => cliFor(issue, ...extra);
timeProcess(cli()); // fills the photo cache and the page cache, as on an editor's machine
const coldBoth = repeat(RUNS, () => timeProcess(cli()));
const coldHant = repeat(RUNS, () => timeProcess(cli('--edition', 'hant')));
const richIssue = path.join(work, 'issues', 'bench-rich');
cpSync(RICH, richIssue, { recursive: true });
const richCli = cliFor(richIssue);
timeProcess(richCli);
const coldRich = repeat(RUNS, () => timeProcess(richCli));
/** Characters of an article's body (front matter and note definitions included): its share of text. */
const textOf = (dir) => readFileSync(path.join(dir, 'article.md'), 'utf8').replace(/\s+/g, '').length;
const richShare = textOf(RICH) / textOf(SAMPLE);
const sizes = Object.fromEntries(
  ['zh-Hant', 'zh-Hans'].map((e) => [e, statSync(path.join(out, `bench-sample.${e}.pdf`)).size]),
);

// Warm: a long-lived process rebuilding (watch mode), stage by stage.
log('warm: in-process rebuilds …');
const warm = await warmRebuilds();

// Two figures moved out of the tests (which must not time anything).
log('localize and photo bomb refusal …');
const parts = await partTimings();

// Batch: 100 variants of the sample in one process with worker threads.
let batch;
if (!flag('skip-batch')) {
  log(`batch: ${BATCH} issues × ${BATCH_RUNS} runs, --jobs ${JOBS} …`);
  const dirs = makeVariants(path.join(work, 'batch'), BATCH);
  const batchOut = path.join(work, 'batch-out');
  const argv = [
    process.execPath,
    CLI,
    'build',
    ...dirs,
    '--root',
    ROOT,
    '--out',
    batchOut,
    '--jobs',
    String(JOBS),
    '--force',
    '--no-server',
  ];
  batch = repeat(BATCH_RUNS, () => {
    rmSync(batchOut, { recursive: true, force: true });
    return timeProcess(argv);
  });
  const pdfs = readdirSync(batchOut).filter((f) => f.endsWith('.pdf')).length;
  if (pdfs !== BATCH * 2) throw new Error(`batch wrote ${pdfs} PDFs, expected ${BATCH * 2}`);
}

// Typst, same machine, same text and fonts.
const typst = benchTypst();

// ---------------------------------------------------------------------------------------------
const rows = [];
const row = (what, value, typstValue, note = '') => rows.push([what, value, typstValue, note]);
row(
  'cold `brief build`, both editions (process wall)',
  ms(coldBoth.wall),
  typst ? ms(typst.cold.wall) : '—',
  typst ? `${ratio(coldBoth.wall, typst.cold.wall)} Typst's one edition (target ≤ 1.50×)` : '',
);
row(
  'cold `brief build` of the rich sample, both editions',
  ms(coldRich.wall),
  '',
  `${ratio(coldRich.wall, coldBoth.wall)} the plain sample's time for ${richShare.toFixed(2)}× its text (target: ratio ≤ text share)`,
);
row(
  'cold `brief build --edition hant` (process wall)',
  ms(coldHant.wall),
  typst ? ms(typst.cold.wall) : '—',
  typst ? `${ratio(coldHant.wall, typst.cold.wall)}` : '',
);
row(
  'warm rebuild, both editions, unchanged',
  ms(warm.both),
  typst ? ms(typst.warm * 2) : '—',
  `target ≤ 30 ms${typst ? `; ${ratio(warm.both, typst.warm * 2)} Typst incremental ×2` : ''}`,
);
row('warm rebuild, both editions, one paragraph edited', ms(warm.edited), '', '');
row(
  'warm rebuild, zh-Hant only',
  ms(warm.hant),
  typst ? ms(typst.warm) : '—',
  typst ? ratio(warm.hant, typst.warm) : '',
);
row('warm rebuild, zh-Hans only', ms(warm.hans), '', '');
row(
  'in-process first build, both editions',
  ms(warm.first),
  typst ? ms(typst.first * 2) : '—',
  'after imports and loadProject',
);
row('localize the sample to zh-Hans (converter built)', ms(parts.localize), '', 'in process, warm');
row(
  'refuse a 30000×30000 PNG (900 megapixels)',
  ms(parts.bomb),
  '',
  `in process; RSS grew ${mib(parts.bombRssKb)} at most`,
);
if (batch) {
  row(
    `batch of ${BATCH} issues (${BATCH * 2} PDFs), --jobs ${JOBS}`,
    ms(batch.wall),
    typst ? ms(typst.cold.wall * BATCH * 2) : '—',
    `${(BATCH / (batch.wall / 1000)).toFixed(1)} issues/s; target ≤ 20 s${typst ? `; Typst column: ${BATCH * 2} cold processes` : ''}`,
  );
  row('peak RSS, batch process', mib(batch.rss), '', 'target ≤ 400 MiB');
}
row(
  'peak RSS, cold build (both editions)',
  mib(coldBoth.rss),
  typst ? mib(typst.cold.rss) : '—',
  typst ? ratio(coldBoth.rss, typst.cold.rss) : '',
);
row(
  'PDF size zh-Hant / zh-Hans',
  `${(sizes['zh-Hant'] / 1024).toFixed(0)} / ${(sizes['zh-Hans'] / 1024).toFixed(0)} KiB`,
  typst ? `${(typst.bytes / 1024).toFixed(0)} KiB` : '—',
  '',
);

const header = ['measure (median)', 'brief', 'Typst', 'ratio / note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
const print = (s) => process.stdout.write(`${s}\n`);
print('');
print(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (a shared machine: read medians and ratios)`,
);
print(
  `Runs: cold ${RUNS}, warm ${warm.runs}, batch ${batch ? BATCH_RUNS : 0}. Typst: ${typst ? `typst-ts-node-compiler ${typst.version}` : 'not installed (see ../shared/peers/README.md, or run with --install-peer)'}`,
);
print('');
print(line(header));
print(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) print(line(r));
print('');
print('Warm rebuild by stage (median per build, both editions):');
for (const [stage, t] of Object.entries(warm.stages)) print(`  ${stage.padEnd(34)} ${ms(t)}`);
print(`Tagged PDF (PDF/UA-1) vs roles stripped: ${warm.tagging}`);
print(
  `Font cache: ${warm.fontStats.fonts} fonts shared (${warm.fontStats.parses} parsed again for pdfkit), ` +
    `${warm.fontStats.shapings} text pieces shaped, ${warm.fontStats.replays} reused, ` +
    `${warm.fontStats.subsetsReused} font subsets reused`,
);
if (flag('json')) {
  const file = textOption('json', undefined);
  writeFileSync(
    file,
    JSON.stringify({ coldBoth, coldHant, coldRich, richShare, warm, parts, batch, typst, sizes }, null, 2),
  );
}
rmSync(work, { recursive: true, force: true });
if (!flag('skip-archive')) {
  const archive = [path.join(ROOT, 'scripts/bench-archive.mjs'), '--n', String(option('archive', 1000))];
  spawnSync(process.execPath, archive, { stdio: 'inherit' });
}

// The speed targets of issue 15 (cold --no-server, the server, warm rebuild, brief watch): their
// own table, from scripts/bench-speed.mjs (`--no-speed` skips it).
if (!flag('no-speed'))
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/bench-speed.mjs'), '--no-build'], {
    stdio: 'inherit',
  });

// ---------------------------------------------------------------------------------------------
async function warmRebuilds() {
  const url = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
  const build = await import(url('pipeline/index.js'));
  const pdf = await import(url('pdf/index.js'));
  const fontCache = await import(url('pdf/font-cache.js'));
  const { preparePhoto } = await import(url('photo/index.js'));
  const { loadArticle } = await import(url('source/index.js'));
  const zlib = createRequire(import.meta.url)('node:zlib');
  let zlibMs = 0;
  const deflateSync = zlib.deflateSync;
  zlib.deflateSync = (...a) => {
    const t = performance.now();
    try {
      return deflateSync(...a);
    } finally {
      zlibMs += performance.now() - t;
    }
  };

  const dir = path.join(work, 'issues', 'warm-sample');
  cpSync(SAMPLE, dir, { recursive: true });
  const articleFile = path.join(dir, 'article.md');
  const original = readFileSync(articleFile, 'utf8');
  const project = build.loadProject(ROOT);
  const options = (editions) => ({ editions, outDir: out });
  const both = ['zh-Hant', 'zh-Hans'];
  const timeBuild = async (editions) => {
    const t = performance.now();
    await build.buildIssue(project, dir, options(editions));
    return performance.now() - t;
  };
  const first = await timeBuild(both);
  for (let i = 0; i < 10; i++) await timeBuild(both); // JIT warm-up (a watch process is long-lived)
  const n = Math.max(RUNS, 9);
  const series = async (editions) => {
    const ts = [];
    for (let i = 0; i < n; i++) ts.push(await timeBuild(editions));
    return median(ts);
  };
  const result = {
    runs: n,
    first,
    both: await series(both),
    hant: await series(['zh-Hant']),
    hans: await series(['zh-Hans']),
  };

  // An edit: one paragraph changes between rebuilds (new text to measure and shape).
  const edits = [];
  for (let i = 0; i < n; i++) {
    writeFileSync(
      articleFile,
      original.replace('俄羅斯入侵烏克蘭持續三年多', `俄羅斯入侵烏克蘭持續三年多（第${i + 1}稿）`),
    );
    edits.push(await timeBuild(both));
  }
  writeFileSync(articleFile, original);
  result.edited = median(edits);

  // Stage by stage, the same work buildIssue does.
  const stages = {
    'read article': [],
    'photo (cache hit)': [],
    'localize + template (2 editions)': [],
    'render PDF (2 editions)': [],
    '  of which zlib': [],
    'render PDF, roles stripped (untagged)': [],
  };
  const bytes = { tagged: 0, untagged: 0 };
  const { photoWidthPt, photoAspect } = project.templates.layout;
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    const article = loadArticle(dir);
    stages['read article'].push(performance.now() - t);
    t = performance.now();
    const photo = await preparePhoto(article.photo.file, {
      placedWidthPt: photoWidthPt,
      aspect: photoAspect,
      ...(article.photo.focus ? { focus: article.photo.focus } : {}),
      cacheDir: path.join(ROOT, '.cache', 'photos'),
    });
    stages['photo (cache hit)'].push(performance.now() - t);
    const view = {
      image: photo.dataUrl,
      widthPt: photoWidthPt,
      heightPt: photoWidthPt / (photo.width / photo.height),
    };
    t = performance.now();
    const defs = both.map(
      (e) => build.editionDefinition(project, article, e, { photo: view, figures: {} }).definition,
    );
    stages['localize + template (2 editions)'].push(performance.now() - t);
    const render = (def, e) =>
      pdf.renderPdf(def, { fonts: project.fonts[e], date: new Date(`${article.date}T00:00:00Z`) });
    // The tagging's cost (issue 14): the same definitions without roles render untagged; the two
    // take turns going first, as whichever follows the other pays for its garbage.
    const untagged = defs.map((d) => JSON.parse(JSON.stringify(d, (k, v) => (k === 'role' ? undefined : v))));
    const renderAll = async (list, stage, key) => {
      const t0 = performance.now();
      for (const [k, e] of both.entries()) bytes[key] = (await render(list[k], e)).length;
      stages[stage].push(performance.now() - t0);
    };
    const tagged = async () => {
      zlibMs = 0;
      await renderAll(defs, 'render PDF (2 editions)', 'tagged');
      stages['  of which zlib'].push(zlibMs);
    };
    const plain = () => renderAll(untagged, 'render PDF, roles stripped (untagged)', 'untagged');
    for (const step of i % 2 ? [tagged, plain] : [plain, tagged]) await step();
  }
  zlib.deflateSync = deflateSync;

  result.stages = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]));
  const tagged =
    result.stages['render PDF (2 editions)'] / result.stages['render PDF, roles stripped (untagged)'];
  result.tagging = `render time ${((tagged - 1) * 100).toFixed(1)} %, zh-Hans PDF size ${((bytes.tagged / bytes.untagged - 1) * 100).toFixed(1)} % (targets ≤ 10 %, ≤ 5 %)`;
  result.fontStats = fontCache.fontCacheStats();
  return result;
}

/**
 * Localizing the sample (zh-Hant → zh-Hans, foundation glossary, once to build the converter),
 * and the photo stage refusing a decompression bomb: a real 1×1 PNG whose header claims
 * 30000×30000 pixels. Medians in ms; the bomb's largest RSS growth in KiB.
 */
async function partTimings() {
  const url = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
  const { loadProject } = await import(url('pipeline/index.js'));
  const { localizeBrief } = await import(url('localize/index.js'));
  const { loadArticle } = await import(url('source/index.js'));
  const { preparePhoto } = await import(url('photo/index.js'));
  const n = Math.max(RUNS, 15);

  const project = loadProject(ROOT);
  const article = loadArticle(SAMPLE);
  const convert = () => localizeBrief(article, project.foundation, 'zh-Hans', project.glossary);
  convert();
  const localize = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    convert();
    localize.push(performance.now() - t);
  }

  const bombFile = path.join(work, 'bomb.png');
  writeFileSync(bombFile, pngClaiming(30000, 30000));
  const bomb = [];
  let bombRss = 0;
  for (let i = 0; i < n; i++) {
    const before = process.memoryUsage().rss;
    const t = performance.now();
    const refused = await preparePhoto(bombFile, { placedWidthPt: 240 }).then(
      () => false,
      (e) => /900 megapixels/.test(String(e?.diagnostics?.[0]?.message ?? e)),
    );
    bomb.push(performance.now() - t);
    bombRss = Math.max(bombRss, process.memoryUsage().rss - before);
    if (!refused) throw new Error('the 30000×30000 PNG was not refused as too large');
  }
  return { localize: median(localize), bomb: median(bomb), bombRssKb: bombRss / 1024 };
}

/** A valid 1×1 RGB PNG whose IHDR claims width×height (CRC fixed up), built by hand. */
function pngClaiming(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const zlib = createRequire(import.meta.url)('node:zlib');
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Variants of the sample: new slug and title, paragraphs of the body in another order. */
function makeVariants(dir, count) {
  const text = readFileSync(path.join(SAMPLE, 'article.md'), 'utf8');
  const end = text.indexOf('\n---', 3) + 4;
  const front = text.slice(0, end);
  const body = text
    .slice(end)
    .trim()
    .split(/\n{2,}/);
  const movable = body
    .map((p, i) => (p.startsWith('#') || p.startsWith('<') || p.startsWith('Tel') ? -1 : i))
    .filter((i) => i >= 0);
  const dirs = [];
  for (let k = 0; k < count; k++) {
    const slug = `bench-${String(k + 1).padStart(3, '0')}`;
    const d = path.join(dir, slug);
    mkdirSync(d, { recursive: true });
    const paragraphs = [...body];
    // rotate the movable paragraphs by k
    const moved = movable.map((_, j) => body[movable[(j + k) % movable.length]]);
    movable.forEach((i, j) => (paragraphs[i] = moved[j]));
    const title = /^title: (.*)$/m.exec(front)?.[1] ?? '';
    const variantFront = front.replace(/^title: .*$/m, `title: ${title}（第 ${k + 1} 期）`);
    writeFileSync(path.join(d, 'article.md'), `${variantFront}\n\n${paragraphs.join('\n\n')}\n`);
    cpSync(path.join(SAMPLE, 'photo.jpg'), path.join(d, 'photo.jpg'));
    dirs.push(d);
  }
  return dirs;
}

function findPeer() {
  const candidates = [
    process.env.TYPST_PEER_DIR,
    '/tmp/typst-peer',
    path.join(homedir(), '.cache/prospect-brief/typst-peer'),
  ];
  for (const dir of candidates.filter(Boolean)) {
    const pkg = path.join(dir, 'node_modules/@myriaddreamin/typst-ts-node-compiler/package.json');
    if (existsSync(pkg)) return { dir, version: JSON.parse(readFileSync(pkg, 'utf8')).version };
  }
  if (flag('install-peer')) {
    const dir = path.join(homedir(), '.cache/prospect-brief/typst-peer');
    log(`installing the Typst peer into ${dir} …`);
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--silent',
        '--no-save',
        '--prefix',
        dir,
        '@myriaddreamin/typst-ts-node-compiler@0.7.0',
        'opencc-js',
      ],
      { stdio: 'inherit' },
    );
    return findPeer();
  }
  return null;
}

function peerFonts() {
  const dir = path.join(homedir(), '.cache/prospect-brief/peer-fonts');
  const from = ['noto-serif-tc', 'noto-sans-tc', 'noto-serif-sc', 'noto-sans-sc'].flatMap((p) =>
    ['400Regular', '700Bold'].map((w) => {
      const folder = path.join(ROOT, 'node_modules/@expo-google-fonts', p, w);
      return path.join(folder, readdirSync(folder).find((f) => f.endsWith('.ttf')) ?? '');
    }),
  );
  mkdirSync(dir, { recursive: true });
  for (const f of from) {
    const to = path.join(dir, path.basename(f));
    if (!existsSync(to) || statSync(to).size !== statSync(f).size) cpSync(f, to);
  }
  return dir;
}

function benchTypst() {
  if (!existsSync(PEER)) {
    log(`typst: ${PEER} not found`);
    return null;
  }
  const peer = findPeer();
  if (!peer) {
    log('typst: not installed (see ../shared/peers/README.md)');
    return null;
  }
  log(`typst: ${RUNS} cold runs, one in-process series …`);
  const fonts = peerFonts();
  const env = { ...process.env, TYPST_PEER_DIR: peer.dir };
  const argv = (runs) => [
    process.execPath,
    PEER,
    '--fonts',
    fonts,
    '--photo',
    path.join(SAMPLE, 'photo.jpg'),
    '--out',
    path.join(work, 'typst.pdf'),
    '--runs',
    String(runs),
  ];
  timeProcess(argv(1), { env });
  const cold = repeat(RUNS, () => timeProcess(argv(1), { env }));
  const inProcess = JSON.parse(
    timeProcess(argv(Math.max(RUNS, 9)), { env })
      .stdout.trim()
      .split('\n')
      .pop(),
  );
  return {
    version: peer.version,
    cold,
    first: inProcess.first_ms,
    warm: inProcess.warm_ms_median,
    bytes: inProcess.bytes,
  };
}
