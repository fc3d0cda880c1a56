export { startServer, type RunningServer, type ServeOptions } from './server.ts';
export { createApp } from './http/app.ts';
export { DEFAULT_APP_CONFIG, type AppConfig, type AppDeps } from './http/deps.ts';
export { authProxyHeaderProblem, parseCidr, type AuthProxyConfig } from './http/authProxy.ts';
export { startDemoSource } from './sources/demoSource.ts';
export { kubeconfigSource } from './sources/kubeconfigSource.ts';
export { inClusterSource, runningInCluster } from './sources/inClusterSource.ts';
export { startFileSource } from './sources/fileSource.ts';
export { SourceError, type ClusterSource } from './sources/source.ts';
export {
  createSimulator,
  type SimulationOutcome,
  type Simulator,
  type SimulatorOptions,
} from './simulate/simulator.ts';
export type { JobResult, SimulationJob } from './simulate/job.ts';
