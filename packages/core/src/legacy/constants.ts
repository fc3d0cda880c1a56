/** Names and limits of the v1 Endpoints controller and the EndpointSliceMirroring controller. */

/** EPC maxCapacity: the most addresses (ready + not ready) one Endpoints object keeps. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

/** Set, with value {@link OVER_CAPACITY_TRUNCATED}, on Endpoints that were truncated (1.22+). */
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
export const OVER_CAPACITY_TRUNCATED = 'truncated';

/** `"true"` on an Endpoints object keeps the mirroring controller away from it. */
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** resourcelock.LeaderElectionRecordAnnotationKey: leader-election Endpoints are never mirrored. */
export const ANNOTATION_LEADER_ELECTION = 'control-plane.alpha.kubernetes.io/leader';
/** kubectl's copy of the applied object; never mirrored to slices. */
export const ANNOTATION_LAST_APPLIED_CONFIG = 'kubectl.kubernetes.io/last-applied-configuration';

/** `--mirroring-max-endpoints-per-subset` default (MIR config/v1alpha1 defaults.go). */
export const DEFAULT_MIRRORING_MAX_ENDPOINTS_PER_SUBSET = 1000;

/** Warning event reasons of the mirroring controller (MIR events.go). */
export const EVENT_INVALID_IP_ADDRESS = 'InvalidIPAddress';
export const EVENT_TOO_MANY_ADDRESSES_TO_MIRROR = 'TooManyAddressesToMirror';
