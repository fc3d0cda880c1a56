import type { ObjectKind } from '@slicescope/core';
import { expired, internalError, tooManyRequests, type Status } from '../http/status.ts';
import type { WatchSession } from '../http/watchSession.ts';
import type { ClusterStore } from '../store/clusterStore.ts';
import type { RestartMode, StoredEvent } from '../store/types.ts';
import type { RequestFaultHandle, RequestFaultRule } from './requestFaults.ts';

/**
 * Fault hooks for the reliability matrix (watch-protocol.md §3). Reachable only through this
 * in-process object, never over HTTP; nothing is injected unless a test calls one of these.
 * Every hook acts once on the watches open at that moment (filtered by `kind` when given) and
 * returns how many it touched; counts are bounded.
 */
export interface ClusterFaults {
  /** Open watches (of a kind), e.g. to wait until an informer's watch is connected. */
  watchCount(kind?: ObjectKind): number;
  /** Drops each watch's connection after `afterBytes` more bytes, or halfway through its next line. */
  cutWatches(options?: { kind?: ObjectKind; afterBytes?: number }): number;
  /** Ends each watch cleanly (as at a server timeout), optionally after a partial unterminated line. */
  endWatches(options?: { kind?: ObjectKind; partialLine?: boolean }): number;
  /** Black-holes each watch: socket open, no more bytes, no timeout. */
  stallWatches(options?: { kind?: ObjectKind }): number;
  /** Sends an in-band ERROR event; the stream then ends unless `keepOpen`. */
  injectWatchError(options: {
    kind?: ObjectKind;
    code: 410 | 429 | 500;
    keepOpen?: boolean;
    retryAfterSeconds?: number;
  }): number;
  /** Sends the kind's last `count` recorded events again to its open watches (duplicates). */
  replayEvents(options: { kind: ObjectKind; count: number }): number;
  /** Writes a line that is not JSON (default: a truncated event) to each watch. */
  malformedLine(options?: { kind?: ObjectKind; text?: string }): number;
  /** Answers the next list/watch/get requests with an error status (count or duration bound). */
  failRequests(rule: RequestFaultRule): RequestFaultHandle;
  /** Compacts history now: watches and continue tokens from older resourceVersions get 410. */
  compactHistory(kind?: ObjectKind): void;
  /**
   * Restarts the cluster: drops every connection, applies the store restart mode, and keeps the
   * listener down for `downMs` (connections refused meanwhile).
   */
  restart(mode: RestartMode, options?: { downMs?: number }): Promise<void>;
  /** Applies `count` MODIFIED changes round-robin over the kind's objects, as fast as possible. */
  burst(options: { kind: ObjectKind; count: number }): StoredEvent[];
}

const MAX_BURST = 1_000_000;
const MAX_REPLAY = 100_000;

function bounded(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${what} ${value} is not an integer in [0, ${max}]`);
  }
  return value;
}

interface ClusterFaultsDeps {
  store: ClusterStore;
  sessions: ReadonlySet<WatchSession>;
  addRequestFault: (rule: RequestFaultRule) => RequestFaultHandle;
  restart: (mode: RestartMode, downMs: number) => Promise<void>;
}

export function createClusterFaults(deps: ClusterFaultsDeps): ClusterFaults {
  const { store } = deps;
  const each = (kind: ObjectKind | undefined, act: (session: WatchSession) => void): number => {
    const targets = [...deps.sessions].filter(
      (session) => session.open && (kind === undefined || session.kind === kind),
    );
    targets.forEach(act);
    return targets.length;
  };

  return {
    watchCount(kind) {
      return each(kind, () => undefined);
    },
    cutWatches(options = {}) {
      const { afterBytes } = options;
      if (afterBytes !== undefined) bounded(afterBytes, 1 << 30, 'afterBytes');
      return each(options.kind, (session) => session.cut(afterBytes));
    },
    endWatches(options = {}) {
      const fragment = options.partialLine ? '{"type":"MODIFIED","object":{"kind":' : undefined;
      return each(options.kind, (session) => session.end(fragment));
    },
    stallWatches(options = {}) {
      return each(options.kind, (session) => session.stall());
    },
    injectWatchError(options) {
      const status: Status =
        options.code === 410
          ? expired('The resourceVersion for the provided watch is too old.')
          : options.code === 429
            ? tooManyRequests(options.retryAfterSeconds ?? 1)
            : internalError('injected fault');
      return each(options.kind, (session) => session.sendError(status, options.keepOpen));
    },
    replayEvents(options) {
      const events = store.lastEvents(
        options.kind,
        bounded(options.count, MAX_REPLAY, 'replay count'),
      );
      return each(options.kind, (session) => session.sendEvents(events));
    },
    malformedLine(options = {}) {
      const text = `${options.text ?? '{"type":"MODIFIED","object":{"kind":"Pod","metadata":'}\n`;
      return each(options.kind, (session) => session.writeRaw(text));
    },
    failRequests(rule) {
      return deps.addRequestFault(rule);
    },
    compactHistory(kind) {
      store.compact(kind);
    },
    restart(mode, options = {}) {
      return deps.restart(mode, bounded(options.downMs ?? 0, 600_000, 'downMs'));
    },
    burst(options) {
      const count = bounded(options.count, MAX_BURST, 'burst count');
      const objects = store.snapshot(options.kind).items;
      if (count > 0 && objects.length === 0)
        throw new Error(`burst needs at least one ${options.kind}`);
      return store.inject(
        Array.from({ length: count }, (_, index) => {
          const object = objects[index % objects.length] as (typeof objects)[number];
          const annotations = {
            ...object.metadata.annotations,
            'slicescope.dev/burst': String(index),
          };
          return {
            type: 'MODIFIED' as const,
            kind: options.kind,
            object: { ...object, metadata: { ...object.metadata, annotations } },
          };
        }),
      );
    },
  };
}
