/**
 * `brief watch`: builds, then rebuilds on a save — also a save by rename, a file deleted and made
 * again, a burst of saves — keeps the last good PDFs when a build fails, writes what a plain build
 * of the same text writes, and leaves no temporary file when stopped.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import type { WatchEvent } from '../../src/cli/watch.js';
import { runWatch } from '../../src/cli/watch.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';

const issue = path.join(tempDir('watch'), '2025-alaska-summit');
cpSync(SAMPLE_ISSUE, issue, { recursive: true });
const out = tempDir('watch-out');
const article = path.join(issue, 'article.md');
const original = readFileSync(article, 'utf8');
const pdf = (): Buffer => readFileSync(path.join(out, '2025-alaska-summit.zh-Hant.pdf'));
const quiet = { write: () => true };

const events: WatchEvent[] = [];
const waiters: (() => void)[] = [];
const controller = new AbortController();
let lines = '';
const watching = runWatch({
  root: PROJECT_ROOT,
  issues: [issue],
  editions: ['zh-Hant', 'zh-Hans'],
  outDir: out,
  grey: false,
  pdfa: true,
  io: { stdout: { write: (t: string) => (lines += t) }, stderr: quiet },
  signal: controller.signal,
  onBuild: (e) => {
    events.push(e);
    waiters.splice(0).forEach((w) => w());
  },
});

/** Resolves once `count` builds in all have been reported. */
async function builds(count: number): Promise<void> {
  while (events.length < count) await new Promise<void>((r) => waiters.push(r));
}
/** Waits until no build has started for a while (a burst is over). */
async function settle(ms = 1500): Promise<void> {
  for (let seen = -1; seen !== events.length;) {
    seen = events.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

afterAll(async () => {
  controller.abort();
  await watching;
});

describe('brief watch', () => {
  it('builds at once, one line per build', async () => {
    await builds(1);
    expect(events[0]?.ok).toBe(true);
    expect(lines).toMatch(/^\d\d:\d\d:\d\d 2025-alaska-summit {2}both editions {2}\d+ ms\n$/);
  }, 120_000);

  it('rebuilds after a save by rename, and writes what a plain build writes', async () => {
    const before = pdf();
    const edited = original.replace('。', '，今天。');
    expect(edited).not.toBe(original);
    const temp = path.join(issue, '.article.md.swp');
    writeFileSync(temp, edited);
    renameSync(temp, article);
    await builds(2);
    expect(events[1]?.ok).toBe(true);
    expect(pdf().equals(before)).toBe(false);
    const plain = tempDir('plain');
    const r = await runCli(['build', issue, '--root', PROJECT_ROOT, '--out', plain, '--no-server'], {
      stdout: quiet,
      stderr: quiet,
    });
    expect(r).toBe(0);
    expect(readFileSync(path.join(plain, '2025-alaska-summit.zh-Hant.pdf')).equals(pdf())).toBe(true);
  }, 120_000);

  it('keeps the last good PDFs while the article is gone, and builds again when it is back', async () => {
    const good = pdf();
    const count = events.length;
    rmSync(article);
    await builds(count + 1);
    expect(events[count]?.ok).toBe(false);
    expect(pdf().equals(good)).toBe(true);
    writeFileSync(article, original);
    await builds(count + 2);
    expect(events[count + 1]?.ok).toBe(true);
  }, 120_000);

  it('says so when a save restores what was last built (a typo fixed), and builds nothing', async () => {
    await settle();
    const count = events.length;
    const pdfBefore = pdf();
    writeFileSync(article, original.replace(/^title: (.*)$/m, 'title: [$1'));
    await builds(count + 1);
    expect(events[count]?.ok).toBe(false);
    writeFileSync(article, original); // what the last good build was made from
    await builds(count + 2);
    expect(events[count + 1]?.ok).toBe(true);
    expect(events[count + 1]?.line).toMatch(/ 2025-alaska-summit {2}unchanged, PDFs up to date {2}\d+ ms$/);
    expect(pdf().equals(pdfBefore)).toBe(true);
  }, 120_000);

  it('gathers a burst of saves, and ends with the last one', async () => {
    await settle();
    const count = events.length;
    for (let i = 1; i <= 6; i++) writeFileSync(article, original.replace('。', `，第${i}稿。`));
    await builds(count + 1);
    await settle();
    // One build for the burst (two when a save lands during it), never one per save.
    expect(events.length - count).toBeLessThanOrEqual(2);
    expect(events.at(-1)?.ok).toBe(true);
    const plain = tempDir('plain-burst');
    await runCli(['build', issue, '--root', PROJECT_ROOT, '--out', plain, '--no-server'], {
      stdout: quiet,
      stderr: quiet,
    });
    expect(readFileSync(path.join(plain, '2025-alaska-summit.zh-Hant.pdf')).equals(pdf())).toBe(true);
  }, 120_000);

  it('stops when asked, with no temporary file left', async () => {
    writeFileSync(article, original.replace('。', '，停。'));
    await new Promise((r) => setTimeout(r, 60)); // a build is probably under way
    controller.abort();
    expect(await watching).toBe(0);
    const left = [...readdirSync(out), ...readdirSync(issue)].filter((f) => f.endsWith('.tmp'));
    expect(left).toEqual([]);
  }, 120_000);
});
