/**
 * Port of upstream k8s.io/endpointslice topologycache/utils_test.go (Test_redistributeHints,
 * Test_getGivingAndReceivingZones, Test_getHintsByZone) and topologycache/sliceinfo_test.go
 * (Test_getTotalReadyEndpoints), plus tests with no upstream counterpart that follow
 * topologycache/utils.go, sliceinfo.go and topologycache.go: RemoveHintsFromSlices,
 * getAllocatedHintsByZone, getAllocations and serviceOverloaded.
 *
 * slicescope has no SliceInfo methods: the ready-endpoint total and the hints kept on unchanged
 * slices are computed inside TopologyCache.addHints, so those behaviours are tested through it.
 */
import { describe, expect, test } from 'vitest';
import { TopologyCache, type Endpoint, type EndpointSlice, type SliceInfo } from '../src/index.ts';
import {
  getAllocations,
  getGivingAndReceivingZones,
  getHintsByZone,
  HINTS_MESSAGES,
  OVERLOAD_THRESHOLD,
  redistributeHints,
  serviceOverloaded,
  type ZoneAllocation,
} from '../src/topology/hintAllocation.ts';
import { removeHintsFromSlices } from '../src/topology/removeHints.ts';
import { newNode } from './builders/index.ts';

function slice(endpoints: Endpoint[], name?: string): EndpointSlice {
  return { metadata: name === undefined ? {} : { name }, addressType: 'IPv4', endpoints };
}

/** `discovery.Endpoint{Zone, Hints, Conditions}`; `ready` undefined is `Ready: nil`. */
function endpoint(
  zone: string | undefined,
  ready: boolean | undefined,
  hints?: string[],
  address?: string,
): Endpoint {
  return {
    addresses: address === undefined ? [] : [address],
    ...(zone !== undefined && { zone }),
    ...(hints !== undefined && { hints: { forZones: hints.map((name) => ({ name })) } }),
    conditions: ready === undefined ? {} : { ready },
  };
}

/** A Go `allocation` literal: unset fields are zero. */
function allocation(fields: Partial<ZoneAllocation>): ZoneAllocation {
  return { minimum: 0, maximum: 0, desired: 0, ...fields };
}

const toMap = <V>(record: Record<string, V>) => new Map(Object.entries(record));

function forZone(e: Endpoint | undefined): string | undefined {
  return e?.hints?.forZones?.[0]?.name;
}

describe('Test_redistributeHints', () => {
  const testCases: {
    name: string;
    slices: EndpointSlice[];
    givingZones: Record<string, number>;
    receivingZones: Record<string, number>;
    expectedRedistributions: Record<string, number>;
    /** slicescope's hint per endpoint afterwards (not in the Go table). */
    slicescopeHints: (string | undefined)[][];
  }[] = [
    {
      name: 'empty',
      slices: [],
      givingZones: {},
      receivingZones: {},
      expectedRedistributions: {},
      slicescopeHints: [],
    },
    {
      name: 'single endpoint',
      slices: [slice([endpoint('zone-a', true, ['zone-a'])])],
      givingZones: { 'zone-a': 1 },
      receivingZones: { 'zone-b': 1 },
      expectedRedistributions: { 'zone-a': -1, 'zone-b': 1 },
      slicescopeHints: [['zone-b']],
    },
    {
      name: 'endpoints from 1 zone redistributed to 2 other zones',
      slices: [
        slice([
          endpoint('zone-a', true, ['zone-a']),
          endpoint('zone-a', true, ['zone-a']),
          endpoint('zone-a', true, ['zone-a']),
        ]),
      ],
      givingZones: { 'zone-a': 2 },
      receivingZones: { 'zone-b': 1, 'zone-c': 1 },
      expectedRedistributions: { 'zone-a': -2, 'zone-b': 1, 'zone-c': 1 },
      // Upstream picks the receiving zone in map order: the first two endpoints go to zone-b and
      // zone-c in either order. slicescope takes zones in name order: zone-b, then zone-c.
      slicescopeHints: [['zone-b', 'zone-c', 'zone-a']],
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const actualRedistributions = redistributeHints(
        tc.slices,
        toMap(tc.givingZones),
        toMap(tc.receivingZones),
      );

      expect(actualRedistributions.size).toBe(Object.keys(tc.expectedRedistributions).length);
      for (const [zone, expectedNum] of Object.entries(tc.expectedRedistributions)) {
        expect(actualRedistributions.get(zone) ?? 0, `redistribution for ${zone}`).toBe(
          expectedNum,
        );
      }
      expect(tc.slices.map((s) => (s.endpoints ?? []).map(forZone))).toEqual(tc.slicescopeHints);
    });
  }

  // Not in the Go table: upstream's `endpoint.Hints = nil` for a not-ready endpoint assigns to
  // the range copy, so such endpoints are skipped with their hints untouched.
  test('not-ready endpoints are skipped and keep their hints (no upstream case)', () => {
    const slices = [
      slice([
        endpoint('zone-a', false, ['zone-a']),
        endpoint('zone-a', undefined, ['zone-c']),
        endpoint('zone-a', true, ['zone-a']),
      ]),
    ];
    const redistributions = redistributeHints(
      slices,
      toMap({ 'zone-a': 1 }),
      toMap({ 'zone-b': 1 }),
    );
    expect(redistributions).toEqual(toMap({ 'zone-b': 1, 'zone-a': -1 }));
    expect(slices[0]?.endpoints?.map(forZone)).toEqual(['zone-a', 'zone-c', 'zone-b']);
  });
});

