import type { Scenario } from '../engine/scenario.ts';
import type { EndpointSlice, Node, Service } from '../model/kubernetes.ts';
import type { Endpoints } from '../model/endpoints.ts';
import { LABEL_SERVICE_NAME } from '../model/constants.ts';
import { resolveOptions } from './options.ts';
import { QUICK_OPERATION_AT, quickEngineRun } from './quick.ts';
import { simulationEngine, simulationSteps } from './run.ts';
import type { QuickSimulation, SimulationOptions } from './types.ts';

/** Services a snapshot lists to choose from, the most endpoints first. */
export const MAX_SNAPSHOT_SERVICES = 1_000;

export interface SnapshotTarget {
  /** The simulated second to stop after (a series point's `t`); past the run's end, its end. */
  atSeconds: number;
  /** The Service to draw; by default the one with the most endpoints at that second. */
  service?: { namespace: string; name: string };
}

export interface SnapshotService {
  namespace: string;
  name: string;
  endpoints: number;
  slices: number;
}

/** The cluster of a run as it was after a step: one Service's objects and every Node. */
export interface SimulationSnapshot {
  /** The second the run stopped after. */
  t: number;
  /** Services there were, the most endpoints first, at most {@link MAX_SNAPSHOT_SERVICES}. */
  services: SnapshotService[];
  /** All Services there were. */
  serviceCount: number;
  /** The Service drawn; undefined when the cluster had none. */
  service: Service | undefined;
  slices: EndpointSlice[];
  /** Its v1 Endpoints object, as the Endpoints controller wrote it. */
  endpoints: Endpoints | undefined;
  nodes: Node[];
  /** Endpoints of every Service on each Node (by name), as the dashboard's node summaries count. */
  endpointsPerNode: Map<string, number>;
  maxEndpointsPerSlice: number;
}

/** A snapshot of a Service that the simulated cluster does not have (the target's `service`). */
export class SnapshotServiceError extends Error {}

const key = (namespace: string | undefined, name: string | undefined): string =>
  `${namespace ?? ''}/${name ?? ''}`;

function endpointsPerNode(slices: readonly EndpointSlice[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const slice of slices) {
    for (const { nodeName } of slice.endpoints ?? []) {
      if (nodeName !== undefined) counts.set(nodeName, (counts.get(nodeName) ?? 0) + 1);
    }
  }
  return counts;
}

function serviceCounts(slices: readonly EndpointSlice[]): Map<string, SnapshotService> {
  const counts = new Map<string, SnapshotService>();
  for (const slice of slices) {
    const { namespace = '', labels } = slice.metadata;
    const name = labels?.[LABEL_SERVICE_NAME];
    if (name === undefined) continue;
    const entry = counts.get(key(namespace, name)) ?? { namespace, name, endpoints: 0, slices: 0 };
    entry.endpoints += slice.endpoints?.length ?? 0;
    entry.slices++;
    counts.set(key(namespace, name), entry);
  }
  return counts;
}

const byEndpointsThenName = (a: SnapshotService, b: SnapshotService): number =>
  b.endpoints - a.endpoints || (key(a.namespace, a.name) < key(b.namespace, b.name) ? -1 : 1);

/**
 * Replays a run of {@link simulate} on the engine up to a second and returns what it held then:
 * the run is deterministic (same scenario, options and seed, same steps), so this is the cluster
 * behind that point of the report's series, which keeps only aggregates. Accounting mode changes
 * no object, so a paper run's snapshot is the engine's cluster too. The quick form in paper mode
 * has two points, before its operation (0) and after it (QUICK_OPERATION_AT), as if the
 * operation took no time; the engine's takes its real course (a rollout, a minute or more), so
 * the point after it is the engine's cluster at the end of its run, the operation done.
 */
export function simulationSnapshot(
  input: { scenario: Scenario } | { quick: QuickSimulation },
  options: SimulationOptions,
  target: SnapshotTarget,
): SimulationSnapshot {
  const run = 'quick' in input ? quickEngineRun(input.quick, options) : { ...input, options };
  const resolved = resolveOptions(run.scenario, run.options);
  const engine = simulationEngine(run.scenario, resolved, options.reconcile);
  const until =
    'quick' in input && options.mode === 'paper' && target.atSeconds >= QUICK_OPERATION_AT
      ? resolved.untilSeconds
      : Math.min(target.atSeconds, resolved.untilSeconds);
  let t = 0;
  for (const [next] of simulationSteps(engine, until)) t = next;

  const { store } = engine;
  const slices = store.list('EndpointSlice');
  const counts = serviceCounts(slices);
  const services = store.list('Service').map(
    ({ metadata }) =>
      counts.get(key(metadata.namespace, metadata.name)) ?? {
        namespace: metadata.namespace ?? '',
        name: metadata.name ?? '',
        endpoints: 0,
        slices: 0,
      },
  );
  services.sort(byEndpointsThenName);
  const chosen = target.service ?? services[0];
  const service = chosen && store.get('Service', key(chosen.namespace, chosen.name));
  if (target.service && !service) {
    throw new SnapshotServiceError(
      `the simulated cluster has no Service ${key(chosen?.namespace, chosen?.name)} at ${t} s`,
    );
  }
  const serviceKey = service && key(service.metadata.namespace, service.metadata.name);
  return {
    t,
    services: services.slice(0, MAX_SNAPSHOT_SERVICES),
    serviceCount: services.length,
    service,
    slices: service
      ? slices.filter(
          (slice) =>
            key(slice.metadata.namespace, slice.metadata.labels?.[LABEL_SERVICE_NAME]) ===
            serviceKey,
        )
      : [],
    endpoints: serviceKey === undefined ? undefined : store.get('Endpoints', serviceKey),
    nodes: store.list('Node'),
    endpointsPerNode: endpointsPerNode(slices),
    maxEndpointsPerSlice: resolved.maxEndpointsPerSlice,
  };
}
