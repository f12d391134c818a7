import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Article, Edition } from '../model.js';
import { extractXmp, readXmp } from '../pdf/index.js';
import { TOOL } from '../version.js';

/**
 * The archive sidecar `out/<slug>.json`: for each edition its file, size, SHA-256 and the
 * metadata its PDF carries (read back from the PDF's own XMP, so the sidecar says what the file
 * says). Byte-stable: no build time, no absolute paths, fixed key order, a final newline.
 */

export interface CatalogueFile {
  edition: Edition;
  /** BCP 47 tag of the edition (the PDF's /Lang). */
  lang: string;
  /** File name, relative to the sidecar. */
  file: string;
  bytes: number;
  sha256: string;
  title: string;
  author: string;
  series: string;
  subject: string;
  keywords: string[];
  publisher: string;
  /** 'PDF/A-2a', or null for a build that opted out. */
  conformance: string | null;
  /** Number of pages of the PDF. */
  pages: number;
  /** The key points (重點摘要) in this edition's script; empty when the issue has none. */
  keyPoints: string[];
  /** The text in this edition's script (title, authors, body, notes), for the archive's search. */
  text: string;
}

export interface Catalogue {
  slug: string;
  /** The date, YYYY-MM-DD. */
  date: string;
  /** Producer as written into the PDFs: tool, version and PDF engine versions. */
  producer: string;
  tool: { name: string; version: string };
  /**
   * SHA-256 of everything the PDFs were made from (src/pipeline/inputs.ts); a build whose inputs
   * hash equals this skips the issue. Null when the build did not compute it.
   */
  inputs: string | null;
  files: CatalogueFile[];
}

/** What the catalogue needs of a build: the article's slug and date, each edition's PDF and file. */
export interface CatalogueInput {
  article: Pick<Article, 'slug' | 'date'>;
  editions: readonly { edition: Edition; pdf: Buffer; plain?: { text: string; keyPoints: string[] } }[];
}

export function catalogueFileName(slug: string): string {
  return `${slug}.json`;
}

export function buildCatalogue(
  build: CatalogueInput,
  written: readonly { edition: Edition; file: string }[],
  inputs: string | null = null,
): Catalogue {
  let producer = '';
  const files = written.map(({ edition, file }): CatalogueFile => {
    const output = build.editions.find((e) => e.edition === edition);
    const pdf = output?.pdf;
    if (!pdf) throw new Error(`${file}: no ${edition} edition in the build`);
    const xmpText = extractXmp(pdf);
    if (xmpText === null) throw new Error(`${file}: the PDF has no XMP metadata for the catalogue`);
    const xmp = readXmp(xmpText);
    producer ||= xmp.producer ?? '';
    return {
      edition,
      lang: xmp.lang ?? '',
      file: path.basename(file),
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      title: xmp.title ?? '',
      author: xmp.author ?? '',
      series: xmp.series ?? '',
      subject: xmp.subject ?? '',
      keywords: xmp.keywords,
      publisher: xmp.publisher ?? '',
      conformance: xmp.pdfa ? `PDF/A-${xmp.pdfa.part}${xmp.pdfa.conformance.toLowerCase()}` : null,
      pages: pageCount(pdf),
      keyPoints: output.plain?.keyPoints ?? [],
      text: output.plain?.text ?? '',
    };
  });
  return { slug: build.article.slug, date: build.article.date, producer, tool: { ...TOOL }, inputs, files };
}

/**
 * The page count from the page tree's root (`/Type /Pages … /Count n`; pdfkit writes one tree).
 * Only the stretches around each `/Pages` are read as text: a match never holds a `>`, so the run
 * of bytes between the `>` before and the `>` after holds it whole (the PDF is not turned into one
 * string of its full size on every build).
 */
export function pageCount(pdf: Buffer): number {
  let max = 0;
  for (let at = pdf.indexOf('/Pages'); at >= 0; at = pdf.indexOf('/Pages', at + 1)) {
    const end = pdf.indexOf('>', at);
    const text = pdf.toString('latin1', pdf.lastIndexOf('>', at) + 1, end < 0 ? pdf.length : end);
    for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g))
      max = Math.max(max, Number(m[1]));
    for (const m of text.matchAll(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g))
      max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** The sidecar's text: two-space JSON with a final newline. */
export function catalogueJson(
  build: CatalogueInput,
  written: readonly { edition: Edition; file: string }[],
  inputs: string | null = null,
): string {
  return `${JSON.stringify(buildCatalogue(build, written, inputs), null, 2)}\n`;
}
