import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  applyJson6902,
  isObject,
  strategicMerge,
  type Json,
  type JsonObject,
  type JsonPatchOperation,
} from './patch.ts';

/**
 * A small kustomize: the features deploy/ uses, no more — resources (files and directories),
 * components, patches (JSON 6902 with a target; strategic merge found by its own kind and name)
 * and labels without selectors. Any other field is refused, so a kustomization that grows a
 * feature this does not know fails here instead of rendering something kustomize would not.
 * Resources are returned in the order they were read (kustomize sorts them; compare as sets).
 */

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

const FIELDS = new Set(['apiVersion', 'kind', 'resources', 'components', 'patches', 'labels']);
const PATCH_FIELDS = new Set(['path', 'patch', 'target']);
const TARGET_FIELDS = new Set(['group', 'version', 'kind', 'name', 'namespace']);
const LABEL_FIELDS = new Set(['pairs', 'includeSelectors', 'includeTemplates']);

function refuseUnknown(value: JsonObject, known: Set<string>, where: string): void {
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${where}: unsupported field(s) ${unknown.join(', ')}`);
}

/** Every YAML document of a file, skipping empty ones; a parse error throws. */
export function readDocuments(path: string): JsonObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    const value = document.toJS() as Json;
    if (value === null) return [];
    if (!isObject(value)) throw new Error(`${path}: a document is not an object`);
    return [value];
  });
}

/** Files are read only from inside the kustomization's directory (LoadRestrictionsRootOnly). */
function insideFile(dir: string, path: string): string {
  const full = resolve(dir, path);
  if (relative(dir, full).startsWith(`..${sep}`) || !statSync(full).isFile()) {
    throw new Error(`${path}: not a file inside ${dir}`);
  }
  return full;
}

function strings(value: Json | undefined, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${where}: must be a list of strings`);
  }
  return value as string[];
}

const metadataOf = (resource: JsonObject): JsonObject =>
  isObject(resource.metadata) ? resource.metadata : {};

/** `group/version` of a resource's apiVersion ('' for the core group). */
export function groupVersion(resource: JsonObject): { group: string; version: string } {
  const apiVersion = String(resource.apiVersion ?? '');
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** group/kind/namespace/name: what kustomize (and the apiserver) tells resources apart by. */
export function resourceId(resource: JsonObject): string {
  const metadata = metadataOf(resource);
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  const { group } = groupVersion(resource);
  return `${group}/${String(resource.kind)}/${namespace}/${String(metadata.name)}`;
}

function matches(resource: JsonObject, target: Target): boolean {
  const { group, version } = groupVersion(resource);
  const metadata = metadataOf(resource);
  return (
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.kind === undefined || target.kind === resource.kind) &&
    (target.name === undefined || target.name === metadata.name) &&
    (target.namespace === undefined || target.namespace === metadata.namespace)
  );
}

function applyPatch(dir: string, entry: Json, resources: JsonObject[]): JsonObject[] {
  if (!isObject(entry)) throw new Error(`${dir}: a patch must be an object`);
  refuseUnknown(entry, PATCH_FIELDS, `${dir} patch`);
  const text =
    typeof entry.path === 'string'
      ? readFileSync(insideFile(dir, entry.path), 'utf8')
      : typeof entry.patch === 'string'
        ? entry.patch
        : undefined;
  if (text === undefined) throw new Error(`${dir}: a patch needs a path or an inline patch`);
  const [document, ...more] = parseAllDocuments(text);
  if (!document || more.length > 0) throw new Error(`${dir}: a patch must be one document`);
  const patch = document.toJS() as Json;
  let target: Target;
  if (isObject(entry.target)) {
    refuseUnknown(entry.target, TARGET_FIELDS, `${dir} patch target`);
    target = entry.target as Target;
  } else if (Array.isArray(patch)) {
    throw new Error(`${dir}: a JSON 6902 patch needs a target`);
  } else if (isObject(patch)) {
    const metadata = metadataOf(patch);
    target = {
      ...groupVersion(patch),
      kind: String(patch.kind),
      name: String(metadata.name),
      ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
    };
  } else {
    throw new Error(`${dir}: a patch must be a list of operations or an object`);
  }
  let matched = 0;
  const patched = resources.map((resource) => {
    if (!matches(resource, target)) return resource;
    matched += 1;
    const result = Array.isArray(patch)
      ? applyJson6902(resource, patch as unknown as JsonPatchOperation[])
      : strategicMerge(resource, patch);
    return result as JsonObject;
  });
  if (matched === 0)
    throw new Error(`${dir}: no resource matches patch target ${JSON.stringify(target)}`);
  return patched;
}

function applyLabels(dir: string, entry: Json, resources: JsonObject[]): JsonObject[] {
  if (!isObject(entry) || !isObject(entry.pairs)) throw new Error(`${dir}: labels need pairs`);
  refuseUnknown(entry, LABEL_FIELDS, `${dir} labels`);
  if (entry.includeSelectors === true) throw new Error(`${dir}: includeSelectors is not supported`);
  const pairs = entry.pairs;
  const withLabels = (object: Json | undefined): JsonObject => {
    const metadata = isObject(object) ? object : {};
    return {
      ...metadata,
      labels: { ...(isObject(metadata.labels) ? metadata.labels : {}), ...pairs },
    };
  };
  return resources.map((resource) => {
    const labelled: JsonObject = { ...resource, metadata: withLabels(resource.metadata) };
    const spec = resource.spec;
    if (entry.includeTemplates === true && isObject(spec) && isObject(spec.template)) {
      labelled.spec = {
        ...spec,
        template: { ...spec.template, metadata: withLabels(spec.template.metadata) },
      };
    }
    return labelled;
  });
}

function build(
  dir: string,
  kind: 'Kustomization' | 'Component',
  inherited: JsonObject[],
): JsonObject[] {
  const [kustomization] = readDocuments(join(dir, 'kustomization.yaml'));
  if (!kustomization) throw new Error(`${dir}: empty kustomization.yaml`);
  refuseUnknown(kustomization, FIELDS, join(dir, 'kustomization.yaml'));
  if (kustomization.kind !== kind)
    throw new Error(`${dir}: expected a ${kind}, found ${String(kustomization.kind)}`);
  let resources = [...inherited];
  for (const entry of strings(kustomization.resources, `${dir} resources`)) {
    const path = resolve(dir, entry);
    resources.push(
      ...(statSync(path).isDirectory()
        ? build(path, 'Kustomization', [])
        : readDocuments(insideFile(dir, entry))),
    );
  }
  for (const entry of strings(kustomization.components, `${dir} components`)) {
    resources = build(resolve(dir, entry), 'Component', resources);
  }
  for (const patch of (kustomization.patches as Json[] | undefined) ?? []) {
    resources = applyPatch(dir, patch, resources);
  }
  for (const labels of (kustomization.labels as Json[] | undefined) ?? []) {
    resources = applyLabels(dir, labels, resources);
  }
  const seen = new Set<string>();
  for (const resource of resources) {
    const id = resourceId(resource);
    if (seen.has(id)) throw new Error(`${dir}: ${id} is defined twice`);
    seen.add(id);
  }
  return resources;
}

/** The resources `kubectl kustomize <dir>` would print, in reading order. */
export function render(dir: string): JsonObject[] {
  return build(resolve(dir), 'Kustomization', []);
}
