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

/** One sync of one Service, as `slicescope reconcile` reads it. */
export const reconcileInputSchema = z.strictObject({
  service: serviceSchema,
  pods: z.array(podSchema).default([]),
  nodes: z.array(nodeSchema).default([]),
  existingSlices: z.array(endpointSliceSchema).default([]),
  /** The Service's current v1 Endpoints object, or the user's for a selector-less Service. */
  endpoints: endpointsSchema.optional(),
  options: reconcileOptionsSchema.default({
    maxEndpointsPerSlice: DEFAULT_MAX_ENDPOINTS_PER_SLICE,
    topologyCache: true,
    preferSameTrafficDistribution: true,
  }),
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

export type ParseResult = { ok: true; input: ReconcileInput } | { ok: false; error: string };

/** Parses one input document; the error names the first offending field. */
export function parseReconcileInput(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `input is not JSON: ${(error as Error).message}` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      ok: false,
      error: 'input must be a JSON object {service, pods, nodes, existingSlices, options}',
    };
  }
  let parsed: ReturnType<typeof reconcileInputSchema.safeParse>;
  try {
    parsed = reconcileInputSchema.safeParse(withoutNulls(json));
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: 'input is nested too deeply' };
    throw error;
  }
  if (parsed.success) return { ok: true, input: parsed.data };
  const [issue] = parsed.error.issues;
  if (!issue) return { ok: false, error: 'input is not valid' };
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
    return {
      ok: false,
      error: `${where}unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
    };
  }
  return { ok: false, error: `${formatPath(issue.path)}: ${issue.message}` };
}
