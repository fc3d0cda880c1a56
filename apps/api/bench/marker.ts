/**
 * A change's sequence number, carried to the browser inside the slice itself: the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation is one of the few the api keeps
 * (and streams as `triggerTime`), and every value is a valid RFC 3339 time, one second per number.
 */
const BASE = Date.UTC(2030, 0, 1);

export const markerOf = (seq: number): string =>
  new Date(BASE + seq * 1000).toISOString().replace('.000Z', 'Z');

/** The sequence number of a marker, or undefined for any other trigger time. */
export function seqOf(marker: string | undefined): number | undefined {
  if (marker === undefined) return undefined;
  const seq = (Date.parse(marker) - BASE) / 1000;
  return Number.isInteger(seq) && seq > 0 ? seq : undefined;
}
