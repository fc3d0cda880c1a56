import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPod, newService } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { openWatch } from './support/http.ts';
import { delay, waitFor } from './support/wait.ts';

let cluster: TestCluster;
beforeEach(async () => {
  cluster = await startTestCluster({
    server: { bookmarkIntervalMs: 50, slowWatcherBudgetMs: 2_000 },
  });
  cluster.feed.add('Pod', newPod('web-0'));
  cluster.feed.add('Pod', newPod('web-1'));
  cluster.feed.add('Service', newService('web'));
});
afterEach(() => cluster.server.close());

const summary = (
  events: { type: string; object: { metadata: { name?: string; resourceVersion?: string } } }[],
): string[] =>
  events.map(
    (event) =>
      `${event.type} ${event.object.metadata.name ?? ''}@${event.object.metadata.resourceVersion ?? ''}`,
  );

describe('watch', () => {
  it('flushes chunked JSON headers before any event', async () => {
    const watch = await openWatch(cluster.server.url, '/api/v1/pods?watch=true&resourceVersion=3');
    expect(watch.status).toBe(200);
    expect(watch.headers['content-type']).toBe('application/json');
    expect(watch.headers['transfer-encoding']).toBe('chunked');
    expect(watch.lines).toEqual([]);
    watch.close();
  });

  it('sends ADDED for the current state from "" then changes, one compact JSON object per line', async () => {
    const watch = await openWatch(cluster.server.url, '/api/v1/namespaces/default/pods?watch=1');
    await watch.waitForLines(2);
    cluster.feed.modify('Pod', newPod('web-0', { ready: false }));
    cluster.feed.remove('Pod', newPod('web-1'));
    await watch.waitForLines(4);
    expect(summary(watch.events())).toEqual([
      'ADDED web-0@1',
      'ADDED web-1@2',
      'MODIFIED web-0@4',
      'DELETED web-1@5',
    ]);
    for (const line of watch.lines) expect(line).toBe(JSON.stringify(JSON.parse(line)));
    expect(watch.events()[0]?.object).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
    watch.close();
  });

  it('replays only the changes after a resourceVersion, then live ones', async () => {
    cluster.feed.modify('Pod', newPod('web-1', { ip: '10.0.0.2' }));
    const watch = await openWatch(cluster.server.url, '/api/v1/pods?watch=true&resourceVersion=2');
    await watch.waitForLines(1);
    cluster.feed.add('Pod', newPod('web-2'));
    await watch.waitForLines(2);
    expect(summary(watch.events())).toEqual(['MODIFIED web-1@4', 'ADDED web-2@5']);
    watch.close();
  });

  it('answers a resourceVersion older than the window with an in-band ERROR 410, then ends', async () => {
    cluster.server.faults.compactHistory('Pod');
    const watch = await openWatch(cluster.server.url, '/api/v1/pods?watch=true&resourceVersion=1');
    expect(watch.status).toBe(200);
    await watch.waitForClose();
    expect(watch.state).toBe('ended');
    expect(watch.events()).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'too old resource version: 1 (3)',
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
  });

  it('turns selector transitions into ADDED and DELETED (with the change’s resourceVersion)', async () => {
    const watch = await openWatch(
      cluster.server.url,
      '/api/v1/pods?watch=true&resourceVersion=3&labelSelector=app%3Dweb',
    );
    cluster.feed.modify('Pod', newPod('web-0', { labels: { app: 'db' } }));
    cluster.feed.modify('Pod', newPod('web-0', { labels: { app: 'db' }, ip: '10.0.0.7' }));
    cluster.feed.modify('Pod', newPod('web-0', { labels: { app: 'web' } }));
    cluster.feed.remove('Pod', newPod('web-1'));
    await watch.waitForLines(3);
    const events = watch.events();
    expect(summary(events)).toEqual(['DELETED web-0@4', 'ADDED web-0@6', 'DELETED web-1@7']);
    expect(events[0]?.object.metadata.labels).toEqual({ app: 'web' });
    watch.close();
  });

  it('filters by namespace and field selector', async () => {
    const watch = await openWatch(
      cluster.server.url,
      '/api/v1/namespaces/team/pods?watch=true&resourceVersion=3&fieldSelector=metadata.name%3Da',
    );
    cluster.feed.add('Pod', newPod('a'));
    cluster.feed.add('Pod', newPod('b', { namespace: 'team' }));
    cluster.feed.add('Pod', newPod('a', { namespace: 'team' }));
    await watch.waitForLines(1);
    await delay(20);
    expect(summary(watch.events())).toEqual(['ADDED a@6']);
    watch.close();
  });

  it('sends BOOKMARKs with only kind, apiVersion and resourceVersion, and only when asked', async () => {
    const plain = await openWatch(
      cluster.server.url,
      '/api/v1/services?watch=true&resourceVersion=3',
    );
    const marked = await openWatch(
      cluster.server.url,
      '/api/v1/services?watch=true&resourceVersion=3&allowWatchBookmarks=true',
    );
    cluster.feed.add('Pod', newPod('web-2'));
    await marked.waitForLines(1);
    expect(marked.events()[0]).toEqual({
      type: 'BOOKMARK',
      object: { kind: 'Service', apiVersion: 'v1', metadata: { resourceVersion: '4' } },
    });
    expect(plain.lines).toEqual([]);
    plain.close();
    marked.close();
  });

  it('ends the stream cleanly at timeoutSeconds', async () => {
    const started = Date.now();
    const watch = await openWatch(
      cluster.server.url,
      '/api/v1/pods?watch=true&resourceVersion=3&timeoutSeconds=1',
    );
    await watch.waitForClose(3000);
    expect(watch.state).toBe('ended');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('ends a watch with a negative timeoutSeconds at once, as the apiserver timer does', async () => {
    const watch = await openWatch(
      cluster.server.url,
      '/api/v1/pods?watch=true&resourceVersion=3&timeoutSeconds=-1',
    );
    await watch.waitForClose(1000);
    expect(watch.state).toBe('ended');
  });

  it('clamps a timeoutSeconds or bookmark interval beyond 2^31−1 ms instead of firing at once', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    const long = await startTestCluster({ server: { bookmarkIntervalMs: 3_000_000_000 } });
    try {
      const watch = await openWatch(
        long.server.url,
        '/api/v1/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=2147484',
      );
      long.feed.add('Pod', newPod('web-0'));
      await watch.waitForLines(1);
      await delay(100);
      expect([watch.state, watch.lines.length, warnings]).toEqual(['open', 1, []]);
      watch.close();
    } finally {
      process.off('warning', onWarning);
      await long.server.close();
    }
  });

  it('serves a streaming list: ADDED for the state, an initial-events-end BOOKMARK, then changes', async () => {
    const watch = await openWatch(
      cluster.server.url,
      '/api/v1/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=',
    );
    await watch.waitForLines(3);
    cluster.feed.add('Pod', newPod('web-2'));
    await watch.waitForLines(4);
    const events = watch.events();
    expect(summary(events.slice(0, 2))).toEqual(['ADDED web-0@1', 'ADDED web-1@2']);
    expect(events[2]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { resourceVersion: '3', annotations: { 'k8s.io/initial-events-end': 'true' } },
      },
    });
    expect(summary(events.slice(3))).toEqual(['ADDED web-2@4']);
    watch.close();
  });

  it('waits on a resourceVersion from the future instead of replaying', async () => {
    const watch = await openWatch(cluster.server.url, '/api/v1/pods?watch=true&resourceVersion=5');
    cluster.feed.add('Pod', newPod('a'));
    cluster.feed.add('Pod', newPod('b'));
    cluster.feed.add('Pod', newPod('c'));
    await watch.waitForLines(1);
    expect(summary(watch.events())).toEqual(['ADDED c@6']);
    watch.close();
  });

  it('closes a watcher that stops reading, without delaying one that reads', async () => {
    const big = 'x'.repeat(64 * 1024);
    const reader = await openWatch(cluster.server.url, '/api/v1/pods?watch=true&resourceVersion=3');
    const stuck = connect(cluster.server.port, '127.0.0.1');
    stuck.write('GET /api/v1/pods?watch=true&resourceVersion=3 HTTP/1.1\r\nHost: x\r\n\r\n');
    stuck.pause();
    await waitFor(() => cluster.server.faults.watchCount('Pod') === 2, 'both watches');
    const rounds = 400;
    for (let i = 0; i < rounds; i++) {
      const pod = newPod('web-0');
      cluster.feed.modify('Pod', {
        ...pod,
        metadata: { ...pod.metadata, annotations: { big, round: String(i) } },
      });
      // paced by the reader, so it never holds more than ten events' worth of bytes back
      if (i % 10 === 9) await reader.waitForLines(i + 1, 20_000);
    }
    await waitFor(
      () => cluster.server.faults.watchCount('Pod') === 1,
      'the stuck watcher to be closed',
      { timeoutMs: 20_000 },
    );
    expect(reader.state).toBe('open');
    stuck.destroy();
    reader.close();
  }, 30_000);
});
