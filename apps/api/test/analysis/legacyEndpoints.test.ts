import { describe, expect, test } from 'vitest';
import { analyseEndpoints } from '../../src/analysis/legacyEndpoints.ts';
import {
  analysisInput,
  controllerEndpoints,
  controllerSync,
  mirroredSlices,
  newPod,
  newService,
  podIp,
  podsOn,
  threeZoneNodes,
  userEndpoints,
} from './builders.ts';
import { endpointsAnalysisSchema } from '@slicescope/contract';

const nodes = threeZoneNodes();

describe('analyseEndpoints: Services with a selector', () => {
  const service = newService();

  test('1200 Pods: the Endpoints object is truncated at 1000, the slices hold all', () => {
    const pods = podsOn(nodes, 1200);
    const endpoints = controllerEndpoints(service, pods);
    const slices = controllerSync(service, pods, nodes);
    const result = analyseEndpoints(analysisInput({ service, pods, nodes, slices, endpoints }));
    expect(endpointsAnalysisSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      exists: true,
      addresses: 1000,
      ready: 1000,
      truncated: true,
      overCapacityAnnotation: 'truncated',
      overCapacity: true,
      comparedFamily: 'IPv4',
      sliceAddresses: 1200,
      explainedByTruncation: 200,
      inSlicesOnly: [],
      inSlicesOnlyCount: 0,
      inEndpointsOnlyCount: 0,
      matches: true,
    });
    expect(result.summary).toBe(
      'Endpoints holds 1000 addresses of the 1200 in the slices: truncated at 1000 (endpoints.kubernetes.io/over-capacity: truncated); it agrees with the slices.',
    );
  });

  test('addresses on one side only are a mismatch', () => {
    const pods = podsOn(nodes, 5);
    const slices = controllerSync(service, pods, nodes);
    // The Endpoints object lags behind: it still has Pod 9 and not yet Pod 4.
    const endpoints = controllerEndpoints(service, [...pods.slice(0, 4), newPod(9)]);
    const result = analyseEndpoints(analysisInput({ service, pods, nodes, slices, endpoints }));
    expect(endpointsAnalysisSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      truncated: false,
      inSlicesOnly: [podIp(4)],
      inSlicesOnlyCount: 1,
      inEndpointsOnly: [podIp(9)],
      inEndpointsOnlyCount: 1,
      matches: false,
    });
    expect(result.mirroring).toBeUndefined();
  });

  test('terminating Pods are in the slices only, and that is expected', () => {
    const pods = [
      ...podsOn(nodes, 3),
      newPod(3, { deletionTimestamp: '2026-01-01T00:00:00Z', nodeName: 'node-a' }),
    ];
    const slices = controllerSync(service, pods, nodes);
    const endpoints = controllerEndpoints(service, pods);
    const result = analyseEndpoints(analysisInput({ service, pods, nodes, slices, endpoints }));
    expect(result).toMatchObject({
      addresses: 3,
      sliceAddresses: 3,
      explainedByTerminating: 1,
      matches: true,
    });
  });

  test('no Endpoints object', () => {
    const result = analyseEndpoints(analysisInput({ service }));
    expect(endpointsAnalysisSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ exists: false, addresses: 0, matches: false });
  });
});

describe('analyseEndpoints: Services without a selector', () => {
  const service = newService('ext', { selector: null });
  const ips = ['192.168.0.1', '192.168.0.2', '192.168.0.3'];

  test('a user Endpoints object is mirrored, and the mirrored slices match', () => {
    const endpoints = userEndpoints('ext', ips);
    const slices = mirroredSlices(service, endpoints);
    expect(slices).toHaveLength(1);
    const result = analyseEndpoints(analysisInput({ service, slices, endpoints }));
    expect(endpointsAnalysisSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      exists: true,
      addresses: 3,
      sliceAddresses: 3,
      matches: true,
      mirroring: { mirrored: true, mirroredSlices: 1, inSync: true, creates: 0, warnings: [] },
    });
  });

  test('mirrored slices that lag behind the Endpoints object', () => {
    const slices = mirroredSlices(service, userEndpoints('ext', ips.slice(0, 2)));
    const endpoints = userEndpoints('ext', ips);
    const result = analyseEndpoints(analysisInput({ service, slices, endpoints }));
    expect(result).toMatchObject({
      inEndpointsOnly: ['192.168.0.3'],
      matches: false,
      mirroring: { mirrored: true, inSync: false, updates: 1 },
    });
  });

  test('skip-mirror: not mirrored, and leftover mirrored slices are deletes to come', () => {
    const slices = mirroredSlices(service, userEndpoints('ext', ips));
    const endpoints = userEndpoints('ext', ips, {
      'endpointslice.kubernetes.io/skip-mirror': 'true',
    });
    const result = analyseEndpoints(analysisInput({ service, slices, endpoints }));
    expect(result.mirroring).toMatchObject({
      mirrored: false,
      reason:
        'not mirrored: the Endpoints object is labelled endpointslice.kubernetes.io/skip-mirror=true',
      inSync: false,
      deletes: 1,
    });
  });

  test('no Endpoints object: nothing to mirror', () => {
    const result = analyseEndpoints(analysisInput({ service }));
    expect(result.mirroring).toMatchObject({
      mirrored: false,
      reason: 'not mirrored: there is no Endpoints object to mirror',
      inSync: true,
    });
  });
});
