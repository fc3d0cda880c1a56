import {
  DEFAULT_MAX_ENDPOINTS_PER_SLICE,
  MAX_MAX_ENDPOINTS_PER_SLICE,
  MIN_MAX_ENDPOINTS_PER_SLICE,
} from '@slicescope/core';
import { z } from 'zod';
import {
  endpointSliceSchema,
  endpointsSchema,
  nodeSchema,
  podSchema,
  serviceSchema,
  withoutNulls,
} from './kubernetesSchemas.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const reconcileOptionsSchema = z.strictObject({
  maxEndpointsPerSlice: z
    .int(`must be an integer from ${MIN_MAX_ENDPOINTS_PER_SLICE} to ${MAX_MAX_ENDPOINTS_PER_SLICE}`)
    .min(MIN_MAX_ENDPOINTS_PER_SLICE, `must be at least ${MIN_MAX_ENDPOINTS_PER_SLICE}`)
    .max(MAX_MAX_ENDPOINTS_PER_SLICE, `must be at most ${MAX_MAX_ENDPOINTS_PER_SLICE}`)
    .default(DEFAULT_MAX_ENDPOINTS_PER_SLICE),
  triggerTime: z
    .string()
    .refine((text) => RFC3339.test(text) && !Number.isNaN(Date.parse(text)), {
      message: 'must be an RFC 3339 time such as 2024-05-06T07:08:09Z',
    })
    .optional(),
  topologyCache: z.boolean().default(true),
  preferSameTrafficDistribution: z.boolean().default(true),
});

/** The lists of an input, each entry's schema. */
const LIST_SCHEMAS = {
  pods: podSchema,
  nodes: nodeSchema,
  existingSlices: endpointSliceSchema,
} as const;
type ListKey = keyof typeof LIST_SCHEMAS;

/** A List as `kubectl get … -o json` prints it: kind "List", or "PodList" and the like. */
function isKubectlList(value: unknown): value is { kind: string; items?: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { kind } = value as { kind?: unknown };
  return typeof kind === 'string' && kind.endsWith('List');
}

/**
 * Where objects of one kind are expected: an array of them, or a List of them read as its items,
 * so that `kubectl get pods -o json` output works unchanged. Its entries are read afterwards.
 */
function objectList(kind: string) {
  return z.preprocess(
    (value, context) => {
      if (!isKubectlList(value)) return value;
      if (value.kind !== 'List' && value.kind !== `${kind}List`) {
        const message = `expected ${kind}List or List, got ${value.kind}`;
        context.addIssue({ code: 'custom', path: ['kind'], message, input: value.kind });
        return value;
      }
      // Nulls are removed before: an absent items is an empty List, as Go reads it.
      if (value.items === undefined) return [];
      if (!Array.isArray(value.items)) {
        context.addIssue({
          code: 'custom',
          path: ['items'],
          message: 'must be an array',
          input: value.items,
        });
      }
      return value.items;
    },
    z.array(z.unknown(), `must be an array of ${kind}s or a List of them`),
  );
}

/**
 * One object, also given as a List of exactly one: `kubectl get svc -l app=web -o json` prints
 * a List even when one Service matches, and then nothing else can be meant. A List of several
 * is refused rather than one of them picked, since each would be another sync.
 */
function oneObject<T extends z.ZodType>(schema: T, kind: string, command: string) {
  return z.preprocess((value, context) => {
    if (!isKubectlList(value)) return value;
    const items = Array.isArray(value.items) ? value.items : [];
    if (items.length === 1) return items[0];
    context.addIssue({
      code: 'custom',
      message: `got ${/^[AEIOU]/.test(value.kind) ? 'an' : 'a'} ${value.kind} of ${items.length} items; pass one ${kind} (${command})`,
      input: value,
    });
    return value;
  }, schema);
}

