import fc from 'fast-check';
import type {
  Endpoint,
  EndpointPort,
  EndpointSlice,
  Node,
  ObjectMeta,
  ObjectReference,
  Pod,
  Service,
} from '../../src/index.ts';
import type { Endpoints, EndpointAddress } from '../../src/model/endpoints.ts';

/**
 * Random objects for the sizing properties: every optional field present or not, and strings
 * rich in what Go's JSON escapes differently from JSON.stringify (<, >, &, U+2028/9, control
 * characters), multi-byte and astral characters, and lone surrogates.
 */

const tricky = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  '\\',
  '/',
  '\u2028',
  '\u2029',
  '\u0000',
  '\b',
  '\f',
  '\n',
  '\r',
  '\t',
  '\u001f',
  '\u007f',
  '\u0080',
  'é',
  '中',
  '\ue000',
  '\uffff',
  '😀',
  '\ud800',
  '\udfff',
);
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: tricky },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
export const text = fc.string({ unit, maxLength: 12 });
const smallText = fc.string({ unit, maxLength: 4 });
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined });
const nullable = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> =>
  fc.oneof(fc.constant(null), fc.constant(undefined), arbitrary);
const timestamp = fc
  .date({
    min: new Date('1960-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z'));
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const stringMap = fc.dictionary(text, text, { maxKeys: 4 });

export const objectMeta: fc.Arbitrary<ObjectMeta> = fc.record(
  {
    name: text,
    generateName: text,
    namespace: text,
    uid: text,
    resourceVersion: text,
    generation: fc.nat(),
    creationTimestamp: fc.oneof(fc.constant(null), timestamp),
    deletionTimestamp: fc.oneof(fc.constant(null), timestamp),
    labels: stringMap,
    annotations: stringMap,
    ownerReferences: fc.array(
      fc.record(
        {
          apiVersion: text,
          kind: text,
          name: text,
          uid: text,
          controller: fc.boolean(),
          blockOwnerDeletion: fc.boolean(),
        },
        { requiredKeys: ['apiVersion', 'kind', 'name', 'uid'] },
      ),
      { maxLength: 2 },
    ),
    finalizers: fc.array(text, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

export const objectReference: fc.Arbitrary<ObjectReference> = fc.record(
  { kind: text, namespace: text, name: text, uid: text, apiVersion: text, resourceVersion: text },
  { requiredKeys: [] },
);

export const endpoint: fc.Arbitrary<Endpoint> = fc.record(
  {
    addresses: fc.array(text, { maxLength: 3 }),
    conditions: fc.record(
      { ready: fc.boolean(), serving: fc.boolean(), terminating: fc.boolean() },
      { requiredKeys: [] },
    ),
    hostname: text,
    targetRef: objectReference,
    deprecatedTopology: stringMap,
    nodeName: text,
    zone: text,
    hints: fc.record(
      {
        forZones: fc.array(fc.record({ name: smallText }), { maxLength: 2 }),
        forNodes: fc.array(fc.record({ name: smallText }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['addresses'] },
);

export const endpointPort: fc.Arbitrary<EndpointPort> = fc.record(
  {
    name: text,
    protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
    port: int32,
    appProtocol: text,
  },
  { requiredKeys: [] },
);

export const endpointSlice: fc.Arbitrary<EndpointSlice> = fc.record({
  metadata: objectMeta,
  addressType: fc.constantFrom('IPv4' as const, 'IPv6' as const, 'FQDN' as const),
  endpoints: nullable(fc.array(endpoint, { maxLength: 4 })).map((value) => value ?? null),
  ports: nullable(fc.array(endpointPort, { maxLength: 3 })),
});

export const endpointsAddress: fc.Arbitrary<EndpointAddress> = fc.record(
  { ip: text, hostname: text, nodeName: text, targetRef: objectReference },
  { requiredKeys: ['ip'] },
);

export const endpoints: fc.Arbitrary<Endpoints> = fc.record({
  metadata: objectMeta,
  subsets: nullable(
    fc.array(
      fc.record(
        {
          addresses: nullable(fc.array(endpointsAddress, { maxLength: 3 })),
          notReadyAddresses: nullable(fc.array(endpointsAddress, { maxLength: 2 })),
          ports: nullable(
            fc.array(
              fc.record(
                {
                  name: text,
                  port: int32,
                  protocol: fc.constant('TCP' as const),
                  appProtocol: text,
                },
                { requiredKeys: ['port'] },
              ),
              { maxLength: 2 },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
  ),
});

const container = fc.record(
  {
    name: text,
    image: text,
    ports: nullable(
      fc.array(
        fc.record(
          {
            name: text,
            containerPort: int32,
            protocol: fc.constant('TCP' as const),
            hostPort: fc.nat(),
          },
          { requiredKeys: ['containerPort'] },
        ),
        { maxLength: 2 },
      ),
    ),
    restartPolicy: text,
    command: fc.array(text, { maxLength: 2 }),
    stdin: fc.boolean(),
    resources: fc.record({ requests: fc.dictionary(smallText, smallText, { maxKeys: 2 }) }),
  },
  { requiredKeys: ['name'] },
);

export const pod: fc.Arbitrary<Pod> = fc.record(
  {
    metadata: objectMeta,
    spec: fc.record(
      {
        nodeName: text,
        hostname: text,
        subdomain: text,
        containers: nullable(fc.array(container, { maxLength: 2 })),
        initContainers: nullable(fc.array(container, { maxLength: 1 })),
        priority: int32,
        nodeSelector: stringMap,
        hostNetwork: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    status: fc.record(
      {
        phase: text,
        podIP: text,
        podIPs: nullable(fc.array(fc.record({ ip: text }), { maxLength: 2 })),
        conditions: nullable(
          fc.array(
            fc.record(
              {
                type: text,
                status: text,
                lastTransitionTime: fc.oneof(fc.constant(null), timestamp),
                observedGeneration: fc.nat(),
              },
              { requiredKeys: ['type', 'status'] },
            ),
            { maxLength: 2 },
          ),
        ),
        startTime: timestamp,
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['metadata'] },
);

export const service: fc.Arbitrary<Service> = fc.record({
  metadata: objectMeta,
  spec: fc.record(
    {
      type: text,
      selector: nullable(stringMap),
      ports: nullable(
        fc.array(
          fc.record(
            {
              name: text,
              protocol: fc.constant('TCP' as const),
              appProtocol: text,
              port: int32,
              targetPort: fc.oneof(int32, text),
              nodePort: fc.nat(),
            },
            { requiredKeys: ['port'] },
          ),
          { maxLength: 3 },
        ),
      ),
      clusterIP: text,
      clusterIPs: fc.array(text, { maxLength: 2 }),
      ipFamilies: nullable(fc.constantFrom(['IPv4' as const], ['IPv4' as const, 'IPv6' as const])),
      publishNotReadyAddresses: fc.boolean(),
      trafficDistribution: nullable(text),
    },
    { requiredKeys: [] },
  ),
});

export const node: fc.Arbitrary<Node> = fc.record({
  metadata: objectMeta,
  status: maybe(
    fc.record(
      {
        allocatable: fc.dictionary(smallText, smallText, { maxKeys: 3 }),
        conditions: nullable(fc.array(fc.record({ type: text, status: text }), { maxLength: 2 })),
      },
      { requiredKeys: [] },
    ),
  ),
});
