import { computeLayout, type Layout, type LayoutInput } from './layout.ts';

/** Above this many endpoints the layout runs in a worker (when the browser has workers). */
export const WORKER_THRESHOLD = 5000;

export interface LayoutRunner {
  run(input: LayoutInput): Promise<Layout>;
  close(): void;
}

/**
 * Runs layouts inline for small inputs (and where `Worker` does not exist, as in jsdom), in one
 * lazily started module worker otherwise. The input arrays are copied before being transferred,
 * since the caller keeps drawing from them.
 */
export function createLayoutRunner(): LayoutRunner {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<
    number,
    { resolve: (layout: Layout) => void; reject: (error: Error) => void }
  >();

  const start = (): Worker => {
    const created = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<{ id: number; layout: Layout }>) => {
      pending.get(event.data.id)?.resolve(event.data.layout);
      pending.delete(event.data.id);
    };
    created.onerror = (event) => {
      for (const { reject } of pending.values())
        reject(new Error(event.message || 'layout worker failed'));
      pending.clear();
      created.terminate();
      worker = undefined;
    };
    return created;
  };

  return {
    run(input) {
      if (input.endpointBox.length <= WORKER_THRESHOLD || typeof Worker === 'undefined') {
        return Promise.resolve(computeLayout(input));
      }
      worker ??= start();
      const id = ++next;
      const copy: LayoutInput = {
        columns: input.columns,
        aspect: input.aspect,
        boxColumn: input.boxColumn.slice(),
        endpointBox: input.endpointBox.slice(),
        conditions: input.conditions.slice(),
      };
      const target = worker;
      return new Promise<Layout>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage({ id, input: copy }, [
          copy.boxColumn.buffer,
          copy.endpointBox.buffer,
          copy.conditions.buffer,
        ]);
      }).catch(() => computeLayout(input));
    },
    close() {
      worker?.terminate();
      worker = undefined;
      pending.clear();
    },
  };
}
