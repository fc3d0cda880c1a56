import { parentPort, workerData } from 'node:worker_threads';
import type { SimulationProgressMessage } from '@slicescope/contract';
import { oneByOneRollout, serviceScenario, simulate, SnapshotServiceError } from '@slicescope/core';
import { runJob, type JobResult, type SimulationJob } from './job.ts';

/** Progress goes to the api at most this often (the first at once, so that a bar shows). */
const PROGRESS_EVERY_MS = 250;

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: SimulationProgressMessage }
  | { type: 'done'; ok: true; result: JobResult }
  | { type: 'done'; ok: false; error: string; missingService?: true };

/** What the simulator tells its worker when it starts it. */
export interface SimulationWorkerData {
  /** Run the warm-up simulation before saying it is ready. */
  warmUp: boolean;
}

const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

/** One simulation (or snapshot of one) per message, off the api's event loop (see simulator.ts). */
parentPort?.on('message', (job: SimulationJob) => {
  const started = Date.now();
  let last = -Infinity;
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

/**
 * A small model-mode rollout, run once before the first job: the engine, the controllers and the
 * sizing are compiled and optimized by then, so the first simulation asked for runs nearly as
 * fast as later ones (a 5,000-Pod rollout with Pods ready one by one: about 1.45 s instead of
 * 1.75 s here, for 0.2 s spent at start-up).
 */
function warmUp(): void {
  simulate(serviceScenario(oneByOneRollout(300)), { mode: 'model' });
}

if ((workerData as SimulationWorkerData | undefined)?.warmUp !== false) warmUp();
// Loaded and ready: the time budget of a simulation starts now, not at the worker's start-up.
post({ type: 'ready' });
