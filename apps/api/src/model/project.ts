import type {
  Container,
  EndpointAddress,
  EndpointSubset,
  Protocol,
  Endpoints,
  EndpointSlice,
  KubeObject,
  Node,
  ObjectKind,
  ObjectMeta,
  Pod,
  Service,
} from '@slicescope/core';
import { internJson, internString } from './intern.ts';
import { normalizeSliceShape } from './sliceVersions.ts';
import { isRecord, type Raw } from '../rawJson.ts';

/**
 * Objects are cut down at ingest to what the dashboard draws and the analyses read
 * (architecture.md, "mapping"): managedFields, env, commands, most annotations and status are
 * dropped, so memory stays small and nothing sensitive can reach a browser. List items and watch
 * objects arrive in the same raw JSON shape (the informer reads both itself), so one projection
 * serves both. The results are valid core objects: the controllers run on them unchanged.
 */

const record = (value: unknown): Raw => (isRecord(value) ? value : {});
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const strings = (value: unknown): Record<string, string> | undefined => {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') out[key] = item;
  return out;
};
const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Annotations any analysis reads; every other annotation is dropped. */
const KEPT_ANNOTATIONS = new Set([
  'service.kubernetes.io/topology-mode',
  'service.kubernetes.io/topology-aware-hints',
  'endpoints.kubernetes.io/last-change-trigger-time',
  'endpoints.kubernetes.io/over-capacity',
]);

function meta(raw: unknown, options: { owners?: boolean; created?: boolean } = {}): ObjectMeta {
  const source = record(raw);
  const out: ObjectMeta = {};
  for (const field of ['name', 'uid', 'resourceVersion'] as const) {
    const value = text(source[field]);
    if (value !== undefined) out[field] = value;
  }
  for (const field of ['generateName', 'namespace'] as const) {
    const value = internString(text(source[field]));
    if (value !== undefined) out[field] = value;
  }
  const created = options.created === false ? undefined : text(source.creationTimestamp);
  if (created !== undefined) out.creationTimestamp = created;
  const deleting = text(source.deletionTimestamp);
  if (deleting !== undefined) out.deletionTimestamp = deleting;
  // The grace period tells when termination began: deletionTimestamp is deletion time + grace.
  if (typeof source.deletionGracePeriodSeconds === 'number') {
    out.deletionGracePeriodSeconds = source.deletionGracePeriodSeconds;
  }
  const labels = strings(source.labels);
  if (labels) out.labels = internJson(labels);
  const annotations = strings(source.annotations);
  if (annotations) {
    const kept = Object.entries(annotations).filter(([key]) => KEPT_ANNOTATIONS.has(key));
    if (kept.length > 0) out.annotations = Object.fromEntries(kept);
  }
  if (options.owners) {
    const owners = list(source.ownerReferences).map((owner) => ({
      apiVersion: text(owner.apiVersion) ?? '',
      kind: text(owner.kind) ?? '',
      name: text(owner.name) ?? '',
      uid: text(owner.uid) ?? '',
      ...(owner.controller === true ? { controller: true } : {}),
    }));
    if (owners.length > 0) out.ownerReferences = internJson(owners);
  }
  return out;
}

const SERVICE_SPEC_FIELDS = [
  'type',
  'selector',
  'ports',
  'clusterIP',
  'clusterIPs',
  'ipFamilies',
  'ipFamilyPolicy',
  'publishNotReadyAddresses',
  'trafficDistribution',
  'internalTrafficPolicy',
  'externalTrafficPolicy',
  'externalName',
] as const;

export function projectService(raw: Raw): Service {
  const spec = record(raw.spec);
  const out: Record<string, unknown> = {};
  for (const field of SERVICE_SPEC_FIELDS) if (spec[field] !== undefined) out[field] = spec[field];
  return { metadata: meta(raw.metadata), spec: out };
}

function projectContainer(raw: Raw): Container {
  const ports = list(raw.ports).map((port) => ({
    ...(text(port.name) !== undefined ? { name: text(port.name) } : {}),
    containerPort: typeof port.containerPort === 'number' ? port.containerPort : 0,
    ...(text(port.protocol) !== undefined ? { protocol: port.protocol } : {}),
  })) as Container['ports'];
  return {
    name: text(raw.name) ?? '',
    ...(ports && ports.length > 0 ? { ports } : {}),
    ...(text(raw.restartPolicy) !== undefined ? { restartPolicy: text(raw.restartPolicy) } : {}),
  };
}

