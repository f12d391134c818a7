import path from 'node:path';
import { BriefError } from '../errors.js';
import type { EditionFonts, RoleCoverage } from '../fonts/index.js';
import { coverageReport, findUncoveredCharacters, FONT_ROLES, locateUncovered } from '../fonts/index.js';
import { localizeBrief, renderReview, summarizeReview } from '../localize/index.js';
import type { Article, Brief, Diagnostic, Edition, PreparedPhoto } from '../model.js';
import type { DocDefinition } from '../pdf/index.js';
import { renderPdf, textsByRole } from '../pdf/index.js';
import { preparePhoto } from '../photo/index.js';
import { readUserFile } from '../files.js';
import { archiveUrl, loadArticle } from '../source/index.js';
import type { TemplateView } from '../template/index.js';
import { TOOL } from '../version.js';
import type { BuildOptions } from './options.js';
import { resolveBuildOptions } from './options.js';
import type { Project } from './project.js';
import { PROJECT_LAYOUT } from './project.js';
import { briefPlainText } from './plain.js';

/** One issue: its article and photo in, both editions' PDFs out, in memory (nothing is written). */

export interface EditionOutput {
  edition: Edition;
  pdf: Buffer;
  /** The zh-Hans review report (Markdown), null for zh-Hant. */
  review: string | null;
  summary: string | null;
  /** What the archive's catalogue and search need of this edition (src/pipeline/plain.ts). */
  plain: { text: string; keyPoints: string[] };
}

export interface IssueBuild {
  article: Article;
  photo: PreparedPhoto;
  editions: EditionOutput[];
  warnings: Diagnostic[];
}

/** Builds one issue's editions in memory. Nothing is written: a failure leaves out/ untouched. */
export async function buildIssue(
  project: Project,
  issueDir: string,
  buildOptions: BuildOptions = {},
): Promise<IssueBuild> {
  const options = resolveBuildOptions(buildOptions);
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
    definition: DocDefinition;
    review: string | null;
    summary: string | null;
    plain: EditionOutput['plain'];
  }[] = [];
  // Figures: the same photo stage, at the text width, in their own proportions (never cropped).
  const figures: TemplateView['figures'] = {};
  const warnings = [...photo.warnings];
  for (const block of article.body) {
    if (block.kind !== 'figure') continue;
    const figure = await preparePhoto(block.file, {
      placedWidthPt: photoWidthPt,
      ...(options.grey ? { grey: true } : {}),
      cacheDir: path.join(project.root, PROJECT_LAYOUT.cache, 'photos'),
    });
    figures[block.number] = placed(figure, photoWidthPt);
    warnings.push(...figure.warnings);
  }
  const images: Images = { photo: placed(photo, photoWidthPt), figures };
  for (const edition of options.editions) {
    const { definition, review, brief } = editionDefinition(project, article, edition, images);
    problems.push(...uncovered(definition, project.fonts[edition], article, project));
    const reportPath = path.join(options.outDir, `${article.slug}.${edition}.review.md`);
    rendered.push({
      edition,
      definition,
      review: review ? renderReview(review) : null,
      summary: review ? summarizeReview(review, reportPath) : null,
      plain: { text: briefPlainText(brief), keyPoints: brief.summary },
    });
  }
  // Pre-flight: no PDF is rendered while any character lacks a glyph in any edition.
  if (problems.length) throw new BriefError(problems);

  for (const r of rendered) {
    const pdf = await renderDefinition(project, article, r.edition, r.definition, options.pdfa);
    editions.push({ edition: r.edition, pdf, review: r.review, summary: r.summary, plain: r.plain });
  }
  return { article, photo, editions, warnings };
}

function renderDefinition(
  project: Project,
  article: Article,
  edition: Edition,
  definition: DocDefinition,
  pdfa: boolean,
): Promise<Buffer> {
  return renderPdf(definition, {
    fonts: project.fonts[edition],
    date: new Date(`${article.date}T00:00:00Z`),
    pdfa,
    source: path.join(project.templates.dir, 'brief.hbs'),
  });
}

