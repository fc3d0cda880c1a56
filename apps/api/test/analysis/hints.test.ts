import { describe, expect, test } from 'vitest';
import { analyseHints } from '../../src/analysis/hints.ts';
import { analysisInput, controllerSync, newService, podsOn, threeZoneNodes } from './builders.ts';
import { hintsExplanationSchema } from '@slicescope/contract';

const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';

function explain(service: ReturnType<typeof newService>, podCount: number) {
  const nodes = threeZoneNodes();
  const slices = controllerSync(service, podsOn(nodes, podCount), nodes);
  const hints = analyseHints(analysisInput({ service, nodes, slices }));
  for (const explanation of hints) hintsExplanationSchema.parse(explanation);
  return { hints, slices };
}

describe('analyseHints', () => {
  test('Auto with 9 endpoints over 3 equal zones: hints on', () => {
    const { hints, slices } = explain(
      newService('web', { annotations: { [TOPOLOGY_MODE]: 'Auto' } }),
      9,
    );
    expect(slices[0]?.endpoints?.every((endpoint) => endpoint.hints?.forZones?.length === 1)).toBe(
      true,
    );
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ addressType: 'IPv4', hintsOn: true, rule: 'auto-allocated' });
    expect(hints[0]?.zones.map((zone) => [zone.zone, zone.endpoints, zone.hinted])).toEqual([
      ['a', 3, 3],
      ['b', 3, 3],
      ['c', 3, 3],
    ]);
  });

  test('Auto with 2 endpoints over 3 zones: hints off, too few endpoints', () => {
    const { hints } = explain(newService('web', { annotations: { [TOPOLOGY_MODE]: 'Auto' } }), 2);
    expect(hints[0]).toMatchObject({ hintsOn: false, rule: 'auto-too-few-endpoints' });
    expect(hints[0]?.summary).toContain('2 ready endpoints across 3 zones');
  });

  test('Auto in a dump without Nodes: says it cannot tell, not that Nodes lack zones', () => {
    const service = newService('web', { annotations: { [TOPOLOGY_MODE]: 'Auto' } });
    const { slices } = explain(service, 9);
    const nodesUnknown = 'the dump holds no Nodes';
    const [hints] = analyseHints({
      ...analysisInput({ service, nodes: [], slices }),
      nodesUnknown,
    });
    expect(hints).toMatchObject({ rule: 'auto-insufficient-node-info' });
    expect(hints?.summary).toBe(
      'Cannot tell: the dump holds no Nodes. Without Nodes the controller would remove every hint.',
    );
    const [known] = analyseHints(analysisInput({ service, nodes: [], slices }));
    expect(known?.summary).toMatch(/^No hints: no ready worker Node/);
  });

  test('an annotation value other than Auto: hints off', () => {
    const { hints } = explain(
      newService('web', { annotations: { [TOPOLOGY_MODE]: 'enabled' } }),
      9,
    );
    expect(hints[0]).toMatchObject({ hintsOn: false, rule: 'annotation-not-auto' });
  });

  test('trafficDistribution PreferClose: hints on without balancing', () => {
    const { hints } = explain(newService('web', { trafficDistribution: 'PreferClose' }), 4);
    expect(hints[0]).toMatchObject({ hintsOn: true, rule: 'traffic-distribution' });
  });

  test('neither: no hints', () => {
    const { hints } = explain(newService(), 9);
    expect(hints[0]).toMatchObject({ hintsOn: false, rule: 'none' });
  });
});
