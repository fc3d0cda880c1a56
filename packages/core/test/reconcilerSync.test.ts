/**
 * Port of upstream k8s.io/endpointslice reconciler_test.go from
 * TestReconcileEndpointSlicesRecreation to the end of the file. TestReconcileTopology is ported
 * with the topology cache; TestReconcile_TrafficDistribution is in reconcilerHints.test.ts.
 *
 * Upstream metrics are cumulative per test; slicescope reports one reconcile call, so tests that
 * reconcile more than once sum counters and histograms over the calls and take gauges from the
 * last one. EndpointSliceTracker generations, klog and the event recorder are not modelled.
 */
import { describe, expect, test } from 'vitest';
import {
  emptySyncMetrics,
  type EndpointSlice,
  type Node,
  type Pod,
  type Service,
  type SyncMetrics,
} from '../src/index.ts';
import { finalize } from '../src/controller/finalize.ts';
import { podToEndpoint } from '../src/controller/pods.ts';
import {
  FakeSliceApi,
  expectActions,
  expectUnorderedSlicesWithLengths,
  newEmptyEndpointSlice,
  newPod,
  newServiceAndEndpointMeta,
  reconcileHelper,
  controllerRefOf,
} from './builders/index.ts';

const namespace = 'test';
const triggerTime = '2024-01-01T00:00:00Z';

function node(name: string): Node {
  return { metadata: { name } };
}

const node1 = [node('node-1')];
/** upstream `&corev1.Node{}`. */
const emptyNode: Node = { metadata: {} };

/** upstream expectMetrics: every metric not given is expected to be zero (or empty). */
function expectMetrics(actual: SyncMetrics, expected: Partial<SyncMetrics>): void {
  expect(actual).toEqual({ ...emptySyncMetrics(), ...expected });
}

/** Cumulative metrics over several reconcile calls: counters and histograms summed, gauges last. */
function cumulative(runs: readonly SyncMetrics[]): SyncMetrics {
  const total = emptySyncMetrics();
  for (const run of runs) {
    total.addedPerSync += run.addedPerSync;
    total.removedPerSync += run.removedPerSync;
    total.numCreated += run.numCreated;
    total.numUpdated += run.numUpdated;
    total.numDeleted += run.numDeleted;
    total.slicesChangedPerSync += run.slicesChangedPerSync;
    total.slicesChangedPerSyncTopology += run.slicesChangedPerSyncTopology;
    total.slicesChangedPerSyncTrafficDist += run.slicesChangedPerSyncTrafficDist;
    total.desiredSlices = run.desiredSlices;
    total.actualSlices = run.actualSlices;
    total.desiredEndpoints = run.desiredEndpoints;
    total.servicesCountByTrafficDistribution = run.servicesCountByTrafficDistribution;
  }
  return total;
}

describe('TestReconcileEndpointSlicesRecreation', () => {
  const testCases = [
    { name: 'slice owned by Service', ownedByService: true, expectChanges: false },
    { name: 'slice owned by other Service UID', ownedByService: false, expectChanges: true },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);
      const slice = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);

      const pod = newPod(1, namespace, true, 1, false);
      slice.endpoints = [
        ...(slice.endpoints ?? []),
        podToEndpoint(pod, emptyNode, { metadata: {}, spec: {} }, 'IPv4'),
      ];

      if (!tc.ownedByService) {
        const [ownerRef] = slice.metadata.ownerReferences ?? [];
        if (ownerRef) ownerRef.uid = 'different';
      }
      const existingSlices = [slice];
      const api = new FakeSliceApi(existingSlices);

      // cacheMutationCheck
      const cached = structuredClone(existingSlices);

      const numActionsBefore = api.actions.length;
      reconcileHelper(api, svc, [pod], node1, { triggerTime }, existingSlices);

      if (tc.expectChanges) {
        expect(api.actions.length).toBe(numActionsBefore + 2);
        expect(api.actions[numActionsBefore]?.verb).toBe('create');
        expect(api.actions[numActionsBefore + 1]?.verb).toBe('delete');
        expect(api.list()).toHaveLength(1);
      } else {
        expect(api.actions.length).toBe(numActionsBefore);
      }
      // ensure cache mutation has not occurred
      expect(existingSlices).toEqual(cached);
    });
  }
});

