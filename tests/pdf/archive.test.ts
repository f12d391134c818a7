/**
 * Archive-grade output, end to end: the sample issue (plus a paragraph with links and e-mail
 * addresses) built with the real pipeline, then both PDFs read back — metadata, /Lang, XMP,
 * OutputIntent, fonts, /ID, outline, named destinations and link annotations.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import type { IssueBuild, Project } from '../../src/pipeline/index.js';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { localizeBrief } from '../../src/localize/index.js';
import type { Edition } from '../../src/model.js';
import { extractXmp, readXmp } from '../../src/pdf/metadata.js';
import { loadArticle } from '../../src/source/index.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import type { PdfReadBack } from '../support/pdf.js';
import { linkTargets, readPdf } from '../support/pdf.js';
import { isDict, isStream, nameOf, PdfFile, pdfText } from './pdf-objects.js';
import {
  annotationProblems,
  fontProblems,
  fonts,
  headerProblems,
  idProblems,
  namedDestinations,
  notdefProblems,
  outputIntentProblems,
  uriTargets,
  xmpProblems,
} from './pdfa-checks.js';

const LINK_PARAGRAPH =
  '\n延伸閱讀：[聯合國憲章全文](https://www.un.org/zh/about-us/un-charter/full-text)；' +
  '意見請寄 <mailto:editor@pf.org.tw> 或 research@pf.org.tw，' +
  '國際刑事法院的說明見 https://www.icc-cpi.int/ukraine。\n';

const EDITIONS: Edition[] = ['zh-Hant', 'zh-Hans'];
const LANG: Record<Edition, string> = { 'zh-Hant': 'zh-Hant-TW', 'zh-Hans': 'zh-Hans-CN' };

let project: Project;
let issueDir: string;
let build: IssueBuild;
const read: Partial<Record<Edition, PdfReadBack>> = {};
const files: Partial<Record<Edition, PdfFile>> = {};

beforeAll(async () => {
  project = loadProject(PROJECT_ROOT);
  issueDir = path.join(tempDir('archive-'), '2025-alaska-summit');
  cpSync(SAMPLE_ISSUE, issueDir, { recursive: true });
  appendFileSync(path.join(issueDir, 'article.md'), LINK_PARAGRAPH);
  build = await buildIssue(project, issueDir, { editions: EDITIONS, outDir: tempDir() });
  for (const e of build.editions) {
    read[e.edition] = await readPdf(e.pdf);
    files[e.edition] = new PdfFile(e.pdf);
  }
});

function pdfOf(edition: Edition): { read: PdfReadBack; file: PdfFile; bytes: Buffer } {
  const r = read[edition];
  const f = files[edition];
  const bytes = build.editions.find((e) => e.edition === edition)?.pdf;
  if (!r || !f || !bytes) throw new Error(`no ${edition} PDF`);
  return { read: r, file: f, bytes };
}

/** The edition's text of the brief, from the real localizer (for the expected titles). */
function briefOf(edition: Edition) {
  return localizeBrief(loadArticle(issueDir), project.foundation, edition, project.glossary).brief;
}

