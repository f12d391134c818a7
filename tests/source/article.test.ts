import { describe, expect, it } from '@jest/globals';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BriefError } from '../../src/errors.js';
import type { Block, Run } from '../../src/model.js';
import { loadArticle } from '../../src/source/index.js';
import { SAMPLE_ISSUE, SEED_TEXT, stageIssue } from '../support/fixtures.js';
import { briefErrorOf } from '../support/run.js';

/** The runs of a heading or paragraph. */
function runsOf(block: Block | undefined): Run[] {
  if (block?.kind !== 'heading' && block?.kind !== 'paragraph')
    throw new Error(`not a paragraph: ${block?.kind}`);
  return block.runs;
}

function diagnosticsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof BriefError)
      return e.diagnostics.map((d) => `${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);
    throw e;
  }
  throw new Error('expected a BriefError');
}

describe('loadArticle on the sample', () => {
  const article = loadArticle(SAMPLE_ISSUE);

  it('reads the front matter', () => {
    expect(article.slug).toBe('2025-alaska-summit');
    expect(article.title).toBe('美俄阿拉斯加峰會對東北亞安保的影響');
    expect(article.author).toEqual({ name: '李明峻', affiliation: '新台灣國策智庫研發長' });
    expect(article.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(article.photo.creditUrl).toBe(
      'https://www.flickr.com/photos/whitehouse/54731999445/in/album-72177720328474477',
    );
    expect(path.isAbsolute(article.photo.file)).toBe(true);
  });

  it("keeps the seed's text character for character, with the page-break split repaired", () => {
    const seed = readFileSync(SEED_TEXT, 'utf8')
      .replace('締造全球和平的\n\n\n\n重要推手', '締造全球和平的重要推手')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const texts = article.body.map((b) =>
      runsOf(b)
        .map((r) => r.text)
        .join(''),
    );
    expect(texts).toHaveLength(8);
    for (const t of texts) expect(seed).toContain(t);
    expect(article.body.map((b) => b.kind)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
    ]);
    expect(texts[0]).toContain('締造全球和平的重要推手');
  });

  it('records the line each block starts on', () => {
    const lines = readFileSync(article.file, 'utf8').split('\n');
    for (const b of article.body) {
      const first = runsOf(b)[0]?.text.slice(0, 6) ?? '';
      expect(lines[b.line - 1]).toContain(first);
    }
  });
});

describe('loadArticle on bad input', () => {
  it('reports broken YAML with its line and column', async () => {
    const dir = await stageIssue('source/broken-yaml');
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^(7|8|9):\d+ invalid YAML/);
  });

  it('refuses unknown keys and names them, so typos do not pass', async () => {
    const dir = await stageIssue('source/unknown-key');
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d).toContain(
      "9:3 unknown key 'captoin' in photo; expected one of: file, caption, credit, creditUrl, focus, alt, decorative (is it a typo?)",
    );
    expect(d.some((x) => x.includes("missing the required key 'caption'"))).toBe(true);
  });

  it('lists every missing field and a bad date at once', async () => {
    const dir = await stageIssue('source/missing-field');
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d.some((x) => x.includes("the front matter is missing the required key 'title'"))).toBe(true);
    expect(d.some((x) => x.includes("author is missing the required key 'affiliation'"))).toBe(true);
    expect(d.some((x) => /^4:7 date must be an ISO date/.test(x))).toBe(true);
  });

  it.each([
    ['an absolute path', '/etc/passwd', /is an absolute path/],
    ['a path climbing out with ..', '../../outside.jpg', /points outside the issue folder/],
    ['a Windows drive path', 'C:\\\\photos\\\\a.jpg', /is a Windows path/],
    ['a Windows path with backslashes', '..\\\\outside.jpg', /is a Windows path/],
  ])('refuses %s as photo.file at its line, before opening anything', async (_what, named, why) => {
    const dir = await stageIssue('source/missing-photo', { photo: false });
    const file = path.join(dir, 'article.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('file: nowhere.jpg', `file: '${named}'`));
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^8:9 photo\.file '/);
    expect(d[0]).toMatch(why);
    expect(d[0]).not.toMatch(/root:|cannot read photo/);
  });

  it('refuses a symlink that points out of the issue folder, and follows one that stays inside', async () => {
    const dir = await stageIssue('source/missing-photo', { photo: false });
    const outside = path.join(path.dirname(dir), 'outside.jpg');
    writeFileSync(outside, 'not looked at');
    symlinkSync(outside, path.join(dir, 'nowhere.jpg'));
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d).toEqual([
      expect.stringMatching(/^8:9 photo\.file 'nowhere\.jpg' is a link to a file outside the issue folder/),
    ]);
    const inside = await stageIssue('source/missing-photo');
    symlinkSync(path.join(inside, 'photo.jpg'), path.join(inside, 'nowhere.jpg'));
    expect(loadArticle(inside).photo.file).toBe(path.join(inside, 'nowhere.jpg'));
  });

  it('says which photo is missing, at the line of photo.file', async () => {
    const dir = await stageIssue('source/missing-photo', { photo: false });
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^8:9 photo\.file 'nowhere\.jpg' cannot be read \(no such file; looked for /);
  });

  it('requires photo.alt, at its place, with a hint that says what alt text is', async () => {
    const dir = await stageIssue('source/verbatim');
    const file = path.join(dir, 'article.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^ {2}alt: .*\n/m, ''));
    const missing = briefErrorOf(() => loadArticle(dir)).diagnostics;
    expect(missing.map((d) => [d.code, d.message])).toEqual([['photo/alt', 'photo.alt is missing']]);
    expect(missing[0]?.line).toBe(text.split('\n').indexOf('photo:') + 1);
    expect(missing[0]?.hint).toMatch(/what it shows.*The caption is not alt text/);
    // An empty alt only with decorative: true.
    writeFileSync(file, text.replace(/^ {2}alt: .*$/m, '  alt: ""'));
    expect(briefErrorOf(() => loadArticle(dir)).diagnostics.map((d) => d.code)).toEqual(['photo/alt']);
    writeFileSync(file, text.replace(/^ {2}alt: .*$/m, '  alt: ""\n  decorative: true'));
    expect(loadArticle(dir).photo.decorative).toBe(true);
  });

  it('refuses Markdown structure it would print wrong; a lone * stays text', async () => {
    const dir = await stageIssue('source/bad-markdown');
    const d = diagnosticsOf(() => loadArticle(dir));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^16:1 thematic breaks \(`---`, `\*\*\*`\) are not supported/);
  });

  it('reports a missing article.md and a missing front matter', async () => {
    const dir = await stageIssue('source/verbatim');
    expect(diagnosticsOf(() => loadArticle(path.join(dir, 'nope')))[0]).toMatch(
      /cannot read article: no such file/,
    );
  });
});

describe('loadArticle keeps template-like text as data', () => {
  it('passes {{, "} and backslashes through verbatim', async () => {
    const dir = await stageIssue('source/verbatim');
    const a = loadArticle(dir);
    expect(a.title).toBe('模板字元 {{title}} 與 "} 的測試');
    expect(a.author.affiliation).toBe('某研究院 {{#each x}}');
    expect(a.keywords).toEqual(['{{lookup}}']);
    expect(a.photo.caption).toBe('圖說含有 {{{raw}}} 與 \\ 反斜線');
    expect(a.body[0]).toEqual({
      kind: 'heading',
      level: 2,
      runs: [{ text: '小節 {{> partial}}' }],
      line: 16,
    });
    const p1 = a.body[1];
    expect(p1 && runsOf(p1)).toEqual([
      { text: '第一段含有 {{brief.title}}、"}、\\ 與 \\n 以及 C:\\Users\\路徑，還有 ' },
      { text: '強調', emphasis: true },
      { text: ' 與 ' },
      { text: '連結', link: 'https://example.org/路徑' },
      { text: '。這一行接續同一段落。' },
    ]);
    expect(runsOf(a.body[2])).toEqual([
      { text: '第二段 ' },
      { text: 'https://example.org/x', link: 'https://example.org/x' },
      { text: ' 與 ' },
      { text: 'editor@example.org', link: 'mailto:editor@example.org' },
      { text: '，以及 *不是強調*。' },
    ]);
  });
});
