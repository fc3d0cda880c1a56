import type { ServerResponse } from 'node:http';

interface WatchStreamOptions {
  /** How long a congested stream may wait for `drain` before it is closed (the cacher's budget). */
  slowBudgetMs: number;
  /** Lines queued while congested; one more closes the stream at once. */
  maxPendingLines: number;
  /** Called once when the stream is finished, for whatever reason. */
  onClosed: () => void;
}

/**
 * The byte level of one watch response: writes lines, handles back-pressure like the
 * apiserver's cacher (a watcher that cannot take events within a budget is closed, so it
 * re-watches from its last resourceVersion), and carries the stream faults (cut after K bytes
 * or mid-line, stall, end with a partial line).
 */
export class WatchStream {
  private bytes = 0;
  private finished = false;
  private stalled = false;
  private congested = false;
  private pending: Buffer[] = [];
  private slowTimer: NodeJS.Timeout | undefined;
  private cutAt: number | undefined;
  private cutMidNextLine = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: WatchStreamOptions,
  ) {
    res.on('drain', () => this.flushPending());
    res.on('close', () => this.finish());
  }

  get open(): boolean {
    return !this.finished;
  }

  /** Writes one complete line (the caller includes the trailing newline). */
  writeLine(line: string): void {
    if (this.finished || this.stalled) return;
    const chunk = Buffer.from(line);
    if (this.cutMidNextLine) {
      this.cutMidNextLine = false;
      this.cutAt = this.bytes + this.pendingBytes() + Math.max(1, Math.floor(chunk.length / 2));
    }
    if (this.congested) {
      this.pending.push(chunk);
      if (this.pending.length > this.options.maxPendingLines) this.end();
      return;
    }
    this.emit(chunk);
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
    this.pending = [];
  }

  /**
   * Ends the response cleanly (terminating chunk), optionally after an unterminated fragment.
   * A client that does not read the end within the budget is disconnected.
   */
  end(fragment?: string): void {
    if (this.finished) return;
    if (fragment !== undefined && !this.congested) this.res.write(fragment);
    this.pending = [];
    this.clearSlowTimer();
    this.res.end();
    const timer = setTimeout(() => this.res.destroy(), this.options.slowBudgetMs);
    timer.unref();
    this.res.once('close', () => clearTimeout(timer));
    this.finish();
  }

  /** Drops the connection without a terminating chunk (the client sees a premature close). */
  destroy(): void {
    this.res.destroy();
    this.finish();
  }

  private emit(chunk: Buffer): void {
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
      this.slowTimer ??= setTimeout(() => this.end(), this.options.slowBudgetMs);
      this.slowTimer.unref();
    }
  }

  private flushPending(): void {
    this.congested = false;
    this.clearSlowTimer();
    while (!this.finished && !this.congested && this.pending.length > 0) {
      this.emit(this.pending.shift() as Buffer);
    }
  }

  private pendingBytes(): number {
    return this.pending.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  private clearSlowTimer(): void {
    clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearSlowTimer();
    this.options.onClosed();
  }
}
