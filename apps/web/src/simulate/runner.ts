import type {
  SimulateRequest,
  SimulationLimits,
  SimulationProgressMessage,
} from '@slicescope/contract';
import type { SimulationReport } from '@slicescope/core';
import { ApiRequestError } from '../api/http.ts';
import { fieldErrorOf, type FieldError } from './fields.ts';
import { requestOf } from './request.ts';
import { overServerLimits } from './serverLimits.ts';
import { specKey, type SimulationSpec } from './simulationSpec.ts';

export type RunState =
  /** The simulation cannot be asked for: what is wrong, by field. */
  | { status: 'invalid'; errors: FieldError[] }
  | { status: 'waiting'; attempt: number }
  | { status: 'running'; progress?: SimulationProgressMessage }
  /** `startedAt`: when the page started the run (epoch ms), which tells its exports apart. */
  | { status: 'done'; report: SimulationReport; startedAt: number }
  /**
   * `refused`: the api refused the request as it stands (bad input, over a limit, too costly),
   * so running it again would fail the same way.
   */
  | { status: 'failed'; error: Error; errors: FieldError[]; refused: boolean }
  | { status: 'cancelled' };

export interface RunnerDeps {
  run(
    request: SimulateRequest,
    options: { signal: AbortSignal; onProgress: (progress: SimulationProgressMessage) => void },
  ): Promise<SimulationReport>;
  /** Resolves after `ms`, or rejects when the signal aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
}

/** How long a busy server (another simulation is running) is given when it asks for no wait. */
export const BUSY_WAIT_MS = 2000;
/** The server's time budget per run until it says its own (GET /api/v1/simulate/limits). */
export const DEFAULT_BUDGET_SECONDS = 30;
/**
 * How much longer than its budget a busy server is waited for: the run before may have started
 * just before ours was refused, and its report takes a moment to send.
 */
const BUSY_SLACK_MS = 5000;

const isBusy = (error: unknown): error is ApiRequestError =>
  error instanceof ApiRequestError && error.code === 'busy';

/** The shortest and longest wait for a busy server, whatever its Retry-After says. */
const BUSY_WAIT_RANGE_MS = [1000, 30_000] as const;

/**
 * How long to wait before asking a busy server again: what it asks (Retry-After), or our own,
 * kept within BUSY_WAIT_RANGE_MS (a 0 would ask again at once, forever; an hour, show nothing).
 */
export function busyWaitMs(error: unknown): number {
  const asked = (isBusy(error) ? error.retryAfterMs : undefined) ?? BUSY_WAIT_MS;
  const [shortest, longest] = BUSY_WAIT_RANGE_MS;
  return Math.min(Math.max(asked, shortest), longest);
}

/**
 * Whether to ask again after `failures` busy answers: while the run before ours may still be in
 * the server's time budget (a server without one is asked until the user cancels).
 */
export function asksAgain(failures: number, error: unknown, budgetSeconds: number | null): boolean {
  if (!isBusy(error)) return false;
  const patience = budgetSeconds === null ? Infinity : budgetSeconds * 1000 + BUSY_SLACK_MS;
  return failures * busyWaitMs(error) < patience;
}

type Reason = 'cancel' | 'superseded' | 'paused';

/**
 * The api's error code for a run it started and stopped: over its time budget or its worker's
 * memory (422). Bad input is 400 and a run over the Pod limit 413, refused before it starts.
 */
export const TOO_COSTLY = 'too-costly';

/**
 * The api's error codes for a request refused as it stands (bad input, over a limit, too costly
 * to run): sending it again is refused again. By code, not status: a streamed run's error comes
 * in an event after the 200 that started the stream.
 */
const REFUSALS = new Set([
  'invalid-request',
  'invalid-json',
  'invalid-scenario',
  'unsupported-media-type',
  'too-large',
  TOO_COSTLY,
]);

/**
 * Runs the simulations the page wants (run A, then the compared run B), one at a time as the api
 * allows, and keeps their states by simulation key: a run already done is not run again when the
 * URL comes back to it. Runs no longer wanted are stopped; `pause` stops the current one so that
 * a later `want` starts it afresh (the page left, or React remounted it).
 */
export class SimulationRunner {
  private states = new Map<string, RunState>();
  private wanted: { key: string; spec: SimulationSpec }[] = [];
  private current: { key: string; controller: AbortController } | undefined;
  /** A pause about to stop the run (see pause). */
  private pausing: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  /** The server's time budget per run, seconds; null when its runs are not timed. */
  private budgetSeconds: number | null = DEFAULT_BUDGET_SECONDS;
  /** The server's limits, once it has said them. */
  private limits: SimulationLimits | undefined;

  constructor(private readonly deps: RunnerDeps) {}

