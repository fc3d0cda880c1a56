import type { HintsExplanationView } from '@slicescope/contract';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/service/topology/model.ts';
import { columnCounts } from '../../src/service/topology/aggregates.ts';
import {
  headerLines,
  overloadOf,
  signedPercent,
  zoneHeaders,
} from '../../src/service/topology/zoneHeaders.ts';
import { nodeSummary, sliceOf } from '../support/render.tsx';
import { endpoint } from '../support/render.tsx';

// zone-a: 1 node of 6 cores, 3 ready endpoints; zone-b: 2 nodes of 3 cores, 1 ready + 1 not.
const nodes = {
  a1: nodeSummary('a1', 'zone-a', { cpuMilli: 6000 }),
  b1: nodeSummary('b1', 'zone-b', { cpuMilli: 3000 }),
  b2: nodeSummary('b2', 'zone-b', { cpuMilli: 3000 }),
  b3: nodeSummary('b3', 'zone-b', { cpuMilli: 9000, ready: false }),
};
const slices = [
  sliceOf('shop', 'web', 'web-1', [
    endpoint('10.0.0.1', { nodeName: 'a1', zone: 'zone-a' }),
    endpoint('10.0.0.2', { nodeName: 'a1', zone: 'zone-a' }),
    endpoint('10.0.0.3', { nodeName: 'a1', zone: 'zone-a' }),
    endpoint('10.0.0.4', { nodeName: 'b1', zone: 'zone-b' }),
    endpoint('10.0.0.5', { nodeName: 'b2', zone: 'zone-b', ready: false, serving: false }),
  ]),
];
const model = buildModel(slices, nodes);
const counts = columnCounts(model);

describe('zone headers', () => {
  it('computes endpoint share, CPU share of ready nodes and expected overload from the nodes', () => {
    const [a, b] = zoneHeaders(model, counts, undefined);
    expect(a).toMatchObject({
      label: 'zone-a',
      endpoints: 3,
      ready: 3,
      nodes: 1,
      nodesWithEndpoints: 1,
    });
    expect(a?.endpointShare).toBeCloseTo(0.75);
    expect(a?.cpuShare).toBeCloseTo(0.5);
    expect(a?.expectedOverload).toBeCloseTo(0.5 / 0.75 - 1);
    expect(b).toMatchObject({
      endpoints: 2,
      ready: 1,
      nodes: 3,
      nodesWithEndpoints: 2,
      source: 'nodes',
    });
    expect(b?.cpuShare).toBeCloseTo(0.5);
    expect(b?.expectedOverload).toBeCloseTo(1);
  });

  it("takes the analysis's numbers when it describes the same endpoints", () => {
    const hints: HintsExplanationView[] = [
      {
        addressType: 'IPv4',
        hintsOn: false,
        rule: 'auto-overload',
        summary: '',
        zones: [
          {
            zone: 'zone-a',
            cpuShare: 0.4,
            endpoints: 3,
            endpointShare: 0.75,
            hinted: 0,
            expectedOverload: -0.2,
          },
          {
            zone: 'zone-b',
            cpuShare: 0.6,
            endpoints: 9,
            endpointShare: 0.9,
            hinted: 0,
            expectedOverload: 3,
          },
        ],
      },
    ];
    const [a, b] = zoneHeaders(model, counts, hints);
    expect(a).toMatchObject({ cpuShare: 0.4, expectedOverload: -0.2, source: 'analysis' });
    // zone-b's analysis counts other endpoints (another point in time): its overload is recomputed.
    expect(b?.cpuShare).toBe(0.6);
    expect(b?.expectedOverload).toBeCloseTo(0.6 / 0.25 - 1);
  });

  it('has no overload without CPU or without ready endpoints', () => {
    expect(overloadOf(undefined, 0.5)).toBeUndefined();
    expect(overloadOf(0.5, 0)).toBeUndefined();
    expect(overloadOf(0.25, 0.5)).toBeCloseTo(-0.5);
  });

  it('writes its lines', () => {
    const [a] = zoneHeaders(model, counts, undefined);
    expect(headerLines(a!)).toEqual([
      'zone-a',
      '3 endpoints · 1/1 node',
      'endpoints 75% · CPU 50%',
      'hint overload −33%',
    ]);
    expect(signedPercent(0.204)).toBe('+20%');
    expect(signedPercent(0.001)).toBe('±0%');
  });
});
