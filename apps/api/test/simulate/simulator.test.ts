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
