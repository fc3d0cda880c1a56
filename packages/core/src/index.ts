export type * from './model/kubernetes.ts';
export * from './model/constants.ts';
export { parseIp, ipFamilyOf, type IpFamily, type ParsedIp } from './net/ip.ts';
export {
  syncService,
  selectorMatches,
  serviceWantsSlices,
  isListedSliceOf,
} from './controller/syncService.ts';
export {
  reconcile,
  getAddressTypesForService,
  type ReconcileOptions,
  type Reconciliation,
} from './controller/reconcile.ts';
export type { SliceAction } from './controller/finalize.ts';
export { emptySyncMetrics, type SyncMetrics } from './controller/metrics.ts';
export type { ControllerEvent, SliceInfo, TopologyHinter } from './topology/sliceInfo.ts';
export {
  TopologyCache,
  zoneCapacity,
  isNodeReady,
  type ZoneCapacity,
} from './topology/topologyCache.ts';
export { parseQuantityMilli } from './model/quantity.ts';
export { plural } from './util/words.ts';
export {
  explainHints,
  type ExplainOptions,
  type HintsExplanation,
  type HintsRule,
  type ZoneExplanation,
} from './topology/explainHints.ts';
export { applySliceActions, sequentialNames } from './controller/applyActions.ts';
export { proxyView, type ProxyView, type ProxyPortView } from './topology/proxyView.ts';
export {
  DEFAULT_PROXY_BEHAVIOUR,
  proxyBehaviourForVersion,
  proxyRules,
  type ProxyBehaviour,
  type ProxyVersion,
  type ProxyRules,
} from './topology/proxyBehaviour.ts';
export {
  proxyEndpointsMap,
  slicesSeenByProxy,
  type ProxyEndpoint,
  type ProxyPortEndpoints,
  type ProxyEndpointsMap,
} from './topology/proxySliceCache.ts';
export {
  categorizeEndpoints,
  type ProxyTopologyMode,
  type CategorizedEndpoints,
} from './topology/categorizeEndpoints.ts';
export type * from './model/endpoints.ts';
export * from './legacy/constants.ts';
export {
  syncServiceEndpoints,
  desiredEndpointsSubsets,
  type EndpointsAction,
  type EndpointsControllerOptions,
} from './legacy/endpointsController.ts';
export {
  podToEndpointAddressForService,
  endpointPortFromServicePort,
} from './legacy/podContribution.ts';
export { repackSubsets, sortSubsets } from './legacy/repackSubsets.ts';
export { truncateEndpoints, capacityAnnotationSetCorrectly } from './legacy/truncate.ts';
export {
  emptyMirroringMetrics,
  shouldMirror,
  syncMirroredEndpoints,
  reconcileMirroredSlices,
  type Mirroring,
  type MirroringMetrics,
  type MirroringOptions,
} from './legacy/mirroring.ts';
export { isMirroredSliceOf } from './legacy/mirroringSlices.ts';
export { wireSizes, PROTOBUF_MAGIC, type WireSizes } from './cost/sizes.ts';
export type { WireKind, WireObject } from './cost/kubeSchema.ts';
export {
  goJsonText,
  jsonBytes,
  jsonWatchEventText,
  jsonWatchEventBytes,
  jsonWatchEventBytesFor,
  type WatchEventType,
} from './cost/jsonBytes.ts';
export {
  encodeProtobuf,
  protobufSize,
  encodeProtobufWatchEvent,
  protobufWatchEventSize,
  protobufWatchEventBytesFor,
  PROTOBUF_FRAME_HEADER_BYTES,
} from './cost/protobuf.ts';
export * from './cost/paper.ts';
export * from './cost/fanout.ts';
export {
  KIND_RESOURCES,
  type KindObjects,
  type KubeObject,
  type ObjectChange,
  type ObjectKind,
} from './engine/changes.ts';
export { ClusterEngine, type EngineOptions } from './engine/engine.ts';
export type { ReconcileMode } from './controller/incrementalReconcile.ts';
export type { ReconcileStats } from './engine/incrementalSliceSync.ts';
export type {
  Scenario,
  ClusterSpec,
  ControllerSettings,
  ScenarioAction,
  ScenarioEvent,
  ScenarioEventType,
  ServiceChanges,
  ServiceSpec as ScenarioService,
  WorkloadPort,
  WorkloadSpec,
  ZoneSpec,
} from './engine/scenario.ts';
export { objectKey } from './engine/objectStore.ts';
export { formatRfc3339Nano, formatTime } from './engine/goTime.ts';
export { createRandom, type Random } from './engine/random.ts';
export { referenceWorkloadScenario } from './engine/referenceWorkload.ts';
export { defaultNodeName } from './engine/nodes.ts';
export { TriggerTimeTracker } from './controller/triggerTimeTracker.ts';
export { applyServiceChanges } from './engine/scenario.ts';
export { simulate, SIMULATION_START_TIME, type SimulationHooks } from './simulate/run.ts';
export { simulateQuick, quickScenario, QUICK_OPERATION_AT } from './simulate/quick.ts';
export {
  simulationSnapshot,
  SnapshotServiceError,
  MAX_SNAPSHOT_SERVICES,
  type SimulationSnapshot,
  type SnapshotService,
  type SnapshotTarget,
} from './simulate/snapshot.ts';
export {
  serviceScenario,
  oneByOneRollout,
  zoneName,
  SHORTCUT_NAMESPACE,
  SHORTCUT_WORKLOAD,
  type ServiceShortcut,
  type ShortcutEvent,
} from './simulate/shortcuts.ts';
export {
  resolveOptions as resolveSimulationOptions,
  defaultUntilSeconds,
  MAX_SIMULATED_SECONDS,
  SETTLE_SECONDS,
} from './simulate/options.ts';
export * from './simulate/limits.ts';
export { MAX_SERIES_POINTS } from './simulate/series.ts';
export { reportToCsv } from './simulate/csv.ts';
export type * from './simulate/types.ts';
