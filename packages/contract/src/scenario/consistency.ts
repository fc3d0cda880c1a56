import type { Scenario, ScenarioEvent, ScenarioService } from '@slicescope/core';
import { applyServiceChanges, defaultNodeName } from '@slicescope/core';
import {
  MAX_NAMESPACES,
  MAX_NODES,
  MAX_PODS,
  MAX_SERVICES,
  MAX_USER_ENDPOINTS_ADDRESSES,
} from './limits.ts';
import { initialNodeNames, type RuleProblem, serviceProblems } from './rules.ts';

/**
 * The checks across a scenario's parts, once each part is well formed: duplicate names,
 * references from events to workloads, Nodes, zones and Services that exist at that moment,
 * user Endpoints only for selector-less Services, and the limits on the whole cluster over time.
 * It follows the engine's rules (packages/core/src/engine): objects are keyed by namespace
 * (default "default") and name; `addNodes` names Nodes `<zone>-node-<n>` counting on from the
 * zone's initial Nodes; events at the same second run in file order; a repeating scenario
 * replays its events every `repeatEverySeconds`.
 */

type Path = (string | number)[];
export type ReportIssue = (path: Path, message: string) => void;

const DEFAULT_NAMESPACE = 'default';

const keyOf = (name: string, namespace: string | undefined): string =>
  `${namespace ?? DEFAULT_NAMESPACE}/${name}`;

function inNamespace(kind: string, name: string, namespace: string | undefined): string {
  return `${kind} "${name}" in namespace "${namespace ?? DEFAULT_NAMESPACE}"`;
}

interface Presence {
  present: boolean;
  /** The event that last added or removed it. */
  changedBy?: number;
}

interface NodeState extends Presence {
  zone: string;
}

interface ServiceState extends Presence {
  spec: Omit<ScenarioService, 'name' | 'namespace'>;
}

/** The cluster as the events see it: what exists, how many, and the totals the limits cap. */
interface ClusterState {
  nodes: Map<string, NodeState>;
  /** Per zone, the `n` of the last `<zone>-node-<n>` the engine named. */
  named: Map<string, number>;
  nodeCount: number;
  replicas: Map<string, number>;
  podCount: number;
  services: Map<string, ServiceState>;
  serviceCount: number;
}

/** Reports each duplicate after its first occurrence. */
function checkDuplicates<T>(
  items: readonly T[],
  keyOfItem: (item: T) => string,
  report: (index: number, first: number, item: T) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOfItem(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else report(index, first, item);
  });
}

