/**
 * Port of upstream k8s.io/endpointslice topologycache/topologycache_test.go.
 *
 * Upstream sets the unexported `cache.cpuRatiosByZone` directly; here the cache gets those ratios
 * through setNodes, from one ready Node per zone whose allocatable CPU is the ratio in
 * milli-cores (0.35 → "350m"), and each case first checks that the ratios came out exactly as
 * upstream's literals. Upstream's `cache.endpointsByService[key]` is read through
 * `hintsFor(key, addressType)` and `hasPopulatedHints(key)`; `sufficientNodeInfo` and
 * `cpuByZone` through `zoneCapacity` (see TestSetNodes).
 *
 * Upstream compares event messages by prefix; the messages are asserted whole here, as
 * upstream's code formats them (`FormatWithAddressType`: `<message>, addressType: IPv4`).
 */
import { describe, expect, test } from 'vitest';
import {
  TopologyCache,
  type ControllerEvent,
  type Endpoint,
  type EndpointSlice,
  type SliceInfo,
} from '../src/index.ts';
import { HINTS_MESSAGES } from '../src/topology/hintAllocation.ts';
import { newNode } from './builders/index.ts';

/** A slice of upstream's tests: only its endpoints matter. */
function slice(endpoints: Endpoint[]): EndpointSlice {
  return { metadata: {}, addressType: 'IPv4', endpoints };
}

/** `discovery.Endpoint{Addresses, Zone, Hints, Conditions}`; `ready` undefined is `Ready: nil`. */
function endpoint(
  address: string,
  zone: string | undefined,
  ready: boolean | undefined,
  hint?: string,
): Endpoint {
  return {
    addresses: [address],
    ...(zone !== undefined && { zone }),
    ...(hint !== undefined && { hints: { forZones: [{ name: hint }] } }),
    conditions: ready === undefined ? {} : { ready },
  };
}

/** NewTopologyCache() with `cpuRatiosByZone` set: one ready Node per zone, CPU = ratio × 1000m. */
function cacheWithRatios(ratios: Record<string, number> | null): TopologyCache {
  const cache = new TopologyCache();
  const nodes = Object.entries(ratios ?? {}).map(([zone, ratio], i) =>
    newNode(`node-${i}`, { zone, cpu: `${Math.round(ratio * 1000)}m` }),
  );
  cache.setNodes(nodes);
  expect(cache.zoneCapacity.ratios, 'ratios set up as upstream sets them').toEqual(
    ratios === null ? undefined : new Map(Object.entries(ratios)),
  );
  return cache;
}

