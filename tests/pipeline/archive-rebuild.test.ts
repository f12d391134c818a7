/**
 * Byte-identical rebuilds across processes: two clean builds (each its own copy of the project,
 * so no photo cache is shared, and its own `node` process running the compiled CLI) give the
 * same bytes for both editions and the same sidecar.
 *
 * It runs dist/cli/main.js, which `npm ci` (prepare) and `npm run build` compile; without it the
 * test fails and says so rather than testing nothing.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';

const CLI = path.join(PROJECT_ROOT, 'dist/cli/main.js');
const FILES = ['2025-alaska-summit.zh-Hant.pdf', '2025-alaska-summit.zh-Hans.pdf', '2025-alaska-summit.json'];

/** A clean project: sources, templates and the font manifest, nothing cached. */
function cleanProject(): string {
  const root = tempDir('brief-rebuild-');
  for (const part of ['assets', 'templates', 'fonts']) {
    cpSync(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
  }
  return root;
}

function buildInNewProcess(env: Record<string, string>): Record<string, string> {
  const root = cleanProject();
  const out = path.join(root, 'out');
  const run = spawnSync(process.execPath, [CLI, 'build', '--root', root, '--out', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  const hashes: Record<string, string> = {};
  for (const f of FILES)
    hashes[f] = createHash('sha256')
      .update(readFileSync(path.join(out, f)))
      .digest('hex');
  return hashes;
}

describe('two clean builds in separate processes', () => {
  it('give identical SHA-256 for both editions and the sidecar', () => {
    if (!existsSync(CLI)) {
      throw new Error(`${CLI} is missing: run \`npm run build\` first (npm ci runs it through prepare)`);
    }
    // Different time zones and locales too: neither may leak into the bytes.
    const first = buildInNewProcess({ TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    const second = buildInNewProcess({
      TZ: 'Pacific/Kiritimati',
      LANG: 'zh_TW.UTF-8',
      LC_ALL: 'zh_TW.UTF-8',
    });
    expect(second).toEqual(first);
    expect(new Set(Object.values(first)).size).toBe(FILES.length);
  }, 120000);
});