// Named ports can map to different port numbers on different pods.
// This test ensures that EndpointSlices are grouped correctly in that case.
test('TestReconcileEndpointSlicesNamedPorts', () => {
  const svc: Service = {
    metadata: { name: 'named-port-example', namespace },
    spec: {
      ports: [{ port: 0, targetPort: 'http', protocol: 'TCP' }],
      selector: { foo: 'bar' },
      ipFamilies: ['IPv4'],
    },
  };

  // start with 300 pods
  const pods: Pod[] = [];
  for (let i = 0; i < 300; i++) {
    const ready = i % 3 !== 0;
    const portOffset = i % 5;
    const pod = newPod(i, namespace, ready, 1, false);
    const [container] = pod.spec?.containers ?? [];
    if (container)
      container.ports = [{ name: 'http', containerPort: 8080 + portOffset, protocol: 'TCP' }];
    pods.push(pod);
  }

  const api = new FakeSliceApi();
  const result = reconcileHelper(api, svc, pods, node1, { triggerTime }, []);
  expect(result.errors).toEqual([]);

  // reconcile should create 5 endpoint slices
  expect(api.actions).toHaveLength(5);
  expectActions(api.actions, 5, 'create');
  expectMetrics(result.metrics, {
    desiredSlices: 5,
    actualSlices: 5,
    desiredEndpoints: 300,
    addedPerSync: 300,
    removedPerSync: 0,
    numCreated: 5,
    numUpdated: 0,
    numDeleted: 0,
    slicesChangedPerSync: 5,
  });

  const fetchedSlices = api.list();

  // each slice should have 60 endpoints to match 5 unique variations of named port mapping
  expectUnorderedSlicesWithLengths(fetchedSlices, [60, 60, 60, 60, 60]);

  // slices fetched should match expected address type and ports (expectUnorderedSlicesWithTopLevelAttrs)
  const expectedSlices = fetchedSlices.map((_, i) => ({
    ports: [{ name: '', protocol: 'TCP', port: 8080 + i }],
    addressType: 'IPv4',
  }));
  const topLevel = fetchedSlices
    .map((slice) => ({ ports: slice.ports, addressType: slice.addressType }))
    .sort((a, b) => (a.ports?.[0]?.port ?? 0) - (b.ports?.[0]?.port ?? 0));
  expect(topLevel).toEqual(expectedSlices);
});

// This test ensures that maxEndpointsPerSlice configuration results in
// appropriate endpoints distribution among slices
describe('TestReconcileMaxEndpointsPerSlice', () => {
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  // start with 250 pods
  const pods: Pod[] = [];
  for (let i = 0; i < 250; i++) {
    const ready = i % 3 !== 0;
    pods.push(newPod(i, namespace, ready, 1, false));
  }

  const testCases: {
    maxEndpointsPerSlice: number;
    expectedSliceLengths: number[];
    expectedMetricValues: Partial<SyncMetrics>;
  }[] = [
    {
      maxEndpointsPerSlice: 50,
      expectedSliceLengths: [50, 50, 50, 50, 50],
      expectedMetricValues: {
        desiredSlices: 5,
        actualSlices: 5,
        desiredEndpoints: 250,
        addedPerSync: 250,
        numCreated: 5,
        slicesChangedPerSync: 5,
      },
    },
    {
      maxEndpointsPerSlice: 80,
      expectedSliceLengths: [80, 80, 80, 10],
      expectedMetricValues: {
        desiredSlices: 4,
        actualSlices: 4,
        desiredEndpoints: 250,
        addedPerSync: 250,
        numCreated: 4,
        slicesChangedPerSync: 4,
      },
    },
    {
      maxEndpointsPerSlice: 150,
      expectedSliceLengths: [150, 100],
      expectedMetricValues: {
        desiredSlices: 2,
        actualSlices: 2,
        desiredEndpoints: 250,
        addedPerSync: 250,
        numCreated: 2,
        slicesChangedPerSync: 2,
      },
    },
    {
      maxEndpointsPerSlice: 250,
      expectedSliceLengths: [250],
      expectedMetricValues: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 250,
        addedPerSync: 250,
        numCreated: 1,
        slicesChangedPerSync: 1,
      },
    },
    {
      maxEndpointsPerSlice: 500,
      expectedSliceLengths: [250],
      expectedMetricValues: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 250,
        addedPerSync: 250,
        numCreated: 1,
        slicesChangedPerSync: 1,
      },
    },
  ];

  for (const testCase of testCases) {
    test(`maxEndpointsPerSlice: ${testCase.maxEndpointsPerSlice}`, () => {
      const api = new FakeSliceApi();
      const result = reconcileHelper(
        api,
        svc,
        pods,
        node1,
        { maxEndpointsPerSlice: testCase.maxEndpointsPerSlice, triggerTime },
        [],
      );
      expect(result.errors).toEqual([]);
      expectUnorderedSlicesWithLengths(api.list(), testCase.expectedSliceLengths);
      expectMetrics(result.metrics, testCase.expectedMetricValues);
    });
  }
});

