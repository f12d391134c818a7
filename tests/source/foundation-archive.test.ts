/**
 * The profile's `archive:` key (issue 13): https only, no spaces, a path naming {slug}; every
 * problem at its line and column with the `archive/url` code.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BriefError } from '../../src/errors.js';
import { archiveUrl, loadFoundation } from '../../src/source/index.js';
import { renderTextTemplate } from '../../src/template/index.js';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';

const SAMPLE = path.join(PROJECT_ROOT, 'assets/foundation.yaml');

/** The sample profile with its archive block replaced by `block` ('' drops it). */
function withArchive(block: string): string {
  const text = readFileSync(SAMPLE, 'utf8').replace(/^archive:\n(?: {2}.*\n)+/m, block);
  const file = path.join(tempDir(), 'foundation.yaml');
  writeFileSync(file, text);
  return file;
}

function problems(file: string): string[] {
  try {
    loadFoundation(file, renderTextTemplate);
  } catch (e) {
    if (e instanceof BriefError)
      return e.diagnostics.map((d) => `${d.line}:${d.column ?? '-'} ${d.code} ${d.message}`);
    throw e;
  }
  return [];
}

describe('archive: in the foundation profile', () => {
  it('is read from the sample profile, and gives each edition its address', () => {
    const f = loadFoundation(SAMPLE, renderTextTemplate);
    expect(f.archive).toEqual({ baseUrl: 'https://www.pf.org.tw/briefs/', issuePath: '{slug}/{edition}/' });
    if (!f.archive) throw new Error('no archive');
    expect(archiveUrl(f.archive, '2025-alaska-summit', 'zh-Hans')).toBe(
      'https://www.pf.org.tw/briefs/2025-alaska-summit/zh-Hans/',
    );
  });

  it('is optional: without it there is no archive (and no QR code)', () => {
    expect(loadFoundation(withArchive(''), renderTextTemplate).archive).toBeNull();
  });

  it('adds the final slash to baseUrl and defaults issuePath to {slug}/', () => {
    const f = loadFoundation(withArchive('archive:\n  baseUrl: https://example.org/a\n'), renderTextTemplate);
    expect(f.archive).toEqual({ baseUrl: 'https://example.org/a/', issuePath: '{slug}/' });
  });

  it.each([
    ['http://www.pf.org.tw/', 'archive.baseUrl must be an https:// address'],
    ['https://www.pf.org.tw/my briefs/', 'archive.baseUrl must be an https:// address'],
    ['ftp://www.pf.org.tw/', 'archive.baseUrl must be an https:// address'],
    ['not a url', 'archive.baseUrl must be an https:// address'],
  ])('refuses baseUrl %s at its line and column', (url, message) => {
    const file = withArchive(`archive:\n  baseUrl: "${url}"\n  issuePath: "{slug}/"\n`);
    const line = readFileSync(file, 'utf8').split('\n').indexOf(`  baseUrl: "${url}"`) + 1;
    expect(problems(file)).toEqual([expect.stringContaining(`${line}:12 archive/url ${message}`)]);
  });

  it.each([['issues/ {slug}/'], ['issues/'], ['/{slug}/']])('refuses issuePath %s', (issuePath) => {
    const file = withArchive(`archive:\n  baseUrl: https://www.pf.org.tw/\n  issuePath: "${issuePath}"\n`);
    const line = readFileSync(file, 'utf8').split('\n').indexOf(`  issuePath: "${issuePath}"`) + 1;
    expect(problems(file)).toEqual([expect.stringContaining(`${line}:14 archive/url archive.issuePath`)]);
  });

  it('refuses an unknown key inside archive (a typo)', () => {
    const file = withArchive('archive:\n  baseURL: https://www.pf.org.tw/\n');
    expect(problems(file).join('\n')).toMatch(/baseURL|baseUrl/);
  });
});
