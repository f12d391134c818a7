/**
 * A batch worker thread (src/pipeline/batch.ts): loads the project once, then builds and writes the
 * issues it is sent, one at a time, and answers each with what was written or what went wrong.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isBriefError } from '../errors.js';
import { adoptFontMemory, sharedFontMemory, useSharedFontMemory } from '../fonts/index.js';
import type { BatchFonts, BatchReply, BatchTask, BatchWorkerData } from './batch.js';
import type { Project } from './project.js';
import { loadProject } from './project.js';
import { buildIssue } from './issue.js';
import { writeIssue } from './write.js';

const data = workerData as BatchWorkerData;
const port = parentPort;
if (!port) throw new Error('batch-worker.js runs as a worker thread only');

// The first worker reads the fonts into shared memory and hands them on; the others adopt them.
if (data.fonts) adoptFontMemory(data.fonts);
else useSharedFontMemory();
let project: Project | undefined;
let projectError: unknown;
try {
  project = loadProject(data.root);
} catch (e) {
  projectError = e;
}
if (!data.fonts) {
  const ready: BatchFonts = { kind: 'fonts', fonts: sharedFontMemory() };
  port.postMessage(ready);
}

port.on('message', (task: BatchTask) => {
  void handle(task).then((reply) => port.postMessage(reply));
});

async function handle(task: BatchTask): Promise<BatchReply> {
  try {
    if (!project) throw projectError;
    const build = await buildIssue(project, task.dir, {
      editions: data.editions,
      outDir: data.outDir,
      grey: data.grey,
      pdfa: data.pdfa,
    });
    return { index: task.index, kind: 'ok', written: writeIssue(build, data.outDir, task.inputs) };
  } catch (e) {
    if (isBriefError(e)) return { index: task.index, kind: 'user-error', diagnostics: e.diagnostics };
    return {
      index: task.index,
      kind: 'internal-error',
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
}
