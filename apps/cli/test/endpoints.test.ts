import { describe, expect, test } from 'vitest';
import { runInProcess, sampleInput } from './run.ts';

describe('slicescope reconcile --endpoints', () => {
  test('adds the v1 Endpoints object: one subset, ready addresses', async () => {
    const { code, stdout } = await runInProcess(
      ['reconcile', '--endpoints'],
      JSON.stringify(sampleInput(3)),
    );
    expect(code).toBe(0);
    const { endpoints, actions } = JSON.parse(stdout);
    expect(actions).toHaveLength(1);
    expect(endpoints.metadata).toMatchObject({ name: 'web', namespace: 'default' });
    expect(endpoints.subsets).toHaveLength(1);
    expect(endpoints.subsets[0].addresses.map((a: { ip: string }) => a.ip)).toEqual([
      '10.1.0.0',
      '10.1.0.1',
      '10.1.0.2',
    ]);
    expect(endpoints.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  test('truncates beyond 1000 addresses and says so, while slices hold every endpoint', async () => {
    const { stdout } = await runInProcess(
      ['reconcile', '--endpoints'],
      JSON.stringify(sampleInput(1200)),
    );
    const { endpoints, metrics } = JSON.parse(stdout);
    expect(endpoints.metadata.annotations['endpoints.kubernetes.io/over-capacity']).toBe(
      'truncated',
    );
    expect(endpoints.subsets[0].addresses).toHaveLength(1000);
    expect(metrics.desiredEndpoints).toBe(1200);
    expect(metrics.desiredSlices).toBe(12);
  });

  test('is null for a Service without a selector and nothing to mirror, and absent without the flag', async () => {
    const input = sampleInput(1);
    const service = input.service as { spec: Record<string, unknown> };
    delete service.spec.selector;
    const withFlag = JSON.parse(
      (await runInProcess(['reconcile', '--endpoints'], JSON.stringify(input))).stdout,
    );
    expect(withFlag).toMatchObject({ actions: [], endpoints: null });
    const withoutFlag = JSON.parse(
      (await runInProcess(['reconcile'], JSON.stringify(sampleInput(1)))).stdout,
    );
    expect('endpoints' in withoutFlag).toBe(false);
  });

  test('mirrors a selector-less Service’s Endpoints into slices, skipping invalid IPs with a warning', async () => {
    const input = {
      service: {
        metadata: { name: 'ext', namespace: 'default', uid: 'svc-2' },
        spec: { ports: [{ name: 'db', port: 5432 }], clusterIP: '10.0.0.9' },
      },
      endpoints: {
        metadata: { name: 'ext', namespace: 'default', uid: 'ep-1', labels: { team: 'data' } },
        subsets: [
          {
            addresses: [{ ip: '192.168.1.10' }, { ip: 'not-an-ip' }, { ip: 'fd00::10' }],
            notReadyAddresses: [{ ip: '192.168.1.11' }],
            ports: [{ name: 'db', port: 5432, protocol: 'TCP' }],
          },
        ],
      },
    };
    const { code, stdout, stderr } = await runInProcess(
      ['reconcile', '--endpoints'],
      JSON.stringify(input),
    );
    expect(code).toBe(0);
    const { actions, endpoints } = JSON.parse(stdout);
    expect(endpoints).toBeNull();
    expect(
      actions.map((a: { verb: string; slice: { addressType: string } }) => [
        a.verb,
        a.slice.addressType,
      ]),
    ).toEqual([
      ['create', 'IPv4'],
      ['create', 'IPv6'],
    ]);
    const v4 = actions[0].slice;
    expect(v4.metadata.labels).toMatchObject({
      team: 'data',
      'kubernetes.io/service-name': 'ext',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(v4.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Endpoints',
      name: 'ext',
      uid: 'ep-1',
    });
    expect(
      v4.endpoints.map((e: { addresses: string[]; conditions: { ready: boolean } }) => [
        e.addresses[0],
        e.conditions.ready,
      ]),
    ).toEqual([
      ['192.168.1.10', true],
      ['192.168.1.11', false],
    ]);
    expect(stderr).toMatch(/warning: InvalidIPAddress/);
  });
});