/** Only containers with ports matter (named target ports); sidecars are init containers that stay. */
function containers(raw: unknown, sidecarsOnly: boolean): Container[] | undefined {
  const kept = list(raw)
    .filter((container) => !sidecarsOnly || container.restartPolicy === 'Always')
    .map(projectContainer)
    .filter((container) => (container.ports?.length ?? 0) > 0);
  // slice(): a filter result keeps room for 17 elements; the model keeps this array.
  return kept.length > 0 ? kept.slice() : undefined;
}

export function projectPod(raw: Raw): Pod {
  const spec = record(raw.spec);
  const status = record(raw.status);
  const podSpec: Pod['spec'] = {};
  const nodeName = internString(text(spec.nodeName));
  if (nodeName !== undefined) podSpec.nodeName = nodeName;
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = text(spec[field]);
    if (value !== undefined) podSpec[field] = value;
  }
  const regular = containers(spec.containers, false);
  if (regular) podSpec.containers = internJson(regular);
  const sidecars = containers(spec.initContainers, true);
  if (sidecars) podSpec.initContainers = internJson(sidecars);
  const podStatus: Pod['status'] = {};
  const phase = internString(text(status.phase));
  if (phase !== undefined) podStatus.phase = phase;
  const podIP = text(status.podIP);
  if (podIP !== undefined) podStatus.podIP = podIP;
  // filter + map, not flatMap: map sizes the kept array exactly (see sliceVersions.ts). The first
  // of podIPs is podIP: one string serves both.
  const podIPs = list(status.podIPs)
    .filter((entry) => typeof entry.ip === 'string')
    .map((entry) => ({
      ip: podIP !== undefined && entry.ip === podIP ? podIP : (entry.ip as string),
    }));
  if (podIPs.length > 0) podStatus.podIPs = podIPs;
  const ready = list(status.conditions).find((condition) => condition.type === 'Ready');
  if (ready) {
    podStatus.conditions = internJson([{ type: 'Ready', status: text(ready.status) ?? 'Unknown' }]);
  }
  // Owners and creation time of Pods are neither drawn nor read by any analysis.
  return { metadata: meta(raw.metadata, { created: false }), spec: podSpec, status: podStatus };
}

export function projectNode(raw: Raw): Node {
  const spec = record(raw.spec);
  const status = record(raw.status);
  const allocatable = strings(status.allocatable);
  const ready = list(status.conditions).find((condition) => condition.type === 'Ready');
  return {
    metadata: meta(raw.metadata),
    ...(spec.unschedulable === true ? { spec: { unschedulable: true } } : {}),
    status: {
      ...(allocatable?.cpu !== undefined ? { allocatable: { cpu: allocatable.cpu } } : {}),
      conditions: ready ? [{ type: 'Ready', status: text(ready.status) ?? 'Unknown' }] : [],
    },
  };
}

export function projectSlice(raw: Raw): EndpointSlice {
  const slice = normalizeSliceShape(raw);
  return { ...slice, metadata: meta(raw.metadata, { owners: true }) };
}

function projectAddress(raw: Raw): EndpointAddress {
  const target = record(raw.targetRef);
  return {
    ip: text(raw.ip) ?? '',
    ...(text(raw.hostname) !== undefined ? { hostname: text(raw.hostname) } : {}),
    ...(text(raw.nodeName) !== undefined ? { nodeName: internString(text(raw.nodeName)) } : {}),
    ...(isRecord(raw.targetRef)
      ? {
          targetRef: {
            kind: internString(text(target.kind)),
            namespace: internString(text(target.namespace)),
            name: text(target.name),
            uid: text(target.uid),
          },
        }
      : {}),
  };
}

export function projectEndpoints(raw: Raw): Endpoints {
  const subsets: EndpointSubset[] = list(raw.subsets).map((subset) => ({
    addresses: list(subset.addresses).map(projectAddress),
    notReadyAddresses: list(subset.notReadyAddresses).map(projectAddress),
    ports: list(subset.ports).map((port) => ({
      ...(text(port.name) !== undefined ? { name: text(port.name) } : {}),
      port: typeof port.port === 'number' ? port.port : 0,
      ...(text(port.protocol) !== undefined ? { protocol: port.protocol as Protocol } : {}),
    })),
  }));
  return { metadata: meta(raw.metadata), subsets };
}

const PROJECTIONS: Record<ObjectKind, (raw: Raw) => KubeObject> = {
  Service: projectService,
  Pod: projectPod,
  Node: projectNode,
  EndpointSlice: projectSlice,
  Endpoints: projectEndpoints,
};

/** The model's form of an object of `kind` read from a list or a watch. */
export function project(kind: ObjectKind, raw: unknown): KubeObject {
  return PROJECTIONS[kind](record(raw));
}
