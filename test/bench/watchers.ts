import { request } from 'node:http';

/** A raw watch stream that counts the events it receives (one JSON object per line). */
export interface CountingWatcher {
  events(): number;
  /** Resolves once `count` events arrived or `timeoutMs` passed; returns the events seen. */
  waitFor(count: number, timeoutMs: number): Promise<number>;
  close(): void;
}

export function watch(url: string): CountingWatcher {
  let events = 0;
  let waiting: { count: number; resolve: (n: number) => void } | undefined;
  const req = request(url, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) events++;
      if (waiting && events >= waiting.count) {
        waiting.resolve(events);
        waiting = undefined;
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    events: () => events,
    waitFor(count, timeoutMs) {
      if (events >= count) return Promise.resolve(events);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          resolve(events);
        }, timeoutMs);
        waiting = {
          count,
          resolve: (n) => {
            clearTimeout(timer);
            resolve(n);
          },
        };
      });
    },
    close: () => req.destroy(),
  };
}

/** Fetches a URL and returns its status, body size in bytes and the time it took. */
export async function timedGet(url: string): Promise<{ ms: number; bytes: number; items: number }> {
  const start = performance.now();
  const response = await fetch(url);
  const text = await response.text();
  const ms = performance.now() - start;
  const items = (JSON.parse(text) as { items?: unknown[] }).items?.length ?? 0;
  return { ms, bytes: Buffer.byteLength(text), items };
}