test('TestReconcileEndpointSlicesMetrics', () => {
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);

  // start with 20 pods
  const pods: Pod[] = [];
  for (let i = 0; i < 20; i++) pods.push(newPod(i, namespace, true, 1, false));

  const api = new FakeSliceApi();
  const first = reconcileHelper(api, svc, pods, node1, { triggerTime }, []);
  expect(first.errors).toEqual([]);

  expect(api.actions).toHaveLength(1);
  expect(api.actions[0]?.verb).toBe('create');

  expectMetrics(first.metrics, {
    desiredSlices: 1,
    actualSlices: 1,
    desiredEndpoints: 20,
    addedPerSync: 20,
    removedPerSync: 0,
    numCreated: 1,
    numUpdated: 0,
    numDeleted: 0,
    slicesChangedPerSync: 1,
  });

  const [fetchedSlice] = api.list();
  expect(fetchedSlice).toBeDefined();
  const second = reconcileHelper(
    api,
    svc,
    pods.slice(0, 10),
    node1,
    { triggerTime },
    fetchedSlice ? [fetchedSlice] : [],
  );
  expect(second.errors).toEqual([]);
  expectMetrics(cumulative([first.metrics, second.metrics]), {
    desiredSlices: 1,
    actualSlices: 1,
    desiredEndpoints: 10,
    addedPerSync: 20,
    removedPerSync: 10,
    numCreated: 1,
    numUpdated: 1,
    numDeleted: 0,
    slicesChangedPerSync: 2,
  });
});

test('TestReconcileEndpointSlicesMetrics_EndpointsAddedPerSync_CollectAndCompare', () => {
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  const keepPod = newPod(1, namespace, true, 1, false);
  const newDesiredPod = newPod(2, namespace, true, 1, false);

  // Existing slice has one endpoint that should remain. Reconcile should add exactly 1 endpoint.
  const existingSlice = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);
  existingSlice.endpoints = [podToEndpoint(keepPod, emptyNode, svc, 'IPv4')];
  const api = new FakeSliceApi([existingSlice]);

  const result = reconcileHelper(api, svc, [keepPod, newDesiredPod], node1, { triggerTime }, [
    existingSlice,
  ]);
  expect(result.errors).toEqual([]);

  // One observation (count 1) with sum 1.
  expect(result.metrics.addedPerSync).toBe(1);
});

