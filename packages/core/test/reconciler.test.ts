/**
 * Port of upstream k8s.io/endpointslice reconciler_test.go, TestReconcileEmpty through
 * TestReconcileEndpointSlicesReplaceDeprecated. Upstream's EndpointSliceTracker generations,
 * klog and event recorder are not modelled; cacheMutationCheck becomes a snapshot comparison.
 */
import { describe, expect, test } from 'vitest';
import {
  ANNOTATION_TRIGGER_TIME,
  CONTROLLER_NAME,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  emptySyncMetrics,
  type AddressType,
  type Endpoint,
  type EndpointSlice,
  type Node,
  type Pod,
  type Reconciliation,
  type Service,
  type SyncMetrics,
} from '../src/index.ts';
import { podToEndpoint } from '../src/controller/pods.ts';
import { newEndpointSlice, placeholderSliceEquals } from '../src/controller/slices.ts';
import {
  FakeSliceApi,
  expectActions,
  expectUnorderedSlicesWithLengths,
  newEmptyEndpointSlice,
  newPod,
  newServiceAndEndpointMeta,
  reconcileHelper,
} from './builders/index.ts';

const defaultMaxEndpointsPerSlice = 100;

/** `&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-1"}}` */
const plainNode1: Node = { metadata: { name: 'node-1' } };
/** `&corev1.Node{}` */
const emptyNode: Node = { metadata: {} };

/**
 * upstream newReconciler plus reconcileHelper: every reconcile against `api` with these Nodes
 * must succeed. Upstream's metrics are global and reset per test; here they are accumulated over
 * the reconciles of this reconciler (counters and histograms summed, gauges of the last call).
 */
function newReconciler(
  api: FakeSliceApi,
  nodes: readonly Node[],
  maxEndpointsPerSlice = defaultMaxEndpointsPerSlice,
) {
  const results: Reconciliation[] = [];
  return {
    reconcile(
      service: Service,
      pods: readonly Pod[],
      existingSlices: readonly EndpointSlice[],
      triggerTime = new Date().toISOString(),
    ): Reconciliation {
      const result = reconcileHelper(
        api,
        service,
        pods,
        nodes,
        { maxEndpointsPerSlice, triggerTime },
        existingSlices,
      );
      expect(result.errors, 'Expected no error reconciling Endpoint Slices').toEqual([]);
      results.push(result);
      return result;
    },
    metrics(): SyncMetrics {
      return cumulativeMetrics(results);
    },
  };
}

function cumulativeMetrics(results: readonly Reconciliation[]): SyncMetrics {
  const total = emptySyncMetrics();
  for (const { metrics } of results) {
    total.addedPerSync += metrics.addedPerSync;
    total.removedPerSync += metrics.removedPerSync;
    total.numCreated += metrics.numCreated;
    total.numUpdated += metrics.numUpdated;
    total.numDeleted += metrics.numDeleted;
    total.slicesChangedPerSync += metrics.slicesChangedPerSync;
    total.slicesChangedPerSyncTopology += metrics.slicesChangedPerSyncTopology;
    total.slicesChangedPerSyncTrafficDist += metrics.slicesChangedPerSyncTrafficDist;
  }
  const last = results[results.length - 1]?.metrics;
  if (last) {
    total.desiredSlices = last.desiredSlices;
    total.actualSlices = last.actualSlices;
    total.desiredEndpoints = last.desiredEndpoints;
    total.servicesCountByTrafficDistribution = last.servicesCountByTrafficDistribution;
  }
  return total;
}

interface ExpectedMetrics {
  desiredSlices: number;
  actualSlices: number;
  desiredEndpoints: number;
  addedPerSync: number;
  removedPerSync: number;
  numCreated: number;
  numUpdated: number;
  numDeleted: number;
  slicesChangedPerSync: number;
  slicesChangedPerSyncTopology?: number;
  slicesChangedPerSyncTrafficDist?: number;
  servicesCountByTrafficDistribution?: Record<string, number>;
}

/** upstream expectMetrics; fields left out of `em` are expected to be 0, as in Go. */
function expectMetrics(actual: SyncMetrics, em: ExpectedMetrics): void {
  expect(actual).toEqual({
    desiredSlices: em.desiredSlices,
    actualSlices: em.actualSlices,
    desiredEndpoints: em.desiredEndpoints,
    addedPerSync: em.addedPerSync,
    removedPerSync: em.removedPerSync,
    numCreated: em.numCreated,
    numUpdated: em.numUpdated,
    numDeleted: em.numDeleted,
    slicesChangedPerSync: em.slicesChangedPerSync,
    slicesChangedPerSyncTopology: em.slicesChangedPerSyncTopology ?? 0,
    slicesChangedPerSyncTrafficDist: em.slicesChangedPerSyncTrafficDist ?? 0,
    servicesCountByTrafficDistribution: em.servicesCountByTrafficDistribution ?? {},
  });
}

