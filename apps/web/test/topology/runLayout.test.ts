import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeLayout, type Layout, type LayoutInput } from '../../src/service/topology/layout.ts';
import { createLayoutRunner, WORKER_THRESHOLD } from '../../src/service/topology/runLayout.ts';
import { indexOfKey, stepEndpoint } from '../../src/service/topology/focus.ts';
import { buildModel, layoutInputOf } from '../../src/service/topology/model.ts';
import { clusterSlices } from './fixtures.ts';

function inputOf(endpoints: number): LayoutInput {
  const { slices, nodes } = clusterSlices({ endpoints, nodes: 40, zones: 3 });
  const model = buildModel(slices, nodes);
  return layoutInputOf(model, 1.5);
}

/** A stand-in for the module worker: computes on postMessage, records what was transferred. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  transferred: Transferable[][] = [];
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(message: { id: number; input: LayoutInput }, transfer: Transferable[]) {
    this.transferred.push(transfer);
    const layout = computeLayout(message.input);
    queueMicrotask(() => this.onmessage?.({ data: { id: message.id, layout } } as MessageEvent));
  }
  terminate() {
    this.terminated = true;
  }
}

afterEach(() => {
  FakeWorker.made = [];
});

describe('layout runner', () => {
  it('lays out inline when there is no Worker (jsdom), even when large', async () => {
    const runner = createLayoutRunner();
    const input = inputOf(WORKER_THRESHOLD + 1);
    expect(await runner.run(input)).toEqual(computeLayout(input));
  });

  it('uses one module worker above the threshold and keeps the caller arrays', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const runner = createLayoutRunner();
    const input = inputOf(WORKER_THRESHOLD + 1);
    const [first, second] = await Promise.all([runner.run(input), runner.run(input)]);
    expect(FakeWorker.made).toHaveLength(1);
    const worker = FakeWorker.made[0]!;
    expect(worker.options).toEqual({ type: 'module' });
    expect(worker.url.pathname).toMatch(/layout\.worker\.ts$/);
    expect(worker.transferred[0]).toHaveLength(3);
    expect(input.endpointBox.length).toBe(WORKER_THRESHOLD + 1);
    expect(first).toEqual(computeLayout(input));
    expect(second).toEqual(first);
    runner.close();
    expect(worker.terminated).toBe(true);
  });

  it('stays inline at or below the threshold', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const layout: Layout = await createLayoutRunner().run(inputOf(100));
    expect(layout.order).toHaveLength(100);
    expect(FakeWorker.made).toHaveLength(0);
  });
});

describe('keyboard focus order', () => {
  const { slices, nodes } = clusterSlices({ endpoints: 30, nodes: 4, zones: 2, perSlice: 10 });
  const model = buildModel(slices, nodes);
  const layout = computeLayout(layoutInputOf(model, 1.5));

  it('walks all endpoints in drawing order and wraps', () => {
    const visited: number[] = [];
    let at = -1;
    for (let i = 0; i < 30; i++) visited.push((at = stepEndpoint(layout, at, 1)));
    expect(visited).toEqual(Array.from(layout.order));
    expect(stepEndpoint(layout, at, 1)).toBe(layout.order[0]);
    expect(stepEndpoint(layout, layout.order[0]!, -1)).toBe(at);
  });

  it('stays within the accepted endpoints', () => {
    const inSecond = (i: number) => model.sliceOf[i] === 1;
    let at = stepEndpoint(layout, -1, 1, inSecond);
    for (let i = 0; i < 15; i++) {
      expect(inSecond(at)).toBe(true);
      at = stepEndpoint(layout, at, 1, inSecond);
    }
    expect(stepEndpoint(layout, -1, 1, () => false)).toBe(-1);
  });

  it('finds an endpoint by key', () => {
    expect(indexOfKey(model, 'web-1/10.0.0.12')).toBe(12);
    expect(indexOfKey(model, 'web-1/10.9.9.9')).toBe(-1);
    expect(indexOfKey(model, undefined)).toBe(-1);
  });
});
