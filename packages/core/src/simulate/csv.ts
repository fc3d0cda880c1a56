import type { KindCost, SimulationReport, SliceState } from './types.ts';

const KIND_FIELDS = [
  'objects',
  'writes',
  'creates',
  'updates',
  'deletes',
  'watchEvents',
  'bytes',
] as const;

function kindValues(cost: KindCost, protobuf: boolean): number[] {
  const values = [
    cost.objects,
    cost.writes,
    cost.writesByVerb.create,
    cost.writesByVerb.update,
    cost.writesByVerb.delete,
    cost.watchEvents,
    cost.bytes,
  ];
  return protobuf ? [...values, cost.bytesProtobuf ?? 0] : values;
}

function stateValues(state: SliceState, zones: readonly string[]): number[] {
  const byZone = new Map(state.zones.map((zone) => [zone.zone, zone]));
  return [
    state.slices,
    state.endpoints,
    state.fill,
    state.byCondition.ready,
    state.byCondition.servingTerminating,
    state.byCondition.terminating,
    state.byCondition.notReady,
    state.servicesWithHints,
    ...zones.flatMap((zone) => [byZone.get(zone)?.endpoints ?? 0, byZone.get(zone)?.hinted ?? 0]),
  ];
}

/**
 * A CSV field: quoted when it holds a comma, quote or line break. Whole numbers are written in
 * full: JavaScript writes 10²¹ and above as `1e+21`, which is no count (paper bytes with extra
 * watchers reach zettabytes).
 */
function field(value: string | number): string {
  const text =
    typeof value === 'number' && Math.abs(value) >= 1e21
      ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 })
      : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The report's time series as CSV: a header, one row per point, and a last row `total` with the
 * totals (flows summed, objects and state at the end). Columns: t, steps, watchers, then
 * `endpointSlices.*` and `endpoints.*` (objects, writes by verb, watch events, bytes, and
 * bytesProtobuf in model mode), then the slices' state and each zone's endpoints and hinted ones.
 */
export function reportToCsv(report: SimulationReport): string {
  const protobuf = report.mode === 'model';
  const zones: string[] = [];
  for (const point of report.series) {
    for (const { zone } of point.state.zones) if (!zones.includes(zone)) zones.push(zone);
  }
  const kindHeader = (kind: string): string[] => [
    ...KIND_FIELDS.map((name) => `${kind}.${name}`),
    ...(protobuf ? [`${kind}.bytesProtobuf`] : []),
  ];
  const header = [
    't',
    'steps',
    'watchers',
    ...kindHeader('endpointSlices'),
    ...kindHeader('endpoints'),
    'slices',
    'sliceEndpoints',
    'fill',
    'ready',
    'servingTerminating',
    'terminating',
    'notReady',
    'servicesWithHints',
    ...zones.flatMap((zone) => [`${zone}.endpoints`, `${zone}.hinted`]),
  ];
  const rows: (string | number)[][] = [header];
  for (const point of report.series) {
    rows.push([
      point.t,
      point.steps,
      point.watchers,
      ...kindValues(point.endpointSlices, protobuf),
      ...kindValues(point.endpoints, protobuf),
      ...stateValues(point.state, zones),
    ]);
  }
  const last = report.series.at(-1);
  if (last) {
    rows.push([
      'total',
      report.steps,
      last.watchers,
      ...kindValues(report.totals.endpointSlices, protobuf),
      ...kindValues(report.totals.endpoints, protobuf),
      ...stateValues(last.state, zones),
    ]);
  }
  return rows.map((row) => row.map(field).join(',')).join('\n') + '\n';
}
