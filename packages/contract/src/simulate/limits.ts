import { z } from 'zod';

/**
 * What GET /api/v1/simulate/limits answers: the bounds this server puts on a simulation, set
 * by its operator, so that the Simulate page states them before a run is refused.
 */
export const simulationLimitsSchema = z.strictObject({
  /** Largest request body, bytes. */
  maxBodyBytes: z.number().int().positive(),
  /** Most Pods a run on the engine may have at any moment (model mode, snapshots). */
  maxPods: z.number().int().positive(),
  /** Wall-clock budget of one run, seconds; null when runs are not timed. */
  budgetSeconds: z.number().positive().nullable(),
  /** Heap of the worker that runs simulations, MiB. */
  heapMib: z.number().int().positive(),
});

export type SimulationLimits = z.infer<typeof simulationLimitsSchema>;
