/**
 * The what-if simulator alone (`@slicescope/api/simulator`): runs in worker threads, without
 * the server, Express or the Kubernetes client, for `slicescope simulate`.
 */
export {
  createSimulator,
  type SimulationOutcome,
  type Simulator,
  type SimulatorOptions,
} from './simulate/simulator.ts';
export type { JobResult, SimulationJob } from './simulate/job.ts';
