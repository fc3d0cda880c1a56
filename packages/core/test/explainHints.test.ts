import { describe, expect, test } from 'vitest';
import { explainHints, type EndpointSlice, type Service } from '../src/index.ts';
import { newNode } from './builders/index.ts';

const options = { topologyCache: true, preferSameTrafficDistribution: true };

function service(annotations: Record<string, string> = {}, trafficDistribution?: string): Service {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'u', annotations },
    spec: {
      selector: { app: 'web' },
      ipFamilies: ['IPv4'],
      ...(trafficDistribution && { trafficDistribution }),
    },
  };
}

/** One IPv4 slice with ready endpoints in the given zones (undefined: no zone). */
function sliceWith(zones: (string | undefined)[], hinted = false): EndpointSlice {
  return {
    metadata: { name: 'web-1', namespace: 'ns' },
    addressType: 'IPv4',
    endpoints: zones.map((zone, i) => ({
      addresses: [`10.0.0.${i + 1}`],
      conditions: { ready: true, serving: true, terminating: false },
      ...(zone && { zone }),
      ...(hinted && zone && { hints: { forZones: [{ name: zone }] } }),
    })),
  };
}

const threeZones = [
  newNode('a', { zone: 'zone-a', cpu: '4' }),
  newNode('b', { zone: 'zone-b', cpu: '4' }),
  newNode('c', { zone: 'zone-c', cpu: '4' }),
];
const auto = { 'service.kubernetes.io/topology-mode': 'Auto' };

describe('explainHints', () => {
  test('8 endpoints across 3 equal zones: the minimums 3 + 3 + 3 are more than 8', () => {
    // Three endpoints in zone-c: the summary's "would get 2" is the closest split, not the table.
    const [explanation] = explainHints(
      service(auto),
      [sliceWith(['zone-a', 'zone-a', 'zone-b', 'zone-b', 'zone-b', 'zone-c', 'zone-c', 'zone-c'])],
      threeZones,
      options,
    );
    expect(explanation?.rule).toBe('auto-overload');
    expect(explanation?.summary).toMatch(
      /^No hints: 8 ready endpoints across 3 zones: within the 20% overload threshold the zones need at least 3 \+ 3 \+ 3 = 9 endpoints; split as the CPU asks, zone-\w \(33% of the CPU\) would get 2 endpoints and be 33% overloaded\.$/,
    );
    expect(explanation?.zones.find((zone) => zone.zone === 'zone-c')?.endpoints).toBe(3);
  });

  test('4 endpoints across 3 equal zones: the most loaded zone would be 33% overloaded', () => {
    const [explanation] = explainHints(
      service(auto),
      [sliceWith(['zone-a', 'zone-b', 'zone-c', 'zone-a'])],
      threeZones,
      options,
    );
    expect(explanation).toMatchObject({ hintsOn: false, rule: 'auto-overload' });
    expect(explanation?.summary).toBe(
      'No hints: 4 ready endpoints across 3 zones: within the 20% overload threshold the zones need at least 2 + 2 + 2 = 6 endpoints; split as the CPU asks, zone-b (33% of the CPU) would get 1 endpoint and be 33% overloaded.',
    );
    const zoneB = explanation?.zones.find((zone) => zone.zone === 'zone-b');
    expect(zoneB?.cpuShare).toBeCloseTo(1 / 3);
    expect(zoneB?.expectedOverload).toBeCloseTo(1 / 3);
  });

  test('9 endpoints across 3 zones get hints, with per-zone shares', () => {
    const [explanation] = explainHints(
      service(auto),
      [
        sliceWith(
          [
            'zone-a',
            'zone-a',
            'zone-a',
            'zone-a',
            'zone-b',
            'zone-b',
            'zone-b',
            'zone-c',
            'zone-c',
          ],
          true,
        ),
      ],
      threeZones,
      options,
    );
    expect(explanation).toMatchObject({ hintsOn: true, rule: 'auto-allocated' });
    expect(explanation?.summary).toContain('9 ready endpoints across 3 zones');
    expect(explanation?.zones.map((zone) => [zone.zone, zone.endpoints, zone.hinted])).toEqual([
      ['zone-a', 4, 4],
      ['zone-b', 3, 3],
      ['zone-c', 2, 2],
    ]);
    expect(explanation?.zones[2]?.expectedOverload).toBeCloseTo(0.5);
  });

  test('fewer endpoints than zones', () => {
    const [explanation] = explainHints(
      service(auto),
      [sliceWith(['zone-a', 'zone-b'])],
      threeZones,
      options,
    );
    expect(explanation?.rule).toBe('auto-too-few-endpoints');
    expect(explanation?.summary).toBe(
      'No hints: 2 ready endpoints across 3 zones; Auto needs at least one endpoint per zone (aim for three).',
    );
  });

  test('one ready worker without a zone turns hints off and is named', () => {
    const nodes = [...threeZones, newNode('no-zone', { cpu: '2' })];
    const [explanation] = explainHints(
      service(auto),
      [sliceWith(['zone-a', 'zone-b', 'zone-c'])],
      nodes,
      options,
    );
    expect(explanation?.rule).toBe('auto-insufficient-node-info');
    expect(explanation?.summary).toContain(
      'Node no-zone is ready but has no zone label or no allocatable CPU',
    );
  });

  test('an endpoint without a zone turns hints off', () => {
    const [explanation] = explainHints(
      service(auto),
      [sliceWith(['zone-a', 'zone-a', 'zone-b', 'zone-b', 'zone-c', undefined])],
      threeZones,
      options,
    );
    expect(explanation?.rule).toBe('auto-endpoint-without-zone');
  });

  test('the deprecated annotation wins, and only Auto/auto count', () => {
    const both = {
      'service.kubernetes.io/topology-aware-hints': 'Disabled',
      'service.kubernetes.io/topology-mode': 'Auto',
    };
    const [explanation] = explainHints(service(both), [sliceWith(['zone-a'])], threeZones, options);
    expect(explanation).toMatchObject({ hintsOn: false, rule: 'annotation-not-auto' });
    expect(explanation?.summary).toContain('"Disabled"');
  });

  test('trafficDistribution, honoured or not', () => {
    expect(explainHints(service({}, 'PreferClose'), [], threeZones, options)[0]).toMatchObject({
      hintsOn: true,
      rule: 'traffic-distribution',
    });
    expect(
      explainHints(service({}, 'PreferSameNode'), [], threeZones, options)[0]?.summary,
    ).toContain('its own node and zone');
    expect(
      explainHints(service({}, 'PreferSameZone'), [], threeZones, {
        ...options,
        preferSameTrafficDistribution: false,
      })[0],
    ).toMatchObject({
      hintsOn: false,
      rule: 'traffic-distribution-not-honoured',
    });
    expect(
      explainHints(service(auto, 'PreferClose'), [sliceWith(['zone-a'])], threeZones, options)[0]
        ?.rule,
    ).toBe('auto-too-few-endpoints');
  });

  test('no annotation and no trafficDistribution; one explanation per address family', () => {
    const dual: Service = {
      ...service(),
      spec: { selector: { app: 'web' }, ipFamilies: ['IPv4', 'IPv6'] },
    };
    const explanations = explainHints(dual, [], threeZones, options);
    expect(explanations.map((e) => [e.addressType, e.rule])).toEqual([
      ['IPv4', 'none'],
      ['IPv6', 'none'],
    ]);
  });

  test('without a topology cache, Auto removes hints', () => {
    expect(
      explainHints(service(auto), [], threeZones, { ...options, topologyCache: false })[0]?.rule,
    ).toBe('auto-topology-cache-off');
  });
});
