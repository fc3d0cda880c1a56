import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createClusterStore,
  startClusterServer,
  writeKubeconfig,
  type ClusterServer,
} from '../src/index.ts';
import { newEndpoints, newEndpointSlice, newNode, newPod, newService } from './support/builders.ts';
import { createFeed, type Feed } from './support/feed.ts';
import { testCertificate } from './support/tls.ts';
import { waitFor } from './support/wait.ts';

/**
 * The real kubectl against the embedded cluster. The only test allowed to skip: when no kubectl
 * is installed (the HTTP shapes kubectl needs — discovery, Tables, paging, watch — are asserted
 * directly in the other tests either way).
 */
const installed =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 }).error ===
  undefined;

let dir: string;
let server: ClusterServer;
let feed: Feed;
const requests: string[] = [];

function kubectl(args: string[], kubeconfig = join(dir, 'config')): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      [
        '--kubeconfig',
        kubeconfig,
        '--cache-dir',
        join(dir, 'cache'),
        '--request-timeout=5s',
        ...args,
      ],
      { timeout: 15_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

const rows = (output: string): string[][] =>
  output
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));

beforeAll(async () => {
  if (!installed) return;
  dir = mkdtempSync(join(tmpdir(), 'slicescope-kubectl-'));
  const store = createClusterStore();
  feed = createFeed(store);
  for (let i = 0; i < 5; i++) feed.add('Pod', newPod(`web-${i}`, { ip: `10.0.0.${i + 1}` }));
  feed.add('Service', newService('web'));
  feed.add('Endpoints', newEndpoints('web'));
  feed.add('EndpointSlice', newEndpointSlice('web-abc', { ips: ['10.0.0.1', '10.0.0.2'] }));
  feed.add('Node', newNode('node-a'));
  server = await startClusterServer({ store, onRequest: (request) => requests.push(request.url) });
  await writeKubeconfig(join(dir, 'config'), { url: server.url, insecureSkipTlsVerify: true });
});
afterAll(async () => {
  if (!installed) return;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach((context) => {
  context.skip(!installed, 'kubectl is not installed');
});

describe('kubectl', () => {
  it('get pods -A prints the server-side Table, paging with --chunk-size', async () => {
    const output = rows(await kubectl(['get', 'pods', '-A', '--chunk-size=2']));
    expect(output[0]).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(output.slice(1).map((row) => row.slice(0, 4))).toEqual(
      [0, 1, 2, 3, 4].map((i) => ['default', `web-${i}`, '1/1', 'Running']),
    );
    expect(
      requests.filter((url) => url.startsWith('/api/v1/pods?') && url.includes('continue=')),
    ).toHaveLength(2);
  });

  it('get -o wide shows the priority-1 columns', async () => {
    const output = rows(await kubectl(['get', 'pods', '-o', 'wide']));
    expect(output[0]).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    expect(output[1]?.slice(5, 7)).toEqual(['10.0.0.1', 'node-a']);
  });

  it('get endpointslices, services, endpoints and nodes with their real columns', async () => {
    expect(rows(await kubectl(['get', 'endpointslices']))).toEqual([
      ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
      ['web-abc', 'IPv4', '8080', '10.0.0.1,10.0.0.2', expect.any(String)],
    ]);
    expect(rows(await kubectl(['get', 'svc']))[0]).toEqual([
      'NAME',
      'TYPE',
      'CLUSTER-IP',
      'EXTERNAL-IP',
      'PORT(S)',
      'AGE',
    ]);
    expect(rows(await kubectl(['get', 'ep']))[1]?.slice(0, 2)).toEqual(['web', '10.0.0.1:8080']);
    expect(rows(await kubectl(['get', 'no']))[1]?.slice(0, 2)).toEqual(['node-a', 'Ready']);
  });

  it('get -o json returns the object with kind and apiVersion', async () => {
    expect(JSON.parse(await kubectl(['get', 'pod', 'web-0', '-o', 'json']))).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'web-0', namespace: 'default' },
    });
    const list = JSON.parse(await kubectl(['get', 'endpointslices', '-o', 'json']));
    expect(list).toMatchObject({
      kind: 'List',
      items: [{ kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1' }],
    });
  });

  it('describe works (events and leases are not served; kubectl copes with their 404)', async () => {
    expect(await kubectl(['describe', 'pod', 'web-0'])).toMatch(
      /Name:\s+web-0[\s\S]*IP:\s+10\.0\.0\.1/,
    );
    expect(await kubectl(['describe', 'service', 'web'])).toMatch(
      /Endpoints:\s+10\.0\.0\.1:8080,10\.0\.0\.2:8080/,
    );
    expect(await kubectl(['describe', 'node', 'node-a'])).toMatch(
      /Non-terminated Pods:\s+\(5 in total\)/,
    );
  });

  it('get -w prints changes as they happen', async () => {
    const child = spawn('kubectl', [
      '--kubeconfig',
      join(dir, 'config'),
      '--cache-dir',
      join(dir, 'cache'),
      'get',
      'pods',
      '-w',
    ]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => output.includes('web-4'), 'the initial list', { timeoutMs: 10_000 });
      await waitFor(
        () =>
          requests.some(
            (url) =>
              url.startsWith('/api/v1/namespaces/default/pods?') && url.includes('watch=true'),
          ),
        'the watch',
      );
      feed.modify('Pod', newPod('web-2', { ready: false }));
      await waitFor(() => /web-2\s+0\/1\s+Running/.test(output), 'the change', {
        timeoutMs: 10_000,
      });
    } finally {
      child.kill();
    }
  });

  it('works over HTTPS with the CA and a token from writeKubeconfig', async () => {
    const { cert, key } = testCertificate();
    const secure = await startClusterServer({
      store: createClusterStore(),
      tls: { cert, key },
      token: 'kubectl-token',
    });
    try {
      const path = join(dir, 'secure');
      await writeKubeconfig(path, { url: secure.url, ca: cert, token: 'kubectl-token' });
      expect((await kubectl(['get', 'pods', '-A'], path)).trim()).toBe('');
      await writeKubeconfig(path, { url: secure.url, ca: cert, token: 'wrong' });
      await expect(kubectl(['get', 'pods'], path)).rejects.toThrow(
        /Unauthorized|provide credentials/,
      );
    } finally {
      await secure.close();
    }
  });
});
