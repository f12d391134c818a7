/**
 * prospect-brief as a library: the entry point the `brief` command uses, and a user's script can.
 *
 *   import { loadProject, buildAll } from 'prospect-brief';
 *   const results = await buildAll('.', { outDir: 'out' });
 *
 * Every user mistake is thrown (or returned, for a batch) as a BriefError / Diagnostic[] with file,
 * line, column and code; nothing else of the internals is part of the contract.
 */
import { localizeBrief } from './localize/index.js';
import type { BatchResult, BuildOptions, Project } from './pipeline/index.js';
import { buildBatch, defaultJobs, listIssues, resolveBuildOptions } from './pipeline/index.js';
import type { CatalogueSummary } from './archive/index.js';
import { writeCatalogue } from './archive/index.js';

export type {
  Article,
  Block,
  Brief,
  Diagnostic,
  DiagnosticCode,
  Edition,
  Foundation,
  Heading,
  Paragraph,
  Photo,
  PreparedPhoto,
  Run,
} from './model.js';
export { EDITIONS } from './model.js';
export { BriefError, formatDiagnostic, isBriefError } from './errors.js';
export { DIAGNOSTIC_CODES } from './diagnostic-codes.js';
export type {
  BatchResult,
  BuildOptions,
  EditionOutput,
  IssueBuild,
  IssueCheck,
  Project,
  WrittenIssue,
} from './pipeline/index.js';
export {
  buildIssue,
  checkIssue,
  DEFAULT_BUILD_OPTIONS,
  defaultJobs,
  listIssues,
  loadProject,
  PROJECT_LAYOUT,
  renderBrief,
  writeIssue,
} from './pipeline/index.js';
export { formatCoverage } from './fonts/index.js';
export type { CatalogueOptions, CatalogueSummary } from './archive/index.js';
export { writeCatalogue } from './archive/index.js';
export { TOOL } from './version.js';

/** One edition's text from an article (the Simplified edition is converted here). */
export const localize = localizeBrief;

/**
 * Builds and writes every issue under `<root>/assets/issues` (or the given issue folders), on
 * worker threads when there are many. A user error fails that issue only; see each result.
 */
export async function buildAll(
  root: string,
  options: BuildOptions & {
    issues?: readonly string[];
    jobs?: number;
    project?: Project;
    force?: boolean;
  } = {},
  onResult?: (result: BatchResult) => void,
): Promise<BatchResult[]> {
  const issues = options.issues ?? listIssues(root);
  return buildBatch(
    {
      root,
      issues,
      ...options,
      jobs: options.jobs ?? defaultJobs(issues.length),
    },
    onResult,
  );
}

/**
 * `brief build` of a whole project: every issue (unchanged ones skipped unless `force`), then the
 * catalogue site from the sidecars (src/archive).
 */
export async function runCatalogue(
  root: string,
  options: BuildOptions & { jobs?: number; force?: boolean; prune?: boolean } = {},
  onResult?: (result: BatchResult) => void,
): Promise<{ results: BatchResult[]; catalogue: CatalogueSummary }> {
  const { prune, ...build } = options;
  const results = await buildAll(root, build, onResult);
  const catalogue = await writeCatalogue(root, resolveBuildOptions(build).outDir, { prune: prune ?? false });
  return { results, catalogue };
}
