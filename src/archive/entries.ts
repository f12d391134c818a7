import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BriefError, diagnostic } from '../errors.js';
import type { Catalogue } from '../pipeline/index.js';

/**
 * The catalogue's entries: the sidecars (`out/<slug>.json`) of the issues that still have a folder,
 * newest first. A sidecar whose folder is gone leaves the catalogue; with `prune` its PDFs, review
 * reports and sidecar are deleted too.
 */

export interface ArchiveEntries {
  entries: Catalogue[];
  /** Slugs of sidecars left out because their issue folder is gone. */
  removed: string[];
  /** Files deleted by `prune`. */
  pruned: string[];
}

function isSidecar(value: unknown): value is Catalogue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Catalogue>;
  return typeof v.slug === 'string' && typeof v.date === 'string' && Array.isArray(v.files);
}

export function readEntries(outDir: string, slugs: ReadonlySet<string>, prune: boolean): ArchiveEntries {
  const entries: Catalogue[] = [];
  const removed: string[] = [];
  const pruned: string[] = [];
  if (!existsSync(outDir)) return { entries, removed, pruned };
  const names = readdirSync(outDir);
  for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    if (name === 'catalogue.json') continue;
    const file = path.join(outDir, name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new BriefError([
        diagnostic(
          { file },
          'archive/sidecar',
          `this sidecar is not valid JSON (${(e as Error).message})`,
          'rebuild the issue (brief build --force) or delete the file',
        ),
      ]);
    }
    if (!isSidecar(value) || value.slug !== name.slice(0, -'.json'.length)) continue;
    if (slugs.has(value.slug)) {
      entries.push(normalize(value));
      continue;
    }
    removed.push(value.slug);
    if (prune) {
      for (const other of names)
        if (other === name || (other.startsWith(`${value.slug}.`) && /\.(pdf|review\.md)$/.test(other))) {
          rmSync(path.join(outDir, other), { force: true });
          pruned.push(other);
        }
    }
  }
  entries.sort((a, b) => (a.date === b.date ? (a.slug < b.slug ? 1 : -1) : a.date < b.date ? 1 : -1));
  return { entries, removed, pruned };
}

/** Sidecars written before the catalogue existed lack pages, key points and text. */
function normalize(c: Catalogue): Catalogue {
  return {
    ...c,
    inputs: c.inputs ?? null,
    files: c.files.map((f) => ({
      ...f,
      pages: f.pages ?? 0,
      keyPoints: f.keyPoints ?? [],
      text: f.text ?? '',
    })),
  };
}
