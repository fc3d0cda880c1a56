import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../src/informer/backoff.ts';

describe('createBackoff', () => {
  const make = (random: () => number) => {
    let time = 0;
    const backoff = createBackoff({
      initialMs: 800,
      maxMs: 30_000,
      resetMs: 120_000,
      now: () => time,
      random,
    });
    return { backoff, advance: (ms: number) => (time += ms) };
  };

  it('doubles its ceiling from 800 ms up to the 30 s cap (client-go defaults)', () => {
    const { backoff, advance } = make(() => 0.999_999);
    const delays = Array.from({ length: 8 }, () => {
      const delay = backoff.next();
      advance(delay);
      return Math.ceil(delay / 100) * 100;
    });
    expect(delays).toEqual([800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000]);
  });

  it('uses full jitter: uniform in [0, ceiling)', () => {
    const { backoff } = make(() => 0.25);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([200, 400, 800]);
  });

  it('starts over after resetMs without a back-off', () => {
    const { backoff, advance } = make(() => 0.5);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([400, 800, 1600]);
    advance(119_999);
    expect(backoff.next()).toBe(3200);
    advance(120_000);
    expect(backoff.next()).toBe(400);
  });
});
