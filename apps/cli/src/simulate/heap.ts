import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

const MIB = 1_048_576;

/** The least heap a simulation gets: room for a run beyond the engine's code (about 12 MiB). */
const MIN_HEAP_MIB = 64;

/**
 * This machine's memory in MiB, or its container's when a cgroup limits it to less (Node reads
 * an unlimited cgroup as 2⁶⁴ bytes): the most heap a simulation could be given and have.
 */
export function machineMemoryMib(): number {
  const total = totalmem();
  const constrained = process.constrainedMemory();
  return Math.floor((constrained > 0 && constrained < total ? constrained : total) / MIB);
}

/**
 * The memory a simulation may use: its worker thread's heap, in MiB (`simulate --heap-mib`,
 * `serve --simulate-heap-mib`), given in decimal digits, from {@link MIN_HEAP_MIB} to the
 * machine's memory (a heap past it would end in the system's out-of-memory killer, not in the
 * worker's clear "needed more than N MiB"). `0x40`, `1e3` or ` 64` are refused, not read as
 * numbers.
 */
export function heapMibSchema(maxMib = machineMemoryMib()) {
  return z
    .string()
    .regex(/^\d+$/, 'must be a whole number of MiB, in decimal digits')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(MIN_HEAP_MIB, `must be at least ${MIN_HEAP_MIB} (MiB)`)
        .max(maxMib, `must be at most ${maxMib} (MiB), this machine's memory`),
    );
}

/**
 * The heap `slicescope simulate` gives its simulation unless told: the one V8 chose for this
 * process from the machine's memory, as if the simulation ran in it.
 */
export function defaultSimulateHeapMib(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / MIB);
}
