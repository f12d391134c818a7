/**
 * Tagged PDF (PDF/UA-1, PDF/A-2a), end to end: both sample issues, both editions, built with the
 * real pipeline and read back with the in-repo object reader (tests/pdf/tag-checks.ts: the
 * machine-checkable PDF/UA-1 rules our briefs can break). Tests read nothing outside the
 * repository, so the team's independent checker (pdfua-check) is run by hand on the built PDFs,
 * not from here (README, "Accessible PDFs").
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IssueBuild } from '../../src/pipeline/index.js';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { extractXmp, readXmp } from '../../src/pdf/metadata.js';
import type { Edition } from '../../src/model.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, tempDir } from '../support/fixtures.js';
import { PdfFile, Ref, pdfText } from './pdf-objects.js';
import { contentProblems, documentProblems, preorder, structTree, treeProblems } from './tag-checks.js';

const RICH_ISSUE = path.join(PROJECT_ROOT, 'assets/issues/2025-indo-pacific-supply-chains');
const EDITIONS: Edition[] = ['zh-Hant', 'zh-Hans'];

const builds: Record<string, IssueBuild> = {};
let out = '';

beforeAll(async () => {
  const project = loadProject(PROJECT_ROOT);
  out = tempDir('tagging-');
  builds['alaska'] = await buildIssue(project, SAMPLE_ISSUE, { editions: EDITIONS, outDir: out });
  builds['rich'] = await buildIssue(project, RICH_ISSUE, { editions: EDITIONS, outDir: out });
  // A table over two pages: pdfmake repeats its header row on the second.
  const long = path.join(tempDir('tagging-'), 'long-table');
  cpSync(SAMPLE_ISSUE, long, { recursive: true });
  const rows = Array.from({ length: 70 }, (_, i) => `| 第 ${i + 1} 列 | 說明文字 | ${i * 10} |`);
  appendFileSync(
    path.join(long, 'article.md'),
    `\n| 項目 | 內容 | 數量 |\n| :--- | :--- | ---: |\n${rows.join('\n')}\n\n: 長表格\n`,
  );
  builds['long'] = await buildIssue(project, long, { editions: ['zh-Hant'], outDir: out });
  builds['plain'] = await buildIssue(project, SAMPLE_ISSUE, {
    editions: ['zh-Hant'],
    outDir: out,
    pdfa: false,
  });
});

function pdfOf(sample: string, edition: Edition): { file: PdfFile; bytes: Buffer; path: string } {
  const e = builds[sample]?.editions.find((x) => x.edition === edition);
  if (!e) throw new Error(`no ${sample} ${edition}`);
  const bytes = Buffer.from(e.pdf);
  const file = path.join(out, `${sample}.${edition}.pdf`);
  if (!existsSync(file)) writeFileSync(file, bytes);
  return { file: new PdfFile(bytes), bytes, path: file };
}

/** Roles in reading order, one line per element, indented by depth (for readable failures). */
function outline(file: PdfFile): string[] {
  const depth = (n: { parent: unknown }): number => {
    let d = 0;
    for (let p = n.parent as { parent: unknown } | null; p; p = p.parent as { parent: unknown } | null) d++;
    return d;
  };
  return preorder(structTree(file))
    .slice(1)
    .map((e) => `${' '.repeat(depth(e) - 1)}${e.role}`);
}

describe.each([
  ['alaska', 'zh-Hant'],
  ['alaska', 'zh-Hans'],
  ['rich', 'zh-Hant'],
  ['rich', 'zh-Hans'],
] as [string, Edition][])('the %s sample, %s', (sample, edition) => {
  it('is marked, shows its title, has /Lang, /Tabs /S on every page, a ParentTree root without /Limits', () => {
    expect(documentProblems(pdfOf(sample, edition).file)).toEqual([]);
  });

  it('has a structure tree of standard types, nested as PDF/UA requires, agreeing with the ParentTree', () => {
    expect(treeProblems(pdfOf(sample, edition).file)).toEqual([]);
  });

  it('draws every glyph, path and image inside tagged content or an artifact; the footer is pagination', () => {
    const { problems, artifacts } = contentProblems(pdfOf(sample, edition).file);
    expect(problems).toEqual([]);
    // The running footer on every page; rules and fills are layout artifacts.
    expect(artifacts['Pagination']).toBeGreaterThanOrEqual(2);
    expect(artifacts['Layout']).toBeGreaterThan(0);
  });

  it('claims PDF/A-2a and PDF/UA-1 in its XMP', () => {
    const xmp = readXmp(extractXmp(pdfOf(sample, edition).bytes) ?? '');
    expect(xmp.pdfa).toEqual({ part: 2, conformance: 'A' });
    expect(xmp.pdfua).toBe(1);
  });
});

