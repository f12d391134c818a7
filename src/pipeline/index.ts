/**
 * The pipeline: loads a project once (project.ts), builds one issue's editions in memory
 * (issue.ts), writes them atomically (write.ts), or many issues on worker threads (batch.ts).
 */
export type { BuildOptions, ResolvedBuildOptions } from './options.js';
export { DEFAULT_BUILD_OPTIONS, resolveBuildOptions } from './options.js';
export type { Project } from './project.js';
export { listIssues, loadProject, PROJECT_LAYOUT } from './project.js';
export type { EditionOutput, IssueBuild, IssueCheck } from './issue.js';
export { buildIssue, checkIssue, editionDefinition, renderBrief } from './issue.js';
export type { WrittenIssue } from './write.js';
export { writeAtomically, writeIssue } from './write.js';
export type { BatchOptions, BatchResult } from './batch.js';
export { buildBatch, defaultJobs } from './batch.js';
export type { Catalogue, CatalogueFile } from './catalogue.js';
export { projectInputHash, issueInputHash } from './inputs.js';
