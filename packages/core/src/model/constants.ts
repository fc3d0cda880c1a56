/** Names the EndpointSlice controller writes and reads (spec endpointslice-controller.md §1). */

/** The managed-by value of slices the EndpointSlice controller owns. */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** The managed-by value of slices the EndpointSliceMirroring controller owns. */
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
/** The Node's operating system, set by kubelet (`linux`, `windows`). */
export const LABEL_OS = 'kubernetes.io/os';
/** Services with this label are handled by another proxy; kube-proxy ignores them. */
export const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';

export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** Deprecated; wins over {@link ANNOTATION_TOPOLOGY_MODE} when both are set. */
export const ANNOTATION_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';
export const ANNOTATION_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';

export const DISCOVERY_API_VERSION = 'discovery.k8s.io/v1';

/** `--max-endpoints-per-slice`: default and the range kube-controller-manager accepts. */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;
export const MIN_MAX_ENDPOINTS_PER_SLICE = 1;
export const MAX_MAX_ENDPOINTS_PER_SLICE = 1000;
