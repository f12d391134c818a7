/**
 * Incremental builds (issue 13): an issue whose inputs are unchanged since its last build is
 * skipped and says so; a changed article, photo, template or profile rebuilds what it touches;
 * --force rebuilds all; a deleted issue folder leaves the catalogue, its files kept unless --prune.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { brief, copyProject } from './support.js';

const A = '2025-alaska-summit';
const B = '2025-indo-pacific-supply-chains';
let root: string;
let out: string;

const mtime = (f: string): number => statSync(path.join(out, f)).mtimeMs;
const sidecar = (slug: string): { inputs: string; files: { text: string; edition: string }[] } =>
  JSON.parse(readFileSync(path.join(out, `${slug}.json`), 'utf8')) as {
    inputs: string;
    files: { text: string; edition: string }[];
  };

beforeAll(async () => {
  root = copyProject('incremental-');
  out = path.join(root, 'out');
  expect((await brief(root, ['build'])).code).toBe(0);
}, 120_000);

describe('a second build', () => {
  it('stores the inputs hash and each edition’s text in the sidecar', () => {
    const s = sidecar(A);
    expect(s.inputs).toMatch(/^[0-9a-f]{64}$/);
    const [hant, hans] = s.files;
    expect(hant?.text).toContain('川普');
    expect(hant?.text).not.toContain('特朗普');
    expect(hans?.text).toContain('特朗普');
  });

  it('builds nothing when nothing changed, and says so', async () => {
    const before = mtime(`${A}.zh-Hant.pdf`);
    const r = await brief(root, ['build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${A}: unchanged, skipped`);
    expect(r.stdout).toContain(`${B}: unchanged, skipped`);
    expect(r.stdout).toMatch(/built +0\n +skipped +2/);
    expect(r.stdout).toContain('thumbnails: 0 made, 2 kept');
    expect(mtime(`${A}.zh-Hant.pdf`)).toBe(before);
  }, 60_000);

  it('rebuilds only the issue whose article changed', async () => {
    appendFileSync(path.join(root, 'assets/issues', A, 'article.md'), '\n補充一句。\n');
    const r = await brief(root, ['build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${A}.zh-Hant.pdf`);
    expect(r.stdout).toContain(`${B}: unchanged, skipped`);
    expect(r.stdout).toMatch(/built +1\n +skipped +1/);
    expect(r.stdout).toContain('thumbnails: 1 made, 1 kept');
  }, 60_000);

  it('rebuilds every issue when a template changes', async () => {
    appendFileSync(path.join(root, 'templates/partials/contact.hbs'), '\n');
    const r = await brief(root, ['build']);
    expect(r.stdout).toMatch(/built +2\n +skipped +0/);
  }, 120_000);

  it('rebuilds every issue with --force', async () => {
    const r = await brief(root, ['build', '--force']);
    expect(r.stdout).toMatch(/built +2\n +skipped +0/);
  }, 120_000);

  it('drops a deleted issue from the catalogue, keeps its files, and deletes them with --prune', async () => {
    rmSync(path.join(root, 'assets/issues', B), { recursive: true });
    let r = await brief(root, ['build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`left out of the catalogue (folder gone; --prune deletes their files): ${B}`);
    const list = () =>
      (
        JSON.parse(readFileSync(path.join(out, 'catalogue.json'), 'utf8')) as { issues: { slug: string }[] }
      ).issues.map((i) => i.slug);
    expect(list()).toEqual([A]);
    expect(existsSync(path.join(out, `${B}.zh-Hant.pdf`))).toBe(true);
    r = await brief(root, ['catalogue', '--prune']);
    expect(r.code).toBe(0);
    for (const f of [`${B}.zh-Hant.pdf`, `${B}.zh-Hans.pdf`, `${B}.json`, `${B}.zh-Hans.review.md`])
      expect(existsSync(path.join(out, f))).toBe(false);
    expect(existsSync(path.join(out, `${A}.zh-Hant.pdf`))).toBe(true);
    expect(list()).toEqual([A]);
  }, 60_000);
});
