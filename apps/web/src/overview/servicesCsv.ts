import type { ServiceSummary } from '@slicescope/contract';
import { toCsv } from '../export/csv.ts';
import { fillOf } from './serviceTable.ts';

export const SERVICES_CSV_HEADER = [
  'namespace',
  'name',
  'type',
  'endpoints',
  'ready',
  'serving',
  'terminating',
  'slices',
  'ideal_slices',
  'fill',
  'zones',
  'churn',
  'flags',
] as const;

/** One CSV line per row of the table, in the table's order; fill as a ratio with 3 decimals. */
export function servicesCsv(rows: readonly ServiceSummary[]): string {
  return toCsv(
    SERVICES_CSV_HEADER,
    rows.map((service) => [
      service.namespace,
      service.name,
      service.type,
      service.endpoints,
      service.ready,
      service.serving,
      service.terminating,
      service.slices,
      service.idealSlices,
      Number(fillOf(service).toFixed(3)),
      service.zones,
      service.churn,
      service.flags.join(' '),
    ]),
  );
}
