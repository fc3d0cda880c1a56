import { Worker } from 'node:worker_threads';
import type { SimulationProgressMessage } from '@slicescope/contract';
import { isArithmetic, runJob, type JobResult, type SimulationJob } from './job.ts';
import type { SimulationWorkerData, WorkerMessage } from './simulationWorker.ts';

export interface SimulatorOptions {
  /**
   * Wall-clock budget of one simulation; past it the worker is killed (default 30 s; `Infinity`,
   * or anything longer than a timer can wait, for none, as the command line runs it).
   */
  timeoutMs?: number;
  /**
   * Heap of the simulation worker, in all (default 2048 MiB): its young generation and, for the
   * rest, the objects that live on. A run that needs more ends as too costly, and the worker is
   * replaced.
   */
  maxHeapMb?: number;
  /**
   * Of that heap, the young generation, where new objects start (default a fifth of it, at most
   * 192 MiB: two semi-spaces of 64 MiB; V8's default is 48 MiB, and 0 keeps it). A model-mode
   * run builds every object the controllers write and sizes it, most of them soon replaced:
   * with room for them to die young, fewer are copied and promoted, and a repeat of the
   * 5,000-Pod rollout runs 7–16% faster (`pnpm bench` in apps/api, section 5).
   */
  youngGenerationMb?: number;
  /**
   * Whether the worker runs a small simulation before it says it is ready (default true): a
   * server's first run is then nearly as fast as later ones; a command that runs one simulation
   * and exits would only wait longer.
   */
  warmUp?: boolean;
}

export type SimulationOutcome =
  | { ok: true; result: JobResult }
  | {
      ok: false;
      /**
       * `memory`: the run needed more than the worker's heap. `missing-service`: a snapshot of
       * a Service the simulated cluster does not have.
       */
      reason: 'busy' | 'timeout' | 'memory' | 'failed' | 'cancelled' | 'missing-service';
      message: string;
    };

export interface RunHooks {
  /** Progress of the run, a few times a second. */
  onProgress?: (progress: SimulationProgressMessage) => void;
  /** Aborting ends the run at once (its worker is terminated): the client went away. */
  signal?: AbortSignal;
}

export interface Simulator {
  /** The wall-clock budget (null: none) and heap every run gets. */
  readonly limits: { budgetMs: number | null; maxHeapMb: number };
  /**
   * Starts the worker ahead of the first run (it loads the code and warms it up with a small
   * simulation); resolves with whether it started. Without it, the first run starts the worker.
   */
  start(): Promise<boolean>;
  /** Whether a simulation runs now, so that a second would be refused. */
  busy(): boolean;
  /** Runs the job on the worker; an arithmetic one (isArithmetic) at once, without it. */
  run(job: SimulationJob, hooks?: RunHooks): Promise<SimulationOutcome>;
  close(): Promise<void>;
}

interface Spawned {
  thread: Worker;
  ready: Promise<boolean>;
}

/** The worker runs TypeScript sources like the rest of the workspace: through tsx's loader. */
function bootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./simulationWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}

/** The longest delay setTimeout keeps; a budget above it (Infinity: none) runs untimed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** An arithmetic job (isArithmetic), done on the caller's thread. */
function calculate(job: SimulationJob): SimulationOutcome {
  try {
    return { ok: true, result: runJob(job) };
  } catch (error) {
    return {
      ok: false,
      reason: 'failed',
      message: `the simulation failed: ${(error as Error).message}`,
    };
  }
}

