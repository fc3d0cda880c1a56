import { referenceWorkloadScenario, type ObjectChange } from '@slicescope/core';
import { settledCluster } from '../../scripts/bench/settled.ts';
import { loadShippedScenario } from '@slicescope/contract';
import { machineLine, ms, printTable } from '../../scripts/bench/harness.ts';
import { createClusterStore, startClusterServer, startLiveCluster } from '@slicescope/cluster';
import { timedGet, watch } from './watchers.ts';

/**
 * `pnpm bench` in packages/cluster: the demo scenario served live to 20 watchers; the reference
 * workload of the scalability thresholds (150,000 Pods, 5,000 Nodes, 8,100 Services) built and
 * listed; and watch throughput of a burst of changes to one and to 20 watchers.
 */

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

process.stdout.write(`${machineLine()}\n\n`);

// 1. The reference workload, first, in a fresh heap: build, RSS, full lists.
{
  const scenario = referenceWorkloadScenario({ nodes: 5_000 });
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const { engine, changes } = settledCluster(scenario);
  const store = createClusterStore({ historySize: 1_000 });
  store.apply(changes);
  const buildMs = performance.now() - start;
  const server = await startClusterServer({ store });
  const rss = process.memoryUsage().rss - rssBefore;
  const lists = [];
  for (const path of [
    '/api/v1/pods',
    '/apis/discovery.k8s.io/v1/endpointslices',
    '/api/v1/services',
    '/api/v1/endpoints',
  ]) {
    const { ms: took, bytes, items } = await timedGet(`${server.url}${path}`);
    lists.push([path, `${items.toLocaleString('en-US')}`, ms(took), mb(bytes)]);
  }
  printTable(
    `reference workload: ${engine.store.count('Pod').toLocaleString('en-US')} Pods, ${engine.store.count('Node').toLocaleString('en-US')} Nodes, ${engine.store.count('Service').toLocaleString('en-US')} Services, ${engine.store.count('EndpointSlice').toLocaleString('en-US')} EndpointSlices`,
    ['build (engine + store; target ≤ 5 s)', 'RSS growth', 'objects'],
    [[ms(buildMs), mb(rss), `${changes.length.toLocaleString('en-US')}`]],
  );
  printTable('full lists of the reference workload', ['path', 'items', 'time', 'size'], lists);
  await server.close();
}

// 2. Watch throughput: a burst of Pod changes to 1 and to 20 watchers.
for (const watcherCount of [1, 20]) {
  const store = createClusterStore({ historySize: 200_000 });
  const server = await startClusterServer({ store });
  const burst = 100_000;
  const pods: ObjectChange[] = Array.from({ length: burst }, (_, i) => ({
    type: 'ADDED',
    kind: 'Pod',
    object: {
      metadata: {
        name: `pod-${i}`,
        namespace: 'bench',
        uid: `uid-${i}`,
        resourceVersion: String(i + 1),
        labels: { app: 'bench' },
      },
      spec: { nodeName: `node-${i % 100}` },
      status: {
        phase: 'Running',
        podIP: `10.0.${(i >> 8) & 255}.${i & 255}`,
        podIPs: [{ ip: `10.0.${(i >> 8) & 255}.${i & 255}` }],
      },
    },
  }));
  const watchers = Array.from({ length: watcherCount }, () =>
    watch(`${server.url}/api/v1/pods?watch=true&resourceVersion=0`),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const start = performance.now();
  // Batches of 1,000 with a turn of the event loop between them, as changes arrive from the engine.
  for (let i = 0; i < burst; i += 1_000) {
    store.apply(pods.slice(i, i + 1_000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const received = await Promise.all(
    watchers.map(async (watcher) => {
      const count = await watcher.waitFor(burst, 120_000);
      return { count, ms: performance.now() - start };
    }),
  );
  for (const watcher of watchers) watcher.close();
  await server.close();
  const rates = received.map(({ count, ms: took }) => count / (took / 1000));
  printTable(
    `watch throughput: ${burst.toLocaleString('en-US')} Pod events to ${watcherCount} watcher${watcherCount > 1 ? 's' : ''}`,
    ['events/s per watcher (median)', 'slowest', 'fastest', 'all delivered', 'target'],
    [
      [
        median(rates).toFixed(0),
        Math.min(...rates).toFixed(0),
        Math.max(...rates).toFixed(0),
        received.every((r) => r.count >= burst) ? 'yes' : 'no',
        watcherCount === 1
          ? `≥ 20,000 events/s: ${median(rates) >= 20_000 ? 'met' : 'missed'}`
          : `no watcher slower than 2× another: ${Math.max(...rates) <= 2 * Math.min(...rates) ? 'met' : 'missed'}`,
      ],
    ],
  );
}

// 3. The demo scenario at 30× speed for 20 s, watched by 20 clients.
{
  const cluster = await startLiveCluster({
    scenario: loadShippedScenario('demo'),
    speed: 30,
    tickMs: 50,
  });
  const rv = cluster.store.resourceVersion;
  const watchers = Array.from({ length: 20 }, () =>
    watch(
      `${cluster.url}/apis/discovery.k8s.io/v1/endpointslices?watch=true&resourceVersion=${rv}`,
    ),
  );
  const seconds = 20;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const counts = watchers.map((watcher) => watcher.events());
  for (const watcher of watchers) watcher.close();
  await cluster.close();
  const slowest = Math.min(...counts);
  const fastest = Math.max(...counts);
  printTable(
    'demo scenario at 30× speed, 20 concurrent EndpointSlice watchers, 20 s',
    [
      'events per watcher (median)',
      'events/s per watcher',
      'slowest / fastest watcher',
      'target: no watcher slower than 2× another',
    ],
    [
      [
        `${median(counts)}`,
        (median(counts) / seconds).toFixed(0),
        `${slowest} / ${fastest}`,
        fastest <= 2 * slowest ? 'met' : 'missed',
      ],
    ],
  );
}
