import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  desiredEndpointsSubsets,
  syncServiceEndpoints,
  type Endpoints,
  type Pod,
  type Service,
} from '../src/index.ts';
import { storedWireSizes, wireSizes } from '../src/cost/sizes.ts';
import type { EndpointsAction } from '../src/legacy/endpointsController.ts';
import { IncrementalEndpoints } from '../src/legacy/incrementalEndpoints.ts';
import { PodContributions } from '../src/legacy/podContribution.ts';
import {
  eventArbitrary,
  podSpecArbitrary,
  serviceWithHintsArbitrary,
} from './properties/incrementalArbitraries.ts';
import {
  podObject,
  SliceStore,
  type PodSpec,
  type WorldEvent,
} from './properties/incrementalWorld.ts';
import { World } from './properties/syncWorld.ts';

/**
 * The Endpoints controller's incremental sync (IncrementalEndpoints, what the engine runs in
 * incremental mode) against its full sync (syncServiceEndpoints), sync by sync, on random
 * event sequences: every call must be the same, and the subsets it keeps must be the desired ones.
 */

const KEY = 'ns/web';
/**
 * Every odd IP version of a Pod is one address, and one uid, that all such Pods share: equal
 * addresses (which one subset cannot hold) come and go.
 */
const SHARED_IP = '10.99.0.1';

function pod(i: number, spec: PodSpec): Pod {
  const object = podObject(i, spec);
  if (spec.ipVersion % 2 === 0 || !object.status?.podIPs?.[0]?.ip.includes('.')) return object;
  return {
    ...object,
    metadata: { ...object.metadata, uid: 'shared' },
    status: { ...object.status, podIP: SHARED_IP, podIPs: [{ ip: SHARED_IP }] },
  };
}

/** The object the API server stores for a call (a new resourceVersion), or what stays. */
function stored(
  action: EndpointsAction | undefined,
  existing: Endpoints | undefined,
  version: number,
): Endpoints | undefined {
  if (!action) return existing;
  if (action.verb === 'delete') return undefined;
  const { metadata } = action.endpoints;
  return { ...action.endpoints, metadata: { ...metadata, resourceVersion: String(version) } };
}

/** Runs the events, comparing both syncs; returns how many syncs found the subset kept. */
function compareEverySync(
  service: Service,
  initial: readonly (readonly [number, PodSpec])[],
  events: readonly WorldEvent[],
): number {
  const world = new World(service, initial, pod);
  // The Endpoints controller reads no slices: tampering with them changes nothing here.
  const noSlices = new SliceStore();
  const incremental = new IncrementalEndpoints(new PodContributions());
  const fullContributions = new PodContributions();
  let existing: Endpoints | undefined;
  let kept = 0;
  let changed = [...world.pods.keys()];
  let step = 0;
  for (const event of [{ type: 'resync' } as const, ...events]) {
    step++;
    if (event.type !== 'resync') changed = world.apply(event, noSlices).pods;
    if (event.type === 'tamper' && existing) {
      // Written behind the controller's back: one address fewer, or the object deleted.
      const [first] = existing.subsets ?? [];
      existing =
        event.how === 'delete' || !first
          ? undefined
          : {
              ...existing,
              metadata: { ...existing.metadata, resourceVersion: `tampered-${step}` },
              subsets: [{ ...first, addresses: (first.addresses ?? []).slice(1) }],
            };
    }
    const selected = new Map(world.selectedPods());
    // Before the sync, with the Pods written since the last one: the subsets wanted now.
    const before = incremental.desired(KEY, world.service, selected, changed);
    if (before)
      expect(before).toEqual(desiredEndpointsSubsets(world.service, [...selected.values()]));
    const triggerTime = `2026-01-01T00:00:${String(step % 60).padStart(2, '0')}Z`;
    const full = syncServiceEndpoints(world.service, [...selected.values()], existing, {
      triggerTime,
      contributions: fullContributions,
    });
    const mine = incremental.sync(KEY, world.service, selected, changed, existing, triggerTime);
    expect(mine).toEqual(full);
    existing = stored(full, existing, step);
    incremental.stored(KEY, existing);
    const desired = incremental.desired(KEY, world.service, selected, []);
    if (desired) {
      kept++;
      expect(desired).toEqual(desiredEndpointsSubsets(world.service, [...selected.values()]));
      // Its lists are noted as edits of the previous ones (util/listEdits.ts): sized from the
      // changes, they must come out as a fresh walk sizes them.
      const object: Endpoints = { metadata: { name: 'web', namespace: 'shop' }, subsets: desired };
      expect(storedWireSizes(object, 'Endpoints')).toEqual(wireSizes(object, 'Endpoints'));
    }
  }
  return kept;
}

