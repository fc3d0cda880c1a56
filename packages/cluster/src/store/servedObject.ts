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
  const apiVersion = KIND_RESOURCES[kind].apiVersion;
  const resourceVersion = String(rv);
  // Objects are never changed in place, so one already in served form is served as it is.
  if (
    object.kind === kind &&
    object.apiVersion === apiVersion &&
    object.metadata.resourceVersion === resourceVersion
  ) {
    return object;
  }
  const served: Record<string, unknown> = {
    kind,
    apiVersion,
    metadata: { ...object.metadata, resourceVersion },
  };
  for (const [field, value] of Object.entries(object)) {
    if (field !== 'kind' && field !== 'apiVersion' && field !== 'metadata') served[field] = value;
  }
  return served as KubeObject;
}

/** The resourceVersion of a served object as a number. */
export function servedRv(object: KubeObject): number {
  return Number(object.metadata.resourceVersion);
}
