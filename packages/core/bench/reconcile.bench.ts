import {
  machineLine,
  measure,
  ms,
  kb,
  printTable,
  retainedBytes,
} from '../../../scripts/bench/harness.ts';
import {
  reconcile,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
  type SliceAction,
} from '../src/index.ts';

/**
 * `pnpm bench` in packages/core: the reconcile of one Service with 1k, 10k and 100k ready
 * endpoints — a full sync from no slices, and a one-Pod change against the slices that sync
 * wrote — plus the heap the 100k result holds against its JSON size.
 */

const ZONES = 3;
const NODES = 300;

function world(endpoints: number): { service: Service; pods: Pod[]; nodes: Map<string, Node> } {
  const service: Service = {
    metadata: { name: 'web', namespace: 'bench', uid: 'svc-uid', labels: { app: 'web' } },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.0.0.1',
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
  };
  const pods: Pod[] = Array.from({ length: endpoints }, (_, i) => ({
    metadata: { name: `web-${i}`, namespace: 'bench', uid: `uid-${i}`, labels: { app: 'web' } },
    spec: { nodeName: `node-${i % NODES}`, containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
  const nodes = new Map<string, Node>();
  for (let n = 0; n < NODES; n++) {
    nodes.set(`node-${n}`, {
      metadata: {
        name: `node-${n}`,
        labels: { 'topology.kubernetes.io/zone': `zone-${n % ZONES}` },
      },
    });
  }
  return { service, pods, nodes };
}

const options = {
  maxEndpointsPerSlice: 100,
  preferSameTrafficDistribution: true,
  triggerTime: '2026-01-01T00:00:00Z',
};

function written(actions: readonly SliceAction[]): EndpointSlice[] {
  return actions.flatMap((action, i) =>
    action.verb === 'create'
      ? [{ ...action.slice, metadata: { ...action.slice.metadata, name: `web-${i}` } }]
      : [],
  );
}

process.stdout.write(`${machineLine()}\n\n`);
const rows: string[][] = [];
for (const size of [1_000, 10_000, 100_000]) {
  const { service, pods, nodes } = world(size);
  const runs = size >= 100_000 ? 15 : 40;
  const full = measure(
    () => undefined,
    () => reconcile(service, pods, [], nodes, options),
    runs,
  );
  const slices = written(reconcile(service, pods, [], nodes, options).actions);
  const changedPods = pods.map((pod, i) =>
    i === Math.floor(size / 2)
      ? { ...pod, status: { ...pod.status, conditions: [{ type: 'Ready', status: 'False' }] } }
      : pod,
  );
  const onePod = measure(
    () => undefined,
    () => reconcile(service, changedPods, slices, nodes, options),
    runs,
  );
  const calls = reconcile(service, changedPods, slices, nodes, options).actions.length;
  rows.push([
    size.toLocaleString('en-US'),
    `${slices.length}`,
    ms(full.median),
    ms(full.p95),
    ms(onePod.median),
    ms(onePod.p95),
    `${calls}`,
    `${runs}`,
  ]);
}
printTable(
  'reconcile of one Service (maxEndpointsPerSlice 100, ready Pods on 300 Nodes in 3 zones)',
  [
    'endpoints',
    'slices',
    'full sync median',
    'full sync p95',
    'one-Pod change median',
    'one-Pod change p95',
    'calls after change',
    'runs',
  ],
  rows,
);

const big = world(100_000);
const { bytes, value } = retainedBytes(() =>
  reconcile(big.service, big.pods, [], big.nodes, options),
);
const jsonBytes = JSON.stringify(value).length;
printTable(
  'memory of the 100k-endpoint full-sync result',
  ['heap retained', 'JSON size', 'ratio (target ≤ 2×)'],
  [[kb(bytes), kb(jsonBytes), `${(bytes / jsonBytes).toFixed(2)}×`]],
);
