import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulate/simulator.ts';

describe('createSimulator', () => {
  let simulator: Simulator | undefined;
  afterEach(async () => {
    await simulator?.close();
  });

  it('start() resolves once the worker is loaded and warmed up, and a run then succeeds', async () => {
    simulator = createSimulator();
    expect(await simulator.start()).toBe(true);
    expect(simulator.busy()).toBe(false);
    const outcome = await simulator.run({
      quick: { pods: 10, nodes: 3, zones: 1, operation: 'create' },
      options: { mode: 'model' },
    });
    expect(outcome.ok).toBe(true);
  });

  it('runs untimed with an Infinity budget (a timer would fire at once), without a warm-up', async () => {
    simulator = createSimulator({ timeoutMs: Infinity, warmUp: false });
    expect(simulator.limits).toEqual({ budgetMs: null, maxHeapMb: 2048 });
    const progress: number[] = [];
    const outcome = await simulator.run(
      { quick: { pods: 2000, nodes: 200, zones: 2, operation: 'rollout' }, options: {} },
      { onProgress: (message) => progress.push(message.simulatedSeconds) },
    );
    expect(outcome.ok).toBe(true);
    // The first progress goes out at once, so that even a short run shows some.
    expect(progress.length).toBeGreaterThan(0);
    expect(createSimulator({ timeoutMs: 2 ** 31 }).limits.budgetMs).toBeNull();
    expect(createSimulator({ timeoutMs: 5_000, maxHeapMb: 300 }).limits).toEqual({
      budgetMs: 5_000,
      maxHeapMb: 300,
    });
  });

  it('is free again after a job that cannot be handed to the worker', async () => {
    simulator = createSimulator({ warmUp: false });
    // Nested past what the structured clone copies (its stack overflows).
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { x: deep };
    const job = { scenario: { name: 'deep', extra: deep }, options: {} } as never;
    const outcome = await simulator.run(job);
    expect(outcome).toMatchObject({ ok: false, reason: 'failed' });
    expect(outcome.ok ? '' : outcome.message).toMatch(/could not be handed to its worker/);
    expect(simulator.busy()).toBe(false);
    const next = await simulator.run({
      quick: { pods: 10, nodes: 3, zones: 1, operation: 'create' },
      options: { mode: 'model' },
    });
    expect(next.ok).toBe(true);
  });

  it('answers the quick form in paper mode at once, without the worker', async () => {
    // 4 MiB of heap is too little to load the code: no run of the worker could answer.
    simulator = createSimulator({ maxHeapMb: 4 });
    const outcome = await simulator.run({
      quick: { pods: 20_000, nodes: 5_000, operation: 'update-one' },
      options: { mode: 'paper' },
    });
    expect(outcome).toMatchObject({ ok: true, result: { kind: 'report' } });
    expect(simulator.busy()).toBe(false);
    // Replayed for a snapshot, the quick form runs on the engine: the worker's.
    const snapshot = await simulator.run({
      quick: { pods: 10, nodes: 3, operation: 'create' },
      options: { mode: 'paper' },
      snapshot: { atSeconds: 1 },
    });
    expect(snapshot).toMatchObject({ ok: false, reason: 'failed' });
  });

  it('start() reports a worker that cannot load, and a run then says so', async () => {
    // 4 MiB of heap is too little to load the code.
    simulator = createSimulator({ maxHeapMb: 4 });
    expect(await simulator.start()).toBe(false);
    expect(
      await simulator.run({
        quick: { pods: 10, nodes: 3, zones: 1, operation: 'create' },
        options: { mode: 'model' },
      }),
    ).toEqual({ ok: false, reason: 'failed', message: 'the simulation worker did not start' });
  });
});
