/**
 * The batch (src/pipeline/batch.ts): worker threads build the same bytes as this thread, report in
 * input order, and a bad issue fails alone. Worker threads run JavaScript, not the TypeScript
 * jest transforms, so the sources are compiled (SWC, as jest does) into a scratch folder beside
 * src/ (removed afterwards) and the pool is pointed at that copy of batch-worker.js.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { transformFileSync } from '@swc/core';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BatchResult } from '../../src/pipeline/batch.js';
import { buildBatch, defaultJobs } from '../../src/pipeline/batch.js';
import { runCli } from '../../src/cli/run.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, stageIssue, tempDir } from '../support/fixtures.js';

// Beside src/, so what the sources find relative to themselves (../package.json, ../../assets) is found.
const COMPILED = path.join(PROJECT_ROOT, `.batch-test-${process.pid}`);
let workerUrl: URL;

function compile(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) compile(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const { code } = transformFileSync(source, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      });
      writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), code);
    }
  }
}

beforeAll(() => {
  compile(path.join(PROJECT_ROOT, 'src'), COMPILED);
  workerUrl = pathToFileURL(path.join(COMPILED, 'pipeline', 'batch-worker.js'));
});

afterAll(() => {
  rmSync(COMPILED, { recursive: true, force: true });
});

/** A copy of the sample under a new slug, its title changed so every issue has its own text. */
function variant(slug: string, title?: string): string {
  const dir = path.join(tempDir(), slug);
  cpSync(SAMPLE_ISSUE, dir, { recursive: true });
  if (title) {
    const file = path.join(dir, 'article.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${title}`));
  }
  return dir;
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
}

describe('buildBatch', () => {
  it('builds in worker threads exactly what it builds in this thread, in input order', async () => {
    const issues = [
      variant('batch-a'),
      variant('batch-b', '阿拉斯加峰會之後的東北亞'),
      variant('batch-c', '美俄峰會與國際法治'),
    ];
    const options = { root: PROJECT_ROOT, issues, editions: ['zh-Hant', 'zh-Hans'] as const };
    const inWorkers = tempDir();
    const heard: string[] = [];
    const pooled = await buildBatch({ ...options, outDir: inWorkers, jobs: 2, workerUrl }, (r) =>
      heard.push(path.basename(r.dir)),
    );
    const inThread = tempDir();
    const local = await buildBatch({ ...options, outDir: inThread, jobs: 1 });

    expect(heard).toEqual(['batch-a', 'batch-b', 'batch-c']);
    expect(pooled.map((r) => r.ok)).toEqual([true, true, true]);
    const written = hashes(inWorkers);
    expect(Object.keys(written)).toHaveLength(3 * 4); // two PDFs, a review and a sidecar each
    expect(written).toEqual(hashes(inThread));
    // Different issues, different files: the variants really differ.
    expect(written['batch-b.zh-Hant.pdf']).not.toBe(written['batch-c.zh-Hant.pdf']);
    expect(local.map((r) => (r.ok ? r.written.slug : null))).toEqual(['batch-a', 'batch-b', 'batch-c']);
  }, 180000);

  it('fails a bad issue alone, with its place, and builds the others', async () => {
    const broken = await stageIssue('source/broken-yaml', { slug: 'broken' });
    const issues = [variant('good-1'), broken, variant('good-2')];
    const out = tempDir();
    const results: BatchResult[] = await buildBatch({
      root: PROJECT_ROOT,
      issues,
      editions: ['zh-Hant'],
      outDir: out,
      jobs: 2,
      workerUrl,
    });
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const failure = results[1];
    if (!failure || failure.ok) throw new Error('the broken issue did not fail');
    expect(failure.diagnostics[0]).toEqual(
      expect.objectContaining({ file: path.join(broken, 'article.md'), line: expect.any(Number) }),
    );
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.pdf'))
        .sort(),
    ).toEqual(['good-1.zh-Hant.pdf', 'good-2.zh-Hant.pdf']);
  }, 180000);

  it('brief build refuses a --jobs that is not a whole number from 1', async () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } };
    expect(await runCli(['build', '--jobs', '0', '--root', PROJECT_ROOT], io)).toBe(2);
    expect(stderr).toMatch(/--jobs must be a whole number from 1 \(got '0'\)/);
    expect(await runCli(['build', '--jobs', 'two', '--root', PROJECT_ROOT], io)).toBe(2);
  });

  it('uses one job for a few issues and one per core for many', () => {
    expect(defaultJobs(1)).toBe(1);
    expect(defaultJobs(3)).toBe(1);
    expect(defaultJobs(100)).toBe(availableParallelism());
  });
});
