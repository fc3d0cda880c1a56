/**
 * Port of kubernetes/kubernetes pkg/controller/endpointslicemirroring
 * endpointslicemirroring_controller_test.go (TestSyncEndpoints, TestShouldMirror,
 * TestEndpointSlicesMirroredForService), utils_test.go (TestNewEndpointSlice,
 * TestAddressToEndpoint) and reconciler_helpers_test.go (TestRecycleSlices), under upstream's
 * names. Upstream counts the recorded warning event as a client action; here events are returned
 * beside the calls and counted together.
 *
 * Skipped: endpointslice_tracker_test.go (the stale-slice tracker is not modelled) and
 * metrics/cache_test.go (the cross-object metrics cache; one sync's gauges are returned instead).
 */
import { describe, expect, test } from 'vitest';
import type { AddressType, EndpointPort, EndpointSlice, Service } from '../src/model/kubernetes.ts';
import type { EndpointAddress, Endpoints } from '../src/model/endpoints.ts';
import {
  ANNOTATION_TRIGGER_TIME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  MIRRORING_CONTROLLER_NAME,
} from '../src/model/constants.ts';
import { ANNOTATION_LEADER_ELECTION, LABEL_SKIP_MIRROR } from '../src/legacy/constants.ts';
import {
  reconcileMirroredSlices,
  shouldMirror,
  syncMirroredEndpoints,
} from '../src/legacy/mirroring.ts';
import {
  addressToEndpoint,
  isMirroredSliceOf,
  newMirroredEndpointSlice,
  recycleSlices,
  type SlicesByAction,
} from '../src/legacy/mirroringSlices.ts';
import { FakeSliceApi } from './builders/index.ts';
import { expectEndpointSlices, fetchEndpointSlices } from './builders/mirroringFixtures.ts';

const controllerName = MIRRORING_CONTROLLER_NAME;

/** upstream generateAddresses: 10.0.<i/255>.<i%255>. */
function generateAddresses(num: number): EndpointAddress[] {
  return Array.from({ length: num }, (_, i) => ({
    ip: `10.0.${Math.floor(i / 255)}.${i % 255}`,
  }));
}

