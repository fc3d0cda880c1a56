import { z } from 'zod';

/**
 * zod schemas of the Kubernetes objects `slicescope reconcile` reads: what the controller needs
 * is checked, every other field is kept as it is. Nulls are removed before parsing (Go reads a
 * JSON null as an absent field).
 */

const name = z.string().min(1, 'must be a non-empty name');
const stringMap = z.record(z.string(), z.string());
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const portNumber = z.int().min(0).max(65535);
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

export const serviceSchema = z.looseObject({
  metadata: namedMeta,
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
  metadata: namedMeta,
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

export const nodeSchema = z.looseObject({ metadata: namedMeta });

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

export const endpointSliceSchema = z.looseObject({
  metadata: namedMeta,
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
  metadata: namedMeta,
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
