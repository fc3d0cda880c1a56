/** One dispatched server-sent event (WHATWG HTML "Server-sent events", event stream parsing). */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** An open stream read event by event, with a deadline for each. */
export interface SseReader {
  status: number;
  headers: Headers;
  /** The retry: value the server sent, once it was read. */
  retry(): number | undefined;
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Resolves true when no event arrives within `ms` (the stream stays usable). */
  quiet(ms: number): Promise<boolean>;
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let retry: number | undefined;
  let ended: Error | undefined;
  let buffer = '';

  const dispatch = (block: string): void => {
    const event: SseEvent = { id: undefined, event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') retry = Number(value);
    }
    if (data.length === 0) return;
    event.data = data.join('\n');
    events.push(event);
  };
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };

  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        wake();
      }
      ended = new Error('the stream ended');
    } catch (error) {
      ended = error as Error;
    }
    wake();
  })();

  const waitFor = (timeoutMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  return {
    status: response.status,
    headers: response.headers,
    retry: () => retry,
    async next(timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        if (ended) throw ended;
        const left = deadline - Date.now();
        if (left <= 0 || !(await waitFor(left))) {
          throw new Error(`no event within ${timeoutMs} ms`);
        }
      }
      return events.shift() as SseEvent;
    },
    async quiet(ms) {
      const deadline = Date.now() + ms;
      while (events.length === 0 && !ended && Date.now() < deadline) {
        await waitFor(deadline - Date.now());
      }
      return events.length === 0;
    },
    close: () => controller.abort(),
  };
}