describe('text extraction (pdftotext)', () => {
  const poppler = spawnSync('pdftotext', ['-v']).status === 0;
  if (!poppler) process.stderr.write('tagging.test: SKIPPED text extraction (pdftotext missing)\n');
  const CJK_SPACE_CJK = /[\u3000-\u9fff\uff00-\uffef] [\u3000-\u9fff\uff00-\uffef]/u;
  (poppler ? it : it.skip)('reads the justified photo captions without spaces between the characters', () => {
    for (const edition of EDITIONS) {
      const r = spawnSync('pdftotext', ['-f', '1', '-l', '1', pdfOf('alaska', edition).path, '-'], {
        encoding: 'utf8',
      });
      const lines = r.stdout.split('\n').filter((l) => CJK_SPACE_CJK.test(l));
      expect([edition, lines]).toEqual([edition, []]);
      // The caption's first line reads as one run (one ActualText span per element, not per piece).
      expect(r.stdout.replace(/\s/g, '')).toContain(
        edition === 'zh-Hant'
          ? '川普和普丁於2025年8月15日在阿拉斯加展開睽違六年的峰會。'
          : '特朗普和普京于2025年8月15日在阿拉斯加展开睽违六年的峰会。',
      );
    }
  });

  (poppler ? it : it.skip)(
    'reads the footnotes of the rich sample without spaces between the characters',
    () => {
      for (const edition of EDITIONS) {
        const r = spawnSync('pdftotext', ['-layout', pdfOf('rich', edition).path, '-'], { encoding: 'utf8' });
        // The notes are set at the foot of their page, after a short rule: their lines start with the number.
        const notes = r.stdout
          .split('\n')
          .filter((l) => /^\s*[1-9]\s+\S/.test(l) && /[\u4e00-\u9fff]/.test(l));
        expect(notes.length).toBeGreaterThan(3);
        expect(notes.filter((l) => CJK_SPACE_CJK.test(l.replace(/^\s*\d+\s+/, '')))).toEqual([]);
      }
    },
  );
});

describe('--no-pdfa', () => {
  it('still writes a tagged PDF 1.7, without the PDF/A claim', () => {
    const { file, bytes } = pdfOf('plain', 'zh-Hant');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(documentProblems(file)).toEqual([]);
    expect(treeProblems(file)).toEqual([]);
    expect(contentProblems(file).problems).toEqual([]);
    const xmp = readXmp(extractXmp(bytes) ?? '');
    expect(xmp.pdfa).toBeNull();
    expect(xmp.pdfua).toBe(1);
  });
});

