import type { ServerResponse } from 'node:http';

/** Node timers hold at most 2^31−1 ms; a longer delay fires after 1 ms (TimeoutOverflowWarning). */
export const timerMs = (ms: number): number => Math.min(ms, 2 ** 31 - 1);

interface WatchStreamOptions {
  /** How long a congested stream may wait for `drain` before it is closed (the cacher's budget). */
  slowBudgetMs: number;
  /** Live lines queued while congested or behind the catch-up; one more closes the stream. */
  maxPendingLines: number;
  /** Called once when the stream is finished, for whatever reason. */
  onClosed: () => void;
}

/**
 * The byte level of one watch response: writes lines, handles back-pressure like the
 * apiserver's cacher (a watcher that cannot take events within a budget, or falls too far behind
 * on live events, is closed, so it re-watches from its last resourceVersion), and carries the
 * stream faults (cut after K bytes or mid-line, stall, end with a partial line).
 */
export class WatchStream {
  private bytes = 0;
  private finished = false;
  private stalled = false;
  private congested = false;
  private catchingUp = false;
  /** Lines held back, as the (shared, cached) strings every watcher of an event gets. */
  private pending: string[] = [];
  /** How many of `pending` are already sent: a burst's backlog is taken by index. */
  private pendingSent = 0;
  private drainWaiter: (() => void) | undefined;
  private slowTimer: NodeJS.Timeout | undefined;
  private cutAt: number | undefined;
  private cutMidNextLine = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: WatchStreamOptions,
  ) {
    res.on('drain', () => this.drained());
    res.on('close', () => this.finish());
  }

  get open(): boolean {
    return !this.finished;
  }

  /** Live lines held back, not yet handed to the socket. */
  get backlog(): number {
    return this.pending.length - this.pendingSent;
  }

  /** Writes one complete live line (the caller includes the trailing newline). */
  writeLine(line: string): void {
    if (this.finished || this.stalled) return;
    if (this.congested || this.catchingUp) {
      this.pending.push(line);
      if (this.pending.length - this.pendingSent > this.options.maxPendingLines) this.end();
      return;
    }
    this.emit(line);
  }

  /**
   * Writes the catch-up (initial or replayed events) with back-pressure: whenever the socket
   * does not take a line at once, waits for `drain`, each wait bounded by the budget. Live lines
   * queue behind it and are sent after it. Resolves true when every line was written and the
   * stream still runs (not ended, not stalled).
   */
  async catchUp(lines: Iterable<string>): Promise<boolean> {
    this.catchingUp = true;
    for (const line of lines) {
      if (this.finished || this.stalled) break;
      this.emit(line);
      if (this.congested) await new Promise<void>((resolve) => (this.drainWaiter = resolve));
    }
    this.catchingUp = false;
    this.flushPending();
    return !this.finished && !this.stalled;
  }

  /** Destroys the connection once `afterBytes` more bytes are written, or halfway through the next line. */
  cut(afterBytes: number | undefined): void {
    if (afterBytes === undefined) this.cutMidNextLine = true;
    else this.cutAt = this.bytes + this.pendingBytes() + afterBytes;
  }

  /** Black-holes the stream: the socket stays open, nothing more is sent. */
  stall(): void {
    this.stalled = true;
    this.clearSlowTimer();
    this.dropPending();
    this.wakeCatchUp();
  }

  /**
   * Ends the response cleanly (terminating chunk), optionally after an unterminated fragment.
   * A client that does not read the end within the budget is disconnected.
   */
  end(fragment?: string): void {
    if (this.finished) return;
    if (fragment !== undefined && !this.congested) this.res.write(fragment);
    this.dropPending();
    this.clearSlowTimer();
    this.res.end();
    const timer = setTimeout(() => this.res.destroy(), timerMs(this.options.slowBudgetMs));
    timer.unref();
    this.res.once('close', () => clearTimeout(timer));
    this.finish();
  }

  /** Drops the connection without a terminating chunk (the client sees a premature close). */
  destroy(): void {
    this.res.destroy();
    this.finish();
  }

  private emit(line: string): void {
    const chunk = Buffer.from(line);
    if (this.cutMidNextLine) {
      this.cutMidNextLine = false;
      this.cutAt = this.bytes + Math.max(1, Math.floor(chunk.length / 2));
    }
    if (this.cutAt !== undefined && this.bytes + chunk.length >= this.cutAt) {
      const part = chunk.subarray(0, Math.max(0, this.cutAt - this.bytes));
      this.bytes += part.length;
      this.res.write(part, () => this.res.destroy());
      this.finish();
      return;
    }
    this.bytes += chunk.length;
    if (!this.res.write(chunk)) {
      this.congested = true;
      this.slowTimer ??= setTimeout(() => this.end(), timerMs(this.options.slowBudgetMs));
      this.slowTimer.unref();
    }
  }

  private drained(): void {
    this.congested = false;
    this.clearSlowTimer();
    this.wakeCatchUp();
    if (!this.catchingUp) this.flushPending();
  }

  private wakeCatchUp(): void {
    const waiter = this.drainWaiter;
    this.drainWaiter = undefined;
    waiter?.();
  }

  private flushPending(): void {
    while (!this.finished && !this.congested && this.pendingSent < this.pending.length) {
      this.emit(this.pending[this.pendingSent++] as string);
    }
    if (this.pendingSent === this.pending.length) this.dropPending();
    else if (this.pendingSent > 1024 && this.pendingSent * 2 > this.pending.length) {
      // A watcher that keeps up but stays behind never empties the queue: let go of what it took.
      this.pending = this.pending.slice(this.pendingSent);
      this.pendingSent = 0;
    }
  }

  private dropPending(): void {
    this.pending = [];
    this.pendingSent = 0;
  }

  private pendingBytes(): number {
    let bytes = 0;
    for (let i = this.pendingSent; i < this.pending.length; i++) {
      bytes += Buffer.byteLength(this.pending[i] as string);
    }
    return bytes;
  }

  private clearSlowTimer(): void {
    clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearSlowTimer();
    this.wakeCatchUp();
    this.options.onClosed();
  }
}