/** upstream cacheMutationCheck: a deep copy now, compared with the originals by check(). */
function newCacheMutationCheck(slices: readonly EndpointSlice[]) {
  const deepCopy = structuredClone(slices);
  return {
    check(): void {
      expect(slices, 'Cached object was unexpectedly mutated').toStrictEqual(deepCopy);
    },
  };
}

/** `pods[i]`, which the loops below only read within bounds. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at index ${index}`);
  return item;
}

/** `svc.Spec.Ports[0].TargetPort.IntVal = targetPort` */
function setTargetPort(service: Service, targetPort: number): void {
  const [first, ...rest] = service.spec.ports ?? [];
  if (!first) throw new Error('service has no ports');
  service.spec.ports = [{ ...first, targetPort }, ...rest];
}

/** 250 (or `count`) Pods, one in three not ready, as most upstream tests start. */
function podsOneThirdNotReady(count: number, namespace: string): Pod[] {
  const pods: Pod[] = [];
  for (let i = 0; i < count; i++) {
    const ready = i % 3 !== 0;
    pods.push(newPod(i, namespace, ready, 1, false));
  }
  return pods;
}

/**
 * reflect.DeepEqual compares Go values, where an empty string field of an ObjectReference is the
 * same as an unset one (the API's JSON omits both).
 */
function goComparableEndpoint(endpoint: Endpoint | undefined): Endpoint | undefined {
  if (!endpoint?.targetRef) return endpoint;
  const targetRef = Object.fromEntries(
    Object.entries(endpoint.targetRef).filter(([, value]) => value !== ''),
  );
  return { ...endpoint, targetRef };
}

/** topologycache.EndpointReady */
function endpointReady(endpoint: Endpoint): boolean {
  return endpoint.conditions?.ready === true;
}

// Even when there are no pods, we want to have a placeholder slice for each service
test('TestReconcileEmpty', () => {
  const api = new FakeSliceApi();
  const namespace = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, [], []);
  expectActions(api.actions, 1, 'create');

  const slices = api.list();
  expect(slices, 'Expected 1 endpoint slices').toHaveLength(1);

  const [slice] = slices;
  expect(slice?.metadata.name).toMatch(new RegExp(`^${svc.metadata.name}`));
  expect(slice?.metadata.labels?.[LABEL_SERVICE_NAME]).toBe(svc.metadata.name);
  expect(slice?.ports).toEqual([]);
  expect(slice?.endpoints).toEqual([]);
  expectMetrics(r.metrics(), {
    desiredSlices: 1,
    actualSlices: 1,
    desiredEndpoints: 0,
    addedPerSync: 0,
    removedPerSync: 0,
    numCreated: 1,
    numUpdated: 0,
    numDeleted: 0,
    slicesChangedPerSync: 1,
  });
});

