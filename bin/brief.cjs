#!/usr/bin/env node
/**
 * The `brief` command (package.json "bin"): runs the one-file bundle of the command line,
 * dist/brief.cjs (scripts/bundle.mjs), with V8's code cache, so a cold start neither resolves a
 * hundred modules nor compiles again what an earlier run compiled.
 *
 * The cache lives in the user's cache folder ($BRIEF_CACHE_DIR, else $XDG_CACHE_HOME/prospect-brief,
 * else ~/.cache/prospect-brief), named by a hash of the bundle and of Node's version: a new build
 * or another Node never meets a stale cache (and V8 itself rejects a cache that does not fit).
 * BRIEF_CODE_CACHE=off runs the bundle without it. Nothing here changes what is built.
 *
 * `brief build` first loads only dist/brief-client.cjs (src/cli/quick-client.ts): with a resident
 * server running, the build is answered there and the bundle is never read.
 */
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'brief.cjs');
const cacheRoot =
  process.env.BRIEF_CACHE_DIR ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'prospect-brief');

function run() {
  if (process.env.BRIEF_CODE_CACHE === 'off') return void require(bundle);
  // Node 22.1+: its own compile cache does the same for every module, packages included.
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(path.join(cacheRoot, 'compile-cache'));
    return void require(bundle);
  }
  // The bundle keeps main.ts's "#!" line, which only a file run by node itself may have.
  const source = fs.readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const key = createHash('sha256')
    .update(`${process.version} ${process.arch} ${vm.Script.name}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 24);
  const cacheFile = path.join(cacheRoot, 'code-cache', `brief-${key}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // Made at exit, so it holds the functions this run compiled, not only the top level.
    process.once('exit', () => saveCache(script, cacheFile));
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  const fn = script.runInThisContext();
  fn.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

function saveCache(script, file) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
}

const argv = process.argv.slice(2);
// A one-shot command keeps V8's young generation at its starting size instead of letting it grow
// to 16 MB per half: measured on a cold build of both editions, peak RSS 155 → 134 MB at the same
// time. The long-lived server and `brief watch` keep V8's defaults.
if (argv[0] !== 'server' && argv[0] !== 'watch') {
  require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
}
if (argv[0] === 'build') {
  servedBuild().then((code) => {
    if (code === undefined) run();
    else process.exitCode = code;
  });
} else {
  run();
}

/** The exit code of the build a running server did, or undefined (no server, or no client bundle). */
function servedBuild() {
  try {
    return require(path.join(__dirname, '..', 'dist', 'brief-client.cjs'))
      .tryServedBuild(argv)
      .catch(() => undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}
