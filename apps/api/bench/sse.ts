import { request } from 'node:http';
import { wallNow } from './rpc.ts';

/** One server-sent event, stamped with the wall-clock time its last byte arrived. */
export interface SseMessage {
  id: string;
  event: string;
  data: string;
  at: number;
}

export interface SseStream {
  /** The first message (the snapshot), with the ms from request to its last byte. */
  readonly first: Promise<{ message: SseMessage; ms: number }>;
  close(): void;
}

/**
 * A bare EventSource over node:http (no pooling: one socket per stream, like one browser tab).
 * `onMessage` sees every event; comments (`: ping`) and `retry:` are skipped.
 */
export function openStream(
  url: string,
  onMessage: (message: SseMessage) => void = () => undefined,
): SseStream {
  const start = performance.now();
  let resolveFirst: (value: { message: SseMessage; ms: number }) => void = () => undefined;
  let rejectFirst: (error: Error) => void = () => undefined;
  const first = new Promise<{ message: SseMessage; ms: number }>((resolve, reject) => {
    resolveFirst = resolve;
    rejectFirst = reject;
  });
  let gotFirst = false;
  // Chunks of the event being received; joined only once its blank line arrives, so a large
  // snapshot costs the client one copy, not one per chunk.
  let pending: string[] = [];
  let pendingEndsWithNewline = false;
  const req = request(url, { agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200) {
      rejectFirst(new Error(`GET ${url}: ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const at = wallNow();
      let rest = chunk;
      for (;;) {
        let end: number;
        let skip = 2;
        if (pendingEndsWithNewline && rest.startsWith('\n')) {
          end = 0;
          skip = 1;
          const last = pending.length - 1;
          pending[last] = (pending[last] as string).slice(0, -1);
        } else end = rest.indexOf('\n\n');
        if (end === -1) {
          if (rest !== '') {
            pending.push(rest);
            pendingEndsWithNewline = rest.endsWith('\n');
          }
          return;
        }
        pending.push(rest.slice(0, end));
        const block = pending.join('');
        pending = [];
        pendingEndsWithNewline = false;
        rest = rest.slice(end + skip);
        const message = parseBlock(block, at);
        if (message) {
          if (!gotFirst) {
            gotFirst = true;
            resolveFirst({ message, ms: performance.now() - start });
          }
          onMessage(message);
        }
      }
    });
    res.on('error', () => undefined);
  });
  req.on('error', (error) => rejectFirst(error));
  req.end();
  return { first, close: () => req.destroy() };
}

function parseBlock(block: string, at: number): SseMessage | undefined {
  let id = '';
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('data: ')) data.push(line.slice(6));
    else if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) event = line.slice(7);
  }
  return data.length === 0 ? undefined : { id, event, data: data.join('\n'), at };
}

/** GET to the last byte: time, size and the body. */
export async function timedGet(url: string): Promise<{ ms: number; bytes: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return { ms, bytes: Buffer.byteLength(body), body };
}
