import { parentPort } from 'node:worker_threads';
import type { SimulationProgressMessage } from '@slicescope/contract';
import { SnapshotServiceError } from '@slicescope/core';
import { runJob, type JobResult, type SimulationJob } from './job.ts';

/** Progress goes to the api at most this often. */
const PROGRESS_EVERY_MS = 250;

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: SimulationProgressMessage }
  | { type: 'done'; ok: true; result: JobResult }
  | { type: 'done'; ok: false; error: string; missingService?: true };

const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

/** One simulation (or snapshot of one) per message, off the api's event loop (see simulator.ts). */
parentPort?.on('message', (job: SimulationJob) => {
  const started = Date.now();
  let last = started;
  try {
    const result = runJob(job, {
      onProgress: (progress) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        post({ type: 'progress', progress: { ...progress, elapsedMs: now - started } });
      },
    });
    post({ type: 'done', ok: true, result });
  } catch (error) {
    const message = (error as Error).message;
    post({
      type: 'done',
      ok: false,
      error: message,
      ...(error instanceof SnapshotServiceError && { missingService: true as const }),
    });
  }
});

// Loaded and ready: the time budget of a simulation starts now, not at the worker's start-up.
post({ type: 'ready' });
