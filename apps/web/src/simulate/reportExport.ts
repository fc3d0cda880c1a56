import type { KindCost, SimulationReport, SliceState } from '@slicescope/core';
import { toCsv } from '../export/csv.ts';
import { download, fileName } from '../export/download.ts';

/** The file name of a run's export: `simulation-A-quick-rollout-paper.json`. */
export function reportFileName(report: SimulationReport, run: string, extension: string): string {
  return fileName(['simulation', run, report.scenario, report.mode], extension);
}

/** The report as the api answered it, pretty-printed. */
export function reportJson(report: SimulationReport): Blob {
  return new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
}

const KIND_FIELDS = ['objects', 'writes', 'creates', 'updates', 'deletes', 'watchEvents', 'bytes'];

function kindValues(cost: KindCost, protobuf: boolean): number[] {
  const { writesByVerb: verbs } = cost;
  const values = [
    cost.objects,
    cost.writes,
    verbs.create,
    verbs.update,
    verbs.delete,
    cost.watchEvents,
    cost.bytes,
  ];
  return protobuf ? [...values, cost.bytesProtobuf ?? 0] : values;
}

function stateValues(state: SliceState, zones: readonly string[]): number[] {
  const byZone = new Map(state.zones.map((zone) => [zone.zone, zone]));
  const { byCondition } = state;
  return [
    state.slices,
    state.endpoints,
    state.fill,
    byCondition.ready,
    byCondition.servingTerminating,
    byCondition.terminating,
    byCondition.notReady,
    state.servicesWithHints,
    ...zones.flatMap((zone) => [byZone.get(zone)?.endpoints ?? 0, byZone.get(zone)?.hinted ?? 0]),
  ];
}

/**
 * The time series as rows, in the columns of `slicescope simulate --csv` (docs/simulate.md): t,
 * steps, watchers, `endpointSlices.*` and `endpoints.*`, the slices' state and each zone's
 * endpoints; one row per point and a last row `total`.
 */
export function reportRows(report: SimulationReport): {
  header: string[];
  rows: (string | number)[][];
} {
  const protobuf = report.mode === 'model';
  const zones = [
    ...new Set(report.series.flatMap((point) => point.state.zones.map(({ zone }) => zone))),
  ];
  const kind = (name: string) => [
    ...KIND_FIELDS.map((field) => `${name}.${field}`),
    ...(protobuf ? [`${name}.bytesProtobuf`] : []),
  ];
  const header = [
    ...['t', 'steps', 'watchers'],
    ...kind('endpointSlices'),
    ...kind('endpoints'),
    ...['slices', 'sliceEndpoints', 'fill', 'ready', 'servingTerminating', 'terminating'],
    ...['notReady', 'servicesWithHints'],
    ...zones.flatMap((zone) => [`${zone}.endpoints`, `${zone}.hinted`]),
  ];
  const rows: (string | number)[][] = report.series.map((point) => [
    point.t,
    point.steps,
    point.watchers,
    ...kindValues(point.endpointSlices, protobuf),
    ...kindValues(point.endpoints, protobuf),
    ...stateValues(point.state, zones),
  ]);
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
  return { header, rows };
}

/** The time series as CSV (RFC 4180; names a spreadsheet would run as formulas are quoted). */
export function reportCsv(report: SimulationReport): Blob {
  const { header, rows } = reportRows(report);
  return new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' });
}

export function downloadReport(
  report: SimulationReport,
  run: string,
  format: 'json' | 'csv',
): void {
  const blob = format === 'json' ? reportJson(report) : reportCsv(report);
  download(blob, reportFileName(report, run, format));
}
