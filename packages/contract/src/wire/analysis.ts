import type { HintsRule, ProxyTopologyMode } from '@slicescope/core';
import { z } from 'zod';

/**
 * The api's analyses of one Service (`GET /api/v1/services/:ns/:name/analysis`), of one node's
 * kube-proxy, and of the cluster's zones and nodes, as they travel to the web app. Lists of
 * addresses or slices are capped at 50 items; a `…Count` field beside a list gives its total.
 */

const count = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);
const addressTypeSchema = z.enum(['IPv4', 'IPv6', 'FQDN', 'IP']);
const ipFamilySchema = z.enum(['IPv4', 'IPv6']);
const protocolSchema = z.enum(['TCP', 'UDP', 'SCTP']);

/** An enum over every member of a union type from core: the Record fails to compile otherwise. */
function enumOf<T extends string>(members: Record<T, true>) {
  return z.enum(Object.keys(members) as [T, ...T[]]);
}

// ---- drift -------------------------------------------------------------------------------------

export const driftActionSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('create'),
    generateName: z.string(),
    addressType: addressTypeSchema,
    endpoints: count,
  }),
  z.object({
    verb: z.literal('update'),
    name: z.string(),
    addressType: addressTypeSchema,
    endpoints: count,
  }),
  z.object({ verb: z.literal('delete'), name: z.string() }),
]);
export type DriftAction = z.infer<typeof driftActionSchema>;

/** What the EndpointSlice controller would write now, against what exists. */
export const driftSchema = z.object({
  /** False when the controller's view cannot be computed or does not apply; `reason` says why. */
  available: z.boolean(),
  reason: z.string().optional(),
  /** The controller would make no call; false when not available. */
  inSync: z.boolean(),
  creates: count,
  updates: count,
  deletes: count,
  actions: z.array(driftActionSchema),
  /** Addresses the controller would add. */
  endpointsMissing: z.array(z.string()),
  endpointsMissingCount: count,
  /** Addresses it would remove. */
  endpointsExtra: z.array(z.string()),
  endpointsExtraCount: count,
  /** Addresses it would keep but rewrite (conditions, zone, hints, Pod reference). */
  endpointsChanged: z.array(z.string()),
  endpointsChangedCount: count,
  errors: z.array(z.string()),
  /** Slices managed by endpointslice-controller.k8s.io: the only ones drift is about. */
  controllerSlices: count,
  /** Slices managed by endpointslicemirroring-controller.k8s.io. */
  mirroredSlices: z.array(z.string()),
  /** Slices managed by neither. */
  otherSlices: z.array(z.object({ name: z.string(), managedBy: z.string().optional() })),
});
export type DriftAnalysis = z.infer<typeof driftSchema>;

// ---- fragmentation -----------------------------------------------------------------------------

export const fragmentationGroupSchema = z.object({
  addressType: addressTypeSchema,
  ports: z.array(
    z.object({
      name: z.string().optional(),
      protocol: protocolSchema.optional(),
      port: z.number().int().optional(),
      appProtocol: z.string().optional(),
    }),
  ),
  endpoints: count,
  actualSlices: count,
  /** ceil(endpoints / max); 1 for the placeholder of an address type without endpoints. */
  idealSlices: count,
  fill: fraction,
  /** The slices holding the fewest endpoints, fewest first. */
  emptiest: z.array(z.object({ name: z.string(), endpoints: count })),
});
export type FragmentationGroup = z.infer<typeof fragmentationGroupSchema>;

export const fragmentationSchema = z.object({
  maxEndpointsPerSlice: z.number().int().min(1),
  endpoints: count,
  actualSlices: count,
  idealSlices: count,
  fill: fraction,
  fragmented: z.boolean(),
  summary: z.string(),
  groups: z.array(fragmentationGroupSchema),
});
export type FragmentationAnalysis = z.infer<typeof fragmentationSchema>;

// ---- hints -------------------------------------------------------------------------------------

export const hintsRuleSchema = enumOf<HintsRule>({
  'auto-allocated': true,
  'auto-insufficient-node-info': true,
  'auto-one-zone': true,
  'auto-too-few-endpoints': true,
  'auto-overload': true,
  'auto-endpoint-without-zone': true,
  'auto-topology-cache-off': true,
  'annotation-not-auto': true,
  'traffic-distribution': true,
  'traffic-distribution-not-honoured': true,
  none: true,
});

/** Why one address type's slices carry hints or not (core explainHints). */
export const hintsExplanationSchema = z.object({
  addressType: addressTypeSchema,
  hintsOn: z.boolean(),
  rule: hintsRuleSchema,
  summary: z.string(),
  zones: z.array(
    z.object({
      zone: z.string(),
      cpuShare: fraction.optional(),
      endpoints: count,
      endpointShare: fraction,
      hinted: count,
      /** 0.33 = 33% more traffic than a fair share; negative = less. */
      expectedOverload: z.number().optional(),
    }),
  ),
});
export type HintsExplanationView = z.infer<typeof hintsExplanationSchema>;

// ---- legacy Endpoints and mirroring ------------------------------------------------------------

export const mirroringSchema = z.object({
  mirrored: z.boolean(),
  reason: z.string(),
  mirroredSlices: count,
  /** The mirroring controller would make no call. */
  inSync: z.boolean(),
  creates: count,
  updates: count,
  deletes: count,
  warnings: z.array(z.string()),
});
export type MirroringAnalysis = z.infer<typeof mirroringSchema>;