test('TestReconcileEndpointSlicesMetrics_EndpointsRemovedPerSync_CollectAndCompare', () => {
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  const stalePod = newPod(0, namespace, true, 1, false);
  const keepPod = newPod(1, namespace, true, 1, false);

  // Existing slice has one stale endpoint and one endpoint that should remain.
  // Reconcile should remove exactly 1 endpoint.
  const existingSlice = newEmptyEndpointSlice(1, namespace, endpointMeta, svc);
  existingSlice.endpoints = [
    podToEndpoint(stalePod, emptyNode, svc, 'IPv4'),
    podToEndpoint(keepPod, emptyNode, svc, 'IPv4'),
  ];
  const api = new FakeSliceApi([existingSlice]);

  const result = reconcileHelper(api, svc, [keepPod], node1, { triggerTime }, [existingSlice]);
  expect(result.errors).toEqual([]);

  // One observation (count 1) with sum 1.
  expect(result.metrics.removedPerSync).toBe(1);
});

test('TestReconcileEndpointSlicesMetrics_GaugeUpdates', () => {
  const { service: svc } = newServiceAndEndpointMeta('foo', namespace);
  svc.spec.trafficDistribution = 'PreferClose';

  // Reconcile with exactly 2 pods to deterministically set gauge metric values.
  const pod1 = newPod(1, namespace, true, 1, false);
  const pod2 = newPod(2, namespace, true, 1, false);
  const api = new FakeSliceApi();
  const result = reconcileHelper(
    api,
    svc,
    [pod1, pod2],
    node1,
    { triggerTime: '1970-01-01T00:00:00Z' },
    [],
  );
  expect(result.errors).toEqual([]);

  expect(result.metrics.desiredSlices).toBe(1);
  expect(result.metrics.desiredEndpoints).toBe(2);
  expect(result.metrics.actualSlices).toBe(1);
  expect(result.metrics.servicesCountByTrafficDistribution).toEqual({ PreferClose: 1 });
});

// When a Service has a non-nil deletionTimestamp we want to avoid creating any
// new EndpointSlices but continue to allow updates and deletes through. This
// test uses 3 EndpointSlices, 1 "to-create", 1 "to-update", and 1 "to-delete".
// Each test case exercises different combinations of calls to finalize with
// those resources.
describe('TestReconcilerFinalizeSvcDeletionTimestamp', () => {
  const now = '2024-01-01T00:00:00Z';

  const testCases: {
    name: string;
    deletionTimestamp: string | undefined;
    attemptCreate: boolean;
    attemptUpdate: boolean;
    attemptDelete: boolean;
    expectCreatedSlice: boolean;
    expectUpdatedSlice: boolean;
    expectDeletedSlice: boolean;
  }[] = [
    {
      name: 'Attempt create and update, nil deletion timestamp',
      deletionTimestamp: undefined,
      attemptCreate: true,
      attemptUpdate: true,
      attemptDelete: false,
      expectCreatedSlice: true,
      expectUpdatedSlice: true,
      expectDeletedSlice: true,
    },
    {
      name: 'Attempt create and update, deletion timestamp set',
      deletionTimestamp: now,
      attemptCreate: true,
      attemptUpdate: true,
      attemptDelete: false,
      expectCreatedSlice: false,
      expectUpdatedSlice: true,
      expectDeletedSlice: true,
    },
    {
      // Slice scheduled for creation is transitioned to update of Slice
      // scheduled for deletion.
      name: 'Attempt create, update, and delete, nil deletion timestamp, recycling in action',
      deletionTimestamp: undefined,
      attemptCreate: true,
      attemptUpdate: true,
      attemptDelete: true,
      expectCreatedSlice: false,
      expectUpdatedSlice: true,
      expectDeletedSlice: true,
    },
    {
      // Slice scheduled for creation is transitioned to update of Slice
      // scheduled for deletion.
      name: 'Attempt create, update, and delete, deletion timestamp set, recycling in action',
      deletionTimestamp: now,
      attemptCreate: true,
      attemptUpdate: true,
      attemptDelete: true,
      expectCreatedSlice: false,
      expectUpdatedSlice: true,
      expectDeletedSlice: true,
    },
    {
      // Update and delete continue to work when deletionTimestamp is set.
      name: 'Attempt update delete, deletion timestamp set',
      deletionTimestamp: now,
      attemptCreate: false,
      attemptUpdate: true,
      attemptDelete: true,
      expectCreatedSlice: false,
      expectUpdatedSlice: true,
      expectDeletedSlice: false,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);
      if (tc.deletionTimestamp !== undefined) svc.metadata.deletionTimestamp = tc.deletionTimestamp;
      const ownerRef = controllerRefOf(svc);
      const sliceNamed = (name: string): EndpointSlice => ({
        metadata: { name, namespace, ownerReferences: [{ ...ownerRef }] },
        addressType: endpointMeta.addressType,
        ports: endpointMeta.ports,
        endpoints: null,
      });

      const esToCreate = sliceNamed('to-create');
      // Add EndpointSlice that can be updated, and EndpointSlice that can be deleted.
      const api = new FakeSliceApi([sliceNamed('to-update'), sliceNamed('to-delete')]);
      // Add an endpoint so we can see if this has actually been updated by finalize func.
      const esToUpdate: EndpointSlice = {
        ...sliceNamed('to-update'),
        endpoints: [{ addresses: ['10.2.3.4'] }],
      };
      const esToDelete = sliceNamed('to-delete');

      const slicesToCreate = tc.attemptCreate ? [structuredClone(esToCreate)] : [];
      const slicesToUpdate = tc.attemptUpdate ? [structuredClone(esToUpdate)] : [];
      const slicesToDelete = tc.attemptDelete ? [structuredClone(esToDelete)] : [];

      const { actions } = finalize(svc, slicesToCreate, slicesToUpdate, slicesToDelete, now);
      api.apply(actions);

      let createdSliceFound = false;
      let updatedSliceFound = false;
      let deletedSliceFound = false;
      for (const epSlice of api.list()) {
        if (epSlice.metadata.name === esToCreate.metadata.name) createdSliceFound = true;
        if (epSlice.metadata.name === esToUpdate.metadata.name) {
          updatedSliceFound = true;
          if (tc.attemptUpdate) {
            expect(epSlice.endpoints?.length ?? 0).toBe(esToUpdate.endpoints?.length ?? 0);
          }
        }
        if (epSlice.metadata.name === esToDelete.metadata.name) deletedSliceFound = true;
      }

      expect(createdSliceFound).toBe(tc.expectCreatedSlice);
      expect(updatedSliceFound).toBe(tc.expectUpdatedSlice);
      expect(deletedSliceFound).toBe(tc.expectDeletedSlice);
    });
  }
});

