import { basename } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createClusterStore, kubeconfigYaml, startClusterServer } from '@slicescope/cluster';
import { KIND_RESOURCES, type ObjectKind } from '@slicescope/core';
import { dumpNotes, newestTimeIn, readDumpFiles } from './dumpFiles.ts';
import type { ClusterSource } from './source.ts';

/**
 * A frozen cluster from saved `kubectl get -o json|yaml` output, for air-gapped analysis and bug
 * reports: the objects are served read-only by an embedded API server on loopback and read through
 * client-node, the same path as a live cluster. Nothing ever changes.
 */
export async function startFileSource(paths: readonly string[]): Promise<ClusterSource> {
  const contents = readDumpFiles(paths);
  const store = createClusterStore();
  store.inject(contents.objects.map(({ kind, object }) => ({ type: 'ADDED', kind, object })));
  const server = await startClusterServer({ store, host: '127.0.0.1', port: 0 });
  const held = new Set(contents.objects.map(({ kind }) => kind));
  const absent = (Object.keys(KIND_RESOURCES) as ObjectKind[]).filter((kind) => !held.has(kind));
  const newest = newestTimeIn(contents);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfigYaml({ url: server.url, insecureSkipTlsVerify: true }));
  return {
    info: {
      kind: 'file',
      name: paths.map((path) => basename(path)).join(', '),
      frozen: true,
      ...(absent.length > 0 && { absent }),
      ...(newest !== undefined && { takenAt: new Date(newest).toISOString() }),
    },
    kubeConfig,
    notes: dumpNotes(contents),
    close: () => server.close(),
  };
}