// Given a single pod matching a service selector and no existing endpoint slices,
// a slice should be created
describe('TestReconcile1Pod', () => {
  const namespace = 'test';
  const noFamilyService = newServiceAndEndpointMeta('foo', namespace).service;
  noFamilyService.spec.clusterIP = '10.0.0.10';
  delete noFamilyService.spec.ipFamilies;

  const svcv4 = newServiceAndEndpointMeta('foo', namespace).service;
  const svcv4ClusterIP = newServiceAndEndpointMeta('foo', namespace).service;
  svcv4ClusterIP.spec.clusterIP = '1.1.1.1';
  const svcv4Labels = newServiceAndEndpointMeta('foo', namespace).service;
  svcv4Labels.metadata.labels = { foo: 'bar' };
  const svcv4BadLabels = newServiceAndEndpointMeta('foo', namespace).service;
  svcv4BadLabels.metadata.labels = {
    [LABEL_SERVICE_NAME]: 'bad',
    [LABEL_MANAGED_BY]: 'actor',
    [LABEL_HEADLESS]: 'invalid',
  };
  const svcv6 = newServiceAndEndpointMeta('foo', namespace).service;
  svcv6.spec.ipFamilies = ['IPv6'];
  const svcv6ClusterIP = newServiceAndEndpointMeta('foo', namespace).service;
  svcv6ClusterIP.spec.clusterIP = '1234::5678:0000:0000:9abc:def1';
  // newServiceAndEndpointMeta generates v4 single stack
  svcv6ClusterIP.spec.ipFamilies = ['IPv6'];

  // dual stack
  const dualStackSvc = newServiceAndEndpointMeta('foo', namespace).service;
  dualStackSvc.spec.ipFamilies = ['IPv4', 'IPv6'];
  dualStackSvc.spec.clusterIP = '10.0.0.10';
  dualStackSvc.spec.clusterIPs = ['10.0.0.10', '2000::1'];

  const pod1 = newPod(1, namespace, true, 1, false);
  pod1.status = {
    ...pod1.status,
    podIPs: [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }],
  };
  pod1.spec = { ...pod1.spec, hostname: 'example-hostname' };
  const node1: Node = {
    metadata: {
      name: pod1.spec.nodeName ?? '',
      labels: {
        'topology.kubernetes.io/zone': 'us-central1-a',
        'topology.kubernetes.io/region': 'us-central1',
      },
    },
  };

  const endpointWithAddress = (address: string): Endpoint => ({
    addresses: [address],
    conditions: { ready: true, serving: true, terminating: false },
    zone: 'us-central1-a',
    nodeName: 'node-1',
    targetRef: { kind: 'Pod', namespace, name: 'pod1' },
  });
  const ipv4Endpoint = endpointWithAddress('1.2.3.4');
  const ipv6Endpoint = endpointWithAddress('1234::5678:0:0:9abc:def0');

  // Upstream's expectedAddressType and expectedEndpoint fields are never read by the test.
  const testCases: Record<
    string,
    {
      service: Service;
      expectedLabels: Record<string, string>;
      expectedEndpointPerSlice: Partial<Record<AddressType, Endpoint[]>>;
    }
  > = {
    'no-family-service': {
      service: noFamilyService,
      expectedEndpointPerSlice: { IPv4: [ipv4Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
      },
    },
    ipv4: {
      service: svcv4,
      expectedEndpointPerSlice: { IPv4: [ipv4Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_HEADLESS]: '',
      },
    },
    'ipv4-clusterip': {
      service: svcv4ClusterIP,
      expectedEndpointPerSlice: { IPv4: [ipv4Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
      },
    },
    'ipv4-labels': {
      service: svcv4Labels,
      expectedEndpointPerSlice: { IPv4: [ipv4Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
        foo: 'bar',
        [LABEL_HEADLESS]: '',
      },
    },
    'ipv4-bad-labels': {
      service: svcv4BadLabels,
      expectedEndpointPerSlice: { IPv4: [ipv4Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_HEADLESS]: '',
      },
    },
    ipv6: {
      service: svcv6,
      expectedEndpointPerSlice: { IPv6: [ipv6Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
        [LABEL_HEADLESS]: '',
      },
    },
    'ipv6-clusterip': {
      service: svcv6ClusterIP,
      expectedEndpointPerSlice: { IPv6: [ipv6Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
      },
    },
    'dualstack-service': {
      service: dualStackSvc,
      expectedEndpointPerSlice: { IPv6: [ipv6Endpoint], IPv4: [ipv4Endpoint] },
      expectedLabels: {
        [LABEL_MANAGED_BY]: CONTROLLER_NAME,
        [LABEL_SERVICE_NAME]: 'foo',
      },
    },
  };

  for (const [name, testCase] of Object.entries(testCases)) {
    test(name, () => {
      const api = new FakeSliceApi();
      const triggerTime = new Date().toISOString();
      const r = newReconciler(api, [node1]);
      r.reconcile(testCase.service, [pod1], [], triggerTime);

      const numExpectedSlices = Object.keys(testCase.expectedEndpointPerSlice).length;
      expect(api.actions).toHaveLength(numExpectedSlices);

      const slices = api.list();
      expect(slices).toHaveLength(numExpectedSlices);

      for (const slice of slices) {
        expect(slice.metadata.name?.startsWith(testCase.service.metadata.name ?? '')).toBe(true);

        expect(slice.metadata.labels).toStrictEqual(testCase.expectedLabels);
        expect(slice.metadata.labels?.[LABEL_SERVICE_NAME]).toBe(testCase.service.metadata.name);

        expect(slice.metadata.annotations?.[ANNOTATION_TRIGGER_TIME]).toBe(triggerTime);

        // validate that this slice has address type matching expected
        const expectedEndpointList = testCase.expectedEndpointPerSlice[slice.addressType];
        expect(
          expectedEndpointList,
          `address type ${slice.addressType} is not expected`,
        ).toBeDefined();

        expect(slice.endpoints).toHaveLength(expectedEndpointList?.length ?? 0);

        // test is limited to *ONE* endpoint
        expect(goComparableEndpoint(slice.endpoints?.[0])).toStrictEqual(expectedEndpointList?.[0]);

        let expectSlicesChangedPerSync = 1;
        const ipFamilies = testCase.service.spec.ipFamilies;
        if (ipFamilies && ipFamilies.length > 0) expectSlicesChangedPerSync = ipFamilies.length;
        expectMetrics(r.metrics(), {
          desiredSlices: 1,
          actualSlices: 1,
          desiredEndpoints: 1,
          addedPerSync: numExpectedSlices,
          removedPerSync: 0,
          numCreated: numExpectedSlices,
          numUpdated: 0,
          numDeleted: 0,
          slicesChangedPerSync: expectSlicesChangedPerSync,
        });
      }
    });
  }
});

// given an existing placeholder endpoint slice and no pods matching the service, the existing
// slice should not change the placeholder
describe('TestReconcile1EndpointSlice', () => {
  const namespace = 'test';
  const { service: svc, endpointMeta: epMeta } = newServiceAndEndpointMeta('foo', namespace);
  const emptySlice = newEmptyEndpointSlice(1, namespace, epMeta, svc);
  emptySlice.metadata.labels = { bar: 'baz' };

  const testCases: {
    desc: string;
    existing?: EndpointSlice;
    wantUpdate?: boolean;
    wantMetrics: ExpectedMetrics;
  }[] = [
    {
      desc: 'No existing placeholder',
      wantUpdate: true,
      wantMetrics: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 0,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 1,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 1,
      },
    },
    {
      desc: "Existing placeholder that's the same",
      existing: newEndpointSlice(svc, [], 'IPv4'),
      wantMetrics: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 0,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 0,
      },
    },
    {
      desc: "Existing placeholder that's different",
      existing: emptySlice,
      wantUpdate: true,
      wantMetrics: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 0,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 1,
        numDeleted: 0,
        slicesChangedPerSync: 1,
      },
    },
  ];

  for (const tc of testCases) {
    test(tc.desc, () => {
      // Upstream creates the slice through the fake clientset first.
      const api = new FakeSliceApi();
      if (tc.existing) api.apply([{ verb: 'create', slice: tc.existing }]);
      const existingSlices = api.list();

      const numActionsBefore = api.actions.length;
      const r = newReconciler(api, [plainNode1]);
      r.reconcile(svc, [], existingSlices);

      const numUpdates = tc.wantUpdate ? 1 : 0;
      expect(api.actions, `Expected ${numUpdates} additional clientset actions`).toHaveLength(
        numActionsBefore + numUpdates,
      );

      const slices = api.list();
      expect(slices, 'Expected 1 endpoint slices').toHaveLength(1);

      if (!tc.wantUpdate) {
        const [slice] = slices;
        expect(slice?.metadata.name).toMatch(new RegExp(`^${svc.metadata.name}`));
        expect(slice?.metadata.labels?.[LABEL_SERVICE_NAME]).toBe(svc.metadata.name);
        expect(slice?.ports).toEqual([]);
        expect(slice?.endpoints).toEqual([]);
      }
      expectMetrics(r.metrics(), tc.wantMetrics);
    });
  }
});

describe('TestPlaceHolderSliceCompare', () => {
  /** `&discovery.EndpointSlice{...}`: Go's zero values, address type "" included. */
  const slice = (fields: Partial<EndpointSlice> = {}): EndpointSlice => ({
    metadata: {},
    addressType: '' as AddressType,
    endpoints: null,
    ...fields,
  });

  // Upstream's nil-pointer cases (Both nil, X is nil, Y is nil) have no counterpart: the
  // TypeScript function takes two slices.
  const testCases: { desc: string; x: EndpointSlice; y: EndpointSlice; want: boolean }[] = [
    { desc: 'Both are empty and non-nil', x: slice(), y: slice(), want: true },
    {
      desc: 'Only ObjectMeta.Name has diff',
      x: slice({ metadata: { name: 'foo' } }),
      y: slice({ metadata: { name: 'bar' } }),
      want: true,
    },
    {
      desc: 'Only ObjectMeta.Labels has diff',
      x: slice({ metadata: { labels: { foo: 'true' } } }),
      y: slice({ metadata: { labels: { bar: 'true' } } }),
      want: false,
    },
    {
      desc: 'Creation time is different',
      x: slice({ metadata: { creationTimestamp: '1970-01-01T00:00:01Z' } }),
      y: slice({ metadata: { creationTimestamp: '1970-01-01T00:00:02Z' } }),
      want: true,
    },
    {
      desc: 'Different except for ObjectMeta',
      x: slice({ addressType: 'IPv4' }),
      y: slice({ addressType: 'IPv6' }),
      want: false,
    },
  ];

  for (const tc of testCases) {
    test(tc.desc, () => {
      expect(placeholderSliceEquals(tc.x, tc.y)).toBe(tc.want);
    });
  }
});

// when a Service has PublishNotReadyAddresses set to true, corresponding
// Endpoints should be considered ready, even if the backing Pod is not.
test('TestReconcile1EndpointSlicePublishNotReadyAddresses', () => {
  const api = new FakeSliceApi();
  const namespace = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);
  svc.spec.publishNotReadyAddresses = true;

  // start with 50 pods, 1/3 not ready
  const pods = podsOneThirdNotReady(50, namespace);

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, []);

  // Only 1 action, an EndpointSlice create
  expect(api.actions, 'Expected 1 additional clientset action').toHaveLength(1);
  expectActions(api.actions, 1, 'create');

  // Two endpoint slices should be completely full, the remainder should be in another one
  const endpointSlices = api.list();
  for (const endpointSlice of endpointSlices) {
    for (const [i, endpoint] of (endpointSlice.endpoints ?? []).entries()) {
      expect(endpointReady(endpoint), `Expected endpoints[${i}] to be ready`).toBe(true);
    }
  }
  expectUnorderedSlicesWithLengths(endpointSlices, [50]);
});

