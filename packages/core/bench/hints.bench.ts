import { machineLine, measure, ms, printTable } from '../../../scripts/bench/harness.ts';
import { reconcile, TopologyCache } from '../src/index.ts';
import { benchWorld, createdSlices } from './world.ts';

/**
 * Topology-aware hints for a 100k-endpoint Service across 3 and 30 zones: the full sync that
 * allocates them (packing included), against the same sync without hints measured in the same
 * run, and a steady-state sync (nothing changed, existing hints re-validated).
 */

const ENDPOINTS = 100_000;
const NODES = 3_000;
const RUNS = 12;
const AUTO = { 'service.kubernetes.io/topology-mode': 'Auto' };

process.stdout.write(`${machineLine()}\n\n`);
const rows: string[][] = [];
for (const zones of [3, 30]) {
  const plain = benchWorld({ endpoints: ENDPOINTS, nodes: NODES, zones });
  const hinted = benchWorld({ endpoints: ENDPOINTS, nodes: NODES, zones, annotations: AUTO });
  const { nodesByName } = hinted;
  const options = (cache?: TopologyCache) => ({
    maxEndpointsPerSlice: 100,
    preferSameTrafficDistribution: true,
    topologyCache: cache,
  });
  const freshCache = () => {
    const cache = new TopologyCache();
    cache.setNodes(hinted.nodes);
    return cache;
  };
  const sync = (world: typeof hinted, cache?: TopologyCache, slices: typeof first = []) =>
    reconcile(world.service, world.pods, slices, nodesByName, options(cache));
  const first = createdSlices(sync(hinted, freshCache()).actions);
  const without = measure(
    () => undefined,
    () => sync(plain),
    RUNS,
  );
  const withHints = measure(freshCache, (cache) => sync(hinted, cache), RUNS);
  const steady = measure(freshCache, (cache) => sync(hinted, cache, first), RUNS);
  const calls = sync(hinted, freshCache(), first).actions.length;
  rows.push([
    `${zones}`,
    ms(without.median),
    ms(withHints.median),
    `${(withHints.median / without.median).toFixed(2)}×`,
    ms(steady.median),
    `${calls}`,
    `${RUNS}`,
  ]);
}
printTable(
  `topology-aware hints, ${ENDPOINTS.toLocaleString('en-US')} ready endpoints on ${NODES.toLocaleString('en-US')} Nodes (medians)`,
  [
    'zones',
    'full sync, no hints',
    'full sync, Auto hints',
    'ratio',
    'steady-state sync with hints',
    'calls in steady state',
    'runs',
  ],
  rows,
);
