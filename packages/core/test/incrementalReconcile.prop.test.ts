import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { reconcile, TopologyCache, type ReconcileOptions } from '../src/index.ts';
import { IncrementalReconciler } from '../src/controller/incrementalReconcile.ts';
import { IncrementalTriggerTimes } from '../src/controller/incrementalTriggerTime.ts';
import { TriggerTimeTracker } from '../src/controller/triggerTimeTracker.ts';
import { formatRfc3339Nano } from '../src/engine/goTime.ts';
import { SliceStore } from './properties/incrementalWorld.ts';
import { scenarioArbitrary, World, type Scenario } from './properties/syncWorld.ts';

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
          changed.pods,
          new Map(world.selectedPods()),
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
