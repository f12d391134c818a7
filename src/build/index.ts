import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BriefError } from '../errors.js';
import type { EditionFonts } from '../fonts/index.js';
import { findUncoveredCharacters, loadFontManifest } from '../fonts/index.js';
import { loadGlossary, localizeBrief, renderReview, summarizeReview } from '../localize/index.js';
import type { Article, Diagnostic, Edition, Foundation, GlossaryEntry, PreparedPhoto } from '../model.js';
import { renderPdf } from '../pdf/index.js';
import { textsByRole } from '../pdf/texts.js';
import { preparePhoto } from '../photo/index.js';
import { loadArticle, loadFoundation } from '../source/index.js';
import type { TemplateSet, TemplateView } from '../template/index.js';
import { loadTemplates } from '../template/index.js';
import { TOOL } from '../version.js';

/** Everything shared by every issue of a build: loaded once per process. */
export interface Project {
  root: string;
  foundation: Foundation;
  glossary: GlossaryEntry[];
  templates: TemplateSet;
  fonts: Record<Edition, EditionFonts>;
}

/** Where a project keeps its parts, relative to its root. */
export const PROJECT_LAYOUT = {
  foundation: 'assets/foundation.yaml',
  glossary: 'assets/glossary.zh-Hans.tsv',
  issues: 'assets/issues',
  templates: 'templates',
  fonts: 'fonts/fonts.json',
  cache: '.cache',
} as const;

export function loadProject(root: string): Project {
  const foundation = loadFoundation(path.join(root, PROJECT_LAYOUT.foundation));
  return {
    root,
    foundation,
    glossary: loadGlossary(path.join(root, PROJECT_LAYOUT.glossary)),
    templates: loadTemplates(path.join(root, PROJECT_LAYOUT.templates)),
    fonts: loadFontManifest(path.join(root, PROJECT_LAYOUT.fonts), foundation.fonts),
  };
}

/** Every issue folder under assets/issues (those holding an article.md), in name order. */
export function listIssues(root: string): string[] {
  const dir = path.join(root, PROJECT_LAYOUT.issues);
  return readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .filter((d) => statSync(d).isDirectory());
}

export interface EditionOutput {
  edition: Edition;
  pdf: Buffer;
  /** The zh-Hans review report (Markdown), null for zh-Hant. */
  review: string | null;
  summary: string | null;
}

export interface IssueBuild {
  article: Article;
  photo: PreparedPhoto;
  editions: EditionOutput[];
  warnings: string[];
}

export interface BuildIssueOptions {
  editions: readonly Edition[];
  grey?: boolean;
  /** Where the review report will be written, for the summary line. */
  outDir: string;
}

/** Builds one issue's editions in memory. Nothing is written: a failure leaves out/ untouched. */
export async function buildIssue(
  project: Project,
  issueDir: string,
  options: BuildIssueOptions,
): Promise<IssueBuild> {
  const article = loadArticle(issueDir);
  const { photoWidthPt, photoAspect } = project.templates.layout;
  const photo = await preparePhoto(article.photo.file, {
    placedWidthPt: photoWidthPt,
    aspect: photoAspect,
    ...(article.photo.focus ? { focus: article.photo.focus } : {}),
    ...(options.grey ? { grey: true } : {}),
    cacheDir: path.join(project.root, PROJECT_LAYOUT.cache, 'photos'),
  });

  const editions: EditionOutput[] = [];
  const problems: Diagnostic[] = [];
  const rendered: {
    edition: Edition;
    definition: Record<string, unknown>;
    review: string | null;
    summary: string | null;
  }[] = [];
  for (const edition of options.editions) {
    const { brief, review } = localizeBrief(article, project.foundation, edition, project.glossary);
    const labels = project.templates.labels[edition] ?? {};
    const [year, month, day] = article.date.split('-').map(Number) as [number, number, number];
    const view: TemplateView = {
      edition,
      lang: brief.lang,
      labels,
      brief,
      date: {
        year,
        month,
        day,
        text: (labels['dateFormat'] ?? '{year}-{month}-{day}')
          .replace('{year}', String(year))
          .replace('{month}', String(month))
          .replace('{day}', String(day)),
      },
      photo: {
        image: photo.dataUrl,
        widthPt: photoWidthPt,
        heightPt: Math.round((photoWidthPt / (photo.width / photo.height)) * 100) / 100,
      },
      tool: TOOL,
    };
    const definition = project.templates.render(view);
    problems.push(...uncovered(definition, project.fonts[edition], article, project.foundation));
    const reportPath = path.join(options.outDir, `${article.slug}.${edition}.review.md`);
    rendered.push({
      edition,
      definition,
      review: review ? renderReview(review) : null,
      summary: review ? summarizeReview(review, reportPath) : null,
    });
  }
  // Pre-flight: no PDF is rendered while any character lacks a glyph in any edition.
  if (problems.length) throw new BriefError(problems);

  for (const r of rendered) {
    const pdf = await renderPdf(r.definition, {
      fonts: project.fonts[r.edition],
      date: new Date(`${article.date}T00:00:00Z`),
    });
    editions.push({ edition: r.edition, pdf, review: r.review, summary: r.summary });
  }
  return { article, photo, editions, warnings: photo.warnings };
}

/** Diagnostics for characters no face of their role has, placed at their first use in the sources. */
function uncovered(
  definition: Record<string, unknown>,
  fonts: EditionFonts,
  article: Article,
  foundation: Foundation,
): Diagnostic[] {
  const texts = Object.entries(textsByRole(definition)).map(([role, text]) => ({
    text,
    role: role as keyof EditionFonts['roles'],
    origin: { file: article.file },
  }));
  const found = findUncoveredCharacters(texts, fonts);
  const sources = [article.file, foundation.file].map((file) => ({
    file,
    lines: readFileSync(file, 'utf8').split('\n'),
  }));
  return found.map((d) => {
    const ch = /'(.+?)' is not in any font/u.exec(d.message)?.[1];
    if (ch) {
      for (const { file, lines } of sources) {
        const line = lines.findIndex((l) => l.includes(ch));
        if (line >= 0) {
          const column = [...(lines[line] ?? '').slice(0, (lines[line] ?? '').indexOf(ch))].length + 1;
          return { ...d, file, line: line + 1, column };
        }
      }
    }
    return d;
  });
}

/** Writes a file atomically: a reader (or a crash) never sees half a PDF, and a failure keeps the old one. */
export function writeAtomically(file: string, data: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export interface WrittenIssue {
  slug: string;
  files: { edition: Edition; file: string; bytes: number; sha256: string }[];
  reviews: string[];
  summaries: string[];
  warnings: string[];
}

/** Writes a built issue's PDFs (and review reports) to outDir. */
export function writeIssue(build: IssueBuild, outDir: string): WrittenIssue {
  const files: WrittenIssue['files'] = [];
  const reviews: string[] = [];
  const summaries: string[] = [];
  for (const e of build.editions) {
    const file = path.join(outDir, `${build.article.slug}.${e.edition}.pdf`);
    writeAtomically(file, e.pdf);
    files.push({
      edition: e.edition,
      file,
      bytes: e.pdf.length,
      sha256: createHash('sha256').update(e.pdf).digest('hex'),
    });
    if (e.review !== null) {
      const reviewFile = path.join(outDir, `${build.article.slug}.${e.edition}.review.md`);
      writeAtomically(reviewFile, e.review);
      reviews.push(reviewFile);
    }
    if (e.summary) summaries.push(e.summary);
  }
  return { slug: build.article.slug, files, reviews, summaries, warnings: build.warnings };
}
