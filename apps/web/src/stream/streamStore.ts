import {
  emptyStreamState,
  foldStream,
  streamMessageSchema,
  type StreamMessage,
  type StreamState,
} from '@slicescope/contract';

/** How the tab's stream is doing, for the connection banner. */
export type ConnectionStatus =
  /** Opening, before the first snapshot. */
  | 'connecting'
  /** Receiving. */
  | 'live'
  /** Lost; EventSource is reconnecting by itself (with Last-Event-ID). */
  | 'dropped'
  /** Back after a drop: the missed deltas or a new snapshot arrived. Shown briefly, then 'live'. */
  | 'resynced';

export interface Connection {
  status: ConnectionStatus;
  /** When the status began (Date.now()). */
  since: number;
  /** Messages that did not match the contract and were ignored. */
  rejected: number;
  /** The Services whose slices the state holds: those followed when the last snapshot came. */
  covered: readonly string[];
  /** What was wrong with the latest rejected message. */
  lastProblem?: string;
}

export interface StreamStoreOptions {
  /** The stream's URL for the Services the tab follows ('namespace/name'). */
  url: (services: readonly string[]) => string;
  /** Called at most once per animation frame with the folded state (e.g. into the query cache). */
  publish: (state: StreamState) => void;
  createEventSource?: (url: string) => EventSource;
  requestFrame?: (callback: () => void) => unknown;
  now?: () => number;
  /** How long 'resynced' shows before it becomes 'live' again. */
  resyncedMs?: number;
  /** How long to wait before opening a new EventSource after one closed for good. */
  reopenMs?: number;
}

/** EventSource.CLOSED, without needing the global where the store is tested. */
const CLOSED = 2;

export interface StreamStore {
  /** Follows these Services' slices (reconnects with a new URL when the set changes). */
  follow(services: readonly string[]): void;
  state(): StreamState;
  connection(): Connection;
  /** Listens to connection changes (state changes go through `publish`). */
  subscribe(listener: () => void): () => void;
  close(): void;
}

/**
 * One server-sent-events stream per tab, folded through the contract's pure reducer. Messages are
 * folded as they arrive, but published at most once per animation frame, so a burst of deltas
 * costs one render; the message that brings the stream (back) up is published at once.
 */
export function createStreamStore(options: StreamStoreOptions): StreamStore {
  const createEventSource = options.createEventSource ?? ((url) => new EventSource(url));
  const requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
  const now = options.now ?? Date.now;
  const resyncedMs = options.resyncedMs ?? 4000;
  const reopenMs = options.reopenMs ?? 3000;
  const listeners = new Set<() => void>();
  let state = emptyStreamState();
  let connection: Connection = { status: 'connecting', since: now(), rejected: 0, covered: [] };
  let source: EventSource | undefined;
  let followed = '';
  let framePending = false;
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;

  const notify = () => {
    for (const listener of listeners) listener();
  };
  const setStatus = (status: ConnectionStatus) => {
    if (connection.status === status) return;
    connection = { ...connection, status, since: now() };
    clearTimeout(resyncTimer);
    if (status === 'resynced') resyncTimer = setTimeout(() => setStatus('live'), resyncedMs);
    notify();
  };
  const schedulePublish = () => {
    if (framePending) return;
    framePending = true;
    requestFrame(() => {
      framePending = false;
      options.publish(state);
    });
  };
  const onMessage = (event: MessageEvent<string>, type: StreamMessage['type']) => {
    let message: StreamMessage;
    try {
      // Each event's data is the whole message: {"type":"snapshot","state":…} or a delta.
      const parsed = streamMessageSchema.safeParse(JSON.parse(event.data));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      if (parsed.data.type !== type) throw new Error(`type: ${parsed.data.type} sent as ${type}`);
      message = parsed.data;
    } catch (error) {
      connection = {
        ...connection,
        rejected: connection.rejected + 1,
        lastProblem: `A ${type} did not match the contract (${(error as Error).message}).`,
      };
      notify();
      return;
    }
    state = foldStream(state, message);
    if (connection.status === 'connecting' || connection.status === 'dropped') {
      // The state that makes the stream live (or resynced) is published with that status, not a
      // frame later: a view that trusts a live stream never shows it over the empty state.
      options.publish(state);
      setStatus(connection.status === 'dropped' ? 'resynced' : 'live');
    } else schedulePublish();
    if (message.type === 'snapshot') {
      connection = { ...connection, covered: followed === '' ? [] : followed.split('\n') };
      notify();
    }
  };
  const open = () => {
    source?.close();
    const services = followed === '' ? [] : followed.split('\n');
    const next = createEventSource(options.url(services));
    next.addEventListener('snapshot', (event) =>
      onMessage(event as MessageEvent<string>, 'snapshot'),
    );
    next.addEventListener('delta', (event) => onMessage(event as MessageEvent<string>, 'delta'));
    next.addEventListener('error', () => {
      if (connection.status !== 'connecting') setStatus('dropped');
      // A refused reconnect (e.g. 401, 503) closes the EventSource for good: open a new one.
      if (next.readyState === CLOSED && source === next) {
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(() => source === next && open(), reopenMs);
      }
    });
    source = next;
  };

  return {
    follow(services) {
      const key = [...new Set(services)].sort().join('\n');
      if (source !== undefined && key === followed) return;
      followed = key;
      open();
    },
    state: () => state,
    connection: () => connection,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearTimeout(resyncTimer);
      clearTimeout(reopenTimer);
      source?.close();
      source = undefined;
    },
  };
}