describe('Test_getGivingAndReceivingZones', () => {
  const testCases: {
    name: string;
    allocations: Record<string, ZoneAllocation>;
    allocatedHintsByZone: Record<string, number>;
    expectedGivingZones: Record<string, number>;
    expectedReceivingZones: Record<string, number>;
  }[] = [
    {
      name: 'empty',
      allocations: {},
      allocatedHintsByZone: {},
      expectedGivingZones: {},
      expectedReceivingZones: {},
    },
    {
      name: 'simple allocation with no need for rebalancing',
      allocations: {
        'zone-a': allocation({ desired: 1.2 }),
        'zone-b': allocation({ desired: 1.1 }),
        'zone-c': allocation({ desired: 1.0 }),
      },
      allocatedHintsByZone: { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      expectedGivingZones: {},
      expectedReceivingZones: {},
    },
    {
      name: 'preference for same zone even when giving an extra endpoint would result in slightly better distribution',
      allocations: {
        'zone-a': allocation({ desired: 5.1 }),
        'zone-b': allocation({ desired: 5.1 }),
        'zone-c': allocation({ desired: 5.8 }),
      },
      allocatedHintsByZone: { 'zone-a': 16 },
      expectedGivingZones: { 'zone-a': 10 },
      expectedReceivingZones: { 'zone-b': 5, 'zone-c': 5 },
    },
    {
      name: 'when 2 zones need < 1 endpoint, give to zone that needs endpoint most',
      allocations: {
        'zone-a': allocation({ desired: 5.0 }),
        'zone-b': allocation({ desired: 5.6 }),
        'zone-c': allocation({ desired: 5.4 }),
      },
      allocatedHintsByZone: { 'zone-a': 16 },
      expectedGivingZones: { 'zone-a': 11 },
      expectedReceivingZones: { 'zone-b': 6, 'zone-c': 5 },
    },
    {
      name: 'when 2 zones have extra endpoints, give from zone with most extra',
      allocations: {
        'zone-a': allocation({ desired: 5.0 }),
        'zone-b': allocation({ desired: 5.6 }),
        'zone-c': allocation({ desired: 5.4 }),
      },
      allocatedHintsByZone: { 'zone-b': 8, 'zone-c': 8 },
      expectedGivingZones: { 'zone-b': 2, 'zone-c': 3 },
      expectedReceivingZones: { 'zone-a': 5 },
    },
    {
      name: 'ensure function can handle unexpected data (more allocated than allocations)',
      allocations: {
        'zone-a': allocation({ desired: 5.0 }),
        'zone-b': allocation({ desired: 5.0 }),
        'zone-c': allocation({ desired: 5.0 }),
      },
      allocatedHintsByZone: { 'zone-a': 6, 'zone-b': 6, 'zone-c': 6 },
      expectedGivingZones: {},
      expectedReceivingZones: {},
    },
    {
      name: 'ensure function can handle unexpected data (negative allocations)',
      allocations: {
        'zone-a': allocation({ desired: -5.0 }),
        'zone-b': allocation({ desired: -5.0 }),
        'zone-c': allocation({ desired: -5.0 }),
      },
      allocatedHintsByZone: { 'zone-a': 6, 'zone-b': 6, 'zone-c': 6 },
      expectedGivingZones: {},
      expectedReceivingZones: {},
    },
    {
      name: 'ensure function can handle unexpected data (negative allocated)',
      allocations: {
        'zone-a': allocation({ desired: 5.0 }),
        'zone-b': allocation({ desired: 5.0 }),
        'zone-c': allocation({ desired: 5.0 }),
      },
      allocatedHintsByZone: { 'zone-a': -4, 'zone-b': -3, 'zone-c': -2 },
      expectedGivingZones: {},
      expectedReceivingZones: {},
    },
    {
      name: 'ensure function can handle unexpected data (negative for 1 zone)',
      allocations: {
        'zone-a': allocation({ desired: 5.0 }),
        'zone-b': allocation({ desired: 5.0 }),
        'zone-c': allocation({ desired: 5.0 }),
      },
      allocatedHintsByZone: { 'zone-a': -40, 'zone-b': 20, 'zone-c': 20 },
      expectedGivingZones: { 'zone-b': 15, 'zone-c': 15 },
      expectedReceivingZones: { 'zone-a': 30 },
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const { givingZones, receivingZones } = getGivingAndReceivingZones(
        toMap(tc.allocations),
        toMap(tc.allocatedHintsByZone),
      );

      expect(givingZones).toEqual(toMap(tc.expectedGivingZones));
      expect(receivingZones).toEqual(toMap(tc.expectedReceivingZones));
    });
  }

  // Not in the Go table: on a tie of the largest surplus or deficit upstream takes whichever zone
  // its map iteration meets first; slicescope takes the first in name order.
  test('ties go to the first zone in name order (no upstream case)', () => {
    // zone-a and zone-c both have 1 endpoint to spare, zone-b needs 1. Upstream: zone-a or zone-c.
    expect(
      getGivingAndReceivingZones(
        toMap({
          'zone-c': allocation({ desired: 1 }),
          'zone-a': allocation({ desired: 1 }),
          'zone-b': allocation({ desired: 3 }),
        }),
        toMap({ 'zone-c': 2, 'zone-a': 2, 'zone-b': 2 }),
      ),
    ).toEqual({ givingZones: toMap({ 'zone-a': 1 }), receivingZones: toMap({ 'zone-b': 1 }) });
    // zone-a has 1 to spare, zone-d and zone-b both need 1. Upstream: zone-b or zone-d.
    expect(
      getGivingAndReceivingZones(
        toMap({
          'zone-a': allocation({ desired: 1 }),
          'zone-d': allocation({ desired: 3 }),
          'zone-b': allocation({ desired: 3 }),
        }),
        toMap({ 'zone-a': 2, 'zone-d': 2, 'zone-b': 2 }),
      ),
    ).toEqual({ givingZones: toMap({ 'zone-a': 1 }), receivingZones: toMap({ 'zone-b': 1 }) });
  });
});