describe('TestSyncEndpoints', () => {
  const endpointsName = 'testing-sync-endpoints';
  const namespace = 'default';
  const emptyService: Service = { metadata: {}, spec: {} };
  const testCases: {
    testName: string;
    service: Service | undefined;
    endpoints: Endpoints;
    endpointSlices: EndpointSlice[];
    expectedNumActions: number;
    expectedNumSlices: number;
  }[] = [
    {
      testName: 'Endpoints with no addresses',
      service: emptyService,
      endpoints: { metadata: {}, subsets: [{ ports: [{ port: 80 }] }] },
      endpointSlices: [],
      expectedNumActions: 0,
      expectedNumSlices: 0,
    },
    {
      testName: 'Endpoints with skip label true',
      service: emptyService,
      endpoints: {
        metadata: { labels: { [LABEL_SKIP_MIRROR]: 'true' } },
        subsets: [{ ports: [{ port: 80 }], addresses: [{ ip: '10.0.0.1' }] }],
      },
      endpointSlices: [],
      expectedNumActions: 0,
      expectedNumSlices: 0,
    },
    {
      testName: 'Endpoints with skip label false',
      service: emptyService,
      endpoints: {
        metadata: { labels: { [LABEL_SKIP_MIRROR]: 'false' } },
        subsets: [{ ports: [{ port: 80 }], addresses: [{ ip: '10.0.0.1' }] }],
      },
      endpointSlices: [],
      expectedNumActions: 1,
      expectedNumSlices: 1,
    },
    {
      testName: 'Endpoints with missing Service',
      service: undefined,
      endpoints: {
        metadata: {},
        subsets: [{ ports: [{ port: 80 }], addresses: [{ ip: '10.0.0.1' }] }],
      },
      endpointSlices: [],
      expectedNumActions: 0,
      expectedNumSlices: 0,
    },
    {
      testName: 'Endpoints with Service with selector specified',
      service: { metadata: {}, spec: { selector: { foo: 'bar' } } },
      endpoints: {
        metadata: {},
        subsets: [{ ports: [{ port: 80 }], addresses: [{ ip: '10.0.0.1' }] }],
      },
      endpointSlices: [],
      expectedNumActions: 0,
      expectedNumSlices: 0,
    },
    {
      testName: 'Existing EndpointSlices that need to be cleaned up',
      service: emptyService,
      endpoints: { metadata: {}, subsets: [{ ports: [{ port: 80 }] }] },
      endpointSlices: [
        {
          metadata: {
            name: `${endpointsName}-1`,
            labels: { [LABEL_SERVICE_NAME]: endpointsName, [LABEL_MANAGED_BY]: controllerName },
          },
          // Upstream leaves the address type empty.
          addressType: '' as AddressType,
          endpoints: null,
        },
      ],
      expectedNumActions: 1,
      expectedNumSlices: 0,
    },
    {
      testName: 'Existing EndpointSlices managed by a different controller, no addresses to sync',
      service: emptyService,
      endpoints: { metadata: {}, subsets: [{ ports: [{ port: 80 }] }] },
      endpointSlices: [
        {
          metadata: {
            name: `${endpointsName}-1`,
            labels: { [LABEL_MANAGED_BY]: 'something-else' },
          },
          addressType: '' as AddressType,
          endpoints: null,
        },
      ],
      expectedNumActions: 0,
      // This only queries for EndpointSlices managed by this controller.
      expectedNumSlices: 0,
    },
    {
      testName: 'Endpoints with 1000 addresses',
      service: emptyService,
      endpoints: {
        metadata: {},
        subsets: [{ ports: [{ port: 80 }], addresses: generateAddresses(1000) }],
      },
      endpointSlices: [],
      expectedNumActions: 1,
      expectedNumSlices: 1,
    },
    {
      testName: 'Endpoints with 1001 addresses - 1 should not be mirrored',
      service: emptyService,
      endpoints: {
        metadata: {},
        subsets: [{ ports: [{ port: 80 }], addresses: generateAddresses(1001) }],
      },
      endpointSlices: [],
      expectedNumActions: 2, // extra action for creating warning event
      expectedNumSlices: 1,
    },
  ];

  test.each(testCases)('$testName', (tc) => {
    const endpoints: Endpoints = {
      ...tc.endpoints,
      metadata: { ...tc.endpoints.metadata, name: endpointsName, namespace },
    };
    const service = tc.service && {
      ...tc.service,
      metadata: { name: endpointsName, namespace },
    };
    const slices = tc.endpointSlices.map((slice) => ({
      ...slice,
      metadata: { ...slice.metadata, namespace },
    }));
    const api = new FakeSliceApi(slices);
    const result = syncMirroredEndpoints(
      { namespace, name: endpointsName },
      endpoints,
      service,
      api.list(),
    );
    api.apply(result.actions);
    expect(result.actions.length + result.events.length).toBe(tc.expectedNumActions);
    expectEndpointSlices(tc.expectedNumSlices, 1000, endpoints, fetchEndpointSlices(api));
  });
});

describe('TestShouldMirror', () => {
  test.each([
    {
      testName: 'Standard Endpoints',
      endpoints: { metadata: { name: 'test-endpoints' } },
      want: true,
    },
    {
      testName: 'Endpoints with skip-mirror=true',
      endpoints: { metadata: { name: 'test-endpoints', labels: { [LABEL_SKIP_MIRROR]: 'true' } } },
      want: false,
    },
    {
      testName: 'Endpoints with skip-mirror=invalid',
      endpoints: {
        metadata: { name: 'test-endpoints', labels: { [LABEL_SKIP_MIRROR]: 'invalid' } },
      },
      want: true,
    },
    {
      testName: 'Endpoints with leader election annotation',
      endpoints: {
        metadata: { name: 'test-endpoints', annotations: { [ANNOTATION_LEADER_ELECTION]: '' } },
      },
      want: false,
    },
  ])('$testName', ({ endpoints, want }) => {
    expect(shouldMirror(endpoints)).toBe(want);
  });
});

