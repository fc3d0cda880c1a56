import {
  machineLine,
  measure,
  ms,
  kb,
  printTable,
  retainedBytes,
} from '../../../scripts/bench/harness.ts';
import { reconcile } from '../src/index.ts';
import { benchWorld, createdSlices } from './world.ts';

/**
 * `pnpm bench` in packages/core: the reconcile of one Service with 1k, 10k and 100k ready
 * endpoints — a full sync from no slices, and a one-Pod change against the slices that sync
 * wrote — plus the heap the 100k result holds against its JSON size.
 */

const options = {
  maxEndpointsPerSlice: 100,
  preferSameTrafficDistribution: true,
  triggerTime: '2026-01-01T00:00:00Z',
};
const cases = [
  { size: 1_000, shuffled: false },
  { size: 10_000, shuffled: false },
  { size: 100_000, shuffled: false },
  { size: 100_000, shuffled: true },
];

process.stdout.write(`${machineLine()}\n\n`);
const rows: string[][] = [];
for (const { size, shuffled } of cases) {
  const {
    service,
    pods,
    nodesByName: nodes,
  } = benchWorld({ endpoints: size, nodes: 300, zones: 3, shuffled });
  const runs = size >= 100_000 ? 15 : 40;
  const full = measure(
    () => undefined,
    () => reconcile(service, pods, [], nodes, options),
    runs,
  );
  const slices = createdSlices(reconcile(service, pods, [], nodes, options).actions);
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
    `${size.toLocaleString('en-US')}${shuffled ? ' (Pods in random order)' : ''}`,
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
  'reconcile of one Service (maxEndpointsPerSlice 100, ready Pods on 300 Nodes in 3 zones, listed by name as the API server lists them unless said)',
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

const big = benchWorld({ endpoints: 100_000, nodes: 300, zones: 3 });
const { bytes, value } = retainedBytes(() =>
  reconcile(big.service, big.pods, [], big.nodesByName, options),
);
const jsonBytes = JSON.stringify(value).length;
printTable(
  'memory of the 100k-endpoint full-sync result',
  ['heap retained', 'JSON size', 'ratio (target ≤ 2×)'],
  [[kb(bytes), kb(jsonBytes), `${(bytes / jsonBytes).toFixed(2)}×`]],
);
