import type { StreamState } from '@slicescope/contract';
import { emptyStreamState } from '@slicescope/contract';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { appUrl } from '../app/navigation.ts';
import { createStreamStore, type Connection, type StreamStore } from './streamStore.ts';

/** The query-cache key the folded stream state is published under. */
export const STREAM_KEY = ['stream'] as const;

const StoreContext = createContext<StreamStore | undefined>(undefined);

export function streamUrl(services: readonly string[]): string {
  const query = new URLSearchParams(services.map((service) => ['service', service]));
  const text = query.toString();
  return appUrl(`/api/v1/stream${text === '' ? '' : `?${text}`}`);
}

/**
 * Opens the tab's one stream and publishes its folded state into the TanStack Query cache, where
 * the views read it with `useStreamState`. `store` replaces the EventSource-backed one in tests.
 */
export function StreamProvider({ children, store }: { children: ReactNode; store?: StreamStore }) {
  const queryClient = useQueryClient();
  const [owned] = useState(
    () =>
      store ??
      createStreamStore({
        url: streamUrl,
        publish: (state) => queryClient.setQueryData(STREAM_KEY, state),
      }),
  );
  useEffect(() => () => owned.close(), [owned]);
  useEffect(() => refetchOnReconnect(owned, queryClient), [owned, queryClient]);
  return <StoreContext.Provider value={owned}>{children}</StoreContext.Provider>;
}

/**
 * Asks the api again for every REST answer once the stream is back after a drop: those fetched
 * while the server was gone failed ("cannot be reached") and would stay so until their next
 * refresh, next to a banner saying all is caught up. Returns the unsubscribe.
 */
function refetchOnReconnect(store: StreamStore, queryClient: QueryClient): () => void {
  let status = store.connection().status;
  return store.subscribe(() => {
    const previous = status;
    status = store.connection().status;
    if (status !== 'resynced' || previous === 'resynced') return;
    void queryClient.invalidateQueries({
      predicate: (query) => query.queryKey[0] !== STREAM_KEY[0],
    });
  });
}

function useStore(): StreamStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStreamState needs a StreamProvider above it');
  return store;
}

/** Follows these Services' slices for as long as the calling view is mounted. */
export function useFollow(services: readonly string[]): void {
  const store = useStore();
  const key = services.join('\n');
  useEffect(() => {
    store.follow(key === '' ? [] : key.split('\n'));
  }, [store, key]);
}

/** A part of the stream's state; re-renders when the published state changes (≤ once a frame). */
export function useStreamState<T>(select: (state: StreamState) => T): T {
  const store = useStore();
  const { data } = useQuery({
    queryKey: STREAM_KEY,
    queryFn: () => store.state(),
    initialData: emptyStreamState,
    staleTime: Infinity,
    gcTime: Infinity,
    structuralSharing: false,
    select,
  });
  return data;
}

/** The stream connection's status, for the banner. */
export function useConnection(): Connection {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.connection);
}