describe('TestEndpointSlicesMirroredForService', () => {
  const slice = (namespace: string, labels: Record<string, string>): EndpointSlice => ({
    metadata: { name: 'example-1', namespace, labels },
    addressType: 'IPv4',
    endpoints: [],
  });
  test.each([
    {
      testName: 'Service with matching EndpointSlice',
      endpointSlice: slice('ns1', {
        [LABEL_SERVICE_NAME]: 'svc1',
        [LABEL_MANAGED_BY]: controllerName,
      }),
      expectedInList: true,
    },
    {
      testName: 'Service with EndpointSlice that has different namespace',
      endpointSlice: slice('ns2', {
        [LABEL_SERVICE_NAME]: 'svc1',
        [LABEL_MANAGED_BY]: controllerName,
      }),
      expectedInList: false,
    },
    {
      testName: 'Service with EndpointSlice that has different service name',
      endpointSlice: slice('ns1', {
        [LABEL_SERVICE_NAME]: 'svc2',
        [LABEL_MANAGED_BY]: controllerName,
      }),
      expectedInList: false,
    },
    {
      testName: 'Service with EndpointSlice that has different controller name',
      endpointSlice: slice('ns1', {
        [LABEL_SERVICE_NAME]: 'svc1',
        [LABEL_MANAGED_BY]: `${controllerName}foo`,
      }),
      expectedInList: false,
    },
    {
      testName: 'Service with EndpointSlice that has missing controller name',
      endpointSlice: slice('ns1', { [LABEL_SERVICE_NAME]: 'svc1' }),
      expectedInList: false,
    },
    {
      testName: 'Service with EndpointSlice that has missing service name',
      endpointSlice: slice('ns1', { [LABEL_MANAGED_BY]: controllerName }),
      expectedInList: false,
    },
  ])('$testName', ({ endpointSlice, expectedInList }) => {
    expect(isMirroredSliceOf(endpointSlice, 'ns1', 'svc1')).toBe(expectedInList);
  });
});

describe('TestNewEndpointSlice', () => {
  const ports: EndpointPort[] = [{ name: 'foo', protocol: 'TCP' }];
  const endpoints: Endpoints = {
    metadata: { name: 'foo', namespace: 'test' },
    subsets: [{ ports: [{ port: 80 }] }],
  };
  const ownerRef = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    name: 'foo',
    uid: '',
    controller: true,
    blockOwnerDeletion: true,
  };
  /** The expected slice; slicescope's carries kind and apiVersion, and omits empty annotations. */
  const expectedSlice = (
    labels: Record<string, string>,
    annotations?: Record<string, string>,
  ): EndpointSlice => ({
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: {
      generateName: 'foo-',
      namespace: 'test',
      labels: { ...labels, [LABEL_SERVICE_NAME]: 'foo', [LABEL_MANAGED_BY]: controllerName },
      ...(annotations && { annotations }),
      ownerReferences: [ownerRef],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  });
  test.each<{
    name: string;
    tweak: { labels?: Record<string, string>; annotations?: Record<string, string> };
    expected: EndpointSlice;
  }>([
    { name: 'create slice from endpoints', tweak: {}, expected: expectedSlice({}) },
    {
      name: 'create slice from endpoints with annotations',
      tweak: { annotations: { foo: 'bar' } },
      expected: expectedSlice({}, { foo: 'bar' }),
    },
    {
      name: 'create slice from endpoints with labels',
      tweak: { labels: { foo: 'bar' } },
      expected: expectedSlice({ foo: 'bar' }),
    },
    {
      name: 'create slice from endpoints with labels and annotations',
      tweak: { labels: { foo: 'bar' }, annotations: { foo2: 'bar2' } },
      expected: expectedSlice({ foo: 'bar' }, { foo2: 'bar2' }),
    },
    {
      name: 'create slice from endpoints with labels and annotations triggertime',
      tweak: {
        labels: { foo: 'bar' },
        annotations: { foo2: 'bar2', [ANNOTATION_TRIGGER_TIME]: 'date' },
      },
      expected: expectedSlice({ foo: 'bar' }, { foo2: 'bar2' }),
    },
  ])('$name', ({ tweak, expected }) => {
    const ep = { ...endpoints, metadata: { ...endpoints.metadata, ...tweak } };
    expect(newMirroredEndpointSlice(ep, ports, 'IPv4', undefined)).toEqual(expected);
    expect(endpoints.metadata.labels).toBeUndefined();
  });
});

