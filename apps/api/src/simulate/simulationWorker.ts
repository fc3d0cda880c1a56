import { parentPort } from 'node:worker_threads';
import type { Scenario } from '@slicescope/core';
import { runScenario } from './runScenario.ts';

/** One simulation per message, off the api's event loop (see simulator.ts). */
parentPort?.on('message', (job: { scenario: Scenario; seed: number; maxSeconds: number }) => {
  try {
    parentPort?.postMessage({
      ok: true,
      result: runScenario(job.scenario, job.seed, job.maxSeconds),
    });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: (error as Error).message });
  }
});

// Loaded and ready: the time budget of a simulation starts now, not at the worker's start-up.
parentPort?.postMessage({ ready: true });
