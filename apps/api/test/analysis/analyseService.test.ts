import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  analyseService,
  type ServiceAnalysis,
  type ZoneSummary,
} from '../../src/analysis/index.ts';
import type { ProxyView } from '@slicescope/core';
import {
  analysisInput,
  controllerEndpoints,
  controllerSync,
  newPod,
  newService,
  podsOn,
  threeZoneNodes,
} from './builders.ts';
import {
  serviceAnalysisSchema,
  type NodeProxyView,
  type ServiceAnalysis as WireServiceAnalysis,
  type ZoneSummary as WireZoneSummary,
} from '@slicescope/contract';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('analyseService', () => {
  test('the api types fit the wire types', () => {
    expectTypeOf<ServiceAnalysis>().toExtend<WireServiceAnalysis>();
    expectTypeOf<ProxyView>().toExtend<NodeProxyView>();
    expectTypeOf<ZoneSummary>().toExtend<WireZoneSummary>();
  });

  test('every analysis of one Service, valid on the wire and as JSON', () => {
    const service = newService();
    const nodes = threeZoneNodes();
    const pods = [
      ...podsOn(nodes, 250),
      newPod(250, { nodeName: 'node-a', deletionTimestamp: '2026-03-01T11:00:00Z' }),
    ];
    const slices = controllerSync(service, pods, nodes);
    const endpoints = controllerEndpoints(service, pods);
    const input = analysisInput({ service, pods, nodes, slices, endpoints });
    const analysis = analyseService(input, NOW);
    expect(serviceAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(serviceAnalysisSchema.parse(JSON.parse(JSON.stringify(analysis)))).toEqual(
      JSON.parse(JSON.stringify(analysis)),
    );
    expect(analysis.drift.inSync).toBe(true);
    expect(analysis.fragmentation).toMatchObject({ actualSlices: 3, idealSlices: 3 });
    expect(analysis.hints[0]?.rule).toBe('none');
    expect(analysis.endpoints).toMatchObject({
      addresses: 250,
      matches: true,
      explainedByTerminating: 1,
    });
    expect(analysis.terminating).toMatchObject({ count: 1, stuckCount: 1 });
    expect(analyseService(input, NOW)).toEqual(analysis);
  });

  test('a bad maxEndpointsPerSlice is a configuration bug', () => {
    const input = analysisInput({ service: newService() }, { maxEndpointsPerSlice: 0 });
    expect(() => analyseService(input, NOW)).toThrow(RangeError);
  });
});
