import { request } from 'node:http';
import { wallNow } from './rpc.ts';

/**
 * The baseline consumer of a watch: splits the body into lines and JSON.parses each, nothing
 * else — the least any informer must do per event. Resolves with the wall-clock time the
 * `count`-th event arrived (or rejects after `timeoutMs`).
 */
export function bareWatch(
  url: string,
  count: number,
  timeoutMs: number,
): { opened: Promise<void>; done: Promise<{ at: number; events: number }>; close(): void } {
  let events = 0;
  let rest = '';
  let resolveOpened: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (resolveOpened = resolve));
  let req: ReturnType<typeof request> | undefined;
  const done = new Promise<{ at: number; events: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      req?.destroy();
      reject(new Error(`bare watch: ${events} of ${count} events in ${timeoutMs} ms`));
    }, timeoutMs);
    req = request(url, { agent: false }, (res) => {
      resolveOpened();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const event = JSON.parse(line) as { type: string };
          if (event.type !== 'BOOKMARK') events++;
        }
        if (events >= count) {
          clearTimeout(timer);
          resolve({ at: wallNow(), events });
          req?.destroy();
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', () => undefined);
    req.end();
  });
  return { opened, done, close: () => req?.destroy() };
}