describe('Test_getHintsByZone', () => {
  const testCases: {
    name: string;
    slice: EndpointSlice;
    allocatedHintsByZone: Record<string, number>;
    allocations: Record<string, ZoneAllocation>;
    /** null is upstream's nil: the slice must be updated. */
    expectedHintsByZone: Record<string, number> | null;
  }[] = [
    {
      name: 'empty',
      slice: { metadata: {}, addressType: 'IPv4', endpoints: null },
      allocations: {},
      allocatedHintsByZone: {},
      expectedHintsByZone: {},
    },
    {
      name: 'single zone hint',
      slice: slice([endpoint('zone-a', true, ['zone-a'])]),
      allocations: { 'zone-a': allocation({ maximum: 3 }) },
      allocatedHintsByZone: { 'zone-a': 1 },
      expectedHintsByZone: { 'zone-a': 1 },
    },
    {
      name: 'single zone hint with 1 unready endpoint and 1 unknown endpoint',
      slice: slice([
        endpoint('zone-a', true, ['zone-a']),
        endpoint('zone-a', false, ['zone-a']),
        endpoint('zone-a', undefined, ['zone-a']),
      ]),
      allocations: { 'zone-a': allocation({ maximum: 3 }) },
      allocatedHintsByZone: { 'zone-a': 1 },
      expectedHintsByZone: { 'zone-a': 1 },
    },
    {
      name: 'multiple zone hints',
      slice: slice([
        endpoint('zone-a', true, ['zone-a']),
        endpoint('zone-a', true, ['zone-b']),
        endpoint('zone-b', true, ['zone-b']),
      ]),
      allocations: {
        'zone-a': allocation({ maximum: 3 }),
        'zone-b': allocation({ maximum: 3 }),
        'zone-c': allocation({ maximum: 3 }),
      },
      allocatedHintsByZone: { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      expectedHintsByZone: { 'zone-a': 1, 'zone-b': 2 },
    },
    {
      name: 'invalid by zones that no longer requires any allocations',
      slice: slice([endpoint('zone-a', true, ['zone-non-existent'])]),
      allocations: { 'zone-a': allocation({ maximum: 3 }) },
      allocatedHintsByZone: { 'zone-a': 1, 'zone-b': 1, 'zone-c': 1 },
      expectedHintsByZone: null,
    },
    {
      name: 'invalid by endpoints with nil hints',
      slice: slice([endpoint('zone-a', true)]),
      allocations: { 'zone-a': allocation({ maximum: 3 }) },
      allocatedHintsByZone: {},
      expectedHintsByZone: null,
    },
    {
      name: 'invalid by endpoint with no hints',
      slice: slice([endpoint('zone-a', true, [])]),
      allocations: { 'zone-a': allocation({ maximum: 3 }) },
      allocatedHintsByZone: {},
      expectedHintsByZone: null,
    },
    {
      name: 'invalid by hints that would make minimum allocations impossible',
      slice: slice([endpoint('zone-a', true, ['zone-a']), endpoint('zone-a', true, ['zone-a'])]),
      allocations: { 'zone-a': allocation({ maximum: 2 }) },
      allocatedHintsByZone: { 'zone-a': 1 },
      expectedHintsByZone: null,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const actualHintsByZone = getHintsByZone(
        tc.slice,
        toMap(tc.allocatedHintsByZone),
        toMap(tc.allocations),
      );

      // Upstream distinguishes nil (undefined here) from an empty map.
      if (tc.expectedHintsByZone === null) expect(actualHintsByZone).toBeUndefined();
      else expect(actualHintsByZone).toEqual(toMap(tc.expectedHintsByZone));
    });
  }
});

