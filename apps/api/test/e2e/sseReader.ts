import {
  emptyStreamState,
  foldStream,
  streamMessageSchema,
  type StreamState,
} from '@slicescope/contract';
import { openSse, type SseReader as SseStream } from '../support/sse.ts';

/**
 * A headless dashboard tab: reads the server-sent-events stream, folds every message into its
 * state with the contract's reducer, and keeps the last event id for a reconnect.
 */
export class SseReader {
  state: StreamState = emptyStreamState();
  lastEventId: string | undefined;
  readonly events: { event: string; id: string }[] = [];
  status = 0;
  private stream: SseStream | undefined;
  private pumping: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async open(): Promise<this> {
    const stream = await openSse(this.url, this.headers);
    this.stream = stream;
    this.status = stream.status;
    this.pumping = this.pump(stream);
    return this;
  }

  /** Folds events until the stream ends or is closed. */
  private async pump(stream: SseStream): Promise<void> {
    for (;;) {
      let event;
      try {
        event = await stream.next(3_600_000);
      } catch {
        return;
      }
      const message = streamMessageSchema.parse(JSON.parse(event.data));
      this.state = foldStream(this.state, message);
      this.lastEventId = event.id;
      this.events.push({ event: event.event, id: event.id ?? '' });
    }
  }

  async close(): Promise<void> {
    this.stream?.close();
    await this.pumping;
  }
}
