import type { ServerResponse } from 'node:http';
import { KIND_RESOURCES, type KubeObject, type ObjectKind } from '@slicescope/core';
import type { ClusterStore } from '../store/clusterStore.ts';
import type { StoredEvent } from '../store/types.ts';
import type { Status } from './status.ts';
import { toTable, type TableOptions } from './table.ts';
import { timerMs, WatchStream } from './watchStream.ts';

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

interface WatchSessionConfig {
  kind: ObjectKind;
  store: ClusterStore;
  /** Namespace, label and field selection of this watch. */
  matches: (object: KubeObject) => boolean;
  /** Set when the client asked for Table events (`kubectl get -w`). */
  table: Omit<TableOptions, 'noHeaders' | 'now'> | undefined;
  now: () => number;
  allowBookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutMs: number;
  /** Live events at or below this resourceVersion are skipped (a watch from a future one). */
  minRv: number;
  slowBudgetMs: number;
  maxPendingLines: number;
  onClosed: (session: WatchSession) => void;
}

/** What a watch sends before it is live, in this order. */
export interface CatchUp {
  /** Synthetic ADDED events for the current state (watch from "" or "0", streaming lists). */
  initial?: readonly KubeObject[];
  /** Recorded events to replay through this watch's selection (watch from N). */
  events?: readonly StoredEvent[];
  /** Ends a streaming list: a BOOKMARK at this resourceVersion marked `k8s.io/initial-events-end`. */
  initialEventsEndRv?: number;
}

/**
 * The line last encoded for a stored object: the store hands each event to every watcher of its
 * kind in turn, so one encoding serves the whole fan-out. Only the last is kept; a line per
 * object of a 100,000-event history would double what the history holds. The price: watchers
 * that re-watch each encode their replay again.
 */
let lastLine: { type: WatchEventType; object: object; line: string } | undefined;

function eventLine(type: WatchEventType, object: object): string {
  if (lastLine?.object === object && lastLine.type === type) return lastLine.line;
  const line = `${JSON.stringify({ type, object })}\n`;
  if (type !== 'BOOKMARK' && type !== 'ERROR') lastLine = { type, object, line };
  return line;
}

function withResourceVersion(object: KubeObject, rv: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } } as KubeObject;
}

/**
 * One open watch: turns store events into watch events for this watcher's selection — an object
 * that starts matching is ADDED, one that stops matching is DELETED (with the event's
 * resourceVersion), as the cacher does — sends bookmarks when asked, and ends at its timeout.
 */
export class WatchSession {
  readonly kind: ObjectKind;
  private readonly stream: WatchStream;
  private unsubscribe: (() => void) | undefined;
  private bookmarkTimer: NodeJS.Timeout | undefined;
  private timeoutTimer: NodeJS.Timeout | undefined;
  private tableHeadersSent = false;

  constructor(
    res: ServerResponse,
    private readonly config: WatchSessionConfig,
  ) {
    this.kind = config.kind;
    this.stream = new WatchStream(res, {
      slowBudgetMs: config.slowBudgetMs,
      maxPendingLines: config.maxPendingLines,
      onClosed: () => this.closed(),
    });
  }

  get open(): boolean {
    return this.stream.open;
  }

  /** Live events held back for this watcher. */
  get backlog(): number {
    return this.stream.backlog;
  }

  /**
   * Starts the watch: subscribes to live events at once (they queue), writes the catch-up with
   * back-pressure, then sends the queued live events and starts the bookmark and timeout timers.
   */
  async start(catchUp: CatchUp): Promise<void> {
    if (!this.stream.open) return;
    this.unsubscribe = this.config.store.subscribe(this.kind, (event) => {
      if (event.rv > this.config.minRv) this.sendEvent(event);
    });
    if (!(await this.stream.catchUp(this.catchUpLines(catchUp)))) return;
    if (this.config.allowBookmarks) {
      this.bookmarkTimer = setInterval(
        () => this.sendBookmark(),
        timerMs(this.config.bookmarkIntervalMs),
      );
      this.bookmarkTimer.unref();
    }
    this.timeoutTimer = setTimeout(() => {
      if (this.config.allowBookmarks) this.sendBookmark();
      this.end();
    }, timerMs(this.config.timeoutMs));
    this.timeoutTimer.unref();
  }