const READY_POD: PodSpec = {
  selected: true,
  ready: true,
  terminating: false,
  phase: 'Running',
  families: ['v4'],
  ipVersion: 0,
  node: 'node-a',
  webPort: 8080,
  sidecar: false,
  hostname: false,
  readySince: 0,
  uid: 0,
};

/** Initial Pods, one in eight with the shared address. */
const initialArbitrary = (maxLength: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), podSpecArbitrary, fc.nat(7))
      .map(([i, spec, draw]) => [i, { ...spec, ipVersion: draw === 0 ? 1 : 0 }] as const),
    { maxLength },
  );

describe('IncrementalEndpoints', () => {
  test('makes the full sync’s call at every sync, on random event sequences', () => {
    let kept = 0;
    fc.assert(
      fc.property(
        serviceWithHintsArbitrary,
        initialArbitrary(16),
        fc.array(eventArbitrary(true), { minLength: 1, maxLength: 30 }),
        (service, initial, events) => {
          kept += compareEverySync(service, initial, events);
        },
      ),
      { numRuns: 300 },
    );
    // The kept path is exercised, not only the fallback to the full sync.
    expect(kept).toBeGreaterThan(300);
  });

  test('gives up the kept subset when a ready and a not-ready Pod get one address', () => {
    const service: Service = {
      metadata: { name: 'web', namespace: 'ns', uid: 'svc' },
      spec: { clusterIP: '10.0.0.1', selector: { app: 'web' }, ports: [{ port: 80 }] },
    };
    const ready = { ...READY_POD };
    const notReady = { ...READY_POD, ready: false };
    const kept = compareEverySync(
      service,
      [
        [1, { ...ready, ipVersion: 1 }],
        [2, notReady],
      ],
      [
        { type: 'ip', index: 2 },
        { type: 'ip', index: 2 },
        { type: 'remove', index: 1 },
      ],
    );
    // Kept at first, given up while both share the address, kept again once one is gone.
    expect(kept).toBe(3);
  });

  test('rewrites an over-capacity object on every sync, as the full sync does', () => {
    const service: Service = {
      metadata: { name: 'web', namespace: 'ns', uid: 'svc' },
      spec: { clusterIP: '10.0.0.1', selector: { app: 'web' }, ports: [{ port: 80 }] },
    };
    const index = fc.integer({ min: 0, max: 1_019 });
    const events = fc.array(
      fc.oneof(
        fc.record({
          type: fc.constant('ready' as const),
          index,
          ready: fc.boolean(),
          at: fc.nat(9),
        }),
        fc.record({ type: fc.constant('remove' as const), index }),
        fc.record({ type: fc.constant('ip' as const), index }),
        fc.constant({ type: 'resync' as const }),
      ),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 995, max: 1_010 }), events, (count, sequence) => {
        const initial = Array.from({ length: count }, (_, i) => [i, READY_POD] as const);
        expect(compareEverySync(service, initial, sequence)).toBeGreaterThan(0);
      }),
      { numRuns: 15 },
    );
  });
});