/** upstream expectEquivalentSlices: same number of slices, endpoints equal one by one. */
function expectEquivalentSlices(actual: EndpointSlice[], expected: EndpointSlice[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((expectedSlice, i) => {
    expect(actual[i]?.endpoints ?? []).toStrictEqual(expectedSlice.endpoints ?? []);
  });
}

/** upstream compareExpectedEvents: type and reason equal, message starting with upstream's. */
function compareExpectedEvents(
  expected: ControllerEvent[],
  events: ControllerEvent[],
  exactMessages: string[],
): void {
  expect(events).toHaveLength(expected.length);
  events.forEach((event, i) => {
    const want = expected[i] as ControllerEvent;
    expect({ type: event.type, reason: event.reason }).toEqual({
      type: want.type,
      reason: want.reason,
    });
    expect(want.message).not.toBe('');
    expect(event.message.startsWith(want.message)).toBe(true);
    expect(event.message).toBe(exactMessages[i]);
  });
}

const withAddressType = (message: string) => `${message}, addressType: IPv4`;

describe('TestAddHints', () => {
  const testCases: {
    name: string;
    cpuRatiosByZone: Record<string, number> | null;
    sliceInfo: SliceInfo;
    expectedEndpointsByAddrType: Record<string, Record<string, number>> | null;
    expectedSlicesToCreate: EndpointSlice[];
    expectedSlicesToUpdate: EndpointSlice[];
    expectedEvents: ControllerEvent[];
    /** The whole messages upstream's code produces (not in the Go table). */
    expectedEventMessages: string[];
  }[] = [
    {
      name: 'empty',
      cpuRatiosByZone: null,
      sliceInfo: {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [],
        toUpdate: [],
        unchanged: [],
      },
      expectedEndpointsByAddrType: null,
      expectedSlicesToCreate: [],
      expectedSlicesToUpdate: [],
      expectedEvents: [
        {
          type: 'Warning',
          reason: 'TopologyAwareHintsDisabled',
          message: HINTS_MESSAGES.insufficientNodeInfo,
        },
      ],
      expectedEventMessages: [withAddressType(HINTS_MESSAGES.insufficientNodeInfo)],
    },
    {
      name: 'slice to create, no zone ratios',
      cpuRatiosByZone: null,
      sliceInfo: {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [slice([endpoint('10.1.2.3', 'zone-a', true)])],
        toUpdate: [],
        unchanged: [],
      },
      expectedEndpointsByAddrType: null,
      expectedSlicesToCreate: [slice([endpoint('10.1.2.3', 'zone-a', true)])],
      expectedSlicesToUpdate: [],
      expectedEvents: [
        {
          type: 'Warning',
          reason: 'TopologyAwareHintsDisabled',
          message: HINTS_MESSAGES.insufficientNodeInfo,
        },
      ],
      expectedEventMessages: [withAddressType(HINTS_MESSAGES.insufficientNodeInfo)],
    },
    {
      name: 'slice to create with 2 endpoints, zone ratios require 3',
      cpuRatiosByZone: { 'zone-a': 0.3, 'zone-b': 0.4, 'zone-c': 0.3 },
      sliceInfo: {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [
          slice([endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true)]),
        ],
        toUpdate: [],
        unchanged: [],
      },
      expectedEndpointsByAddrType: null,
      expectedSlicesToCreate: [
        slice([endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true)]),
      ],
      expectedSlicesToUpdate: [],
      expectedEvents: [
        {
          type: 'Warning',
          reason: 'TopologyAwareHintsDisabled',
          message: HINTS_MESSAGES.insufficientNumberOfEndpoints,
        },
      ],
      expectedEventMessages: [
        withAddressType(`${HINTS_MESSAGES.insufficientNumberOfEndpoints} (2 endpoints, 3 zones)`),
      ],
    },
    {
      name: 'slice to create with 2 endpoints, zone ratios only require 2',
      cpuRatiosByZone: { 'zone-a': 0.45, 'zone-b': 0.55 },
      sliceInfo: {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [
          slice([endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true)]),
        ],
        toUpdate: [],
        unchanged: [],
      },
      expectedEndpointsByAddrType: { IPv4: { 'zone-a': 1, 'zone-b': 1 } },
      expectedSlicesToCreate: [
        slice([
          endpoint('10.1.2.3', 'zone-a', true, 'zone-a'),
          endpoint('10.1.2.4', 'zone-b', true, 'zone-b'),
        ]),
      ],
      expectedSlicesToUpdate: [],
      expectedEvents: [
        {
          type: 'Normal',
          reason: 'TopologyAwareHintsEnabled',
          message: HINTS_MESSAGES.enabled,
        },
      ],
      expectedEventMessages: [withAddressType(HINTS_MESSAGES.enabled)],
    },
    {
      name: 'slice to create with 2 ready, 1 unready, 1 unknown endpoints, zone ratios only require 2',
      cpuRatiosByZone: { 'zone-a': 0.45, 'zone-b': 0.55 },
      sliceInfo: {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [
          slice([
            endpoint('10.1.2.3', 'zone-a', true),
            endpoint('10.1.2.4', 'zone-b', true),
            endpoint('10.1.2.5', 'zone-b', false),
            endpoint('10.1.2.6', 'zone-b', undefined),
          ]),
        ],
        toUpdate: [],
        unchanged: [],
      },
      expectedEndpointsByAddrType: { IPv4: { 'zone-a': 1, 'zone-b': 1 } },
      expectedSlicesToCreate: [
        slice([
          endpoint('10.1.2.3', 'zone-a', true, 'zone-a'),
          endpoint('10.1.2.4', 'zone-b', true, 'zone-b'),
          endpoint('10.1.2.5', 'zone-b', false),
          endpoint('10.1.2.6', 'zone-b', undefined),
        ]),
      ],
      expectedSlicesToUpdate: [],
      expectedEvents: [
        {
          type: 'Normal',
          reason: 'TopologyAwareHintsEnabled',
          message: HINTS_MESSAGES.enabled,
        },
      ],
      expectedEventMessages: [withAddressType(HINTS_MESSAGES.enabled)],
    },
    {
      name: 'slices to create and update within 3 zone threshold',
      cpuRatiosByZone: { 'zone-a': 0.35, 'zone-b': 0.35, 'zone-c': 0.3 },
      sliceInfo: {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [
          slice([endpoint('10.1.2.3', 'zone-a', true), endpoint('10.1.2.4', 'zone-b', true)]),
          slice([
            endpoint('10.1.3.3', 'zone-c', true),
            endpoint('10.1.3.4', 'zone-c', true),
            endpoint('10.1.3.4', 'zone-a', true),
          ]),
        ],
        toUpdate: [
          slice([endpoint('10.2.2.3', 'zone-a', true), endpoint('10.2.2.4', 'zone-a', true)]),
          slice([
            endpoint('10.2.3.3', 'zone-b', true),
            endpoint('10.2.3.4', 'zone-c', true),
            endpoint('10.2.3.4', 'zone-a', true),
          ]),
        ],
        unchanged: [],
      },
      expectedEndpointsByAddrType: { IPv4: { 'zone-a': 4, 'zone-b': 3, 'zone-c': 3 } },
      expectedSlicesToCreate: [
        slice([
          endpoint('10.1.2.3', 'zone-a', true, 'zone-b'),
          endpoint('10.1.2.4', 'zone-b', true, 'zone-b'),
        ]),
        slice([
          endpoint('10.1.3.3', 'zone-c', true, 'zone-c'),
          endpoint('10.1.3.4', 'zone-c', true, 'zone-c'),
          endpoint('10.1.3.4', 'zone-a', true, 'zone-a'),
        ]),
      ],
      expectedSlicesToUpdate: [
        slice([
          endpoint('10.2.2.3', 'zone-a', true, 'zone-a'),
          endpoint('10.2.2.4', 'zone-a', true, 'zone-a'),
        ]),
        slice([
          endpoint('10.2.3.3', 'zone-b', true, 'zone-b'),
          endpoint('10.2.3.4', 'zone-c', true, 'zone-c'),
          endpoint('10.2.3.4', 'zone-a', true, 'zone-a'),
        ]),
      ],
      expectedEvents: [
        {
          type: 'Normal',
          reason: 'TopologyAwareHintsEnabled',
          message: HINTS_MESSAGES.enabled,
        },
      ],
      expectedEventMessages: [withAddressType(HINTS_MESSAGES.enabled)],
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const cache = cacheWithRatios(tc.cpuRatiosByZone);

      const { toCreate, toUpdate, events } = cache.addHints(tc.sliceInfo);

      expectEquivalentSlices(toCreate, tc.expectedSlicesToCreate);
      expectEquivalentSlices(toUpdate, tc.expectedSlicesToUpdate);
      compareExpectedEvents(tc.expectedEvents, events, tc.expectedEventMessages);

      const key = tc.sliceInfo.serviceKey;
      if (tc.expectedEndpointsByAddrType === null) {
        for (const addressType of ['IPv4', 'IPv6'] as const) {
          expect(cache.hintsFor(key, addressType), `no endpoints for Service ${key}`).toBe(
            undefined,
          );
        }
        expect(cache.hasPopulatedHints(key)).toBe(false);
      } else {
        for (const addressType of ['IPv4', 'IPv6'] as const) {
          const expectedEndpointZoneInfo = tc.expectedEndpointsByAddrType[addressType];
          expect(cache.hintsFor(key, addressType)).toEqual(
            expectedEndpointZoneInfo && new Map(Object.entries(expectedEndpointZoneInfo)),
          );
        }
        expect(cache.hasPopulatedHints(key)).toBe(true);
      }
    });
  }
});

