/**
 * The resident build server: a build it serves writes the same bytes, prints the same report and
 * returns the same exit code as a build in the client's own process; it restarts when the
 * project's templates change; it listens on a private socket. The server runs in this test's
 * process, on a socket in a temp folder, and is stopped in afterAll.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