// a simple use case with 250 pods matching a service and no existing slices
// reconcile should create 3 slices, completely filling 2 of them
test('TestReconcileManyPods', () => {
  const api = new FakeSliceApi();
  const namespace = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  // start with 250 pods
  const pods = podsOneThirdNotReady(250, namespace);

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, []);

  // This is an ideal scenario where only 3 actions are required, and they're all creates
  expect(api.actions, 'Expected 3 additional clientset actions').toHaveLength(3);
  expectActions(api.actions, 3, 'create');

  // Two endpoint slices should be completely full, the remainder should be in another one
  expectUnorderedSlicesWithLengths(api.list(), [100, 100, 50]);
  expectMetrics(r.metrics(), {
    desiredSlices: 3,
    actualSlices: 3,
    desiredEndpoints: 250,
    addedPerSync: 250,
    removedPerSync: 0,
    numCreated: 3,
    numUpdated: 0,
    numDeleted: 0,
    slicesChangedPerSync: 3,
  });
});

// now with preexisting slices, we have 250 pods matching a service
// the first endpoint slice contains 62 endpoints, all desired
// the second endpoint slice contains 61 endpoints, all desired
// that leaves 127 to add
// to minimize writes, our strategy is to create new slices for multiples of 100
// that leaves 27 to drop in an existing slice
// dropping them in the first slice will result in the slice being closest to full
// this approach requires 1 update + 1 create instead of 2 updates + 1 create
test('TestReconcileEndpointSlicesSomePreexisting', () => {
  const namespace = 'test';
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  // start with 250 pods
  const pods = podsOneThirdNotReady(250, namespace);

  // have approximately 1/4 in first slice
  const endpointSlice1 = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);
  for (let i = 1; i < pods.length - 4; i += 4) {
    endpointSlice1.endpoints?.push(podToEndpoint(at(pods, i), emptyNode, svc, 'IPv4'));
  }

  // have approximately 1/4 in second slice
  const endpointSlice2 = newEmptyEndpointSlice(2, namespace, endpointMeta, svc);
  for (let i = 3; i < pods.length - 4; i += 4) {
    endpointSlice2.endpoints?.push(podToEndpoint(at(pods, i), emptyNode, svc, 'IPv4'));
  }

  const existingSlices = [endpointSlice1, endpointSlice2];
  const cmc = newCacheMutationCheck(existingSlices);
  const api = new FakeSliceApi(existingSlices);

  const numActionsBefore = api.actions.length;
  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, existingSlices);

  const actions = api.actions;
  expect(actions, 'Expected 2 additional client actions as part of reconcile').toHaveLength(
    numActionsBefore + 2,
  );
  expect(actions[numActionsBefore]?.verb, 'First action should be create endpoint slice').toBe(
    'create',
  );
  expect(actions[numActionsBefore + 1]?.verb, 'Second action should be update endpoint slice').toBe(
    'update',
  );

  // 1 new slice (0->100) + 1 updated slice (62->89)
  expectUnorderedSlicesWithLengths(api.list(), [89, 61, 100]);
  expectMetrics(r.metrics(), {
    desiredSlices: 3,
    actualSlices: 3,
    desiredEndpoints: 250,
    addedPerSync: 127,
    removedPerSync: 0,
    numCreated: 1,
    numUpdated: 1,
    numDeleted: 0,
    slicesChangedPerSync: 2,
  });

  // ensure cache mutation has not occurred
  cmc.check();
});

