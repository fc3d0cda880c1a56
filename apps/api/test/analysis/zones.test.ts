import { describe, expect, test } from 'vitest';
import type { EndpointSlice } from '@slicescope/core';
import { zoneSummaries } from '../../src/analysis/zones.ts';
import { controllerSync, newNode, newPod, newService, podsOn } from './builders.ts';
import { zoneSummarySchema } from '@slicescope/contract';

describe('zoneSummaries', () => {
  const nodes = [
    newNode('node-a1', { zone: 'a', cpu: '4' }),
    newNode('node-a2', { zone: 'a', cpu: '2', ready: false }),
    newNode('node-b1', { zone: 'b', cpu: '2' }),
    newNode('node-c1', { zone: 'c', cpu: '2' }),
  ];
  const service = newService();
  const pods = [
    ...podsOn([nodes[0]!, nodes[2]!, nodes[3]!], 6),
    newPod(6, { nodeName: 'node-c1', ready: false }),
  ];
  const slices = controllerSync(service, pods, nodes);
  // A hand-made slice with an endpoint nowhere: no zone, no node.
  const stray: EndpointSlice = {
    metadata: {
      name: 'web-manual',
      namespace: 'shop',
      labels: { 'kubernetes.io/service-name': 'web' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.9.9.9'] }, { addresses: ['10.9.9.8'], nodeName: 'node-b1' }],
  };

  test('per zone: nodes, CPU share and endpoints; zone-less last', () => {
    const zones = zoneSummaries(nodes, [...slices, stray]);
    for (const zone of zones) zoneSummarySchema.parse(zone);
    expect(zones).toEqual([
      {
        zone: 'a',
        nodes: 2,
        readyNodes: 1,
        allocatableMilliCpu: 4000,
        cpuShare: 0.5,
        endpoints: 2,
        readyEndpoints: 2,
      },
      {
        zone: 'b',
        nodes: 1,
        readyNodes: 1,
        allocatableMilliCpu: 2000,
        cpuShare: 0.25,
        endpoints: 3,
        readyEndpoints: 3,
      },
      {
        zone: 'c',
        nodes: 1,
        readyNodes: 1,
        allocatableMilliCpu: 2000,
        cpuShare: 0.25,
        endpoints: 3,
        readyEndpoints: 2,
      },
      { zone: '', nodes: 0, readyNodes: 0, endpoints: 1, readyEndpoints: 1 },
    ]);
  });

  test('one ready worker without a zone takes every CPU share away', () => {
    const zones = zoneSummaries([...nodes, newNode('node-x')], slices);
    expect(zones.every((zone) => zone.cpuShare === undefined)).toBe(true);
    expect(zones.at(-1)).toMatchObject({ zone: '', nodes: 1, readyNodes: 1, endpoints: 0 });
  });
});
