import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterStore, startClusterServer, type ClusterServer } from '@slicescope/cluster';
import {
  createFeed,
  newEndpointSlice,
  newNode,
  newPod,
  newService,
  waitFor,
} from '@slicescope/cluster/testing';
import { startServer, type RunningServer } from '../../src/server.ts';
import { inClusterSource, runningInCluster } from '../../src/sources/inClusterSource.ts';

/*
 * A pod's view of its cluster, faked: the embedded cluster over HTTPS with a self-signed
 * certificate that requires a bearer token, and a service-account directory with that token, the
 * certificate as ca.crt and a namespace. The api must list and watch through it and never hand
 * the token or the CA to anyone who asks it something.
 */

// The cluster package's checked-in test-only pair (valid for 127.0.0.1, ::1 and localhost).
const fixtures = new URL(
  '../fixtures/',
  `file://${createRequire(import.meta.url).resolve('@slicescope/cluster/testing')}`,
);
const cert = readFileSync(new URL('tls-cert.pem', fixtures), 'utf8');
const key = readFileSync(new URL('tls-key.pem', fixtures), 'utf8');
const TOKEN = `sa-${randomBytes(24).toString('hex')}`;

let cluster: ClusterServer;
let dir: string;
const servers: RunningServer[] = [];

function serviceAccountDir(token: string): string {
  const path = mkdtempSync(join(tmpdir(), 'slicescope-sa-'));
  // Like the kubelet's projected volume: the token has no trailing newline.
  writeFileSync(join(path, 'token'), token);
  writeFileSync(join(path, 'ca.crt'), cert);
  writeFileSync(join(path, 'namespace'), 'slicescope');
  return path;
}

const podEnv = (): NodeJS.ProcessEnv => ({
  KUBERNETES_SERVICE_HOST: '127.0.0.1',
  KUBERNETES_SERVICE_PORT: String(cluster.port),
});

async function serve(saDir: string): Promise<RunningServer> {
  const running = await startServer({
    source: inClusterSource(podEnv(), saDir),
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    app: { basePath: '/slicescope' },
  });
  servers.push(running);
  return running;
}

beforeAll(async () => {
  const store = createClusterStore();
  const feed = createFeed(store);
  feed.add('Node', newNode('node-a'));
  feed.add('Service', newService('web', { namespace: 'shop' }));
  feed.add('Pod', newPod('web-0', { namespace: 'shop' }));
  feed.add('EndpointSlice', newEndpointSlice('web-abc12', { namespace: 'shop', service: 'web' }));
  cluster = await startClusterServer({ store, tls: { cert, key }, token: TOKEN });
  dir = serviceAccountDir(TOKEN);
});

afterAll(async () => {
  for (const running of servers.splice(0)) await running.close();
  await cluster.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('in-cluster configuration from a service-account directory', () => {
  it('points at the apiserver over TLS with the CA file, the token file and the namespace', () => {
    expect(runningInCluster(podEnv(), dir)).toBe(true);
    const source = inClusterSource(podEnv(), dir);
    const kc = source.kubeConfig;
    expect(kc.getCurrentCluster()).toMatchObject({
      server: `https://127.0.0.1:${cluster.port}`,
      caFile: join(dir, 'ca.crt'),
      skipTLSVerify: false,
    });
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe('slicescope');
    // A token file (re-read as it rotates), not the token itself.
    expect(JSON.stringify(kc.getCurrentUser())).not.toContain(TOKEN);
    const ipv6 = inClusterSource({ ...podEnv(), KUBERNETES_SERVICE_HOST: 'fd00::1' }, dir);
    expect(ipv6.kubeConfig.getCurrentCluster()?.server).toBe(`https://[fd00::1]:${cluster.port}`);
  });

  it('refuses a directory without a token or a CA', () => {
    const empty = mkdtempSync(join(tmpdir(), 'slicescope-sa-'));
    try {
      expect(() => inClusterSource(podEnv(), empty)).toThrow(/no token at .*token/);
      writeFileSync(join(empty, 'token'), TOKEN);
      expect(() => inClusterSource(podEnv(), empty)).toThrow(/no CA certificate at .*ca\.crt/);
      expect(() => inClusterSource({}, dir)).toThrow(/KUBERNETES_SERVICE_HOST unset/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('lists and watches through it, sending the token as a bearer, and leaks no credential', async () => {
    const running = await serve(dir);
    await waitFor(() => running.cluster.ready(), 'every informer synced', { timeoutMs: 15_000 });
    const base = running.url;
    // The model's service rows follow the stream's batches (≤ 250 ms).
    let services = '';
    for (let i = 0; i < 50 && !services.includes('"web"'); i++) {
      const response = await fetch(`${base}/api/v1/services`);
      expect(response.status).toBe(200);
      services = await response.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.parse(services)).toMatchObject({
      items: [expect.objectContaining({ namespace: 'shop', name: 'web' })],
    });

    // Every answer a browser can get, read whole (the stream: its first part).
    const answers: string[] = [];
    for (const path of [
      '/healthz',
      '/readyz',
      '/metrics',
      '/api/v1/overview',
      '/api/v1/services',
      '/api/v1/services/shop/web',
      '/api/v1/services/shop/web/analysis',
      '/api/v1/services/shop/web/history',
      '/api/v1/services/shop/web/proxy/node-a',
      '/api/v1/nodes',
      '/api/v1/zones',
      '/api/v1/pods/shop/web-0',
      '/api/v1/nope',
      '/elsewhere',
    ]) {
      const response = await fetch(`${base}${path}`);
      answers.push(JSON.stringify([...response.headers]), await response.text());
    }
    const stream = new AbortController();
    const response = await fetch(`${base}/api/v1/stream`, { signal: stream.signal });
    const reader = response.body!.getReader();
    const first = await reader.read();
    answers.push(Buffer.from(first.value ?? new Uint8Array()).toString('utf8'));
    stream.abort();

    const everything = answers.join('\n');
    const caBody = cert.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
    for (const secret of [TOKEN, Buffer.from(TOKEN).toString('base64'), ...caBody]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain(dir);
  });

  it('is not let in with another token: the cluster checks the bearer it is sent', async () => {
    const wrong = serviceAccountDir(`sa-${randomBytes(24).toString('hex')}`);
    try {
      const running = await serve(wrong);
      const rejected = () =>
        running.cluster.model.statuses().some((status) => status.lastError?.code === 401);
      await waitFor(rejected, 'a 401 from the cluster', { timeoutMs: 15_000 });
      expect(running.cluster.ready()).toBe(false);
      expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
      await running.close();
    } finally {
      rmSync(wrong, { recursive: true, force: true });
    }
  });
});