// now with preexisting slices, we have 300 pods matching a service
// this scenario will show some less ideal allocation
// the first endpoint slice contains 74 endpoints, all desired
// the second endpoint slice contains 74 endpoints, all desired
// that leaves 152 to add
// to minimize writes, our strategy is to create new slices for multiples of 100
// that leaves 52 to drop in an existing slice
// that capacity could fit if split in the 2 existing slices
// to minimize writes though, reconcile create a new slice with those 52 endpoints
// this approach requires 2 creates instead of 2 updates + 1 create
// Pods 252 and up have IPs 1.2.3.256 and up, which upstream publishes as the address "<nil>"
// (utils.go getEndpointAddresses: ParseIPSloppy then ip.String()).
test('TestReconcileEndpointSlicesSomePreexistingWorseAllocation', () => {
  const namespace = 'test';
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  // start with 300 pods
  const pods = podsOneThirdNotReady(300, namespace);

  // have approximately 1/4 in first slice
  const endpointSlice1 = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);
  for (let i = 1; i < pods.length - 4; i += 4) {
    endpointSlice1.endpoints?.push(podToEndpoint(at(pods, i), emptyNode, svc, 'IPv4'));
  }

  // have approximately 1/4 in second slice
  const endpointSlice2 = newEmptyEndpointSlice(2, namespace, endpointMeta, svc);
  for (let i = 3; i < pods.length - 4; i += 4) {
    endpointSlice2.endpoints?.push(podToEndpoint(at(pods, i), emptyNode, svc, 'IPv4'));
  }

  const existingSlices = [endpointSlice1, endpointSlice2];
  const cmc = newCacheMutationCheck(existingSlices);
  const api = new FakeSliceApi(existingSlices);

  const numActionsBefore = api.actions.length;
  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, existingSlices);

  expect(api.actions, 'Expected 2 additional client actions as part of reconcile').toHaveLength(
    numActionsBefore + 2,
  );
  expectActions(api.actions, 2, 'create');

  // 2 new slices (100, 52) in addition to existing slices (74, 74)
  expectUnorderedSlicesWithLengths(api.list(), [74, 74, 100, 52]);
  expectMetrics(r.metrics(), {
    desiredSlices: 3,
    actualSlices: 4,
    desiredEndpoints: 300,
    addedPerSync: 152,
    removedPerSync: 0,
    numCreated: 2,
    numUpdated: 0,
    numDeleted: 0,
    slicesChangedPerSync: 2,
  });

  // ensure cache mutation has not occurred
  cmc.check();
});

