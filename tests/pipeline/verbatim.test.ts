/**
 * An article whose text looks like template syntax, JSON or escapes is set exactly as written:
 * its text is data handed to the templates, never compiled.
 */
import { describe, expect, it } from '@jest/globals';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { PROJECT_ROOT, stageIssue, tempDir } from '../support/fixtures.js';
import { linkTargets, readPdf, squash, textWithoutFooters } from '../support/pdf.js';

describe('an article full of {{, "} and backslashes', () => {
  it('comes out verbatim in both editions', async () => {
    const issue = await stageIssue('source/verbatim');
    const build = await buildIssue(loadProject(PROJECT_ROOT), issue, {
      editions: ['zh-Hant', 'zh-Hans'],
      outDir: tempDir(),
    });
    const [hant, hans] = await Promise.all(build.editions.map((e) => readPdf(e.pdf)));
    if (!hant || !hans) throw new Error('expected two editions');
    const text = squash(textWithoutFooters(hant));
    for (const s of [
      '模板字元{{title}}與"}的測試',
      '某研究院{{#each x}}',
      '圖說含有{{{raw}}}與\\反斜線',
      '小節{{> partial}}',
      '第一段含有{{brief.title}}、"}、\\與\\n以及C:\\Users\\路徑',
      '*不是強調*',
    ]) {
      expect(text).toContain(squash(s));
    }
    expect(hant.info['Title']).toBe('模板字元 {{title}} 與 "} 的測試');
    expect(squash(textWithoutFooters(hans))).toContain(squash('模板字元 {{title}} 与 "} 的测试'));
    expect(linkTargets(hant)).toEqual(expect.arrayContaining(['mailto:editor@example.org']));
  });
});
