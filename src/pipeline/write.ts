import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Diagnostic, Edition } from '../model.js';
import { catalogueFileName, catalogueJson } from './catalogue.js';
import type { IssueBuild } from './issue.js';

/** Writing: a built issue's files go to out/ atomically, each one complete or not at all. */

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
  warnings: Diagnostic[];
}

/** Writes a built issue's PDFs (and review reports) to outDir. */
export function writeIssue(build: IssueBuild, outDir: string, inputs: string | null = null): WrittenIssue {
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
  writeAtomically(
    path.join(outDir, catalogueFileName(build.article.slug)),
    catalogueJson(build, files, inputs),
  );
  return { slug: build.article.slug, files, reviews, summaries, warnings: build.warnings };
}
