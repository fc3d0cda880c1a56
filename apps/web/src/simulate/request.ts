import {
  formatPath,
  isShippedScenarioName,
  oneWordScenarioProblem,
  shippedScenarioText,
  simulateRequestSchema,
  type SimulateRequest,
} from '@slicescope/contract';
import { fieldErrorOf, firstPerField, type FieldError } from './fields.ts';
import type { SimulationSpec } from './simulationSpec.ts';

export type RequestResult =
  { ok: true; request: SimulateRequest } | { ok: false; errors: FieldError[] };

function jsonObject(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, error: 'must be a JSON object such as {"pods": 100, "nodes": 10}' };
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: `is not valid JSON: ${(error as Error).message}` };
  }
}

/** The body of POST /api/v1/simulate for a simulation, before any check. */
function bodyOf(spec: SimulationSpec): RequestResult | { ok: true; body: Record<string, unknown> } {
  const body: Record<string, unknown> = {};
  const { input } = spec;
  switch (input.kind) {
    case 'quick': {
      const { kind: _kind, ...quick } = input;
      body.quick = quick;
      break;
    }
    case 'service': {
      const parsed = jsonObject(input.text);
      if (!parsed.ok) return { ok: false, errors: [{ field: 'service', message: parsed.error }] };
      body.service = parsed.value;
      break;
    }
    case 'scenario': {
      const name = input.text.trim();
      if (isShippedScenarioName(name)) {
        body.scenario = shippedScenarioText(name);
        body.format = 'yaml';
        break;
      }
      const unknown = oneWordScenarioProblem(name);
      if (unknown !== undefined) {
        return { ok: false, errors: [{ field: 'scenario', message: unknown }] };
      }
      body.scenario = input.text;
      break;
    }
  }
  const options: Record<string, unknown> = {};
  if (spec.mode !== undefined) options.mode = spec.mode;
  if (spec.maxEndpointsPerSlice !== undefined) {
    options.maxEndpointsPerSlice = spec.maxEndpointsPerSlice;
  }
  if (spec.paperBytesPerEndpoint !== undefined) {
    options.paperBytesPerEndpoint = spec.paperBytesPerEndpoint;
  }
  if (spec.paperMinObjectBytes !== undefined) {
    options.paperMinObjectBytes = spec.paperMinObjectBytes;
  }
  if (Object.keys(options).length > 0) body.options = options;
  return { ok: true, body };
}

/**
 * The api request a simulation stands for, checked with the api's own schema: what the api
 * would refuse as a bad request is refused here, with the same message, next to the field.
 * (The api's own limits, such as its Pods per run, and scenario texts are checked by the api.)
 */
export function requestOf(spec: SimulationSpec): RequestResult {
  const built = bodyOf(spec);
  if (!('body' in built)) return built;
  const parsed = simulateRequestSchema.safeParse(built.body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return {
    ok: false,
    errors: firstPerField(
      parsed.error.issues.map((issue) => {
        // An unknown key's issue has the path of its object; the field is the key itself.
        const keys = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
        return fieldErrorOf(formatPath([...issue.path, ...keys]), issue.message);
      }),
    ),
  };
}
