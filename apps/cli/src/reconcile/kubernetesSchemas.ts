import { refusingProtoKey } from '@slicescope/contract';
import { z } from 'zod';

/**
 * zod schemas of the Kubernetes objects `slicescope reconcile` reads: what the controller needs
 * is checked, every other field is kept as it is. Nulls are removed before parsing (Go reads a
 * JSON null as an absent field).
 */

const name = z.string().min(1, 'must be a non-empty name');
/**
 * Labels, annotations and selectors. A `__proto__` key is refused: the API server refuses it
 * (not a qualified name), and zod's copy would drop it without a word.
 */
const stringMap = refusingProtoKey(
  z.record(z.string(), z.string()),
  'key must be a qualified name (the API server refuses "__proto__")',
);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
/**
 * A port as the API server validates Service, container and endpoint ports: 1..65535 (Go's 0 is
 * "unset", refused there). One refinement rather than int/min/max, so that 0, 70000 and 1e308
 * all name the same range instead of JavaScript's largest safe integer.
 */
const portNumber = z
  .number()
  .refine(
    (port) => Number.isInteger(port) && port >= 1 && port <= 65535,
    'must be a port number from 1 to 65535',
  );
const timestamp = z.string();

const objectMeta = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  creationTimestamp: timestamp.optional(),
  deletionTimestamp: timestamp.optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  ownerReferences: z
    .array(
      z.looseObject({
        apiVersion: z.string(),
        kind: z.string(),
        name: z.string(),
        uid: z.string(),
        controller: z.boolean().optional(),
        blockOwnerDeletion: z.boolean().optional(),
      }),
    )
    .optional(),
});
const namedMeta = objectMeta.extend({ name });

/** Where a namespaced object without one lives, as kubectl and the API server take it. */
const DEFAULT_NAMESPACE = 'default';

/**
 * A namespaced object's metadata: a missing (or, as Go reads it, empty) namespace is "default",
 * so that a hand-written Service, its Pods and its slices meet there, and the slices written for
 * it name it.
 */
const namespacedMeta = namedMeta.extend({
  namespace: z
    .string()
    .optional()
    .transform((namespace) =>
      namespace === undefined || namespace === '' ? DEFAULT_NAMESPACE : namespace,
    ),
});

/** A value as an error shows it: kinds are short, anything else is cut. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * `kind`, when given, must be the expected one: a Pod given as the Service would otherwise be
 * read as a Service without ports and yield no calls, silently. Hand-written objects may leave
 * it out (or empty, which Go reads the same).
 */
function kindOf(kind: string) {
  return z
    .literal([kind, ''], { error: (issue) => `expected ${kind}, got ${shown(issue.input)}` })
    .optional();
}

export const serviceSchema = z.looseObject({
  kind: kindOf('Service'),
  metadata: namespacedMeta,
  spec: z
    .looseObject({
      type: z.string().optional(),
      selector: stringMap.optional(),
      clusterIP: z.string().optional(),
      ipFamilies: z.array(z.enum(['IPv4', 'IPv6'])).optional(),
      publishNotReadyAddresses: z.boolean().optional(),
      trafficDistribution: z.string().optional(),
      ports: z
        .array(
          z.looseObject({
            name: z.string().optional(),
            protocol: protocol.optional(),
            appProtocol: z.string().optional(),
            port: portNumber,
            // A number is a port too: the API server turns 0 into `port` before any controller.
            targetPort: z.union([portNumber, z.string().min(1)]).optional(),
          }),
        )
        .optional(),
    })
    .default({}),
});

const container = z.looseObject({
  name: z.string().default(''),
  restartPolicy: z.string().optional(),
  ports: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        containerPort: portNumber,
        protocol: protocol.optional(),
      }),
    )
    .optional(),
});

export const podSchema = z.looseObject({
  kind: kindOf('Pod'),
  metadata: namespacedMeta,
  spec: z
    .looseObject({
      nodeName: z.string().optional(),
      hostname: z.string().optional(),
      subdomain: z.string().optional(),
      containers: z.array(container).optional(),
      initContainers: z.array(container).optional(),
    })
    .default({}),
  status: z
    .looseObject({
      phase: z.string().optional(),
      // Not checked: the controller publishes an unparsable IP as "<nil>", and so does slicescope.
      podIP: z.string().optional(),
      podIPs: z.array(z.looseObject({ ip: z.string() })).optional(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).optional(),
    })
    .default({}),
});

// Nodes are cluster-scoped: no namespace is made up for them.
export const nodeSchema = z.looseObject({ kind: kindOf('Node'), metadata: namedMeta });

const endpoint = z.looseObject({
  addresses: z.array(z.string()),
  conditions: z
    .looseObject({
      ready: z.boolean().optional(),
      serving: z.boolean().optional(),
      terminating: z.boolean().optional(),
    })
    .optional(),
  hostname: z.string().optional(),
  targetRef: z.looseObject({}).optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
});

// apiVersion is not checked: discovery.k8s.io/v1beta1 slices (Kubernetes 1.17-1.24) read the same.
export const endpointSliceSchema = z.looseObject({
  kind: kindOf('EndpointSlice'),
  metadata: namespacedMeta,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN', 'IP']),
  endpoints: z.array(endpoint).default([]),
  ports: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        protocol: protocol.optional(),
        port: portNumber.optional(),
        appProtocol: z.string().optional(),
      }),
    )
    .optional(),
});

const endpointAddress = z.looseObject({
  ip: z.string(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: z.looseObject({}).optional(),
});

export const endpointsSchema = z.looseObject({
  kind: kindOf('Endpoints'),
  metadata: namespacedMeta,
  subsets: z
    .array(
      z.looseObject({
        addresses: z.array(endpointAddress).optional(),
        notReadyAddresses: z.array(endpointAddress).optional(),
        ports: z
          .array(
            z.looseObject({
              name: z.string().optional(),
              port: portNumber,
              protocol: protocol.optional(),
              appProtocol: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});

/** A copy of a parsed JSON value without null members (Go decodes null as the zero value). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    // defineProperty: a "__proto__" member stays a plain field instead of a prototype.
    if (member !== null) {
      Object.defineProperty(result, key, {
        value: withoutNulls(member),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return result;
}
