import { readFileSync } from 'node:fs';
import { decodeUtf8, MAX_NESTING_DEPTH, tooDeepField, tooDeepPath } from '@slicescope/contract';
import { KIND_RESOURCES, plural, type KubeObject, type ObjectKind } from '@slicescope/core';
import { parseAllDocuments } from 'yaml';
import { SourceError } from './source.ts';
import { compareStrings } from '../analysis/endpointText.ts';
import { isRecord } from '../rawJson.ts';

/** The objects found in dump files, by kind, and what was skipped. */
export interface DumpContents {
  objects: { kind: ObjectKind; object: KubeObject }[];
  /** Objects of other kinds (e.g. Deployments in a `kubectl get all` dump), counted by kind. */
  skipped: Record<string, number>;
  /** Copies replaced by a later one of the same kind, namespace and name (dumps concatenated). */
  replaced: number;
}

const KINDS = new Set(Object.keys(KIND_RESOURCES));
/** Older EndpointSlice versions are read too (their shape is normalised at ingest). */
const SLICE_VERSIONS = new Set([
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'discovery.k8s.io/v1alpha1',
]);

function documentsOf(path: string, text: string): unknown[] {
  if (/^\s*[[{]/.test(text)) {
    try {
      return [JSON.parse(text)];
    } catch (error) {
      throw new SourceError(`--from-file ${path}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const out: unknown[] = [];
  for (const document of list) {
    const [problem] = document.errors;
    if (problem) {
      const line = problem.linePos?.[0].line;
      throw new SourceError(
        `--from-file ${path}${line ? ` line ${line}` : ''}: not valid YAML: ${problem.message.split('\n')[0]}`,
      );
    }
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function collect(path: string, value: unknown, into: DumpContents, where: string): void {
  if (!isRecord(value)) throw new SourceError(`--from-file ${path}: ${where} is not an object`);
  const kind = typeof value.kind === 'string' ? value.kind : undefined;
  if (Array.isArray(value.items) && (kind === undefined || kind.endsWith('List'))) {
    // A typed list (ServiceList, as `kubectl get --raw` and client-go write it) leaves its items'
    // kind and apiVersion out: they are the list's.
    const itemKind = kind && kind !== 'List' ? kind.slice(0, -'List'.length) : undefined;
    value.items.forEach((item, index) =>
      collect(
        path,
        itemKind && isRecord(item) && item.kind === undefined
          ? { apiVersion: value.apiVersion, kind: itemKind, ...item }
          : item,
        into,
        `${where}.items[${index}]`,
      ),
    );
    return;
  }
  if (kind === undefined) throw new SourceError(`--from-file ${path}: ${where} has no "kind"`);
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  const known = KINDS.has(kind) && (kind !== 'EndpointSlice' || SLICE_VERSIONS.has(apiVersion));
  if (!known) {
    into.skipped[kind] = (into.skipped[kind] ?? 0) + 1;
    return;
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    throw new SourceError(`--from-file ${path}: ${where} (${kind}) has no metadata.name`);
  }
  // What is kept is encoded again for every client: nothing nested past what encoders recurse.
  const deep = tooDeepPath(value);
  if (deep) {
    throw new SourceError(
      `--from-file ${path}: ${where} (${kind} ${metadata.name}) is nested more than ${MAX_NESTING_DEPTH} levels deep, at ${tooDeepField(deep)}`,
    );
  }
  const objectKind = kind as ObjectKind;
  const namespace =
    KIND_RESOURCES[objectKind].namespaced && typeof metadata.namespace !== 'string'
      ? { namespace: 'default' }
      : {};
  into.objects.push({
    kind: objectKind,
    object: { ...value, metadata: { ...metadata, ...namespace } } as unknown as KubeObject,
  });
}

/** What a user should hear about a dump's contents: what was left out, what was replaced. */
export function dumpNotes(contents: DumpContents): string[] {
  const notes: string[] = [];
  const skipped = Object.entries(contents.skipped)
    .sort(([a], [b]) => compareStrings(a, b))
    // Kinds as they are spelt (NetworkPolicy, Ingress): counted, not pluralised.
    .map(([kind, count]) => `${kind} × ${count}`);
  if (skipped.length > 0) {
    notes.push(
      `--from-file: left out ${skipped.join(', ')} (slicescope reads Services, EndpointSlices, Endpoints, Pods and Nodes)`,
    );
  }
  if (contents.replaced > 0) {
    notes.push(
      `--from-file: ${plural(contents.replaced, 'object')} appeared more than once; the last copy of each is served`,
    );
  }
  return notes;
}

/**
 * Reads `kubectl get … -o json|yaml` output: a List, a single object, or multi-document YAML.
 * Objects of the five kinds slicescope reads are kept; the last of two with the same kind,
 * namespace and name wins.
 */
export function readDumpFiles(paths: readonly string[]): DumpContents {
  const contents: DumpContents = { objects: [], skipped: {}, replaced: 0 };
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new SourceError(
        `--from-file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const text = decodeUtf8(bytes);
    if (!text.ok) throw new SourceError(`--from-file ${path}: ${text.error}`);
    documentsOf(path, text.text).forEach((document, index) =>
      collect(path, document, contents, `document ${index + 1}`),
    );
  }
  const byKey = new Map<string, DumpContents['objects'][number]>();
  for (const entry of contents.objects) {
    const { namespace, name } = entry.object.metadata;
    byKey.set(`${entry.kind}/${namespace ?? ''}/${name ?? ''}`, entry);
  }
  contents.replaced = contents.objects.length - byKey.size;
  contents.objects = [...byKey.values()];
  if (contents.objects.length === 0) {
    throw new SourceError(
      `--from-file: no Services, EndpointSlices, Pods, Nodes or Endpoints in ${paths.join(', ')}`,
    );
  }
  return contents;
}

/** An RFC 3339 time in ms, or undefined for anything else. */
function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The newest time the dump's objects record — creations, condition transitions and heartbeats,
 * the controllers' trigger times, deletion requests (deletionTimestamp less the grace period) —
 * as a lower bound of when it was taken: ages measured to it are at most what they were then
 * (a Node's heartbeat, every few minutes, keeps the gap small). Undefined without any time.
 */
export function newestTimeIn(contents: DumpContents): number | undefined {
  let newest: number | undefined;
  const see = (ms: number | undefined): void => {
    if (ms !== undefined && (newest === undefined || ms > newest)) newest = ms;
  };
  for (const { object } of contents.objects) {
    const metadata = object.metadata as Record<string, unknown>;
    see(timeOf(metadata.creationTimestamp));
    const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
    see(timeOf(annotations['endpoints.kubernetes.io/last-change-trigger-time']));
    const deadline = timeOf(metadata.deletionTimestamp);
    const grace = metadata.deletionGracePeriodSeconds;
    if (deadline !== undefined && typeof grace === 'number') see(deadline - grace * 1000);
    const status = (object as { status?: unknown }).status;
    const conditions =
      isRecord(status) && Array.isArray(status.conditions) ? status.conditions : [];
    for (const condition of conditions) {
      if (!isRecord(condition)) continue;
      see(timeOf(condition.lastTransitionTime));
      see(timeOf(condition.lastHeartbeatTime));
    }
  }
  return newest;
}
