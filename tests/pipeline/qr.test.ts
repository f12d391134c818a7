/**
 * The printed brief links back (issue 13): with `archive:` in the profile every brief carries a
 * QR code of its edition's online address near the contact block, the address printed beside it
 * as a link. Decoded from the rendered page by a real decoder (zbarimg, Debian's zbar-tools).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Edition } from '../../src/model.js';
import type { IssueBuild } from '../../src/pipeline/index.js';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { archiveUrl } from '../../src/source/index.js';
import { readPdf } from '../support/pdf.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import { requireTools } from '../support/tools.js';

const HAVE_TOOLS = requireTools('QR decoding tests (tests/pipeline/qr.test.ts)', {
  pdftoppm: 'poppler-utils',
  zbarimg: 'zbar-tools',
});
const itDecodes = HAVE_TOOLS ? it : it.skip;

let build: IssueBuild;
const project = loadProject(PROJECT_ROOT);

beforeAll(async () => {
  build = await buildIssue(project, SAMPLE_ISSUE, { editions: ['zh-Hant', 'zh-Hans'] });
}, 60_000);

function expected(edition: Edition): string {
  if (!project.foundation.archive) throw new Error('the sample profile sets no archive');
  return archiveUrl(project.foundation.archive, build.article.slug, edition);
}

describe('the QR code on the brief', () => {
  itDecodes.each([['zh-Hant'], ['zh-Hans']] as [Edition][])(
    '%s: decodes to the edition’s archive address',
    (edition) => {
      const pdf = build.editions.find((e) => e.edition === edition)?.pdf;
      if (!pdf) throw new Error(`no ${edition}`);
      const dir = tempDir('qr-');
      writeFileSync(path.join(dir, 'brief.pdf'), pdf);
      const render = spawnSync('pdftoppm', ['-r', '150', '-png', 'brief.pdf', 'page'], { cwd: dir });
      expect(render.status).toBe(0);
      const decoded = readdirSync(dir)
        .filter((f) => f.endsWith('.png'))
        .flatMap((png) => {
          const r = spawnSync('zbarimg', ['--quiet', '--raw', png], { cwd: dir, encoding: 'utf8' });
          return r.stdout.split('\n').filter(Boolean);
        });
      expect(decoded).toEqual([expected(edition)]);
    },
    60_000,
  );

  it('prints the address beside it as a link, on the page with the contact block', async () => {
    for (const e of build.editions) {
      const read = await readPdf(e.pdf);
      const url = expected(e.edition);
      const last = read.pages[read.pages.length - 1];
      const text = last?.items.map((i) => i.str).join('') ?? '';
      expect(text).toContain(url);
      expect(text).toContain(e.edition === 'zh-Hant' ? '線上閱讀本文' : '在线阅读本文');
      expect(text).toContain('60'); // the contact block's address, on the same page
      expect(last?.links.map((l) => l.url)).toContain(url);
    }
  });
});
