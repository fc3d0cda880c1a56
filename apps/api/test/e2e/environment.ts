import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { kubeconfigYaml } from '@slicescope/cluster';
import {
  newEndpoints,
  newEndpointSlice,
  newNode,
  newPod,
  newService,
  startTestCluster,
  storeState,
  waitFor,
  type TestCluster,
} from '@slicescope/cluster/testing';
import { KIND_RESOURCES, type KubeObject, type ObjectKind } from '@slicescope/core';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../../src/server.ts';
import type { ClusterSource } from '../../src/sources/source.ts';

export const KINDS = Object.keys(KIND_RESOURCES) as ObjectKind[];

/** A dump file (a kubectl List of `items`) in a fresh directory, for --from-file; its path. */
export function writeDump(items: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'slicescope-dump-')), 'dump.json');
  writeFileSync(path, JSON.stringify({ kind: 'List', items }));
  return path;
}

/** Short timings: every fault heals within a few hundred ms. */
export const FAST_INFORMER = {
  backoffInitialMs: 20,
  backoffMaxMs: 100,
  authRetryMs: 150,
  inactivityMs: 1500,
  watchTimeoutSeconds: [30, 60] as const,
};

export function sourceFor(url: string): ClusterSource {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfigYaml({ url, insecureSkipTlsVerify: true }));
  return {
    info: { kind: 'demo', name: 'test', frozen: false },
    kubeConfig,
    close: async () => undefined,
  };
}

export async function startApi(
  url: string,
  extra: { windowMs?: number } = {},
): Promise<RunningServer> {
  return startServer({
    source: sourceFor(url),
    port: 0,
    logger: pino({ level: 'silent' }),
    informer: FAST_INFORMER,
    watch: { discoveryRetryMs: 50 },
    stream: { windowMs: extra.windowMs ?? 40, heartbeatMs: 200, maxClientStallMs: 1000 },
    closeTimeoutMs: 200,
  });
}

/** A small cluster: two Services with slices in two zones, their Pods, Nodes and Endpoints. */
export function seed(cluster: TestCluster): void {
  const changes: ['ADDED', ObjectKind, KubeObject][] = [];
  for (const [i, zone] of ['zone-a', 'zone-b'].entries()) {
    changes.push([
      'ADDED',
      'Node',
      newNode(`node-${i}`, { labels: { 'topology.kubernetes.io/zone': zone } }),
    ]);
  }
  for (const service of ['web', 'api']) {
    changes.push(['ADDED', 'Service', newService(service, { selector: { app: service } })]);
    changes.push(['ADDED', 'Endpoints', newEndpoints(service)]);
    for (let s = 0; s < 2; s++) {
      const ips = Array.from({ length: 5 }, (_, i) => `10.${service === 'web' ? 1 : 2}.${s}.${i}`);
      changes.push([
        'ADDED',
        'EndpointSlice',
        newEndpointSlice(`${service}-${s}`, { service, ips }),
      ]);
    }
    for (let p = 0; p < 3; p++) {
      changes.push([
        'ADDED',
        'Pod',
        newPod(`${service}-${p}`, { labels: { app: service }, nodeName: `node-${p % 2}` }),
      ]);
    }
  }
  cluster.feed.batch(changes);
}

/** The model's objects of a kind as `namespace/name → uid@resourceVersion` (storeState's shape). */
export function modelState(api: RunningServer, kind: ObjectKind): Map<string, string> {
  return new Map(
    [...api.cluster.model.all(kind)].map((object) => [
      `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`,
      `${object.metadata.uid ?? ''}@${object.metadata.resourceVersion ?? ''}`,
    ]),
  );
}

const same = (a: Map<string, string>, b: Map<string, string>): boolean =>
  a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);

/** P1: waits until the model holds exactly the cluster's objects, kind by kind. */
export async function waitModelEqualsCluster(
  api: RunningServer,
  cluster: TestCluster,
  timeoutMs = 8000,
): Promise<void> {
  await waitFor(
    () => KINDS.every((kind) => same(modelState(api, kind), storeState(cluster.store, kind))),
    'the model to equal the cluster',
    { timeoutMs },
  );
}

export { startTestCluster, type TestCluster };

/** Closes what a test opened, tabs first, then the api, then the cluster. */
export async function closeAll(
  readers: { close(): Promise<void> }[],
  api: RunningServer | undefined,
  cluster: TestCluster | undefined,
): Promise<void> {
  for (const reader of readers.splice(0)) await reader.close();
  await api?.close();
  await cluster?.server.close();
}
