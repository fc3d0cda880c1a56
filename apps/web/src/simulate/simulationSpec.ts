/**
 * A simulation as the Simulate page's URL holds it: what to simulate (the quick form, a service
 * shortcut or a scenario) and the accounting options. Small and free of the contract's schemas,
 * so the app's route module can read and write it without growing the initial bundle; the
 * request mapping (request.ts) checks it against the api's schema.
 */

export const QUICK_OPERATION_NAMES = ['create', 'update-one', 'rollout'] as const;
export type QuickOperationName = (typeof QUICK_OPERATION_NAMES)[number];

export const ACCOUNTING_MODES = ['paper', 'model'] as const;
export type AccountingModeName = (typeof ACCOUNTING_MODES)[number];

export type SimulationInput =
  | { kind: 'quick'; pods: number; nodes: number; zones?: number; operation: QuickOperationName }
  /** A service shortcut as JSON text (docs/simulate.md "Scenarios and shortcuts"). */
  | { kind: 'service'; text: string }
  /** A shipped scenario's name, or a scenario's JSON/YAML text. */
  | { kind: 'scenario'; text: string };

export interface SimulationSpec {
  input: SimulationInput;
  /** Accounting mode; absent means the api's default, model. */
  mode?: AccountingModeName;
  maxEndpointsPerSlice?: number;
  /** Paper mode's C and M. */
  paperBytesPerEndpoint?: number;
  paperMinObjectBytes?: number;
}

const whole = (value: string | null): number | undefined => {
  if (value === null || !/^\d{1,16}$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
};

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The simulation of a query string, its keys prefixed with `prefix` ('' for run A, 'b.' for the
 * compared run B); undefined when it names none. Values it cannot read are dropped.
 */
export function readSpec(params: URLSearchParams, prefix = ''): SimulationSpec | undefined {
  const get = (key: string) => params.get(`${prefix}${key}`);
  let input: SimulationInput | undefined;
  const scenario = get('scenario');
  const service = get('service');
  const pods = whole(get('pods'));
  const nodes = whole(get('nodes'));
  if (scenario !== null && scenario !== '') input = { kind: 'scenario', text: scenario };
  else if (service !== null && service !== '') input = { kind: 'service', text: service };
  else if (pods !== undefined && nodes !== undefined) {
    input = {
      kind: 'quick',
      pods,
      nodes,
      operation: oneOf(QUICK_OPERATION_NAMES, get('operation')) ?? 'rollout',
    };
    const zones = whole(get('zones'));
    if (zones !== undefined) input.zones = zones;
  }
  if (!input) return undefined;
  const spec: SimulationSpec = { input };
  const mode = oneOf(ACCOUNTING_MODES, get('mode'));
  if (mode !== undefined) spec.mode = mode;
  for (const key of [
    'maxEndpointsPerSlice',
    'paperBytesPerEndpoint',
    'paperMinObjectBytes',
  ] as const) {
    const value = whole(get(key));
    if (value !== undefined) spec[key] = value;
  }
  return spec;
}

/** Writes a simulation into a query string, its keys prefixed with `prefix`. */
export function writeSpec(params: URLSearchParams, spec: SimulationSpec, prefix = ''): void {
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined) params.set(`${prefix}${key}`, String(value));
  };
  const { input } = spec;
  switch (input.kind) {
    case 'quick':
      set('pods', input.pods);
      set('nodes', input.nodes);
      set('zones', input.zones);
      set('operation', input.operation);
      break;
    case 'service':
      set('service', input.text);
      break;
    case 'scenario':
      set('scenario', input.text);
      break;
  }
  set('mode', spec.mode);
  set('maxEndpointsPerSlice', spec.maxEndpointsPerSlice);
  set('paperBytesPerEndpoint', spec.paperBytesPerEndpoint);
  set('paperMinObjectBytes', spec.paperMinObjectBytes);
}

/** A stable key of a simulation: its query string. Equal keys mean the same run. */
export function specKey(spec: SimulationSpec): string {
  const params = new URLSearchParams();
  writeSpec(params, spec);
  return params.toString();
}
