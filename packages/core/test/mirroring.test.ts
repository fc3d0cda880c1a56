/**
 * Port of kubernetes/kubernetes pkg/controller/endpointslicemirroring/reconciler_test.go
 * (TestReconcile) case for case, under upstream's names. The fake clientset is FakeSliceApi; the
 * client actions counted are the returned calls; expectMetrics reads the returned metrics (the
 * gauges are those of this one Endpoints object, which is all upstream's tests have).
 *
 * The stored reconciler.go predates the case "existing slice with same fields but different
 * OwnerReferences" (PR #125359); it passes with the owner-UID check described in
 * mirroringSlices.ts ownedByEarlierEndpoints.
 */
import { describe, expect, test } from 'vitest';
import type { EndpointSlice, EndpointPort } from '../src/model/kubernetes.ts';
import type {
  EndpointAddress,
  Endpoints,
  EndpointSubset,
  EndpointsPort,
} from '../src/model/endpoints.ts';
import {
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MIRRORING_CONTROLLER_NAME,
} from '../src/model/constants.ts';
import { ANNOTATION_LAST_APPLIED_CONFIG } from '../src/legacy/constants.ts';
import {
  emptyMirroringMetrics,
  reconcileMirroredSlices,
  type MirroringMetrics,
} from '../src/legacy/mirroring.ts';
import { FakeSliceApi } from './builders/index.ts';
import { expectEndpointSlices, fetchEndpointSlices } from './builders/mirroringFixtures.ts';

const defaultMaxEndpointsPerSubset = 1000;

const http: EndpointsPort = { name: 'http', port: 80, protocol: 'TCP' };
const httpsUDP: EndpointsPort = { name: 'https', port: 443, protocol: 'UDP' };
const http3000: EndpointsPort = { name: 'http', port: 3000, protocol: 'TCP' };
const https3001: EndpointsPort = { name: 'https', port: 3001, protocol: 'UDP' };

function address(ip: string, hostname: string, nodeName?: string): EndpointAddress {
  return { ip, hostname, ...(nodeName !== undefined && { nodeName }) };
}

/** A slice port as upstream's tests write them (pointer.String / pointer.Int32). */
function slicePort(port: EndpointsPort): EndpointPort {
  return { name: port.name ?? '', port: port.port, protocol: port.protocol ?? 'TCP' };
}

/** upstream expectedMetrics; fields left out are 0. */
type ExpectedMetrics = Partial<MirroringMetrics>;

interface ReconcileCase {
  testName: string;
  subsets: EndpointSubset[];
  epLabels?: Record<string, string>;
  epAnnotations?: Record<string, string>;
  uid?: string;
  endpointsDeletionPending?: boolean;
  maxEndpointsPerSubset?: number;
  existingEndpointSlices: EndpointSlice[];
  expectedNumSlices: number;
  expectedClientActions: number;
  expectedMetrics?: ExpectedMetrics;
}

const twoSubsetsMultiplePorts: EndpointSubset[] = [
  {
    ports: [http, httpsUDP],
    addresses: [address('10.0.0.1', 'pod-1', 'node-1'), address('10.0.0.2', 'pod-2', 'node-2')],
  },
  {
    ports: [http3000, https3001],
    addresses: [
      address('10.0.1.1', 'pod-11', 'node-1'),
      address('10.0.1.2', 'pod-12', 'node-2'),
      address('10.0.1.3', 'pod-13', 'node-3'),
    ],
  },
];

const oneSubsetOneAddress: EndpointSubset[] = [
  { ports: [http], addresses: [address('10.0.0.1', 'pod-1')] },
];

const lastApplied = '{"apiVersion":"v1","kind":"Endpoints","subsets":[]}';

function sliceWithPod1(meta: Partial<EndpointSlice['metadata']>): EndpointSlice {
  return {
    metadata: { name: 'test-ep-1', ...meta },
    addressType: 'IPv4',
    ports: [slicePort(http)],
    endpoints: [{ addresses: ['10.0.0.1'], hostname: 'pod-1', conditions: { ready: true } }],
  };
}