test('TestAddressToEndpoint', () => {
  const epAddress: EndpointAddress = {
    ip: '10.1.2.3',
    hostname: 'foo',
    nodeName: 'node-abc',
    targetRef: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'foo' },
  };
  expect(addressToEndpoint(epAddress, true)).toEqual({
    endpoint: {
      addresses: ['10.1.2.3'],
      conditions: { ready: true },
      hostname: 'foo',
      targetRef: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'foo' },
      nodeName: 'node-abc',
    },
    addressType: 'IPv4',
  });
});

describe('TestRecycleSlices', () => {
  const simpleEndpointSlice = (
    name: string,
    ip: string,
    addressType: AddressType,
  ): EndpointSlice => ({
    metadata: { name },
    addressType,
    endpoints: [{ addresses: [ip] }],
  });
  const v6a = '2001:db8:1111:3333:4444:5555:6666:7777';
  const v6b = '2001:db8:2222:3333:4444:5555:6666:7777';
  const none: SlicesByAction = { toCreate: [], toUpdate: [], toDelete: [] };
  test.each<{ testName: string; startingSlices: SlicesByAction; expectedSlices: SlicesByAction }>([
    { testName: 'Empty slices', startingSlices: none, expectedSlices: none },
    {
      testName: '1 to create and 1 to delete',
      startingSlices: {
        ...none,
        toCreate: [simpleEndpointSlice('foo', '10.1.2.3', 'IPv4')],
        toDelete: [simpleEndpointSlice('bar', '10.2.3.4', 'IPv4')],
      },
      expectedSlices: { ...none, toUpdate: [simpleEndpointSlice('bar', '10.1.2.3', 'IPv4')] },
    },
    {
      testName: '1 to create, update, and delete',
      startingSlices: {
        toCreate: [simpleEndpointSlice('foo', '10.1.2.3', 'IPv4')],
        toUpdate: [simpleEndpointSlice('baz', '10.2.3.4', 'IPv4')],
        toDelete: [simpleEndpointSlice('bar', '10.3.4.5', 'IPv4')],
      },
      expectedSlices: {
        ...none,
        toUpdate: [
          simpleEndpointSlice('bar', '10.1.2.3', 'IPv4'),
          simpleEndpointSlice('baz', '10.2.3.4', 'IPv4'),
        ],
      },
    },
    {
      testName: '2 to create and 1 to delete',
      startingSlices: {
        ...none,
        toCreate: [
          simpleEndpointSlice('foo1', '10.1.2.3', 'IPv4'),
          simpleEndpointSlice('foo2', '10.3.4.5', 'IPv4'),
        ],
        toDelete: [simpleEndpointSlice('bar', '10.2.3.4', 'IPv4')],
      },
      expectedSlices: {
        ...none,
        toCreate: [simpleEndpointSlice('foo2', '10.3.4.5', 'IPv4')],
        toUpdate: [simpleEndpointSlice('bar', '10.1.2.3', 'IPv4')],
      },
    },
    {
      testName: '1 to create and 2 to delete',
      startingSlices: {
        ...none,
        toCreate: [simpleEndpointSlice('foo1', '10.1.2.3', 'IPv4')],
        toDelete: [
          simpleEndpointSlice('bar1', '10.2.3.4', 'IPv4'),
          simpleEndpointSlice('bar2', '10.3.4.5', 'IPv4'),
        ],
      },
      expectedSlices: {
        ...none,
        toUpdate: [simpleEndpointSlice('bar1', '10.1.2.3', 'IPv4')],
        toDelete: [simpleEndpointSlice('bar2', '10.3.4.5', 'IPv4')],
      },
    },
    {
      testName: '1 to create and 1 to delete for each IP family',
      startingSlices: {
        ...none,
        toCreate: [
          simpleEndpointSlice('foo-v4', '10.1.2.3', 'IPv4'),
          simpleEndpointSlice('foo-v6', v6a, 'IPv6'),
        ],
        toDelete: [
          simpleEndpointSlice('bar-v4', '10.2.2.3', 'IPv4'),
          simpleEndpointSlice('bar-v6', v6b, 'IPv6'),
        ],
      },
      expectedSlices: {
        ...none,
        toUpdate: [
          simpleEndpointSlice('bar-v4', '10.1.2.3', 'IPv4'),
          simpleEndpointSlice('bar-v6', v6a, 'IPv6'),
        ],
      },
    },
    {
      testName: '1 to create and 1 to delete, wrong IP family',
      startingSlices: {
        ...none,
        toCreate: [simpleEndpointSlice('foo-v4', '10.1.2.3', 'IPv4')],
        toDelete: [simpleEndpointSlice('bar-v6', v6b, 'IPv6')],
      },
      expectedSlices: {
        ...none,
        toCreate: [simpleEndpointSlice('foo-v4', '10.1.2.3', 'IPv4')],
        toDelete: [simpleEndpointSlice('bar-v6', v6b, 'IPv6')],
      },
    },
  ])('$testName', ({ startingSlices, expectedSlices }) => {
    const byName = (a: EndpointSlice, b: EndpointSlice) =>
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
    const recycled = recycleSlices(startingSlices);
    // Upstream sorts each list by name before comparing (its address types come in map order).
    for (const list of ['toCreate', 'toUpdate', 'toDelete'] as const) {
      const summary = (slices: EndpointSlice[]) =>
        [...slices].sort(byName).map((slice) => ({
          name: slice.metadata.name,
          addressType: slice.addressType,
          addresses: slice.endpoints?.map((endpoint) => endpoint.addresses),
        }));
      expect(summary(recycled[list])).toEqual(summary(expectedSlices[list]));
    }
  });
});

