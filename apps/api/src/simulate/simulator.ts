import { Worker } from 'node:worker_threads';
import type { Scenario } from '@slicescope/core';
import type { SimulationCounts } from './runScenario.ts';

export interface SimulatorOptions {
  /** Wall-clock budget of one simulation; past it the worker is killed (default 30 s). */
  timeoutMs?: number;
  /** Heap of the simulation worker (default 2048 MiB). */
  maxHeapMb?: number;
  /** Simulated seconds at most (default 6 h). */
  maxSeconds?: number;
}

export type SimulationOutcome =
  | { ok: true; result: SimulationCounts }
  | { ok: false; reason: 'busy' | 'timeout' | 'failed'; message: string };

export interface Simulator {
  run(scenario: Scenario, seed: number): Promise<SimulationOutcome>;
  close(): Promise<void>;
}

/** The worker runs TypeScript sources like the rest of the workspace: through tsx's loader. */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./simulationWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}

/**
 * Runs simulations one at a time in a worker thread, so that a costly scenario never stalls the
 * api's event loop (probes, streams): past the time budget the worker is terminated, and its heap
 * is capped. A second request while one runs is refused as busy rather than queued.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxSeconds = options.maxSeconds ?? 6 * 3600;
  let worker: { thread: Worker; ready: Promise<boolean> } | undefined;
  let running = false;

  /** A worker, and whether it loaded (false: it failed or exited first). */
  const spawn = (): { thread: Worker; ready: Promise<boolean> } => {
    const thread = new Worker(bootstrap(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 2048 },
    });
    thread.unref();
    // A worker that dies between runs is replaced by the next run, not posted to.
    thread.once('exit', () => {
      if (worker?.thread === thread) worker = undefined;
    });
    const ready = new Promise<boolean>((resolve) => {
      thread.once('message', () => resolve(true));
      thread.once('error', () => resolve(false));
      thread.once('exit', () => resolve(false));
    });
    return { thread, ready };
  };

  const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

  return {
    run(scenario, seed) {
      if (running) {
        return Promise.resolve({
          ok: false,
          reason: 'busy',
          message: 'another simulation is running; try again shortly',
        });
      }
      let spawned: { thread: Worker; ready: Promise<boolean> };
      try {
        spawned = worker ??= spawn();
      } catch (error) {
        return Promise.resolve({
          ok: false,
          reason: 'failed',
          message: `the simulation worker did not start: ${(error as Error).message}`,
        });
      }
      running = true;
      const current = spawned.thread;
      return spawned.ready.then(
        (loaded) =>
          new Promise<SimulationOutcome>((resolve) => {
            const finish = (outcome: SimulationOutcome): void => {
              clearTimeout(timer);
              current.off('message', onMessage);
              current.off('error', onError);
              current.off('exit', onExit);
              running = false;
              resolve(outcome);
            };
            const discard = (): void => {
              if (worker === spawned) worker = undefined;
              void current.terminate();
            };
            if (!loaded) {
              discard();
              running = false;
              resolve({
                ok: false,
                reason: 'failed',
                message: 'the simulation worker did not start',
              });
              return;
            }
            const onMessage = (
              message: { ok: true; result: SimulationCounts } | { ok: false; error: string },
            ): void =>
              finish(
                message.ok ? message : { ok: false, reason: 'failed', message: message.error },
              );
            const onError = (error: Error): void => {
              discard();
              finish({
                ok: false,
                reason: 'failed',
                message: `the simulation failed: ${error.message}`,
              });
            };
            const onExit = (): void => {
              discard();
              finish({
                ok: false,
                reason: 'failed',
                message: 'the simulation stopped unexpectedly',
              });
            };
            const timer = setTimeout(() => {
              discard();
              finish({
                ok: false,
                reason: 'timeout',
                message: `the simulation ran over this server's budget of ${seconds(timeoutMs)}`,
              });
            }, timeoutMs);
            current.on('message', onMessage);
            current.once('error', onError);
            current.once('exit', onExit);
            current.postMessage({ scenario, seed, maxSeconds });
          }),
      );
    },
    async close() {
      await worker?.thread.terminate();
      worker = undefined;
    },
  };
}