/** upstream sliceinfo_test.go sliceWithNEndpoints: ready endpoints, then unready ones, no zones. */
function sliceWithNEndpoints(ready: number, unready: number): EndpointSlice {
  const endpoints: Endpoint[] = [];
  for (let i = 0; i < ready; i++) {
    endpoints.push({ addresses: [`10.1.2.${i}`], conditions: { ready: true } });
  }
  for (let i = 0; i < unready; i++) {
    endpoints.push({ addresses: [`10.1.2.${ready + i}`], conditions: { ready: false } });
  }
  return { metadata: {}, addressType: 'IPv4', endpoints };
}

function countEndpoints(slices: readonly EndpointSlice[]): number {
  return slices.reduce((total, s) => total + (s.endpoints?.length ?? 0), 0);
}

describe('Test_getTotalReadyEndpoints', () => {
  /*
   * slicescope computes getTotalReadyEndpoints inside addHints, where it is the `numEndpoints`
   * of getAllocations. With more zones than any case has ready endpoints, addHints stops with
   * the InsufficientNumberOfEndpoints warning, whose message reports that total.
   */
  const ZONES = 300;
  const cache = new TopologyCache();
  cache.setNodes(
    Array.from({ length: ZONES }, (_, i) => newNode(`node-${i}`, { zone: `zone-${i}` })),
  );

  const testCases: {
    name: string;
    si: Omit<SliceInfo, 'serviceKey' | 'addressType'>;
    expectedTotalReady: number;
    expectedTotal: number; // this is really just testing the test helper
  }[] = [
    {
      name: 'empty',
      si: { toCreate: [], toUpdate: [], unchanged: [] },
      expectedTotalReady: 0,
      expectedTotal: 0,
    },
    {
      name: 'empty slice',
      si: { toCreate: [sliceWithNEndpoints(0, 0)], toUpdate: [], unchanged: [] },
      expectedTotalReady: 0,
      expectedTotal: 0,
    },
    {
      name: 'multiple slices',
      si: {
        toCreate: [sliceWithNEndpoints(15, 0), sliceWithNEndpoints(8, 0)],
        toUpdate: [],
        unchanged: [],
      },
      expectedTotalReady: 23,
      expectedTotal: 23,
    },
    {
      name: 'slices for all',
      si: {
        toCreate: [sliceWithNEndpoints(15, 0), sliceWithNEndpoints(8, 0)],
        toUpdate: [sliceWithNEndpoints(2, 0)],
        unchanged: [sliceWithNEndpoints(100, 0), sliceWithNEndpoints(90, 0)],
      },
      expectedTotalReady: 215,
      expectedTotal: 215,
    },
    {
      name: 'slices for all with some unready',
      si: {
        toCreate: [sliceWithNEndpoints(15, 3), sliceWithNEndpoints(5, 4)],
        toUpdate: [sliceWithNEndpoints(3, 8)],
        unchanged: [sliceWithNEndpoints(98, 2), sliceWithNEndpoints(90, 6)],
      },
      expectedTotalReady: 211,
      expectedTotal: 234,
    },
  ];

  for (const tc of testCases) {
    test(tc.name, () => {
      const actualTotal =
        countEndpoints(tc.si.toCreate) +
        countEndpoints(tc.si.toUpdate) +
        countEndpoints(tc.si.unchanged);
      expect(actualTotal, 'Problem with test or test helper').toBe(tc.expectedTotal);

      const { events } = cache.addHints({ serviceKey: 'ns/svc', addressType: 'IPv4', ...tc.si });
      expect(events.map((event) => event.message)).toEqual([
        `${HINTS_MESSAGES.insufficientNumberOfEndpoints} (${tc.expectedTotalReady} endpoints, ${ZONES} zones), addressType: IPv4`,
      ]);
    });
  }
});

