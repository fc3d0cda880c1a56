import {
  emptyStreamState,
  foldStream,
  streamMessageSchema,
  type StreamState,
} from '@slicescope/contract';

/**
 * A headless dashboard tab: reads the server-sent-events stream, folds every message into its
 * state with the contract's reducer, and keeps the last event id for a reconnect.
 */
export class SseReader {
  state: StreamState = emptyStreamState();
  lastEventId: string | undefined;
  readonly events: { event: string; id: string }[] = [];
  status = 0;
  private readonly controller = new AbortController();
  private done: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async open(): Promise<this> {
    const response = await fetch(this.url, {
      headers: this.headers,
      signal: this.controller.signal,
    });
    this.status = response.status;
    if (!response.body) throw new Error('no body');
    this.done = this.read(response.body).catch(() => undefined);
    return this;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        this.handle(block);
      }
    }
  }

  private handle(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
    }
    if (fields.data === undefined) return;
    const message = streamMessageSchema.parse(JSON.parse(fields.data));
    this.state = foldStream(this.state, message);
    this.lastEventId = fields.id;
    this.events.push({ event: fields.event ?? 'message', id: fields.id ?? '' });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