export const endpointsAnalysisSchema = z.object({
  exists: z.boolean(),
  addresses: count,
  ready: count,
  notReady: count,
  /** Annotated endpoints.kubernetes.io/over-capacity: truncated. */
  truncated: z.boolean(),
  overCapacityAnnotation: z.string().optional(),
  /** The slices hold more addresses than an Endpoints object may (1000). */
  overCapacity: z.boolean(),
  comparedFamily: ipFamilySchema.optional(),
  sliceAddresses: count,
  inSlicesOnly: z.array(z.string()),
  inSlicesOnlyCount: count,
  inEndpointsOnly: z.array(z.string()),
  inEndpointsOnlyCount: count,
  explainedByTruncation: count,
  explainedByTerminating: count,
  matches: z.boolean(),
  summary: z.string(),
  mirroring: mirroringSchema.optional(),
});
export type EndpointsAnalysis = z.infer<typeof endpointsAnalysisSchema>;

// ---- terminating -------------------------------------------------------------------------------

export const terminatingEndpointSchema = z.object({
  address: z.string(),
  slice: z.string(),
  pod: z.string().optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  ready: z.boolean(),
  serving: z.boolean(),
  deletionTimestamp: z.string().optional(),
  terminatingForMs: z.number().optional(),
  /** Past the end of the grace period; negative while still within it. */
  overdueMs: z.number().optional(),
  stuck: z.boolean(),
  note: z.string().optional(),
});
export type TerminatingEndpoint = z.infer<typeof terminatingEndpointSchema>;

export const terminatingSchema = z.object({
  stuckAfterMs: z.number().nonnegative(),
  agesKnown: z.boolean(),
  /** Why the ages are unknown, or what they are measured to when it is not now. */
  agesNote: z.string().optional(),
  count,
  stuckCount: count,
  servingCount: count,
  endpoints: z.array(terminatingEndpointSchema),
});
export type TerminatingAnalysis = z.infer<typeof terminatingSchema>;

// ---- one Service -------------------------------------------------------------------------------

export const serviceAnalysisSchema = z.object({
  drift: driftSchema,
  fragmentation: fragmentationSchema,
  hints: z.array(hintsExplanationSchema),
  endpoints: endpointsAnalysisSchema,
  terminating: terminatingSchema,
});
export type ServiceAnalysis = z.infer<typeof serviceAnalysisSchema>;

// ---- kube-proxy on one node --------------------------------------------------------------------

/** Which kube-proxy release's rules a view follows (core ProxyBehaviour). */
export const proxyBehaviourSchema = z.discriminatedUnion('version', [
  z.object({
    version: z.literal('1.21-1.26'),
    topologyAwareHints: z.boolean().optional(),
    proxyTerminatingEndpoints: z.boolean().optional(),
  }),
  z.object({
    version: z.literal('1.27-1.30'),
    topologyAwareHints: z.boolean().optional(),
    proxyTerminatingEndpoints: z.boolean().optional(),
    loadBalancerIPMode: z.boolean().optional(),
  }),
  z.object({
    version: z.literal('1.31-1.35'),
    topologyAwareHints: z.boolean().optional(),
    preferSameTrafficDistribution: z.boolean().optional(),
  }),
  z.object({ version: z.literal('1.36+') }),
]);

export const proxyEndpointSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  /** `IP:port` (`[IP]:port` for IPv6). */
  endpoint: z.string(),
  ready: z.boolean(),
  serving: z.boolean(),
  terminating: z.boolean(),
  isLocal: z.boolean(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  zoneHints: z.array(z.string()).optional(),
  nodeHints: z.array(z.string()).optional(),
});
export type NodeProxyEndpoint = z.infer<typeof proxyEndpointSchema>;

export const proxyPortViewSchema = z.object({
  ipFamily: ipFamilySchema,
  portName: z.string(),
  protocol: protocolSchema,
  endpoints: z.array(proxyEndpointSchema),
  /** null when the port has no Cluster-policy traffic. */
  clusterEndpoints: z.array(proxyEndpointSchema).nullable(),
  /** null when the port has no Local-policy traffic. */
  localEndpoints: z.array(proxyEndpointSchema).nullable(),
  allReachableEndpoints: z.array(proxyEndpointSchema),
  hasAnyEndpoints: z.boolean(),
  topologyMode: enumOf<ProxyTopologyMode>({
    none: true,
    PreferSameZone: true,
    PreferSameNode: true,
  }),
  reasons: z.array(z.string()),
});
export type NodeProxyPort = z.infer<typeof proxyPortViewSchema>;

/** Where kube-proxy on one node sends the Service's traffic (core proxyView). */
export const proxyViewSchema = z.discriminatedUnion('proxied', [
  z.object({ proxied: z.literal(false), reason: z.string(), behaviour: proxyBehaviourSchema }),
  z.object({
    proxied: z.literal(true),
    nodeName: z.string(),
    zone: z.string().optional(),
    behaviour: proxyBehaviourSchema,
    ports: z.array(proxyPortViewSchema),
    notes: z.array(z.string()),
  }),
]);
export type NodeProxyView = z.infer<typeof proxyViewSchema>;

// ---- cluster -----------------------------------------------------------------------------------

/** One zone; zone '' collects Nodes and endpoints without a zone. */
export const zoneSummarySchema = z.object({
  zone: z.string(),
  nodes: count,
  readyNodes: count,
  allocatableMilliCpu: z.number().nonnegative().optional(),
  /** Share of the ready workers' allocatable CPU, as topology-aware hints use it. */
  cpuShare: fraction.optional(),
  endpoints: count,
  readyEndpoints: count,
});
export type ZoneSummary = z.infer<typeof zoneSummarySchema>;
