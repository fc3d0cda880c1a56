import type { Pod } from '@slicescope/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { humanDuration } from '../src/http/humanDuration.ts';
import { newEndpoints, newEndpointSlice, newNode, newPod, newService } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { get, openWatch } from './support/http.ts';

const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const NOW = Date.parse('2026-01-01T03:20:00Z');

let cluster: TestCluster;
beforeEach(async () => {
  cluster = await startTestCluster({ server: { now: () => NOW } });
});
afterEach(() => cluster.server.close());

async function table(path: string, accept = TABLE) {
  const res = await get(cluster.server.url, path, { headers: { accept } });
  expect(res.status).toBe(200);
  return res.json();
}

const columns = (t: { columnDefinitions: { name: string; priority: number }[] }): string[] =>
  t.columnDefinitions.map((column) => (column.priority > 0 ? `(${column.name})` : column.name));

describe('server-side Table printing (kubectl get)', () => {
  it('prints pods with the real columns, -o wide ones at priority 1', async () => {
    cluster.feed.add('Pod', newPod('web-0', { ip: '10.0.0.5', nodeName: 'node-a' }));
    const t = await table('/api/v1/namespaces/default/pods?limit=500');
    expect(t).toMatchObject({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '1' },
    });
    expect(columns(t)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      '(IP)',
      '(Node)',
      '(Nominated Node)',
      '(Readiness Gates)',
    ]);
    expect(t.rows[0].cells).toEqual([
      'web-0',
      '1/1',
      'Running',
      '0',
      '3h20m',
      '10.0.0.5',
      'node-a',
      '<none>',
      '<none>',
    ]);
    expect(t.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'web-0' },
    });
  });

  it('prints pod states the way the pod printer does', async () => {
    const base = newPod('p');
    const withStatus = (
      name: string,
      status: Record<string, unknown>,
      metadata: Record<string, unknown> = {},
    ): Pod => ({
      ...base,
      metadata: { ...base.metadata, name, ...metadata },
      status: { ...base.status, ...status },
    });
    cluster.feed.add(
      'Pod',
      withStatus('crash', {
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T03:15:00Z' } },
          },
        ],
      }),
    );
    cluster.feed.add(
      'Pod',
      withStatus('done', {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      }),
    );
    cluster.feed.add(
      'Pod',
      withStatus('leaving', {}, { deletionTimestamp: '2026-01-01T03:19:00Z' }),
    );
    const t = await table('/api/v1/pods');
    const rows = Object.fromEntries(
      t.rows.map((row: { cells: string[] }) => [row.cells[0], row.cells.slice(1, 4)]),
    );
    expect(rows).toEqual({
      crash: ['0/1', 'CrashLoopBackOff', '4 (5m ago)'],
      done: ['0/1', 'Completed', '0'],
      leaving: ['1/1', 'Terminating', '0'],
    });
    expect(t.rows.find((row: { cells: string[] }) => row.cells[0] === 'done').conditions).toEqual([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
  });

  it('prints services, endpoints, nodes and endpointslices', async () => {
    cluster.feed.add('Service', newService('web'));
    cluster.feed.add(
      'Endpoints',
      newEndpoints('web', { ips: ['10.0.0.1', '10.0.0.2', '10.0.0.3', 'fd00::4'] }),
    );
    cluster.feed.add(
      'Node',
      newNode('node-a', { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    );
    cluster.feed.add(
      'EndpointSlice',
      newEndpointSlice('web-abc', { ips: ['10.0.0.1', '10.0.0.2'] }),
    );

    const services = await table('/api/v1/services');
    expect(columns(services)).toEqual([
      'Name',
      'Type',
      'Cluster-IP',
      'External-IP',
      'Port(s)',
      'Age',
      '(Selector)',
    ]);
    expect(services.rows[0].cells).toEqual([
      'web',
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '80/TCP',
      '3h20m',
      'app=web',
    ]);

    const endpoints = await table('/api/v1/endpoints');
    expect(columns(endpoints)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(endpoints.rows[0].cells).toEqual([
      'web',
      '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...',
      '3h20m',
    ]);

    const nodes = await table('/api/v1/nodes');
    expect(columns(nodes)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      '(Internal-IP)',
      '(External-IP)',
      '(OS-Image)',
      '(Kernel-Version)',
      '(Container-Runtime)',
    ]);
    expect(nodes.rows[0].cells).toEqual([
      'node-a',
      'Ready',
      'control-plane',
      '3h20m',
      'v1.37.0',
      '192.168.0.10',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);

    const slices = await table('/apis/discovery.k8s.io/v1/endpointslices');
    expect(columns(slices)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    expect(slices.rows[0].cells).toEqual(['web-abc', 'IPv4', '8080', '10.0.0.1,10.0.0.2', '3h20m']);
  });

  it('prints one object as a one-row Table, and honours includeObject', async () => {
    cluster.feed.add('Node', newNode('node-a'));
    const one = await table('/api/v1/nodes/node-a');
    expect(one.rows).toHaveLength(1);
    const full = await table('/api/v1/nodes?includeObject=Object');
    expect(full.rows[0].object).toMatchObject({ kind: 'Node', apiVersion: 'v1' });
    const none = await table('/api/v1/nodes?includeObject=None');
    expect(none.rows[0]).not.toHaveProperty('object');
    const bad = await get(cluster.server.url, '/api/v1/nodes?includeObject=All', {
      headers: { accept: TABLE },
    });
    expect(bad.status).toBe(400);
    expect(bad.json().message).toBe(
      'Unable to convert to Table as requested: includeObject: Unsupported value: "All": supported values: "Metadata", "None", "Object"',
    );
  });

  it('serves meta.k8s.io/v1beta1 Tables to clients that only accept those', async () => {
    cluster.feed.add('Node', newNode('node-a'));
    const t = await table('/api/v1/nodes', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io');
    expect(t.apiVersion).toBe('meta.k8s.io/v1beta1');
  });

  it('pages Tables like lists', async () => {
    for (let i = 0; i < 3; i++) cluster.feed.add('Node', newNode(`node-${i}`));
    const t = await table('/api/v1/nodes?limit=2');
    expect(t.rows).toHaveLength(2);
    expect(t.metadata).toMatchObject({
      resourceVersion: '3',
      continue: expect.any(String),
      remainingItemCount: 1,
    });
  });

  it('sends Table watch events with column definitions only in the first (kubectl get -w)', async () => {
    cluster.feed.add('Pod', newPod('web-0'));
    const watch = await openWatch(
      cluster.server.url,
      '/api/v1/namespaces/default/pods?resourceVersion=1&watch=true',
      { accept: TABLE },
    );
    cluster.feed.modify('Pod', newPod('web-0', { ready: false }));
    cluster.feed.modify('Pod', newPod('web-0'));
    await watch.waitForLines(2);
    const [first, second] = watch.events();
    expect(first).toMatchObject({
      type: 'MODIFIED',
      object: { kind: 'Table', metadata: { resourceVersion: '2' } },
    });
    expect(first?.object.columnDefinitions).toHaveLength(9);
    expect(first?.object.rows[0].cells.slice(0, 3)).toEqual(['web-0', '0/1', 'Running']);
    expect(second?.object.columnDefinitions).toBeNull();
    watch.close();
  });
});

describe('humanDuration', () => {
  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [119_000, '119s'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 + 20 * 60_000, '3h20m'],
    [20 * 3600_000, '20h'],
    [3 * 86_400_000 + 4 * 3600_000, '3d4h'],
    [300 * 86_400_000, '300d'],
    [(3 * 365 + 20) * 86_400_000, '3y20d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