const testCases: ReconcileCase[] = [
  {
    testName: 'Endpoints with no subsets',
    subsets: [],
    existingEndpointSlices: [],
    expectedNumSlices: 0,
    expectedClientActions: 0,
    expectedMetrics: {},
  },
  {
    testName: 'Endpoints with no addresses',
    subsets: [{ ports: [http] }],
    existingEndpointSlices: [],
    expectedNumSlices: 0,
    expectedClientActions: 0,
    expectedMetrics: {},
  },
  {
    testName: 'Endpoints with 1 subset, port, and address',
    subsets: [{ ports: [http], addresses: [address('10.0.0.1', 'pod-1', 'node-1')] }],
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 1,
      actualSlices: 1,
      desiredEndpoints: 1,
      addedPerSync: 1,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 2 subset, different port and address',
    subsets: [
      { ports: [http], addresses: [address('10.0.0.1', 'pod-1', 'node-1')] },
      {
        ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
        addresses: [address('10.0.0.2', 'pod-2', 'node-1')],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 2,
      addedPerSync: 2,
      numCreated: 2,
    },
  },
  {
    testName: 'Endpoints with 2 subset, different port and same address',
    subsets: [
      { ports: [http], addresses: [address('10.0.0.1', 'pod-1', 'node-1')] },
      {
        ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
        addresses: [address('10.0.0.1', 'pod-1', 'node-1')],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 1,
      actualSlices: 1,
      desiredEndpoints: 1,
      addedPerSync: 1,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 2 subset, different address and same port',
    subsets: [
      { ports: [http], addresses: [address('10.0.0.1', 'pod-1', 'node-1')] },
      { ports: [http], addresses: [address('10.0.0.2', 'pod-2', 'node-1')] },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 1,
      actualSlices: 1,
      desiredEndpoints: 2,
      addedPerSync: 2,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 1 subset, port, and address, pending deletion',
    subsets: [{ ports: [http], addresses: [address('10.0.0.1', 'pod-1', 'node-1')] }],
    endpointsDeletionPending: true,
    existingEndpointSlices: [],
    expectedNumSlices: 0,
    expectedClientActions: 0,
  },
  {
    testName: 'Endpoints with 1 subset, port, and address and existing slice with same fields',
    subsets: oneSubsetOneAddress,
    uid: 'd8f2c1f6-5285-4b3c-b3c1-9b89f9e7ed7a',
    existingEndpointSlices: [
      sliceWithPod1({
        namespace: 'test',
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Endpoints',
            name: 'test-ep',
            uid: 'd8f2c1f6-5285-4b3c-b3c1-9b89f9e7ed7a',
          },
        ],
      }),
    ],
    expectedNumSlices: 1,
    expectedClientActions: 0,
  },
  {
    testName:
      'Endpoints with 1 subset, port, and address and existing slice with same fields but different OwnerReferences',
    subsets: oneSubsetOneAddress,
    uid: 'd8f2c1f6-5285-4b3c-b3c1-9b89f9e7ed7a',
    existingEndpointSlices: [
      sliceWithPod1({
        namespace: 'test',
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'Endpoints',
            name: 'test-ep',
            uid: 'fb91e798-1875-4857-b5eb-e2c878157b4d',
          },
        ],
      }),
    ],
    expectedNumSlices: 1,
    expectedClientActions: 1,
  },
  {
    testName:
      'Endpoints with 1 subset, port, and address and existing slice with an additional annotation',
    subsets: oneSubsetOneAddress,
    existingEndpointSlices: [sliceWithPod1({ annotations: { foo: 'bar' } })],
    expectedNumSlices: 1,
    expectedClientActions: 1,
  },
  {
    testName:
      'Endpoints with 1 subset, port, label and address and existing slice with same fields but the label',
    subsets: oneSubsetOneAddress,
    epLabels: { foo: 'bar' },
    existingEndpointSlices: [sliceWithPod1({ annotations: { foo: 'bar' } })],
    expectedNumSlices: 1,
    expectedClientActions: 1,
  },
  {
    testName: 'Endpoints with 1 subset, 2 ports, and 2 addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        addresses: [address('10.0.0.1', 'pod-1', 'node-1'), address('10.0.0.2', 'pod-2', 'node-2')],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 1,
      actualSlices: 1,
      desiredEndpoints: 2,
      addedPerSync: 2,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 1 subset, 2 ports, and 2 not ready addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        notReadyAddresses: [
          address('10.0.0.1', 'pod-1', 'node-1'),
          address('10.0.0.2', 'pod-2', 'node-2'),
        ],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 1,
      actualSlices: 1,
      desiredEndpoints: 2,
      addedPerSync: 2,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 1 subset, 2 ports, and 2 ready and 2 not ready addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        addresses: [
          address('10.1.1.1', 'pod-11', 'node-1'),
          address('10.1.1.2', 'pod-12', 'node-2'),
        ],
        notReadyAddresses: [
          address('10.0.0.1', 'pod-1', 'node-1'),
          address('10.0.0.2', 'pod-2', 'node-2'),
        ],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 1,
      actualSlices: 1,
      desiredEndpoints: 4,
      addedPerSync: 4,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 2 subsets, multiple ports and addresses',
    subsets: twoSubsetsMultiplePorts,
    existingEndpointSlices: [],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 5,
      addedPerSync: 5,
      numCreated: 2,
    },
  },
  {
    testName:
      'Endpoints with 2 subsets, multiple ports and addresses, existing empty EndpointSlice',
    subsets: twoSubsetsMultiplePorts,
    existingEndpointSlices: [
      {
        metadata: { name: 'test-ep-1' },
        addressType: 'IPv4',
        ports: [slicePort(http), slicePort(httpsUDP)],
        endpoints: null,
      },
    ],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 5,
      addedPerSync: 5,
      numCreated: 1,
      numUpdated: 1,
    },
  },
  {
    testName:
      'Endpoints with 2 subsets, multiple ports and addresses, existing EndpointSlice with some addresses',
    subsets: twoSubsetsMultiplePorts,
    existingEndpointSlices: [
      {
        metadata: { name: 'test-ep-1' },
        addressType: 'IPv4',
        ports: [slicePort(http), slicePort(httpsUDP)],
        endpoints: [
          { addresses: ['10.0.0.2'], hostname: 'pod-2' },
          { addresses: ['10.0.0.1', '10.0.0.3'], hostname: 'pod-1' },
        ],
      },
    ],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 5,
      addedPerSync: 4,
      updatedPerSync: 1,
      removedPerSync: 1,
      numCreated: 1,
      numUpdated: 1,
    },
  },
  {
    testName:
      'Endpoints with 2 subsets, multiple ports and addresses, existing EndpointSlice identical to subset',
    subsets: twoSubsetsMultiplePorts,
    existingEndpointSlices: [
      {
        metadata: { name: 'test-ep-1' },
        addressType: 'IPv4',
        ports: [slicePort(http), slicePort(httpsUDP)],
        endpoints: [
          {
            addresses: ['10.0.0.1'],
            hostname: 'pod-1',
            nodeName: 'node-1',
            conditions: { ready: true },
          },
          {
            addresses: ['10.0.0.2'],
            hostname: 'pod-2',
            nodeName: 'node-2',
            conditions: { ready: true },
          },
        ],
      },
    ],
    expectedNumSlices: 2,
    expectedClientActions: 1,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 5,
      addedPerSync: 3,
      numCreated: 1,
    },
  },
  {
    testName: 'Endpoints with 2 subsets, multiple ports, and dual stack addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        addresses: [
          address('2001:db8:2222:3333:4444:5555:6666:7777', 'pod-1', 'node-1'),
          address('10.0.0.2', 'pod-2', 'node-2'),
        ],
      },
      {
        ports: [http3000, https3001],
        addresses: [
          address('10.0.1.1', 'pod-11', 'node-1'),
          address('10.0.1.2', 'pod-12', 'node-2'),
          address('2001:db8:3333:4444:5555:6666:7777:8888', 'pod-13', 'node-3'),
        ],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 4,
    expectedClientActions: 4,
    expectedMetrics: {
      desiredSlices: 4,
      actualSlices: 4,
      desiredEndpoints: 5,
      addedPerSync: 5,
      numCreated: 4,
    },
  },
  {
    testName: 'Endpoints with 2 subsets, multiple ports, ipv6 only addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        addresses: [
          address('2001:db8:1111:3333:4444:5555:6666:7777', 'pod-1', 'node-1'),
          address('2001:db8:2222:3333:4444:5555:6666:7777', 'pod-2', 'node-2'),
        ],
      },
      {
        ports: [http3000, https3001],
        addresses: [
          address('2001:db8:3333:3333:4444:5555:6666:7777', 'pod-11', 'node-1'),
          address('2001:db8:4444:3333:4444:5555:6666:7777', 'pod-12', 'node-2'),
          address('2001:db8:5555:3333:4444:5555:6666:7777', 'pod-13', 'node-3'),
        ],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 5,
      addedPerSync: 5,
      numCreated: 2,
    },
  },
  {
    testName: 'Endpoints with 2 subsets, multiple ports, some invalid addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        addresses: [
          address('2001:db8:1111:3333:4444:5555:6666:7777', 'pod-1', 'node-1'),
          address('this-is-not-an-ip', 'pod-2', 'node-2'),
        ],
      },
      {
        ports: [http3000, https3001],
        addresses: [
          address('this-is-also-not-an-ip', 'pod-11', 'node-1'),
          address('2001:db8:4444:3333:4444:5555:6666:7777', 'pod-12', 'node-2'),
          address('2001:db8:5555:3333:4444:5555:6666:7777', 'pod-13', 'node-3'),
        ],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 3,
      addedPerSync: 3,
      skippedPerSync: 2,
      numCreated: 2,
    },
  },
  {
    testName: 'Endpoints with 2 subsets, multiple ports, all invalid addresses',
    subsets: [
      {
        ports: [http, httpsUDP],
        addresses: [
          address('this-is-not-an-ip1', 'pod-1', 'node-1'),
          address('this-is-not-an-ip12', 'pod-2', 'node-2'),
        ],
      },
      {
        ports: [http3000, https3001],
        addresses: [
          address('this-is-not-an-ip11', 'pod-11', 'node-1'),
          address('this-is-not-an-ip12', 'pod-12', 'node-2'),
          address('this-is-not-an-ip3', 'pod-13', 'node-3'),
        ],
      },
    ],
    existingEndpointSlices: [],
    expectedNumSlices: 0,
    expectedClientActions: 0,
    expectedMetrics: { skippedPerSync: 5 },
  },
  {
    testName: 'Endpoints with 2 subsets, 1 exceeding maxEndpointsPerSubset',
    subsets: twoSubsetsMultiplePorts,
    existingEndpointSlices: [],
    expectedNumSlices: 2,
    expectedClientActions: 2,
    maxEndpointsPerSubset: 2,
    expectedMetrics: {
      desiredSlices: 2,
      actualSlices: 2,
      desiredEndpoints: 4,
      addedPerSync: 4,
      skippedPerSync: 1,
      numCreated: 2,
    },
  },
  {
    testName:
      'The last-applied-configuration annotation should not get mirrored to created or updated endpoint slices',
    epAnnotations: { [ANNOTATION_LAST_APPLIED_CONFIG]: lastApplied },
    subsets: oneSubsetOneAddress,
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      addedPerSync: 1,
      numCreated: 1,
      desiredEndpoints: 1,
      desiredSlices: 1,
      actualSlices: 1,
    },
  },
  {
    testName:
      "The last-applied-configuration annotation shouldn't get added to created endpoint slices",
    subsets: oneSubsetOneAddress,
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      addedPerSync: 1,
      numCreated: 1,
      desiredEndpoints: 1,
      desiredSlices: 1,
      actualSlices: 1,
    },
  },
  {
    testName:
      "The last-applied-configuration shouldn't get mirrored to endpoint slices when it's value is empty",
    epAnnotations: { [ANNOTATION_LAST_APPLIED_CONFIG]: '' },
    subsets: oneSubsetOneAddress,
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      addedPerSync: 1,
      numCreated: 1,
      desiredEndpoints: 1,
      desiredSlices: 1,
      actualSlices: 1,
    },
  },
  {
    testName: 'Annotations other than last-applied-configuration should get correctly mirrored',
    epAnnotations: { [ANNOTATION_LAST_APPLIED_CONFIG]: lastApplied, foo: 'bar' },
    subsets: oneSubsetOneAddress,
    existingEndpointSlices: [],
    expectedNumSlices: 1,
    expectedClientActions: 1,
    expectedMetrics: {
      addedPerSync: 1,
      numCreated: 1,
      desiredEndpoints: 1,
      desiredSlices: 1,
      actualSlices: 1,
    },
  },
  {
    testName:
      'Annotation mirroring should remove the last-applied-configuration annotation from existing endpoint slices',
    subsets: oneSubsetOneAddress,
    existingEndpointSlices: [
      sliceWithPod1({ annotations: { [ANNOTATION_LAST_APPLIED_CONFIG]: lastApplied } }),
    ],
    expectedNumSlices: 1,
    expectedClientActions: 1,
  },
];

