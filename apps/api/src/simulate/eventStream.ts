import type { Response } from 'express';

/**
 * A simulation streamed as server-sent events: `progress` events while it runs, then one
 * `report` or `error` event, and the end of the response. Headers go out at once, with
 * `X-Accel-Buffering: no` so that a proxy does not hold the progress back.
 */
export class SimulationEventStream {
  constructor(private readonly response: Response) {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store, no-transform',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
  }

  send(event: 'progress' | 'report' | 'error', data: unknown): void {
    if (this.response.writableEnded || this.response.destroyed) return;
    this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (!this.response.writableEnded) this.response.end();
  }
}

/** Whether the client asked for a stream (`Accept: text/event-stream`). */
export function wantsEventStream(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((type) => type.trim().startsWith('text/event-stream'));
}
