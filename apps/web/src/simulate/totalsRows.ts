import type { SimulationReport } from '@slicescope/core';
import { formatBytes } from './format.ts';
import { formatCount } from '../ui/count.ts';

export type Metric =
  'objects' | 'writes' | 'watchEvents' | 'bytes' | 'bytesProtobuf' | 'largestObjectBytes';

/** One figure of the totals, for Endpoints and for EndpointSlices, and what produced it. */
export interface TotalsRow {
  metric: Metric;
  /** What the figure is, without how it was sized: "Bytes sent" (see labelOf). */
  name: string;
  /** How its bytes were sized (JSON, protobuf, paper sizes); none for counts. */
  measure?: string;
  unit: 'count' | 'bytes';
  endpoints: number;
  endpointSlices: number;
  /** Endpoints ÷ EndpointSlices as the report states it; undefined where it states none. */
  ratio?: number | null;
  /** The report's sentence on how the figure was produced. */
  assumption?: string;
}

/** A figure's name and how its bytes were sized: "Bytes sent (JSON)", "API writes". */
export const labelOf = (row: Pick<TotalsRow, 'name' | 'measure'>): string =>
  row.measure === undefined ? row.name : `${row.name} (${row.measure})`;

export const formatValue = (row: Pick<TotalsRow, 'unit'>, value: number): string =>
  row.unit === 'bytes' ? formatBytes(value) : formatCount(value);

/** The totals side by side, in the order the table shows them. */
export function totalsRows(report: SimulationReport): TotalsRow[] {
  const { endpoints, endpointSlices, ratio } = report.totals;
  const { assumptions } = report;
  const sized = report.mode === 'model' ? 'JSON' : 'paper sizes';
  const rows: TotalsRow[] = [
    {
      metric: 'objects',
      name: 'Objects at the end',
      unit: 'count',
      endpoints: endpoints.objects,
      endpointSlices: endpointSlices.objects,
      assumption: assumptions.objects,
    },
    {
      metric: 'writes',
      name: 'API writes',
      unit: 'count',
      endpoints: endpoints.writes,
      endpointSlices: endpointSlices.writes,
      ratio: ratio.writes,
      assumption: assumptions.writes,
    },
    {
      metric: 'watchEvents',
      name: 'Watch events',
      unit: 'count',
      endpoints: endpoints.watchEvents,
      endpointSlices: endpointSlices.watchEvents,
      ratio: ratio.watchEvents,
      assumption: assumptions.watchEvents,
    },
    {
      metric: 'bytes',
      name: 'Bytes sent',
      measure: sized,
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
      name: 'Bytes sent',
      measure: 'protobuf',
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
    name: 'Largest object written',
    measure: sized,
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
  /** How A's and B's bytes were sized, where the runs' modes size them differently. */
  measures?: { a: string; b: string };
}

/**
 * The totals of two runs, figure by figure (the figures both runs have). Where one run is in
 * model mode and the other in paper mode, their bytes are sized differently: the label says how
 * each was, and `measures` that B ÷ A divides one sizing by the other.
 */
export function comparisonRows(a: SimulationReport, b: SimulationReport): ComparisonRow[] {
  const rowsB = new Map(totalsRows(b).map((row) => [row.metric, row]));
  return totalsRows(a).flatMap((rowA) => {
    const rowB = rowsB.get(rowA.metric);
    if (!rowB) return [];
    const measures =
      rowA.measure !== undefined && rowB.measure !== undefined && rowA.measure !== rowB.measure
        ? { a: rowA.measure, b: rowB.measure }
        : undefined;
    return (['endpoints', 'endpointSlices'] as const).map((kind) => {
      const of = kind === 'endpoints' ? 'Endpoints' : 'EndpointSlices';
      const row: ComparisonRow = {
        metric: rowA.metric,
        kind,
        label: measures
          ? `${rowA.name}, ${of} (A: ${measures.a}; B: ${measures.b})`
          : `${labelOf(rowA)}, ${of}`,
        unit: rowA.unit,
        a: rowA[kind],
        b: rowB[kind],
        change: rowA[kind] === 0 ? null : rowB[kind] / rowA[kind],
      };
      if (measures) row.measures = measures;
      return row;
    });
  });
}