// In some cases, such as a service port change, all slices for that service will require a change
// This test ensures that we are updating those slices and not calling create + delete for each
// (FakeSliceApi does not record list calls, which upstream's action counts include.)
test('TestReconcileEndpointSlicesUpdating', () => {
  const api = new FakeSliceApi();
  const namespace = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  // start with 250 pods
  const pods = podsOneThirdNotReady(250, namespace);

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, []);
  let numActionsExpected = 3;
  expect(api.actions, 'Expected 3 additional clientset actions').toHaveLength(numActionsExpected);

  const slices = api.list();
  expectUnorderedSlicesWithLengths(slices, [100, 100, 50]);

  setTargetPort(svc, 81);
  r.reconcile(svc, pods, slices);

  numActionsExpected += 3;
  expect(api.actions, 'Expected 3 additional clientset actions').toHaveLength(numActionsExpected);
  expectActions(api.actions, 3, 'update');

  expectUnorderedSlicesWithLengths(api.list(), [100, 100, 50]);
});

// In some cases, such as service labels updates, all slices for that service will require a change
// This test ensures that we are updating those slices and not calling create + delete for each
test('TestReconcileEndpointSlicesServicesLabelsUpdating', () => {
  const api = new FakeSliceApi();
  const namespace = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  // start with 250 pods
  const pods = podsOneThirdNotReady(250, namespace);

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, []);
  let numActionsExpected = 3;
  expect(api.actions, 'Expected 3 additional clientset actions').toHaveLength(numActionsExpected);

  const slices = api.list();
  expectUnorderedSlicesWithLengths(slices, [100, 100, 50]);

  // update service with new labels
  svc.metadata.labels = { foo: 'bar' };
  r.reconcile(svc, pods, slices);

  numActionsExpected += 3;
  expect(api.actions, 'Expected 3 additional clientset actions').toHaveLength(numActionsExpected);
  expectActions(api.actions, 3, 'update');

  const newSlices = api.list();
  expectUnorderedSlicesWithLengths(newSlices, [100, 100, 50]);
  // check that the labels were updated
  for (const slice of newSlices) {
    expect(
      slice.metadata.labels?.['foo'],
      'Expected EndpointSlice to have parent service labels',
    ).toBe('bar');
  }
});

