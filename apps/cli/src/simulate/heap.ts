import { getHeapStatistics } from 'node:v8';

/**
 * The memory a simulation may use: its worker thread's heap, in MiB (`simulate --heap-mib`,
 * `serve --simulate-heap-mib`). Below 64 MiB the worker cannot even load the engine.
 */
export const MIN_HEAP_MIB = 64;
export const MAX_HEAP_MIB = 1_048_576;

/**
 * The heap `slicescope simulate` gives its simulation unless told: the one V8 chose for this
 * process from the machine's memory, as if the simulation ran in it.
 */
export function defaultSimulateHeapMib(): number {
  return Math.max(MIN_HEAP_MIB, Math.floor(getHeapStatistics().heap_size_limit / 1_048_576));
}
