import { KIND_RESOURCES, type KubeObject, type ObjectKind } from '@slicescope/core';

/** The store key of an object: `namespace/name`, or `name` for cluster-scoped kinds. */
export function objectKey(kind: ObjectKind, namespace: string, name: string): string {
  return KIND_RESOURCES[kind].namespaced ? `${namespace}/${name}` : name;
}

/**
 * The object as the API serves it: `kind` and `apiVersion` first (as the Go encoder writes
 * them), then metadata with the served resourceVersion, then the object's other fields.
 */
export function servedForm(kind: ObjectKind, object: KubeObject, rv: number): KubeObject {
  const { kind: _kind, apiVersion: _apiVersion, metadata, ...fields } = object;
  return {
    kind,
    apiVersion: KIND_RESOURCES[kind].apiVersion,
    metadata: { ...metadata, resourceVersion: String(rv) },
    ...fields,
  } as KubeObject;
}

/** The resourceVersion of a served object as a number. */
export function servedRv(object: KubeObject): number {
  return Number(object.metadata.resourceVersion);
}