describe('TestSetNodes', () => {
  interface NodeInfo {
    zone: string;
    cpu: string;
    ready: boolean;
    labels?: Record<string, string>;
  }

  const testCases: {
    name: string;
    nodes: NodeInfo[];
    expectSufficientNodeInfo: boolean;
    /** Milli-cores; null is upstream's nil `cpuByZone`. */
    expectedCPUByZone: Record<string, number> | null;
    expectedRatios: Record<string, number> | null;
    /**
     * slicescope's `zoneCapacity.milliCpuByZone` where upstream's `cpuByZone` is nil: slicescope
     * keeps the CPU it counted (for explaining why hints are off) while upstream drops it; no
     * hint depends on it, both leave the ratios unset.
     */
    slicescopeMilliCpuByZone?: Record<string, number>;
  }[] = [
    {
      name: 'empty',
      nodes: [],
      expectSufficientNodeInfo: false,
      expectedCPUByZone: null,
      expectedRatios: null,
      slicescopeMilliCpuByZone: {},
    },
    {
      name: 'single node',
      nodes: [{ zone: 'zone-a', cpu: '1000m', ready: true }],
      expectSufficientNodeInfo: false,
      expectedCPUByZone: null,
      expectedRatios: null,
      slicescopeMilliCpuByZone: { 'zone-a': 1000 },
    },
    {
      name: 'single zone',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-a', cpu: '1000m', ready: true },
      ],
      expectSufficientNodeInfo: false,
      expectedCPUByZone: null,
      expectedRatios: null,
      slicescopeMilliCpuByZone: { 'zone-a': 2000 },
    },
    {
      name: '2 zones',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-b', cpu: '1000m', ready: true },
      ],
      expectSufficientNodeInfo: true,
      expectedCPUByZone: { 'zone-a': 1000, 'zone-b': 1000 },
      expectedRatios: { 'zone-a': 0.5, 'zone-b': 0.5 },
    },
    {
      name: '2 zones, unready node in 1, ready node in 1',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: false },
        { zone: 'zone-b', cpu: '1000m', ready: true },
      ],
      expectSufficientNodeInfo: false,
      expectedCPUByZone: null,
      expectedRatios: null,
      slicescopeMilliCpuByZone: { 'zone-b': 1000 },
    },
    {
      name: '2 zones, control plane node in 1, ready node in 1',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: true },
        {
          zone: 'zone-b',
          cpu: '1000m',
          ready: true,
          labels: { 'node-role.kubernetes.io/control-plane': '' },
        },
      ],
      expectSufficientNodeInfo: false,
      expectedCPUByZone: null,
      expectedRatios: null,
      slicescopeMilliCpuByZone: { 'zone-a': 1000 },
    },
    {
      name: '2 zones, unready node in 1, ready node in 2',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-b', cpu: '1000m', ready: true },
        { zone: 'zone-b', cpu: '1000m', ready: false },
      ],
      expectSufficientNodeInfo: true,
      expectedCPUByZone: { 'zone-a': 1000, 'zone-b': 1000 },
      expectedRatios: { 'zone-a': 0.5, 'zone-b': 0.5 },
    },
    {
      name: '2 zones, control plane node in 1, ready node in 2',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-b', cpu: '1000m', ready: true },
        {
          zone: 'zone-b',
          cpu: '1000m',
          ready: true,
          labels: { 'node-role.kubernetes.io/control-plane': '' },
        },
      ],
      expectSufficientNodeInfo: true,
      expectedCPUByZone: { 'zone-a': 1000, 'zone-b': 1000 },
      expectedRatios: { 'zone-a': 0.5, 'zone-b': 0.5 },
    },
    {
      name: '3 zones, 4 nodes in 1, 2 nodes in 1, 1 node in 1',
      nodes: [
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-a', cpu: '1000m', ready: true },
        { zone: 'zone-a', cpu: '2000m', ready: true },
        { zone: 'zone-b', cpu: '3000m', ready: true },
        { zone: 'zone-b', cpu: '1500m', ready: true },
        { zone: 'zone-c', cpu: '500m', ready: true },
      ],
      expectSufficientNodeInfo: true,
      expectedCPUByZone: { 'zone-a': 5000, 'zone-b': 4500, 'zone-c': 500 },
      expectedRatios: { 'zone-a': 0.5, 'zone-b': 0.45, 'zone-c': 0.05 },
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const cache = new TopologyCache();
      const nodes = tc.nodes.map((node, i) =>
        newNode(`node-${i}`, {
          zone: node.zone,
          cpu: node.cpu,
          ready: node.ready,
          ...(node.labels && { labels: node.labels }),
        }),
      );

      cache.setNodes(nodes);
      const capacity = cache.zoneCapacity;

      // sufficientNodeInfo: upstream sets it false exactly when it leaves the ratios nil.
      expect(capacity.ratios !== undefined, 'sufficientNodeInfo').toBe(tc.expectSufficientNodeInfo);
      // No Node here lacks a zone or CPU.
      expect(capacity.insufficientNode).toBeUndefined();

      // Ratios are compared exactly, as upstream does (`actualRatio != expectedRatio`).
      expect(capacity.ratios).toEqual(
        tc.expectedRatios === null ? undefined : new Map(Object.entries(tc.expectedRatios)),
      );

      if (tc.expectedCPUByZone === null) {
        expect(capacity.milliCpuByZone).toEqual(
          new Map(Object.entries(tc.slicescopeMilliCpuByZone ?? {})),
        );
      } else {
        expect(capacity.milliCpuByZone).toEqual(new Map(Object.entries(tc.expectedCPUByZone)));
        let total = 0;
        for (const milli of Object.values(tc.expectedCPUByZone)) total += milli;
        expect(capacity.totalMilliCpu).toBe(total);
      }
    });
  }

  // Not in upstream's table: SetNodes' bail-out when a ready worker has no zone or no CPU.
  describe('ready worker without zone or allocatable CPU (topologycache.go SetNodes)', () => {
    const cases: { name: string; nodes: NodeInfo[]; insufficientNode: string }[] = [
      {
        name: 'node without zone label',
        nodes: [
          { zone: 'zone-a', cpu: '1', ready: true },
          { zone: 'zone-b', cpu: '1', ready: true },
          { zone: '', cpu: '1', ready: true },
        ],
        insufficientNode: 'node-2',
      },
      {
        name: 'node with zero CPU',
        nodes: [
          { zone: 'zone-a', cpu: '1', ready: true },
          { zone: 'zone-b', cpu: '0', ready: true },
          { zone: 'zone-b', cpu: '1', ready: true },
        ],
        insufficientNode: 'node-1',
      },
    ];
    for (const tc of cases) {
      test(tc.name, () => {
        const cache = new TopologyCache();
        cache.setNodes(
          tc.nodes.map((node, i) =>
            newNode(`node-${i}`, { zone: node.zone, cpu: node.cpu, ready: node.ready }),
          ),
        );
        expect(cache.zoneCapacity.ratios).toBeUndefined();
        expect(cache.zoneCapacity.milliCpuByZone).toEqual(new Map());
        expect(cache.zoneCapacity.insufficientNode).toBe(tc.insufficientNode);
      });
    }

    test('unready or control-plane nodes without zone are ignored', () => {
      const cache = new TopologyCache();
      cache.setNodes([
        newNode('a', { zone: 'zone-a' }),
        newNode('b', { zone: 'zone-b' }),
        newNode('unready', { ready: false }),
        newNode('master', { labels: { 'node-role.kubernetes.io/master': '' } }),
      ]);
      expect(cache.zoneCapacity.ratios).toEqual(
        new Map([
          ['zone-a', 0.5],
          ['zone-b', 0.5],
        ]),
      );
    });
  });
});

