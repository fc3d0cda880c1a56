import { objectKey, type EndpointSlice, type ObjectKind } from '@slicescope/core';
import type { SourceInfo } from '@slicescope/contract';
import { createInformers, type InformerGroup } from '../informer/supervisor.ts';
import type { InformerLogger, InformerTimings } from '../informer/options.ts';
import type { InformerStatus, InformerTarget } from '../informer/types.ts';
import { createClusterModel, serviceKeyOfSlice, type ClusterModel } from '../model/clusterModel.ts';
import {
  createServiceHistory,
  type HistoryOptions,
  type ServiceHistory,
} from '../history/serviceHistory.ts';
import { discoverSliceVersion, type SliceVersion } from '../sources/sliceVersion.ts';
import type { ClusterSource } from '../sources/source.ts';
import { createSummaries, type Summaries } from './summaries.ts';

export interface WatchOptions {
  /** Watch only these namespaces (Nodes stay cluster-wide); all when absent. */
  namespaces?: readonly string[];
  /** False with --no-pods: Pods are not listed or watched. */
  pods?: boolean;
  maxEndpointsPerSlice?: number;
  history?: HistoryOptions;
  informer?: InformerTimings;
  /** Delay between EndpointSlice version discovery attempts while the cluster is unreachable. */
  discoveryRetryMs?: number;
  logger?: InformerLogger;
}

/** A cluster being watched: the model the informers fill, its history and its summaries. */
export interface WatchedCluster {
  model: ClusterModel;
  history: ServiceHistory;
  summaries: Summaries;
  source(): SourceInfo;
  /** Every informer has applied a full list (the data may still be stale afterwards). */
  ready(): boolean;
  stop(): Promise<void>;
}

const CORE_PATHS: Record<Exclude<ObjectKind, 'EndpointSlice'>, string> = {
  Service: 'services',
  Pod: 'pods',
  Node: 'nodes',
  Endpoints: 'endpoints',
};

function targetsFor(
  kind: ObjectKind,
  namespaces: readonly string[] | undefined,
  sliceVersion: SliceVersion,
): InformerTarget[] {
  const prefix = kind === 'EndpointSlice' ? `/apis/discovery.k8s.io/${sliceVersion}` : '/api/v1';
  const resource = kind === 'EndpointSlice' ? 'endpointslices' : CORE_PATHS[kind];
  if (kind === 'Node' || namespaces === undefined) return [{ kind, path: `${prefix}/${resource}` }];
  return namespaces.map((namespace) => ({
    kind,
    namespace,
    path: `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`,
  }));
}

/**
 * Feeds the model's slice writes into the history once the slices of their namespace are listed
 * (so an initial list is not mistaken for churn), and forgets the history of deleted Services —
 * including the garbage collector's deletions of their slices, which come after the Service's.
 */
export function recordHistory(model: ClusterModel, history: ServiceHistory): void {
  const slicesSynced = (namespace: string): boolean =>
    model
      .statuses()
      .some(
        (status) =>
          status.kind === 'EndpointSlice' &&
          status.synced &&
          (status.namespace === undefined || status.namespace === namespace),
      );
  model.onChange((change) => {
    if (change.kind === 'Service' && change.object === undefined) history.forget(change.key);
    if (change.kind !== 'EndpointSlice') return;
    const slice = (change.object ?? change.previous) as EndpointSlice;
    const namespace = slice.metadata.namespace ?? '';
    const serviceKey = serviceKeyOfSlice(slice);
    if (serviceKey === undefined) return;
    if (change.object === undefined && !model.get('Service', serviceKey)) {
      history.forget(serviceKey);
      return;
    }
    if (slicesSynced(namespace)) history.record(change);
  });
}

/**
 * Starts one supervised informer per kind (per namespace with `--namespace`) into a fresh model.
 * The EndpointSlice version is discovered first (retried while the cluster is unreachable);
 * the other kinds start at once. Slice writes enter the history once the slices are listed, so the
 * initial list is not mistaken for churn.
 */
export function watchCluster(source: ClusterSource, options: WatchOptions = {}): WatchedCluster {
  const model = createClusterModel();
  const history = createServiceHistory(options.history);
  const summaries = createSummaries(model, history, options.maxEndpointsPerSlice ?? 100);
  const pods = options.pods ?? true;
  const kinds: ObjectKind[] = ['Service', 'EndpointSlice', 'Endpoints', 'Node'];
  if (pods) kinds.push('Pod');
  const groups: InformerGroup[] = [];
  let sliceVersion: SliceVersion | undefined;
  let stopped = false;
  /** Every Service listed had its summary row made once (see ready). */
  let seeded = false;
  let retry: NodeJS.Timeout | undefined;

  recordHistory(model, history);

  const start = (kinds: readonly ObjectKind[], version: SliceVersion): void => {
    const group = createInformers(
      kinds.flatMap((kind) => targetsFor(kind, options.namespaces, version)),
      {
        kubeConfig: source.kubeConfig,
        sinkFor: (target) => model.sink(target),
        ...options.informer,
        ...(options.logger ? { logger: options.logger } : {}),
      },
    );
    groups.push(group);
    group.start();
  };
  start(
    kinds.filter((kind) => kind !== 'EndpointSlice'),
    'v1',
  );

  // Until discovery answers, the dashboard shows the slices as starting, with the reason, under
  // the keys the slice informers will then overwrite (one per namespace with --namespace).
  const pending = targetsFor('EndpointSlice', options.namespaces, 'v1').map((target) => ({
    target,
    sink: model.sink(target),
  }));
  const discover = (): void => {
    discoverSliceVersion(source.kubeConfig).then(
      (version) => {
        if (stopped) return;
        sliceVersion = version;
        start(['EndpointSlice'], version);
      },
      (error: unknown) => {
        if (stopped) return;
        const status: InformerStatus = {
          kind: 'EndpointSlice',
          phase: 'backoff',
          synced: false,
          since: performance.now(),
          lastError: {
            reason: 'discovery',
            message: `cannot discover the EndpointSlice API version: ${describe(error)}`,
          },
          resourceVersion: '',
          lists: 0,
          watches: 0,
          events: 0,
        };
        for (const { target, sink } of pending) {
          sink.status({ ...status, ...(target.namespace ? { namespace: target.namespace } : {}) });
        }
        retry = setTimeout(discover, options.discoveryRetryMs ?? 5000);
      },
    );
  };
  discover();

  return {
    model,
    history,
    summaries,
    source: () => ({
      ...source.info,
      sliceApiVersion: sliceVersion ? `discovery.k8s.io/${sliceVersion}` : 'unknown',
      ...(options.namespaces ? { namespaces: [...options.namespaces] } : {}),
      // A dump without Pods is like --no-pods: the analyses must not read it as no Pods running.
      pods: pods && !source.info.absent?.includes('Pod'),
    }),
    ready: () => {
      if (sliceVersion === undefined) return false;
      if (!groups.every((group) => group.statuses().every((status) => status.synced))) return false;
      // The Service rows the lists are read from come with the stream's next window; a client
      // told "ready" reads them at once, so the first time the lists are in, every row is made
      // now. Latched: Services added later get theirs from the stream as before.
      if (!seeded) {
        for (const service of model.all('Service')) summaries.refresh(objectKey(service));
        seeded = true;
      }
      return true;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await Promise.all(groups.map((group) => group.stop()));
    },
  };
}

/** A failure in words for the dashboard: status code and reason only, never an upstream body. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number') return `HTTP ${code}`;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === 'string' ? cause : 'the cluster did not answer';
}
