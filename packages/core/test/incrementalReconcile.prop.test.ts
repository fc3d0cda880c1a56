import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  reconcile,
  TopologyCache,
  type Node,
  type Pod,
  type ReconcileOptions,
  type Service,
} from '../src/index.ts';
import { IncrementalReconciler } from '../src/controller/incrementalReconcile.ts';
import { IncrementalTriggerTimes } from '../src/controller/incrementalTriggerTime.ts';
import { TriggerTimeTracker } from '../src/controller/triggerTimeTracker.ts';
import { formatRfc3339Nano } from '../src/engine/goTime.ts';
import {
  eventArbitrary,
  podSpecArbitrary,
  serviceWithHintsArbitrary,
  tweakService,
} from './properties/incrementalArbitraries.ts';
import {
  changedPodSpec,
  NODE_NAMES,
  nodeObject,
  podObject,
  SliceStore,
  type PodSpec,
  type WorldEvent,
} from './properties/incrementalWorld.ts';

/** Pods, Nodes and the Service as they are now; `apply` says which Pods and Nodes an event changed. */
class World {
  readonly specs = new Map<number, PodSpec>();
  readonly pods = new Map<string, Pod>();
  readonly nodes = new Map<string, Node>();

  constructor(
    public service: Service,
    initial: readonly (readonly [number, PodSpec])[],
  ) {
    NODE_NAMES.forEach((name, i) => this.nodes.set(name, nodeObject(name, `zone-${(i % 3) + 1}`)));
    for (const [i, spec] of initial) this.setPod(i, spec);
  }

  selected(key: string): Pod | undefined {
    const pod = this.pods.get(key);
    return pod?.metadata.labels?.app === 'web' ? pod : undefined;
  }

  selectedPods(): [string, Pod][] {
    return [...this.pods].filter(([key]) => this.selected(key));
  }

  /** Applies an event; returns the Pods and Nodes it changed. */
  apply(
    event: WorldEvent,
    store: SliceStore,
  ): { pods: string[]; nodes: string[]; slicesAdded?: boolean } {
    if (event.type === 'zone') {
      if (event.zone === null) this.nodes.delete(event.node);
      else this.nodes.set(event.node, nodeObject(event.node, event.zone));
      return { pods: [], nodes: [event.node] };
    }
    if (event.type === 'service' || event.type === 'tweak') {
      this.service =
        event.type === 'service' ? event.service : tweakService(this.service, event.change);
      return { pods: [], nodes: [] };
    }
    if (event.type === 'resync') return { pods: [...this.pods.keys()], nodes: [] };
    if (event.type === 'tamper') {
      const names = [...store.slices.keys()];
      const name = names[event.slice % Math.max(1, names.length)];
      const slice = name === undefined ? undefined : store.slices.get(name);
      if (!name || !slice) return { pods: [], nodes: [] };
      // Deleted or edited behind the controller's back; copied (every endpoint twice); or a
      // leftover of an earlier Service of the same name, which the controller does not own.
      if (event.how === 'delete') store.slices.delete(name);
      else if (event.how === 'edit')
        store.slices.set(name, { ...slice, endpoints: (slice.endpoints ?? []).slice(1) });
      else {
        const metadata = { ...slice.metadata, name: `${name}-${event.how}` };
        if (event.how === 'stray') metadata.ownerReferences = [];
        store.slices.set(metadata.name, { ...slice, metadata });
        return { pods: [], nodes: [], slicesAdded: true };
      }
      return { pods: [], nodes: [] };
    }
    if (event.type === 'add') return { pods: [this.setPod(event.index, event.spec)], nodes: [] };
    const spec = this.specs.get(event.index);
    if (!spec) return { pods: [], nodes: [] };
    if (event.type === 'remove') {
      this.specs.delete(event.index);
      const key = `ns/${podObject(event.index, spec).metadata.name}`;
      this.pods.delete(key);
      return { pods: [key], nodes: [] };
    }
    const changed = changedPodSpec(spec, event);
    return { pods: [this.setPod(event.index, changed)], nodes: [] };
  }

  private setPod(i: number, spec: PodSpec): string {
    this.specs.set(i, spec);
    const pod = podObject(i, spec);
    const key = `ns/${pod.metadata.name}`;
    this.pods.set(key, pod);
    return key;
  }
}

const scenarioArbitrary = (serviceChanges: boolean) =>
  fc.record({
    service: serviceWithHintsArbitrary,
    initial: fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), podSpecArbitrary), {
      maxLength: 16,
    }),
    events: fc.array(eventArbitrary(serviceChanges), { minLength: 1, maxLength: 25 }),
    maxEndpointsPerSlice: fc.constantFrom(1, 2, 3, 5, 10),
    preferSameTrafficDistribution: fc.boolean(),
  });

