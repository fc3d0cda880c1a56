import { machineLine, measure, ms, kb, printTable } from '../../../scripts/bench/harness.ts';
import { reconcile, type EndpointSlice, type Node, type Pod, type Service } from '../src/index.ts';
import { goJsonText, jsonBytes } from '../src/cost/jsonBytes.ts';
import { encodeProtobuf, protobufSize } from '../src/cost/protobuf.ts';
import { wireSizes } from '../src/cost/sizes.ts';

/**
 * `pnpm bench` in packages/core, second part: sizing 1,000 EndpointSlices of 100 endpoints (built
 * by the real reconcile) in Go JSON and protobuf, against a plain JSON.stringify of the same
 * slices measured in the same run. Target: sizing ≤ 1.5× JSON.stringify.
 */

const ZONES = 3;
const NODES = 300;
const ENDPOINTS = 100_000;

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
    metadata: {
      name: `web-${i}`,
      namespace: 'bench',
      uid: `0b5e${String(i).padStart(4, '0')}-1d2c-4e5f-8a9b-0c1d2e3f4a5b`,
      labels: { app: 'web' },
    },
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

const { service, pods, nodes } = world(ENDPOINTS);
const slices: EndpointSlice[] = reconcile(service, pods, [], nodes, {
  maxEndpointsPerSlice: 100,
  preferSameTrafficDistribution: true,
  triggerTime: '2026-01-01T00:00:00Z',
}).actions.flatMap((action, i) =>
  action.verb === 'create'
    ? [{ ...action.slice, metadata: { ...action.slice.metadata, name: `web-${i}` } }]
    : [],
);

let sink = 0;
const RUNS = 30;
const each =
  (size: (slice: EndpointSlice) => number): (() => void) =>
  () => {
    let total = 0;
    for (const slice of slices) total += size(slice);
    sink += total;
  };

const cases: [string, () => void][] = [
  ['JSON.stringify (baseline)', each((slice) => JSON.stringify(slice).length)],
  ['wireSizes: JSON + protobuf, one walk', each((slice) => wireSizes(slice).json)],
  ['jsonBytes', each((slice) => jsonBytes(slice))],
  ['protobufSize', each((slice) => protobufSize(slice))],
  ['goJsonText (builds the text)', each((slice) => goJsonText(slice).length)],
  ['encodeProtobuf (builds the bytes)', each((slice) => encodeProtobuf(slice).length)],
];

// Interleave the cases round by round so drift in machine load hits them alike.
const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let round = 0; round < RUNS; round++) {
  for (const [name, run] of cases) {
    const timing = measure(() => undefined, run, 1, round === 0 ? 3 : 0);
    samples.get(name)?.push(timing.median);
  }
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN;
};
const p95 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN;
};

const baseline = median(samples.get(cases[0]![0]) ?? []);
const totals = slices.reduce(
  (sum, slice) => {
    const sizes = wireSizes(slice);
    return {
      stringify: sum.stringify + JSON.stringify(slice).length,
      json: sum.json + sizes.json,
      protobuf: sum.protobuf + sizes.protobuf,
    };
  },
  { stringify: 0, json: 0, protobuf: 0 },
);

process.stdout.write(`${machineLine()}\n\n`);
printTable(
  `sizing ${slices.length.toLocaleString('en-US')} EndpointSlices of 100 endpoints (reconcile output; ${RUNS} interleaved runs)`,
  ['case', 'median', 'p95', 'ratio to JSON.stringify (target ≤ 1.5× for sizing)'],
  cases.map(([name]) => {
    const values = samples.get(name) ?? [];
    return [
      name,
      ms(median(values)),
      ms(p95(values)),
      `${(median(values) / baseline).toFixed(2)}×`,
    ];
  }),
);
printTable(
  'bytes of the same slices',
  [
    'JSON.stringify length',
    'Go JSON (jsonBytes)',
    'protobuf (k8s\\0 + Unknown)',
    'protobuf / JSON',
  ],
  [
    [
      kb(totals.stringify),
      kb(totals.json),
      kb(totals.protobuf),
      `${(totals.protobuf / totals.json).toFixed(2)}`,
    ],
  ],
);
if (sink < 0) process.stdout.write('unreachable\n');
