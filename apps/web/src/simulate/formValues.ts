import type { SimulationLimits } from '@slicescope/contract';
import { MAX_SIMULATION_NODES } from '@slicescope/core';
import type { FieldError, FormField } from './fields.ts';
import { requestOf } from './request.ts';
import { overServerLimits } from './serverLimits.ts';
import type {
  AccountingModeName,
  QuickOperationName,
  SimulationInput,
  SimulationSpec,
} from './simulationSpec.ts';

/** The form as typed: text, so a half-typed or wrong value can be shown and explained. */
export interface FormValues {
  source: SimulationInput['kind'];
  pods: string;
  nodes: string;
  zones: string;
  operation: QuickOperationName;
  /** The service shortcut's JSON. */
  service: string;
  /** A shipped scenario's name, or '' for the text below. */
  scenarioName: string;
  scenarioText: string;
  mode: AccountingModeName;
  maxEndpointsPerSlice: string;
  paperBytesPerEndpoint: string;
  paperMinObjectBytes: string;
}

export const EMPTY_VALUES: FormValues = {
  source: 'quick',
  pods: '',
  nodes: '',
  zones: '',
  operation: 'rollout',
  service: '',
  scenarioName: '',
  scenarioText: '',
  mode: 'model',
  maxEndpointsPerSlice: '',
  paperBytesPerEndpoint: '',
  paperMinObjectBytes: '',
};

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/**
 * The form showing a simulation. Fields the simulation leaves out are empty (its defaults);
 * fields it does not use (another source's, the paper constants outside paper mode) keep their
 * values in `base`, the form as it was, so that switching back to them finds what was typed.
 */
export function valuesOf(
  spec: SimulationSpec,
  isShipped: (name: string) => boolean,
  base: FormValues = EMPTY_VALUES,
): FormValues {
  const paper = spec.mode === 'paper';
  const paperValue = (value: number | undefined, kept: string) =>
    paper || value !== undefined ? text(value) : kept;
  const values: FormValues = {
    ...base,
    source: spec.input.kind,
    mode: spec.mode ?? 'model',
    maxEndpointsPerSlice: text(spec.maxEndpointsPerSlice),
    paperBytesPerEndpoint: paperValue(spec.paperBytesPerEndpoint, base.paperBytesPerEndpoint),
    paperMinObjectBytes: paperValue(spec.paperMinObjectBytes, base.paperMinObjectBytes),
  };
  const { input } = spec;
  if (input.kind === 'quick') {
    values.pods = String(input.pods);
    values.nodes = String(input.nodes);
    values.zones = text(input.zones);
    values.operation = input.operation;
  } else if (input.kind === 'service') {
    values.service = input.text;
  } else if (isShipped(input.text.trim())) {
    values.scenarioName = input.text.trim();
  } else {
    values.scenarioName = '';
    values.scenarioText = input.text;
  }
  return values;
}

type Whole = { ok: true; value: number | undefined } | { ok: false; error: FieldError };

/** Digits, with one kind of separator (`,`, `_` or a space) between groups of three, or none. */
const WHOLE = /^-?(?:\d+|\d{1,3}([,_ ])\d{3}(?:\1\d{3})*)$/;

/**
 * A whole number as typed: digits, with `,`, `_` or spaces between groups of three allowed
 * (`12,345`; not `1,2345`, which may be a slip of 1,234 or 12,345). However many digits, and
 * whatever the sign, it is a number: the field's range check then says what the field takes
 * (`-1` is below its minimum, not "not a whole number").
 */
function whole(field: FormField, typed: string, required: boolean): Whole {
  const value = typed.trim();
  if (value === '') {
    return required
      ? { ok: false, error: { field, message: 'is required' } }
      : { ok: true, value: undefined };
  }
  // `+ 0`: "-0" is 0.
  if (WHOLE.test(value)) return { ok: true, value: Number(value.replace(/[,_ ]/g, '')) + 0 };
  const got = `(got ${JSON.stringify(typed)})`;
  if (/^-?\d[\d,_ ]*\d$/.test(value)) {
    return {
      ok: false,
      error: {
        field,
        message: `must be a whole number with separators only between groups of three digits, as in 12,345 ${got}`,
      },
    };
  }
  return { ok: false, error: { field, message: `must be a whole number ${got}` } };
}