type Scenario = ReturnType<typeof scenarioArbitrary> extends fc.Arbitrary<infer S> ? S : never;

/** Runs the scenario, comparing the incremental reconcile with the full one at every sync. */
function compareEverySync(scenario: Scenario): { paths: Record<string, number> } {
  const world = new World(scenario.service, scenario.initial);
  const store = new SliceStore();
  const caches = { full: new TopologyCache(), incremental: new TopologyCache() };
  const setNodes = () => {
    caches.full.setNodes([...world.nodes.values()]);
    caches.incremental.setNodes([...world.nodes.values()]);
  };
  setNodes();
  const fullTimes = new TriggerTimeTracker();
  const incrementalTimes = new IncrementalTriggerTimes();
  const reconciler = new IncrementalReconciler();
  const paths: Record<string, number> = {};
  const base = {
    maxEndpointsPerSlice: scenario.maxEndpointsPerSlice,
    preferSameTrafficDistribution: scenario.preferSameTrafficDistribution,
  };
  let changed: ReturnType<World['apply']> = {
    pods: world.selectedPods().map(([key]) => key),
    nodes: [],
  };
  for (const event of [{ type: 'resync' } as const, ...scenario.events]) {
    if (event.type !== 'resync') changed = world.apply(event, store);
    if (changed.nodes.length > 0) setNodes();
    const { service } = world;
    const pods = world.selectedPods();
    const fullTime = fullTimes.compute(
      'ns/web',
      service,
      pods.map(([, pod]) => pod),
    );
    const incrementalTime = incrementalTimes.needsAllPods('ns/web', service)
      ? incrementalTimes.computeAll(
          'ns/web',
          service,
          pods.map(([, pod]) => pod),
        )
      : incrementalTimes.computeChanged(
          'ns/web',
          service,
          changed.pods.map((key) => [key.slice(3), world.selected(key)] as const),
        );
    expect(incrementalTime).toBe(fullTime);
    const triggerTime = fullTime === undefined ? undefined : formatRfc3339Nano(fullTime);
    const options = (cache: TopologyCache): ReconcileOptions => ({
      ...base,
      triggerTime,
      topologyCache: cache,
    });
    const full = reconcile(
      service,
      pods.map(([, pod]) => pod),
      store.list(),
      world.nodes,
      options(caches.full),
    );
    const {
      path,
      reason: _reason,
      ...incremental
    } = reconciler.reconcile({
      service,
      nodes: world.nodes,
      options: options(caches.incremental),
      allPods: () => world.selectedPods(),
      changedPods: changed.pods,
      pod: (key) => world.selected(key),
      changedNodes: changed.nodes,
      listSlices: () => store.list(),
      storedSlice: (name) => store.slices.get(name),
      slicesAddedElsewhere: changed.slicesAdded === true,
    });
    paths[path] = (paths[path] ?? 0) + 1;
    expect(JSON.stringify(incremental.actions)).toBe(JSON.stringify(full.actions));
    expect(incremental).toEqual(full);
    reconciler.commit(store.apply(full.actions));
  }
  return { paths };
}

describe('incremental reconcile', () => {
  test('makes the same calls, events, errors and metrics as the full reconcile at every sync', () => {
    const totals: Record<string, number> = {};
    fc.assert(
      fc.property(scenarioArbitrary(false), (scenario) => {
        for (const [path, count] of Object.entries(compareEverySync(scenario).paths)) {
          totals[path] = (totals[path] ?? 0) + count;
        }
      }),
      { numRuns: 150 },
    );
    // Most syncs must really be incremental, or the property says little.
    expect(totals.incremental ?? 0).toBeGreaterThan((totals.rebuilt ?? 0) + (totals.full ?? 0));
  });

  test('stays equal across Service edits (ports, families, labels, hints, deletion)', () => {
    const totals: Record<string, number> = {};
    fc.assert(
      fc.property(scenarioArbitrary(true), (scenario) => {
        for (const [path, count] of Object.entries(compareEverySync(scenario).paths)) {
          totals[path] = (totals[path] ?? 0) + count;
        }
      }),
      { numRuns: 100 },
    );
    // The fallbacks are exercised too: a deleting Service, unowned or duplicated slices, slices
    // of an address type the Service no longer wants.
    expect(totals.full ?? 0).toBeGreaterThan(0);
  });
});
