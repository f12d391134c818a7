import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EditionFonts } from '../fonts/index.js';
import { loadFontManifest } from '../fonts/index.js';
import { loadGlossary } from '../localize/index.js';
import type { Edition, Foundation, GlossaryEntry } from '../model.js';
import { loadFoundation } from '../source/index.js';
import type { TemplateSet } from '../template/index.js';
import { loadTemplates, renderTextTemplate } from '../template/index.js';

/** Project loading: what every issue of a build shares, read once per process. */

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
  const foundation = loadFoundation(path.join(root, PROJECT_LAYOUT.foundation), renderTextTemplate);
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
