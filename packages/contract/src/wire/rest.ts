import { z } from 'zod';
import {
  endpointViewSchema,
  informerStatusSchema,
  serviceSummarySchema,
  sliceViewSchema,
  nodeSummarySchema,
  slicePortViewSchema,
} from './views.ts';

/** The one error shape of every api response that is not 2xx. */
export const apiErrorSchema = z.object({
  error: z.object({
    /** A stable machine word: 'invalid-request', 'not-found', 'unauthorized', 'too-large', … */
    code: z.string(),
    message: z.string(),
    /** The request field the message is about, e.g. `query.limit` or `body.scenario`. */
    field: z.string().optional(),
    /** The 1-based line of the problem in a text the request sent (a scenario's YAML or JSON). */
    line: z.number().int().positive().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const sourceInfoSchema = z.object({
  kind: z.enum(['demo', 'kubeconfig', 'in-cluster', 'file']),
  /** The demo scenario, the kubeconfig context, or the dump files. */
  name: z.string(),
  /** The EndpointSlice API version the cluster serves (discovered). */
  sliceApiVersion: z.string(),
  /** The namespaces watched; absent when the whole cluster is. */
  namespaces: z.array(z.string()).optional(),
  /** False with --no-pods: analyses that need Pods say they are unavailable. */
  pods: z.boolean(),
  /** Frozen (a dump read from files): nothing changes. */
  frozen: z.boolean(),
  /**
   * Kinds a dump holds none of (a namespace's dump leaves out the cluster-wide Nodes): analyses
   * that need them say so instead of reading their absence as the cluster's state.
   */
  absent: z.array(z.enum(['Service', 'EndpointSlice', 'Endpoints', 'Pod', 'Node'])).optional(),
  /**
   * A dump's newest recorded time (RFC 3339), the earliest it can have been taken: the analyses'
   * "now" (terminating ages), since the wall clock has moved on from the dump.
   */
  takenAt: z.string().optional(),
});
export type SourceInfo = z.infer<typeof sourceInfoSchema>;

const rankedSchema = z.object({ namespace: z.string(), name: z.string(), value: z.number() });

export const overviewSchema = z.object({
  source: sourceInfoSchema,
  ready: z.boolean(),
  informers: z.array(informerStatusSchema),
  counts: z.object({
    services: z.number().int(),
    slices: z.number().int(),
    endpoints: z.number().int(),
    pods: z.number().int().optional(),
    nodes: z.number().int(),
  }),
  top: z.object({
    byEndpoints: z.array(rankedSchema),
    bySlices: z.array(rankedSchema),
    byChurn: z.array(rankedSchema),
  }),
});
export type Overview = z.infer<typeof overviewSchema>;

export const SERVICE_SORTS = ['name', 'endpoints', 'slices', 'churn', 'fragmentation'] as const;

export const serviceListQuerySchema = z.strictObject({
  namespace: z.string().max(253).optional(),
  /** Substring of namespace/name. */
  q: z.string().max(253).optional(),
  flag: serviceSummarySchema.shape.flags.element.optional(),
  sort: z.enum(SERVICE_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ServiceListQuery = z.infer<typeof serviceListQuerySchema>;

export const serviceListSchema = z.object({
  items: z.array(serviceSummarySchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
export type ServiceList = z.infer<typeof serviceListSchema>;

export const servicePortViewSchema = z.object({
  name: z.string().optional(),
  port: z.number().int(),
  targetPort: z.union([z.number().int(), z.string()]).optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
});

/** `GET /services/:ns/:name?slices=false` leaves the slices out (a tab whose stream has them). */
export const serviceDetailQuerySchema = z.strictObject({
  slices: z.enum(['true', 'false']).default('true'),
});

export const serviceDetailSchema = z.object({
  summary: serviceSummarySchema,
  spec: z.object({
    selector: z.record(z.string(), z.string()).optional(),
    ports: z.array(servicePortViewSchema),
    ipFamilies: z.array(z.string()),
    internalTrafficPolicy: z.string().optional(),
    externalTrafficPolicy: z.string().optional(),
    publishNotReadyAddresses: z.boolean(),
  }),
  slices: z.array(sliceViewSchema),
});
export type ServiceDetail = z.infer<typeof serviceDetailSchema>;

export const nodeListSchema = z.object({ items: z.array(nodeSummarySchema) });

/** A Service with endpoints on one Node, counted by condition as the Node's kube-proxy sees them. */
export const nodeServiceSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** Its slice endpoints on the Node (an endpoint in an IPv4 and an IPv6 slice counts twice). */
  endpoints: z.number().int(),
  ready: z.number().int(),
  serving: z.number().int(),
  terminating: z.number().int(),
});
export type NodeService = z.infer<typeof nodeServiceSchema>;

/** GET /nodes/:node/services: the Services whose slices place endpoints on the Node. */
export const nodeServicesSchema = z.object({
  node: z.string(),
  items: z.array(nodeServiceSchema),
});
export type NodeServices = z.infer<typeof nodeServicesSchema>;

/** One Pod and the endpoints that stand for it in EndpointSlices (pod → endpoint). */
export const podDetailSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** Absent when Pods are not watched (--no-pods): only its endpoints are known. */
  pod: z
    .object({
      uid: z.string(),
      nodeName: z.string().optional(),
      phase: z.string().optional(),
      ready: z.boolean(),
      ips: z.array(z.string()),
      deletionTimestamp: z.string().optional(),
    })
    .optional(),
  endpoints: z.array(
    z.object({
      service: z.string(),
      slice: z.string(),
      addressType: z.string(),
      endpoint: endpointViewSchema,
    }),
  ),
});
export type PodDetail = z.infer<typeof podDetailSchema>;

export const historyChangeSchema = z.object({
  slice: z.string(),
  op: z.enum(['created', 'updated', 'deleted']),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Endpoints whose ready/serving/terminating conditions changed. */
  conditions: z.array(z.string()),
  /** Endpoints whose hints changed. */
  hints: z.array(z.string()),
  /**
   * What undoing the write needs (absent for a create): the slice before it, with only the
   * endpoints this write removed or changed (as they were), so a view can rewind to any sync.
   */
  before: z
    .object({
      addressType: z.string(),
      ports: z.array(slicePortViewSchema),
      managedBy: z.string().optional(),
      triggerTime: z.string().optional(),
      endpoints: z.array(endpointViewSchema),
    })
    .optional(),
});
export type HistoryChange = z.infer<typeof historyChangeSchema>;

/** One controller sync as seen through the watch: the slices it wrote, grouped. */
export const historyEntrySchema = z.object({
  /** The Service's syncs numbered 1, 2, … since the api began to watch it. */
  seq: z.number().int(),
  /** When the api saw the first write of the group (ms since the epoch). */
  at: z.number(),
  triggerTime: z.string().optional(),
  changes: z.array(historyChangeSchema),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historySchema = z.object({
  entries: z.array(historyEntrySchema),
  /** Entries dropped from the ring buffer so far (it keeps the newest). */
  dropped: z.number().int(),
  /** The Service's slices when the history was read: the present the entries rewind from. */
  slices: z.array(sliceViewSchema),
});
export type History = z.infer<typeof historySchema>;