export function checkScenario(scenario: Scenario, report: ReportIssue): void {
  const { cluster } = scenario;
  const zones = cluster.zones;
  const services = cluster.services ?? [];
  const workloads = cluster.workloads ?? [];
  const events = scenario.events ?? [];

  checkDuplicates(
    zones,
    (zone) => zone.name,
    (z, first, zone) =>
      report(
        ['cluster', 'zones', z, 'name'],
        `duplicate zone "${zone.name}" (also cluster.zones[${first}])`,
      ),
  );

  const state: ClusterState = {
    nodes: new Map(),
    named: new Map(),
    nodeCount: 0,
    replicas: new Map(),
    podCount: 0,
    services: new Map(),
    serviceCount: 0,
  };
  const totalNodes = zones.reduce((sum, zone) => sum + zone.nodes, 0);
  if (totalNodes > MAX_NODES) {
    report(['cluster', 'zones'], `${totalNodes} nodes in total, over the limit of ${MAX_NODES}`);
    return;
  }
  zones.forEach((zone, z) => {
    if (!state.named.has(zone.name)) state.named.set(zone.name, zone.nodeNames ? 0 : zone.nodes);
    initialNodeNames(zone).forEach((name, k) => {
      const other = state.nodes.get(name);
      if (other) {
        const path = zone.nodeNames
          ? ['cluster', 'zones', z, 'nodeNames', k]
          : ['cluster', 'zones', z, 'name'];
        report(path, `duplicate node name "${name}" (also in zone "${other.zone}")`);
        return;
      }
      state.nodes.set(name, { zone: zone.name, present: true });
      state.nodeCount++;
    });
  });

  checkDuplicates(
    workloads,
    (workload) => keyOf(workload.name, workload.namespace),
    (w, first, workload) =>
      report(
        ['cluster', 'workloads', w, 'name'],
        `duplicate ${inNamespace('workload', workload.name, workload.namespace)} (also cluster.workloads[${first}])`,
      ),
  );
  for (const workload of workloads) {
    const key = keyOf(workload.name, workload.namespace);
    if (!state.replicas.has(key)) {
      state.replicas.set(key, workload.replicas);
      state.podCount += workload.replicas;
    }
  }
  if (state.podCount > MAX_PODS) {
    report(
      ['cluster', 'workloads'],
      `${state.podCount} pods in total (the sum of replicas), over the limit of ${MAX_PODS}`,
    );
  }

  checkDuplicates(
    services,
    (service) => keyOf(service.name, service.namespace),
    (s, first, service) =>
      report(
        ['cluster', 'services', s, 'name'],
        `duplicate ${inNamespace('Service', service.name, service.namespace)} (also cluster.services[${first}])`,
      ),
  );
  for (const { name, namespace, ...spec } of services) {
    const key = keyOf(name, namespace);
    if (state.services.has(key)) continue;
    state.services.set(key, { present: true, spec });
    state.serviceCount++;
  }
  if (state.serviceCount > MAX_SERVICES) {
    report(
      ['cluster', 'services'],
      `${state.serviceCount} Services, over the limit of ${MAX_SERVICES}`,
    );
  }

  checkUserEndpoints(scenario, report);
  checkNamespaces(scenario, report);
  if (events.length > 0) checkEvents(scenario, state, report);
}

function checkUserEndpoints(scenario: Scenario, report: ReportIssue): void {
  const endpoints = scenario.cluster.endpoints ?? [];
  const specs = new Map<string, ScenarioService>();
  for (const service of scenario.cluster.services ?? []) {
    const key = keyOf(service.name, service.namespace);
    if (!specs.has(key)) specs.set(key, service);
  }
  for (const event of scenario.events ?? []) {
    if (event.type !== 'createService') continue;
    const key = keyOf(event.service.name, event.service.namespace);
    if (!specs.has(key)) specs.set(key, event.service);
  }
  checkDuplicates(
    endpoints,
    (object) => keyOf(object.metadata.name ?? '', object.metadata.namespace),
    (e, first, object) =>
      report(
        ['cluster', 'endpoints', e, 'metadata', 'name'],
        `duplicate ${inNamespace('Endpoints', object.metadata.name ?? '', object.metadata.namespace)} (also cluster.endpoints[${first}])`,
      ),
  );
  let addresses = 0;
  endpoints.forEach((object, e) => {
    const { name = '', namespace } = object.metadata;
    const service = specs.get(keyOf(name, namespace));
    const path = ['cluster', 'endpoints', e, 'metadata', 'name'];
    if (!service) {
      report(
        path,
        `no ${inNamespace('Service', name, namespace)}; user Endpoints belong to a selector-less Service of the same name`,
      );
    } else if (service.selector !== undefined) {
      report(
        path,
        `${inNamespace('Service', name, namespace)} has a selector, so the Endpoints controller writes its Endpoints; user Endpoints are only for selector-less Services`,
      );
    }
    for (const subset of object.subsets ?? []) {
      addresses += (subset.addresses?.length ?? 0) + (subset.notReadyAddresses?.length ?? 0);
    }
  });
  if (addresses > MAX_USER_ENDPOINTS_ADDRESSES) {
    report(
      ['cluster', 'endpoints'],
      `${addresses} addresses in user Endpoints, over the limit of ${MAX_USER_ENDPOINTS_ADDRESSES}`,
    );
  }
}

