import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CONTROLLER_NAME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  syncService,
  type EndpointSlice,
  type ReconcileOptions,
} from '../src/index.ts';
import { FakeSliceApi } from './builders/index.ts';
import {
  foreignSlices,
  serviceArbitrary,
  strayOwnedSlice,
  worldArbitrary,
  podsArbitrary,
  type SyncWorld,
} from './properties/arbitraries.ts';
import { expectedEndpointKeys, slicePortSet } from './properties/reference.ts';

const MAX_PODS = 40;

function optionsOf(world: SyncWorld): ReconcileOptions {
  return { maxEndpointsPerSlice: world.maxEndpointsPerSlice, preferSameTrafficDistribution: true };
}

function sync(world: SyncWorld, existing: readonly EndpointSlice[]) {
  return syncService(world.service, world.pods, world.nodes, existing, optionsOf(world));
}

/** What an earlier sync (other Pods, maybe another Service spec and limit) left behind. */
const scenarioArbitrary = fc
  .record({
    world: worldArbitrary(MAX_PODS),
    earlierPods: podsArbitrary(MAX_PODS),
    earlierService: fc.option(serviceArbitrary, { nil: undefined }),
    earlierMax: fc.constantFrom(1, 3, 100),
    withStray: fc.boolean(),
    shuffleSeed: fc.integer(),
  })
  .map(({ world, earlierPods, earlierService, earlierMax, withStray, shuffleSeed }) => {
    // The limit may have been lower before, never higher: the controller never splits existing
    // slices, so after lowering it an updated slice may keep more endpoints than the new limit.
    const earlierWorld = {
      ...world,
      pods: earlierPods,
      service: earlierService ?? world.service,
      maxEndpointsPerSlice: Math.min(earlierMax, world.maxEndpointsPerSlice),
    };
    const api = new FakeSliceApi();
    api.apply(sync(earlierWorld, []).actions);
    const existing = [...api.list(), ...foreignSlices, ...(withStray ? [strayOwnedSlice] : [])];
    return { world, existing, shuffleSeed };
  });

function isManagedByThisSync(slice: EndpointSlice): boolean {
  const labels = slice.metadata.labels ?? {};
  return (
    labels[LABEL_SERVICE_NAME] === 'web' &&
    labels[LABEL_MANAGED_BY] === CONTROLLER_NAME &&
    !slice.metadata.deletionTimestamp
  );
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

describe('reconcile properties', () => {
  test('every desired endpoint is in exactly one managed slice of its port set, and nothing else is', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ world, existing }) => {
        const api = new FakeSliceApi(existing);
        api.apply(sync(world, existing).actions);
        const seen: string[] = [];
        for (const slice of api.list().filter(isManagedByThisSync)) {
          for (const endpoint of slice.endpoints ?? []) {
            seen.push(
              `${slice.addressType} ${slicePortSet(slice.ports)} ${endpoint.targetRef?.name}`,
            );
          }
        }
        const knownNodes = new Set(world.nodes.map((node) => node.metadata.name ?? ''));
        expect(seen.sort()).toEqual(
          [...expectedEndpointKeys(world.service, world.pods, knownNodes)].sort(),
        );
      }),
    );
  });

  test('no slice holds more than maxEndpointsPerSlice endpoints', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ world, existing }) => {
        for (const action of sync(world, existing).actions) {
          if (action.verb !== 'delete') {
            expect(action.slice.endpoints?.length ?? 0).toBeLessThanOrEqual(
              world.maxEndpointsPerSlice,
            );
          }
        }
      }),
    );
  });

  test('a second reconcile of the result makes no calls', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ world, existing }) => {
        const api = new FakeSliceApi(existing);
        api.apply(sync(world, existing).actions);
        expect(sync(world, api.list()).actions).toEqual([]);
      }),
    );
  });

  test('the result does not depend on the order of pods, nodes or slices', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ world, existing, shuffleSeed }) => {
        const reordered = {
          ...world,
          pods: shuffled(world.pods, shuffleSeed),
          nodes: shuffled(world.nodes, shuffleSeed + 1),
        };
        expect(sync(reordered, shuffled(existing, shuffleSeed + 2))).toEqual(sync(world, existing));
      }),
    );
  });

  test('slices the controller does not list are never touched, and inputs are not mutated', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ world, existing }) => {
        const before = JSON.stringify({ world, existing });
        const untouchable = new Set(foreignSlices.map((slice) => slice.metadata.name));
        for (const action of sync(world, existing).actions) {
          const name = action.verb === 'delete' ? action.name : action.slice.metadata.name;
          expect(untouchable.has(name)).toBe(false);
        }
        expect(JSON.stringify({ world, existing })).toBe(before);
      }),
    );
  });
});
