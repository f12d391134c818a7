import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BriefError } from '../../src/errors.js';
import { loadFoundation } from '../../src/source/index.js';
import { renderTextTemplate } from '../../src/template/index.js';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';

const SAMPLE = path.join(PROJECT_ROOT, 'assets/foundation.yaml');

function withProfile(edit: (text: string) => string): string {
  const file = path.join(tempDir(), 'foundation.yaml');
  writeFileSync(file, edit(readFileSync(SAMPLE, 'utf8')));
  return file;
}

function messages(file: string): string[] {
  try {
    loadFoundation(file, renderTextTemplate);
  } catch (e) {
    if (e instanceof BriefError) return e.diagnostics.map((d) => `${d.line}:${d.column ?? '-'} ${d.message}`);
    throw e;
  }
  throw new Error('expected a BriefError');
}

describe('loadFoundation', () => {
  it("reads the foundation's wording exactly as the seed gives it", () => {
    const f = loadFoundation(SAMPLE, renderTextTemplate);
    const seed = readFileSync(path.join(PROJECT_ROOT, '../shared/seeds/000_875db6663b2e44f4.txt'), 'utf8');
    for (const value of [f.name, f.series, f.about, f.address, f.tel, f.fax, f.url])
      expect(seed).toContain(value);
    expect(f.shortName).toBe('遠景基金會');
    expect(f.disclaimer).toBe('本文僅代表作者個人觀點，不代表遠景基金會之政策與立場。');
    expect(seed).toContain(`編按：${f.disclaimer}`);
    expect(f.conversion).toBe('mainland');
    expect(f.fonts).toEqual([]);
  });

  it('reports an unknown name in the disclaimer template at its line', () => {
    const file = withProfile((t) => t.replace(/^(disclaimer:.*)\{\{shortName\}\}/m, '$1{{shortname}}'));
    const [m] = messages(file);
    expect(m).toMatch(/^12:\d+ template error: .*shortname/);
    expect(m).toContain('{{shortName}}');
  });

  it('reports missing and unknown keys together', () => {
    const file = withProfile((t) => t.replace(/^fax:.*$/m, 'faks: 1'));
    const m = messages(file);
    expect(m.some((x) => /^10:1 unknown key 'faks'/.test(x))).toBe(true);
    expect(m.some((x) => x.includes("missing the required key 'fax'"))).toBe(true);
  });

  it('keeps phone numbers as written, not as numbers', () => {
    const file = withProfile((t) => t.replace(/^tel:.*$/m, 'tel: 0223654366'));
    expect(loadFoundation(file, renderTextTemplate).tel).toBe('0223654366');
  });
});
