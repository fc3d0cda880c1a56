import { z } from 'zod';
import { nodeSummarySchema, serviceSummarySchema, sliceViewSchema } from '../wire/views.ts';

/**
 * What POST /api/v1/simulate/snapshot answers: the simulated cluster after one point of a run,
 * in the dashboard's own views, so that the Simulate page draws it with the Topology view.
 */

const count = z.number().int().nonnegative();

export const snapshotServiceSchema = z.strictObject({
  namespace: z.string(),
  name: z.string(),
  endpoints: count,
  slices: count,
});

export const simulationSnapshotSchema = z.strictObject({
  /** The simulated second the run was stopped after. */
  t: z.number().nonnegative(),
  /** Services to choose from, the most endpoints first (at most MAX_SNAPSHOT_SERVICES). */
  services: z.array(snapshotServiceSchema),
  serviceCount: count,
  /** The Service drawn; null when the simulated cluster had none. */
  service: serviceSummarySchema.nullable(),
  slices: z.array(sliceViewSchema),
  nodes: z.array(nodeSummarySchema),
});

export type SnapshotServiceView = z.infer<typeof snapshotServiceSchema>;
export type SimulationSnapshotView = z.infer<typeof simulationSnapshotSchema>;
