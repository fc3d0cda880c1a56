import { describe, expect, test } from 'vitest';
import { proxyViewFor } from '../../src/analysis/proxyView.ts';
import { analysisInput, controllerSync, newService, podsOn, threeZoneNodes } from './builders.ts';
import { proxyViewSchema } from '@slicescope/contract';

describe('proxyViewFor', () => {
  const service = newService('web', {
    annotations: { 'service.kubernetes.io/topology-mode': 'Auto' },
  });
  const nodes = threeZoneNodes();
  const slices = controllerSync(service, podsOn(nodes, 9), nodes);
  const input = analysisInput({ service, nodes, slices });

  test('kube-proxy on node-a keeps zone a’s endpoints under Auto hints', () => {
    const result = proxyViewFor(input, 'node-a');
    if (!result.ok) throw new Error(result.message);
    expect(proxyViewSchema.parse(result.view)).toEqual(result.view);
    if (!result.view.proxied) throw new Error(result.view.reason);
    expect(result.view).toMatchObject({
      nodeName: 'node-a',
      zone: 'a',
      behaviour: { version: '1.36+' },
    });
    const [port] = result.view.ports;
    expect(port).toMatchObject({
      ipFamily: 'IPv4',
      portName: 'http',
      topologyMode: 'PreferSameZone',
    });
    expect(port?.endpoints).toHaveLength(9);
    expect(port?.clusterEndpoints?.map((endpoint) => endpoint.zone)).toEqual(['a', 'a', 'a']);
  });

  test('an older kube-proxy follows its own rules', () => {
    const result = proxyViewFor(
      { ...input, options: { proxyBehaviour: { version: '1.21-1.26' } } },
      'node-b',
    );
    if (!result.ok || !result.view.proxied) throw new Error('expected a view');
    expect(proxyViewSchema.parse(result.view)).toEqual(result.view);
    // 1.21-1.26 only read the deprecated topology-aware-hints annotation.
    expect(result.view.ports[0]?.topologyMode).toBe('none');
  });

  test('a headless Service is not proxied', () => {
    const headless = newService('db');
    headless.spec.clusterIP = 'None';
    headless.spec.clusterIPs = ['None'];
    const result = proxyViewFor(analysisInput({ service: headless, nodes }), 'node-a');
    if (!result.ok) throw new Error(result.message);
    expect(proxyViewSchema.parse(result.view)).toEqual(result.view);
    expect(result.view).toMatchObject({ proxied: false });
  });

  test('an unknown node is an error result', () => {
    expect(proxyViewFor(input, 'node-z')).toEqual({
      ok: false,
      error: 'unknown-node',
      message: 'node "node-z" is not in the cluster',
    });
    expect(
      proxyViewFor({ ...input, nodes: [], nodesUnknown: 'the dump holds no Nodes' }, 'n'),
    ).toEqual({
      ok: false,
      error: 'unknown-node',
      message: 'node "n" is not known: the dump holds no Nodes',
    });
  });
});
