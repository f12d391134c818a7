/**
 * The engine fence: the patched internals were verified on exact versions; this fails when the
 * installed engines change, so the patches are checked again before anyone relies on them.
 */
import { describe, expect, it } from '@jest/globals';
import { ENGINE_VERSIONS_TESTED, engineMismatches, installedEngineVersions } from '../../src/pdf/engine.js';
import { checkTaggingInternals } from '../../src/pdf/tag-render.js';

describe('the engine fence', () => {
  it('the installed pdfmake, pdfkit and fontkit are the versions the patches were verified on', () => {
    expect(installedEngineVersions()).toEqual(ENGINE_VERSIONS_TESTED);
  });

  it('names every engine whose version differs', () => {
    expect(engineMismatches({ ...ENGINE_VERSIONS_TESTED })).toEqual([]);
    expect(engineMismatches({ ...ENGINE_VERSIONS_TESTED, pdfkit: '0.20.0' })).toEqual([
      'pdfkit 0.20.0 (tested 0.19.1)',
    ]);
  });

  it('pdfmake and pdfkit still have the members the tagging wraps (src/pdf/tag-render.ts)', () => {
    expect(checkTaggingInternals()).toEqual([]);
  });
});
