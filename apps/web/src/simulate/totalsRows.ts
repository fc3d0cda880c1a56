import type { SimulationReport } from '@slicescope/core';
import { formatBytes, formatCount } from './format.ts';

export type Metric =
  'objects' | 'writes' | 'watchEvents' | 'bytes' | 'bytesProtobuf' | 'largestObjectBytes';

/** One figure of the totals, for Endpoints and for EndpointSlices, and what produced it. */
export interface TotalsRow {
  metric: Metric;
  label: string;
  unit: 'count' | 'bytes';
  endpoints: number;
  endpointSlices: number;
  /** Endpoints ÷ EndpointSlices as the report states it; undefined where it states none. */
  ratio?: number | null;
  /** The report's sentence on how the figure was produced. */
  assumption?: string;
}

export const formatValue = (row: Pick<TotalsRow, 'unit'>, value: number): string =>
  row.unit === 'bytes' ? formatBytes(value) : formatCount(value);

/** The totals side by side, in the order the table shows them. */
export function totalsRows(report: SimulationReport): TotalsRow[] {
  const { endpoints, endpointSlices, ratio } = report.totals;
  const { assumptions } = report;
  const model = report.mode === 'model';
  const rows: TotalsRow[] = [
    {
      metric: 'objects',
      label: 'Objects at the end',
      unit: 'count',
      endpoints: endpoints.objects,
      endpointSlices: endpointSlices.objects,
      assumption: assumptions.objects,
    },
    {
      metric: 'writes',
      label: 'API writes',
      unit: 'count',
      endpoints: endpoints.writes,
      endpointSlices: endpointSlices.writes,
      ratio: ratio.writes,
      assumption: assumptions.writes,
    },
    {
      metric: 'watchEvents',
      label: 'Watch events',
      unit: 'count',
      endpoints: endpoints.watchEvents,
      endpointSlices: endpointSlices.watchEvents,
      ratio: ratio.watchEvents,
      assumption: assumptions.watchEvents,
    },
    {
      metric: 'bytes',
      label: model ? 'Bytes sent (JSON)' : 'Bytes sent (paper sizes)',
      unit: 'bytes',
      endpoints: endpoints.bytes,
      endpointSlices: endpointSlices.bytes,
      ratio: ratio.bytes,
      assumption: assumptions.bytes,
    },
  ];
  if (endpoints.bytesProtobuf !== undefined && endpointSlices.bytesProtobuf !== undefined) {
    const row: TotalsRow = {
      metric: 'bytesProtobuf',
      label: 'Bytes sent (protobuf)',
      unit: 'bytes',
      endpoints: endpoints.bytesProtobuf,
      endpointSlices: endpointSlices.bytesProtobuf,
      ratio: ratio.bytesProtobuf ?? null,
    };
    if (assumptions.bytesProtobuf !== undefined) row.assumption = assumptions.bytesProtobuf;
    rows.push(row);
  }
  rows.push({
    metric: 'largestObjectBytes',
    label: model ? 'Largest object written (JSON)' : 'Largest object written',
    unit: 'bytes',
    endpoints: endpoints.largestObjectBytes,
    endpointSlices: endpointSlices.largestObjectBytes,
  });
  return rows;
}

/** One figure of two runs: A, B and B ÷ A. */
export interface ComparisonRow {
  metric: Metric;
  kind: 'endpoints' | 'endpointSlices';
  label: string;
  unit: 'count' | 'bytes';
  a: number;
  b: number;
  /** B ÷ A; null where A is 0. */
  change: number | null;
}

/** The totals of two runs, figure by figure (the figures both runs have). */
export function comparisonRows(a: SimulationReport, b: SimulationReport): ComparisonRow[] {
  const rowsB = new Map(totalsRows(b).map((row) => [row.metric, row]));
  return totalsRows(a).flatMap((rowA) => {
    const rowB = rowsB.get(rowA.metric);
    if (!rowB) return [];
    return (['endpoints', 'endpointSlices'] as const).map((kind) => ({
      metric: rowA.metric,
      kind,
      label: `${rowA.label}, ${kind === 'endpoints' ? 'Endpoints' : 'EndpointSlices'}`,
      unit: rowA.unit,
      a: rowA[kind],
      b: rowB[kind],
      change: rowA[kind] === 0 ? null : rowB[kind] / rowA[kind],
    }));
  });
}