/** One sync of one Service, as `slicescope reconcile` reads it. */
const reconcileInputSchema = z.strictObject({
  service: oneObject(serviceSchema, 'Service', 'one of its items, or kubectl get svc NAME -o json'),
  pods: z.array(podSchema).default([]),
  nodes: z.array(nodeSchema).default([]),
  existingSlices: z.array(endpointSliceSchema).default([]),
  /** The Service's current v1 Endpoints object, or the user's for a selector-less Service. */
  endpoints: oneObject(
    endpointsSchema,
    'Endpoints',
    'kubectl get endpoints NAME -o json',
  ).optional(),
  options: reconcileOptionsSchema.default({
    maxEndpointsPerSlice: DEFAULT_MAX_ENDPOINTS_PER_SLICE,
    topologyCache: true,
    preferSameTrafficDistribution: true,
  }),
});

/**
 * The input with its lists' entries not yet read: they are read one by one afterwards, up to the
 * first bad one, so that a list of millions of bad entries is one error, not millions of issues
 * held at once (which ran out of memory).
 */
const documentSchema = reconcileInputSchema.extend({
  pods: objectList('Pod').default([]),
  nodes: objectList('Node').default([]),
  existingSlices: objectList('EndpointSlice').default([]),
});

export type ReconcileInput = z.infer<typeof reconcileInputSchema>;

/** `pods[3].status.podIPs[0].ip` from a zod issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(the document)' : text;
}

/**
 * The first line of a YAML document: a comment, a directive, `---`, a list item or `key:`.
 * JSON never starts so, and YAML is the other thing kubectl prints.
 */
const YAML_START = /^\s*(#|%|---|- |-$|[A-Za-z_][\w./-]*\s*:(\s|$))/;

/**
 * Why the text is not JSON, on one line: V8 quotes an excerpt of the text, whose newlines would
 * split the error in two; YAML is named as such rather than as a bad token.
 */
function notJson(text: string, error: Error): string {
  const firstLine = /^\s*[^\n]*/.exec(text)?.[0] ?? '';
  if (YAML_START.test(firstLine)) return 'input must be JSON (YAML is not read)';
  const message = error.message.replace(/\r/g, '\\r').replace(/[\n\u2028\u2029]/g, '\\n');
  return `input is not JSON: ${message}`;
}

export type ParseResult = { ok: true; input: ReconcileInput } | { ok: false; error: string };

/** Parses one input document; the error names the first offending field. */
export function parseReconcileInput(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: notJson(text, error as Error) };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      ok: false,
      error: 'input must be a JSON object {service, pods, nodes, existingSlices, options}',
    };
  }
  try {
    const document = withoutNulls(json) as Record<string, unknown>;
    const parsed = documentSchema.safeParse(document);
    if (!parsed.success) return issueError(asWritten(parsed.error.issues[0], document), []);
    const input: ReconcileInput = { ...parsed.data, pods: [], nodes: [], existingSlices: [] };
    for (const key of Object.keys(LIST_SCHEMAS) as ListKey[]) {
      const schema = LIST_SCHEMAS[key];
      const into: unknown[] = input[key];
      // An entry of a List is items[index] in the document the user wrote.
      const where = isKubectlList(document[key]) ? [key, 'items'] : [key];
      for (const [index, entry] of parsed.data[key].entries()) {
        const read = schema.safeParse(entry);
        if (!read.success) return issueError(read.error.issues[0], [...where, index]);
        into.push(read.data);
      }
    }
    return { ok: true, input };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: 'input is nested too deeply' };
    throw error;
  }
}

/**
 * The issue with its path as the user wrote the document: inside a Service (or Endpoints) given
 * as a List of one, the path goes through its `items[0]`.
 */
function asWritten(
  issue: z.core.$ZodIssue | undefined,
  document: Record<string, unknown>,
): z.core.$ZodIssue | undefined {
  const [field, ...rest] = issue?.path ?? [];
  if (!issue || rest.length === 0 || (field !== 'service' && field !== 'endpoints')) return issue;
  if (!isKubectlList(document[field])) return issue;
  return { ...issue, path: [field, 'items', 0, ...rest] };
}

/** The first issue of a parse as one line naming its field, whose path starts at `prefix`. */
function issueError(
  issue: z.core.$ZodIssue | undefined,
  prefix: readonly PropertyKey[],
): { ok: false; error: string } {
  if (!issue) return { ok: false, error: 'input is not valid' };
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    return {
      ok: false,
      error: `${where}unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
    };
  }
  return { ok: false, error: `${formatPath(path)}: ${issue.message}` };
}