// In some cases, such as service labels updates, all slices for that service will require a change
// However, this should not happen for reserved labels
test('TestReconcileEndpointSlicesServicesReservedLabels', () => {
  const api = new FakeSliceApi();
  const namespace = 'test';
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  // start with 250 pods
  const pods = podsOneThirdNotReady(250, namespace);

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, []);
  const numActionsExpected = 3;
  expect(api.actions, 'Expected 3 additional clientset actions').toHaveLength(numActionsExpected);
  const slices = api.list();
  expectUnorderedSlicesWithLengths(slices, [100, 100, 50]);

  // update service with new labels
  svc.metadata.labels = {
    [LABEL_SERVICE_NAME]: 'bad',
    [LABEL_MANAGED_BY]: 'actor',
    [LABEL_HEADLESS]: 'invalid',
  };
  r.reconcile(svc, pods, slices);
  expect(api.actions, 'Expected no additional clientset actions').toHaveLength(numActionsExpected);

  const newSlices = api.list();
  expectUnorderedSlicesWithLengths(newSlices, [100, 100, 50]);
});

// In this test, we start with 10 slices that only have 30 endpoints each
// An initial reconcile makes no changes (as desired to limit writes)
// When we change a service port, all slices will need to be updated in some way
// reconcile repacks the endpoints into 3 slices, and deletes the extras
// Pods 252 and up have IPs 1.2.3.256 and up, which upstream publishes as the address "<nil>"
// (utils.go getEndpointAddresses: ParseIPSloppy then ip.String()).
test('TestReconcileEndpointSlicesRecycling', () => {
  const namespace = 'test';
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  // start with 300 pods
  const pods = podsOneThirdNotReady(300, namespace);

  // generate 10 existing slices with 30 pods/endpoints each
  const existingSlices: EndpointSlice[] = [];
  for (const [i, pod] of pods.entries()) {
    const sliceNum = Math.floor(i / 30);
    if (i % 30 === 0) {
      existingSlices.push(newEmptyEndpointSlice(sliceNum, namespace, endpointMeta, svc));
    }
    at(existingSlices, sliceNum).endpoints?.push(podToEndpoint(pod, emptyNode, svc, 'IPv4'));
  }

  const cmc = newCacheMutationCheck(existingSlices);
  const api = new FakeSliceApi(existingSlices);

  const numActionsBefore = api.actions.length;
  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, existingSlices);
  // initial reconcile should be a no op, all pods are accounted for in slices, no repacking should be done
  expect(api.actions, 'Expected 0 additional client actions as part of reconcile').toHaveLength(
    numActionsBefore + 0,
  );

  // changing a service port should require all slices to be updated, time for a repack
  setTargetPort(svc, 81);
  r.reconcile(svc, pods, existingSlices);

  // this should reflect 3 updates + 7 deletes
  expect(api.actions, 'Expected 10 additional client actions as part of reconcile').toHaveLength(
    numActionsBefore + 10,
  );

  // thanks to recycling, we get a free repack of endpoints, resulting in 3 full slices instead of 10 mostly empty slices
  expectUnorderedSlicesWithLengths(api.list(), [100, 100, 100]);
  expectMetrics(r.metrics(), {
    desiredSlices: 3,
    actualSlices: 3,
    desiredEndpoints: 300,
    addedPerSync: 300,
    removedPerSync: 0,
    numCreated: 0,
    numUpdated: 3,
    numDeleted: 7,
    slicesChangedPerSync: 10,
  });

  // ensure cache mutation has not occurred
  cmc.check();
});

