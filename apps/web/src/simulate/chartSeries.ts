import type { KindCost, SeriesPoint, SimulationReport } from '@slicescope/core';
import type { LineShape } from './chartScales.ts';
import { formatBytes, formatSeconds } from './format.ts';
import { formatCount } from '../ui/count.ts';

export type LineId =
  'endpoints' | 'endpointSlices' | 'endpointsProtobuf' | 'endpointSlicesProtobuf';

export interface ChartLine {
  id: LineId;
  label: string;
  values: number[];
  /** The label of an earlier line with the same values, which this one is drawn under. */
  sameAs?: string;
}

export interface ChartData {
  id: 'objects' | 'writes' | 'bytes';
  title: string;
  /** What the chart shows, in words, for screen readers (the chart's <desc>). */
  description: string;
  unit: 'count' | 'bytes';
  /** Objects hold until the next point (`steps`); writes and bytes happen at theirs (`stems`). */
  shape: LineShape;
  /** The column of time in the data table. */
  times: number[];
  lines: ChartLine[];
}

const KINDS = [
  { kind: 'endpoints', label: 'Endpoints' },
  { kind: 'endpointSlices', label: 'EndpointSlices' },
] as const;

function linesOf(
  series: readonly SeriesPoint[],
  value: (cost: KindCost) => number | undefined,
  suffix: '' | 'Protobuf',
  labelSuffix: string,
): ChartLine[] {
  return KINDS.map(({ kind, label }) => ({
    id: `${kind}${suffix}` as LineId,
    label: `${label}${labelSuffix}`,
    values: series.map((point) => value(point[kind]) ?? 0),
  }));
}

/**
 * Lines drawn one over another where they are equal point for point (a Service of one slice
 * has one Endpoints object and one EndpointSlice): each names the earlier one it coincides
 * with, so that the legend says why it cannot be seen.
 */
function markCoinciding(lines: ChartLine[]): ChartLine[] {
  return lines.map((line, index) => {
    const same = lines
      .slice(0, index)
      .find((other) => other.values.every((value, point) => value === line.values[point]));
    return same ? { ...line, sameAs: same.label } : line;
  });
}

/** Where a line peaks, in words: "Endpoints peaks at 20,000 at 1 s". */
function peakOf(line: ChartLine, times: readonly number[], unit: ChartData['unit']): string {
  let best = -1;
  for (let index = 0; index < line.values.length; index++) {
    if (best < 0 || line.values[index]! > line.values[best]!) best = index;
  }
  const value = line.values[best] ?? 0;
  if (best < 0 || value === 0) return `${line.label} stays at 0`;
  const shown = unit === 'bytes' ? formatBytes(value) : formatCount(value);
  return `${line.label} peaks at ${shown} at ${formatSeconds(times[best] ?? 0)}`;
}

function describe(
  what: string,
  times: readonly number[],
  lines: readonly ChartLine[],
  unit: ChartData['unit'],
): string {
  const span = times.length > 0 ? formatSeconds(times[times.length - 1]!) : '0 s';
  return (
    `${what} at each of ${times.length} points over ${span} of simulated time, on a log scale ` +
    `(points at 0 sit on the bottom axis). ${lines.map((line) => peakOf(line, times, unit)).join('; ')}.`
  );
}

/**
 * The charts of a report's time series, Endpoints vs EndpointSlices: the objects of each kind,
 * the writes per step (per point once steps are merged) and the bytes likewise (JSON or paper
 * sizes, and protobuf in model mode).
 */
export function chartsOf(report: SimulationReport): ChartData[] {
  const { series } = report;
  const times = series.map((point) => point.t);
  // Objects are levels drawn over each other; writes and bytes are stems side by side.
  const objects = markCoinciding(linesOf(series, (cost) => cost.objects, '', ''));
  const writes = linesOf(series, (cost) => cost.writes, '', '');
  const model = report.mode === 'model';
  const bytes = [
    ...linesOf(series, (cost) => cost.bytes, '', model ? ' (JSON)' : ''),
    ...(model ? linesOf(series, (cost) => cost.bytesProtobuf, 'Protobuf', ' (protobuf)') : []),
  ];
  const bytesWhat = model ? 'Bytes sent to the watchers' : 'Bytes sent (paper sizes)';
  // A thinned series sums neighbouring steps into one point: its figures are per point then.
  const merged = series.reduce((most, point) => Math.max(most, point.steps), 1);
  const per = merged > 1 ? `per point (each sums up to ${formatCount(merged)} steps)` : 'per step';
  return [
    {
      id: 'objects',
      title: 'Objects: Endpoints vs EndpointSlices',
      description: describe('Objects of each kind', times, objects, 'count'),
      unit: 'count',
      shape: 'steps',
      times,
      lines: objects,
    },
    {
      id: 'writes',
      title: `API writes ${per}`,
      description: describe('API writes', times, writes, 'count'),
      unit: 'count',
      shape: 'stems',
      times,
      lines: writes,
    },
    {
      id: 'bytes',
      title: model ? `Bytes sent ${per}` : `Bytes sent ${per} (paper sizes)`,
      description: describe(bytesWhat, times, bytes, 'bytes'),
      unit: 'bytes',
      shape: 'stems',
      times,
      lines: bytes,
    },
  ];
}
