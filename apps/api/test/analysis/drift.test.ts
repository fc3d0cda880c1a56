import { describe, expect, test } from 'vitest';
import { analyseDrift } from '../../src/analysis/drift.ts';
import {
  analysisInput,
  controllerSync,
  newPod,
  newService,
  podIp,
  podsOn,
  threeZoneNodes,
} from './builders.ts';
import { driftSchema } from '@slicescope/contract';

describe('analyseDrift', () => {
  const service = newService();
  const nodes = threeZoneNodes();
  const pods = podsOn(nodes, 250);
  const slices = controllerSync(service, pods, nodes);

  test('250 Pods in 3 slices written by the controller are in sync', () => {
    expect(slices.map((slice) => slice.endpoints?.length)).toEqual([100, 100, 50]);
    const drift = analyseDrift(analysisInput({ service, pods, nodes, slices }));
    expect(driftSchema.parse(drift)).toEqual(drift);
    expect(drift).toMatchObject({
      available: true,
      inSync: true,
      creates: 0,
      updates: 0,
      deletes: 0,
      endpointsMissing: [],
      endpointsExtra: [],
      controllerSlices: 3,
      errors: [],
    });
  });

  test('a new Pod is drift: one update of the slice with room, one missing address', () => {
    const more = [...pods, newPod(250, { nodeName: 'node-b' })];
    const drift = analyseDrift(analysisInput({ service, pods: more, nodes, slices }));
    expect(driftSchema.parse(drift)).toEqual(drift);
    const half = slices.find((slice) => slice.endpoints?.length === 50);
    expect(drift).toMatchObject({
      inSync: false,
      creates: 0,
      updates: 1,
      deletes: 0,
      endpointsMissing: [podIp(250)],
      endpointsMissingCount: 1,
      endpointsExtraCount: 0,
      actions: [{ verb: 'update', name: half?.metadata.name, endpoints: 51 }],
    });
  });

  test('a Pod turning unready is a changed endpoint, not a missing one', () => {
    const changed = pods.map((pod, i) =>
      i === 7 ? newPod(7, { ready: false, nodeName: pod.spec?.nodeName ?? '' }) : pod,
    );
    const drift = analyseDrift(analysisInput({ service, pods: changed, nodes, slices }));
    expect(drift).toMatchObject({ updates: 1, endpointsChanged: [podIp(7)], endpointsMissing: [] });
  });

  test('a Pod on an unknown Node is reported as the controller reports it', () => {
    const stray = [...pods, newPod(999, { nodeName: 'node-gone' })];
    const drift = analyseDrift(analysisInput({ service, pods: stray, nodes, slices }));
    expect(drift.inSync).toBe(true);
    expect(drift.errors).toEqual([
      'skipping Pod web-00999 for Service shop/web: Node node-gone Not Found',
    ]);
  });

  test('without Pods the controller view is unavailable', () => {
    const drift = analyseDrift(analysisInput({ service, pods: undefined, nodes, slices }));
    expect(driftSchema.parse(drift)).toEqual(drift);
    expect(drift).toMatchObject({
      available: false,
      reason: 'pods are not watched (--no-pods)',
      inSync: false,
      controllerSlices: 3,
    });
  });

  test('mirrored and other slices are listed apart and never drift', () => {
    const mirrored = {
      ...slices[0]!,
      metadata: {
        ...slices[0]!.metadata,
        name: 'web-mirror',
        labels: {
          'kubernetes.io/service-name': 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
        },
      },
    };
    const handMade = {
      ...slices[0]!,
      metadata: {
        name: 'web-extra',
        namespace: 'shop',
        labels: { 'kubernetes.io/service-name': 'web' },
      },
    };
    const drift = analyseDrift(
      analysisInput({ service, pods, nodes, slices: [...slices, mirrored, handMade] }),
    );
    expect(drift).toMatchObject({
      inSync: true,
      controllerSlices: 3,
      mirroredSlices: ['web-mirror'],
      otherSlices: [{ name: 'web-extra' }],
    });
  });

  test('a selector-less Service is not the controller’s', () => {
    const drift = analyseDrift(analysisInput({ service: newService('ext', { selector: null }) }));
    expect(drift).toMatchObject({
      available: false,
      reason: 'selector-less Service: slices are mirrored or hand-made',
    });
  });
});
