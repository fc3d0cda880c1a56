import { afterAll, expect, test } from 'vitest';
import { watchCluster, type WatchedCluster } from '../../src/live/watchedCluster.ts';
import { startFileSource } from '../../src/sources/fileSource.ts';
import type { ClusterSource } from '../../src/sources/source.ts';
import { waitFor } from '@slicescope/cluster/testing';
import { FAST_INFORMER, writeDump } from './environment.ts';

let source: ClusterSource | undefined;
let cluster: WatchedCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  await source?.close();
});

test('ready means the Service rows are made, with no stream to make them', async () => {
  const path = writeDump(
    ['web', 'api'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shop' },
      spec: { selector: { app: name }, clusterIP: '10.96.0.10' },
    })),
  );
  source = await startFileSource([path]);
  // No stream hub here: nothing but ready() itself makes the rows the REST lists read.
  cluster = watchCluster(source, { informer: FAST_INFORMER });
  const watched = cluster;
  await waitFor(() => watched.ready(), 'the lists to be in');
  expect([...watched.summaries.services()].map(([key]) => key).sort()).toEqual([
    'shop/api',
    'shop/web',
  ]);
});
