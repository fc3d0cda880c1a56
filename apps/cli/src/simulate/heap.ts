import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

/**
 * The memory a simulation may use: its worker thread's heap, in MiB (`simulate --heap-mib`,
 * `serve --simulate-heap-mib`). The floor leaves a run room beyond the engine's code (the worker
 * loads in about 12 MiB).
 */
export const heapMibSchema = z.coerce
  .number({ error: 'must be a whole number of MiB' })
  .int('must be a whole number of MiB')
  .min(64, 'must be at least 64 (MiB)')
  .max(1_048_576, 'must be at most 1048576 (MiB)');

/**
 * The heap `slicescope simulate` gives its simulation unless told: the one V8 chose for this
 * process from the machine's memory, as if the simulation ran in it.
 */
export function defaultSimulateHeapMib(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 1_048_576);
}
