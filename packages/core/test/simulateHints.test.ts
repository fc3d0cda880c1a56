import { describe, expect, test } from 'vitest';
import {
  ANNOTATION_TOPOLOGY_MODE,
  serviceScenario,
  simulate,
  type Scenario,
  type SimulationReport,
} from '../src/index.ts';

/** KEP-2433's figures (scale-facts.md §1.3) as the simulator's hints state per zone. */

function hintsScenario(
  zones: { name: string; nodes: number; cpu: string }[],
  pods: number,
): Scenario {
  return {
    name: 'hints',
    cluster: {
      zones,
      workloads: [{ name: 'web', replicas: pods, labels: { app: 'web' } }],
      services: [
        {
          name: 'web',
          selector: { app: 'web' },
          ports: [{ port: 80 }],
          annotations: { [ANNOTATION_TOPOLOGY_MODE]: 'Auto' },
        },
      ],
    },
  };
}

const lastState = (report: SimulationReport) => report.series.at(-1)!.state;

describe('topology-aware hints in the time series (KEP-2433)', () => {
  test('CPU 20 / 16 / 14 cores: 40 % / 32 % / 28 % of the endpoints hinted to each zone', () => {
    const report = simulate(
      hintsScenario(
        [
          { name: 'zone-a', nodes: 5, cpu: '4' },
          { name: 'zone-b', nodes: 4, cpu: '4' },
          { name: 'zone-c', nodes: 7, cpu: '2' },
        ],
        50,
      ),
    );
    const state = lastState(report);
    expect(state.servicesWithHints).toBe(1);
    expect(state.zones.map((zone) => zone.hinted)).toEqual([20, 16, 14]);
    expect(state.zones.reduce((sum, zone) => sum + zone.endpoints, 0)).toBe(50);
  });

  test('three equal zones and 4 endpoints: 33 % overload is over the 20 % threshold, so no hints', () => {
    const report = simulate(
      hintsScenario(
        ['zone-a', 'zone-b', 'zone-c'].map((name) => ({ name, nodes: 2, cpu: '4' })),
        4,
      ),
    );
    const state = lastState(report);
    expect(state.servicesWithHints).toBe(0);
    expect(state.zones.map((zone) => zone.hinted)).toEqual([0, 0, 0]);
    expect(state.byCondition.ready).toBe(4);
  });

  test('hints add about "20 bytes for each endpoint": within 0.5×–2× in protobuf', () => {
    // As with KEP-0752's constants, the KEP figure matches protobuf, kube-proxy's encoding; JSON
    // spells the hint out (`"hints":{"forZones":[{"name":"zone-a"}]}`, about twice as much).
    const create = (topologyAwareHints: boolean) =>
      simulate(
        serviceScenario({
          pods: 300,
          nodes: 30,
          topologyAwareHints,
          events: [{ at: 1, type: 'createService' }],
        }),
        { countFromSeconds: 1 },
      ).totals.endpointSlices;
    const withHints = create(true);
    const without = create(false);
    expect(withHints.watchEvents).toBe(without.watchEvents);
    const perEndpoint = (encoding: 'bytes' | 'bytesProtobuf'): number =>
      (withHints[encoding]! - without[encoding]!) / without.watchEvents / 100;
    expect(perEndpoint('bytesProtobuf') / 20).toBeGreaterThanOrEqual(0.5);
    expect(perEndpoint('bytesProtobuf') / 20).toBeLessThanOrEqual(2);
    expect(perEndpoint('bytes')).toBeGreaterThan(perEndpoint('bytesProtobuf'));
  });

  test('a zone outage takes its endpoints out of the ready count and its hints away', () => {
    const report = simulate(
      serviceScenario({
        pods: 60,
        nodes: 12,
        topologyAwareHints: true,
        events: [{ at: 10, type: 'zoneOutage', zone: 'zone-b', forSeconds: 60 }],
      }),
      { untilSeconds: 40 },
    );
    const before = report.series.find((point) => point.t === 0)!.state;
    const during = lastState(report);
    expect(before.servicesWithHints).toBe(1);
    expect(before.zones.find((zone) => zone.zone === 'zone-b')!.endpoints).toBe(20);
    expect(during.zones.find((zone) => zone.zone === 'zone-b')!.endpoints).toBe(0);
    expect(during.byCondition.ready).toBe(40);
  });
});
