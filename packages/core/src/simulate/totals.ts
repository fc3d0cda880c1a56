import { ETCD_MAX_REQUEST_BYTES } from '../cost/paper.ts';
import { addKindCost, emptyKindCost } from './series.ts';
import type { CostRatio, KindCost, SeriesPoint, Totals } from './types.ts';

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Endpoints ÷ EndpointSlices for each flow. */
export function costRatio(slices: KindCost, endpoints: KindCost): CostRatio {
  return {
    writes: ratio(endpoints.writes, slices.writes),
    watchEvents: ratio(endpoints.watchEvents, slices.watchEvents),
    bytes: ratio(endpoints.bytes, slices.bytes),
    ...(slices.bytesProtobuf !== undefined && {
      bytesProtobuf: ratio(endpoints.bytesProtobuf ?? 0, slices.bytesProtobuf),
    }),
  };
}

/** The totals of a series: flows summed over its points, objects at its end. */
export function totalsOf(
  series: readonly SeriesPoint[],
  withProtobuf: boolean,
  largest: { endpointSlices: number; endpoints: number },
): Totals {
  const slices = emptyKindCost(withProtobuf);
  const endpoints = emptyKindCost(withProtobuf);
  for (const point of series) {
    addKindCost(slices, point.endpointSlices);
    addKindCost(endpoints, point.endpoints);
  }
  return {
    endpointSlices: { ...slices, largestObjectBytes: largest.endpointSlices },
    endpoints: { ...endpoints, largestObjectBytes: largest.endpoints },
    ratio: costRatio(slices, endpoints),
  };
}

/**
 * Warnings about objects over etcd's request limit (1.5 MiB): the API server would refuse to
 * store them (kubernetes/kubernetes #73324). `etcdBytes` are the sizes as stored (protobuf in
 * model mode, the paper size in paper mode).
 */
export function sizeWarnings(etcdBytes: { endpointSlices: number; endpoints: number }): string[] {
  const warnings: string[] = [];
  for (const [kind, bytes] of [
    ['Endpoints', etcdBytes.endpoints],
    ['EndpointSlice', etcdBytes.endpointSlices],
  ] as const) {
    if (bytes > ETCD_MAX_REQUEST_BYTES) {
      warnings.push(
        `the largest ${kind} object written is ${bytes.toLocaleString('en-US')} bytes, over etcd's default request limit of ${ETCD_MAX_REQUEST_BYTES.toLocaleString('en-US')} bytes (1.5 MiB): a real API server refuses that write`,
      );
    }
  }
  return warnings;
}
