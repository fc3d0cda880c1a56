import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { serveCommand } from '../src/commands/serve.ts';
import { runInProcess, startInProcess } from './run.ts';

/** Runs `slicescope serve` in this process until `stop` aborts it. */
const startServe = (args: string[]) =>
  startInProcess(serveCommand, args, / at (http\S+?)\/[;\s]/, 'stderr');

async function waitReady(url: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${url}/readyz`, { headers })).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('never ready');
}

describe('slicescope serve', () => {
  test('serves the api on the demo cluster under a base path, logs JSON, stops cleanly', async () => {
    const serve = startServe(['--scenario', 'small', '--port', '0', '--base-path', '/slicescope']);
    const url = await serve.ready();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slicescope$/);
    await waitReady(url);
    const overview = (await (await fetch(`${url}/api/v1/overview`)).json()) as {
      source: unknown;
      counts: { services: number };
    };
    expect(overview.source).toMatchObject({ kind: 'demo', name: 'small', pods: true });
    expect(overview.counts.services).toBeGreaterThan(0);
    expect((await fetch(`${url.replace('/slicescope', '')}/api/v1/overview`)).status).toBe(404);
    const other = await fetch(`${url.replace('127.0.0.1', 'localhost')}/healthz`);
    expect(other.status).toBe(200);
    serve.stop();
    expect(await serve.done).toBe(0);
    const logs = serve
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(logs.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['slicescope is serving', 'slicescope stopped']),
    );
  });

  test('--token-file guards the api; --from-file serves a dump; --no-pods says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-serve-'));
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, 'a-long-enough-secret-token\n');
    const dump = join(dir, 'dump.yaml');
    await writeFile(
      dump,
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}\n',
    );
    const serve = startServe([
      '--from-file',
      dump,
      '--no-pods',
      '--port',
      '0',
      '--token-file',
      tokenFile,
    ]);
    const url = await serve.ready();
    const auth = { Authorization: 'Bearer a-long-enough-secret-token' };
    await waitReady(url);
    expect((await fetch(`${url}/api/v1/overview`)).status).toBe(401);
    const overview = (await (await fetch(`${url}/api/v1/overview`, { headers: auth })).json()) as {
      source: unknown;
    };
    expect(overview.source).toMatchObject({
      kind: 'file',
      name: 'dump.yaml',
      pods: false,
      frozen: true,
    });
    const analysis = (await (
      await fetch(`${url}/api/v1/services/shop/web/analysis`, { headers: auth })
    ).json()) as { drift: { available: boolean; reason?: string } };
    expect(analysis.drift).toMatchObject({ available: false });
    expect(analysis.drift.reason).toMatch(/pods/i);
    serve.stop();
    expect(await serve.done).toBe(0);
  });

  test('a namespace dump without Nodes or Pods: drift says so; ready means the lists are in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-serve-'));
    const endpoint = (ip: string, node: string) =>
      `  - {addresses: [${ip}], nodeName: ${node}, conditions: {ready: true}, targetRef: {kind: Pod, name: web-${node}, namespace: shop}}`;
    const objects = [
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, uid: u1}\nspec: {selector: {app: web}, clusterIP: 10.96.0.10, ports: [{port: 80}]}',
      [
        'apiVersion: discovery.k8s.io/v1',
        'kind: EndpointSlice',
        'metadata: {name: web-x1, namespace: shop, labels: {kubernetes.io/service-name: web, endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}}',
        'addressType: IPv4',
        'ports: [{name: "", port: 80, protocol: TCP}]',
        'endpoints:',
        endpoint('10.0.0.1', 'n1'),
        endpoint('10.0.0.2', 'n2'),
      ].join('\n'),
    ];
    const pod = (node: string, ip: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web-${node}, namespace: shop, labels: {app: web}}\nspec: {nodeName: ${node}, containers: [{name: app}]}\nstatus: {phase: Running, podIP: ${ip}, podIPs: [{ip: ${ip}}], conditions: [{type: Ready, status: "True"}]}`;
    const drift = async (files: string[]) => {
      const serve = startServe([...files.flatMap((f) => ['--from-file', f]), '--port', '0']);
      const url = await serve.ready();
      await waitReady(url);
      // Ready means the Service rows are in: no wait for the stream's next window.
      const services = (await (await fetch(`${url}/api/v1/services`)).json()) as { total: number };
      expect(services.total).toBe(1);
      const overview = (await (await fetch(`${url}/api/v1/overview`)).json()) as {
        source: { pods: boolean; absent?: string[] };
      };
      const analysis = (await (await fetch(`${url}/api/v1/services/shop/web/analysis`)).json()) as {
        drift: { available: boolean; reason?: string; endpointsExtraCount: number };
      };
      serve.stop();
      expect(await serve.done).toBe(0);
      return { source: overview.source, drift: analysis.drift, logs: serve.stdout() };
    };
    const noPods = join(dir, 'no-pods.yaml');
    // A ConfigMap too, as `kubectl get all,cm` would bring: left out, and said so.
    const configMap =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config, namespace: shop}';
    await writeFile(noPods, [...objects, configMap].join('\n---\n'));
    const withoutPods = await drift([noPods]);
    expect(withoutPods.source).toMatchObject({ pods: false, absent: ['Node', 'Pod', 'Endpoints'] });
    expect(withoutPods.drift).toMatchObject({ available: false, reason: 'the dump holds no Pods' });
    expect(withoutPods.logs).toContain('--from-file: left out ConfigMap × 1');

    const noNodes = join(dir, 'no-nodes.yaml');
    await writeFile(
      noNodes,
      [...objects, pod('n1', '10.0.0.1'), pod('n2', '10.0.0.2')].join('\n---\n'),
    );
    const withoutNodes = await drift([noNodes]);
    expect(withoutNodes.source).toMatchObject({ pods: true, absent: ['Node', 'Endpoints'] });
    expect(withoutNodes.drift.available).toBe(false);
    expect(withoutNodes.drift.reason).toMatch(/^the dump holds no Nodes .*kubectl get nodes/);

    // With the Nodes, as a whole-cluster dump has them, the same Service is in sync.
    const nodes = join(dir, 'nodes.json');
    await writeFile(
      nodes,
      JSON.stringify({
        kind: 'NodeList',
        apiVersion: 'v1',
        // Items without kind, as `kubectl get --raw` and client-go write a typed list.
        items: ['n1', 'n2'].map((name) => ({ metadata: { name } })),
      }),
    );
    const whole = await drift([noNodes, nodes]);
    expect(whole.source.absent).toEqual(['Endpoints']);
    expect(whole.drift).toMatchObject({ available: true, endpointsExtraCount: 0 });
  }, 60_000);

  test("a dump's terminating ages run to when it was taken, not to today", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slicescope-serve-'));
    const dump = join(dir, 'terminating.yaml');
    await writeFile(
      dump,
      [
        'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, creationTimestamp: "2025-01-01T00:00:00Z"}\nspec: {selector: {app: web}, clusterIP: 10.96.0.10, ports: [{port: 80}]}',
        [
          'apiVersion: discovery.k8s.io/v1',
          'kind: EndpointSlice',
          'metadata: {name: web-x1, namespace: shop, labels: {kubernetes.io/service-name: web}}',
          'addressType: IPv4',
          'endpoints:',
          '  - {addresses: [10.0.0.3], conditions: {ready: false, serving: true, terminating: true}, targetRef: {kind: Pod, name: web-3, namespace: shop}}',
        ].join('\n'),
        // Deleted at 00:00:00 with 30 s of grace; its last change at 00:00:20.
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web-3, namespace: shop, labels: {app: web}, deletionTimestamp: "2025-01-01T00:00:30Z", deletionGracePeriodSeconds: 30}\nspec: {containers: [{name: app}]}\nstatus: {phase: Running, conditions: [{type: Ready, status: "True", lastTransitionTime: "2025-01-01T00:00:20Z"}]}',
      ].join('\n---\n'),
    );
    const serve = startServe(['--from-file', dump, '--port', '0']);
    const url = await serve.ready();
    await waitReady(url);
    const overview = (await (await fetch(`${url}/api/v1/overview`)).json()) as {
      source: { takenAt?: string };
    };
    expect(overview.source.takenAt).toBe('2025-01-01T00:00:20.000Z');
    const analysis = (await (await fetch(`${url}/api/v1/services/shop/web/analysis`)).json()) as {
      terminating: {
        agesNote?: string;
        stuckCount: number;
        endpoints: { terminatingForMs?: number }[];
      };
    };
    serve.stop();
    expect(await serve.done).toBe(0);
    expect(analysis.terminating.endpoints[0]?.terminatingForMs).toBe(20_000);
    expect(analysis.terminating.stuckCount).toBe(0);
    expect(analysis.terminating.agesNote).toMatch(/measured to 2025-01-01T00:00:20.000Z/);
  });

  test('--simulate-heap-mib bounds what-if simulations: one that needs more is refused (422)', async () => {
    const serve = startServe(['--scenario', 'small', '--port', '0', '--simulate-heap-mib', '64']);
    const url = await serve.ready();
    await waitReady(url);
    const simulate = (pods: number) =>
      fetch(`${url}/api/v1/simulate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ quick: { pods, nodes: 1_000, operation: 'rollout' } }),
      });
    const refused = await simulate(20_000);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'too-costly',
        field: 'body.quick',
        message: expect.stringContaining("more than this server's 64 MiB of memory"),
      },
    });
    expect((await simulate(100)).status).toBe(200);
    // The page states that heap, as the api says it.
    const limits = await fetch(`${url}/api/v1/simulate/limits`);
    expect(await limits.json()).toMatchObject({ heapMib: 64, budgetSeconds: 30 });
    serve.stop();
    expect(await serve.done).toBe(0);
  }, 60_000);

  test.each([
    [['--port', '70000'], '--port: must be a port from 0 to 65535'],
    [['--base-path', 'slicescope/'], '--base-path: must look like /slicescope'],
    [['--base-path', '/a/../b'], '--base-path: must not have a . or .. segment'],
    [['--web-root', '/nonexistent/dist'], '--web-root: no index.html in /nonexistent/dist'],
    [['--namespace', 'Not_A_Namespace'], '--namespace: must be a namespace name'],
    [['--demo', '--in-cluster'], 'choose one source'],
    [
      ['--kubeconfig', '/nonexistent/kubeconfig'],
      '--kubeconfig: no file at /nonexistent/kubeconfig',
    ],
    [
      ['--from-file', '/nonexistent/dump.json'],
      '--from-file /nonexistent/dump.json: cannot read it',
    ],
    [['--scenario', 'nope'], '--scenario nope: no such file'],
    [['--token-file', '/nonexistent/token'], '--token-file: cannot read /nonexistent/token'],
    [['--bogus'], '--bogus: not an option of this command'],
    [['--history-entries', '0'], '--history-entries: must be at least 1 (got 0)'],
    [['--history-total-mib', '0'], '--history-total-mib: must be at least 1 (got 0)'],
    [['--port', 'abc'], '--port: must be a number (got abc)'],
    [['--port', '80.5'], '--port: must be a whole number (got 80.5)'],
    [['--seed', '-1.5'], '--seed: must be an integer (got -1.5)'],
    [['--demo', 'extra'], 'extra: this command takes options only'],
    [['--simulate-heap-mib', '16'], '--simulate-heap-mib: must be at least 64 (MiB)'],
    [['--allowed-host', 'a b'], '--allowed-host: must be a host name'],
  ])('%j is refused with exit code 2: %s', async (args, message) => {
    const result = await runInProcess(['serve', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('--help lists the sources and options', async () => {
    const result = await runInProcess(['serve', '--help']);
    expect(result.code).toBe(0);
    for (const flag of [
      '--kubeconfig',
      '--from-file',
      '--base-path',
      '--no-pods',
      '--token-file',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });
});