describe('mirroring, beyond upstream', () => {
  const namespace = 'test';
  const base: Endpoints = {
    metadata: { name: 'ext', namespace, uid: 'uid-ext', labels: { team: 'a' } },
    subsets: [
      {
        addresses: [{ ip: '10.0.0.2' }, { ip: '10.0.0.1', hostname: 'a', nodeName: 'n1' }],
        notReadyAddresses: [{ ip: '2001:db8::0001' }, { ip: 'not-an-ip' }],
        ports: [{ name: 'http', port: 80, protocol: 'TCP', appProtocol: 'http' }],
      },
    ],
  };

  test('one slice per address family, canonical IPs, ready first, events as values', () => {
    const result = reconcileMirroredSlices(base, []);
    expect(result.events).toEqual([
      {
        type: 'Warning',
        reason: 'InvalidIPAddress',
        message: 'Skipped 1 invalid IP addresses when mirroring to EndpointSlices',
      },
    ]);
    expect(result.actions).toEqual([
      {
        verb: 'create',
        slice: {
          kind: 'EndpointSlice',
          apiVersion: 'discovery.k8s.io/v1',
          metadata: {
            generateName: 'ext-',
            namespace,
            labels: {
              [LABEL_MANAGED_BY]: controllerName,
              [LABEL_SERVICE_NAME]: 'ext',
              team: 'a',
            },
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Endpoints',
                name: 'ext',
                uid: 'uid-ext',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          addressType: 'IPv4',
          endpoints: [
            { addresses: ['10.0.0.1'], conditions: { ready: true }, hostname: 'a', nodeName: 'n1' },
            { addresses: ['10.0.0.2'], conditions: { ready: true } },
          ],
          ports: [{ name: 'http', protocol: 'TCP', port: 80, appProtocol: 'http' }],
        },
      },
      {
        verb: 'create',
        slice: expect.objectContaining({
          addressType: 'IPv6',
          endpoints: [{ addresses: ['2001:db8::1'], conditions: { ready: false } }],
        }),
      },
    ]);
  });

  test('a second reconcile on what was written makes no call', () => {
    const api = new FakeSliceApi();
    api.apply(reconcileMirroredSlices(base, []).actions);
    expect(reconcileMirroredSlices(base, api.list()).actions).toEqual([]);
  });

  test('a port change recycles the old slice of the same family', () => {
    const api = new FakeSliceApi();
    api.apply(reconcileMirroredSlices(base, []).actions);
    const changed: Endpoints = {
      ...base,
      subsets: [{ ...base.subsets?.[0], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    };
    const { actions } = reconcileMirroredSlices(changed, api.list());
    expect(actions.map((action) => action.verb)).toEqual(['update', 'update']);
    expect(
      actions.map((action) => (action.verb === 'update' ? action.slice.metadata.name : '')),
    ).toEqual(['ext-1', 'ext-2']);
  });

  test('the limit counts per subset, invalid IPs do not use it, and the warning says so', () => {
    const endpoints: Endpoints = {
      metadata: { name: 'ext', namespace },
      subsets: [
        {
          // Repacking sorts by IP text: '0-bad' is met first; 'also-bad', past the limit, is never
          // examined, so it counts as skipped but not as invalid.
          addresses: [{ ip: '10.0.0.2' }, { ip: '0-bad' }, { ip: '10.0.0.1' }],
          notReadyAddresses: [{ ip: '10.0.0.3' }, { ip: 'also-bad' }],
          ports: [{ port: 80, protocol: 'TCP' }],
        },
      ],
    };
    const result = reconcileMirroredSlices(endpoints, [], { maxEndpointsPerSubset: 2 });
    const [create] = result.actions;
    expect(create?.verb === 'create' && create.slice.endpoints).toEqual([
      { addresses: ['10.0.0.1'], conditions: { ready: true } },
      { addresses: ['10.0.0.2'], conditions: { ready: true } },
    ]);
    expect(result.metrics.skippedPerSync).toBe(3);
    expect(result.events.map((event) => event.message)).toEqual([
      'Skipped 1 invalid IP addresses when mirroring to EndpointSlices',
      'A max of 2 addresses can be mirrored to EndpointSlices per Endpoints subset. 3 addresses were skipped',
    ]);
  });

  test('a Service gaining a selector deletes every mirrored slice', () => {
    const api = new FakeSliceApi();
    api.apply(reconcileMirroredSlices(base, []).actions);
    const service: Service = {
      metadata: { name: 'ext', namespace },
      spec: { selector: { app: 'x' } },
    };
    const result = syncMirroredEndpoints({ namespace, name: 'ext' }, base, service, api.list());
    expect(result.actions).toEqual([
      { verb: 'delete', name: 'ext-1' },
      { verb: 'delete', name: 'ext-2' },
    ]);
  });

  test('a slice of an earlier Endpoints object with the same content is rewritten', () => {
    const api = new FakeSliceApi();
    api.apply(reconcileMirroredSlices(base, []).actions);
    const recreated = { ...base, metadata: { ...base.metadata, uid: 'uid-new' } };
    const { actions } = reconcileMirroredSlices(recreated, api.list());
    expect(actions.map((action) => action.verb)).toEqual(['update', 'update']);
  });
});
