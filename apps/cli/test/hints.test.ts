import { describe, expect, test } from 'vitest';
import { runInProcess } from './run.ts';

const zones = ['zone-a', 'zone-b', 'zone-c'];

/** Service `web` with the topology annotation, nine ready Pods spread 4/3/2 over three zones. */
function topologyInput(annotations: Record<string, string>, trafficDistribution?: string) {
  const podZones = [
    'zone-a',
    'zone-a',
    'zone-a',
    'zone-a',
    'zone-b',
    'zone-b',
    'zone-b',
    'zone-c',
    'zone-c',
  ];
  return {
    service: {
      metadata: { name: 'web', namespace: 'default', uid: 'svc-1', annotations },
      spec: {
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        clusterIP: '10.0.0.1',
        ipFamilies: ['IPv4'],
        ...(trafficDistribution && { trafficDistribution }),
      },
    },
    pods: podZones.map((zone, i) => ({
      metadata: { name: `web-${i}`, namespace: 'default', uid: `pod-${i}`, labels: { app: 'web' } },
      spec: { nodeName: `node-${zone}` },
      status: {
        phase: 'Running',
        podIPs: [{ ip: `10.1.0.${i + 1}` }],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    })),
    nodes: zones.map((zone) => ({
      metadata: { name: `node-${zone}`, labels: { 'topology.kubernetes.io/zone': zone } },
      status: { allocatable: { cpu: '4' }, conditions: [{ type: 'Ready', status: 'True' }] },
    })),
  };
}

type Endpoint = { zone: string; hints?: { forZones: { name: string }[] } };

function hintCounts(stdout: string): Record<string, number> {
  const [action] = JSON.parse(stdout).actions;
  const counts: Record<string, number> = {};
  for (const endpoint of action.slice.endpoints as Endpoint[]) {
    const zone = endpoint.hints?.forZones[0]?.name ?? 'none';
    counts[zone] = (counts[zone] ?? 0) + 1;
  }
  return counts;
}

describe('slicescope reconcile with hints', () => {
  test('topology-mode Auto allocates zone hints by CPU share (4/3/2 endpoints → 3/3/3 hints)', async () => {
    const { code, stdout } = await runInProcess(
      ['reconcile'],
      JSON.stringify(topologyInput({ 'service.kubernetes.io/topology-mode': 'Auto' })),
    );
    expect(code).toBe(0);
    expect(hintCounts(stdout)).toEqual({ 'zone-a': 3, 'zone-b': 3, 'zone-c': 3 });
    const metrics = JSON.parse(stdout).metrics;
    expect(metrics.slicesChangedPerSyncTopology).toBe(1);
    expect(metrics.slicesChangedPerSync).toBe(0);
  });

  test('with topologyCache off the annotation gives no hints', async () => {
    const input = {
      ...topologyInput({ 'service.kubernetes.io/topology-mode': 'Auto' }),
      options: { topologyCache: false },
    };
    const { stdout } = await runInProcess(['reconcile'], JSON.stringify(input));
    expect(hintCounts(stdout)).toEqual({ none: 9 });
  });

  test('trafficDistribution PreferClose hints every endpoint for its own zone', async () => {
    const { stdout } = await runInProcess(
      ['reconcile'],
      JSON.stringify(topologyInput({}, 'PreferClose')),
    );
    expect(hintCounts(stdout)).toEqual({ 'zone-a': 4, 'zone-b': 3, 'zone-c': 2 });
    expect(JSON.parse(stdout).metrics.servicesCountByTrafficDistribution).toEqual({
      PreferClose: 1,
    });
  });

  test('--proxy-view shows what kube-proxy on a node routes to after the calls', async () => {
    const input = JSON.stringify(topologyInput({}, 'PreferClose'));
    const { code, stdout } = await runInProcess(
      ['reconcile', '--proxy-view', 'node-zone-c'],
      input,
    );
    expect(code).toBe(0);
    const { proxyView } = JSON.parse(stdout);
    expect(proxyView).toMatchObject({ proxied: true, nodeName: 'node-zone-c', zone: 'zone-c' });
    const [port] = proxyView.ports;
    expect(port.topologyMode).toBe('PreferSameZone');
    expect(port.clusterEndpoints.map((e: { address: string }) => e.address)).toEqual([
      '10.1.0.8',
      '10.1.0.9',
    ]);
  });

  test('--proxy-version 1.30: kube-proxy before 1.31 uses hints only for Services with the topology annotation', async () => {
    const input = JSON.stringify(topologyInput({}, 'PreferClose'));
    const { stdout } = await runInProcess(
      ['reconcile', '--proxy-view', 'node-zone-c', '--proxy-version', '1.30'],
      input,
    );
    const [port] = JSON.parse(stdout).proxyView.ports;
    expect(port.topologyMode).toBe('none');
    expect(port.clusterEndpoints).toHaveLength(9);
  });

  test('--proxy-view of an unknown node, or a bad --proxy-version, exits 2 naming it', async () => {
    const input = JSON.stringify(topologyInput({}));
    const unknown = await runInProcess(['reconcile', '--proxy-view', 'node-x'], input);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'slicescope reconcile: --proxy-view: node "node-x" is not in nodes\n',
    );
    const badVersion = await runInProcess(
      ['reconcile', '--proxy-view', 'node-a', '--proxy-version', '2.0'],
      input,
    );
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toMatch(/--proxy-version: "2.0"/);
    const alone = await runInProcess(['reconcile', '--proxy-version', '1.30'], input);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(
      /^slicescope reconcile: --proxy-version: .*give --proxy-view NODE too\n$/,
    );
  });

  test('--explain says why, per zone, in words', async () => {
    const input = topologyInput({ 'service.kubernetes.io/topology-mode': 'Auto' });
    input.pods = input.pods
      .slice(0, 4)
      .map((pod, i) => ({ ...pod, spec: { nodeName: `node-${zones[i % 3]}` } }));
    const { code, stdout } = await runInProcess(['reconcile', '--explain'], JSON.stringify(input));
    expect(code).toBe(0);
    const [explanation] = JSON.parse(stdout).explanation;
    expect(explanation).toMatchObject({
      addressType: 'IPv4',
      hintsOn: false,
      rule: 'auto-overload',
    });
    expect(explanation.summary).toMatch(
      /^No hints: 4 ready endpoints across 3 zones: within the 20% overload threshold the zones need at least 2 \+ 2 \+ 2 = 6 endpoints; split as the CPU asks, zone-[bc] \(33% of the CPU\) would get 1 endpoint and be 33% overloaded\.$/,
    );
    expect(explanation.zones.map((zone: { zone: string }) => zone.zone)).toEqual(zones);
  });
});