// When a Pod references a Node that is not present in the informer cache the
// EndpointSlices will continue to allow create, updates and deletes through.
// The Pod with the missing reference will be published or retried depending of
// the service.spec.PublishNotReadyAddresses.
// The test considers two Pods on different nodes, one of the Nodes is not present.
describe('TestReconcilerPodMissingNode', () => {
  const nodes = [node('node-0'), node('node-1')] as [Node, Node];

  const pods = [newPod(0, namespace, true, 1, false), newPod(1, namespace, true, 1, false)] as [
    Pod,
    Pod,
  ];
  pods[0].spec = { ...pods[0].spec, nodeName: nodes[0].metadata.name ?? '' };
  pods[1].spec = { ...pods[1].spec, nodeName: nodes[1].metadata.name ?? '' };

  const { service, endpointMeta } = newServiceAndEndpointMeta('foo', namespace);

  const sliceWithBothPods = (): EndpointSlice => {
    const slice = newEmptyEndpointSlice(1, namespace, endpointMeta, service);
    slice.endpoints = [
      ...(slice.endpoints ?? []),
      podToEndpoint(pods[0], nodes[0], service, 'IPv4'),
      podToEndpoint(pods[1], nodes[1], service, 'IPv4'),
    ];
    return slice;
  };

  const testCases: {
    name: string;
    publishNotReady: boolean;
    existingNodes?: Node[];
    existingSlice?: () => EndpointSlice;
    expectedMetrics: SyncMetrics;
    expectError: boolean;
  }[] = [
    {
      name: 'Create and publishNotReady false',
      publishNotReady: false,
      existingNodes: [nodes[0]],
      expectedMetrics: {
        ...emptySyncMetrics(),
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 1,
        addedPerSync: 1,
        removedPerSync: 0,
        numCreated: 1,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 1,
      },
      expectError: true,
    },
    {
      name: 'Create and publishNotReady true',
      publishNotReady: true,
      existingNodes: [nodes[0]],
      expectedMetrics: {
        ...emptySyncMetrics(),
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 2,
        addedPerSync: 2,
        removedPerSync: 0,
        numCreated: 1,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 1,
      },
      expectError: false,
    },
    {
      name: 'Update and publishNotReady false',
      publishNotReady: false,
      existingNodes: [nodes[0]],
      existingSlice: sliceWithBothPods,
      expectedMetrics: {
        ...emptySyncMetrics(),
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 1,
        addedPerSync: 0,
        removedPerSync: 1,
        numCreated: 0,
        numUpdated: 1,
        numDeleted: 0,
        slicesChangedPerSync: 1,
      },
      expectError: true,
    },
    {
      name: 'Update and publishNotReady true and all nodes missing',
      publishNotReady: true,
      existingSlice: sliceWithBothPods,
      expectedMetrics: {
        ...emptySyncMetrics(),
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 2,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 0,
      },
      expectError: false,
    },
    {
      name: 'Update and publishNotReady true',
      publishNotReady: true,
      existingNodes: [nodes[0]],
      existingSlice: sliceWithBothPods,
      expectedMetrics: {
        ...emptySyncMetrics(),
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 2,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 0,
      },
      expectError: false,
    },
    {
      name: 'Update if publishNotReady false and no nodes are present',
      publishNotReady: false,
      existingNodes: [],
      existingSlice: sliceWithBothPods,
      expectedMetrics: {
        ...emptySyncMetrics(),
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 0,
        addedPerSync: 0,
        removedPerSync: 2,
        numCreated: 0,
        // the slice is updated not deleted
        numUpdated: 1,
        numDeleted: 0,
        slicesChangedPerSync: 1,
      },
      expectError: true,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const svc = structuredClone(service);
      svc.spec.publishNotReadyAddresses = tc.publishNotReady;
      const existingSlices = tc.existingSlice ? [tc.existingSlice()] : [];
      const api = new FakeSliceApi(existingSlices);

      const result = reconcileHelper(
        api,
        svc,
        pods,
        tc.existingNodes ?? [],
        { triggerTime },
        existingSlices,
      );
      if (tc.expectError) expect(result.errors).not.toEqual([]);
      else expect(result.errors).toEqual([]);

      expect(api.list()).toHaveLength(tc.expectedMetrics.actualSlices);
      expectMetrics(result.metrics, tc.expectedMetrics);
    });
  }
});

