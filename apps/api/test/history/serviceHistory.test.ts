import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '@slicescope/core';
import { createServiceHistory } from '../../src/history/serviceHistory.ts';
import { createClusterModel, type ModelChange } from '../../src/model/clusterModel.ts';
import { recordHistory } from '../../src/live/watchedCluster.ts';

const slice = (
  name: string,
  endpoints: { ip: string; ready?: boolean; zone?: string }[],
  trigger?: string,
  service = 'web',
): EndpointSlice => ({
  metadata: {
    name,
    namespace: 'shop',
    labels: { 'kubernetes.io/service-name': service },
    ...(trigger
      ? { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': trigger } }
      : {}),
  },
  addressType: 'IPv4',
  endpoints: endpoints.map((e) => ({
    addresses: [e.ip],
    conditions: { ready: e.ready ?? true },
    ...(e.zone ? { hints: { forZones: [{ name: e.zone }] } } : {}),
  })),
});
const change = (previous?: EndpointSlice, object?: EndpointSlice): ModelChange => ({
  kind: 'EndpointSlice',
  key: `shop/${(object ?? previous)?.metadata.name}`,
  object,
  previous,
});

describe('the per-Service history of slice writes', () => {
  it('groups the writes of one sync (same trigger time) and says what changed per endpoint', () => {
    let now = 1000;
    const history = createServiceHistory({ now: () => now, monotonic: () => now });
    const a1 = slice('web-a', [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], 't1');
    history.record(change(undefined, a1));
    now += 50;
    const b1 = slice('web-b', [{ ip: '10.0.0.3' }], 't1');
    history.record(change(undefined, b1));
    now += 5000;
    const a2 = slice(
      'web-a',
      [{ ip: '10.0.0.1', ready: false, zone: 'a' }, { ip: '10.0.0.4' }],
      't2',
    );
    history.record(change(a1, a2));
    history.record(change(b1, undefined));
    const { entries, dropped } = history.history('shop/web');
    expect(dropped).toBe(0);
    expect(entries.map((e) => [e.triggerTime, e.changes.map((c) => `${c.op} ${c.slice}`)])).toEqual(
      [
        ['t1', ['created web-a', 'created web-b']],
        // A deletion carries no trigger time: it joins the sync it falls in.
        ['t2', ['updated web-a', 'deleted web-b']],
      ],
    );
    expect(entries[1]?.changes[0]).toEqual({
      slice: 'web-a',
      op: 'updated',
      added: ['10.0.0.4'],
      removed: ['10.0.0.2'],
      conditions: ['10.0.0.1'],
      hints: ['10.0.0.1'],
      before: {
        addressType: 'IPv4',
        ports: [],
        triggerTime: 't1',
        endpoints: [
          { addresses: ['10.0.0.1'], ready: true, serving: true, terminating: false },
          { addresses: ['10.0.0.2'], ready: true, serving: true, terminating: false },
        ],
      },
    });
    expect(history.churn('shop/web')).toBe(4);
  });

  it('records a slice relabelled to another Service as leaving one and joining the other', () => {
    const history = createServiceHistory({ now: () => 0, monotonic: () => 0 });
    const a1 = slice('web-a', [{ ip: '10.0.0.1' }], 't1');
    history.record(change(undefined, a1));
    const moved: EndpointSlice = {
      ...a1,
      metadata: { ...a1.metadata, labels: { 'kubernetes.io/service-name': 'api' } },
    };
    history.record(change(a1, moved));
    const ops = (key: string) =>
      history.history(key).entries.flatMap((e) => e.changes.map((c) => `${c.op} ${c.slice}`));
    expect(ops('shop/web')).toEqual(['created web-a', 'deleted web-a']);
    expect(ops('shop/api')).toEqual(['created web-a']);
    expect(history.history('shop/api').entries[0]?.changes[0]?.added).toEqual(['10.0.0.1']);
  });

  it('is bounded by entries and bytes, counting what it dropped, and forgets deleted Services', () => {
    let now = 0;
    const history = createServiceHistory({
      now: () => now,
      monotonic: () => now,
      maxEntries: 5,
      maxBytes: 1_000_000,
    });
    let previous: EndpointSlice | undefined;
    for (let i = 0; i < 12; i++) {
      now += 1000;
      const next = slice('web-a', [{ ip: `10.0.1.${i}` }], `t${i}`);
      history.record(change(previous, next));
      previous = next;
    }
    expect(history.history('shop/web').entries).toHaveLength(5);
    expect(history.history('shop/web').dropped).toBe(7);
    const small = createServiceHistory({ now: () => now, monotonic: () => now, maxBytes: 400 });
    for (let i = 0; i < 10; i++) {
      now += 1000;
      small.record(change(undefined, slice(`web-${i}`, [{ ip: `10.0.2.${i}` }], `t${i}`)));
    }
    expect(small.history('shop/web').entries.length).toBeLessThan(10);
    expect(small.history('shop/web').entries.length).toBeGreaterThan(0);
    history.forget('shop/web');
    expect(history.history('shop/web')).toEqual({ entries: [], dropped: 0 });
    expect(history.churn('shop/web')).toBe(0);
  });
});

describe('the history of a deleted Service', () => {
  it('is forgotten, also when the garbage collector deletes its slices afterwards', () => {
    const model = createClusterModel();
    const history = createServiceHistory();
    recordHistory(model, history);
    const services = model.sink({ kind: 'Service', path: '/s' });
    const slices = model.sink({ kind: 'EndpointSlice', path: '/e' });
    const synced = {
      synced: true,
      since: 0,
      resourceVersion: '1',
      lists: 1,
      watches: 1,
      events: 0,
    };
    slices.status({ kind: 'EndpointSlice', phase: 'watching', ...synced });
    const service = {
      metadata: { name: 'web', namespace: 'shop', resourceVersion: '1' },
      spec: {},
    };
    services.event('ADDED', service);
    const a = {
      ...slice('web-a', [{ ip: '10.0.0.1' }]),
      metadata: { ...slice('web-a', []).metadata, resourceVersion: '2' },
    };
    slices.event('ADDED', a);
    expect(history.churn('shop/web')).toBe(1);
    services.event('DELETED', {
      ...service,
      metadata: { ...service.metadata, resourceVersion: '3' },
    });
    slices.event('DELETED', { ...a, metadata: { ...a.metadata, resourceVersion: '4' } });
    expect(history.churn('shop/web')).toBe(0);
    expect(history.history('shop/web')).toEqual({ entries: [], dropped: 0 });
  });
});

describe('sync numbers', () => {
  it("count each Service's syncs 1, 2, 3 however the writes of other Services interleave", () => {
    let now = 0;
    const history = createServiceHistory({ now: () => now, monotonic: () => now });
    const other = (name: string, trigger: string): EndpointSlice => ({
      ...slice(name, [{ ip: '10.1.0.1' }], trigger),
      metadata: {
        name,
        namespace: 'shop',
        labels: { 'kubernetes.io/service-name': 'api' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': trigger },
      },
    });
    for (let sync = 1; sync <= 3; sync++) {
      now += 1000;
      history.record(change(undefined, other(`api-${sync}`, `t${sync}`)));
      history.record(change(undefined, other(`api-x${sync}`, `u${sync}`)));
      history.record(change(undefined, slice(`web-${sync}`, [{ ip: '10.0.0.1' }], `t${sync}`)));
    }
    expect(history.history('shop/web').entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(history.history('shop/api').entries.map((entry) => entry.seq)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });
});

describe('the bound on the history of all Services together', () => {
  /** The bytes the history counts for its entries: 64 plus the JSON of each change. */
  const bytesOf = (history: ReturnType<typeof createServiceHistory>, services: string[]) =>
    services
      .flatMap((key) => history.history(key).entries)
      .flatMap((entry) => entry.changes)
      .reduce((sum, diff) => sum + 64 + JSON.stringify(diff).length, 0);

  it("drops the cluster's oldest entries first, whichever Service they belong to", () => {
    let now = 0;
    const write = (service: string, i: number) => {
      now += 1000;
      history.record(
        change(undefined, slice(`${service}-${i}`, [{ ip: '10.0.0.1' }], `t${i}`, service)),
      );
    };
    let history = createServiceHistory({ now: () => now, monotonic: () => now });
    write('web', 0);
    const one = bytesOf(history, ['shop/web']);
    history = createServiceHistory({
      now: () => now,
      monotonic: () => now,
      maxTotalBytes: 4 * one,
    });
    for (let i = 0; i < 3; i++) write('web', i);
    for (let i = 0; i < 3; i++) write('api', i);
    const web = history.history('shop/web');
    expect(web.entries.map((entry) => entry.seq)).toEqual([3]);
    expect(web.dropped).toBe(2);
    expect(history.history('shop/api').entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(bytesOf(history, ['shop/web', 'shop/api'])).toBe(4 * one);
    // A forgotten Service's entries leave room for the others'.
    history.forget('shop/api');
    for (let i = 3; i < 6; i++) write('web', i);
    expect(history.history('shop/web').entries.map((entry) => entry.seq)).toEqual([3, 4, 5, 6]);
  });

  it('stays right over thousands of writes, past the compaction of its queue', () => {
    let now = 0;
    const write = (history: ReturnType<typeof createServiceHistory>, i: number) => {
      now += 1000;
      const service = i % 3 === 0 ? 'api' : 'web';
      const name = `${service}-${String(i).padStart(4, '0')}`;
      history.record(change(undefined, slice(name, [], `t${i}`, service)));
    };
    const probe = createServiceHistory({ now: () => now, monotonic: () => now });
    write(probe, 1);
    const one = bytesOf(probe, ['shop/web']);
    const history = createServiceHistory({
      now: () => now,
      monotonic: () => now,
      maxEntries: 3,
      maxTotalBytes: 4 * one,
    });
    for (let i = 0; i < 5000; i++) write(history, i);
    // 1,667 syncs of api and 3,333 of web; the newest four writes are web, web, api, web.
    expect(history.history('shop/api').entries.map((entry) => entry.seq)).toEqual([1667]);
    expect(history.history('shop/web').entries.map((entry) => entry.seq)).toEqual([
      3331, 3332, 3333,
    ]);
    expect(history.history('shop/web').dropped).toBe(3330);
    expect(history.history('shop/api').dropped).toBe(1666);
  });

  it('keeps the newest entries of the cluster within the bound, whatever the writes', () => {
    const services = ['a', 'b', 'c', 'd'];
    const operation = fc.oneof(
      fc.record({
        service: fc.constantFrom(...services),
        slice: fc.nat(3),
        ips: fc.integer({ min: 0, max: 4 }),
      }),
      fc.record({ forget: fc.constantFrom(...services) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 3000 }),
        fc.array(operation, { maxLength: 80 }),
        (maxTotalBytes, operations) => {
          let now = 0;
          const history = createServiceHistory({
            now: () => now,
            monotonic: () => now,
            maxTotalBytes,
          });
          // Every sync written and not forgotten, oldest first: the kept ones are its newest.
          const written: { key: string; seq: number }[] = [];
          const syncs = new Map<string, number>();
          const previous = new Map<string, EndpointSlice>();
          for (const op of operations) {
            if ('forget' in op) {
              const key = `shop/${op.forget}`;
              history.forget(key);
              syncs.delete(key);
              for (const [name, kept] of previous)
                if (kept.metadata.labels?.['kubernetes.io/service-name'] === op.forget)
                  previous.delete(name);
              written.splice(0, written.length, ...written.filter((w) => w.key !== key));
              continue;
            }
            now += 1000;
            const name = `${op.service}-${op.slice}`;
            const ips = Array.from({ length: op.ips }, (_, i) => ({ ip: `10.0.${op.slice}.${i}` }));
            const next = slice(name, ips, `t${now}`, op.service);
            history.record(change(previous.get(name), next));
            previous.set(name, next);
            const key = `shop/${op.service}`;
            const seq = (syncs.get(key) ?? 0) + 1;
            syncs.set(key, seq);
            written.push({ key, seq });
          }
          const keys = services.map((service) => `shop/${service}`);
          expect(bytesOf(history, keys)).toBeLessThanOrEqual(maxTotalBytes);
          const kept = keys.flatMap((key) =>
            history.history(key).entries.map((entry) => ({ key, seq: entry.seq })),
          );
          const newest = written.slice(written.length - kept.length);
          const order = (a: { key: string; seq: number }, b: { key: string; seq: number }) =>
            a.key.localeCompare(b.key) || a.seq - b.seq;
          expect([...kept].sort(order)).toEqual([...newest].sort(order));
          for (const key of keys) {
            const { entries, dropped } = history.history(key);
            expect(entries.length + dropped).toBe(syncs.get(key) ?? 0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
