import type { ObjectChange } from '@slicescope/core';
import { describe, expect, it } from 'vitest';
import { createClusterStore } from '../src/index.ts';
import { newNode, newPod, newService } from './support/builders.ts';
import { createFeed } from './support/feed.ts';

const rvOf = (object: { metadata: { resourceVersion?: string } }): string | undefined =>
  object.metadata.resourceVersion;

describe('createClusterStore', () => {
  it('serves objects with kind, apiVersion and one global resourceVersion across kinds', () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    feed.add('Pod', newPod('web-0'));
    feed.add('Service', newService('web'));
    feed.add('Node', newNode('node-a'));
    expect(store.resourceVersion).toBe(3);
    const pod = store.get('Pod', 'default', 'web-0')?.object;
    expect(pod).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
    });
    expect(Object.keys(pod ?? {}).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata']);
    expect(store.get('Node', '', 'node-a')?.key).toBe('node-a');
    expect(store.snapshot('Pod')).toMatchObject({
      resourceVersion: '3',
      items: [{ metadata: { name: 'web-0' } }],
    });
  });

  it('keeps namespaced objects in key order (namespace, then name)', () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    feed.add('Pod', newPod('b', { namespace: 'team-b' }));
    feed.add('Pod', newPod('z', { namespace: 'team-a' }));
    feed.add('Pod', newPod('a', { namespace: 'team-a' }));
    expect(
      store.snapshot('Pod').items.map((pod) => `${pod.metadata.namespace}/${pod.metadata.name}`),
    ).toEqual(['team-a/a', 'team-a/z', 'team-b/b']);
  });

  it('rejects a resourceVersion that does not increase, naming it, and applies nothing of the batch', () => {
    const store = createClusterStore();
    const feed = createFeed(store, 10);
    feed.add('Pod', newPod('web-0'));
    const stale: ObjectChange = {
      type: 'MODIFIED',
      kind: 'Pod',
      object: {
        ...newPod('web-0'),
        metadata: { ...newPod('web-0').metadata, resourceVersion: '10' },
      },
    };
    expect(() => store.apply([stale])).toThrow(
      /resourceVersion 10 of MODIFIED Pod default\/web-0 is not above the last applied 10/,
    );
    const fresh: ObjectChange = {
      ...stale,
      object: { ...stale.object, metadata: { ...stale.object.metadata, resourceVersion: '12' } },
    };
    expect(() => store.apply([fresh, stale])).toThrow(/resourceVersion 10/);
    expect(store.resourceVersion).toBe(10);
    expect(() =>
      store.apply([
        {
          ...stale,
          object: { ...stale.object, metadata: { ...stale.object.metadata, resourceVersion: 'x' } },
        },
      ]),
    ).toThrow(/resourceVersion "x" of MODIFIED Pod default\/web-0 is not a positive decimal/);
  });

  it('rejects changes that contradict the state', () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    feed.add('Pod', newPod('web-0'));
    expect(() => feed.add('Pod', newPod('web-0'))).toThrow(
      /ADDED Pod default\/web-0: already exists/,
    );
    expect(() => feed.modify('Pod', newPod('web-1'))).toThrow(/not found/);
    expect(() => feed.remove('Node', newNode('gone'))).toThrow(/DELETED Node gone: not found/);
    expect(() => feed.add('Pod', { ...newPod('x'), metadata: { name: 'x' } })).toThrow(
      /no namespace/,
    );
  });

  it('records DELETED with the deletion resourceVersion and the previous state', () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    feed.add('Pod', newPod('web-0'));
    feed.remove('Pod', newPod('web-0'));
    const [added, deleted] = store.eventsSince('Pod', 0);
    expect(added).toMatchObject({ type: 'ADDED', rv: 1 });
    expect(deleted).toMatchObject({ type: 'DELETED', rv: 2 });
    expect(rvOf(deleted?.object ?? { metadata: {} })).toBe('2');
    expect(rvOf(deleted?.previous ?? { metadata: {} })).toBe('1');
    expect(store.get('Pod', 'default', 'web-0')).toBeUndefined();
  });

  it('bounds the history per kind and moves the floor to (oldest kept − 1)', () => {
    const store = createClusterStore({ historySize: 3 });
    const feed = createFeed(store);
    for (let i = 0; i < 5; i++) feed.add('Pod', newPod(`p${i}`));
    feed.add('Service', newService('web'));
    expect(store.eventsSince('Pod', 2).map((event) => event.rv)).toEqual([3, 4, 5]);
    expect(store.floor('Pod')).toBe(2);
    expect(store.floor('Service')).toBe(0);
    expect(store.lastEvents('Pod', 2).map((event) => event.rv)).toEqual([4, 5]);
  });

  it('drops events older than the age window', () => {
    let now = 1000;
    const store = createClusterStore({ historyMaxAgeMs: 100, now: () => now });
    const feed = createFeed(store);
    feed.add('Pod', newPod('a'));
    now = 1050;
    feed.add('Pod', newPod('b'));
    now = 1120;
    expect(store.floor('Pod')).toBe(1);
    expect(store.eventsSince('Pod', 1).map((event) => event.rv)).toEqual([2]);
  });

  it('rebuilds the state at an older resourceVersion inside the window', () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    feed.add('Pod', newPod('a'));
    feed.add('Pod', newPod('b'));
    feed.modify('Pod', newPod('a', { ip: '10.0.0.9' }));
    feed.remove('Pod', newPod('b'));
    feed.add('Pod', newPod('c'));
    const at2 = store.snapshotAt('Pod', 2)?.map((stored) => `${stored.name}@${stored.rv}`);
    expect(at2).toEqual(['a@1', 'b@2']);
    expect(store.snapshotAt('Pod', 5)?.map((stored) => `${stored.name}@${stored.rv}`)).toEqual([
      'a@3',
      'c@5',
    ]);
    expect(store.snapshotAt('Pod', 6)).toBeUndefined();
    store.compact('Pod');
    expect(store.snapshotAt('Pod', 2)).toBeUndefined();
    expect(store.snapshotAt('Pod', 5)).toHaveLength(2);
  });

  it('notifies listeners of their kind after each batch, in resourceVersion order', () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    const seen: string[] = [];
    const unsubscribe = store.subscribe('Pod', (event) => seen.push(`${event.type} ${event.rv}`));
    feed.batch([
      ['ADDED', 'Pod', newPod('a')],
      ['ADDED', 'Service', newService('web')],
      ['MODIFIED', 'Pod', newPod('a', { ready: false })],
    ]);
    unsubscribe();
    feed.remove('Pod', newPod('a'));
    expect(seen).toEqual(['ADDED 1', 'MODIFIED 3']);
  });

  describe('restart modes never serve a resourceVersion lower than before', () => {
    it('(a) resume keeps state, history and numbering', () => {
      const store = createClusterStore();
      const feed = createFeed(store);
      feed.add('Pod', newPod('a'));
      store.restart('resume');
      feed.add('Pod', newPod('b'));
      expect(store.resourceVersion).toBe(2);
      expect(store.floor('Pod')).toBe(0);
    });

    it('(b) compact keeps state, bumps the resourceVersion and compacts history', () => {
      const store = createClusterStore({ restartBump: 100 });
      const feed = createFeed(store);
      feed.add('Pod', newPod('a'));
      feed.add('Pod', newPod('b'));
      store.restart('compact');
      expect(store.resourceVersion).toBe(102);
      expect(store.floor('Pod')).toBe(102);
      expect(store.snapshot('Pod').items).toHaveLength(2);
      feed.modify('Pod', newPod('a', { ready: false }));
      expect(store.get('Pod', 'default', 'a')?.rv).toBe(103);
      expect(store.rvOffset).toBe(100);
    });

    it('(c) fresh empties the cluster and accepts an engine that counts from 1 again', () => {
      const store = createClusterStore({ restartBump: 100 });
      createFeed(store).add('Pod', newPod('a'));
      store.restart('fresh');
      expect(store.snapshot('Pod').items).toEqual([]);
      const engine2 = createFeed(store, 1);
      engine2.add('Pod', newPod('a', { uid: 'new-uid' }));
      expect(store.get('Pod', 'default', 'a')).toMatchObject({
        rv: 102,
        object: { metadata: { uid: 'new-uid' } },
      });
    });

    it('seeds from rvOffset and shifts engine numbering after synthetic changes', () => {
      const store = createClusterStore({ rvOffset: 5000 });
      const feed = createFeed(store);
      feed.add('Pod', newPod('a'));
      expect(store.resourceVersion).toBe(5001);
      store.inject([{ type: 'MODIFIED', kind: 'Pod', object: newPod('a', { ready: false }) }]);
      expect(store.resourceVersion).toBe(5002);
      feed.modify('Pod', newPod('a'));
      expect(store.resourceVersion).toBe(5003);
      expect(store.rvOffset).toBe(5001);
    });
  });

  it('waits for a resourceVersion, bounded in time', async () => {
    const store = createClusterStore();
    const feed = createFeed(store);
    const reached = store.waitForResourceVersion(2, 1000);
    feed.add('Pod', newPod('a'));
    feed.add('Pod', newPod('b'));
    await expect(reached).resolves.toBe(true);
    await expect(store.waitForResourceVersion(99, 20)).resolves.toBe(false);
  });
});
