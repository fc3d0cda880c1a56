import { machineLine, measure, ms, printTable } from '../../../scripts/bench/harness.ts';
import { reconcile, TopologyCache, type Node, type Pod, type Service } from '../src/index.ts';

/**
 * Topology-aware hints for a 100k-endpoint Service across 3 and 30 zones: the full sync that
 * allocates them (packing included), against the same sync without hints measured in the same
 * run, and the hint pass alone on a steady state (nothing changed, hints re-validated).
 */

const ENDPOINTS = 100_000;
const NODES = 3_000;

function world(
  zones: number,
  annotated: boolean,
): { service: Service; pods: Pod[]; nodes: Node[] } {
  const service: Service = {
    metadata: {
      name: 'web',
      namespace: 'bench',
      uid: 'svc-uid',
      ...(annotated && { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } }),
    },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.0.0.1',
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
  };
  const nodes: Node[] = Array.from({ length: NODES }, (_, n) => ({
    metadata: { name: `node-${n}`, labels: { 'topology.kubernetes.io/zone': `zone-${n % zones}` } },
    status: {
      allocatable: { cpu: `${4 + (n % 3)}` },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
  const pods: Pod[] = Array.from({ length: ENDPOINTS }, (_, i) => ({
    metadata: { name: `web-${i}`, namespace: 'bench', uid: `uid-${i}`, labels: { app: 'web' } },
    spec: { nodeName: `node-${i % NODES}` },
    status: {
      phase: 'Running',
      podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
  return { service, pods, nodes };
}

process.stdout.write(`${machineLine()}\n\n`);
const rows: string[][] = [];
for (const zones of [3, 30]) {
  const plain = world(zones, false);
  const hinted = world(zones, true);
  const nodesByName = new Map(hinted.nodes.map((node) => [node.metadata.name ?? '', node]));
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
  const runs = 12;
  const without = measure(
    () => undefined,
    () => reconcile(plain.service, plain.pods, [], nodesByName, options()),
    runs,
  );
  const withHints = measure(
    freshCache,
    (cache) => reconcile(hinted.service, hinted.pods, [], nodesByName, options(cache)),
    runs,
  );
  const first = reconcile(hinted.service, hinted.pods, [], nodesByName, options(freshCache()));
  const slices = first.actions.flatMap((action, i) =>
    action.verb === 'create'
      ? [{ ...action.slice, metadata: { ...action.slice.metadata, name: `web-${i}` } }]
      : [],
  );
  const steady = measure(
    freshCache,
    (cache) => reconcile(hinted.service, hinted.pods, slices, nodesByName, options(cache)),
    runs,
  );
  const calls = reconcile(hinted.service, hinted.pods, slices, nodesByName, options(freshCache()))
    .actions.length;
  rows.push([
    `${zones}`,
    ms(without.median),
    ms(withHints.median),
    `${(withHints.median / without.median).toFixed(2)}×`,
    ms(steady.median),
    `${calls}`,
    `${runs}`,
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