describe.each(EDITIONS)('the %s edition', (edition) => {
  it('carries the document metadata in Info, dated by the issue, not the build', () => {
    const brief = briefOf(edition);
    const info = pdfOf(edition).read.info;
    expect(info['Title']).toBe(brief.title);
    expect(info['Author']).toBe(brief.author.name);
    expect(info['Subject']).toBe(
      `${brief.foundation.series}${edition === 'zh-Hant' ? '・' : '·'}${brief.title}`,
    );
    expect(info['Keywords']).toBe(brief.keywords.join(', '));
    expect(info['Creator']).toBe(brief.foundation.name);
    expect(info['Producer']).toMatch(/^prospect-brief \d+\.\d+\.\d+ \(pdfmake [\d.]+, pdfkit [\d.]+\)$/);
    expect(info['CreationDate']).toBe(`D:${brief.date.replaceAll('-', '')}000000Z`);
    expect(info['ModDate']).toBe(info['CreationDate']);
  });

  it('declares its language in the catalog and the XMP', () => {
    const { file, bytes } = pdfOf(edition);
    expect(pdfText(file.catalog['Lang'])).toBe(LANG[edition]);
    expect(readXmp(extractXmp(bytes) ?? '').lang).toBe(LANG[edition]);
  });

  it('has an XMP packet with pdfaid 2A and pdfuaid 1 that agrees with Info, and keywords as a list', () => {
    const { read: r, file, bytes } = pdfOf(edition);
    expect(xmpProblems(file)).toEqual([]);
    const xmp = readXmp(extractXmp(bytes) ?? '');
    expect(xmp.pdfa).toEqual({ part: 2, conformance: 'A' });
    expect(xmp.pdfua).toBe(1);
    expect(xmp.keywords).toEqual(briefOf(edition).keywords);
    expect(xmp.series).toBe(briefOf(edition).foundation.series);
    // pdfjs parses the packet (a broken packet gives no metadata) and finds the same title.
    expect(r.xmp).toContain('pdfaid:part');
    expect(r.info['Title']).toBe(xmp.title);
  });

  it('has an sRGB OutputIntent with its ICC profile', () => {
    expect(outputIntentProblems(pdfOf(edition).file)).toEqual([]);
  });

  it('embeds every font as a subset whose widths match the program, and draws no .notdef', () => {
    const { file } = pdfOf(edition);
    expect(fontProblems(file)).toEqual([]);
    expect(notdefProblems(file)).toEqual([]);
    // The checks had something to check: body, bold and sans faces, each with widths.
    const list = fonts(file);
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const f of list) expect(f.widths.size).toBeGreaterThan(10);
  });

  it('is not encrypted, starts with a PDF 1.7 header and has a content-derived /ID', () => {
    const { file } = pdfOf(edition);
    expect(headerProblems(file)).toEqual([]);
    expect(idProblems(file)).toEqual([]);
  });

  it('has an outline: the title, with the section headings under it', () => {
    const brief = briefOf(edition);
    const headings = brief.body
      .filter((b) => b.kind === 'heading')
      .map((b) => b.runs.map((r) => r.text).join(''));
    expect(headings.length).toBeGreaterThan(0);
    expect(pdfOf(edition).read.outline).toEqual([
      { title: brief.title, items: headings.map((title) => ({ title })) },
    ]);
    // Every entry is open: the root and the title count all the entries they show.
    const { file } = pdfOf(edition);
    const root = file.dict(file.catalog['Outlines']);
    expect(root['Count']).toBe(headings.length + 1);
    expect(file.dict(root['First'])['Count']).toBe(headings.length);
  });

  it('points each bookmark at a named destination on the heading line itself', () => {
    const { read: r, file } = pdfOf(edition);
    const brief = briefOf(edition);
    const dests = namedDestinations(file);
    const headings = brief.body
      .filter((b) => b.kind === 'heading')
      .map((b) => b.runs.map((x) => x.text).join(''));
    const targets: [string, string][] = [
      ['title', brief.title],
      ...headings.map((h, i): [string, string] => [`section${i + 1}`, h]),
    ];
    expect([...dests.keys()].sort()).toEqual(targets.map(([id]) => id).sort());
    for (const [id, text] of targets) {
      const dest = dests.get(id);
      const page = r.pages[(dest?.page ?? 0) - 1];
      // The first line of the heading: the line of that page whose text starts with the heading.
      const item = page
        ? linesOf(page).find((l) => l.text.startsWith(text.replace(/\s+/g, '').slice(0, 6)))
        : undefined;
      expect(item).toBeDefined();
      if (!dest || !item) continue;
      // The destination's top lies above the baseline of that line, within one line.
      expect(item.y - dest.top).toBeGreaterThan(0);
      expect(item.y - dest.top).toBeLessThan(item.fontSize * 2);
      expect(Math.abs(dest.left - item.x)).toBeLessThan(1);
    }
  });

  it('links the photo credit, the foundation, body links and e-mail addresses (by distinct target)', () => {
    const { read: r, file } = pdfOf(edition);
    // pdfjs sees them too (it normalises http://host to http://host/, so compare the file's own).
    expect(linkTargets(r).length).toBeGreaterThanOrEqual(6);
    expect(new Set(uriTargets(file))).toEqual(
      new Set([
        'https://www.flickr.com/photos/whitehouse/54731999445/in/album-72177720328474477',
        'http://www.pf.org.tw',
        'https://www.un.org/zh/about-us/un-charter/full-text',
        'mailto:editor@pf.org.tw',
        'mailto:research@pf.org.tw',
        'https://www.icc-cpi.int/ukraine',
        // The edition's archive address beside the QR code (the profile's archive:, issue 13).
        `https://www.pf.org.tw/briefs/2025-alaska-summit/${edition}/`,
      ]),
    );
    expect(annotationProblems(file)).toEqual([]);
  });
});

/** The page's text lines (items sharing a baseline), whitespace removed, left to right. */
function linesOf(
  page: PdfReadBack['pages'][number],
): { text: string; x: number; y: number; fontSize: number }[] {
  const byBaseline = new Map<number, PdfReadBack['pages'][number]['items']>();
  for (const item of page.items) {
    const key = Math.round(item.y * 10) / 10;
    byBaseline.set(key, [...(byBaseline.get(key) ?? []), item]);
  }
  return [...byBaseline.entries()].map(([y, items]) => {
    const sorted = [...items].sort((a, b) => a.x - b.x);
    return {
      text: sorted
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, ''),
      x: sorted[0]?.x ?? 0,
      y,
      fontSize: Math.max(...sorted.map((i) => i.fontSize)),
    };
  });
}

describe('the checks themselves', () => {
  it('notice a changed byte in the body (the /ID no longer matches the content)', () => {
    const { bytes } = pdfOf('zh-Hant');
    const tampered = Buffer.from(bytes);
    // The page tree's root stays outside the object streams (src/pdf/object-streams.ts).
    const at = tampered.indexOf('/Type /Pages');
    expect(at).toBeGreaterThan(0);
    tampered.write('/Type /Pages'.toLowerCase(), at, 'latin1');
    expect(idProblems(new PdfFile(tampered))).not.toEqual([]);
  });
});

describe('object streams', () => {
  it.each(EDITIONS)('%s: the small objects are packed, the page tree and streams are not', (edition) => {
    const { file, bytes } = pdfOf(edition);
    // A cross-reference stream, not a classic table, and most objects inside object streams.
    expect(bytes.includes('\nxref\n')).toBe(false);
    expect(file.packed.size).toBeGreaterThan(file.offsets.size);
    const kinds = new Map<number, string>();
    for (const [num, value] of file.objects()) {
      const dict = isStream(value) ? value.dict : isDict(value) ? value : {};
      const type = nameOf(dict['Type']);
      if (type) kinds.set(num, type);
    }
    for (const [num, type] of kinds) {
      if (type === 'Pages') expect(file.offsets.has(num)).toBe(true);
      if (type === 'Catalog' || type === 'Annot') expect(file.packed.has(num)).toBe(true);
    }
    // Every stream object (content, fonts, images, XMP) is where the cross-reference stream says.
    for (const num of file.offsets.keys())
      expect(
        bytes.subarray(file.offsets.get(num), (file.offsets.get(num) ?? 0) + 12).toString('latin1'),
      ).toMatch(new RegExp(`^${num} 0 obj`));
  });
});
