import { machineLine, measure, ms, kb, printTable } from '../../../scripts/bench/harness.ts';
import { reconcile, type EndpointSlice } from '../src/index.ts';
import { benchWorld, createdSlices } from './world.ts';
import { goJsonText, jsonBytes } from '../src/cost/jsonBytes.ts';
import { encodeProtobuf, protobufSize } from '../src/cost/protobuf.ts';
import { wireSizes } from '../src/cost/sizes.ts';

/**
 * `pnpm bench` in packages/core, second part: sizing 1,000 EndpointSlices of 100 endpoints (built
 * by the real reconcile) in Go JSON and protobuf, against a plain JSON.stringify of the same
 * slices measured in the same run. Target: sizing ≤ 1.5× JSON.stringify.
 */

const ENDPOINTS = 100_000;

const {
  service,
  pods,
  nodesByName: nodes,
} = benchWorld({ endpoints: ENDPOINTS, nodes: 300, zones: 3 });
const slices = createdSlices(
  reconcile(service, pods, [], nodes, {
    maxEndpointsPerSlice: 100,
    preferSameTrafficDistribution: true,
    triggerTime: '2026-01-01T00:00:00Z',
  }).actions,
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
