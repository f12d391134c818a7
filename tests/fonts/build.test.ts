/**
 * End to end: an issue with 𡘙 (Ext B), 鿏 (U+9FCF) and 𰻞 (Ext G) in its title, byline, caption,
 * heading, bold and body text builds both editions with no empty box; an issue with characters
 * no installed face has fails before anything is written, naming exactly those characters.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IssueBuild } from '../../src/pipeline/index.js';
import { buildIssue, checkIssue, loadProject } from '../../src/pipeline/index.js';
import { isBriefError } from '../../src/errors.js';
import type { Diagnostic } from '../../src/model.js';
import { PROJECT_ROOT, stageIssue, tempDir } from '../support/fixtures.js';
import { readPdf, squash } from '../support/pdf.js';
import { notdefGlyphs } from './support.js';
import { cli } from '../support/run.js';

const project = loadProject(PROJECT_ROOT);
// opencc writes the Simplified form of 𰻞 (U+30EDE) as 𰻝 (U+30EDD).
const RARE: Record<string, string[]> = { 'zh-Hant': ['𡘙', '鿏', '𰻞'], 'zh-Hans': ['𡘙', '鿏', '𰻝'] };

describe('an issue with rare characters', () => {
  let issue: string;
  let build: IssueBuild;
  beforeAll(async () => {
    issue = await stageIssue('fonts-ext');
    build = await buildIssue(project, issue, { editions: ['zh-Hant', 'zh-Hans'], outDir: tempDir() });
  });

  it('builds both editions with every rare character in the text and no .notdef glyph', async () => {
    // Keywords go to the metadata only; everything else of article.md is on the page.
    const source = readFileSync(path.join(issue, 'article.md'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('keywords:'))
      .join('\n');
    expect(build.editions.map((e) => e.edition)).toEqual(['zh-Hant', 'zh-Hans']);
    for (const e of build.editions) {
      const pdf = await readPdf(e.pdf);
      const text = squash(pdf.pages.flatMap((p) => p.items.map((i) => i.str)).join(''));
      for (const [i, ch] of (RARE[e.edition] ?? []).entries()) {
        const inSource = [...source].filter((c) => c === RARE['zh-Hant']?.[i]).length;
        expect({ ch, count: [...text].filter((c) => c === ch).length }).toEqual({ ch, count: inSource });
      }
      expect(await notdefGlyphs(e.pdf)).toBe(0);
    }
  });

  it('embeds subsets only, the edition’s own faces first and a fallback face only where needed', async () => {
    for (const e of build.editions) {
      const fonts = [...(await readPdf(e.pdf)).fonts.values()];
      for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+/);
      const own = e.edition === 'zh-Hant' ? 'TC' : 'SC';
      const other = e.edition === 'zh-Hant' ? 'SC' : 'TC';
      expect(fonts).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`\\+NotoSerif${own}-Regular$`))]),
      );
      // The other region's faces set only the characters the edition's faces lack.
      expect(fonts).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`\\+Noto(Serif|Sans)${other}-`))]),
      );
    }
  });

  it('`brief check` prints which face sets which characters, per edition and role', async () => {
    const r = await cli(['check', issue]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /zh-Hant body: \d+ characters, all covered\n\s+\d+ {2}NotoSerifTC-Regular\n\s+1 {2}NotoSerifSC-Regular {2}鿏\n/,
    );
    expect(r.stdout).toMatch(
      /zh-Hans body: \d+ characters, all covered\n\s+\d+ {2}NotoSerifSC-Regular\n\s+1 {2}NotoSerifTC-Regular {2}𡘙\n/,
    );
    expect(r.stdout).toMatch(/zh-Hant heading: .*\n.*NotoSansTC-Bold\n.*NotoSansSC-Bold {2}鿏𰻞\n/);
  });
});

describe('an issue with characters no font has', () => {
  const expectedChars = ['𱍐', '𮯰']; // U+31350 (Ext H) and U+2EBF0 (Ext I): in no shipped face
  let issue: string;
  beforeAll(async () => {
    issue = await stageIssue('fonts-missing');
  });

  function uncovered(ds: Diagnostic[]): Diagnostic[] {
    return ds.filter((d) => / is not in any font for /.test(d.message));
  }

  it('fails the build listing exactly those characters, each at its first place in article.md', async () => {
    let error: unknown;
    try {
      await buildIssue(project, issue, { editions: ['zh-Hant', 'zh-Hans'], outDir: tempDir() });
    } catch (e) {
      error = e;
    }
    expect(isBriefError(error)).toBe(true);
    const ds = isBriefError(error) ? error.diagnostics : [];
    expect(uncovered(ds)).toHaveLength(ds.length);
    const chars = new Set<string>();
    const lines = readFileSync(path.join(issue, 'article.md'), 'utf8').split('\n');
    for (const d of ds) {
      const m =
        /^U\+([0-9A-F]{4,6}) '(.+)' is not in any font for (zh-Hant|zh-Hans) \((body|bodyBold|heading|sans)\)$/u.exec(
          d.message,
        );
      expect(m).not.toBeNull();
      const ch = m?.[2] ?? '';
      expect(parseInt(m?.[1] ?? '', 16)).toBe(ch.codePointAt(0));
      chars.add(ch);
      expect(d.file).toBe(path.join(issue, 'article.md'));
      const line = lines[(d.line ?? 0) - 1] ?? '';
      expect([...line][(d.column ?? 0) - 1]).toBe(ch);
      expect(lines.findIndex((l) => l.includes(ch))).toBe((d.line ?? 0) - 1);
    }
    expect([...chars].sort()).toEqual([...expectedChars].sort());
    // Both editions and every role that sets them are named.
    expect(ds.some((d) => d.message.endsWith('for zh-Hant (body)'))).toBe(true);
    expect(ds.some((d) => d.message.endsWith('for zh-Hans (body)'))).toBe(true);
    expect(ds.some((d) => d.message.includes("'𮯰'") && d.message.endsWith('(sans)'))).toBe(true);
  });

  it('`brief build` exits 1, prints path:line:col for each, and writes nothing', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await cli(['build', issue, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // Each problem's first line is path:line:col: message [code]; the source line and a caret follow.
    const printed = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !/^\s*(\d+\s*)?\|/.test(l));
    expect(printed.length).toBeGreaterThan(0);
    for (const l of printed) {
      expect(l).toMatch(
        /^.+article\.md:\d+:\d+: U\+[0-9A-F]{5} '(𱍐|𮯰)' is not in any font for zh-Han[st] \((body|heading|sans)\) \[font\/uncovered\]$/u,
      );
    }
    expect(r.stderr).toMatch(/\n\s+\| +\^/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('`brief check` names the missing characters per role and exits 1', async () => {
    const check = checkIssue(project, issue, ['zh-Hant']);
    const body = check.editions[0]?.coverage.find((c) => c.role === 'body');
    expect(body?.missing.sort()).toEqual([...expectedChars].sort());
    const r = await cli(['check', issue, '--edition', 'hant']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/zh-Hant body: \d+ characters, 2 MISSING: /);
  });
});
