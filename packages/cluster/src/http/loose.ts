/** Readers for fields the core model does not type (container statuses, node info, …). */

export type Loose = Readonly<Record<string, unknown>>;

export function record(value: unknown): Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Loose)
    : {};
}

export function records(value: unknown): Loose[] {
  return Array.isArray(value) ? value.map(record) : [];
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** `k=v,k2=v2` in key order, `<none>` when empty (labels.FormatLabels). */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(record(labels))
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
