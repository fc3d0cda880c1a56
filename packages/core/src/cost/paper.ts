/**
 * "Paper mode": object sizes from the constants the published sources state, not from encoding
 * objects (scale-facts.md §1 and §3). Units are decimal, as the sources use them (1 KB = 10³ B);
 * the etcd request limit is the one binary figure.
 */

export const KB = 1e3;
export const MB = 1e6;
export const GB = 1e9;
export const TB = 1e12;

/** etcd's default `--max-request-bytes`, `1.5 * 1024 * 1024` (etcd-io/etcd PR #7968). */
export const ETCD_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

/** The etcd object limit as the 2020 blog and KEP-0752 state it: "1.5 MB". */
export const ETCD_LIMIT_AS_PUBLISHED_BYTES = 1.5 * MB;

/** How a source sizes an object: `max(endpoints × bytesPerEndpoint, minimumObjectBytes)`. */
export interface PaperSizing {
  /** c, bytes per endpoint. */
  readonly bytesPerEndpoint: number;
  /** M, the floor for small objects (metadata overhead). */
  readonly minimumObjectBytes: number;
}

/**
 * KEP-0752 "Estimation": Endpoints of 20k endpoints "20k × const ≈ 2.0 MB" (c = 100 B), a slice
 * of 100 "≈ 10 KB", a slice of 1 "< ≈ 1 KB" (M = 1 KB).
 */
export const KEP_0752_SIZING: PaperSizing = { bytesPerEndpoint: 100, minimumObjectBytes: KB };

/**
 * Blog "Scaling Kubernetes Networking With EndpointSlices" (2020-09-02): 1.5 MB holds "5,000 Pod
 * IPs" (c = 300 B). The blog states no minimum object size.
 */
export const BLOG_2020_SIZING: PaperSizing = { bytesPerEndpoint: 300, minimumObjectBytes: 0 };

/** KEP-2433: topology hints add "20 bytes for each endpoint". */
export const KEP_2433_HINT_BYTES_PER_ENDPOINT = 20;

/** kubernetes/kubernetes #26637: "~16 bytes to store an IPv4 address in JSON". */
export const ISSUE_26637_IPV4_JSON_BYTES = 16;

/** Paper size of one object holding `endpoints` endpoints: max(k × c, M). */
export function paperObjectBytes(endpoints: number, sizing: PaperSizing = KEP_0752_SIZING): number {
  return Math.max(endpoints * sizing.bytesPerEndpoint, sizing.minimumObjectBytes);
}

/** The paper sizer of a source, for the fan-out formulas. */
export function paperObjectSizer(
  sizing: PaperSizing = KEP_0752_SIZING,
): (endpoints: number) => number {
  return (endpoints) => paperObjectBytes(endpoints, sizing);
}

/** Endpoints that fit in `limitBytes` at `bytesPerEndpoint` each (whole endpoints). */
export function endpointsUnderLimit(limitBytes: number, bytesPerEndpoint: number): number {
  return Math.floor(limitBytes / bytesPerEndpoint);
}

/** The per-endpoint cost a source implies when `endpoints` fill `limitBytes`. */
export function bytesPerEndpointAtCapacity(limitBytes: number, endpoints: number): number {
  return limitBytes / endpoints;
}