// TestTopologyCacheRace runs SetNodes, AddHints and HasPopulatedHints on three goroutines for
// Go's race detector and asserts nothing. JavaScript runs them one at a time on one thread.
// TestTopologyCacheRace is not ported: it only exercises Go's race detector, and JavaScript runs
// the cache on one thread.

/*
 * Upstream has no tests of GetOverloadedServices, HasPopulatedHints or RemoveHints; these follow
 * topologycache.go (and reconciler.go for the disabled event) directly.
 */
describe('GetOverloadedServices (no upstream test; topologycache.go)', () => {
  const twoZones = () => [newNode('a', { zone: 'zone-a' }), newNode('b', { zone: 'zone-b' })];
  const info = (serviceKey: string): SliceInfo => ({
    serviceKey,
    addressType: 'IPv4',
    toCreate: [
      slice([
        endpoint('10.0.0.1', 'zone-a', true),
        endpoint('10.0.0.2', 'zone-a', true),
        endpoint('10.0.0.3', 'zone-b', true),
        endpoint('10.0.0.4', 'zone-b', true),
      ]),
    ],
    toUpdate: [],
    unchanged: [],
  });

  test('balanced hints are not overloaded', () => {
    const cache = new TopologyCache();
    cache.setNodes(twoZones());
    cache.addHints(info('ns/svc'));
    expect(cache.hintsFor('ns/svc', 'IPv4')).toEqual(
      new Map([
        ['zone-a', 2],
        ['zone-b', 2],
      ]),
    );
    expect(cache.getOverloadedServices()).toEqual([]);
  });

  test('a new zone without hints overloads the Service', () => {
    const cache = new TopologyCache();
    cache.setNodes(twoZones());
    cache.addHints(info('ns/svc'));
    cache.setNodes([...twoZones(), newNode('c', { zone: 'zone-c' })]);
    expect(cache.getOverloadedServices()).toEqual(['ns/svc']);
  });

  test('a zone below ceil(total × ratio / 1.2) overloads the Service', () => {
    const cache = new TopologyCache();
    cache.setNodes(twoZones());
    cache.addHints(info('ns/svc'));
    // zone-a now has 0.8 of the CPU: ceil(4 × 0.8 / 1.2) = 3 > 2 hints.
    cache.setNodes([newNode('a', { zone: 'zone-a', cpu: '4' }), newNode('b', { zone: 'zone-b' })]);
    expect(cache.getOverloadedServices()).toEqual(['ns/svc']);
    // 0.55 and 0.45 of the CPU: ceil(4 × 0.55 / 1.2) = ceil(4 × 0.45 / 1.2) = 2, not overloaded.
    cache.setNodes([
      newNode('a', { zone: 'zone-a', cpu: '1100m' }),
      newNode('b', { zone: 'zone-b', cpu: '900m' }),
    ]);
    expect(cache.getOverloadedServices()).toEqual([]);
  });

  test('no zone ratios at all overloads every Service with hints', () => {
    const cache = new TopologyCache();
    cache.setNodes(twoZones());
    cache.addHints(info('ns/a'));
    cache.addHints(info('ns/b'));
    cache.setNodes([]);
    expect(cache.getOverloadedServices().sort()).toEqual(['ns/a', 'ns/b']);
  });

  test('Services whose hints were removed are not listed', () => {
    const cache = new TopologyCache();
    cache.setNodes(twoZones());
    cache.addHints(info('ns/svc'));
    cache.removeHints('ns/svc', 'IPv4');
    cache.setNodes([]);
    expect(cache.getOverloadedServices()).toEqual([]);
  });
});

