import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WatchStream } from '../src/http/watchStream.ts';

/** A response whose socket takes `perDrain` writes, then pushes back until `drain()`. */
class SlowResponse extends EventEmitter {
  written: string[] = [];
  private room: number;
  constructor(private readonly perDrain: number) {
    super();
    this.room = perDrain;
  }
  write(chunk: Buffer): boolean {
    this.written.push(chunk.toString());
    this.room -= 1;
    return this.room > 0;
  }
  drain(): void {
    this.room = this.perDrain;
    this.emit('drain');
  }
  end(): void {}
  destroy(): void {}
}

describe('WatchStream', () => {
  it('keeps a watcher that stays behind to its backlog, in order, without holding what it took', () => {
    const res = new SlowResponse(10);
    const stream = new WatchStream(res as unknown as ServerResponse, {
      slowBudgetMs: 60_000,
      maxPendingLines: 1_000,
      onClosed: () => undefined,
    });
    let line = 0;
    const send = (count: number) => {
      for (let i = 0; i < count; i++) stream.writeLine(`${line++}\n`);
    };
    send(60); // 10 go out, 50 wait
    for (let round = 0; round < 5_000; round++) {
      res.drain(); // 10 more go out…
      send(10); // …and 10 more come in: always 50 behind
    }
    expect(stream.open).toBe(true);
    expect(stream.backlog).toBe(50);
    expect(res.written).toEqual(Array.from({ length: line - 50 }, (_, i) => `${i}\n`));
    // The lines already sent are let go of: what it holds stays near its backlog.
    const held = (stream as unknown as { pending: string[] }).pending.length;
    expect(held).toBeLessThan(3_000);
  });
});
