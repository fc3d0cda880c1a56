import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { syncService, TopologyCache, type Pod } from '@slicescope/core';
import { analyseService } from '../../src/analysis/index.ts';
import { analyseDrift } from '../../src/analysis/drift.ts';
import { analyseFragmentation } from '../../src/analysis/fragmentation.ts';
import { zoneSummaries } from '../../src/analysis/zones.ts';
import {
  analysisInput,
  controllerEndpoints,
  controllerSync,
  newNode,
  newPod,
  newService,
  threeZoneNodes,
} from './builders.ts';
import { serviceAnalysisSchema } from '@slicescope/contract';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const nodes = threeZoneNodes();

/** One Pod of a generated state: which one, where, ready or not, being deleted or not. */
interface PodSpec {
  id: number;
  node: number;
  ready: boolean;
  terminating: boolean;
}

const podArbitrary: fc.Arbitrary<PodSpec> = fc.record({
  id: fc.integer({ min: 0, max: 400 }),
  node: fc.integer({ min: 0, max: 2 }),
  ready: fc.boolean(),
  terminating: fc.boolean(),
});
const podsArbitrary = fc.uniqueArray(podArbitrary, {
  selector: (pod) => pod.id,
  maxLength: 250,
  size: 'medium',
});
const serviceArbitrary = fc
  .constantFrom<'none' | 'Auto' | 'PreferClose'>('none', 'Auto', 'PreferClose')
  .map((mode) =>
    mode === 'Auto'
      ? newService('web', { annotations: { 'service.kubernetes.io/topology-mode': 'Auto' } })
      : mode === 'PreferClose'
        ? newService('web', { trafficDistribution: 'PreferClose' })
        : newService(),
  );

function podsOf(specs: readonly PodSpec[]): Pod[] {
  return specs.map((spec) =>
    newPod(spec.id, {
      nodeName: nodes[spec.node]?.metadata.name ?? '',
      ready: spec.ready,
      ...(spec.terminating && { deletionTimestamp: '2026-03-01T11:58:00Z' }),
    }),
  );
}

describe('analysis properties', () => {
  test('drift is in sync exactly when syncService makes no call', () => {
    fc.assert(
      fc.property(
        serviceArbitrary,
        podsArbitrary,
        podsArbitrary,
        fc.integer({ min: 1, max: 60 }),
        (service, before, now, max) => {
          const slices = controllerSync(service, podsOf(before), nodes, [], max);
          const pods = podsOf(now);
          const drift = analyseDrift(
            analysisInput({ service, pods, nodes, slices }, { maxEndpointsPerSlice: max }),
          );
          const topologyCache = new TopologyCache();
          topologyCache.setNodes(nodes);
          const { actions } = syncService(service, pods, nodes, slices, {
            maxEndpointsPerSlice: max,
            topologyCache,
            preferSameTrafficDistribution: true,
          });
          expect(drift.available).toBe(true);
          expect(drift.inSync).toBe(actions.length === 0);
          expect(drift.creates + drift.updates + drift.deletes).toBe(actions.length);
          if (drift.inSync) {
            expect(drift.endpointsMissingCount + drift.endpointsExtraCount).toBe(0);
            expect(drift.endpointsChangedCount).toBe(0);
          }
          // Once the controller has written, there is nothing left to do.
          const settled = controllerSync(service, pods, nodes, slices, max);
          const again = analyseDrift(
            analysisInput({ service, pods, nodes, slices: settled }, { maxEndpointsPerSlice: max }),
          );
          expect(again.inSync).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('slices written by the controller never number fewer than the ideal', () => {
    fc.assert(
      fc.property(
        fc.array(podsArbitrary, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        (history, max) => {
          const service = newService();
          let slices = controllerSync(service, podsOf(history[0] ?? []), nodes, [], max);
          const fresh = analyseFragmentation(
            analysisInput({ service, nodes, slices }, { maxEndpointsPerSlice: max }),
          );
          // Packed from nothing, the controller makes exactly the ideal number of slices.
          expect(fresh.actualSlices).toBe(fresh.idealSlices);
          for (const state of history.slice(1)) {
            slices = controllerSync(service, podsOf(state), nodes, slices, max);
            const result = analyseFragmentation(
              analysisInput({ service, nodes, slices }, { maxEndpointsPerSlice: max }),
            );
            expect(result.idealSlices).toBeLessThanOrEqual(result.actualSlices);
            expect(result.fragmented).toBe(result.idealSlices < result.actualSlices);
            expect(result.fill).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  test('zone and node endpoint counts sum to the slices’ total', () => {
    const someNodes = [
      ...nodes,
      newNode('node-x', { ready: false }),
      newNode('node-y', { zone: 'd' }),
    ];
    fc.assert(
      fc.property(podsArbitrary, fc.integer({ min: 1, max: 60 }), (specs, max) => {
        const service = newService();
        const slices = controllerSync(service, podsOf(specs), someNodes, [], max);
        const total = slices.reduce((sum, slice) => sum + (slice.endpoints?.length ?? 0), 0);
        const zones = zoneSummaries(someNodes, slices);
        expect(zones.reduce((sum, zone) => sum + zone.endpoints, 0)).toBe(total);
        expect(zones.reduce((sum, zone) => sum + zone.nodes, 0)).toBe(someNodes.length);
        for (const zone of zones) expect(zone.readyEndpoints).toBeLessThanOrEqual(zone.endpoints);
      }),
      { numRuns: 100 },
    );
  });

  test('every analysis fits the wire schema', () => {
    fc.assert(
      fc.property(
        serviceArbitrary,
        podsArbitrary,
        podsArbitrary,
        fc.boolean(),
        fc.boolean(),
        (service, before, now, podsWatched, withEndpoints) => {
          const slices = controllerSync(service, podsOf(before), nodes);
          const pods = podsOf(now);
          const input = analysisInput({
            service,
            pods: podsWatched ? pods : undefined,
            nodes,
            slices,
            endpoints: withEndpoints ? controllerEndpoints(service, podsOf(before)) : undefined,
          });
          const analysis = analyseService(input, NOW);
          serviceAnalysisSchema.parse(analysis);
        },
      ),
      { numRuns: 40 },
    );
  });
});