describe('RemoveHintsFromSlices (no upstream test; topologycache/utils.go)', () => {
  test('removes hints from slices to write and moves hinted unchanged slices to the update list', () => {
    const info: SliceInfo = {
      serviceKey: 'ns/svc',
      addressType: 'IPv4',
      toCreate: [slice([endpoint('zone-a', true, ['zone-a']), endpoint('zone-b', false)], 'c1')],
      toUpdate: [slice([endpoint('zone-a', false, ['zone-b'])], 'u1')],
      unchanged: [
        slice([endpoint('zone-a', true)], 'plain'),
        slice([endpoint('zone-a', true), endpoint('zone-b', true, ['zone-b'])], 'hinted'),
        slice([endpoint('zone-c', false, ['zone-c'])], 'hinted-unready'),
      ],
    };
    const before = structuredClone(info);

    const { toCreate, toUpdate } = removeHintsFromSlices(info);

    expect(toCreate).toStrictEqual([
      slice([endpoint('zone-a', true), endpoint('zone-b', false)], 'c1'),
    ]);
    // Updates first, then the unchanged slices that carried a hint, in order.
    expect(toUpdate).toStrictEqual([
      slice([endpoint('zone-a', false)], 'u1'),
      slice([endpoint('zone-a', true), endpoint('zone-b', true)], 'hinted'),
      slice([endpoint('zone-c', false)], 'hinted-unready'),
    ]);
    // Upstream deep-copies unchanged slices before changing them (they are informer cache
    // objects); slicescope changes none of its inputs.
    expect(info).toStrictEqual(before);
  });

  test('slices without hints are returned as they are', () => {
    const create = slice([endpoint('zone-a', true)], 'c');
    const update = slice([endpoint('zone-b', true)], 'u');
    const { toCreate, toUpdate } = removeHintsFromSlices({
      serviceKey: 'ns/svc',
      addressType: 'IPv4',
      toCreate: [create],
      toUpdate: [update],
      unchanged: [slice([endpoint('zone-a', true)], 'plain')],
    });
    expect(toCreate[0]).toBe(create);
    expect(toUpdate).toHaveLength(1);
    expect(toUpdate[0]).toBe(update);
  });
});

