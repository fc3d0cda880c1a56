import { cpus, totalmem } from 'node:os';

/** Timings of repeated runs of one case, in milliseconds. */
export interface Timing {
  median: number;
  p95: number;
  min: number;
  runs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times, each with a fresh input from `setup`
 * (not timed). Medians, not means: the machines are shared and noisy.
 */
export function measure<T>(
  setup: () => T,
  fn: (input: T) => unknown,
  runs: number,
  warmup = 3,
): Timing {
  for (let i = 0; i < warmup; i++) fn(setup());
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup();
    const start = process.hrtime.bigint();
    fn(input);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    min: samples[0] ?? Number.NaN,
    runs,
  };
}

/** Heap bytes `build` leaves reachable through what it returns; needs node --expose-gc. */
export function retainedBytes(build: () => unknown): { bytes: number; value: unknown } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc to measure memory');
  gc();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  gc();
  return { bytes: process.memoryUsage().heapUsed - before, value };
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`;
}

/** Prints a Markdown table: one header row, then the rows. */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const lines = [
    `### ${title}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
  ];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const kb = (bytes: number): string => `${(bytes / 1e3).toFixed(0)} KB`;
