#!/usr/bin/env node
/**
 * `node scripts/bench-localize.mjs [--runs N]`: how long the zh-Hans conversion of the sample takes
 * once the process has started (OpenCC, vocabulary and names loaded by a first, untimed run), and
 * what that start-up costs. Uses dist/ (run `npm run build` first). Prints medians; fails on nothing.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 101;

const { loadArticle, loadFoundation } = await import(path.join(root, 'dist/source/index.js'));
const { loadGlossary, localizeBrief } = await import(path.join(root, 'dist/localize/index.js'));

const article = loadArticle(path.join(root, 'assets/issues/2025-alaska-summit'));
const foundation = loadFoundation(path.join(root, 'assets/foundation.yaml'));
const glossary = loadGlossary(path.join(root, 'assets/glossary.zh-Hans.tsv'));

let t = performance.now();
localizeBrief(article, foundation, 'zh-Hans', glossary);
const startup = performance.now() - t;

const hans = [];
const hant = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  localizeBrief(article, foundation, 'zh-Hans', glossary);
  hans.push(performance.now() - t);
  t = performance.now();
  localizeBrief(article, foundation, 'zh-Hant', glossary);
  hant.push(performance.now() - t);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`first zh-Hans conversion (start-up: OpenCC, vocabulary, names): ${startup.toFixed(1)} ms`);
console.log(`zh-Hans conversion of the sample, median of ${runs}: ${median(hans).toFixed(2)} ms`);
console.log(`zh-Hant (no conversion), median of ${runs}: ${median(hant).toFixed(3)} ms`);