/**
 * One edition of a loaded article as PDF bytes, with a photo already prepared (or none: a grey
 * placeholder), after the same coverage pre-flight as a build. For scripts and tools that hold
 * an Article of their own; `buildIssue` is the whole issue from its folder.
 */
export async function renderBrief(
  project: Project,
  article: Article,
  edition: Edition,
  options: { photo?: PreparedPhoto; pdfa?: boolean } = {},
): Promise<Buffer> {
  const { photoWidthPt, photoAspect } = project.templates.layout;
  const photo = options.photo
    ? placed(options.photo, photoWidthPt)
    : { image: PLACEHOLDER_PHOTO, widthPt: photoWidthPt, heightPt: photoWidthPt / photoAspect };
  const { definition } = editionDefinition(project, article, edition, {
    photo,
    figures: placeholderFigures(article, photoWidthPt, photoAspect),
  });
  const problems = uncovered(definition, project.fonts[edition], article, project);
  if (problems.length) throw new BriefError(problems);
  return renderDefinition(project, article, edition, definition, options.pdfa ?? resolveBuildOptions().pdfa);
}

/** The pictures a template places: the lead photo and each figure, sized for the page. */
export interface Images {
  photo: TemplateView['photo'];
  figures: TemplateView['figures'];
}

/** A prepared picture at the text width, its height from its own proportions. */
function placed(photo: PreparedPhoto, widthPt: number): TemplateView['photo'] {
  return {
    image: photo.dataUrl,
    widthPt,
    heightPt: Math.round((widthPt / (photo.width / photo.height)) * 100) / 100,
  };
}

/** Grey stand-ins for the figures, where only the texts matter (the pre-flight, renderBrief). */
function placeholderFigures(article: Article, widthPt: number, aspect: number): TemplateView['figures'] {
  const out: TemplateView['figures'] = {};
  for (const b of article.body)
    if (b.kind === 'figure')
      out[b.number] = { image: PLACEHOLDER_PHOTO, widthPt, heightPt: widthPt / aspect };
  return out;
}

/** One edition's document definition from the templates, and the localizer's review (zh-Hans). */
export function editionDefinition(
  project: Project,
  article: Article,
  edition: Edition,
  images: Images,
): { definition: DocDefinition; review: ReturnType<typeof localizeBrief>['review']; brief: Brief } {
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
    photo: images.photo,
    figures: images.figures,
    tool: TOOL,
    layout: project.templates.layout,
    archive: project.foundation.archive
      ? { url: archiveUrl(project.foundation.archive, article.slug, edition) }
      : null,
  };
  return { definition: project.templates.render(view), review, brief };
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
  const figures = placeholderFigures(article, photoWidthPt, photoAspect);
  const problems: Diagnostic[] = [];
  const out: IssueCheck['editions'] = [];
  for (const edition of editions) {
    const { definition } = editionDefinition(project, article, edition, { photo, figures });
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
  definition: DocDefinition,
  fonts: EditionFonts,
  article: Article,
  project: Project,
): Diagnostic[] {
  const texts = FONT_ROLES.map((role) => ({
    text: textsByRole(definition)[role],
    role,
    origin: { file: article.file },
  }));
  const found = findUncoveredCharacters(texts, fonts);
  if (!found.length) return [];
  const files = [article.file, project.foundation.file];
  if (fonts.edition === 'zh-Hans') files.push(path.join(project.root, PROJECT_LAYOUT.glossary));
  // The files were read when the project and the article were loaded; only their text is needed.
  const sources = files.flatMap((file) => {
    try {
      return [{ file, text: readUserFile(file, 'source') }];
    } catch {
      return [];
    }
  });
  return locateUncovered(found, sources, { file: article.file });
}
