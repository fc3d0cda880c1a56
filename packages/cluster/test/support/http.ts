import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { waitFor } from './wait.ts';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  json(): any;
}

function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: false,
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no response to ${path} in 10 s`)));
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

/** One plain node:http request; the whole body is read. */
export async function get(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const res = await send(base, path, options);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  return { status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) };
}

/** A raw watch response, read line by line as it arrives. */
export interface WatchReader {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Complete lines received so far. */
  readonly lines: string[];
  /** Bytes after the last newline (a partial line). */
  readonly rest: string;
  /** 'open', 'ended' (clean end of the chunked body) or 'aborted' (connection dropped). */
  readonly state: 'open' | 'ended' | 'aborted';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  events(): { type: string; object: any }[];
  waitForLines(count: number, timeoutMs?: number): Promise<void>;
  waitForClose(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens a watch; resolves once the response headers arrive (before any event). */
export async function openWatch(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<WatchReader> {
  const res = await send(base, path, { headers });
  const lines: string[] = [];
  let rest = '';
  let state: WatchReader['state'] = 'open';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  res.on('end', () => {
    if (state === 'open') state = 'ended';
  });
  res.on('aborted', () => {
    state = 'aborted';
  });
  res.on('error', () => {
    state = 'aborted';
  });
  res.on('close', () => {
    if (state === 'open') state = res.complete ? 'ended' : 'aborted';
  });
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    lines,
    get rest() {
      return rest;
    },
    get state() {
      return state;
    },
    events: () => lines.map((line) => JSON.parse(line)),
    waitForLines: (count, timeoutMs = 5000) =>
      waitFor(() => lines.length >= count, `${count} watch lines (have ${lines.length})`, {
        timeoutMs,
      }),
    waitForClose: (timeoutMs = 5000) =>
      waitFor(() => state !== 'open', 'the watch to close', { timeoutMs }),
    close: () => res.destroy(),
  };
}
