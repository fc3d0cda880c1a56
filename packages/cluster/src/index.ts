export {
  createClusterStore,
  type ClusterStore,
  type ClusterStoreOptions,
  type StoreListener,
  type SyntheticChange,
} from './store/clusterStore.ts';
export type { RestartMode, StoredEvent, StoredEventType, StoredObject } from './store/types.ts';
export { startClusterServer, type ClusterServer, type ClusterServerOptions } from './server.ts';
export type { ApiConfig } from './http/context.ts';
export type { Status, StatusCause } from './http/status.ts';
export type { ClusterFaults } from './faults/clusterFaults.ts';
export type {
  FaultStatusCode,
  FaultVerb,
  RequestFaultHandle,
  RequestFaultRule,
} from './faults/requestFaults.ts';
export { kubeconfigYaml, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.ts';
export { startLiveCluster, type LiveCluster, type LiveClusterOptions } from './live/liveCluster.ts';
