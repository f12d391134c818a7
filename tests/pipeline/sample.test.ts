/**
 * End to end on the sample issue: build both editions with the real pdfmake, fonts, sharp and
 * opencc-js, then read the PDFs back and check text, fonts, metadata and links.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IssueBuild } from '../../src/pipeline/index.js';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { loadArticle } from '../../src/source/index.js';
import { FIXTURES, PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import type { PdfReadBack } from '../support/pdf.js';
import { linkTargets, readPdf, squash, textWithoutFooters } from '../support/pdf.js';

const CREDIT_URL = 'https://www.flickr.com/photos/whitehouse/54731999445/in/album-72177720328474477';
let build: IssueBuild;
const pdfs: Record<string, PdfReadBack> = {};

beforeAll(async () => {
  const project = loadProject(PROJECT_ROOT);
  build = await buildIssue(project, SAMPLE_ISSUE, { editions: ['zh-Hant', 'zh-Hans'], outDir: tempDir() });
  for (const e of build.editions) pdfs[e.edition] = await readPdf(e.pdf);
});

function pdf(edition: string): PdfReadBack {
  const p = pdfs[edition];
  if (!p) throw new Error(`no ${edition} PDF`);
  return p;
}

describe('the zh-Hant brief', () => {
  it('contains every source text with no missing character', () => {
    const article = loadArticle(SAMPLE_ISSUE);
    const text = squash(textWithoutFooters(pdf('zh-Hant')));
    const sources = [
      article.title,
      article.author.name,
      article.author.affiliation,
      article.photo.caption,
      ...article.body.map((b) => b.runs.map((r) => r.text).join('')),
      '編按：本文僅代表作者個人觀點，不代表遠景基金會之政策與立場。',
      '財團法人兩岸交流遠景基金會',
      '臺北市汀州路三段60巷1號',
      '886-2-23654366',
      '886-2-23679193',
      'http://www.pf.org.tw',
      '遠景論壇',
    ];
    for (const s of sources) expect(text).toContain(squash(s));
  });

  it('is A4 with Traditional-Chinese faces only, embedded as subsets', () => {
    const p = pdf('zh-Hant');
    for (const page of p.pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
    const fonts = [...p.fonts.values()];
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)TC-/);
  });

  it('carries title, author, language and the links', () => {
    const p = pdf('zh-Hant');
    expect(p.info['Title']).toBe('美俄阿拉斯加峰會對東北亞安保的影響');
    expect(p.info['Author']).toBe('李明峻');
    expect(p.info['Language']).toBe('zh-Hant-TW');
    expect(linkTargets(p)).toEqual(expect.arrayContaining([CREDIT_URL, 'http://www.pf.org.tw/']));
  });
});

describe('the zh-Hans brief', () => {
  it('is the expected Simplified conversion', () => {
    // The localize stage's hand-checked fixture: `key: value` lines for the short texts, then the
    // body (## headings, paragraphs). Credit and note are composed with template wording, so they
    // are checked elsewhere.
    const keys = /^(title|author|affiliation|caption|foundation\.(name|about|address|series)): /;
    const expected = readFileSync(path.join(FIXTURES, 'localize/sample.zh-Hans.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('%') && (keys.test(l) || !/^[a-zA-Z.]+: /.test(l)))
      .map((l) => l.replace(keys, '').replace(/^## /, ''));
    const text = squash(textWithoutFooters(pdf('zh-Hans')));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    for (const line of expected) expect(text).toContain(squash(line));
  });

  it('uses mainland names and quotation marks, and leaves URLs alone', () => {
    const text = pdf('zh-Hans').text;
    for (const taiwanOnly of ['川普', '普丁', '「', '」', '『', '』']) expect(text).not.toContain(taiwanOnly);
    expect(text).toContain('“');
    expect(text).toContain('”');
    expect(text).toContain('特朗普');
    expect(linkTargets(pdf('zh-Hans'))).toEqual(
      expect.arrayContaining([CREDIT_URL, 'http://www.pf.org.tw/']),
    );
    expect(squash(text)).toContain(CREDIT_URL);
  });

  it('is set in Simplified-Chinese faces only', () => {
    for (const f of pdf('zh-Hans').fonts.values()) expect(f).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC-/);
    expect(pdf('zh-Hans').info['Language']).toBe('zh-Hans-CN');
    expect(pdf('zh-Hans').info['Title']).toBe('美俄阿拉斯加峰会对东北亚安保的影响');
  });

  it('comes with a review report that lists the glossary hits', () => {
    const hans = build.editions.find((e) => e.edition === 'zh-Hans');
    expect(hans?.review).toContain('特朗普');
    expect(hans?.review).toContain('普京');
    expect(hans?.summary).toMatch(/zh-Hans\.review\.md/);
  });
});
