/**
 * prospect-brief as a library: a user's own script in its own project imports the package by
 * its name (as `npm install prospect-brief` would give it) and builds the sample issue.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';

const run = promisify(execFile);
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('the package entry', () => {
  it('declares its entry and types, and a script importing it by name builds the sample', async () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { types: string; import: string }>;
    };
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    const project = tempDir();
    made.push(project);
    // The user's project: its own assets and templates, the tool installed under node_modules.
    for (const part of [
      'assets/foundation.yaml',
      'assets/glossary.zh-Hans.tsv',
      'templates',
      'fonts/fonts.json',
    ])
      cpSync(path.join(PROJECT_ROOT, part), path.join(project, part), { recursive: true });
    cpSync(SAMPLE_ISSUE, path.join(project, 'assets/issues', path.basename(SAMPLE_ISSUE)), {
      recursive: true,
    });
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(PROJECT_ROOT, path.join(project, 'node_modules', pkg.name), 'dir');
    writeFileSync(
      path.join(project, 'build.mjs'),
      [
        `import { buildAll, BriefError, loadProject, EDITIONS } from '${pkg.name}';`,
        `const project = loadProject(process.cwd());`,
        `const results = await buildAll(process.cwd(), { outDir: 'out', jobs: 1 });`,
        `console.log(JSON.stringify({ editions: EDITIONS, series: project.foundation.series,`,
        `  ok: results.map((r) => r.ok), isClass: typeof BriefError === 'function' }));`,
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['build.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      editions: ['zh-Hant', 'zh-Hans'],
      series: '遠景論壇',
      ok: [true],
      isClass: true,
    });
    const out = readdirSync(path.join(project, 'out'))
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    expect(out).toEqual(['2025-alaska-summit.zh-Hans.pdf', '2025-alaska-summit.zh-Hant.pdf']);
    for (const f of out)
      expect(
        readFileSync(path.join(project, 'out', f))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
  }, 180000);
});