/** upstream expectMetrics: every field of the expectation, 0 when left out. */
function expectMetrics(actual: MirroringMetrics, expected: ExpectedMetrics): void {
  expect(actual).toEqual({ ...emptyMirroringMetrics(), ...expected });
}

describe('TestReconcile', () => {
  test.each(testCases)('$testName', (tc) => {
    const namespace = 'test';
    const endpoints: Endpoints = {
      metadata: {
        name: 'test-ep',
        namespace,
        ...(tc.epLabels && { labels: tc.epLabels }),
        ...(tc.epAnnotations && { annotations: tc.epAnnotations }),
        ...(tc.uid !== undefined && { uid: tc.uid }),
        ...(tc.endpointsDeletionPending && { deletionTimestamp: '2024-01-01T00:00:00Z' }),
      },
      subsets: tc.subsets,
    };
    // The harness labels every existing slice as mirrored for this Endpoints object.
    const existing = tc.existingEndpointSlices.map((slice) => ({
      ...slice,
      metadata: {
        ...slice.metadata,
        labels: { [LABEL_SERVICE_NAME]: 'test-ep', [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME },
      },
    }));
    const api = new FakeSliceApi(existing);
    const max = tc.maxEndpointsPerSubset ?? defaultMaxEndpointsPerSubset;
    const result = reconcileMirroredSlices(endpoints, existing, {
      maxEndpointsPerSubset: max,
    });
    api.apply(result.actions);

    expect(result.actions).toHaveLength(tc.expectedClientActions);
    if (tc.expectedMetrics) expectMetrics(result.metrics, tc.expectedMetrics);
    expectEndpointSlices(tc.expectedNumSlices, max, endpoints, fetchEndpointSlices(api));
  });
});
