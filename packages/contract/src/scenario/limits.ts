/**
 * Limits of a scenario, checked when it is parsed so that the engine never runs out of memory
 * on a hostile or mistaken file. They sit at the published scalability thresholds of a
 * Kubernetes cluster (sig-scalability thresholds.md, the shared spec scale-facts.md §2): the
 * reference workload at those thresholds — 5,000 nodes, 150,000 pods, 8,100 Services in 16,150
 * Deployments across 50 namespaces — is a valid scenario. docs/scenarios.md lists them.
 */

/**
 * Characters of scenario text `parseScenario` reads at most (16 MiB). The reference workload is
 * 4.2 MB of compact JSON, 8.2 MB indented, 5.1 MB of YAML.
 */
export const MAX_SCENARIO_TEXT_LENGTH = 16 * 1024 * 1024;
/**
 * Lines, commas and opening brackets of a YAML text at most. A YAML parser keeps a node of a
 * few hundred bytes per value, so 16 MiB of `- 1` lines would need gigabytes; 400,000 stays
 * under half a gigabyte and still takes the reference workload (≈ 220,000 lines). JSON, parsed
 * natively, has only the text limit.
 */
export const MAX_YAML_ITEMS = 400_000;

/**
 * How deep a document may nest. A scenario's deepest field (an Endpoints object's
 * `subsets[i].addresses[j].targetRef.name`) is 8 levels down; unknown fields of an object's
 * metadata are kept as they come, and a document nested thousands deep breaks whatever copies it
 * recursively afterwards (the structured clone to the simulation worker, a JSON encoder).
 */
export const MAX_NESTING_DEPTH = 64;

/** Zones in `cluster.zones`. */
export const MAX_ZONES = 100;
/** Nodes at any moment: the zones' `nodes` plus `addNodes` events (Kubernetes threshold). */
export const MAX_NODES = 5_000;
/** Pods at any moment, as the sum of the workloads' replicas, also after `scale` events (threshold). */
export const MAX_PODS = 150_000;
/** `maxPods` of a zone's Nodes (kubelet `--max-pods`; Kubernetes' default is 110). */
export const MAX_PODS_PER_NODE = 1_000;
/** Services at any moment: `cluster.services` plus `createService` events (threshold). */
export const MAX_SERVICES = 10_000;
/** Workloads in `cluster.workloads` (the reference workload has 16,150 Deployments, 19,350 with its Jobs). */
export const MAX_WORKLOADS = 30_000;
/** Distinct namespaces of Services, workloads and Endpoints (threshold). */
export const MAX_NAMESPACES = 10_000;
/** Addresses (ready and not ready) over all `cluster.endpoints` objects. */
export const MAX_USER_ENDPOINTS_ADDRESSES = 100_000;
/** Ports of one Service, and container ports of one workload (an EndpointSlice holds ≤ 100). */
export const MAX_PORTS = 100;
/** Entries of `events`. */
export const MAX_EVENTS = 100_000;
/** Seconds: the latest `at`, the longest `forSeconds` and `repeatEverySeconds` (7 days). */
export const MAX_SCENARIO_SECONDS = 7 * 24 * 60 * 60;
/** The shortest `repeatEverySeconds`. */
export const MIN_REPEAT_EVERY_SECONDS = 10;
/** Characters of `name` and of `description`. */
export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 10_000;
/** Total bytes of one object's annotations, keys and values (Kubernetes' TotalAnnotationSizeLimitB). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