// TestReconcileHeadlessServiceNoPorts verifies that headless services with no ports
// don't cause EndpointSlice churn. Validates fix for https://github.com/kubernetes/kubernetes/issues/133474
test('TestReconcileHeadlessServiceNoPorts', () => {
  const svc: Service = {
    metadata: { name: 'headless-no-ports', namespace, uid: 'test-uid' },
    spec: { clusterIP: 'None', selector: { foo: 'bar' }, ipFamilies: ['IPv4'] },
  };

  const pod = newPod(1, namespace, true, 1, false);
  const nodes = [node(pod.spec?.nodeName ?? '')];

  const api = new FakeSliceApi();
  const first = reconcileHelper(api, svc, [pod], nodes, { triggerTime }, []);
  expect(first.errors).toEqual([]);
  expect(api.actions).toHaveLength(1);
  expectActions(api.actions, 1, 'create');

  const existingSlices = api.list().map((slice) => {
    const copy = structuredClone(slice);
    // replicate API server behavior which serializes this empty slice as nil
    delete copy.ports;
    return copy;
  });
  expect(existingSlices).toHaveLength(1);

  const second = reconcileHelper(api, svc, [pod], nodes, { triggerTime }, existingSlices);
  expect(second.errors).toEqual([]);

  // Upstream: the only action after the first reconcile is the list of fetchEndpointSlices.
  expect(second.actions).toEqual([]);
  expect(api.actions).toHaveLength(1);
});
