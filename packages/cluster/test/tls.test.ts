import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createClusterStore,
  kubeconfigYaml,
  startClusterServer,
  writeKubeconfig,
  type ClusterServer,
} from '../src/index.ts';
import { newPod } from './support/builders.ts';
import { createFeed } from './support/feed.ts';
import { createInformer, waitInSync } from './support/informer.ts';
import { testCertificate } from './support/tls.ts';

const servers: ClusterServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('HTTPS', () => {
  it('serves a client-node informer through a kubeconfig with the CA and a token', async () => {
    const { cert, key } = testCertificate();
    const store = createClusterStore();
    createFeed(store).add('Pod', newPod('web-0'));
    const server = await startClusterServer({ store, tls: { cert, key }, token: 't0ken' });
    servers.push(server);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const dir = mkdtempSync(join(tmpdir(), 'slicescope-kubeconfig-'));
    try {
      const path = join(dir, 'config');
      await writeKubeconfig(path, { url: server.url, ca: cert, token: 't0ken' });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const kc = new KubeConfig();
      kc.loadFromFile(path);
      const test = createInformer(kc, 'Pod');
      await test.start();
      await waitInSync(test, store, 'Pod');
      await test.stop();
      expect(test.errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const noToken = new KubeConfig();
    noToken.loadFromString(kubeconfigYaml({ url: server.url, ca: cert }));
    await expect(noToken.makeApiClient(CoreV1Api).listNode()).rejects.toMatchObject({ code: 401 });
    const noCa = new KubeConfig();
    noCa.loadFromString(kubeconfigYaml({ url: server.url, token: 't0ken' }));
    await expect(noCa.makeApiClient(CoreV1Api).listNode()).rejects.toThrow(
      /self[- ]signed certificate/,
    );
  });

  it('serves IPv6 loopback with the checked-in fixture pair', async () => {
    const fixtures = new URL('./fixtures/', import.meta.url);
    const cert = readFileSync(new URL('tls-cert.pem', fixtures), 'utf8');
    const key = readFileSync(new URL('tls-key.pem', fixtures), 'utf8');
    const server = await startClusterServer({
      store: createClusterStore(),
      host: '::1',
      tls: { cert, key },
    });
    servers.push(server);
    expect(server.url).toMatch(/^https:\/\/\[::1\]:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      httpsGet(`${server.url}/version`, { ca: cert }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ gitVersion: 'v1.37.0' });
  });
});

describe('kubeconfigYaml', () => {
  it('writes no TLS fields for plain http unless insecure-skip-tls-verify is asked for', () => {
    const plain = kubeconfigYaml({ url: 'http://127.0.0.1:1234', context: 'demo' });
    expect(plain).not.toMatch(/insecure|certificate-authority/);
    expect(plain).toContain('current-context: "demo"');
    expect(kubeconfigYaml({ url: 'http://127.0.0.1:1234', insecureSkipTlsVerify: true })).toContain(
      'insecure-skip-tls-verify: true',
    );
  });

  it('refuses combinations kubectl refuses', () => {
    expect(() =>
      kubeconfigYaml({ url: 'https://127.0.0.1:1', ca: 'x', insecureSkipTlsVerify: true }),
    ).toThrow(/both a CA/);
    expect(() => kubeconfigYaml({ url: 'http://127.0.0.1:1', ca: 'x' })).toThrow(/needs an https/);
  });

  it('is loaded by client-node, which needs the insecure flag for http:// (spec §1.1)', async () => {
    const store = createClusterStore();
    const server = await startClusterServer({ store });
    servers.push(server);
    const strict = new KubeConfig();
    strict.loadFromString(kubeconfigYaml({ url: server.url }));
    expect(strict.getCurrentCluster()).toMatchObject({ server: server.url, skipTLSVerify: false });
    await expect(strict.makeApiClient(CoreV1Api).listNode()).rejects.toThrow(
      'HTTP protocol is not allowed when skipTLSVerify is not set or false',
    );
    const loose = new KubeConfig();
    loose.loadFromString(kubeconfigYaml({ url: server.url, insecureSkipTlsVerify: true }));
    await expect(loose.makeApiClient(CoreV1Api).listNode()).resolves.toMatchObject({ items: [] });
  });
});