describe('getAllocatedHintsByZone through AddHints (no upstream test; topologycache/sliceinfo.go)', () => {
  // Two zones of equal CPU.
  const newCache = () => {
    const cache = new TopologyCache();
    cache.setNodes([newNode('a', { zone: 'zone-a' }), newNode('b', { zone: 'zone-b' })]);
    return cache;
  };

  test('an unchanged slice with valid hints stays unchanged and its hints are counted', () => {
    const cache = newCache();
    const kept = slice(
      [
        endpoint('zone-a', true, ['zone-a'], '10.0.0.1'),
        endpoint('zone-a', true, ['zone-b'], '10.0.0.2'),
        endpoint('zone-a', false, ['zone-x'], '10.0.0.3'),
      ],
      'kept',
    );
    const created = slice(
      [
        endpoint('zone-a', true, undefined, '10.0.1.1'),
        endpoint('zone-b', true, undefined, '10.0.1.2'),
      ],
      'created',
    );
    const info: SliceInfo = {
      serviceKey: 'ns/svc',
      addressType: 'IPv4',
      toCreate: [created],
      toUpdate: [],
      unchanged: [kept],
    };
    const before = structuredClone(info);

    const { toCreate, toUpdate } = cache.addHints(info);

    expect(toUpdate).toEqual([]);
    expect(toCreate.map((s) => s.endpoints?.map(forZone))).toEqual([['zone-a', 'zone-b']]);
    expect(cache.hintsFor('ns/svc', 'IPv4')).toEqual(toMap({ 'zone-a': 2, 'zone-b': 2 }));
    expect(info).toStrictEqual(before);
  });

  const moved: { name: string; unchanged: Endpoint[] }[] = [
    {
      name: 'a ready endpoint without hints',
      unchanged: [endpoint('zone-a', true, undefined, '10.0.0.1')],
    },
    {
      name: 'a ready endpoint with empty hints',
      unchanged: [endpoint('zone-a', true, [], '10.0.0.1')],
    },
    {
      name: 'a hint for a zone that no longer needs any',
      unchanged: [endpoint('zone-a', true, ['zone-c'], '10.0.0.1')],
    },
    {
      // 4 ready endpoints, 2 zones: minimum 2 each, maximum 2.
      name: 'hints beyond the maximum of a zone',
      unchanged: [
        endpoint('zone-a', true, ['zone-a'], '10.0.0.1'),
        endpoint('zone-a', true, ['zone-a'], '10.0.0.2'),
        endpoint('zone-b', true, ['zone-a'], '10.0.0.3'),
      ],
    },
  ];
  for (const tc of moved) {
    test(`an unchanged slice with ${tc.name} is moved to the update list and hinted`, () => {
      const cache = newCache();
      const unchanged = slice(tc.unchanged, 'old');
      // Endpoints to make 4 ready ones, 2 in each zone: minimum and maximum are 2 per zone.
      const created = slice(
        ['zone-b', 'zone-b', 'zone-a']
          .slice(0, 4 - tc.unchanged.length)
          .map((zone, i) => endpoint(zone, true, undefined, `10.0.1.${i}`)),
        'new',
      );
      const info: SliceInfo = {
        serviceKey: 'ns/svc',
        addressType: 'IPv4',
        toCreate: [created],
        toUpdate: [],
        unchanged: [unchanged],
      };
      const before = structuredClone(info);

      const { toCreate, toUpdate } = cache.addHints(info);

      expect(toCreate).toHaveLength(1);
      expect(toUpdate.map((s) => s.metadata.name)).toEqual(['old']);
      for (const s of [...toCreate, ...toUpdate]) {
        for (const e of s.endpoints ?? []) {
          expect(e.hints?.forZones).toHaveLength(1);
        }
      }
      let total = 0;
      for (const count of cache.hintsFor('ns/svc', 'IPv4')?.values() ?? []) total += count;
      expect(total).toBe(countEndpoints([...toCreate, ...toUpdate]));
      expect(info).toStrictEqual(before);
    });
  }

  test('unchanged slices are checked in order against the running totals', () => {
    const cache = newCache();
    // 4 ready endpoints, maximum 2 per zone: the first slice's 2 zone-a hints fit, the second's
    // third zone-a hint does not, so only the second slice is rewritten.
    const first = slice(
      [
        endpoint('zone-a', true, ['zone-a'], '10.0.0.1'),
        endpoint('zone-a', true, ['zone-a'], '10.0.0.2'),
      ],
      'first',
    );
    const second = slice(
      [
        endpoint('zone-b', true, ['zone-a'], '10.0.0.3'),
        endpoint('zone-b', true, ['zone-b'], '10.0.0.4'),
      ],
      'second',
    );
    const { toCreate, toUpdate } = cache.addHints({
      serviceKey: 'ns/svc',
      addressType: 'IPv4',
      toCreate: [],
      toUpdate: [],
      unchanged: [first, second],
    });
    expect(toCreate).toEqual([]);
    expect(toUpdate.map((s) => [s.metadata.name, s.endpoints?.map(forZone)])).toEqual([
      ['second', ['zone-b', 'zone-b']],
    ]);
    expect(cache.hintsFor('ns/svc', 'IPv4')).toEqual(toMap({ 'zone-a': 2, 'zone-b': 2 }));
  });
});

