import type { KubeObject, ObjectKind } from '@slicescope/core';
import { createClusterStore } from '@slicescope/cluster';
import { retainedBytes } from '../../../scripts/bench/harness.ts';
import { createClusterModel } from '../src/model/clusterModel.ts';
import { serveCommands } from './rpc.ts';
import { buildWorld } from './world.ts';

/**
 * The model alone, in a fresh process with --expose-gc: the world's objects as list JSON (what the
 * informers parse), fed through `createClusterModel().sink(kind).replace(items)`, and the heap the
 * model keeps measured with the harness's `retainedBytes`. Baseline, same run: the heap the same
 * lists keep when merely parsed (what a cache of unprojected objects, such as client-node's
 * informer cache, would hold).
 */

export interface ModelMemory {
  endpoints: number;
  objects: Record<ObjectKind, number>;
  /** Retained bytes of each run, in run order. */
  model: number[];
  parsed: number[];
  /** Per kind, one run: [kind, objects, parsed bytes, model bytes]. */
  perKind: [ObjectKind, number, number, number][];
}

const KINDS: ObjectKind[] = ['Pod', 'EndpointSlice', 'Node', 'Service', 'Endpoints'];

function listTexts(endpoints: number): {
  texts: Map<ObjectKind, string>;
  objects: Record<ObjectKind, number>;
} {
  const world = buildWorld(endpoints);
  const store = createClusterStore({ historySize: 1 });
  store.apply(world.changes);
  const texts = new Map<ObjectKind, string>();
  const objects = {} as Record<ObjectKind, number>;
  for (const kind of KINDS) {
    const { items } = store.snapshot(kind);
    objects[kind] = items.length;
    texts.set(kind, JSON.stringify(items));
  }
  return { texts, objects };
}

const parse = (text: string | undefined): KubeObject[] => JSON.parse(text ?? '[]') as KubeObject[];

function buildModel(texts: Map<ObjectKind, string>, kinds: readonly ObjectKind[]): unknown {
  const model = createClusterModel();
  for (const kind of kinds) model.sink({ kind, path: '' }).replace(parse(texts.get(kind)), '1');
  return model;
}

/** Full GCs before a measurement, so garbage of the previous one is not counted against it. */
function retained(build: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return retainedBytes(build).bytes;
}

serveCommands({
  measure(args: { endpoints: number; runs: number; perKind: boolean }): ModelMemory {
    const { texts, objects } = listTexts(args.endpoints);
    const model: number[] = [];
    const parsed: number[] = [];
    // Interleaved, so drift in the process's heap hits both alike.
    for (let run = 0; run < args.runs; run++) {
      parsed.push(retained(() => KINDS.map((kind) => parse(texts.get(kind)))));
      model.push(retained(() => buildModel(texts, KINDS)));
    }
    const perKind: ModelMemory['perKind'] = [];
    if (args.perKind) {
      for (const kind of KINDS) {
        const raw = retained(() => parse(texts.get(kind)));
        const projected = retained(() => buildModel(texts, [kind]));
        perKind.push([kind, objects[kind], raw, projected]);
      }
    }
    return { endpoints: args.endpoints, objects, model, parsed, perKind };
  },
});
