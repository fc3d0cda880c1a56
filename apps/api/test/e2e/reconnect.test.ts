import { connect } from 'node:net';
import { newEndpointSlice, newPod, waitFor } from '@slicescope/cluster/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { startFileSource } from '../../src/sources/fileSource.ts';
import { waitTabsConverge } from './convergence.ts';
import {
  closeAll,
  FAST_INFORMER,
  seed,
  sourceFor,
  startTestCluster,
  type TestCluster,
  writeDump,
} from './environment.ts';
import { SseReader } from './sseReader.ts';

let cluster: TestCluster | undefined;
let api: RunningServer | undefined;
const readers: SseReader[] = [];

afterEach(async () => {
  await closeAll(readers, api, cluster);
  api = undefined;
  cluster = undefined;
});

async function setUp(replayBatches = 2000): Promise<{ cluster: TestCluster; api: RunningServer }> {
  cluster = await startTestCluster({ server: { bookmarkIntervalMs: 200 } });
  seed(cluster);
  api = await startServer({
    source: sourceFor(cluster.server.url),
    port: 0,
    logger: pino({ level: 'silent' }),
    informer: FAST_INFORMER,
    stream: {
      windowMs: 20,
      heartbeatMs: 100,
      replayBatches,
      maxClientBufferBytes: 64 * 1024,
      maxClientStallMs: 300,
    },
    closeTimeoutMs: 200,
  });
  await waitFor(() => api?.cluster.ready() === true, 'the api to be ready');
  return { cluster, api };
}

async function tab(services: string[], lastEventId?: string): Promise<SseReader> {
  const query = services.map((service) => `service=${service}`).join('&');
  const headers: Record<string, string> =
    lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId };
  const reader = await new SseReader(`${api?.url}/api/v1/stream?${query}`, headers).open();
  readers.push(reader);
  return reader;
}

/** Several separate batches of slice changes (each waits out the 20 ms window). */
async function changes(c: TestCluster, count: number, from: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    c.feed.modify(
      'EndpointSlice',
      newEndpointSlice('web-0', { service: 'web', ips: [`10.1.9.${from + i}`] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

describe('R20: a tab reconnecting with Last-Event-ID', () => {
  it('(i) inside the replay window gets exactly the missed deltas, in order, and no snapshot', async () => {
    const { cluster: c, api: a } = await setUp();
    const first = await tab(['default/web']);
    await waitTabsConverge(a, [{ reader: first, services: ['default/web'] }]);
    const lastId = first.lastEventId as string;
    await first.close();
    await changes(c, 4, 1);
    const second = await tab(['default/web'], lastId);
    second.state = first.state;
    await waitTabsConverge(a, [{ reader: second, services: ['default/web'] }]);
    expect(second.events.map((event) => event.event)).not.toContain('snapshot');
    const sequence = second.events.map((event) => Number(event.id.split('-').at(-1)));
    expect(sequence).toEqual([...sequence].sort((x, y) => x - y));
    expect(new Set(sequence).size).toBe(sequence.length);
    expect(sequence[0]).toBe(Number(lastId.split('-').at(-1)) + 1);
  });

  it('(ii) older than the window, (iii) from another process, (iv) malformed: a snapshot', async () => {
    const { cluster: c, api: a } = await setUp(2);
    const first = await tab(['default/web']);
    await waitTabsConverge(a, [{ reader: first, services: ['default/web'] }]);
    const lastId = first.lastEventId as string;
    await first.close();
    await changes(c, 5, 20);
    for (const id of [
      lastId,
      `other-${lastId.split('-').at(-1)}`,
      'garbage',
      `${lastId.split('-')[0]}-999999`,
    ]) {
      const reader = await tab(['default/web'], id);
      await waitFor(() => reader.events.length > 0, 'a first message');
      expect(reader.events[0]?.event).toBe('snapshot');
      await waitTabsConverge(a, [{ reader, services: ['default/web'] }]);
    }
  });
});

describe('R18: a tab that stops reading', () => {
  it('is dropped once its buffer is over the cap, and the others are not held up', async () => {
    const { cluster: c, api: a } = await setUp();
    const healthy = await tab(['default/web']);
    const url = new URL(`${a.url}/api/v1/stream?service=default/web`);
    const socket = connect(Number(url.port), url.hostname);
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    socket.pause();
    await waitFor(() => a.hub.clientCount() === 2, 'both tabs connected');
    // Each window carries one ~100 KB slice: kernel buffers fill, then the server's own.
    const ips = (round: number): string[] =>
      Array.from({ length: 1000 }, (_, i) => `10.${round % 250}.${i >> 8}.${i & 255}`);
    for (let round = 0; round < 150 && a.hub.clientCount() === 2; round++) {
      c.feed.modify(
        'EndpointSlice',
        newEndpointSlice('web-0', { service: 'web', ips: ips(round) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await waitFor(() => a.hub.clientCount() === 1, 'the stalled tab to be dropped', {
      timeoutMs: 8000,
    });
    await waitTabsConverge(a, [{ reader: healthy, services: ['default/web'] }]);
    socket.destroy();
  }, 20_000);
});

describe('shutdown and frozen dumps', () => {
  it('a graceful close ends every stream and stops every upstream watch', async () => {
    const { cluster: c, api: a } = await setUp();
    const reader = await tab([]);
    await waitFor(() => c.server.faults.watchCount() === 5, 'five upstream watches');
    await a.close();
    api = undefined;
    await waitFor(() => c.server.faults.watchCount() === 0, 'the upstream watches to end');
    expect(a.hub.clientCount()).toBe(0);
    c.feed.add('Pod', newPod('after-close'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader.state.informers).not.toEqual({});
  });

  it('--from-file serves a dump of v1beta1 slices as a frozen, normalised cluster', async () => {
    const path = writeDump([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop', uid: 's1' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'discovery.k8s.io/v1beta1',
        kind: 'EndpointSlice',
        metadata: {
          name: 'web-1',
          namespace: 'shop',
          labels: { 'kubernetes.io/service-name': 'web' },
        },
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.0.0.1'],
            topology: { 'topology.kubernetes.io/zone': 'a', 'kubernetes.io/hostname': 'n1' },
          },
        ],
      },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n1', labels: { 'topology.kubernetes.io/zone': 'a' } },
      },
    ]);
    api = await startServer({
      source: await startFileSource([path]),
      port: 0,
      logger: pino({ level: 'silent' }),
      informer: FAST_INFORMER,
    });
    await waitFor(() => api?.cluster.ready() === true, 'the api to be ready');
    const detail = (await (await fetch(`${api.url}/api/v1/services/shop/web`)).json()) as {
      slices: { endpoints: { zone?: string; nodeName?: string }[] }[];
    };
    expect(detail.slices[0]?.endpoints[0]).toMatchObject({ zone: 'a', nodeName: 'n1' });
    const overview = (await (await fetch(`${api.url}/api/v1/overview`)).json()) as {
      source: unknown;
    };
    expect(overview.source).toMatchObject({ kind: 'file', name: 'dump.json', frozen: true });
    const nodes = (await (await fetch(`${api.url}/api/v1/nodes`)).json()) as { items: unknown[] };
    expect(nodes.items).toEqual([expect.objectContaining({ name: 'n1', zone: 'a', endpoints: 1 })]);
  });
});
