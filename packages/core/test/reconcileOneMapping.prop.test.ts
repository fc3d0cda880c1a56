import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  getAddressTypesForService,
  reconcile,
  TopologyCache,
  type ReconcileOptions,
  type Service,
} from '../src/index.ts';
import { OrderedPodEndpoints } from '../src/controller/orderedPodEndpoints.ts';
import { podEndpointOf } from '../src/controller/podEndpoints.ts';
import { podIndependentPorts, portMapKey } from '../src/controller/ports.ts';
import {
  reconcileOneMapping,
  type SharedPortMapping,
} from '../src/controller/reconcileOneMapping.ts';
import { reconcileOneSlice } from '../src/controller/reconcileOneSlice.ts';
import { TriggerTimeTracker } from '../src/controller/triggerTimeTracker.ts';
import { sortedByName } from '../src/controller/reconcile.ts';
import { formatRfc3339Nano } from '../src/engine/goTime.ts';
import { SliceStore } from './properties/incrementalWorld.ts';
import { scenarioArbitrary, World, type Scenario } from './properties/syncWorld.ts';

/**
 * Runs the scenario, comparing the one-port-mapping reconcile with the full one at every sync
 * where it applies; returns how many syncs it took and how many it left to the full one.
 */
function compareEverySync(scenario: Scenario): {
  taken: number;
  declined: number;
  oneSlice: number;
} {
  const world = new World(scenario.service, scenario.initial);
  const store = new SliceStore();
  const caches = { full: new TopologyCache(), oneMapping: new TopologyCache() };
  const times = new TriggerTimeTracker();
  // Kept across syncs as the engine keeps them: per Service object, and updated Pod by Pod.
  let mapping: { service: Service; value: SharedPortMapping | undefined } | undefined;
  let kept: OrderedPodEndpoints | undefined;
  let taken = 0;
  let declined = 0;
  let oneSlice = 0;
  for (const event of [{ type: 'resync' } as const, ...scenario.events]) {
    const changed = event.type === 'resync' ? undefined : world.apply(event, store);
    if (!changed || changed.nodes.length > 0) {
      caches.full.setNodes([...world.nodes.values()]);
      caches.oneMapping.setNodes([...world.nodes.values()]);
    }
    const { service } = world;
    const selected = new Map(world.selectedPods());
    const pods = [...selected.values()];
    const time = times.compute('ns/web', service, pods);
    const options = (cache: TopologyCache): ReconcileOptions => ({
      maxEndpointsPerSlice: scenario.maxEndpointsPerSlice,
      preferSameTrafficDistribution: scenario.preferSameTrafficDistribution,
      triggerTime: time === undefined ? undefined : formatRfc3339Nano(time),
      topologyCache: cache,
    });
    if (mapping?.service !== service) {
      const ports = podIndependentPorts(service);
      mapping = { service, value: ports && { ports, key: portMapKey(ports) } };
    }
    const [addressType = 'IPv4', otherType] = getAddressTypesForService(service);
    const nodesChanged = !changed || changed.nodes.length > 0;
    if (kept?.service !== service || kept.addressType !== addressType || nodesChanged)
      kept = new OrderedPodEndpoints(service, addressType, selected, world.nodes);
    else if (!kept.update(changed?.pods ?? [], selected, world.nodes))
      throw new Error('Pod names are unique');
    // The kept endpoints are the Pods' in name order, as the full reconcile reads them.
    expect(kept.endpoints).toEqual(
      sortedByName(pods).map((pod) => podEndpointOf(pod, world.nodes, service, addressType)),
    );
    const listed = store.list();
    const full = reconcile(service, pods, listed, world.nodes, options(caches.full)).actions;
    const oneMapping =
      mapping.value &&
      otherType === undefined &&
      reconcileOneMapping(
        service,
        addressType,
        kept.endpoints,
        listed,
        options(caches.oneMapping),
        mapping.value,
      );
    if (oneMapping) {
      taken++;
      expect(JSON.stringify(oneMapping)).toBe(JSON.stringify(full));
      // Where the one-slice way is taken it gives those calls too, on its own.
      const [onlySlice] = listed;
      const direct =
        listed.length === 1 &&
        onlySlice &&
        reconcileOneSlice(
          service,
          kept.endpoints,
          onlySlice,
          scenario.maxEndpointsPerSlice,
          options(caches.oneMapping).triggerTime,
        );
      if (direct) {
        oneSlice++;
        expect(JSON.stringify(direct)).toBe(JSON.stringify(full));
      }
    } else {
      declined++;
      reconcile(service, pods, listed, world.nodes, options(caches.oneMapping));
    }
    // The topology cache hears of the Service the same way (hints disabled).
    expect(caches.oneMapping).toEqual(caches.full);
    store.apply(full);
  }
  return { taken, declined, oneSlice };
}

/**
 * Most Services of a cluster: one address type, ports by number, no hints asked for. The
 * scenario's edits and replacements still take it elsewhere.
 */
function plain(service: Service, family: 'IPv4' | 'IPv6'): Service {
  const { annotations: _annotations, ...metadata } = service.metadata;
  const { trafficDistribution: _trafficDistribution, ...spec } = service.spec;
  const ports = (spec.ports ?? []).map((port) =>
    typeof port.targetPort === 'string' ? { ...port, targetPort: 8080 } : port,
  );
  return { ...service, metadata, spec: { ...spec, ports, ipFamilies: [family] } };
}

const plainOrNotArbitrary = fc
  .tuple(fc.boolean().chain(scenarioArbitrary), fc.constantFrom('IPv4', 'IPv6', 'IPv4', undefined))
  .map(([scenario, family]) =>
    family ? { ...scenario, service: plain(scenario.service, family) } : scenario,
  );

describe('one-port-mapping reconcile', () => {
  test('makes the full reconcile calls wherever it applies, across Service edits and tampering', () => {
    const totals = { taken: 0, declined: 0, oneSlice: 0 };
    fc.assert(
      fc.property(plainOrNotArbitrary, (scenario) => {
        const { taken, declined, oneSlice } = compareEverySync(scenario);
        totals.taken += taken;
        totals.declined += declined;
        totals.oneSlice += oneSlice;
      }),
      { numRuns: 300 },
    );
    // Both ways are exercised: many syncs take the short way, hints and named ports do not.
    expect(totals.taken).toBeGreaterThan(totals.declined / 2);
    expect(totals.declined).toBeGreaterThan(0);
    // Many of the short ones have a single slice that keeps every endpoint.
    expect(totals.oneSlice).toBeGreaterThan(totals.taken / 4);
  });
});
