/**
 * A thumbnail worker thread (src/archive/thumbnails.ts): renders page 1 of each PDF it is sent
 * and writes the PNG atomically; answers with the job's index, or the error's message.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { writeAtomically } from '../pipeline/index.js';
import { renderThumbnail } from './thumbnail.js';

const port = parentPort;
if (!port) throw new Error('thumbnail-worker.js runs as a worker thread only');

port.on('message', (job: { index: number; pdf: string; png: string }) => {
  renderThumbnail(readFileSync(job.pdf))
    .then((png) => {
      writeAtomically(job.png, png);
      port.postMessage({ index: job.index });
    })
    .catch((e: unknown) =>
      port.postMessage({ index: job.index, error: e instanceof Error ? e.message : String(e) }),
    );
});