describe('HasPopulatedHints and RemoveHints (no upstream test; topologycache.go)', () => {
  const info = (addressType: 'IPv4' | 'IPv6', ready = true): SliceInfo => ({
    serviceKey: 'ns/svc',
    addressType,
    toCreate: [
      slice([endpoint('10.0.0.1', 'zone-a', ready), endpoint('10.0.0.2', 'zone-b', ready)]),
    ],
    toUpdate: [],
    unchanged: [],
  });
  const newCache = () => {
    const cache = new TopologyCache();
    cache.setNodes([newNode('a', { zone: 'zone-a' }), newNode('b', { zone: 'zone-b' })]);
    return cache;
  };

  test('hints are populated by the first successful AddHints, which alone reports it', () => {
    const cache = newCache();
    expect(cache.hasPopulatedHints('ns/svc')).toBe(false);
    expect(cache.addHints(info('IPv4')).events).toEqual([
      {
        type: 'Normal',
        reason: 'TopologyAwareHintsEnabled',
        message: 'Topology Aware Hints has been enabled, addressType: IPv4',
      },
    ]);
    expect(cache.hasPopulatedHints('ns/svc')).toBe(true);
    // hintsEnabled was already true: no second event, for this or another address type.
    expect(cache.addHints(info('IPv4')).events).toEqual([]);
    expect(cache.addHints(info('IPv6')).events).toEqual([]);
    expect(cache.hintsFor('ns/svc', 'IPv6')).toEqual(
      new Map([
        ['zone-a', 1],
        ['zone-b', 1],
      ]),
    );
  });

  test('RemoveHints of one address type keeps the other but clears the populated flag', () => {
    const cache = newCache();
    cache.addHints(info('IPv4'));
    cache.addHints(info('IPv6'));
    cache.removeHints('ns/svc', 'IPv4');
    expect(cache.hintsFor('ns/svc', 'IPv4')).toBeUndefined();
    expect(cache.hintsFor('ns/svc', 'IPv6')).toBeDefined();
    expect(cache.hasPopulatedHints('ns/svc')).toBe(false);
  });

  test('a failed AddHints removes the hints', () => {
    const cache = newCache();
    cache.addHints(info('IPv4'));
    // No ready endpoints: fewer endpoints than zones.
    const { events } = cache.addHints(info('IPv4', false));
    expect(events).toEqual([
      {
        type: 'Warning',
        reason: 'TopologyAwareHintsDisabled',
        message: 'Insufficient number of endpoints (0 endpoints, 2 zones), addressType: IPv4',
      },
    ]);
    expect(cache.hintsFor('ns/svc', 'IPv4')).toBeUndefined();
    expect(cache.hasPopulatedHints('ns/svc')).toBe(false);
  });

  test('disabling hints reports it only when hints were populated (reconciler.go)', () => {
    const cache = newCache();
    expect(cache.disableHints('ns/svc', 'IPv4')).toEqual([]);
    cache.addHints(info('IPv4'));
    expect(cache.disableHints('ns/svc', 'IPv4')).toEqual([
      {
        type: 'Warning',
        reason: 'TopologyAwareHintsDisabled',
        message: 'Topology Aware Hints has been disabled, addressType: IPv4',
      },
    ]);
    expect(cache.hasPopulatedHints('ns/svc')).toBe(false);
    expect(cache.hintsFor('ns/svc', 'IPv4')).toBeUndefined();
  });
});
