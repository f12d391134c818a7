import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { BriefError } from '../errors.js';
import { catalogueFileName, catalogueJson } from './catalogue.js';
import type { EditionFonts } from '../fonts/index.js';
import type { RoleCoverage } from '../fonts/index.js';
import {
  coverageReport,
  findUncoveredCharacters,
  loadFontManifest,
  locateUncovered,
} from '../fonts/index.js';
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
  /** PDF/A-2b (default true); false gives a plain PDF 1.7. */
  pdfa?: boolean;
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
  const photoView: TemplateView['photo'] = {
    image: photo.dataUrl,
    widthPt: photoWidthPt,
    heightPt: Math.round((photoWidthPt / (photo.width / photo.height)) * 100) / 100,
  };
  for (const edition of options.editions) {
    const { definition, review } = editionDefinition(project, article, edition, photoView);
    problems.push(...uncovered(definition, project.fonts[edition], article, project));
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
      pdfa: options.pdfa !== false,
    });
    editions.push({ edition: r.edition, pdf, review: r.review, summary: r.summary });
  }
  return { article, photo, editions, warnings: photo.warnings };
}

/** One edition's document definition from the templates, and the localizer's review (zh-Hans). */
export function editionDefinition(
  project: Project,
  article: Article,
  edition: Edition,
  photo: TemplateView['photo'],
): { definition: Record<string, unknown>; review: ReturnType<typeof localizeBrief>['review'] } {
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
    photo,
    tool: TOOL,
  };
  return { definition: project.templates.render(view), review };
}

/** What `brief check` reports for one issue: coverage per edition and role, and the problems. */
export interface IssueCheck {
  article: Article;
  editions: { edition: Edition; coverage: RoleCoverage[] }[];
  problems: Diagnostic[];
}

/** A 1×1 grey PNG: the pre-flight does not need the photo, only the texts. */
const PLACEHOLDER_PHOTO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWNoaGgAAAMEAYEezv+mAAAAAElFTkSuQmCC';

/** The coverage pre-flight alone (`brief check`): no photo is prepared and nothing is rendered. */
export function checkIssue(project: Project, issueDir: string, editions: readonly Edition[]): IssueCheck {
  const article = loadArticle(issueDir);
  const { photoWidthPt, photoAspect } = project.templates.layout;
  const photo = { image: PLACEHOLDER_PHOTO, widthPt: photoWidthPt, heightPt: photoWidthPt / photoAspect };
  const problems: Diagnostic[] = [];
  const out: IssueCheck['editions'] = [];
  for (const edition of editions) {
    const { definition } = editionDefinition(project, article, edition, photo);
    problems.push(...uncovered(definition, project.fonts[edition], article, project));
    out.push({ edition, coverage: coverageReport(textsByRole(definition), project.fonts[edition]) });
  }
  return { article, editions: out, problems };
}

/**
 * Diagnostics for characters no face of their role has, placed at their first use in the
 * sources; a zh-Hans character that is in none of them was produced by the conversion.
 */
function uncovered(
  definition: Record<string, unknown>,
  fonts: EditionFonts,
  article: Article,
  project: Project,
): Diagnostic[] {
  const texts = Object.entries(textsByRole(definition)).map(([role, text]) => ({
    text,
    role: role as keyof EditionFonts['roles'],
    origin: { file: article.file },
  }));
  const found = findUncoveredCharacters(texts, fonts);
  if (!found.length) return [];
  const files = [article.file, project.foundation.file];
  if (fonts.edition === 'zh-Hans') files.push(path.join(project.root, PROJECT_LAYOUT.glossary));
  const sources = files.flatMap((file) => {
    try {
      return [{ file, text: readFileSync(file, 'utf8') }];
    } catch {
      return [];
    }
  });
  return locateUncovered(found, sources, { file: article.file });
}

/** Writes a file atomically: a reader (or a crash) never sees half a PDF, and a failure keeps the old one. */
export function writeAtomically(file: string, data: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Unique per process and worker thread, so parallel builds never share a temporary file.
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${threadId}.${randomUUID()}.tmp`,
  );
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
  writeAtomically(path.join(outDir, catalogueFileName(build.article.slug)), catalogueJson(build, files));
  return { slug: build.article.slug, files, reviews, summaries, warnings: build.warnings };
}