  /** Sends recorded events again through this watch's selection (fault: duplicates). */
  sendEvents(events: readonly StoredEvent[]): void {
    for (const event of events) this.sendEvent(event);
  }

  /** An in-band ERROR event; the stream ends after it unless `keepOpen`. */
  sendError(status: Status, keepOpen = false): void {
    this.stream.writeLine(eventLine('ERROR', status));
    if (!keepOpen) this.end();
  }

  /** Writes raw text (fault injection: malformed lines). */
  writeRaw(text: string): void {
    this.stream.writeLine(text);
  }

  cut(afterBytes: number | undefined): void {
    this.stream.cut(afterBytes);
  }

  /** Black hole: no more bytes, no timeout; only the client (or server close) ends it. */
  stall(): void {
    this.stopFeeds();
    this.stream.stall();
  }

  end(fragment?: string): void {
    this.stream.end(fragment);
  }

  destroy(): void {
    this.stream.destroy();
  }

  private *catchUpLines(catchUp: CatchUp): Generator<string> {
    for (const object of catchUp.initial ?? []) yield this.objectLine('ADDED', object);
    for (const event of catchUp.events ?? []) {
      const line = this.lineFor(event);
      if (line !== undefined) yield line;
    }
    if (catchUp.initialEventsEndRv !== undefined) {
      yield this.bookmarkLine(catchUp.initialEventsEndRv, true);
    }
  }

  /** A periodic BOOKMARK at the store's resourceVersion. */
  private sendBookmark(): void {
    const rv = this.config.store.resourceVersion;
    if (rv >= this.config.minRv) this.stream.writeLine(this.bookmarkLine(rv, false));
  }

  /**
   * A BOOKMARK: only kind, apiVersion and resourceVersion, plus the `k8s.io/initial-events-end`
   * annotation that ends a streaming list.
   */
  private bookmarkLine(rv: number, initialEventsEnd: boolean): string {
    const metadata = {
      resourceVersion: String(rv),
      ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    };
    const object = { kind: this.kind, apiVersion: KIND_RESOURCES[this.kind].apiVersion, metadata };
    return eventLine('BOOKMARK', object);
  }

  private sendEvent(event: StoredEvent): void {
    const line = this.lineFor(event);
    if (line !== undefined) this.stream.writeLine(line);
  }

  /** The line a recorded event becomes for this watch's selection, if any. */
  private lineFor(event: StoredEvent): string | undefined {
    const { matches } = this.config;
    const now = event.type !== 'DELETED' && matches(event.object);
    const before = event.previous !== undefined && matches(event.previous);
    if (now && !before) return this.objectLine('ADDED', event.object);
    if (now && before) return this.objectLine('MODIFIED', event.object);
    if (before && event.type === 'DELETED') return this.objectLine('DELETED', event.object);
    if (before && event.previous !== undefined) {
      return this.objectLine('DELETED', withResourceVersion(event.previous, event.rv));
    }
    return undefined;
  }

  private objectLine(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): string {
    const { table } = this.config;
    if (table === undefined) return eventLine(type, object);
    const rendered = toTable(
      this.kind,
      [object],
      { resourceVersion: object.metadata.resourceVersion ?? '' },
      { ...table, noHeaders: this.tableHeadersSent, now: this.config.now() },
    );
    this.tableHeadersSent = true;
    return `${JSON.stringify({ type, object: rendered })}\n`;
  }

  private stopFeeds(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.bookmarkTimer);
    clearTimeout(this.timeoutTimer);
  }

  private closed(): void {
    this.stopFeeds();
    this.config.onClosed(this);
  }
}
