import { describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, stageIssue, tempDir } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';
import { cli } from '../support/run.js';

/** A copy of the sample issue under a new slug, so tests never write into the real out/. */
function stageSample(slug: string): string {
  const dir = path.join(tempDir(), slug);
  cpSync(SAMPLE_ISSUE, dir, { recursive: true });
  return dir;
}

describe('brief build', () => {
  it('writes both editions and the review report, and names them', async () => {
    const out = tempDir();
    const issue = stageSample('cli-sample');
    const r = await cli(['build', issue, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      expect.arrayContaining([
        'cli-sample.zh-Hans.pdf',
        'cli-sample.zh-Hans.review.md',
        'cli-sample.zh-Hant.pdf',
      ]),
    );
    expect(readFileSync(path.join(out, 'cli-sample.zh-Hant.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.stdout).toMatch(/cli-sample\.zh-Hant\.pdf/);
    expect(r.stdout).toMatch(/review\.md/);
  });

  it('builds one edition on request', async () => {
    const out = tempDir();
    const r = await cli(['build', stageSample('one'), '--out', out, '--edition', 'hant']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['one.json', 'one.zh-Hant.pdf']);
  });

  it('reports bad input as file:line:col, exits 1, and keeps the earlier PDFs', async () => {
    const out = tempDir();
    const issue = await stageIssue('source/broken-yaml', { slug: 'kept' });
    const earlier = Buffer.from('%PDF-1.3 earlier build');
    writeFileSync(path.join(out, 'kept.zh-Hant.pdf'), earlier);
    const r = await cli(['build', issue, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${issue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/article\\.md:\\d+:\\d+: invalid YAML`),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(out)).toEqual(['kept.zh-Hant.pdf']);
    expect(readFileSync(path.join(out, 'kept.zh-Hant.pdf'))).toEqual(earlier);
  });

  it('reports a corrupt photo and writes nothing', async () => {
    const out = tempDir();
    const issue = stageSample('bad-photo');
    writeFileSync(path.join(issue, 'photo.jpg'), 'this is not a JPEG');
    const r = await cli(['build', issue, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/photo\.jpg: cannot read photo: /);
    expect(readdirSync(out)).toEqual([]);
  });

  it('goes on with the other issues when one fails, and still exits 1', async () => {
    const out = tempDir();
    const bad = await stageIssue('source/missing-photo', { photo: false });
    const good = stageSample('good');
    const r = await cli(['build', bad, good, '--out', out, '--edition', 'hant']);
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['good.json', 'good.zh-Hant.pdf']);
  });

  it('writes PDF/A-2b unless told --no-pdfa', async () => {
    const out = tempDir();
    expect((await cli(['build', stageSample('a'), '--out', out, '--edition', 'hant'])).code).toBe(0);
    expect(
      (await cli(['build', stageSample('plain'), '--out', out, '--edition', 'hant', '--no-pdfa'])).code,
    ).toBe(0);
    const archival = await readPdf(readFileSync(path.join(out, 'a.zh-Hant.pdf')));
    const plain = await readPdf(readFileSync(path.join(out, 'plain.zh-Hant.pdf')));
    expect(archival.xmp).toMatch(/pdfaid:part/);
    expect(plain.xmp ?? '').not.toMatch(/pdfaid:part/);
    expect(plain.info['Title']).toBe(archival.info['Title']);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['build', '--edition', 'latin'])).code).toBe(2);
    expect((await cli(['build', '--nope'])).code).toBe(2);
  });
});

describe('a template mistake pdfmake cannot lay out', () => {
  it('is a diagnostic naming the templates, exit 1, no stack trace, nothing written', async () => {
    const root = tempDir();
    for (const part of [
      'assets/foundation.yaml',
      'assets/glossary.zh-Hans.tsv',
      'templates',
      'fonts/fonts.json',
    ])
      cpSync(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
    // Valid JSON, valid escaping, but a table without a body.
    writeFileSync(path.join(root, 'templates/partials/note.hbs'), '{ "table": { "widths": ["*"] } }\n');
    const out = path.join(root, 'out');
    let stderr = '';
    const code = await runCli(['build', stageSample('broken-template'), '--root', root, '--out', out], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /templates\/brief\.hbs: pdfmake cannot lay out the document the templates produced: .+ \[template\/definition\]/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.pdf')) : []).toEqual([]);
  }, 120000);
});
