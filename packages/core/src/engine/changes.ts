import type { Endpoints } from '../model/endpoints.ts';
import type { EndpointSlice, Node, Pod, Service } from '../model/kubernetes.ts';

/** The kinds of object the engine produces and a cluster serves. */
export type ObjectKind = 'Node' | 'Service' | 'Pod' | 'Endpoints' | 'EndpointSlice';

/** The object of each kind, in Kubernetes JSON. */
export interface KindObjects {
  Node: Node;
  Service: Service;
  Pod: Pod;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
}

export type KubeObject = KindObjects[ObjectKind];

/**
 * One change of one object, as a watch would report it. `object.metadata.resourceVersion` is a
 * decimal string taken from one counter for all kinds, so it strictly increases along the
 * sequence of changes; a DELETED change carries the object as it was, with the deletion's
 * resourceVersion.
 */
export type ObjectChange = {
  [K in ObjectKind]: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; kind: K; object: KindObjects[K] };
}[ObjectKind];

/** The Kubernetes API group/version and plural resource name of each kind. */
export const KIND_RESOURCES: Readonly<
  Record<
    ObjectKind,
    { apiVersion: string; group: string; version: string; resource: string; namespaced: boolean }
  >
> = {
  Node: { apiVersion: 'v1', group: '', version: 'v1', resource: 'nodes', namespaced: false },
  Service: { apiVersion: 'v1', group: '', version: 'v1', resource: 'services', namespaced: true },
  Pod: { apiVersion: 'v1', group: '', version: 'v1', resource: 'pods', namespaced: true },
  Endpoints: {
    apiVersion: 'v1',
    group: '',
    version: 'v1',
    resource: 'endpoints',
    namespaced: true,
  },
  EndpointSlice: {
    apiVersion: 'discovery.k8s.io/v1',
    group: 'discovery.k8s.io',
    version: 'v1',
    resource: 'endpointslices',
    namespaced: true,
  },
};
