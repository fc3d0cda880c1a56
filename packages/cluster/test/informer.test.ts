import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPod, newService } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import {
  COLLECTION_PATHS,
  createInformer,
  pagingList,
  waitInSync,
  type TestInformer,
} from './support/informer.ts';
import { BUILD, KINDS } from './support/kinds.ts';
import { waitFor } from './support/wait.ts';

let cluster: TestCluster;
const informers: TestInformer[] = [];
beforeEach(async () => {
  cluster = await startTestCluster({ server: { bookmarkIntervalMs: 50 } });
});
afterEach(async () => {
  for (const informer of informers.splice(0)) await informer.stop();
  await cluster.server.close();
});

function track(informer: TestInformer): TestInformer {
  informers.push(informer);
  return informer;
}

describe.each(KINDS)('client-node 1.4 makeInformer on %s', (kind) => {
  const build = BUILD[kind];
  const path = COLLECTION_PATHS[kind];
  const namespace = kind === 'Node' ? '' : 'default';

  beforeEach(() => {
    for (const name of ['a', 'b', 'c']) cluster.feed.add(kind, build(name));
  });

  it('lists, then watches: ADDED, MODIFIED and DELETED reach the cache', async () => {
    const test = track(createInformer(cluster.kc, kind));
    await test.start();
    await waitInSync(test, cluster.store, kind);
    expect(test.events.filter((event) => event.startsWith('add'))).toHaveLength(3);

    cluster.feed.add(kind, build('d'));
    cluster.feed.modify(kind, build('a', 2));
    cluster.feed.remove(kind, build('b'));
    const other = kind === 'Pod' ? 'Service' : 'Pod';
    cluster.feed.add(other, BUILD[other]('noise'));
    await waitInSync(test, cluster.store, kind);
    expect(test.events.slice(3)).toEqual([
      `add ${namespace}/d 4`,
      `update ${namespace}/a 5`,
      `delete ${namespace}/b 6`,
    ]);
    expect([cluster.lists(path), cluster.watches(path), test.errors]).toEqual([1, 1, []]);
  });

  it('resumes from its resourceVersion after a restart, without relisting', async () => {
    const test = track(createInformer(cluster.kc, kind));
    await test.start();
    await test.stop();
    cluster.feed.modify(kind, build('c', 3));
    cluster.feed.add(kind, build('e'));
    await test.start();
    await waitInSync(test, cluster.store, kind);
    expect([cluster.lists(path), cluster.watches(path)]).toEqual([1, 2]);
    expect(cluster.requests.at(-1)).toContain('resourceVersion=3');
  });

  it('relists after its resourceVersion was compacted (in-band 410)', async () => {
    const test = track(createInformer(cluster.kc, kind));
    await test.start();
    await test.stop();
    cluster.feed.remove(kind, build('a'));
    cluster.feed.add(kind, build('f'));
    cluster.server.faults.compactHistory(kind);
    await test.start();
    await waitInSync(test, cluster.store, kind);
    expect(cluster.lists(path)).toBe(2);
    expect(test.events).toContain(`delete ${namespace}/a 1`);
    expect(test.errors).toEqual([]);
  });
});

describe('client-node 1.4 informer extras', () => {
  it('advances its resourceVersion on BOOKMARKs when they are asked for in the path', async () => {
    cluster.feed.add('Pod', newPod('a'));
    const test = track(createInformer(cluster.kc, 'Pod', { query: 'allowWatchBookmarks=true' }));
    await test.start();
    cluster.feed.add('Service', newService('web'));
    await waitFor(
      () => test.informer.latestResourceVersion() === '2',
      'a bookmark at resourceVersion 2',
    );
    expect(cluster.requests.at(-1)).toMatch(/allowWatchBookmarks=true/);
  });

  it('pages a large initial list with a paging listFn (limit/continue), then stays in sync', async () => {
    for (let i = 0; i < 1200; i++)
      cluster.feed.add('Pod', newPod(`web-${String(i).padStart(4, '0')}`));
    const pages = { count: 0, restarts: 0 };
    const test = track(
      createInformer(cluster.kc, 'Pod', { listFn: pagingList(cluster.kc, 'Pod', 500, pages) }),
    );
    await test.start();
    await waitInSync(test, cluster.store, 'Pod');
    expect(pages).toEqual({ count: 3, restarts: 0 });
    expect(test.informer.latestResourceVersion()).toBe('1200');
    cluster.feed.modify('Pod', newPod('web-0042', { ready: false }));
    await waitInSync(test, cluster.store, 'Pod');
  });

  it('R9: 20k Pods list in 40 pages of 500 at one resourceVersion while Pods keep changing', async () => {
    const pods = Array.from({ length: 20_000 }, (_, i) =>
      newPod(`web-${String(i).padStart(5, '0')}`),
    );
    cluster.feed.batch(pods.map((pod) => ['ADDED', 'Pod', pod] as const));
    const pages = { count: 0, restarts: 0 };
    const churn = (count: number): void => {
      if (count % 10 === 0)
        cluster.feed.modify('Pod', newPod('web-00007', { ip: `10.1.0.${count}` }));
    };
    const test = track(
      createInformer(cluster.kc, 'Pod', {
        listFn: pagingList(cluster.kc, 'Pod', 500, pages, churn),
      }),
    );
    await test.start();
    await waitInSync(test, cluster.store, 'Pod', 20_000);
    expect(pages).toEqual({ count: 40, restarts: 0 });
    expect(test.errors).toEqual([]);
  });

  it('watches with a label selector, seeing selector transitions as add/delete', async () => {
    cluster.feed.add('Pod', newPod('a'));
    cluster.feed.add('Pod', newPod('b', { labels: { app: 'db' } }));
    // The stock informer applies a selector to the watch only, so the listFn must list the same
    // selection itself (spec §2.4 T6).
    const core = cluster.kc.makeApiClient(CoreV1Api);
    const test = track(
      createInformer(cluster.kc, 'Pod', {
        query: 'labelSelector=app%3Dweb',
        listFn: () => core.listPodForAllNamespaces({ labelSelector: 'app=web' }),
      }),
    );
    await test.start();
    cluster.feed.modify('Pod', newPod('a', { labels: { app: 'db' } }));
    cluster.feed.modify('Pod', newPod('b', { labels: { app: 'web' } }));
    await waitFor(() => test.events.length === 3, 'add a, delete a, add b');
    expect(test.events).toEqual(['add default/a 1', 'delete default/a 3', 'add default/b 4']);
  });
});
