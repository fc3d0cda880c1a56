import { z } from 'zod';

/**
 * What the dashboard draws, as the api sends it: small projections of the cluster's objects,
 * never whole Kubernetes objects (no env, annotations or managedFields leave the api).
 */

export const endpointViewSchema = z.object({
  addresses: z.array(z.string()),
  ready: z.boolean(),
  serving: z.boolean(),
  terminating: z.boolean(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  hostname: z.string().optional(),
  /** The Pod behind the endpoint (targetRef of kind Pod). */
  pod: z.string().optional(),
  hints: z
    .object({ forZones: z.array(z.string()).optional(), forNodes: z.array(z.string()).optional() })
    .optional(),
});
export type EndpointView = z.infer<typeof endpointViewSchema>;

export const slicePortViewSchema = z.object({
  name: z.string().optional(),
  port: z.number().int().optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
});

export const sliceViewSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  uid: z.string(),
  resourceVersion: z.string(),
  service: z.string(),
  addressType: z.string(),
  managedBy: z.string().optional(),
  ports: z.array(slicePortViewSchema),
  endpoints: z.array(endpointViewSchema),
  /** endpoints.kubernetes.io/last-change-trigger-time: when the change the slice reflects began. */
  triggerTime: z.string().optional(),
  createdAt: z.string().optional(),
});
export type SliceView = z.infer<typeof sliceViewSchema>;

/** Marks the service list shows next to a Service. */
export const serviceFlagSchema = z.enum([
  'no-endpoints',
  'fragmented',
  'hints',
  'terminating',
  'truncated',
  'unready',
]);
export type ServiceFlag = z.infer<typeof serviceFlagSchema>;

export const serviceSummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  uid: z.string(),
  type: z.string(),
  clusterIPs: z.array(z.string()),
  /** Whether the Service has a selector (its slices are the controller's) or not (mirrored or hand-made). */
  selector: z.boolean(),
  trafficDistribution: z.string().optional(),
  /** service.kubernetes.io/topology-mode (or the deprecated topology-aware-hints) value. */
  topologyMode: z.string().optional(),
  endpoints: z.number().int(),
  ready: z.number().int(),
  serving: z.number().int(),
  terminating: z.number().int(),
  /**
   * The Pods behind the endpoints that are not terminating, each counted once (by targetRef;
   * an endpoint without one counts as a Pod of its own): a dual-stack Service has two
   * endpoints per Pod, and a Service whose Pods differ in ports one per port set.
   */
  pods: z.number().int(),
  slices: z.number().int(),
  /**
   * The fewest slices possible: the controller's, packed ceil(endpoints / max) per address type and
   * port set (the fragmentation analysis), plus the slices it does not manage, as they are.
   */
  idealSlices: z.number().int(),
  zones: z.number().int(),
  /** Slice writes (creates, updates, deletes) seen since the api started watching. */
  churn: z.number().int(),
  flags: z.array(serviceFlagSchema),
  /** The Service's own labels (for filtering the list by label). */
  labels: z.record(z.string(), z.string()).optional(),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

export const nodeSummarySchema = z.object({
  name: z.string(),
  zone: z.string().optional(),
  ready: z.boolean(),
  unschedulable: z.boolean(),
  cpuMilli: z.number().optional(),
  /** Endpoints of every Service located on the node. */
  endpoints: z.number().int(),
});
export type NodeSummary = z.infer<typeof nodeSummarySchema>;

export const informerErrorSchema = z.object({
  reason: z.string(),
  code: z.number().int().optional(),
  message: z.string(),
});

export const informerStatusSchema = z.object({
  kind: z.enum(['Service', 'EndpointSlice', 'Pod', 'Node', 'Endpoints']),
  namespace: z.string().optional(),
  phase: z.enum(['starting', 'listing', 'watching', 'backoff', 'stopped']),
  synced: z.boolean(),
  /** When the informer entered `phase`, ms since the epoch (the api's monotonic clock). */
  since: z.number(),
  lastError: informerErrorSchema.optional(),
  /** When the next attempt is due while in 'backoff', ms since the epoch. */
  retryAt: z.number().optional(),
  resourceVersion: z.string(),
  lists: z.number().int(),
  watches: z.number().int(),
  events: z.number().int(),
});
export type InformerStatusView = z.infer<typeof informerStatusSchema>;
