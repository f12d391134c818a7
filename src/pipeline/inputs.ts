import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edition, Foundation } from '../model.js';
import { TOOL } from '../version.js';
import type { ResolvedBuildOptions } from './options.js';
import { PROJECT_LAYOUT } from './project.js';

/**
 * The content hash of everything an issue's PDFs are made from, stored in its sidecar
 * (`inputs`): an issue whose hash is unchanged since its last successful build is skipped.
 *
 * Project part (hashed once per build): the foundation profile, the glossary, the tool's own
 * vocabulary and names lists, every file under templates/, the fonts manifest and the foundation's
 * own font files (path and size), the tool's name and version, and the options that change the
 * bytes (editions, grey, PDF/A). Issue part: every file of the issue folder, by name and content
 * (the article, the photo, the figures).
 */

/** The tool's own lists, read by src/localize relative to the tool (not the project). */
const TOOL_ASSETS = ['vocabulary.zh-Hans.tsv', 'names.zh-Hans.tsv'].map((name) =>
  fileURLToPath(new URL(`../../assets/${name}`, import.meta.url)),
);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function addFile(hash: ReturnType<typeof createHash>, label: string, file: string): void {
  hash.update(`\0${label}\0`);
  hash.update(existsSync(file) ? readFileSync(file) : '\0missing');
}

/** The hash of what every issue of a build shares (see above). */
export function projectInputHash(
  root: string,
  foundation: Pick<Foundation, 'fonts'>,
  options: Pick<ResolvedBuildOptions, 'editions' | 'grey' | 'pdfa'>,
): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({ tool: TOOL, editions: options.editions, grey: options.grey, pdfa: options.pdfa }),
  );
  addFile(hash, 'foundation', path.join(root, PROJECT_LAYOUT.foundation));
  addFile(hash, 'glossary', path.join(root, PROJECT_LAYOUT.glossary));
  for (const file of TOOL_ASSETS) addFile(hash, path.basename(file), file);
  const templates = path.join(root, PROJECT_LAYOUT.templates);
  for (const file of filesUnder(templates)) addFile(hash, path.relative(templates, file), file);
  addFile(hash, 'fonts', path.join(root, PROJECT_LAYOUT.fonts));
  for (const f of foundation.fonts) {
    const size = existsSync(f.file) ? statSync(f.file).size : -1;
    hash.update(`\0font\0${f.edition}/${f.role}/${path.relative(root, f.file)}#${f.face ?? ''}:${size}`);
  }
  return hash.digest('hex');
}

/** The inputs hash of one issue: the project's hash and every file of the issue folder. */
export function issueInputHash(projectHash: string, issueDir: string): string {
  const hash = createHash('sha256');
  hash.update(projectHash);
  for (const file of filesUnder(issueDir)) addFile(hash, path.relative(issueDir, file), file);
  return hash.digest('hex');
}

/**
 * When the issue's last build is still good — its sidecar records this inputs hash and every
 * edition asked for, and each PDF is there with the size the sidecar says — what that build
 * wrote; otherwise null (build it).
 */
export function upToDate(
  outDir: string,
  slug: string,
  inputs: string,
  editions: readonly string[],
): { files: { edition: Edition; file: string; bytes: number; sha256: string }[] } | null {
  let sidecar: unknown;
  try {
    sidecar = JSON.parse(readFileSync(path.join(outDir, `${slug}.json`), 'utf8'));
  } catch {
    return null;
  }
  if (typeof sidecar !== 'object' || sidecar === null) return null;
  const s = sidecar as { inputs?: unknown; files?: unknown };
  if (s.inputs !== inputs || !Array.isArray(s.files)) return null;
  const files = (s.files as { edition?: unknown; file?: unknown; bytes?: unknown; sha256?: unknown }[]).map(
    (f) => ({
      edition: f.edition as Edition,
      file: path.join(outDir, String(f.file)),
      bytes: Number(f.bytes),
      sha256: String(f.sha256),
    }),
  );
  if (files.map((f) => f.edition).join() !== editions.join()) return null;
  for (const f of files) {
    try {
      if (statSync(f.file).size !== f.bytes) return null;
    } catch {
      return null;
    }
  }
  return { files };
}