export type SpecResult = { ok: true; spec: SimulationSpec } | { ok: false; errors: FieldError[] };

/**
 * A form's simulation and the errors of the fields it could not read. Each such field has a
 * stand-in that no check finds wrong against the fields around it (0 Pods, the most Nodes, the
 * quick form for a missing shortcut or scenario), so that the others are checked all the same.
 */
type Draft = { spec: SimulationSpec; errors: FieldError[] };

const STAND_IN_PODS = 0;
const STAND_IN_NODES = MAX_SIMULATION_NODES;

/** The simulation a filled-in form asks for, or every field's problem. */
export function specOf(values: FormValues): SpecResult {
  const { spec, errors } = draftOf(values);
  return errors.length === 0 ? { ok: true, spec } : { ok: false, errors };
}

function draftOf(values: FormValues): Draft {
  const errors: FieldError[] = [];
  const read = (field: FormField, typed: string, required = false) => {
    const result = whole(field, typed, required);
    if (!result.ok) errors.push(result.error);
    return result.ok ? result.value : undefined;
  };
  const standIn = (): SimulationInput => ({
    kind: 'quick',
    pods: STAND_IN_PODS,
    nodes: STAND_IN_NODES,
    operation: values.operation,
  });
  let input: SimulationInput;
  if (values.source === 'quick') {
    input = {
      kind: 'quick',
      pods: read('pods', values.pods, true) ?? STAND_IN_PODS,
      nodes: read('nodes', values.nodes, true) ?? STAND_IN_NODES,
      operation: values.operation,
    };
    const zones = read('zones', values.zones);
    if (zones !== undefined) input.zones = zones;
  } else if (values.source === 'service') {
    if (values.service.trim() === '') {
      errors.push({ field: 'service', message: 'is required: a shortcut as JSON' });
      input = standIn();
    } else input = { kind: 'service', text: values.service };
  } else {
    const scenario = values.scenarioName !== '' ? values.scenarioName : values.scenarioText;
    if (scenario.trim() === '') {
      errors.push({
        field: 'scenario',
        message: 'is required: choose a shipped scenario or paste JSON or YAML',
      });
      input = standIn();
    } else input = { kind: 'scenario', text: scenario };
  }
  const maxEndpointsPerSlice = read('maxEndpointsPerSlice', values.maxEndpointsPerSlice);
  const paper = values.mode === 'paper';
  const bytesPerEndpoint = paper
    ? read('paperBytesPerEndpoint', values.paperBytesPerEndpoint)
    : undefined;
  const minObjectBytes = paper
    ? read('paperMinObjectBytes', values.paperMinObjectBytes)
    : undefined;
  const spec: SimulationSpec = { input };
  if (values.mode !== 'model') spec.mode = values.mode;
  if (maxEndpointsPerSlice !== undefined) spec.maxEndpointsPerSlice = maxEndpointsPerSlice;
  if (bytesPerEndpoint !== undefined) spec.paperBytesPerEndpoint = bytesPerEndpoint;
  if (minObjectBytes !== undefined) spec.paperMinObjectBytes = minObjectBytes;
  return { spec, errors };
}

/**
 * The form checked as far as the browser can: the simulation and its api request, or the errors
 * of every field — those it could not read, what the api's schema says of the others, and what
 * is over this server's limits once it has said them.
 */
export function checkForm(values: FormValues, limits?: SimulationLimits): SpecResult {
  const { spec, errors } = draftOf(values);
  const request = requestOf(spec);
  const more = request.ok ? overServerLimits(request.request, limits) : request.errors;
  if (errors.length === 0 && more.length === 0) return { ok: true, spec };
  const named = new Set(errors.map((error) => error.field));
  return { ok: false, errors: [...errors, ...more.filter((error) => !named.has(error.field))] };
}
