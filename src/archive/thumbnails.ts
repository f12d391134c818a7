import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { writeAtomically } from '../pipeline/index.js';

/**
 * Making the missing thumbnails: in this thread for a few, else on a worker per core (a fresh
 * archive of a thousand issues has a thousand to make, ≈ 0.1–0.2 s of CPU each).
 */

export interface ThumbnailJob {
  pdf: string;
  png: string;
  slug: string;
}

/** Jobs per worker before it is replaced (see below). */
const JOBS_PER_WORKER = 10;

/** Below this many, workers (each loading pdf.js) cost more than they save. */
const MIN_FOR_WORKERS = 8;

export async function makeThumbnails(
  jobs: readonly ThumbnailJob[],
  onDone: (slug: string) => void,
): Promise<void> {
  const workers = Math.min(availableParallelism(), Math.floor(jobs.length / (MIN_FOR_WORKERS / 2)));
  const workerUrl = new URL('./thumbnail-worker.js', import.meta.url);
  // The compiled worker exists beside the compiled module (dist/); from the TypeScript sources
  // (the tests), render here.
  if (jobs.length < MIN_FOR_WORKERS || workers < 2 || !import.meta.url.endsWith('.js')) {
    const { renderThumbnail } = await import('./thumbnail.js');
    for (const job of jobs) {
      writeAtomically(job.png, await renderThumbnail(readFileSync(job.pdf)));
      onDone(job.slug);
    }
    return;
  }
  let next = 0;
  // One worker per core, each replaced after a few jobs: pdf.js on @napi-rs/canvas keeps ≈ 3 MiB of
  // native memory per page rendered (garbage collection does not return it; in one thread 60
  // pages grew RSS by 160 MiB), and a worker's native memory goes with the worker. Measured, 200
  // thumbnails, peak RSS: 50 jobs per worker 604 MiB, 16: 500 MiB, 8: 416 MiB (but 60 % slower).
  const lane = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(workerUrl);
      let done = 0;
      const feed = (): void => {
        const index = done < JOBS_PER_WORKER ? next++ : jobs.length;
        const job = jobs[index];
        if (!job) {
          const more = next < jobs.length;
          void w.terminate().then(() => (more ? lane().then(resolve, reject) : resolve()));
          return;
        }
        w.postMessage({ index, pdf: job.pdf, png: job.png });
      };
      w.on('message', (reply: { index: number; error?: string }) => {
        const job = jobs[reply.index];
        if (reply.error !== undefined) {
          void w.terminate();
          reject(new Error(`${job?.pdf ?? '?'}: thumbnail: ${reply.error}`));
          return;
        }
        done += 1;
        if (job) onDone(job.slug);
        feed();
      });
      w.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: workers }, lane));
}
