import { plural, type SimulationReport, type Totals } from '@slicescope/core';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Bytes in decimal units, as the published figures use them (1 KB = 10³ B), up to yottabytes:
 * extra watchers and paper sizes at their bounds reach zettabytes.
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value >= 100) return `${integer.format(value)}×`;
  return `${value.toPrecision(3)}×`;
}

type Row = [string, string, string, string];

function rows(totals: Totals, model: boolean): Row[] {
  const { endpointSlices: s, endpoints: e, ratio } = totals;
  const verbs = (c: Totals['endpoints']): string =>
    [c.writesByVerb.create, c.writesByVerb.update, c.writesByVerb.delete]
      .map((count) => integer.format(count))
      .join('/');
  const table: Row[] = [
    ['', 'EndpointSlices', 'Endpoints', 'Endpoints ÷ slices'],
    ['objects at the end', integer.format(s.objects), integer.format(e.objects), ''],
    ['writes', integer.format(s.writes), integer.format(e.writes), formatRatio(ratio.writes)],
    ['  create/update/delete', verbs(s), verbs(e), ''],
    [
      'watch events',
      integer.format(s.watchEvents),
      integer.format(e.watchEvents),
      formatRatio(ratio.watchEvents),
    ],
    [
      model ? 'bytes (JSON)' : 'bytes (paper sizes)',
      formatBytes(s.bytes),
      formatBytes(e.bytes),
      formatRatio(ratio.bytes),
    ],
  ];
  if (model) {
    table.push([
      'bytes (protobuf)',
      formatBytes(s.bytesProtobuf ?? 0),
      formatBytes(e.bytesProtobuf ?? 0),
      formatRatio(ratio.bytesProtobuf),
    ]);
  }
  table.push([
    'largest object',
    formatBytes(s.largestObjectBytes),
    formatBytes(e.largestObjectBytes),
    '',
  ]);
  return table;
}

/** The report as a table for people: the totals side by side, warnings and assumptions. */
export function reportSummary(report: SimulationReport): string {
  const model = report.mode === 'model';
  const quick = report.quick;
  const what = quick
    ? `${quick.operation} of a Service of ${integer.format(quick.pods)} Pods on ${integer.format(quick.nodes)} Nodes in ${quick.zones} zones`
    : `scenario ${report.scenario}`;
  const last = report.series.at(-1);
  const lines = [
    `${what}, ${report.mode} mode, maxEndpointsPerSlice ${report.options.maxEndpointsPerSlice}`,
    `${report.simulatedSeconds} s simulated in ${plural(report.steps, 'step')}; ${integer.format(last?.watchers ?? 0)} watchers per object`,
    '',
  ];
  const table = rows(report.totals, model);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) {
    const cells = row.map((cell, i) =>
      i === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[i]!),
    );
    lines.push(cells.join('   ').trimEnd());
  }
  if (last) {
    const { state } = last;
    lines.push(
      '',
      `slices at the end: ${integer.format(state.slices)} holding ${integer.format(state.endpoints)} endpoints (${Math.round(state.fill * 100)}% full), ${integer.format(state.byCondition.ready)} ready`,
    );
  }
  if (report.warnings.length > 0) {
    lines.push('', 'warnings:', ...report.warnings.map((warning) => `  - ${warning}`));
  }
  lines.push(
    '',
    'assumptions:',
    ...Object.entries(report.assumptions).map(([figure, text]) => `  ${figure}: ${text}`),
  );
  return `${lines.join('\n')}\n`;
}
