/**
 * End to end: the sample and the three stress articles (tests/fixtures/stress-*) built in both
 * editions with the real pipeline, then measured from the PDFs' glyph positions against the
 * rules of docs/typesetting.md: clreq line breaks, justification, indents, keeps, widows and
 * orphans, the photo credit's URL, punctuation compression.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Project } from '../../src/pipeline/index.js';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { localizeBrief } from '../../src/localize/index.js';
import type { Brief, Edition } from '../../src/model.js';
import { loadArticle } from '../../src/source/index.js';
import { isNoEnd, isNoStart } from '../../src/typeset/index.js';
import { PROJECT_ROOT, SAMPLE_ISSUE, stageIssue, tempDir } from '../support/fixtures.js';
import type { PdfReadBack } from '../support/pdf.js';
import { readPdf, squash } from '../support/pdf.js';
import { breakProblems, realMetrics, SERIF_SC, SERIF_TC } from './helpers.js';
import type { PdfLine, PdfParagraph } from './pdf-lines.js';
import { bodyParagraphs, LAYOUT, pageContent, pdfLines } from './pdf-lines.js';

interface Built {
  brief: Brief;
  pdf: PdfReadBack;
  lines: PdfLine[];
  paragraphs: PdfParagraph[];
}

const ISSUES = ['sample', 'stress-headings', 'stress-latin', 'stress-punctuation'] as const;
const EDITIONS: Edition[] = ['zh-Hant', 'zh-Hans'];
const built = new Map<string, Built>();
let project: Project;

beforeAll(async () => {
  project = loadProject(PROJECT_ROOT);
  for (const issue of ISSUES) {
    const dir = issue === 'sample' ? SAMPLE_ISSUE : await stageIssue(issue);
    const build = await buildIssue(project, dir, { editions: EDITIONS, outDir: tempDir() });
    const article = loadArticle(dir);
    for (const e of build.editions) {
      const { brief } = localizeBrief(article, project.foundation, e.edition, project.glossary);
      const pdf = await readPdf(e.pdf);
      const lines = pdfLines(pdf);
      built.set(`${issue} ${e.edition}`, { brief, pdf, lines, paragraphs: bodyParagraphs(lines) });
    }
  }
}, 120_000);

function get(issue: string, edition: Edition): Built {
  const b = built.get(`${issue} ${edition}`);
  if (!b) throw new Error(`no ${issue} ${edition}`);
  return b;
}

const sourceParagraphs = (brief: Brief): string[] =>
  brief.body.filter((b) => b.kind === 'paragraph').map((b) => b.runs.map((r) => r.text).join(''));

const headings = (brief: Brief): string[] =>
  brief.body.filter((b) => b.kind === 'heading').map((b) => b.runs.map((r) => r.text).join(''));

describe.each(ISSUES.flatMap((i) => EDITIONS.map((e) => [i, e] as const)))('%s, %s', (issue, edition) => {
  it('finds every body paragraph, in order, indented 2 em (the first after a heading too)', () => {
    const { brief, paragraphs } = get(issue, edition);
    const sources = sourceParagraphs(brief);
    expect(paragraphs.map((p) => squash(p.lines.map((l) => l.text).join('')))).toEqual(sources.map(squash));
  });

  it('breaks lines to clreq: no forbidden mark at a line start or end, nothing unbreakable split', () => {
    const { brief, paragraphs, lines } = get(issue, edition);
    const sources = sourceParagraphs(brief);
    paragraphs.forEach((p, i) => {
      expect(
        breakProblems(
          p.lines.map((l) => l.text),
          sources[i] ?? '',
        ),
      ).toEqual([]);
    });
    // Every other line of the brief (headings, caption, byline, note, contact) as well.
    for (const line of lines) {
      const chars = [...line.text];
      expect(isNoStart(chars[0] ?? '') && !/^[—…]/.test(line.text) ? line.text : '').toBe('');
      expect(isNoEnd(chars.at(-1) ?? '') ? line.text : '').toBe('');
    }
  });

  it('justifies body lines flush with the measure; last lines flush start, nothing past the margin', () => {
    const { paragraphs, lines } = get(issue, edition);
    const end = LAYOUT.left + LAYOUT.measure;
    for (const p of paragraphs) {
      p.lines.forEach((line, i) => {
        const last = i === p.lines.length - 1;
        if (!last) expect(Math.abs(line.right - end)).toBeLessThan(0.5);
        if (i > 0) expect(line.left).toBeCloseTo(LAYOUT.left, 1);
      });
    }
    for (const line of lines) expect(line.right).toBeLessThan(end + 0.5);
  });

  it('spreads the spare space between characters: no gap wider than 0.6 em (plus a word space)', () => {
    const { paragraphs } = get(issue, edition);
    for (const p of paragraphs) {
      for (const line of p.lines.slice(0, -1)) {
        for (let k = 1; k < line.items.length; k++) {
          const a = line.items[k - 1] as PdfLine['items'][number];
          const b = line.items[k] as PdfLine['items'][number];
          // pdfjs widths include the piece's character spacing; a gap is what is left over.
          const space = line.spaced[k] ? 0.3 : 0;
          expect(b.x - (a.x + a.width)).toBeLessThan((0.6 + space) * LAYOUT.bodySize);
        }
      }
    }
  });

  it('never ends a page with a heading; a heading keeps two lines of its paragraph (or all of a shorter one)', () => {
    const { brief, lines, paragraphs } = get(issue, edition);
    const titles = headings(brief).map(squash);
    expect(lines.filter((l) => l.kind === 'heading').map((l) => squash(l.text))).toEqual(titles);
    for (const page of new Set(lines.map((l) => l.page))) {
      const content = pageContent(lines, page);
      content.forEach((line, i) => {
        if (line.kind !== 'heading') return;
        const after = content.slice(i + 1);
        const next = paragraphs.find((p) => p.lines[0] === after[0]);
        expect(next).toBeDefined();
        const here = after.filter((l) => next?.lines.includes(l)).length;
        expect(here).toBeGreaterThanOrEqual(Math.min(2, next?.lines.length ?? 2));
      });
    }
  });

  it('leaves no widow or orphan: a paragraph split across pages keeps two lines on each side', () => {
    const { paragraphs } = get(issue, edition);
    for (const p of paragraphs) {
      const pages = [...new Set(p.lines.map((l) => l.page))];
      if (pages.length < 2) continue;
      const firstPage = p.lines.filter((l) => l.page === pages[0]).length;
      const lastPage = p.lines.filter((l) => l.page === pages.at(-1)).length;
      expect([firstPage, lastPage].map((n) => (n < 2 ? p.lines[0]?.text : 'ok'))).toEqual(['ok', 'ok']);
    }
  });

  it('keeps the photo credit a working link whose URL breaks only after / . - inside the margin', () => {
    const { brief, pdf, lines } = get(issue, edition);
    const url = brief.photo.creditUrl ?? '';
    expect(pdf.pages[0]?.links.map((l) => l.url) ?? []).toContain(url);
    const captionLines = lines.filter(
      (l) => l.page === 1 && l.kind === 'other' && Math.abs((l.items[0]?.fontSize ?? 0) - 8.5) < 0.1,
    );
    const caption = captionLines.map((l) => l.text).join('');
    expect(squash(caption)).toContain(squash(url));
    captionLines.slice(0, -1).forEach((line) => {
      const tail = line.text.at(-1) ?? '';
      if (url.includes(line.text.slice(-6))) expect('/.-').toContain(tail);
    });
  });
});

describe('punctuation compression', () => {
  // Distance from an adjacent mark's start to the next mark's start, in em, read from the PDF.
  function pairDistances(b: Built, edition: Edition): number[] {
    const metrics = realMetrics(edition === 'zh-Hant' ? SERIF_TC : SERIF_SC, LAYOUT.bodySize);
    const marks = /[「『“‘（《〈」』”’）》〉，。、：；]/;
    const out: number[] = [];
    for (const p of b.paragraphs) {
      for (const line of p.lines) {
        for (let k = 1; k < line.items.length; k++) {
          const a = line.items[k - 1] as PdfLine['items'][number];
          const c = line.items[k] as PdfLine['items'][number];
          const lastA = [...a.str].at(-1) ?? '';
          const firstC = [...c.str][0] ?? '';
          if (!marks.test(lastA) || !marks.test(firstC)) continue;
          const n = [...a.str].length;
          const spacing = n > 1 ? (a.width - metrics.measure(a.str, 0)) / n : 0;
          const lastX = a.x + a.width - spacing - metrics.measure(lastA, 0);
          out.push((c.x - lastX) / LAYOUT.bodySize);
        }
      }
    }
    return out;
  }

  it('sets two adjacent marks in about 1.5 em in the zh-Hans edition, never overlapping', () => {
    const d = pairDistances(get('stress-punctuation', 'zh-Hans'), 'zh-Hans');
    expect(d.length).toBeGreaterThan(20);
    const compressed = d.filter((x) => x < 0.75).length;
    expect(compressed / d.length).toBeGreaterThan(0.8);
    for (const x of d) expect(x).toBeGreaterThan(0.4);
  });

  it('compresses in the zh-Hant edition only where the centred marks leave room', () => {
    const d = pairDistances(get('stress-punctuation', 'zh-Hant'), 'zh-Hant');
    expect(d.length).toBeGreaterThan(20);
    expect(d.filter((x) => x < 0.9).length).toBeGreaterThan(10);
    for (const x of d) expect(x).toBeGreaterThan(0.4);
  });
});
