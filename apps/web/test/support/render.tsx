import {
  emptyStreamState,
  type EndpointView,
  type ServiceSummary,
  type SliceView,
  type StreamState,
  type NodeSummary,
} from '@slicescope/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { STREAM_KEY, StreamProvider } from '../../src/stream/StreamProvider.tsx';
import type { Connection, StreamStore } from '../../src/stream/streamStore.ts';

/** A stream store that holds a given state and records what the views follow. */
export interface FakeStream extends StreamStore {
  followed: string[][];
  set(state: StreamState): void;
  setConnection(connection: Partial<Connection>): void;
}

export function fakeStream(initial: StreamState): FakeStream {
  let state = initial;
  let connection: Connection = { status: 'live', since: 0, rejected: 0, covered: [] };
  const listeners = new Set<() => void>();
  const followed: string[][] = [];
  return {
    followed,
    // As if the snapshot of the new followed set came at once.
    follow(services) {
      followed.push([...services]);
      connection = { ...connection, covered: [...services] };
      for (const listener of listeners) listener();
    },
    state: () => state,
    connection: () => connection,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {},
    set(next) {
      state = next;
    },
    setConnection(change) {
      connection = { ...connection, ...change };
      for (const listener of listeners) listener();
    },
  };
}

export interface Rendered extends RenderResult {
  queryClient: QueryClient;
  stream: FakeStream;
  /** Publishes a new stream state, as the real store does once per frame. */
  publish(state: StreamState): void;
}

/** Renders a view inside the app's providers, with the stream state given. */
export function renderWithProviders(
  ui: ReactElement,
  state: StreamState = emptyStreamState(),
): Rendered {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity, refetchInterval: false } },
  });
  const stream = fakeStream(state);
  queryClient.setQueryData(STREAM_KEY, state);
  const result = render(
    <QueryClientProvider client={queryClient}>
      <StreamProvider store={stream}>{ui}</StreamProvider>
    </QueryClientProvider>,
  );
  return {
    ...result,
    queryClient,
    stream,
    publish(next) {
      stream.set(next);
      queryClient.setQueryData(STREAM_KEY, next);
    },
  };
}

/**
 * Answers the app's fetches from a table of `path → body` (paths below /api/v1, with the query
 * string); anything else is a 404 in the api's error shape. A function is called on each
 * request: it may return a `Response` (another status), or throw (the network failed). Returns
 * the paths requested.
 */
export function stubApi(routes: Record<string, unknown | (() => unknown)>): string[] {
  const requested: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        document.baseURI,
      );
      const path = url.pathname.replace(/^.*\/api\/v1/, '') + url.search;
      requested.push(path);
      const route = routes[path];
      if (route === undefined) {
        return new Response(
          JSON.stringify({ error: { code: 'not-found', message: `no ${path}` } }),
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
      const body = typeof route === 'function' ? (route as () => unknown)() : route;
      if (body instanceof Response) return body;
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return requested;
}

// ---- builders of wire objects -------------------------------------------------------------------

export function serviceSummary(
  namespace: string,
  name: string,
  change: Partial<ServiceSummary> = {},
): ServiceSummary {
  return {
    namespace,
    name,
    uid: `uid-${namespace}-${name}`,
    type: 'ClusterIP',
    clusterIPs: ['10.96.0.10'],
    selector: true,
    endpoints: 0,
    ready: 0,
    serving: 0,
    terminating: 0,
    // Single-stack, one port set: a Pod per endpoint that is not terminating.
    pods: (change.endpoints ?? 0) - (change.terminating ?? 0),
    slices: 0,
    idealSlices: 0,
    zones: 0,
    churn: 0,
    flags: [],
    ...change,
  };
}

export function nodeSummary(
  name: string,
  zone: string,
  change: Partial<NodeSummary> = {},
): NodeSummary {
  return { name, zone, ready: true, unschedulable: false, cpuMilli: 4000, endpoints: 0, ...change };
}

export function endpoint(address: string, change: Partial<EndpointView> = {}): EndpointView {
  return { addresses: [address], ready: true, serving: true, terminating: false, ...change };
}

export function sliceOf(
  namespace: string,
  service: string,
  name: string,
  endpoints: SliceView['endpoints'],
  change: Partial<SliceView> = {},
): SliceView {
  return {
    namespace,
    name,
    uid: `uid-${name}`,
    resourceVersion: '1',
    service,
    addressType: 'IPv4',
    managedBy: 'endpointslice-controller.k8s.io',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints,
    ...change,
  };
}

/** A stream state holding these summaries, nodes and slices, keyed as the api keys them. */
export function streamState(parts: {
  services?: ServiceSummary[];
  nodes?: NodeSummary[];
  slices?: SliceView[];
}): StreamState {
  const state = emptyStreamState();
  for (const service of parts.services ?? [])
    state.services[`${service.namespace}/${service.name}`] = service;
  for (const node of parts.nodes ?? []) state.nodes[node.name] = node;
  for (const slice of parts.slices ?? []) state.slices[`${slice.namespace}/${slice.name}`] = slice;
  return state;
}
