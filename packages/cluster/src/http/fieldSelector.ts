import type { KubeObject, ObjectKind } from '@slicescope/core';

/** One term of a field selector: `field=value`, `field==value` or `field!=value`. */
interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export type FieldSelector = readonly FieldRequirement[];

type FieldReader = (object: KubeObject) => string;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
const at =
  (...path: string[]): FieldReader =>
  (object) => {
    let value: unknown = object;
    for (const step of path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[step]
          : undefined;
    }
    return text(value);
  };

const name = at('metadata', 'name');
const namespace = at('metadata', 'namespace');

/** Filled as the v1 → internal conversion does: the field, else `podIPs[0]` / the deprecated alias. */
const podIP: FieldReader = (object) =>
  at('status', 'podIP')(object) || at('status', 'podIPs', '0', 'ip')(object);
const serviceAccountName: FieldReader = (object) =>
  at('spec', 'serviceAccountName')(object) || at('spec', 'serviceAccount')(object);

/**
 * The fields each kind can be selected by, as the apiserver's field label conversions list them
 * (kubernetes pkg/apis/core/v1/conversion.go; Endpoints and EndpointSlice use the default
 * metadata.name/metadata.namespace), read as the registries' selectable field sets do
 * (pkg/registry/core/pod/strategy.go `ToSelectableFields`). `spec.host` is the old name of
 * `spec.nodeName`. `status.podIPs` is accepted but not in the Pod's field set, so it reads as
 * empty: `status.podIPs=<ip>` matches no Pod, `status.podIPs!=<ip>` every Pod.
 */
const FIELDS: Record<ObjectKind, Record<string, FieldReader>> = {
  Pod: {
    'metadata.name': name,
    'metadata.namespace': namespace,
    'spec.nodeName': at('spec', 'nodeName'),
    'spec.host': at('spec', 'nodeName'),
    'spec.restartPolicy': at('spec', 'restartPolicy'),
    'spec.schedulerName': at('spec', 'schedulerName'),
    'spec.serviceAccountName': serviceAccountName,
    'spec.hostNetwork': (object) => text(at('spec', 'hostNetwork')(object) === 'true'),
    'status.phase': at('status', 'phase'),
    'status.podIP': podIP,
    'status.podIPs': () => '',
    'status.nominatedNodeName': at('status', 'nominatedNodeName'),
  },
  Node: {
    'metadata.name': name,
    'spec.unschedulable': (object) => text(at('spec', 'unschedulable')(object) === 'true'),
  },
  Service: {
    'metadata.name': name,
    'metadata.namespace': namespace,
    'spec.clusterIP': at('spec', 'clusterIP'),
    'spec.type': at('spec', 'type'),
  },
  Endpoints: { 'metadata.name': name, 'metadata.namespace': namespace },
  EndpointSlice: { 'metadata.name': name, 'metadata.namespace': namespace },
};

/** Splits on unescaped commas (fields.ParseSelector's splitTerms). */
function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (ch === '\\' && i + 1 < input.length) {
      current += ch + (input[i + 1] as string);
      i += 1;
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/**
 * Parses a field selector and checks every field against the kind. Errors read as the
 * apiserver words them: `invalid selector: '…'; can't understand '…'` and
 * `field label not supported: <field>`.
 */
export function parseFieldSelector(
  input: string,
  kind: ObjectKind,
): { ok: true; selector: FieldSelector } | { ok: false; message: string } {
  const selector: FieldRequirement[] = [];
  for (const term of splitTerms(input)) {
    if (term === '') continue;
    const match = /^((?:[^\\!=]|\\.)*?)(!=|==|=)(.*)$/s.exec(term);
    if (match === null) {
      return { ok: false, message: `invalid selector: '${input}'; can't understand '${term}'` };
    }
    const [, field = '', op = '', value = ''] = match;
    if (FIELDS[kind][field] === undefined) {
      return { ok: false, message: `field label not supported: ${field}` };
    }
    selector.push({ field, op: op === '!=' ? '!=' : '=', value: unescape(value) });
  }
  return { ok: true, selector };
}

export function fieldsMatch(
  selector: FieldSelector,
  kind: ObjectKind,
  object: KubeObject,
): boolean {
  return selector.every((requirement) => {
    const read = FIELDS[kind][requirement.field];
    const actual = read === undefined ? '' : read(object);
    return requirement.op === '=' ? actual === requirement.value : actual !== requirement.value;
  });
}
