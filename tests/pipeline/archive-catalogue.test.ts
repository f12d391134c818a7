/**
 * The archive sidecar out/<slug>.json written by writeIssue: what it records, that it matches
 * the PDFs beside it, and that it is byte-stable.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { IssueBuild } from '../../src/pipeline/index.js';
import { buildIssue, loadProject, writeIssue } from '../../src/pipeline/index.js';
import type { Catalogue } from '../../src/pipeline/catalogue.js';
import { catalogueJson } from '../../src/pipeline/catalogue.js';
import { TOOL } from '../../src/version.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';

let build: IssueBuild;
let outDir: string;
let catalogue: Catalogue;
let sidecar: Buffer;

beforeAll(async () => {
  const project = loadProject(PROJECT_ROOT);
  outDir = tempDir('catalogue-');
  build = await buildIssue(project, SAMPLE_ISSUE, { editions: ['zh-Hant', 'zh-Hans'], outDir });
  writeIssue(build, outDir);
  sidecar = readFileSync(path.join(outDir, '2025-alaska-summit.json'));
  catalogue = JSON.parse(sidecar.toString('utf8')) as Catalogue;
});

describe('the archive sidecar', () => {
  it('sits beside the PDFs as <slug>.json, with stable file names', () => {
    expect(readdirSync(outDir).sort()).toEqual([
      '2025-alaska-summit.json',
      '2025-alaska-summit.zh-Hans.pdf',
      '2025-alaska-summit.zh-Hans.review.md',
      '2025-alaska-summit.zh-Hant.pdf',
    ]);
    expect(catalogue.slug).toBe('2025-alaska-summit');
    expect(catalogue.date).toBe('2025-08-25');
    expect(catalogue.tool).toEqual(TOOL);
  });

  it('records the size and SHA-256 of each file as written', () => {
    expect(catalogue.files.map((f) => f.edition)).toEqual(['zh-Hant', 'zh-Hans']);
    for (const f of catalogue.files) {
      const bytes = readFileSync(path.join(outDir, f.file));
      expect(f.bytes).toBe(bytes.length);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('records the metadata each PDF carries', async () => {
    for (const f of catalogue.files) {
      const pdf = await readPdf(readFileSync(path.join(outDir, f.file)));
      expect(f.title).toBe(pdf.info['Title']);
      expect(f.author).toBe(pdf.info['Author']);
      expect(f.subject).toBe(pdf.info['Subject']);
      expect(f.keywords.join(', ')).toBe(pdf.info['Keywords']);
      expect(f.publisher).toBe(pdf.info['Creator']);
      expect(f.subject.startsWith(f.series)).toBe(true);
      expect(f.conformance).toBe('PDF/A-2a');
      expect(catalogue.producer).toBe(pdf.info['Producer']);
    }
    expect(catalogue.files.map((f) => f.lang)).toEqual(['zh-Hant-TW', 'zh-Hans-CN']);
    expect(catalogue.files.map((f) => f.series)).toEqual(['遠景論壇', '远景论坛']);
  });

  it('is byte-stable: no build time, no absolute path, and the same text when written again', () => {
    const text = sidecar.toString('utf8');
    expect(text).not.toContain(outDir);
    expect(Object.keys(catalogue)).toEqual(['slug', 'date', 'producer', 'tool', 'inputs', 'files']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(
      catalogueJson(build, [
        { edition: 'zh-Hant', file: path.join('/elsewhere', '2025-alaska-summit.zh-Hant.pdf') },
        { edition: 'zh-Hans', file: '2025-alaska-summit.zh-Hans.pdf' },
      ]),
    ).toBe(text);
  });

  it('covers only the editions built (a one-edition build lists one file)', async () => {
    const project = loadProject(PROJECT_ROOT);
    const dir = tempDir('catalogue-one-');
    writeIssue(await buildIssue(project, SAMPLE_ISSUE, { editions: ['zh-Hant'], outDir: dir }), dir);
    const one = JSON.parse(readFileSync(path.join(dir, '2025-alaska-summit.json'), 'utf8')) as Catalogue;
    expect(one.files.map((f) => f.edition)).toEqual(['zh-Hant']);
    expect(one.files[0]?.sha256).toBe(catalogue.files[0]?.sha256);
  });
});
