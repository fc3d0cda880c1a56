import type { ScenarioService, WorkloadSpec, ZoneSpec } from '@slicescope/core';
import { defaultNodeName } from '@slicescope/core';
import { isDns1123Subdomain } from './names.ts';

/**
 * The rules of one Service, workload or zone that involve more than one field, as the API
 * server's validation would apply them (pkg/apis/core/validation ValidateService,
 * apps/validation ValidateRollingUpdateDeployment).
 */

export interface RuleProblem {
  /** Path inside the object. */
  path: (string | number)[];
  message: string;
  /** The fields the rule reads: an edit that breaks it is blamed on the one it changed. */
  fields: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `ports[0].name`, `labels["app.kubernetes.io/name"]`: a path as messages and `field` show it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

function firstSeen<T>(seen: Map<T, number>, key: T, index: number): number | undefined {
  const earlier = seen.get(key);
  if (earlier === undefined) seen.set(key, index);
  return earlier;
}

/**
 * Ports that repeat a name, or a number with the same protocol, an earlier port of the list has;
 * `numberField` names the number (`port` of a Service, `containerPort` of a workload).
 */
function duplicatePortProblems(
  ports: readonly { name?: string; protocol?: string }[],
  numberOf: (index: number) => number,
  numberField: 'port' | 'containerPort',
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  ports.forEach((port, index) => {
    const sameName = port.name === undefined ? undefined : firstSeen(names, port.name, index);
    if (sameName !== undefined) {
      problems.push({
        path: ['ports', index, 'name'],
        message: `duplicate port name "${port.name}" (also ports[${sameName}])`,
        fields: ['ports'],
      });
    }
    const key = `${numberOf(index)}/${port.protocol ?? 'TCP'}`;
    const sameNumber = firstSeen(numbers, key, index);
    if (sameNumber !== undefined) {
      problems.push({
        path: ['ports', index, numberField],
        message: `duplicate port ${key} (also ports[${sameNumber}])`,
        fields: ['ports'],
      });
    }
  });
  return problems;
}

export function serviceProblems(spec: Omit<ScenarioService, 'name'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  if (headless && type !== 'ClusterIP') {
    problems.push({
      path: ['clusterIP'],
      message: `"None" (headless) needs type ClusterIP, but the type is ${type}`,
      fields: ['clusterIP', 'type'],
    });
  }
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    problems.push({
      path: ['ports'],
      message: 'a Service needs at least one port unless it is headless (clusterIP: None)',
      fields: ['ports', 'clusterIP', 'type'],
    });
  }
  ports.forEach((port, index) => {
    if (ports.length > 1 && port.name === undefined) {
      problems.push({
        path: ['ports', index, 'name'],
        message: 'is required when a Service has more than one port',
        fields: ['ports'],
      });
    }
    if (port.nodePort !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') {
      problems.push({
        path: ['ports', index, 'nodePort'],
        message: `needs type NodePort or LoadBalancer, but the type is ${type}`,
        fields: ['ports', 'type'],
      });
    }
  });
  problems.push(...duplicatePortProblems(ports, (index) => ports[index]?.port ?? 0, 'port'));
  problems.push(...duplicateFamilies(spec.ipFamilies));
  return problems;
}

function duplicateFamilies(families: readonly string[] | undefined): RuleProblem[] {
  if (families?.length === 2 && families[0] === families[1]) {
    return [
      {
        path: ['ipFamilies', 1],
        message: `duplicate family "${families[1]}"; dual-stack is [IPv4, IPv6] or [IPv6, IPv4]`,
        fields: ['ipFamilies'],
      },
    ];
  }
  return [];
}

function isZero(value: number | string | undefined): boolean {
  return value === 0 || (typeof value === 'string' && /^0+%$/.test(value));
}

export function workloadProblems(spec: WorkloadSpec): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const ports = spec.ports ?? [];
  problems.push(
    ...duplicatePortProblems(ports, (index) => ports[index]?.containerPort ?? 0, 'containerPort'),
  );
  problems.push(...duplicateFamilies(spec.ipFamilies));
  if (isZero(spec.maxSurge) && isZero(spec.maxUnavailable)) {
    problems.push({
      path: ['maxUnavailable'],
      message: 'cannot be 0 when maxSurge is 0 too: the rollout could never make progress',
      fields: ['maxSurge', 'maxUnavailable'],
    });
  }
  return problems;
}

/** Node labels the engine sets itself, from the zone and the Node's name. */
const ENGINE_NODE_LABELS: readonly string[] = [
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
];

/**
 * The names of a zone's initial Nodes: `nodeNames`, else `<zone>-node-1` … `<zone>-node-<nodes>`,
 * the engine's rule (packages/core/src/engine/nodes.ts).
 */
export function initialNodeNames(zone: ZoneSpec): string[] {
  return (
    zone.nodeNames ??
    Array.from({ length: zone.nodes }, (_, i) => defaultNodeName(zone.name, i + 1))
  );
}

export function zoneProblems(zone: ZoneSpec): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (zone.nodeNames === undefined) {
    const example = defaultNodeName(zone.name, 1);
    if (!isDns1123Subdomain(example)) {
      problems.push({
        path: ['name'],
        message: `gives Node names such as "${example}", which are not DNS-1123 subdomains; use a lowercase name or give nodeNames`,
        fields: ['name'],
      });
    }
  } else {
    if (zone.nodeNames.length !== zone.nodes) {
      problems.push({
        path: ['nodeNames'],
        message: `has ${zone.nodeNames.length} names for ${zone.nodes} nodes; give one name per node`,
        fields: ['nodeNames', 'nodes'],
      });
    }
  }
  for (const key of Object.keys(zone.labels ?? {})) {
    if (ENGINE_NODE_LABELS.includes(key)) {
      problems.push({
        path: ['labels', key],
        message: 'is set by the engine from the zone and the Node; remove it',
        fields: ['labels'],
      });
    }
  }
  return problems;
}
