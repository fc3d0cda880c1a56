import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventHistory, WATCH_CACHE_SIZING } from '../src/store/eventHistory.ts';
import type { StoredEvent } from '../src/store/types.ts';
import { newPod } from './support/builders.ts';

const pod = newPod('web-0');
const event = (rv: number, at: number): StoredEvent => ({
  type: 'MODIFIED',
  kind: 'Pod',
  key: 'default/web-0',
  namespace: 'default',
  rv,
  object: pod,
  at,
});

/** A history sized like the watch cache, with `count` events appended at `at(i)` ms. */
function sizedHistory(count: number, at: (i: number) => number) {
  const history = createEventHistory({
    capacity: undefined,
    maxAgeMs: undefined,
    now: () => 0,
    floor: 0,
  });
  for (let i = 1; i <= count; i++) history.append(event(i, at(i)));
  return history;
}

describe('the watch cache sizing of the event history (watch_cache.go resizeCacheLocked)', () => {
  it('starts at 100 events and doubles when full of fresh events, up to 102,400', () => {
    expect(sizedHistory(100, () => 0).capacity).toBe(100);
    // The 101st event finds the window full and all of it younger than 75 s: 200.
    const grown = sizedHistory(101, () => 0);
    expect([grown.capacity, grown.floor]).toEqual([200, 0]);
    const burst = sizedHistory(70_000, () => 0);
    expect([burst.capacity, burst.floor, burst.since(0).length]).toEqual([102_400, 0, 70_000]);
    const capped = sizedHistory(150_000, () => 0);
    expect([capped.capacity, capped.floor]).toEqual([102_400, 150_000 - 102_400]);
  });

  it('stays at its size when the oldest event is 75 s old, dropping the oldest', () => {
    // One event a second: a full window of 100 spans 99 s, so it never grows.
    const steady = sizedHistory(1_000, (i) => i * 1000);
    expect([steady.capacity, steady.floor]).toEqual([100, 900]);
    expect(steady.since(steady.floor).map((e) => e.rv)).toEqual(
      Array.from({ length: 100 }, (_, i) => 901 + i),
    );
  });

  it('halves, down to 100, once all but its newest quarter is older than 75 s', () => {
    const history = createEventHistory({
      capacity: undefined,
      maxAgeMs: undefined,
      now: () => 0,
      floor: 0,
    });
    for (let i = 1; i <= 800; i++) history.append(event(i, 0));
    expect(history.capacity).toBe(800);
    // 76 s later the whole window is stale: each append finding it full halves it.
    history.append(event(801, 76_000));
    expect([history.capacity, history.floor]).toEqual([400, 401]);
    const capacities = [802, 803, 804].map((rv) => {
      history.append(event(rv, 76_000));
      return history.capacity;
    });
    expect(capacities).toEqual([200, 100, WATCH_CACHE_SIZING.lowerBound]);
    expect(history.since(history.floor).map((e) => e.rv)).toEqual(
      Array.from({ length: 100 }, (_, i) => 705 + i),
    );
    // Once fresh events fill it again, it grows again.
    for (let rv = 805; rv <= 905; rv++) history.append(event(rv, 76_000));
    expect(history.capacity).toBe(200);
  });

  it('keeps a fixed capacity when one is given', () => {
    const history = createEventHistory({
      capacity: 3,
      maxAgeMs: undefined,
      now: () => 0,
      floor: 0,
    });
    for (let i = 1; i <= 10; i++) history.append(event(i, 0));
    expect([history.capacity, history.floor, history.since(7).length]).toEqual([3, 7, 3]);
  });

  it('holds every event above its floor, within its bounds, for any pace of writes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40_000 }), { maxLength: 3_000 }), (gaps) => {
        const history = createEventHistory({
          capacity: undefined,
          maxAgeMs: undefined,
          now: () => 0,
          floor: 0,
        });
        let at = 0;
        gaps.forEach((gap, i) => {
          at += gap;
          history.append(event(i + 1, at));
        });
        const kept = history.since(history.floor).map((e) => e.rv);
        const { lowerBound, upperBound } = WATCH_CACHE_SIZING;
        expect(history.capacity).toBeGreaterThanOrEqual(lowerBound);
        expect(history.capacity).toBeLessThanOrEqual(upperBound);
        expect(kept.length).toBeLessThanOrEqual(history.capacity);
        expect(kept).toEqual(
          Array.from({ length: gaps.length - history.floor }, (_, i) => history.floor + i + 1),
        );
      }),
      { numRuns: 200 },
    );
  });
});