function checkNamespaces(scenario: Scenario, report: ReportIssue): void {
  const namespaces = new Set<string>();
  const add = (namespace: string | undefined): void => {
    namespaces.add(namespace ?? DEFAULT_NAMESPACE);
  };
  for (const service of scenario.cluster.services ?? []) add(service.namespace);
  for (const workload of scenario.cluster.workloads ?? []) add(workload.namespace);
  for (const object of scenario.cluster.endpoints ?? []) add(object.metadata.namespace);
  for (const event of scenario.events ?? []) {
    if (event.type === 'createService') add(event.service.namespace);
  }
  if (namespaces.size > MAX_NAMESPACES) {
    report(['cluster'], `${namespaces.size} namespaces, over the limit of ${MAX_NAMESPACES}`);
  }
}

/** Where in an edit's `changes` a broken rule shows: the changed field the rule reads. */
function blame(problem: RuleProblem, changes: object): Path {
  const [field] = problem.path;
  if (typeof field === 'string' && field in changes) return problem.path;
  const changed = problem.fields.find((name) => name in changes);
  return changed === undefined ? [] : [changed];
}

/** Event indexes in the order the engine runs them: by time, then as written. */
function runOrder(events: readonly ScenarioEvent[]): number[] {
  return events
    .map((_, index) => index)
    .sort((a, b) => {
      const byTime = (events[a] as ScenarioEvent).at - (events[b] as ScenarioEvent).at;
      return byTime !== 0 ? byTime : a - b;
    });
}

