/**
 * resourceVersions are opaque to clients (api-concepts "Resource versions"), but every apiserver
 * backed by etcd — and the embedded cluster — hands out decimal revisions of one global counter.
 * The informer compares them numerically only when both are decimal strings, and only to spot
 * what would otherwise go unnoticed (a relist behind what was already seen, §1.7 / R6); any
 * other shape is treated as incomparable.
 */
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Compares two decimal resourceVersions of any length; undefined when either is not decimal. */
export function compareResourceVersions(a: string, b: string): number | undefined {
  if (!DECIMAL.test(a) || !DECIMAL.test(b)) return undefined;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two resourceVersions; `next` when they cannot be compared (stream order wins). */
export function laterResourceVersion(current: string, next: string): string {
  const order = compareResourceVersions(current, next);
  return order === undefined || order < 0 ? next : current;
}
