/**
 * Port of kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller_test.go, continued:
 * the tests of the helpers syncService uses (address, port, truncation, equality) and of the
 * counts it writes (readiness, capacity), under upstream's names. See legacyEndpoints.test.ts for
 * how upstream's harness maps here and which tests are skipped.
 */
import { describe, expect, test } from 'vitest';
import type { IPFamily, Pod, Service } from '../src/model/kubernetes.ts';
import type { EndpointAddress, Endpoints, EndpointSubset } from '../src/model/endpoints.ts';
import { syncServiceEndpoints } from '../src/legacy/endpointsController.ts';
import {
  endpointPortFromServicePort,
  podToEndpointAddressForService,
} from '../src/legacy/podContribution.ts';
import { endpointSubsetsEqualIgnoreResourceVersion } from '../src/legacy/subsetsEqual.ts';
import { truncateEndpoints } from '../src/legacy/truncate.ts';
import {
  ANNOTATION_OVER_CAPACITY,
  MAX_ENDPOINTS_CAPACITY as maxCapacity,
} from '../src/legacy/constants.ts';
import { ipFamilyOf } from '../src/net/ip.ts';
import {
  addPods,
  ipv4ipv6,
  ipv4only,
  ipv6ipv4,
  ipv6only,
  serviceFoo,
} from './builders/legacyFixtures.ts';

describe('TestPodToEndpointAddressForService', () => {
  const testCases: {
    name: string;
    ipFamilies: IPFamily[];
    spec: Service['spec'];
    expectedEndpointFamily?: IPFamily;
    expectError?: boolean;
  }[] = [
    {
      name: 'v4 service, in a single stack cluster',
      ipFamilies: ipv4only,
      spec: { clusterIP: '10.0.0.1' },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v4 service, in a dual stack cluster',
      ipFamilies: ipv4ipv6,
      spec: { clusterIP: '10.0.0.1' },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v4 service, in a dual stack ipv6-primary cluster',
      ipFamilies: ipv6ipv4,
      spec: { clusterIP: '10.0.0.1' },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v4 headless service, in a single stack cluster',
      ipFamilies: ipv4only,
      spec: { clusterIP: 'None' },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v4 headless service, in a dual stack cluster',
      ipFamilies: ipv4ipv6,
      spec: { clusterIP: 'None', ipFamilies: ['IPv4'] },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v4 legacy headless service, in a dual stack cluster',
      ipFamilies: ipv4ipv6,
      spec: { clusterIP: 'None' },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v4 legacy headless service, in a dual stack ipv6-primary cluster',
      ipFamilies: ipv6ipv4,
      spec: { clusterIP: 'None' },
      expectedEndpointFamily: 'IPv6',
    },
    {
      name: 'v6 service, in a dual stack cluster',
      ipFamilies: ipv4ipv6,
      spec: { clusterIP: '3000::1' },
      expectedEndpointFamily: 'IPv6',
    },
    {
      name: 'v6 headless service, in a single stack cluster',
      ipFamilies: ipv6only,
      spec: { clusterIP: 'None' },
      expectedEndpointFamily: 'IPv6',
    },
    {
      name: 'v6 headless service, in a dual stack cluster (connected to a new api-server)',
      ipFamilies: ipv4ipv6,
      spec: { clusterIP: 'None', ipFamilies: ['IPv6'] },
      expectedEndpointFamily: 'IPv6',
    },
    {
      name: 'v6 legacy headless service, in a dual stack cluster  (connected to a old api-server)',
      ipFamilies: ipv4ipv6,
      spec: { clusterIP: 'None' },
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v6 service, in a v4 only cluster.',
      ipFamilies: ipv4only,
      spec: { clusterIP: '3000::1' },
      expectError: true,
      expectedEndpointFamily: 'IPv4',
    },
    {
      name: 'v6 service, in a v4 only cluster',
      ipFamilies: ipv4only,
      spec: { clusterIP: '3000::1' },
      expectError: true,
    },
  ];
  test.each(testCases)('$name', ({ ipFamilies, spec, expectedEndpointFamily, expectError }) => {
    const [pod] = addPods('test', 1, 1, 0, ipFamilies);
    if (!pod) throw new Error('no pod');
    const epa = podToEndpointAddressForService({ metadata: {}, spec }, pod);
    if (expectError) {
      expect(epa).toBeUndefined();
      return;
    }
    if (!epa) throw new Error('expected an address');
    expect(ipFamilyOf(epa.ip)).toBe(expectedEndpointFamily);
    expect(epa.nodeName).toBe(pod.spec?.nodeName ?? '');
    expect(epa.targetRef?.kind).toBe('Pod');
    expect(epa.targetRef?.namespace).toBe(pod.metadata.namespace);
    expect(epa.targetRef?.name).toBe(pod.metadata.name);
    expect(epa.targetRef?.uid ?? '').toBe(pod.metadata.uid ?? '');
    expect(epa.targetRef?.resourceVersion).toBeUndefined();
  });
});

