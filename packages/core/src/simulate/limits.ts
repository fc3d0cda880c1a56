/**
 * Limits of a simulation's input besides the scenario format's own (contract's scenario
 * limits): they keep a run inside the published scalability thresholds (scale-facts.md §2), so
 * no request can exhaust the engine's memory. docs/simulate.md lists them.
 */

/** Pods of the quick form's Service (Kubernetes' threshold of Pods per cluster). */
export const MAX_SIMULATION_PODS = 150_000;
/** Nodes of the quick form (threshold). */
export const MAX_SIMULATION_NODES = 5_000;
/** Zones of the quick form. */
export const MAX_SIMULATION_ZONES = 100;
/** Pods per Node in model mode: a Node's /24 Pod range has 254 addresses. */
export const MAX_MODEL_PODS_PER_NODE = 200;
/**
 * Pods per Node a rollout replaces at its own pace: a replaced Pod keeps its place through its
 * grace period, so above this many (half the 254) the new Pods wait Pending for room (the report
 * warns) and the rollout is slower than its maxSurge and maxUnavailable say, though all placed.
 */
export const MAX_ROLLOUT_PODS_PER_NODE = 127;
/** Watchers besides the kube-proxies. */
export const MAX_EXTRA_WATCHERS = 1_000_000;
/** Paper mode's c, bytes per endpoint, and M, the smallest object. */
export const MAX_PAPER_BYTES_PER_ENDPOINT = 100_000;
export const MAX_PAPER_MIN_OBJECT_BYTES = 100_000_000;
