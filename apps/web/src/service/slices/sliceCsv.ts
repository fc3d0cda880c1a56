import type { DriftAnalysis } from '@slicescope/contract';
import { toCsv } from '../../export/csv.ts';
import { conditionCounts, portsLabel, sliceTag, type SliceGroup } from './sliceGroups.ts';

/** The slice table as CSV: one row per slice, in the order the view lists them. */

export const SLICE_CSV_HEADER = [
  'addressType',
  'ports',
  'slice',
  'managedBy',
  'tag',
  'endpoints',
  'ready',
  'servingTerminating',
  'terminating',
  'notReady',
  'fillOfMax',
  'triggerTime',
  'createdAt',
] as const;

export type SliceCsvRow = (string | number)[];

export function sliceCsvRows(
  groups: readonly SliceGroup[],
  max: number,
  drift?: Pick<DriftAnalysis, 'otherSlices'>,
): SliceCsvRow[] {
  const rows: SliceCsvRow[] = [];
  for (const group of groups) {
    const ports = portsLabel(group.ports);
    for (const slice of group.slices) {
      const counts = conditionCounts(slice.endpoints);
      rows.push([
        group.addressType,
        ports,
        slice.name,
        slice.managedBy ?? '',
        sliceTag(slice, drift) ?? '',
        slice.endpoints.length,
        counts.ready,
        counts['serving-terminating'],
        counts.terminating,
        counts['not-ready'],
        Math.round((slice.endpoints.length / Math.max(1, max)) * 1000) / 1000,
        slice.triggerTime ?? '',
        slice.createdAt ?? '',
      ]);
    }
  }
  return rows;
}

export function slicesCsv(
  groups: readonly SliceGroup[],
  max: number,
  drift?: Pick<DriftAnalysis, 'otherSlices'>,
): string {
  return toCsv(SLICE_CSV_HEADER, sliceCsvRows(groups, max, drift));
}
