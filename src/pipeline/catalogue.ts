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
}

export interface Catalogue {
  slug: string;
  /** The date, YYYY-MM-DD. */
  date: string;
  /** Producer as written into the PDFs: tool, version and PDF engine versions. */
  producer: string;
  tool: { name: string; version: string };
  files: CatalogueFile[];
}

/** What the catalogue needs of a build: the article's slug and date, each edition's PDF and file. */
export interface CatalogueInput {
  article: Pick<Article, 'slug' | 'date'>;
  editions: readonly { edition: Edition; pdf: Buffer }[];
}

export function catalogueFileName(slug: string): string {
  return `${slug}.json`;
}

export function buildCatalogue(
  build: CatalogueInput,
  written: readonly { edition: Edition; file: string }[],
): Catalogue {
  let producer = '';
  const files = written.map(({ edition, file }): CatalogueFile => {
    const pdf = build.editions.find((e) => e.edition === edition)?.pdf;
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
    };
  });
  return { slug: build.article.slug, date: build.article.date, producer, tool: { ...TOOL }, files };
}

/** The sidecar's text: two-space JSON with a final newline. */
export function catalogueJson(
  build: CatalogueInput,
  written: readonly { edition: Edition; file: string }[],
): string {
  return `${JSON.stringify(buildCatalogue(build, written), null, 2)}\n`;
}