describe('reading order and roles', () => {
  it('reads the Alaska brief masthead first, then the photo, title, byline, body, then the contact block', () => {
    const roles = outline(pdfOf('alaska', 'zh-Hant').file);
    expect(roles.slice(0, 9)).toEqual([
      'Document',
      ' Div',
      '  P',
      '  P',
      '  P',
      ' Figure',
      '  Caption',
      '   Link',
      ' H1',
    ]);
    expect(roles.filter((r) => r.trim() === 'H2').length).toBeGreaterThanOrEqual(2);
    // The contact block last: name, about, address with the web address as a Link; then the
    // archive address beside the QR code (issue 13; the code itself is an artifact).
    expect(roles.slice(-9)).toEqual([
      ' Div',
      '  P',
      '  P',
      '  P',
      '   Link',
      '  Div',
      '   P',
      '   P',
      '    Link',
    ]);
  });

  it('tags lists, tables, quotes, figures and notes of the rich sample with their standard structure', () => {
    const file = pdfOf('rich', 'zh-Hant').file;
    const all = preorder(structTree(file)).slice(1);
    const roles = all.map((e) => e.role);
    for (const role of [
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'THead',
      'TBody',
      'TR',
      'TH',
      'TD',
      'BlockQuote',
      'Figure',
      'Caption',
      'Note',
      'Link',
    ]) {
      expect([role, roles.includes(role)]).toEqual([role, true]);
    }
    // The table: its caption first, one header row of TH, then the body rows.
    const table = all.find((e) => e.role === 'Table');
    expect(table?.kids.map((k) => k.role)).toEqual(['Caption', 'THead', 'TBody']);
    expect(table?.kids[1]?.kids.map((r) => r.kids.map((c) => c.role).join(' '))).toEqual(['TH TH TH TH']);
    // Every list item: its marker, then its body.
    for (const li of all.filter((e) => e.role === 'LI'))
      expect(li.kids.map((k) => k.role)).toEqual(['Lbl', 'LBody']);
    // Each footnote right after the paragraph that cites it; the citing Link names the note.
    for (const note of all.filter((e) => e.role === 'Note' && e.parent)) {
      const siblings = note.parent?.kids ?? [];
      const at = siblings.indexOf(note);
      let before = at - 1;
      while (siblings[before]?.role === 'Note') before--;
      const citing = siblings[before];
      const id = pdfText(file.resolve(note.dict['ID'])) ?? '';
      const number = id.replace(/^note-/, '');
      const links = preorder(citing ?? note).filter((e) => e.role === 'Link');
      const contents = links.flatMap((l) =>
        l.annots.map((a) => pdfText(file.resolve(file.dict(new Ref(a.annot, 0))['Contents'])) ?? ''),
      );
      expect([id, contents.some((c) => c.endsWith(` ${number}`))]).toEqual([id, true]);
    }
  });

  it('makes the repeated table header rows on later pages pagination artifacts, not a second THead', () => {
    const file = pdfOf('long', 'zh-Hant').file;
    expect(treeProblems(file)).toEqual([]);
    const all = preorder(structTree(file));
    const table = all.find((e) => e.role === 'Table');
    if (!table) throw new Error('no Table element');
    const bodyPages = new Set(
      preorder(table)
        .filter((e) => e.role === 'TD')
        .flatMap((td) => td.mcids.map((m) => m.page)),
    );
    expect(bodyPages.size).toBeGreaterThanOrEqual(2);
    // One THead with one row; each TH has content on the first page of the table only.
    expect(table.kids.filter((k) => k.role === 'THead')).toHaveLength(1);
    const heads = all.filter((e) => e.role === 'TH');
    expect(heads).toHaveLength(3);
    for (const th of heads) expect(new Set(th.mcids.map((m) => m.page)).size).toBe(1);
    // The repeat is drawn, as a pagination artifact: more of them than pages (footer + header).
    const { problems, artifacts } = contentProblems(file);
    expect(problems).toEqual([]);
    expect(artifacts['Pagination']).toBeGreaterThan(bodyPages.size + 1);
  });

  it('marks English words inside the Chinese text as Spans with /Lang en, and links too', () => {
    const file = pdfOf('rich', 'zh-Hant').file;
    const all = preorder(structTree(file));
    const lang = (e: (typeof all)[number]): string | null => pdfText(file.resolve(e.dict['Lang']));
    const spans = all.filter((e) => e.role === 'Span');
    expect(spans.length).toBeGreaterThanOrEqual(3);
    for (const span of spans) expect(lang(span)).toBe('en');
    for (const link of all.filter(
      (e) => e.role === 'Link' && e.annots.length > 0 && !e.parent?.role.startsWith('Note'),
    ))
      expect(['en', null]).toContain(lang(link));
  });

  it('describes the photo and the figures, not with their captions', () => {
    const file = pdfOf('rich', 'zh-Hant').file;
    const figures = preorder(structTree(file)).filter((e) => e.role === 'Figure');
    expect(figures.length).toBeGreaterThanOrEqual(2);
    for (const f of figures) {
      const alt = pdfText(file.resolve(f.dict['Alt'])) ?? '';
      const caption = f.kids.find((k) => k.role === 'Caption');
      expect(alt.length).toBeGreaterThan(5);
      expect(caption).toBeDefined();
    }
  });
});
