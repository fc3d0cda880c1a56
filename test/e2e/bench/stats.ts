/** Small statistics for the benchmark's samples. */

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const ms = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : 'n/a';

export const mb = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : 'n/a';

export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

/** 'met' or 'missed' for a value that must stay at or under its target; 'n/a' when unmeasured. */
export const verdict = (value: number, target: number): string =>
  Number.isFinite(value) ? (value <= target ? 'met' : 'missed') : 'n/a';
