import { KubeConfig } from '@kubernetes/client-node';
import {
  createClusterStore,
  kubeconfigYaml,
  startClusterServer,
  type ClusterServer,
  type ClusterServerOptions,
  type ClusterStore,
  type ClusterStoreOptions,
} from '../../src/index.ts';
import { createFeed, type Feed } from './feed.ts';

export interface TestCluster {
  store: ClusterStore;
  server: ClusterServer;
  feed: Feed;
  /** client-node configuration for the server (plain http needs skipTLSVerify in client-node). */
  kc: KubeConfig;
  /** Every request URL, in order. */
  requests: string[];
  /** Requests to `path` that were lists (not watches). */
  lists(path: string): number;
  /** Requests to `path` that were watches. */
  watches(path: string): number;
}

/** A store, a loopback server on a free port, an engine stand-in and a client configuration. */
export async function startTestCluster(
  options: { store?: ClusterStoreOptions; server?: Omit<ClusterServerOptions, 'store'> } = {},
): Promise<TestCluster> {
  const store = createClusterStore(options.store);
  const requests: string[] = [];
  const server = await startClusterServer({
    store,
    ...options.server,
    onRequest: (request) => requests.push(request.url),
  });
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml({ url: server.url, insecureSkipTlsVerify: true }));
  const matching = (path: string, watch: boolean): number =>
    requests.filter((url) => url.split('?')[0] === path && /[?&]watch=(true|1)/.test(url) === watch)
      .length;
  return {
    store,
    server,
    feed: createFeed(store),
    kc,
    requests,
    lists: (path) => matching(path, false),
    watches: (path) => matching(path, true),
  };
}
