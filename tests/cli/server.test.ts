/**
 * The resident build server: a build it serves writes the same bytes, prints the same report and
 * returns the same exit code as a build in the client's own process; it restarts when the
 * project's templates change; it listens on a private socket. The server runs in this test's
 * process, on a socket in a temp folder, and is stopped in afterAll.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/run.js';
import type { RunningServer } from '../../src/cli/serve.js';
import { serve } from '../../src/cli/serve.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import type { Captured } from '../support/run.js';
import { captured } from '../support/run.js';

const saved = { server: process.env['BRIEF_SERVER'], socket: process.env['BRIEF_SOCKET_DIR'] };
let server: RunningServer | undefined;

const brief = (args: string[]): Promise<Captured> => captured((io) => runCli(args, io));

const files = (dir: string): Record<string, Buffer> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f))]),
  );

beforeAll(async () => {
  // Ask the server, never start one (a failure here must not leave a process behind).
  process.env['BRIEF_SERVER'] = 'no-spawn';
  process.env['BRIEF_SOCKET_DIR'] = path.join(tempDir('socket'), 'run');
  server = await serve({ runCli });
});

afterAll(async () => {
  await server?.close();
  process.env['BRIEF_SERVER'] = saved.server;
  if (saved.socket === undefined) delete process.env['BRIEF_SOCKET_DIR'];
  else process.env['BRIEF_SOCKET_DIR'] = saved.socket;
});

describe('the build server', () => {
  it('listens on a socket only its user can reach', () => {
    if (!server) throw new Error('no server');
    expect(statSync(path.dirname(server.socket)).mode & 0o777).toBe(0o700);
    expect(statSync(server.socket).isSocket()).toBe(true);
  });

  it('serves a build byte-identical to one in the client process, with the same report', async () => {
    const served = tempDir('served');
    const local = tempDir('local');
    const a = await brief(['build', SAMPLE_ISSUE, '--root', PROJECT_ROOT, '--out', served]);
    const status = await brief(['server', 'status']);
    expect(status.stdout).toMatch(/1 build served/);
    const b = await brief(['build', SAMPLE_ISSUE, '--root', PROJECT_ROOT, '--out', local, '--no-server']);
    expect([a.code, b.code]).toEqual([0, 0]);
    // The report names files relative to the working folder when it can (and it can when the
    // temporary folder is near it, as on a CI clone under /tmp), else by their absolute path.
    const named = (text: string, dir: string): string =>
      text.replaceAll(path.relative(process.cwd(), dir), 'OUT').replaceAll(dir, 'OUT');
    expect(named(a.stdout, served)).toBe(named(b.stdout, local));
    const [x, y] = [files(served), files(local)];
    expect(Object.keys(x)).toEqual(Object.keys(y));
    expect(Object.keys(x).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    // The review report names its own folder; everything else is the same bytes.
    for (const f of Object.keys(x))
      expect(x[f]?.toString('latin1').replaceAll(served, 'OUT')).toBe(
        y[f]?.toString('latin1').replaceAll(local, 'OUT'),
      );
  });

  it('sends back a user error as the same diagnostics and exit code', async () => {
    const issue = path.join(tempDir('bad'), 'bad-issue');
    cpSync(SAMPLE_ISSUE, issue, { recursive: true });
    const article = path.join(issue, 'article.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title:.*$/m, 'title: [unclosed'));
    const out = tempDir('bad-out');
    const served = await brief(['build', issue, '--root', PROJECT_ROOT, '--out', out]);
    const local = await brief(['build', issue, '--root', PROJECT_ROOT, '--out', out, '--no-server']);
    expect(served.code).toBe(1);
    expect(served).toEqual(local);
    expect(served.stderr).toMatch(/article\.md:\d+:\d+: /);
    expect(readdirSync(out)).toEqual([]);
  });

  it('is reached by the `brief` launcher without loading the tool: same bytes, same report', async () => {
    // The launcher as a user runs it, in a child process (asynchronous: the server answers from
    // this process). With the code cache off, the launcher would `require` the bundle of the whole
    // tool; a preload records every module loaded, and the bundle must not be among them.
    const launcher = path.join(PROJECT_ROOT, 'bin/brief.cjs');
    for (const built of ['dist/brief.cjs', 'dist/brief-client.cjs']) {
      if (!existsSync(path.join(PROJECT_ROOT, built)))
        throw new Error(`${built} is missing: run npm run build`);
    }
    const scratch = tempDir('launcher');
    const loadedList = path.join(scratch, 'loaded.txt');
    const preload = path.join(scratch, 'record-loads.cjs');
    writeFileSync(
      preload,
      `const Module = require('node:module'); const fs = require('node:fs'); const seen = [];
       const load = Module._load;
       Module._load = function (request, parent, isMain) { seen.push(request); return load.apply(this, arguments); };
       process.on('exit', () => fs.writeFileSync(${JSON.stringify(loadedList)}, seen.join('\\n')));`,
    );
    const served = tempDir('launcher-served');
    const local = tempDir('launcher-local');
    const before = (await brief(['server', 'status'])).stdout.match(/(\d+) builds? served/)?.[1];
    const run = promisify(execFile);
    const env = { ...process.env, BRIEF_CODE_CACHE: 'off' };
    const args = (out: string): string[] => ['build', SAMPLE_ISSUE, '--root', PROJECT_ROOT, '--out', out];
    const a = await run(process.execPath, ['-r', preload, launcher, ...args(served)], { env });
    const loaded = readFileSync(loadedList, 'utf8').split('\n');
    expect(loaded.some((m) => m.endsWith('brief-client.cjs'))).toBe(true);
    expect(loaded.filter((m) => m === path.join(PROJECT_ROOT, 'dist', 'brief.cjs'))).toEqual([]);
    const after = (await brief(['server', 'status'])).stdout.match(/(\d+) builds? served/)?.[1];
    expect(Number(after)).toBe(Number(before) + 1);
    const b = await run(process.execPath, [launcher, ...args(local), '--no-server'], { env });
    const named = (text: string, dir: string): string =>
      text.replaceAll(path.relative(process.cwd(), dir), 'OUT').replaceAll(dir, 'OUT');
    expect(named(a.stdout, served)).toBe(named(b.stdout, local));
    const pdfs = (dir: string): Buffer[] =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
        .map((f) => readFileSync(path.join(dir, f)));
    expect(pdfs(served)).toHaveLength(2);
    expect(pdfs(served)).toEqual(pdfs(local));
  });

  it('restarts when the templates it loaded change, and the build still happens', async () => {
    const root = tempDir('project');
    for (const part of ['assets/foundation.yaml', 'assets/glossary.zh-Hans.tsv', 'templates', 'fonts'])
      cpSync(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
    const out = tempDir('restart-out');
    const first = await brief(['build', SAMPLE_ISSUE, '--root', root, '--out', out, '--edition', 'hant']);
    expect(first.code).toBe(0);
    expect((await brief(['server', 'status'])).stdout).toContain(root);
    const template = path.join(root, 'templates/brief.hbs');
    const later = new Date(Date.now() + 5000);
    utimesSync(template, later, later);
    // --force: the templates' bytes are unchanged, so the issue would be skipped (issue 13).
    const second = await brief([
      'build',
      SAMPLE_ISSUE,
      '--root',
      root,
      '--out',
      out,
      '--edition',
      'hant',
      '--force',
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    // The server stepped down (a fresh one would be started by a real client).
    await server?.closed;
    expect((await brief(['server', 'status'])).code).toBe(1);
  });
});
