/**
 * Port of upstream k8s.io/endpointslice reconciler_test.go TestReconcileTopology: a reconcile with
 * `options.topologyCache` = a real TopologyCache whose setNodes got the test's Nodes (upstream's
 * `r.topologyCache = NewTopologyCache(); r.topologyCache.SetNodes(logger, tc.nodes)`).
 *
 * Beyond upstream's assertions (metrics, slices, hints per zone, cross-zone hints, no cache
 * mutation), each case also checks the events upstream's code records and the cache's state, and
 * where upstream's outcome depends on Go map order, which endpoints slicescope re-hints.
 */
import { describe, expect, test } from 'vitest';
import {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  TopologyCache,
  emptySyncMetrics,
  type ControllerEvent,
  type EndpointSlice,
  type Node,
  type Pod,
  type SyncMetrics,
} from '../src/index.ts';
import { podToEndpoint } from '../src/controller/pods.ts';
import {
  FakeSliceApi,
  newNode,
  newPod,
  newServiceAndEndpointMeta,
  reconcileHelper,
  controllerRefOf,
} from './builders/index.ts';

/** upstream expectMetrics: every metric not given is expected to be zero (or empty). */
function expectMetrics(actual: SyncMetrics, expected: Partial<SyncMetrics>): void {
  expect(actual).toEqual({ ...emptySyncMetrics(), ...expected });
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at index ${index}`);
  return item;
}

describe('TestReconcileTopology', () => {
  const ns = 'testing';
  const { service: svc, endpointMeta } = newServiceAndEndpointMeta('foo', ns);

  // 3 zones, 10 nodes and pods per zone
  const zones = ['zone-a', 'zone-b', 'zone-c'];

  const pods: Pod[] = [];
  const nodes: Node[] = [];
  const nodesByName = new Map<string, Node>();
  zones.forEach((zone, i) => {
    for (let j = 0; j < 10; j++) {
      const node = newNode(`node-${zone}-${j}`, { zone, cpu: '100m' });
      nodesByName.set(node.metadata.name ?? '', node);
      nodes.push(node);

      const pod = newPod(i * 100 + j, ns, true, 1, false);
      pod.spec = { ...pod.spec, nodeName: node.metadata.name ?? '' };
      pods.push(pod);
    }
  });

  const slicePods: Record<'zone-a-b' | 'zone-a-c' | 'zone-c', Pod[]> = {
    'zone-a-b': [at(pods, 7), at(pods, 8), at(pods, 16), at(pods, 17), at(pods, 18)],
    'zone-a-c': [at(pods, 5), at(pods, 6), at(pods, 25), at(pods, 26)],
    'zone-c': [at(pods, 27), at(pods, 28), at(pods, 29)],
  };

  const ownerRef = controllerRefOf(svc);

  const slicesByName: Record<string, EndpointSlice> = {};
  for (const [name, slicePodList] of Object.entries(slicePods)) {
    slicesByName[name] = {
      metadata: {
        name,
        ownerReferences: [ownerRef],
        labels: {
          [LABEL_MANAGED_BY]: CONTROLLER_NAME,
          [LABEL_SERVICE_NAME]: svc.metadata.name ?? '',
        },
      },
      addressType: endpointMeta.addressType,
      ports: endpointMeta.ports,
      endpoints: slicePodList.map((pod) =>
        podToEndpoint(
          pod,
          nodesByName.get(pod.spec?.nodeName ?? ''),
          svc,
          endpointMeta.addressType,
        ),
      ),
    };
  }
  const slice = (name: string) => slicesByName[name] as EndpointSlice;

  const enabled: ControllerEvent = {
    type: 'Normal',
    reason: 'TopologyAwareHintsEnabled',
    message: 'Topology Aware Hints has been enabled, addressType: IPv4',
  };

  const testCases: {
    name: string;
    topologyCacheEnabled: boolean;
    hintsAnnotation: string;
    existingSlices: EndpointSlice[];
    pods: Pod[];
    nodes: Node[];
    expectedHints: Record<string, number> | null;
    expectedCrossZoneHints: number;
    expectedMetrics: Partial<SyncMetrics>;
    /** Not in the Go table: the events upstream's code records for this reconcile. */
    expectedEvents: ControllerEvent[];
    /** Not in the Go table: slicescope's zone hint per address where upstream's map order decides. */
    slicescopeHintsByAddress?: Record<string, string>;
  }[] = [
    {
      name: 'no change, topologyCache disabled, annotation == auto',
      topologyCacheEnabled: false,
      hintsAnnotation: 'auto',
      existingSlices: [slice('zone-c')],
      pods: slicePods['zone-c'],
      nodes,
      expectedHints: null,
      expectedCrossZoneHints: 0,
      expectedMetrics: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 3,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 0,
      },
      expectedEvents: [],
    },
    {
      name: 'enabling topologyCache, hintsAnnotation == auto',
      topologyCacheEnabled: true,
      hintsAnnotation: 'auto',
      existingSlices: [slice('zone-c')],
      pods: slicePods['zone-c'],
      nodes,
      expectedHints: { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      expectedCrossZoneHints: 2,
      expectedMetrics: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 3,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 1,
        numDeleted: 0,
        slicesChangedPerSyncTopology: 1,
      },
      expectedEvents: [enabled],
      // zone-c gives one endpoint to zone-a and one to zone-b; upstream walks the receiving
      // zones in map order, so either of pod207 and pod208 may go to either zone.
      slicescopeHintsByAddress: {
        '1.2.3.211': 'zone-a', // pod207
        '1.2.3.212': 'zone-b', // pod208
        '1.2.3.213': 'zone-c', // pod209
      },
    },
    {
      name: 'topology enabled,  hintsAnnotation==auto, ratio beyond threshold',
      topologyCacheEnabled: true,
      hintsAnnotation: 'auto',
      existingSlices: [slice('zone-a-c')],
      pods: slicePods['zone-a-c'],
      nodes,
      expectedHints: null,
      expectedCrossZoneHints: 0,
      expectedMetrics: {
        desiredSlices: 1,
        actualSlices: 1,
        desiredEndpoints: 4,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSyncTopology: 0,
      },
      expectedEvents: [
        {
          type: 'Warning',
          reason: 'TopologyAwareHintsDisabled',
          message:
            'Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (4 endpoints, 3 zones), addressType: IPv4',
        },
      ],
    },
    {
      name: 'topology enabled, hintsAnnotation==Auto, more slices and endpoints',
      topologyCacheEnabled: true,
      hintsAnnotation: 'Auto',
      existingSlices: [slice('zone-a-c'), slice('zone-a-b')],
      pods: [...slicePods['zone-a-c'], ...slicePods['zone-a-b']],
      nodes,
      expectedHints: { 'zone-a': 3, 'zone-b': 3, 'zone-c': 3 },
      expectedCrossZoneHints: 1,
      expectedMetrics: {
        desiredSlices: 1,
        actualSlices: 2,
        desiredEndpoints: 9,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        // TODO(robscott): Since we're potentially changing more slices when
        // adding topology hints we could use it as a free repacking
        // opportunity. That would make this value 1.
        numUpdated: 2,
        numDeleted: 0,
        slicesChangedPerSyncTopology: 2,
      },
      expectedEvents: [enabled],
      // zone-a gives its first ready endpoint in slice order to zone-c. slicescope takes the
      // existing slices in name order (zone-a-b first), so that is pod7; upstream, given the
      // slices in the order of the test (zone-a-c first), would move pod5.
      slicescopeHintsByAddress: {
        '1.2.3.11': 'zone-c', // pod7
        '1.2.3.12': 'zone-a', // pod8
        '1.2.3.110': 'zone-b', // pod106
        '1.2.3.111': 'zone-b', // pod107
        '1.2.3.112': 'zone-b', // pod108
        '1.2.3.9': 'zone-a', // pod5
        '1.2.3.10': 'zone-a', // pod6
        '1.2.3.209': 'zone-c', // pod205
        '1.2.3.210': 'zone-c', // pod206
      },
    },
    {
      name: 'topology enabled, hintsAnnotation==disabled, more slices and endpoints',
      topologyCacheEnabled: true,
      hintsAnnotation: 'disabled',
      existingSlices: [slice('zone-a-c'), slice('zone-a-b')],
      pods: [...slicePods['zone-a-c'], ...slicePods['zone-a-b']],
      nodes,
      expectedHints: null,
      expectedCrossZoneHints: 0,
      expectedMetrics: {
        desiredSlices: 1,
        actualSlices: 2,
        desiredEndpoints: 9,
        addedPerSync: 0,
        removedPerSync: 0,
        numCreated: 0,
        numUpdated: 0,
        numDeleted: 0,
        slicesChangedPerSync: 0,
      },
      // The cache never populated hints for the Service: nothing to report disabled.
      expectedEvents: [],
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const api = new FakeSliceApi(tc.existingSlices);
      // upstream cacheMutationCheck
      const cmc = structuredClone(tc.existingSlices);

      let topologyCache: TopologyCache | undefined;
      if (tc.topologyCacheEnabled) {
        topologyCache = new TopologyCache();
        topologyCache.setNodes(tc.nodes);
      }

      const service = structuredClone(svc);
      service.metadata.annotations = {
        'service.kubernetes.io/topology-aware-hints': tc.hintsAnnotation,
      };
      const result = reconcileHelper(
        api,
        service,
        tc.pods,
        tc.nodes,
        { topologyCache, triggerTime: new Date().toISOString() },
        tc.existingSlices,
      );
      expect(result.errors).toEqual([]);

      expect(tc.existingSlices, 'Cached object was unexpectedly mutated').toStrictEqual(cmc);
      expectMetrics(result.metrics, tc.expectedMetrics);
      const fetchedSlices = api.list();
      expect(fetchedSlices.length, "Actual slices doesn't match metric").toBe(
        tc.expectedMetrics.actualSlices,
      );
      expect(result.events).toEqual(tc.expectedEvents);

      const serviceKey = `${ns}/foo`;
      if (topologyCache) {
        expect(topologyCache.hasPopulatedHints(serviceKey)).toBe(tc.expectedHints !== null);
        expect(topologyCache.hintsFor(serviceKey, 'IPv4')).toEqual(
          tc.expectedHints === null ? undefined : new Map(Object.entries(tc.expectedHints)),
        );
      }

      if (tc.expectedHints === null) {
        for (const fetched of fetchedSlices) {
          for (const endpoint of fetched.endpoints ?? []) {
            expect(
              endpoint.hints?.forZones ?? [],
              `Expected endpoint not to have zone hints: ${JSON.stringify(endpoint)}`,
            ).toHaveLength(0);
          }
        }
        return;
      }

      let actualCrossZoneHints = 0;
      const actualHints: Record<string, number> = {};
      const hintsByAddress: Record<string, string> = {};

      for (const fetched of fetchedSlices) {
        for (const endpoint of fetched.endpoints ?? []) {
          const forZones = endpoint.hints?.forZones ?? [];
          expect(
            forZones.length,
            `Expected endpoint to have zone hints: ${JSON.stringify(endpoint)}`,
          ).toBeGreaterThan(0);
          expect(forZones, 'Expected endpoint to only have 1 zone hint').toHaveLength(1);
          expect(endpoint.zone ?? '', 'Expected endpoint to have zone').not.toBe('');
          const zoneHint = forZones[0]?.name ?? '';
          if (endpoint.zone !== zoneHint) actualCrossZoneHints++;
          actualHints[zoneHint] = (actualHints[zoneHint] ?? 0) + 1;
          hintsByAddress[endpoint.addresses[0] ?? ''] = zoneHint;
        }
      }

      expect(Object.keys(actualHints)).toHaveLength(Object.keys(tc.expectedHints).length);
      for (const [zone, expectedNum] of Object.entries(tc.expectedHints)) {
        expect(actualHints[zone] ?? 0, `hints for ${zone}`).toBe(expectedNum);
      }
      expect(actualCrossZoneHints).toBe(tc.expectedCrossZoneHints);

      if (tc.slicescopeHintsByAddress) {
        expect(hintsByAddress).toEqual(tc.slicescopeHintsByAddress);
      }
    });
  }
});