/**
 * Runs simulations one at a time in a worker thread, so that a costly scenario never stalls the
 * api's event loop (probes, streams): past the time budget, or when the caller aborts, the worker
 * is terminated (and replaced by the next run); its heap is capped. A second request while one
 * runs is refused as busy rather than queued. The quick form in paper mode is arithmetic: it is
 * answered at once, whether or not a run holds the worker.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxHeapMb = options.maxHeapMb ?? 2048;
  const youngGenerationMb = options.youngGenerationMb ?? Math.min(192, Math.floor(maxHeapMb / 5));
  // setTimeout would take Infinity (or anything past its 2³¹ − 1 ms) for 1 ms: no budget then.
  const budgetMs = timeoutMs <= MAX_TIMER_MS ? timeoutMs : null;
  let worker: Spawned | undefined;
  let running = false;
  // Only a run keeps the process alive: an idle worker does not hold a server open, and a
  // command waits for its run.
  const claim = (spawned: Spawned): void => {
    running = true;
    spawned.thread.ref();
  };
  const release = (spawned: Spawned): void => {
    running = false;
    spawned.thread.unref();
  };

  const spawn = (): Spawned => {
    const thread = new Worker(bootstrap(), {
      eval: true,
      workerData: { warmUp: options.warmUp ?? true } satisfies SimulationWorkerData,
      resourceLimits: {
        maxOldGenerationSizeMb: maxHeapMb - youngGenerationMb,
        maxYoungGenerationSizeMb: youngGenerationMb,
      },
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

  const execute = (spawned: Spawned, job: SimulationJob, hooks: RunHooks) =>
    new Promise<SimulationOutcome>((resolve) => {
      const current = spawned.thread;
      const finish = (outcome: SimulationOutcome, discard = false): void => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        hooks.signal?.removeEventListener('abort', onAbort);
        if (discard) {
          if (worker === spawned) worker = undefined;
          void current.terminate();
        }
        release(spawned);
        resolve(outcome);
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'progress') hooks.onProgress?.(message.progress);
        else if (message.type === 'done' && message.ok)
          finish({ ok: true, result: message.result });
        else if (message.type === 'done') {
          if (message.missingService)
            finish({ ok: false, reason: 'missing-service', message: message.error });
          else
            finish({
              ok: false,
              reason: 'failed',
              message: `the simulation failed: ${message.error}`,
            });
        }
      };
      const onError = (error: Error & { code?: string }): void =>
        finish(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? {
                ok: false,
                reason: 'memory',
                message: `the simulation needed more than this server's ${maxHeapMb} MiB of memory for simulations`,
              }
            : { ok: false, reason: 'failed', message: `the simulation failed: ${error.message}` },
          true,
        );
      const onExit = (): void =>
        finish(
          { ok: false, reason: 'failed', message: 'the simulation stopped unexpectedly' },
          true,
        );
      const onAbort = (): void =>
        finish({ ok: false, reason: 'cancelled', message: 'the simulation was cancelled' }, true);
      const timer =
        budgetMs === null
          ? undefined
          : setTimeout(() => {
              const message = `the simulation ran over this server's budget of ${seconds(budgetMs)}`;
              finish({ ok: false, reason: 'timeout', message }, true);
            }, budgetMs);
      current.on('message', onMessage);
      current.once('error', onError);
      current.once('exit', onExit);
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        current.postMessage(job);
      } catch (error) {
        // A job the structured clone refuses never reached the worker: the run ends here, and
        // the simulator is free for the next.
        const message = `the simulation could not be handed to its worker: ${(error as Error).message}`;
        finish({ ok: false, reason: 'failed', message });
      }
    });

  return {
    limits: { budgetMs, maxHeapMb },
    start() {
      try {
        return (worker ??= spawn()).ready;
      } catch {
        return Promise.resolve(false);
      }
    },
    busy: () => running,
    run(job, hooks = {}) {
      if (isArithmetic(job)) return Promise.resolve(calculate(job));
      if (running) {
        return Promise.resolve({
          ok: false,
          reason: 'busy',
          message: 'another simulation is running; try again shortly',
        });
      }
      let spawned: Spawned;
      try {
        spawned = worker ??= spawn();
      } catch (error) {
        return Promise.resolve({
          ok: false,
          reason: 'failed',
          message: `the simulation worker did not start: ${(error as Error).message}`,
        });
      }
      claim(spawned);
      return spawned.ready.then((loaded): Promise<SimulationOutcome> | SimulationOutcome => {
        if (hooks.signal?.aborted) {
          release(spawned);
          return { ok: false, reason: 'cancelled', message: 'the simulation was cancelled' };
        }
        if (loaded) return execute(spawned, job, hooks);
        if (worker === spawned) worker = undefined;
        void spawned.thread.terminate();
        release(spawned);
        return { ok: false, reason: 'failed', message: 'the simulation worker did not start' };
      });
    },
    async close() {
      await worker?.thread.terminate();
      worker = undefined;
    },
  };
}