describe('getAllocations (no upstream test; topologycache.go)', () => {
  test('failures, in upstream order', () => {
    expect(getAllocations(undefined, 10)).toEqual({
      ok: false,
      message: HINTS_MESSAGES.insufficientNodeInfo,
    });
    expect(getAllocations(toMap({ 'zone-a': 1 }), 10)).toEqual({
      ok: false,
      message: HINTS_MESSAGES.nodesReadyInOneZoneOnly,
    });
    expect(getAllocations(toMap({ 'zone-a': 0.5, 'zone-b': 0.5 }), 1)).toEqual({
      ok: false,
      message: `${HINTS_MESSAGES.insufficientNumberOfEndpoints} (1 endpoints, 2 zones)`,
    });
    // 0.4 × 3 = 1.2000000000000002, so zone-a needs ceil(1.0000000000000002) = 2, zone-b 2.
    expect(getAllocations(toMap({ 'zone-a': 0.4, 'zone-b': 0.6 }), 3)).toEqual({
      ok: false,
      message: `${HINTS_MESSAGES.minAllocationExceedsOverloadThreshold} (3 endpoints, 2 zones)`,
    });
  });

  test('minimum, maximum and desired per zone', () => {
    const result = getAllocations(toMap({ 'zone-a': 0.5, 'zone-b': 0.45, 'zone-c': 0.05 }), 20);
    expect(result).toEqual({
      ok: true,
      allocations: toMap({
        // desired 10 → minimum ceil(10 / 1.2) = 9; 9 + 8 + 1 = 18, so 2 to spare.
        'zone-a': { minimum: 9, maximum: 11, desired: 10 },
        'zone-b': { minimum: 8, maximum: 10, desired: 9 },
        // desired 1 → minimum 1.
        'zone-c': { minimum: 1, maximum: 3, desired: 1 },
      }),
    });
    expect(OVERLOAD_THRESHOLD).toBe(0.2);
  });

  test('desired is at least the minimum', () => {
    const result = getAllocations(toMap({ 'zone-a': 0.9, 'zone-b': 0.1 }), 5);
    // zone-b: 0.1 × 5 = 0.5 → minimum 1, desired max(0.5, 1) = 1.
    expect(result.ok && result.allocations.get('zone-b')).toEqual({
      minimum: 1,
      maximum: 1,
      desired: 1,
    });
  });
});

describe('serviceOverloaded (no upstream test; topologycache/utils.go)', () => {
  const ratios = toMap({ 'zone-a': 0.5, 'zone-b': 0.5 });
  test.each([
    ['no hints', {}, ratios, false],
    ['no ratios', { 'zone-a': 1 }, undefined, true],
    ['empty ratios', { 'zone-a': 1 }, new Map<string, number>(), true],
    ['a zone without hints', { 'zone-a': 4 }, ratios, true],
    ['balanced', { 'zone-a': 2, 'zone-b': 2 }, ratios, false],
    // 11 hints: each zone needs ceil(11 × 0.5 / 1.2) = 5.
    ['within the threshold', { 'zone-a': 6, 'zone-b': 5 }, ratios, false],
    ['beyond the threshold', { 'zone-a': 7, 'zone-b': 4 }, ratios, true],
  ] as const)('%s', (_name, hints, zoneRatios, overloaded) => {
    expect(serviceOverloaded(toMap<number>(hints), zoneRatios)).toBe(overloaded);
  });
});