describe('TestSyncServiceOverCapacity', () => {
  const testCases: {
    name: string;
    startingAnnotation?: string;
    numExisting: number;
    numDesired: number;
    numDesiredNotReady: number;
    numExpectedReady: number;
    numExpectedNotReady: number;
    expectedAnnotation: boolean;
  }[] = [
    {
      name: 'empty',
      numExisting: 0,
      numDesired: 0,
      numDesiredNotReady: 0,
      numExpectedReady: 0,
      numExpectedNotReady: 0,
      expectedAnnotation: false,
    },
    {
      name: 'annotation added past capacity, < than maxCapacity of Ready Addresses',
      numExisting: maxCapacity - 1,
      numDesired: maxCapacity - 3,
      numDesiredNotReady: 4,
      numExpectedReady: maxCapacity - 3,
      numExpectedNotReady: 3,
      expectedAnnotation: true,
    },
    {
      name: 'annotation added past capacity, maxCapacity of Ready Addresses ',
      numExisting: maxCapacity - 1,
      numDesired: maxCapacity,
      numDesiredNotReady: 10,
      numExpectedReady: maxCapacity,
      numExpectedNotReady: 0,
      expectedAnnotation: true,
    },
    {
      name: 'annotation removed below capacity',
      startingAnnotation: 'truncated',
      numExisting: maxCapacity - 1,
      numDesired: maxCapacity - 1,
      numDesiredNotReady: 0,
      numExpectedReady: maxCapacity - 1,
      numExpectedNotReady: 0,
      expectedAnnotation: false,
    },
    {
      name: 'annotation was set to warning previously, annotation removed at capacity',
      startingAnnotation: 'warning',
      numExisting: maxCapacity,
      numDesired: maxCapacity,
      numDesiredNotReady: 0,
      numExpectedReady: maxCapacity,
      numExpectedNotReady: 0,
      expectedAnnotation: false,
    },
    {
      name: 'annotation was set to warning previously but still over capacity',
      startingAnnotation: 'warning',
      numExisting: maxCapacity + 1,
      numDesired: maxCapacity + 1,
      numDesiredNotReady: 0,
      numExpectedReady: maxCapacity,
      numExpectedNotReady: 0,
      expectedAnnotation: true,
    },
    {
      name: 'annotation removed at capacity',
      startingAnnotation: 'truncated',
      numExisting: maxCapacity,
      numDesired: maxCapacity,
      numDesiredNotReady: 0,
      numExpectedReady: maxCapacity,
      numExpectedNotReady: 0,
      expectedAnnotation: false,
    },
    {
      name: 'no endpoints change, annotation value corrected',
      startingAnnotation: 'invalid',
      numExisting: maxCapacity + 1,
      numDesired: maxCapacity + 1,
      numDesiredNotReady: 0,
      numExpectedReady: maxCapacity,
      numExpectedNotReady: 0,
      expectedAnnotation: true,
    },
  ];
  test.each(testCases)('$name', (tc) => {
    const ns = 'test';
    const pods = addPods(ns, tc.numDesired, 1, tc.numDesiredNotReady, ipv4only);
    const svc = serviceFoo(ns, { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
    const addresses = pods
      .slice(0, tc.numExisting)
      .map((pod) => podToEndpointAddressForService(svc, pod) as EndpointAddress);
    const existing: Endpoints = {
      metadata: {
        name: 'foo',
        namespace: ns,
        resourceVersion: '1',
        annotations:
          tc.startingAnnotation === undefined
            ? {}
            : { [ANNOTATION_OVER_CAPACITY]: tc.startingAnnotation },
      },
      subsets: [addresses.length > 0 ? { addresses } : {}],
    };
    const action = syncServiceEndpoints(svc, pods, existing);
    const actual = action?.verb === 'update' ? action.endpoints : existing;

    const annotation = actual.metadata.annotations?.[ANNOTATION_OVER_CAPACITY];
    expect(annotation).toBe(tc.expectedAnnotation ? 'truncated' : undefined);
    let numActualReady = 0;
    let numActualNotReady = 0;
    for (const subset of actual.subsets ?? []) {
      numActualReady += subset.addresses?.length ?? 0;
      numActualNotReady += subset.notReadyAddresses?.length ?? 0;
    }
    expect(numActualReady).toBe(tc.numExpectedReady);
    expect(numActualNotReady).toBe(tc.numExpectedNotReady);
  });
});

describe('TestTruncateEndpoints', () => {
  const testCases = [
    {
      desc: 'empty',
      subsetsReady: [],
      subsetsNotReady: [],
      expectedReady: [],
      expectedNotReady: [],
    },
    {
      desc: 'total endpoints < max capacity',
      subsetsReady: [50, 100, 100, 100, 100],
      subsetsNotReady: [50, 100, 100, 100, 100],
      expectedReady: [50, 100, 100, 100, 100],
      expectedNotReady: [50, 100, 100, 100, 100],
    },
    {
      desc: 'total endpoints = max capacity',
      subsetsReady: [100, 100, 100, 100, 100],
      subsetsNotReady: [100, 100, 100, 100, 100],
      expectedReady: [100, 100, 100, 100, 100],
      expectedNotReady: [100, 100, 100, 100, 100],
    },
    {
      desc: 'total ready endpoints < max capacity, but total endpoints > max capacity',
      subsetsReady: [90, 110, 50, 10, 20],
      subsetsNotReady: [101, 200, 200, 201, 298],
      expectedReady: [90, 110, 50, 10, 20],
      expectedNotReady: [73, 144, 144, 145, 214],
    },
    {
      desc: 'total ready endpoints > max capacity',
      subsetsReady: [205, 400, 402, 400, 693],
      subsetsNotReady: [100, 200, 200, 200, 300],
      expectedReady: [98, 191, 192, 191, 328],
      expectedNotReady: [0, 0, 0, 0, 0],
    },
  ];
  test.each(testCases)('$desc', (tc) => {
    const empty = (n: number): EndpointAddress[] => Array.from({ length: n }, () => ({ ip: '' }));
    const subsets: EndpointSubset[] = tc.subsetsReady.map((numReady, i) => ({
      addresses: empty(numReady),
      notReadyAddresses: empty(tc.subsetsNotReady[i] ?? 0),
    }));
    const { subsets: truncated } = truncateEndpoints(subsets);
    expect(truncated.map((subset) => subset.addresses?.length ?? 0)).toEqual(tc.expectedReady);
    expect(truncated.map((subset) => subset.notReadyAddresses?.length ?? 0)).toEqual(
      tc.expectedNotReady,
    );
  });
});

describe('TestEndpointPortFromServicePort', () => {
  test.each([
    { name: 'empty app protocol', serviceAppProtocol: undefined },
    { name: 'http app protocol', serviceAppProtocol: 'http' },
  ])('$name', ({ serviceAppProtocol }) => {
    const epp = endpointPortFromServicePort(
      { name: 'test', port: 0, ...(serviceAppProtocol && { appProtocol: serviceAppProtocol }) },
      80,
    );
    expect(epp.appProtocol).toBe(serviceAppProtocol);
  });
});

describe('TestSyncServiceAddresses', () => {
  const makeService = (tolerateUnready: boolean): Service => ({
    metadata: { name: 'foo', namespace: 'ns' },
    spec: {
      selector: { foo: 'bar' },
      publishNotReadyAddresses: tolerateUnready,
      type: 'ClusterIP',
      clusterIP: '1.1.1.1',
      ports: [{ port: 80 }],
    },
  });
  const makePod = (phase: string, isReady: boolean, terminating: boolean): Pod => ({
    metadata: {
      namespace: 'ns',
      name: 'fakepod',
      labels: { foo: 'bar' },
      ...(terminating && { deletionTimestamp: '2024-01-01T00:00:00Z' }),
    },
    spec: { containers: [{ name: '', ports: [{ name: 'port1', containerPort: 8080 }] }] },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False' }],
      podIP: '10.1.1.1',
      podIPs: [{ ip: '10.1.1.1' }],
    },
  });
  const testCases: [string, Pod, Service, number, number][] = [
    ['pod running phase', makePod('Running', true, false), makeService(false), 1, 0],
    ['pod running phase being deleted', makePod('Running', true, true), makeService(false), 0, 0],
    [
      'pod unknown phase container ready',
      makePod('Unknown', true, false),
      makeService(false),
      1,
      0,
    ],
    [
      'pod unknown phase container ready being deleted',
      makePod('Unknown', true, true),
      makeService(false),
      0,
      0,
    ],
    [
      'pod pending phase container ready',
      makePod('Pending', true, false),
      makeService(false),
      1,
      0,
    ],
    [
      'pod pending phase container ready being deleted',
      makePod('Pending', true, true),
      makeService(false),
      0,
      0,
    ],
    [
      'pod unknown phase container not ready',
      makePod('Unknown', false, false),
      makeService(false),
      0,
      1,
    ],
    [
      'pod pending phase container not ready',
      makePod('Pending', false, false),
      makeService(false),
      0,
      1,
    ],
    ['pod failed phase', makePod('Failed', false, false), makeService(false), 0, 0],
    ['pod succeeded phase', makePod('Succeeded', false, false), makeService(false), 0, 0],
    [
      'pod running phase and tolerate unready',
      makePod('Running', false, false),
      makeService(true),
      1,
      0,
    ],
    [
      'pod running phase and tolerate unready being deleted',
      makePod('Running', false, true),
      makeService(true),
      1,
      0,
    ],
    [
      'pod unknown phase and tolerate unready',
      makePod('Unknown', false, false),
      makeService(true),
      1,
      0,
    ],
    [
      'pod unknown phase and tolerate unready being deleted',
      makePod('Unknown', false, true),
      makeService(true),
      1,
      0,
    ],
    [
      'pod pending phase and tolerate unready',
      makePod('Pending', false, false),
      makeService(true),
      1,
      0,
    ],
    [
      'pod pending phase and tolerate unready being deleted',
      makePod('Pending', false, true),
      makeService(true),
      1,
      0,
    ],
    [
      'pod failed phase and tolerate unready',
      makePod('Failed', false, false),
      makeService(true),
      0,
      0,
    ],
    [
      'pod succeeded phase and tolerate unready endpoints',
      makePod('Succeeded', false, false),
      makeService(true),
      0,
      0,
    ],
  ];
  test.each(testCases)('%s', (_name, pod, service, expectedReady, expectedUnready) => {
    const action = syncServiceEndpoints(service, [pod], undefined);
    if (action?.verb !== 'create') throw new Error(`expected a create, got ${action?.verb}`);
    let ready = 0;
    let unready = 0;
    for (const subset of action.endpoints.subsets ?? []) {
      ready += subset.addresses?.length ?? 0;
      unready += subset.notReadyAddresses?.length ?? 0;
    }
    expect(ready).toBe(expectedReady);
    expect(unready).toBe(expectedUnready);
  });
});

describe('TestEndpointSubsetsEqualIgnoreResourceVersion', () => {
  const es1: EndpointSubset = {
    addresses: [
      {
        ip: '1.1.1.1',
        targetRef: { kind: 'Pod', name: 'pod1-1', namespace: 'ns', resourceVersion: '1' },
      },
    ],
    notReadyAddresses: [
      {
        ip: '1.1.1.2',
        targetRef: { kind: 'Pod', name: 'pod1-2', namespace: 'ns2', resourceVersion: '2' },
      },
    ],
    ports: [{ port: 8081, protocol: 'TCP' }],
  };
  const es2: EndpointSubset = {
    addresses: [
      {
        ip: '2.2.2.1',
        targetRef: { kind: 'Pod', name: 'pod2-1', namespace: 'ns', resourceVersion: '3' },
      },
    ],
    notReadyAddresses: [
      {
        ip: '2.2.2.2',
        targetRef: { kind: 'Pod', name: 'pod2-2', namespace: 'ns2', resourceVersion: '4' },
      },
    ],
    ports: [{ port: 8082, protocol: 'TCP' }],
  };
  const mutate = (subset: EndpointSubset, change: (copy: EndpointSubset) => void) => {
    const copy = structuredClone(subset);
    change(copy);
    return copy;
  };
  const tests: {
    name: string;
    subsets1: EndpointSubset[];
    subsets2: EndpointSubset[];
    expected: boolean;
  }[] = [
    { name: 'Subsets removed', subsets1: [es1, es2], subsets2: [es1], expected: false },
    {
      name: 'Ready Pod IP changed',
      subsets1: [es1, es2],
      subsets2: [
        mutate(es1, (es) => ((es.addresses as EndpointAddress[])[0]!.ip = '1.1.1.10')),
        es2,
      ],
      expected: false,
    },
    {
      name: 'NotReady Pod IP changed',
      subsets1: [es1, es2],
      subsets2: [
        es1,
        mutate(es2, (es) => ((es.notReadyAddresses as EndpointAddress[])[0]!.ip = '2.2.2.10')),
      ],
      expected: false,
    },
    {
      name: 'Pod ResourceVersion changed',
      subsets1: [es1, es2],
      subsets2: [
        es1,
        mutate(
          es2,
          (es) => ((es.addresses as EndpointAddress[])[0]!.targetRef!.resourceVersion = '100'),
        ),
      ],
      expected: true,
    },
    {
      name: 'Pod ResourceVersion removed',
      subsets1: [es1, es2],
      subsets2: [
        es1,
        mutate(
          es2,
          (es) => ((es.addresses as EndpointAddress[])[0]!.targetRef!.resourceVersion = ''),
        ),
      ],
      expected: true,
    },
    {
      name: 'Ports changed',
      subsets1: [es1, es2],
      subsets2: [es1, mutate(es1, (es) => (es.ports![0]!.port = 8082))],
      expected: false,
    },
  ];
  test.each(tests)('$name', ({ subsets1, subsets2, expected }) => {
    expect(endpointSubsetsEqualIgnoreResourceVersion(subsets1, subsets2)).toBe(expected);
  });
});
