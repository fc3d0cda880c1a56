import type { SimulateRequest } from '@slicescope/contract';
import type { SimulationReport } from '@slicescope/core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { ApiRequestError } from '../../src/api/http.ts';
import {
  BUSY_WAIT_MS,
  DEFAULT_BUDGET_SECONDS,
  SimulationRunner,
  type RunnerDeps,
} from '../../src/simulate/runner.ts';
import { specKey, type SimulationSpec } from '../../src/simulate/simulationSpec.ts';
import { DEFAULT_LIMITS } from './fakeApi.ts';
import { kepRollout, modelRollout } from './reports.ts';

interface Call {
  request: SimulateRequest;
  signal: AbortSignal;
  progress: (simulatedSeconds: number) => void;
  resolve: (report: SimulationReport) => void;
  reject: (error: unknown) => void;
}

/** A runner whose runs the test finishes by hand. */
function harness() {
  const calls: Call[] = [];
  const waits: number[] = [];
  const deps: RunnerDeps = {
    run: (request, { signal, onProgress }) =>
      new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        calls.push({
          request,
          signal,
          resolve,
          reject,
          progress: (simulatedSeconds) =>
            onProgress({ simulatedSeconds, untilSeconds: 10, steps: 1, elapsedMs: 1 }),
        });
      }),
    wait: async (ms) => {
      waits.push(ms);
    },
  };
  const runner = new SimulationRunner(deps);
  const state = (spec: SimulationSpec) => runner.snapshot().get(specKey(spec));
  return { runner, calls, waits, state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const A: SimulationSpec = {
  input: { kind: 'quick', pods: 20000, nodes: 5000, operation: 'rollout' },
  mode: 'paper',
};
const B: SimulationSpec = { input: { kind: 'quick', pods: 60, nodes: 6, operation: 'rollout' } };

describe('the simulation runner', () => {
  it('runs A, then B, one at a time, and keeps their reports', async () => {
    const { runner, calls, state } = harness();
    // Only the clock: a run's start is when it was asked, not when its report came.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    vi.setSystemTime(1_000);
    runner.want([A, B]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request).toEqual({
      quick: { pods: 20000, nodes: 5000, operation: 'rollout' },
      options: { mode: 'paper' },
    });
    calls[0]!.progress(4);
    expect(state(A)).toMatchObject({ status: 'running', progress: { simulatedSeconds: 4 } });
    expect(state(B)).toBeUndefined();
    vi.setSystemTime(2_000);
    calls[0]!.resolve(kepRollout());
    await settle();
    vi.setSystemTime(3_000);
    expect(state(A)).toEqual({ status: 'done', report: kepRollout(), startedAt: 1_000 });
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(modelRollout());
    await settle();
    expect(state(B)).toEqual({ status: 'done', report: modelRollout(), startedAt: 2_000 });
    // Coming back to the same runs runs nothing again.
    runner.want([A, B]);
    expect(calls).toHaveLength(2);
  });

  it('stops a run no longer wanted and forgets it', async () => {
    const { runner, calls, state } = harness();
    runner.want([A]);
    runner.want([B]);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(state(A)).toBeUndefined();
    expect(calls).toHaveLength(2);
    calls[0]!.resolve(kepRollout());
    await settle();
    expect(state(A)).toBeUndefined();
  });

  it('cancels on request, and runs again on retry', async () => {
    const { runner, calls, state } = harness();
    runner.want([A]);
    runner.cancel();
    await settle();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(state(A)).toEqual({ status: 'cancelled' });
    runner.retry(specKey(A));
    expect(calls).toHaveLength(2);
    expect(state(A)).toEqual({ status: 'running' });
  });

  it('starts a paused run afresh (the page left and came back)', async () => {
    const { runner, calls, state } = harness();
    runner.want([A]);
    runner.pause();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state(A)).toBeUndefined();
    runner.want([A]);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
  });

  it('keeps a run the page wants again at once (shown again: StrictMode, back and forth)', async () => {
    const { runner, calls, state } = harness();
    runner.want([A]);
    runner.pause();
    runner.want([A]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(false);
    expect(state(A)).toEqual({ status: 'running' });
  });

  it('does not send what the api would refuse, and says which field is wrong', () => {
    const { runner, calls, state } = harness();
    const bad: SimulationSpec = {
      input: { kind: 'quick', pods: 10, nodes: 2, zones: 5, operation: 'create' },
    };
    runner.want([bad, B]);
    expect(state(bad)).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'zones', message: 'must be at most the number of nodes, 2 (got 5)' }],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request).toEqual({ quick: { pods: 60, nodes: 6, operation: 'rollout' } });
  });

  it('does not send a run over the limits the server said, and says which field is over', () => {
    const { runner, calls, state } = harness();
    const big: SimulationSpec = {
      input: { kind: 'quick', pods: 30_000, nodes: 300, operation: 'rollout' },
    };
    runner.setLimits({ ...DEFAULT_LIMITS, maxPods: 25_000 });
    runner.want([big, B]);
    expect(state(big)).toEqual({
      status: 'invalid',
      errors: [
        {
          field: 'pods',
          message:
            "30,000 is over this server's limit of 25,000 Pods per run in model mode (paper mode has no such limit)",
        },
      ],
    });
    expect(calls.map((call) => call.request)).toEqual([
      { quick: { pods: 60, nodes: 6, operation: 'rollout' } },
    ]);
  });

  it('keeps the field of an api error', async () => {
    const { runner, calls, state } = harness();
    runner.want([A]);
    calls[0]!.reject(
      new ApiRequestError(
        413,
        'too-large',
        'body.quick.pods: 30000 Pods at peak',
        'body.quick.pods',
      ),
    );
    await settle();
    expect(state(A)).toMatchObject({
      status: 'failed',
      errors: [{ field: 'pods', message: '30000 Pods at peak' }],
      refused: true,
    });
  });

  it('tells a refusal, not to be retried as it stands, from a failure worth retrying', async () => {
    const { runner, calls, state } = harness();
    runner.want([A]);
    // A streamed run's error arrives in an event, after the stream's 200.
    calls[0]!.reject(
      new ApiRequestError(200, 'too-costly', "body.quick: over this server's budget", 'body.quick'),
    );
    await settle();
    expect(state(A)).toMatchObject({ status: 'failed', refused: true });
    runner.retry(specKey(A));
    calls[1]!.reject(new ApiRequestError(401, 'unauthorized', 'sign in'));
    await settle();
    expect(state(A)).toMatchObject({ status: 'failed', refused: false });
    runner.retry(specKey(A));
    calls[2]!.reject(new ApiRequestError(500, 'internal', 'internal error'));
    await settle();
    expect(state(A)).toMatchObject({ status: 'failed', refused: false });
  });

  describe('while the server is busy with another run', () => {
    const busy = (retryAfterMs?: number) =>
      new ApiRequestError(429, 'busy', 'another simulation is running', undefined, retryAfterMs);

    /** Answers busy until the runner stops asking (or `most` times); the waits it made. */
    async function busyUntilGivenUp(
      h: ReturnType<typeof harness>,
      retryAfterMs?: number,
      most = 50,
    ) {
      for (let answered = 0; answered < most && h.state(A)?.status !== 'failed'; answered++) {
        h.calls[answered]!.reject(busy(retryAfterMs));
        await settle();
      }
      return h.waits;
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

    it('waits as the server asks (Retry-After), for as long as its budget lets another run take', async () => {
      const h = harness();
      h.runner.want([A]);
      const waits = await busyUntilGivenUp(h, 5000);
      expect(new Set(waits)).toEqual(new Set([5000]));
      expect(sum(waits)).toBeGreaterThanOrEqual(DEFAULT_BUDGET_SECONDS * 1000);
      expect(h.calls).toHaveLength(waits.length + 1);
      expect(h.state(A)).toMatchObject({
        status: 'failed',
        error: { code: 'busy' },
        refused: false,
      });
    });

    it('waits its own time when the server asks none, as long as the budget the server states', async () => {
      const h = harness();
      h.runner.setBudget(120);
      h.runner.want([A]);
      const waits = await busyUntilGivenUp(h, undefined, 200);
      expect(new Set(waits)).toEqual(new Set([BUSY_WAIT_MS]));
      expect(sum(waits)).toBeGreaterThanOrEqual(120_000);
      expect(h.state(A)?.status).toBe('failed');
    });

    it('says it waits, and keeps waiting for a server without a budget until cancelled', async () => {
      const h = harness();
      const states: unknown[] = [];
      h.runner.subscribe(() => states.push(h.state(A)));
      h.runner.setBudget(null);
      h.runner.want([A]);
      await busyUntilGivenUp(h, 5000, 100);
      expect(h.waits).toHaveLength(100);
      expect(states).toContainEqual({ status: 'waiting', attempt: 100 });
      h.runner.cancel();
      await settle();
      expect(h.state(A)).toEqual({ status: 'cancelled' });
      expect(h.calls).toHaveLength(101);
      expect(h.calls[100]!.signal.aborted).toBe(true);
    });
  });
});