// In this test, we want to verify that endpoints are added to a slice that will
// be closest to full after the operation, even when slices are already marked
// for update.
test('TestReconcileEndpointSlicesUpdatePacking', () => {
  const namespace = 'test';
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  const existingSlices: EndpointSlice[] = [];
  const pods: Pod[] = [];

  const slice1 = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);
  for (let i = 0; i < 80; i++) {
    const pod = newPod(i, namespace, true, 1, false);
    slice1.endpoints?.push(podToEndpoint(pod, emptyNode, svc, 'IPv4'));
    pods.push(pod);
  }
  existingSlices.push(slice1);

  const slice2 = newEmptyEndpointSlice(2, namespace, endpointMeta, svc);
  for (let i = 100; i < 120; i++) {
    const pod = newPod(i, namespace, true, 1, false);
    slice2.endpoints?.push(podToEndpoint(pod, emptyNode, svc, 'IPv4'));
    pods.push(pod);
  }
  existingSlices.push(slice2);

  const cmc = newCacheMutationCheck(existingSlices);
  const api = new FakeSliceApi(existingSlices);

  // ensure that endpoints in each slice will be marked for update.
  for (const [i, pod] of pods.entries()) {
    if (i % 10 === 0) {
      pod.status = { ...pod.status, conditions: [{ type: 'Ready', status: 'False' }] };
    }
  }

  // add a few additional endpoints - no more than could fit in either slice.
  for (let i = 200; i < 215; i++) {
    pods.push(newPod(i, namespace, true, 1, false));
  }

  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, existingSlices);

  // ensure that both endpoint slices have been updated
  expectActions(api.actions, 2, 'update');
  expectMetrics(r.metrics(), {
    desiredSlices: 2,
    actualSlices: 2,
    desiredEndpoints: 115,
    addedPerSync: 15,
    removedPerSync: 0,
    numCreated: 0,
    numUpdated: 2,
    numDeleted: 0,
    slicesChangedPerSync: 2,
  });

  // additional pods should get added to fuller slice
  expectUnorderedSlicesWithLengths(api.list(), [95, 20]);

  // ensure cache mutation has not occurred
  cmc.check();
});

// In this test, we want to verify that old EndpointSlices with a deprecated IP
// address type will be replaced with a newer IPv4 type.
test('TestReconcileEndpointSlicesReplaceDeprecated', () => {
  const namespace = 'test';

  const { service: svc, endpointMeta: ipv4Meta } = newServiceAndEndpointMeta('foo', namespace);
  // "IP" is a deprecated address type, ensuring that it is handled properly.
  const endpointMeta = { ...ipv4Meta, addressType: 'IP' as const };
  const emptyService: Service = { metadata: {}, spec: {} };

  const existingSlices: EndpointSlice[] = [];
  const pods: Pod[] = [];

  const slice1 = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);
  for (let i = 0; i < 80; i++) {
    const pod = newPod(i, namespace, true, 1, false);
    slice1.endpoints?.push(podToEndpoint(pod, emptyNode, emptyService, 'IPv4'));
    pods.push(pod);
  }
  existingSlices.push(slice1);

  const slice2 = newEmptyEndpointSlice(2, namespace, endpointMeta, svc);
  for (let i = 100; i < 150; i++) {
    const pod = newPod(i, namespace, true, 1, false);
    slice2.endpoints?.push(podToEndpoint(pod, emptyNode, emptyService, 'IPv4'));
    pods.push(pod);
  }
  existingSlices.push(slice2);

  const api = new FakeSliceApi(existingSlices);

  const cmc = newCacheMutationCheck(existingSlices);
  const r = newReconciler(api, [plainNode1]);
  r.reconcile(svc, pods, existingSlices);

  // ensure that both original endpoint slices have been deleted
  expectActions(api.actions, 2, 'delete');

  const endpointSlices = api.list();

  // since this involved replacing both EndpointSlices, the result should be
  // perfectly packed.
  expectUnorderedSlicesWithLengths(endpointSlices, [100, 30]);

  for (const endpointSlice of endpointSlices) {
    expect(endpointSlice.addressType, 'Expected address type to be IPv4').toBe('IPv4');
  }

  // ensure cache mutation has not occurred
  cmc.check();
});
