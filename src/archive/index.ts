/**
 * The archive: from the sidecars in out/, the catalogue site — `index.html` (browse, filter and
 * search both scripts, offline), `catalogue.js` + `catalogue-data.js` + `search/NN.js` (its script,
 * data and index), `thumbs/` (page 1 of each issue), `feed.xml` (Atom) and `catalogue.json`.
 * It reads only the sidecars, the PDFs (for thumbnails not yet made) and the profile.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue } from '../pipeline/index.js';
import { listIssues, PROJECT_LAYOUT, writeAtomically } from '../pipeline/index.js';
import { archiveUrl, loadFoundation } from '../source/index.js';
import { renderTextTemplate } from '../template/index.js';
import { TOOL } from '../version.js';
import { readEntries } from './entries.js';
import { atomFeed } from './feed.js';
import { CATALOGUE_JS, catalogueHtml, LABELS } from './page.js';
import { buildSearchShards, shardFileName } from './search.js';
import type { ThumbnailJob } from './thumbnails.js';
import { makeThumbnails } from './thumbnails.js';
import { SHARDS } from './tokens.js';

export { queryTokens, indexTokens, shardOf, encodePostings, decodePostings, SHARDS } from './tokens.js';
export { atomFeed } from './feed.js';

export interface CatalogueOptions {
  /** Delete the PDFs, review reports and sidecars of issues whose folder is gone. Default: false. */
  prune?: boolean;
  /** Hears each thumbnail rendered (for progress). */
  onThumbnail?: (slug: string) => void;
}

export interface CatalogueSummary {
  issues: number;
  /** Issues left out because their folder is gone. */
  removed: string[];
  /** Files deleted by --prune. */
  pruned: string[];
  thumbnails: { rendered: number; cached: number };
  files: string[];
}

/** The thumbnail of an issue's first edition, named by its PDF's hash (so an unchanged PDF keeps its PNG). */
function thumbName(entry: Catalogue): string | null {
  const first = entry.files[0];
  return first ? `thumbs/${first.sha256.slice(0, 20)}.png` : null;
}

/** Writes the catalogue site of the issues under `root` from the sidecars in `outDir`. */
export async function writeCatalogue(
  root: string,
  outDir: string,
  options: CatalogueOptions = {},
): Promise<CatalogueSummary> {
  const foundation = loadFoundation(path.join(root, PROJECT_LAYOUT.foundation), renderTextTemplate);
  const slugs = new Set(
    listIssues(root)
      .filter((d) => existsSync(path.join(d, 'article.md')))
      .map((d) => path.basename(d)),
  );
  const { entries, removed, pruned } = readEntries(outDir, slugs, options.prune ?? false);

  // Thumbnails: page 1 of the first edition, rendered once per PDF (cached by its hash).
  const jobs: ThumbnailJob[] = [];
  let cached = 0;
  const thumbs = new Set<string>();
  for (const e of entries) {
    const name = thumbName(e);
    const first = e.files[0];
    if (!name || !first) continue;
    const file = path.join(outDir, name);
    thumbs.add(path.basename(name));
    if (existsSync(file)) cached += 1;
    else if (existsSync(path.join(outDir, first.file)))
      jobs.push({ pdf: path.join(outDir, first.file), png: file, slug: e.slug });
  }
  await makeThumbnails(jobs, (slug) => options.onThumbnail?.(slug));
  const rendered = jobs.length;
  const thumbDir = path.join(outDir, 'thumbs');
  if (existsSync(thumbDir))
    for (const n of readdirSync(thumbDir))
      if (!thumbs.has(n)) rmSync(path.join(thumbDir, n), { force: true });

  const seriesHans = entries.flatMap((e) =>
    e.files.filter((f) => f.edition === 'zh-Hans').map((f) => f.series),
  )[0];
  const series = { hant: foundation.series, hans: seriesHans ?? foundation.series };
  const version = `${TOOL.name} ${TOOL.version}`;
  const data = {
    version,
    series,
    shards: SHARDS,
    labels: LABELS,
    issues: entries.map((e) => {
      const pair = <T>(get: (f: Catalogue['files'][number]) => T): T[] => e.files.map(get);
      const thumb = thumbName(e);
      return {
        slug: e.slug,
        date: e.date,
        year: e.date.slice(0, 4),
        t: pair((f) => f.title),
        a: pair((f) => f.author),
        k: pair((f) => f.keywords),
        s: pair((f) => f.keyPoints),
        f: e.files.map((f) => ({ e: f.edition, lang: f.lang, file: f.file, bytes: f.bytes, pages: f.pages })),
        json: `${e.slug}.json`,
        thumb: thumb && existsSync(path.join(outDir, thumb)) ? thumb : null,
      };
    }),
  };

  const written: [string, string][] = [
    ['catalogue-data.js', `window.BRIEF_CATALOGUE = ${JSON.stringify(data)};\n`],
    ['catalogue.js', CATALOGUE_JS],
    ['index.html', catalogueHtml(series, version)],
    [
      'feed.xml',
      atomFeed(entries, {
        title: foundation.series,
        author: foundation.name,
        baseUrl: foundation.archive?.baseUrl ?? null,
        issueUrl: (slug, edition) =>
          foundation.archive
            ? archiveUrl(foundation.archive, slug, edition === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant')
            : null,
      }),
    ],
    ['catalogue.json', catalogueListJson(entries, foundation.series, foundation.name)],
  ];
  buildSearchShards(entries).forEach((text, n) => written.push([shardFileName(n), text]));
  for (const [name, text] of written) writeIfChanged(path.join(outDir, name), text);
  return {
    issues: entries.length,
    removed,
    pruned,
    thumbnails: { rendered, cached },
    files: written.map(([name]) => path.join(outDir, name)),
  };
}

/** Writes a file only when its text changes (so an unchanged catalogue leaves out/ as it was). */
function writeIfChanged(file: string, text: string): void {
  try {
    if (readFileSync(file, 'utf8') === text) return;
  } catch {
    // not there yet
  }
  writeAtomically(file, text);
}

/** `catalogue.json`: the machine-readable list (each sidecar without its full text), newest first. */
function catalogueListJson(entries: readonly Catalogue[], series: string, publisher: string): string {
  const issues = entries.map((e) => ({
    slug: e.slug,
    date: e.date,
    sidecar: `${e.slug}.json`,
    thumbnail: thumbName(e),
    files: e.files.map((f) => {
      const copy: Partial<Catalogue['files'][number]> = { ...f };
      delete copy.text;
      return copy;
    }),
  }));
  return `${JSON.stringify({ series, publisher, tool: TOOL, issues }, null, 2)}\n`;
}
