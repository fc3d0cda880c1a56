import { KIND_RESOURCES, type ObjectKind } from '@slicescope/core';
import type { DiscoveryDocument } from './routes.ts';

/** The Kubernetes release the embedded cluster claims to be (its field semantics are 1.37's). */
const SERVED_VERSION = { major: '1', minor: '37', gitVersion: 'v1.37.0' } as const;

/**
 * Discovery metadata per kind as the real server lists it: singular name, short names and
 * categories (`kubectl get all` includes pods and services).
 */
const RESOURCE_INFO: Record<
  ObjectKind,
  { singularName: string; shortNames?: string[]; categories?: string[] }
> = {
  Endpoints: { singularName: 'endpoints', shortNames: ['ep'] },
  Node: { singularName: 'node', shortNames: ['no'] },
  Pod: { singularName: 'pod', shortNames: ['po'], categories: ['all'] },
  Service: { singularName: 'service', shortNames: ['svc'], categories: ['all'] },
  EndpointSlice: { singularName: 'endpointslice' },
};

const VERBS = ['get', 'list', 'watch'];

function resourcesOf(group: string): object[] {
  return (Object.keys(KIND_RESOURCES) as ObjectKind[])
    .filter((kind) => KIND_RESOURCES[kind].group === group)
    .sort((a, b) => KIND_RESOURCES[a].resource.localeCompare(KIND_RESOURCES[b].resource))
    .map((kind) => ({
      name: KIND_RESOURCES[kind].resource,
      singularName: RESOURCE_INFO[kind].singularName,
      namespaced: KIND_RESOURCES[kind].namespaced,
      kind,
      verbs: VERBS,
      ...(RESOURCE_INFO[kind].shortNames ? { shortNames: RESOURCE_INFO[kind].shortNames } : {}),
      ...(RESOURCE_INFO[kind].categories ? { categories: RESOURCE_INFO[kind].categories } : {}),
    }));
}

const DISCOVERY_GROUP_VERSION = { groupVersion: 'discovery.k8s.io/v1', version: 'v1' };
const DISCOVERY_GROUP = {
  name: 'discovery.k8s.io',
  versions: [DISCOVERY_GROUP_VERSION],
  preferredVersion: DISCOVERY_GROUP_VERSION,
};

/**
 * The legacy (unaggregated) discovery documents. kubectl first asks for aggregated discovery
 * and falls back to these when the response's Content-Type is plain application/json.
 */
export function discoveryDocument(document: DiscoveryDocument, serverAddress: string): object {
  switch (document) {
    case 'api':
      return {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
      };
    case 'apis':
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: [DISCOVERY_GROUP] };
    case 'discoveryGroup':
      return { kind: 'APIGroup', apiVersion: 'v1', ...DISCOVERY_GROUP };
    case 'coreV1':
      return { kind: 'APIResourceList', groupVersion: 'v1', resources: resourcesOf('') };
    case 'discoveryV1':
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'discovery.k8s.io/v1',
        resources: resourcesOf('discovery.k8s.io'),
      };
    case 'version':
      return {
        major: SERVED_VERSION.major,
        minor: SERVED_VERSION.minor,
        emulationMajor: SERVED_VERSION.major,
        emulationMinor: SERVED_VERSION.minor,
        minCompatibilityMajor: SERVED_VERSION.major,
        minCompatibilityMinor: String(Number(SERVED_VERSION.minor) - 1),
        gitVersion: SERVED_VERSION.gitVersion,
        gitCommit: 'slicescope-embedded-cluster',
        gitTreeState: 'clean',
        buildDate: '2026-01-01T00:00:00Z',
        goVersion: 'go1.25.0',
        compiler: 'gc',
        platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
      };
    default: {
      const never: never = document;
      return never;
    }
  }
}
