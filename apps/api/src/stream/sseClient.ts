import type { ServerResponse } from 'node:http';

export interface SseClientOptions {
  /** Bytes a client may have unsent before it is dropped (it reconnects and resumes). */
  maxBufferBytes: number;
  /** How long a client may have unsent bytes without draining before it is dropped. */
  maxStallMs: number;
  /** The browser's reconnect delay, sent once as `retry:`. */
  retryMs: number;
  now: () => number;
}

/**
 * One tab's server-sent-events connection. Headers go out at once (a proxy or EventSource waits
 * for them), with `X-Accel-Buffering: no` so nginx does not hold events back. A client that stops
 * reading is dropped instead of being buffered without end (watch-protocol.md R18); EventSource
 * reconnects by itself and resumes with Last-Event-ID.
 */
export class SseClient {
  private stalledSince: number | undefined;
  closed = false;

  constructor(
    readonly response: ServerResponse,
    readonly services: ReadonlySet<string>,
    private readonly options: SseClientOptions,
  ) {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store, no-transform',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.on('drain', () => (this.stalledSince = undefined));
    response.on('close', () => (this.closed = true));
    this.write(`retry: ${options.retryMs}\n\n`);
  }

  send(event: string, id: string, data: string): void {
    this.write(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
  }

  heartbeat(): void {
    this.write(': ping\n\n');
    const { stalledSince } = this;
    if (stalledSince !== undefined && this.options.now() - stalledSince > this.options.maxStallMs) {
      this.drop();
    }
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.response.end();
  }

  /** A backlog over the cap drops the client; one large message (a snapshot) alone does not. */
  private write(text: string): void {
    if (this.closed) return;
    if (this.response.writableLength > this.options.maxBufferBytes) {
      this.drop();
      return;
    }
    const drained = this.response.write(text);
    if (!drained && this.stalledSince === undefined) this.stalledSince = this.options.now();
  }

  private drop(): void {
    this.closed = true;
    this.response.destroy();
  }
}
