/**
 * Properties of TopologyCache.addHints (topologycache AddHints) over random Nodes and slices.
 *
 * What is invariant, and what is not (both pinned by examples at the end):
 * - Hints do not always name a zone with capacity: step 1 hints every ready endpoint for its own
 *   zone, and a zone outside the CPU ratios (say, only control-plane Nodes there) is never a
 *   giving zone, so its endpoints keep that hint. What holds: a hint for a zone outside the
 *   ratios is the endpoint's own zone; cross-zone hints go from a zone in the ratios to another.
 * - Per-zone hint counts are not always within getAllocations' [minimum, maximum], not even for
 *   zones fed by the redistribution: getGivingAndReceivingZones stops once the largest surplus
 *   is below 0.5 endpoints. What holds: a zone that received endpoints had fewer hints than
 *   desired and ends with at most desired + 0.5; a zone that gave endpoints had more and ends
 *   with at least desired − 0.5; no zone does both, and every move has a giver and a receiver.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  TopologyCache,
  type Endpoint,
  type EndpointSlice,
  type Node,
  type SliceInfo,
} from '../src/index.ts';
import {
  getAllocations,
  getGivingAndReceivingZones,
  HINTS_MESSAGES,
} from '../src/topology/hintAllocation.ts';
import { newNode } from './builders/index.ts';

const ZONES = ['zone-a', 'zone-b', 'zone-c', 'zone-d'] as const;
/** A zone no Node is ever in. */
const NO_NODE_ZONE = 'zone-x';
const SERVICE_KEY = 'ns/svc';

