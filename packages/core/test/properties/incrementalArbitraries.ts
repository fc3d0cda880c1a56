import fc from 'fast-check';
import type { Service } from '../../src/index.ts';
import { serviceArbitrary } from './arbitraries.ts';
import {
  NODE_NAMES,
  type PodSpec,
  type ServiceTweak,
  type WorldEvent,
} from './incrementalWorld.ts';

/** Random event sequences for the incremental reconcile's property tests (see incrementalWorld). */

const tweakArbitrary: fc.Arbitrary<ServiceTweak> = fc.oneof(
  fc.record({ topologyMode: fc.constantFrom(undefined, 'Auto', 'Disabled') }),
  fc.record({
    trafficDistribution: fc.constantFrom(undefined, 'PreferClose', 'PreferSameNode', 'Other'),
  }),
  fc.record({
    labels: fc.constantFrom<Record<string, string>>({}, { team: 'a' }, { team: 'b', tier: 'x' }),
  }),
  fc.record({ publishNotReadyAddresses: fc.boolean() }),
  fc.record({ deleting: fc.constantFrom(true, false, false) }),
);

/** The Service with a tweak applied, as a new object. */
export function tweakService(service: Service, change: ServiceTweak): Service {
  const metadata = { ...service.metadata };
  const spec = { ...service.spec };
  if ('topologyMode' in change) {
    metadata.annotations =
      change.topologyMode === undefined
        ? {}
        : { 'service.kubernetes.io/topology-mode': change.topologyMode };
  } else if ('trafficDistribution' in change) {
    if (change.trafficDistribution === undefined) delete spec.trafficDistribution;
    else spec.trafficDistribution = change.trafficDistribution;
  } else if ('labels' in change) {
    metadata.labels = change.labels;
  } else if ('deleting' in change) {
    if (change.deleting) metadata.deletionTimestamp = '2026-01-01T00:05:00Z';
    else delete metadata.deletionTimestamp;
  } else {
    spec.publishNotReadyAddresses = change.publishNotReadyAddresses;
  }
  return { ...service, metadata, spec };
}

export const podSpecArbitrary: fc.Arbitrary<PodSpec> = fc.record({
  selected: fc.constantFrom(true, true, true, true, false),
  ready: fc.boolean(),
  terminating: fc.constantFrom(false, false, false, true),
  phase: fc.constantFrom(
    'Running' as const,
    'Running' as const,
    'Pending' as const,
    'Failed' as const,
  ),
  families: fc.constantFrom<('v4' | 'v6')[]>(['v4'], ['v4'], ['v6'], ['v4', 'v6'], []),
  ipVersion: fc.constant(0),
  node: fc.constantFrom(...NODE_NAMES, 'node-gone'),
  webPort: fc.constantFrom(8080 as const, 8081 as const, undefined),
  sidecar: fc.boolean(),
  hostname: fc.boolean(),
  readySince: fc.integer({ min: 0, max: 50 }),
  uid: fc.constant(0),
});

const index = fc.integer({ min: 0, max: 23 });
const zone = fc.constantFrom('zone-1', 'zone-2', 'zone-3', null);

export const eventArbitrary = (serviceChanges: boolean): fc.Arbitrary<WorldEvent> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ type: fc.constant('add' as const), index, spec: podSpecArbitrary }),
    },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('remove' as const), index }) },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('ready' as const),
        index,
        ready: fc.boolean(),
        at: fc.integer({ min: 0, max: 100 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('terminate' as const), index }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('ip' as const), index }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('move' as const),
        index,
        node: fc.constantFrom(...NODE_NAMES, 'node-gone'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('ports' as const),
        index,
        webPort: fc.constantFrom(8080 as const, 8081 as const, undefined),
        sidecar: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('relabel' as const), index }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('recreate' as const), index }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('zone' as const),
        node: fc.constantFrom(...NODE_NAMES),
        zone,
      }),
    },
    {
      weight: serviceChanges ? 1 : 0,
      arbitrary: serviceWithHintsArbitrary.map((service) => ({
        type: 'service' as const,
        service,
      })),
    },
    {
      weight: serviceChanges ? 2 : 0,
      arbitrary: tweakArbitrary.map((change) => ({ type: 'tweak' as const, change })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('tamper' as const),
        slice: fc.nat(),
        how: fc.constantFrom(
          'delete' as const,
          'edit' as const,
          'delete' as const,
          'edit' as const,
          'copy' as const,
          'stray' as const,
        ),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'resync' as const }) },
  );

/** A Service of the reconcile property tests, sometimes with topology-aware hints asked for. */
export const serviceWithHintsArbitrary: fc.Arbitrary<Service> = fc
  .tuple(serviceArbitrary, fc.constantFrom(undefined, 'Auto', 'auto', 'Disabled'))
  .map(([service, mode]) =>
    mode === undefined
      ? service
      : {
          ...service,
          metadata: {
            ...service.metadata,
            annotations: { 'service.kubernetes.io/topology-mode': mode },
          },
        },
  );
