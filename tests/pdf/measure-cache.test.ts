/**
 * The measuring patches (src/pdf/measure-cache.ts) change nothing in the output: the rich sample
 * (notes, a table, a figure: pdfmake lays each edition out several times while the keep and note
 * rules add page breaks) is rendered with stock measuring and with the patches, and the bytes are
 * compared; the counters show the patches did act (lookups shared, text nodes reused in later
 * passes), so the comparison is not vacuous.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Edition } from '../../src/model.js';
import { measureCacheStats, setMeasureCache } from '../../src/pdf/measure-cache.js';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';

const RICH_ISSUE = path.join(PROJECT_ROOT, 'assets/issues/2025-indo-pacific-supply-chains');
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('the measuring patches', () => {
  it('give the same bytes as stock measuring, on a brief laid out in several passes', async () => {
    const project = loadProject(PROJECT_ROOT);
    const editions: Edition[] = ['zh-Hant', 'zh-Hans'];
    const render = async (): Promise<string[]> =>
      (await buildIssue(project, RICH_ISSUE, { editions })).editions.map((e) => sha(e.pdf));
    try {
      setMeasureCache(false);
      const before = measureCacheStats();
      const stock = await render();
      expect(measureCacheStats()).toEqual(before);
      setMeasureCache(true);
      const patched = await render();
      const after = measureCacheStats();
      expect(after.lookupsShared).toBeGreaterThan(before.lookupsShared);
      expect(after.leavesReused).toBeGreaterThan(before.leavesReused);
      expect(patched).toEqual(stock);
      // And again, stock after patched (nothing carried over from one document to the next).
      setMeasureCache(false);
      expect(await render()).toEqual(stock);
    } finally {
      setMeasureCache(true);
    }
  });
});