function weighted<T>(...choices: [T, number][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
}

const nodesArbitrary: fc.Arbitrary<Node[]> = fc
  .array(
    fc.record({
      zone: fc.oneof(
        { arbitrary: fc.constantFrom(...ZONES), weight: 40 },
        { arbitrary: fc.constant(''), weight: 1 },
      ),
      cpu: fc.oneof(
        { arbitrary: fc.constantFrom('100m', '250m', '500m', '1', '1500m', '2', '4'), weight: 40 },
        { arbitrary: fc.constant('0'), weight: 1 },
      ),
      ready: weighted([true, 6], [false, 1]),
      controlPlane: weighted([false, 6], [true, 1]),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((infos) =>
    infos.map((info, i) =>
      newNode(`node-${i}`, {
        zone: info.zone,
        cpu: info.cpu,
        ready: info.ready,
        ...(info.controlPlane && { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      }),
    ),
  );

interface EndpointSpec {
  zone: string | undefined;
  ready: boolean | undefined;
  /** 'own': a hint for its own zone; an array: those zones; undefined: no hints. */
  hints: 'own' | string[] | undefined;
}

const endpointArbitrary: fc.Arbitrary<EndpointSpec> = fc.record({
  zone: fc.oneof(
    { arbitrary: fc.constantFrom<string | undefined>(...ZONES), weight: 40 },
    { arbitrary: fc.constant(NO_NODE_ZONE), weight: 4 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  ),
  ready: weighted<boolean | undefined>([true, 6], [false, 1], [undefined, 1]),
  hints: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.constant('own' as const), weight: 4 },
    {
      arbitrary: fc.array(fc.constantFrom<string>(...ZONES, NO_NODE_ZONE), { maxLength: 2 }),
      weight: 2,
    },
  ),
});

function toSlice(name: string, specs: EndpointSpec[]): EndpointSlice {
  const endpoints = specs.map((spec, i): Endpoint => {
    const hintZones = spec.hints === 'own' ? (spec.zone ? [spec.zone] : []) : spec.hints;
    return {
      addresses: [`10.0.${name.length}.${i}`],
      conditions: spec.ready === undefined ? {} : { ready: spec.ready },
      ...(spec.zone !== undefined && { zone: spec.zone }),
      ...(hintZones !== undefined && { hints: { forZones: hintZones.map((z) => ({ name: z })) } }),
    };
  });
  return { metadata: { name }, addressType: 'IPv4', endpoints };
}

const slicesArbitrary = (prefix: string) =>
  fc
    .array(fc.array(endpointArbitrary, { maxLength: 10 }), { maxLength: 3 })
    .map((slices) => slices.map((specs, i) => toSlice(`${prefix}${i}`, specs)));

const sliceInfoArbitrary: fc.Arbitrary<SliceInfo> = fc
  .record({
    toCreate: slicesArbitrary('create-'),
    toUpdate: slicesArbitrary('update-'),
    unchanged: slicesArbitrary('unchanged-'),
  })
  .map((slices) => ({ serviceKey: SERVICE_KEY, addressType: 'IPv4' as const, ...slices }));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const isReady = (endpoint: Endpoint) => endpoint.conditions?.ready === true;
const endpointsOf = (slices: readonly EndpointSlice[]) =>
  slices.flatMap((slice) => slice.endpoints ?? []);
const increment = (map: Map<string, number>, zone: string, by = 1) =>
  map.set(zone, (map.get(zone) ?? 0) + by);
const withoutZeros = (map: ReadonlyMap<string, number> | undefined) =>
  new Map([...(map ?? [])].filter(([, count]) => count !== 0));

const EPSILON = 1e-9;

describe('TopologyCache.addHints properties', () => {
  test('input slices are never mutated', () => {
    fc.assert(
      fc.property(nodesArbitrary, sliceInfoArbitrary, (nodes, info) => {
        const before = structuredClone(info);
        const cache = new TopologyCache();
        cache.setNodes(nodes);
        // Frozen: any write to the input throws in this strict-mode module's callee too.
        cache.addHints(deepFreeze(info));
        expect(info).toStrictEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  test('hints after addHints', () => {
    fc.assert(
      fc.property(nodesArbitrary, sliceInfoArbitrary, (nodes, info) => {
        const cache = new TopologyCache();
        cache.setNodes(nodes);
        const ratios = cache.zoneCapacity.ratios;
        const inputByName = new Map(
          [...info.toCreate, ...info.toUpdate, ...info.unchanged].map((s) => [s.metadata.name, s]),
        );
        const readyTotal = endpointsOf([
          ...info.toCreate,
          ...info.toUpdate,
          ...info.unchanged,
        ]).filter(isReady).length;
        const allocation = getAllocations(ratios, readyTotal);

        const { toCreate, toUpdate, events } = cache.addHints(info);
        const written = [...toCreate, ...toUpdate];

        // The slices to write: those to create, those to update, then unchanged slices that have
        // to be rewritten, each once. Endpoints only ever change in their hints.
        expect(toCreate.map((s) => s.metadata.name)).toEqual(
          info.toCreate.map((s) => s.metadata.name),
        );
        const updateNames = toUpdate.map((s) => s.metadata.name);
        expect(updateNames.slice(0, info.toUpdate.length)).toEqual(
          info.toUpdate.map((s) => s.metadata.name),
        );
        const movedNames = updateNames.slice(info.toUpdate.length);
        const unchangedNames = info.unchanged.map((s) => s.metadata.name);
        // In input order, except on a failure after some were moved for invalid hints: then the
        // rest that carry hints follow them (as upstream's RemoveHintsFromSlices appends them).
        expect([...movedNames].sort()).toEqual(
          unchangedNames.filter((name) => movedNames.includes(name)).sort(),
        );
        expect(new Set(movedNames).size).toBe(movedNames.length);
        const kept = info.unchanged.filter((s) => !movedNames.includes(s.metadata.name));
        for (const slice of written) {
          const input = inputByName.get(slice.metadata.name) as EndpointSlice;
          const strip = ({ hints: _hints, ...rest }: Endpoint) => rest;
          expect((slice.endpoints ?? []).map(strip)).toStrictEqual(
            (input.endpoints ?? []).map(strip),
          );
        }

        expect(events).toHaveLength(1);
        const [event] = events;
        const noZoneReady = endpointsOf(written).some((e) => isReady(e) && !e.zone);

        if (event?.reason === 'TopologyAwareHintsDisabled') {
          expect(event.type).toBe('Warning');
          if (!allocation.ok) {
            expect(event.message).toBe(`${allocation.message}, addressType: IPv4`);
          } else {
            expect(event.message).toBe(`${HINTS_MESSAGES.noZoneSpecified}, addressType: IPv4`);
            expect(noZoneReady).toBe(true);
          }
          // Every hint is removed: from all slices written, and unchanged slices that carried
          // one are written without it.
          for (const endpoint of endpointsOf(written)) expect(endpoint.hints).toBeUndefined();
          for (const slice of kept) {
            for (const endpoint of slice.endpoints ?? []) expect(endpoint.hints).toBeUndefined();
          }
          expect(cache.hintsFor(SERVICE_KEY, 'IPv4')).toBeUndefined();
          expect(cache.hasPopulatedHints(SERVICE_KEY)).toBe(false);
          return;
        }

        expect(event).toEqual({
          type: 'Normal',
          reason: 'TopologyAwareHintsEnabled',
          message: `${HINTS_MESSAGES.enabled}, addressType: IPv4`,
        });
        expect(cache.hasPopulatedHints(SERVICE_KEY)).toBe(true);
        expect(movedNames).toEqual(unchangedNames.filter((name) => movedNames.includes(name)));
        expect(allocation.ok).toBe(true);
        if (!allocation.ok || !ratios) return;
        expect(noZoneReady).toBe(false);

        const finalCounts = new Map<string, number>();
        const received = new Map<string, number>();
        const given = new Map<string, number>();
        for (const slice of written) {
          const input = inputByName.get(slice.metadata.name) as EndpointSlice;
          (slice.endpoints ?? []).forEach((endpoint, i) => {
            if (!isReady(endpoint)) {
              // As upstream, the hints of endpoints that are not ready are left as they were.
              expect(endpoint.hints).toStrictEqual(input.endpoints?.[i]?.hints);
              return;
            }
            // Exactly one zone hint per ready endpoint of a slice written.
            expect(endpoint.hints?.forNodes).toBeUndefined();
            expect(endpoint.hints?.forZones).toHaveLength(1);
            const hint = endpoint.hints?.forZones?.[0]?.name as string;
            const own = endpoint.zone as string;
            increment(finalCounts, hint);
            if (hint === own) return;
            // A cross-zone hint: from a zone with capacity to another.
            expect(ratios.has(own) && ratios.has(hint)).toBe(true);
            increment(received, hint);
            increment(given, own);
          });
        }
        // Unchanged slices that stay: every ready endpoint hinted, for zones with capacity.
        for (const endpoint of endpointsOf(kept)) {
          if (!isReady(endpoint)) continue;
          const forZones = endpoint.hints?.forZones ?? [];
          expect(forZones.length).toBeGreaterThan(0);
          for (const { name } of forZones) {
            expect(ratios.has(name)).toBe(true);
            increment(finalCounts, name);
          }
        }

        // The cache holds exactly the hints the slices carry.
        expect(withoutZeros(cache.hintsFor(SERVICE_KEY, 'IPv4'))).toEqual(
          withoutZeros(finalCounts),
        );

        // Redistribution bounds, from the counts before it.
        const startCounts = new Map(finalCounts);
        for (const [zone, n] of received) increment(startCounts, zone, -n);
        for (const [zone, n] of given) increment(startCounts, zone, n);
        const { allocations } = allocation;
        const plan = getGivingAndReceivingZones(allocations, startCounts);
        let totalReceived = 0;
        let totalGiven = 0;
        for (const [zone, n] of received) {
          const { desired } = allocations.get(zone) as { desired: number };
          expect(given.has(zone)).toBe(false);
          expect(startCounts.get(zone) ?? 0).toBeLessThan(desired);
          expect(finalCounts.get(zone) ?? 0).toBeLessThanOrEqual(desired + 0.5 + EPSILON);
          expect(n).toBeLessThanOrEqual(plan.receivingZones.get(zone) ?? 0);
          totalReceived += n;
        }
        for (const [zone, n] of given) {
          const { desired } = allocations.get(zone) as { desired: number };
          expect(startCounts.get(zone) ?? 0).toBeGreaterThan(desired);
          expect(finalCounts.get(zone) ?? 0).toBeGreaterThanOrEqual(desired - 0.5 - EPSILON);
          expect(n).toBeLessThanOrEqual(plan.givingZones.get(zone) ?? 0);
          totalGiven += n;
        }
        expect(totalReceived).toBe(totalGiven);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('what is not invariant (pinned examples, faithful to upstream)', () => {
  test('hint counts can fall outside [minimum, maximum], even in a zone fed by redistribution', () => {
    const cache = new TopologyCache();
    cache.setNodes([
      newNode('a', { zone: 'zone-a', cpu: '700m' }),
      newNode('b', { zone: 'zone-b', cpu: '1750m' }),
    ]);
    const endpoints: Endpoint[] = Array.from({ length: 5 }, (_, i) => ({
      addresses: [`10.0.0.${i}`],
      conditions: { ready: true },
      zone: 'zone-b',
    }));
    const allocation = getAllocations(cache.zoneCapacity.ratios, 5);
    expect(allocation.ok && allocation.allocations.get('zone-a')).toEqual({
      minimum: 2,
      maximum: 2,
      desired: 2,
    });
    expect(allocation.ok && allocation.allocations.get('zone-b')).toMatchObject({
      minimum: 3,
      maximum: 3,
    });

    const { toCreate, events } = cache.addHints({
      serviceKey: SERVICE_KEY,
      addressType: 'IPv4',
      toCreate: [{ metadata: { name: 's' }, addressType: 'IPv4', endpoints }],
      toUpdate: [],
      unchanged: [],
    });

    // zone-b has 5 − 3.57 = 1.43 to give, zone-a needs 2: one endpoint moves, then the 0.43 left
    // is below 0.5 and the loop stops, leaving zone-a one below its minimum and zone-b one above
    // its maximum.
    expect(events.map((e) => e.reason)).toEqual(['TopologyAwareHintsEnabled']);
    expect(toCreate[0]?.endpoints?.map((e) => e.hints?.forZones?.[0]?.name)).toEqual([
      'zone-a',
      'zone-b',
      'zone-b',
      'zone-b',
      'zone-b',
    ]);
    expect(cache.hintsFor(SERVICE_KEY, 'IPv4')).toEqual(
      new Map([
        ['zone-b', 4],
        ['zone-a', 1],
      ]),
    );
    // The cache itself then reports the Service overloaded.
    expect(cache.getOverloadedServices()).toEqual([SERVICE_KEY]);
  });

  test('a ready endpoint in a zone without capacity is hinted for its own zone', () => {
    const cache = new TopologyCache();
    cache.setNodes([
      newNode('a', { zone: 'zone-a' }),
      newNode('b', { zone: 'zone-b' }),
      newNode('cp', { zone: 'zone-c', labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    ]);
    expect([...(cache.zoneCapacity.ratios?.keys() ?? [])]).toEqual(['zone-a', 'zone-b']);
    const zonesOfEndpoints = ['zone-a', 'zone-a', 'zone-a', 'zone-b', 'zone-b', 'zone-b', 'zone-c'];
    const endpoints: Endpoint[] = zonesOfEndpoints.map((zone, i) => ({
      addresses: [`10.0.0.${i}`],
      conditions: { ready: true },
      zone,
    }));

    const { toCreate, events } = cache.addHints({
      serviceKey: SERVICE_KEY,
      addressType: 'IPv4',
      toCreate: [{ metadata: { name: 's' }, addressType: 'IPv4', endpoints }],
      toUpdate: [],
      unchanged: [],
    });

    expect(events.map((e) => e.reason)).toEqual(['TopologyAwareHintsEnabled']);
    expect(toCreate[0]?.endpoints?.map((e) => e.hints?.forZones?.[0]?.name)).toEqual(
      zonesOfEndpoints,
    );
    expect(cache.hintsFor(SERVICE_KEY, 'IPv4')).toEqual(
      new Map([
        ['zone-a', 3],
        ['zone-b', 3],
        ['zone-c', 1],
      ]),
    );
  });
});
