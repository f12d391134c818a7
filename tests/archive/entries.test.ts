/**
 * The catalogue's entries (src/archive/entries.ts): sidecars of existing issue folders, newest
 * first; others left out (and pruned on request); a broken sidecar is an error with its file.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BriefError } from '../../src/errors.js';
import { readEntries } from '../../src/archive/entries.js';
import { tempDir } from '../support/fixtures.js';

function sidecar(dir: string, slug: string, date: string): void {
  const file = {
    edition: 'zh-Hant',
    file: `${slug}.zh-Hant.pdf`,
    bytes: 1,
    sha256: 'x',
    title: slug,
    keywords: [],
  };
  writeFileSync(path.join(dir, `${slug}.json`), JSON.stringify({ slug, date, files: [file] }));
  writeFileSync(path.join(dir, `${slug}.zh-Hant.pdf`), '%PDF');
}

describe('the catalogue entries', () => {
  it('are the sidecars of existing issues, newest first; sidecars written before the catalogue get defaults', () => {
    const out = tempDir('entries-');
    sidecar(out, 'a', '2024-01-02');
    sidecar(out, 'b', '2025-03-04');
    sidecar(out, 'gone', '2025-05-06');
    writeFileSync(path.join(out, 'catalogue.json'), '{}');
    const r = readEntries(out, new Set(['a', 'b']), false);
    expect(r.entries.map((e) => e.slug)).toEqual(['b', 'a']);
    expect(r.entries[0]?.files[0]).toMatchObject({ pages: 0, keyPoints: [], text: '' });
    expect(r.removed).toEqual(['gone']);
    expect(r.pruned).toEqual([]);
    expect(existsSync(path.join(out, 'gone.zh-Hant.pdf'))).toBe(true);
  });

  it('with prune, deletes the files of issues whose folder is gone, and only those', () => {
    const out = tempDir('entries-');
    sidecar(out, 'a', '2024-01-02');
    sidecar(out, 'gone', '2025-05-06');
    const r = readEntries(out, new Set(['a']), true);
    expect(r.pruned.sort()).toEqual(['gone.json', 'gone.zh-Hant.pdf']);
    expect(existsSync(path.join(out, 'gone.zh-Hant.pdf'))).toBe(false);
    expect(existsSync(path.join(out, 'a.zh-Hant.pdf'))).toBe(true);
  });

  it('refuses a sidecar that is not JSON, naming it', () => {
    const out = tempDir('entries-');
    writeFileSync(path.join(out, 'broken.json'), '{"slug": ');
    expect(() => readEntries(out, new Set(['broken']), false)).toThrow(BriefError);
    try {
      readEntries(out, new Set(['broken']), false);
    } catch (e) {
      expect((e as BriefError).diagnostics[0]).toMatchObject({
        file: path.join(out, 'broken.json'),
        code: 'archive/sidecar',
        hint: expect.stringContaining('--force'),
      });
    }
  });
});