function checkEvents(scenario: Scenario, state: ClusterState, report: ReportIssue): void {
  const events = scenario.events ?? [];
  const repeat = scenario.repeatEverySeconds;
  const zones = new Set(scenario.cluster.zones.map((zone) => zone.name));
  const workloads = new Set(state.replicas.keys());
  const order = runOrder(events);
  const reported = new Set<string>();
  /** Reports a limit once, however often the events break it. */
  const reportLimit = (limit: string, path: Path, message: string): void => {
    if (reported.has(limit)) return;
    reported.add(limit);
    report(path, message);
  };
  const createdLater = new Map<string, number>();
  events.forEach((event, index) => {
    if (event.type !== 'createService') return;
    const key = keyOf(event.service.name, event.service.namespace);
    if (!createdLater.has(key)) createdLater.set(key, index);
  });

  if (repeat !== undefined) {
    events.forEach((event, index) => {
      if (event.at >= repeat) {
        report(
          ['events', index, 'at'],
          `must be less than repeatEverySeconds (${repeat}), so that each cycle ends before the next begins (got ${event.at})`,
        );
      }
      if (event.type === 'addNodes') {
        report(
          ['events', index, 'type'],
          'addNodes cannot repeat: with repeatEverySeconds every cycle would add more nodes, without end',
        );
      }
    });
  }

  /** One pass over the events; references are checked on the first only. */
  const pass = (first: boolean): void => {
    const again = first ? '' : ' when the events repeat';
    const gone = (what: string, presence: Presence, verb: string): string => {
      const by = presence.changedBy;
      const when =
        by === undefined
          ? ''
          : `: events[${by}] ${verb} it at ${(events[by] as ScenarioEvent).at} s`;
      return `${what} is gone${when}`;
    };
    const workloadExists = (
      index: number,
      name: string,
      namespace: string | undefined,
    ): boolean => {
      if (workloads.has(keyOf(name, namespace))) return true;
      if (first)
        report(['events', index, 'workload'], `no ${inNamespace('workload', name, namespace)}`);
      return false;
    };
    const nodeExists = (index: number, name: string): boolean => {
      const node = state.nodes.get(name);
      if (node?.present) return true;
      if (!first) return false;
      if (node) report(['events', index, 'node'], gone(`node "${name}"`, node, 'removed'));
      else {
        report(
          ['events', index, 'node'],
          `no node "${name}"; Nodes are named <zone>-node-1 to <zone>-node-<nodes> unless the zone gives nodeNames`,
        );
      }
      return false;
    };
    const zoneExists = (index: number, zone: string): boolean => {
      if (zones.has(zone)) return true;
      if (first) report(['events', index, 'zone'], `no zone "${zone}"`);
      return false;
    };
    const serviceState = (index: number, name: string, namespace: string | undefined) => {
      const key = keyOf(name, namespace);
      const service = state.services.get(key);
      if (service?.present) return service;
      if (!first) return undefined;
      const what = inNamespace('Service', name, namespace);
      if (service) report(['events', index, 'name'], gone(what, service, 'deleted'));
      else {
        const creator = createdLater.get(key);
        const hint =
          creator === undefined
            ? ''
            : ` yet: events[${creator}] creates it at ${(events[creator] as ScenarioEvent).at} s`;
        report(['events', index, 'name'], `no ${what}${hint}`);
      }
      return undefined;
    };

    for (const index of order) {
      const event = events[index] as ScenarioEvent;
      switch (event.type) {
        case 'scale': {
          if (!workloadExists(index, event.workload, event.namespace)) break;
          const key = keyOf(event.workload, event.namespace);
          state.podCount += event.replicas - (state.replicas.get(key) ?? 0);
          state.replicas.set(key, event.replicas);
          if (state.podCount > MAX_PODS) {
            reportLimit(
              'pods',
              ['events', index, 'replicas'],
              `brings the pods to ${state.podCount} (the sum of replicas)${again}, over the limit of ${MAX_PODS}`,
            );
          }
          break;
        }
        case 'rollout':
        case 'readinessFlap':
          workloadExists(index, event.workload, event.namespace);
          break;
        case 'drainNode':
        case 'uncordonNode':
        case 'nodeNotReady':
        case 'nodeReady':
          nodeExists(index, event.node);
          break;
        case 'removeNode':
          if (nodeExists(index, event.node)) {
            state.nodes.set(event.node, {
              ...(state.nodes.get(event.node) as NodeState),
              present: false,
              changedBy: index,
            });
            state.nodeCount--;
          }
          break;
        case 'addNodes': {
          if (!zoneExists(index, event.zone)) break;
          if (state.nodeCount + event.count > MAX_NODES) {
            reportLimit(
              'nodes',
              ['events', index, 'count'],
              `brings the nodes to ${state.nodeCount + event.count}${again}, over the limit of ${MAX_NODES}`,
            );
            break;
          }
          for (let k = 0; k < event.count; k++) {
            const n = (state.named.get(event.zone) ?? 0) + 1;
            state.named.set(event.zone, n);
            const name = defaultNodeName(event.zone, n);
            if (state.nodes.get(name)?.present) continue; // the engine skips a taken name
            state.nodes.set(name, { zone: event.zone, present: true, changedBy: index });
            state.nodeCount++;
          }
          break;
        }
        case 'zoneOutage':
          zoneExists(index, event.zone);
          break;
        case 'createService': {
          const { name, namespace, ...spec } = event.service;
          const key = keyOf(name, namespace);
          if (state.services.get(key)?.present) {
            if (first) {
              report(
                ['events', index, 'service', 'name'],
                `${inNamespace('Service', name, namespace)} already exists`,
              );
            }
            break;
          }
          state.services.set(key, { present: true, spec, changedBy: index });
          state.serviceCount++;
          if (state.serviceCount > MAX_SERVICES) {
            reportLimit(
              'services',
              ['events', index, 'service'],
              `brings the Services to ${state.serviceCount}${again}, over the limit of ${MAX_SERVICES}`,
            );
          }
          break;
        }
        case 'deleteService': {
          const service = serviceState(index, event.name, event.namespace);
          if (!service) break;
          service.present = false;
          service.changedBy = index;
          state.serviceCount--;
          break;
        }
        case 'editService': {
          const service = serviceState(index, event.name, event.namespace);
          if (!service) break;
          const edited = applyServiceChanges(service.spec, event.changes);
          if (first) {
            for (const problem of serviceProblems(edited)) {
              report(
                ['events', index, 'changes', ...blame(problem, event.changes)],
                problem.message,
              );
            }
          }
          service.spec = edited;
          break;
        }
        default: {
          const unknown: never = event;
          throw new Error(`unknown scenario event ${JSON.stringify(unknown)}`);
        }
      }
    }
  };

  pass(true);
  // From the second cycle on, each cycle starts where the previous one ended, so a second pass
  // sees every total a repeating scenario ever reaches.
  if (repeat !== undefined) pass(false);
}