  /** The server's time budget per run, as it says it: how long a busy server is waited for. */
  setBudget(seconds: number | null): void {
    this.budgetSeconds = seconds;
  }

  /**
   * The server's limits, as it says them: a run over them is not sent (the api would refuse it),
   * and says why by its field, as the form does.
   */
  setLimits(limits: SimulationLimits | undefined): void {
    this.limits = limits;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The states by key; a new map after every change. */
  readonly snapshot = (): ReadonlyMap<string, RunState> => this.states;

  /** The simulations to show, in order; others are forgotten (and stopped if running). */
  want(specs: readonly (SimulationSpec | undefined)[]): void {
    clearTimeout(this.pausing);
    this.pausing = undefined;
    const wanted = specs.flatMap((spec) => (spec ? [{ key: specKey(spec), spec }] : []));
    this.wanted = wanted;
    const keys = new Set(wanted.map((entry) => entry.key));
    if (this.current && !keys.has(this.current.key)) this.stop('superseded');
    const kept = new Map([...this.states].filter(([key]) => keys.has(key)));
    if (kept.size !== this.states.size) this.update(kept);
    this.pump();
  }

  /** Runs a simulation again (after an error or a cancel). */
  retry(key: string): void {
    if (this.current?.key === key) return;
    const next = new Map(this.states);
    next.delete(key);
    this.update(next);
    this.pump();
  }

  /** Stops the run in progress, as the user asked. */
  cancel(): void {
    this.stop('cancel');
  }

  /**
   * Stops the run in progress, to be started again by the next `want`: after the current task,
   * so that a page shown again at once (React's StrictMode, a quick back and forth) keeps its
   * run instead of sending it anew to a server still busy with it (429).
   */
  pause(): void {
    clearTimeout(this.pausing);
    this.pausing = setTimeout(() => {
      this.pausing = undefined;
      this.stop('paused');
    }, 0);
  }

  private stop(reason: Reason): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    current.controller.abort(reason);
    const next = new Map(this.states);
    if (reason === 'cancel') next.set(current.key, { status: 'cancelled' });
    else next.delete(current.key);
    this.update(next);
    if (reason !== 'paused') this.pump();
  }

  private set(key: string, state: RunState): void {
    if (!this.wanted.some((entry) => entry.key === key)) return;
    this.update(new Map(this.states).set(key, state));
  }

  private update(states: Map<string, RunState>): void {
    this.states = states;
    for (const listener of this.listeners) listener();
  }

  /** Starts the first wanted simulation without a state, if none is running. */
  private pump(): void {
    if (this.current) return;
    const next = this.wanted.find((entry) => !this.states.has(entry.key));
    if (!next) return;
    const checked = requestOf(next.spec);
    const errors = checked.ok ? overServerLimits(checked.request, this.limits) : checked.errors;
    if (!checked.ok || errors.length > 0) {
      this.set(next.key, { status: 'invalid', errors });
      this.pump();
      return;
    }
    const controller = new AbortController();
    this.current = { key: next.key, controller };
    this.set(next.key, { status: 'running' });
    void this.execute(next.key, checked.request, controller, Date.now());
  }

  private async execute(
    key: string,
    request: SimulateRequest,
    controller: AbortController,
    startedAt: number,
  ): Promise<void> {
    const { signal } = controller;
    let state: RunState;
    for (let attempt = 0; ; attempt++) {
      try {
        const report = await this.deps.run(request, {
          signal,
          onProgress: (progress) => {
            if (!signal.aborted) this.set(key, { status: 'running', progress });
          },
        });
        state = { status: 'done', report, startedAt };
        break;
      } catch (error) {
        if (signal.aborted) return;
        if (asksAgain(attempt, error, this.budgetSeconds)) {
          this.set(key, { status: 'waiting', attempt: attempt + 1 });
          try {
            await this.deps.wait(busyWaitMs(error), signal);
          } catch {
            return;
          }
          this.set(key, { status: 'running' });
          continue;
        }
        const failure = error instanceof Error ? error : new Error(String(error));
        // A run stopped for its cost names the input it ran, but nothing in it is wrong.
        const errors =
          failure instanceof ApiRequestError &&
          failure.field !== undefined &&
          failure.code !== TOO_COSTLY
            ? [fieldErrorOf(failure.field, failure.message)]
            : [];
        const refused = failure instanceof ApiRequestError && REFUSALS.has(failure.code);
        state = { status: 'failed', error: failure, errors, refused };
        break;
      }
    }
    if (signal.aborted) return;
    this.current = undefined;
    this.set(key, state);
    this.pump();
  }
}

/** Resolves after `ms`, or rejects as soon as the signal aborts. */
export function abortableWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
