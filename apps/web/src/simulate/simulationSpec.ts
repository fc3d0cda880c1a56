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

/**
 * The longest link (path and query string) the page writes. Browsers and the api would take
 * longer ones, but the request line must fit in the server's header limit: Node's is 16 KB
 * (431 beyond it), and nginx in front of the api as an ingress takes 8 KB by default
 * (`large_client_header_buffers`). A longer link could be shared but never opened again.
 */
export const MAX_LINK_CHARS = 8_000;

/**
 * Of MAX_LINK_CHARS, what a scenario or shortcut text leaves for the rest of the link: the path
 * (and the base path the app is served under), the options written after the text, the other
 * run's fields and `from`.
 */
const LINK_ROOM = 1_000;

/** The key of a text kept out of the link: `scenarioRef` for `scenario`, `serviceRef`. */
const refKey = (key: 'scenario' | 'service') => `${key}Ref` as const;

/**
 * Scenario and shortcut texts too long for a link, by their reference in the link, the last
 * TEXTS_KEPT of them (up to 1 MiB each). They live as long as the tab's page: a reload, or the
 * link opened elsewhere, finds none (linkNotes says so).
 */
const textsOutOfLink = new Map<string, string>();
const TEXTS_KEPT = 8;

function keepOutOfLink(ref: string, text: string): void {
  textsOutOfLink.delete(ref);
  textsOutOfLink.set(ref, text);
  for (const oldest of textsOutOfLink.keys()) {
    if (textsOutOfLink.size <= TEXTS_KEPT) break;
    textsOutOfLink.delete(oldest);
  }
}

/** A text's reference: FNV-1a (32 bits) of it and its length, base 36. */
function textRef(text: string): string {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) {
    hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  }
  return `${(hash >>> 0).toString(36)}-${text.length.toString(36)}`;
}

/** A value of the link the page could not use: its key, what was wrong, what was done instead. */
export interface LinkNote {
  key: string;
  value: string;
  problem: string;
  instead: string;
}

/** The runs of a query string: their keys' prefix, and their name in a note. */
export interface LinkRun {
  prefix: string;
  name: string;
}

const isWhole = (value: string): boolean =>
  /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value));

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

const listed = (values: readonly string[]): string =>
  `${values.slice(0, -1).join(', ')} or ${values.at(-1) ?? ''}`;

/**
 * The simulation of a query string, its keys prefixed with `prefix`, and what of it could not be
 * used. No simulation when it names none, or when what it names cannot be read; other values it
 * cannot read are left to their defaults.
 */
function readLink(
  params: URLSearchParams,
  { prefix, name: run }: LinkRun,
): { spec: SimulationSpec | undefined; notes: LinkNote[] } {
  const notes: LinkNote[] = [];
  const note = (key: string, value: string, problem: string, instead: string) =>
    notes.push({ key: `${prefix}${key}`, value, problem, instead });
  const get = (key: string) => params.get(`${prefix}${key}`);
  const whole = (key: string, instead: string): number | undefined => {
    const value = get(key);
    if (value === null) return undefined;
    if (isWhole(value)) return Number(value);
    note(key, value, 'is not a whole number', instead);
    return undefined;
  };
  const text = (key: 'scenario' | 'service'): string | undefined => {
    const value = get(key);
    if (value !== null && value !== '') return value;
    const ref = get(refKey(key));
    if (ref === null) return undefined;
    const kept = textsOutOfLink.get(ref);
    if (kept === undefined) {
      note(
        refKey(key),
        ref,
        `stands for a ${key === 'scenario' ? 'scenario' : 'service shortcut'} too long for a link, which this tab does not have (a reload or another browser forgets it)`,
        `${run} was left out; paste the ${key === 'scenario' ? 'scenario (or open its file)' : 'shortcut'} and run it again`,
      );
    }
    return kept;
  };

  let input: SimulationInput | undefined;
  const scenario = text('scenario');
  const service = scenario === undefined ? text('service') : undefined;
  if (scenario !== undefined) input = { kind: 'scenario', text: scenario };
  else if (service !== undefined) input = { kind: 'service', text: service };
  else if (get('pods') !== null || get('nodes') !== null) {
    const pods = whole('pods', `${run} was left out`);
    const nodes = whole('nodes', `${run} was left out`);
    for (const key of ['pods', 'nodes'] as const) {
      if (get(key) === null) note(key, '', 'is missing', `${run} was left out`);
    }
    if (pods !== undefined && nodes !== undefined) {
      const operation = get('operation');
      const known = oneOf(QUICK_OPERATION_NAMES, operation);
      if (operation !== null && known === undefined) {
        note(
          'operation',
          operation,
          `is not an operation (${listed(QUICK_OPERATION_NAMES)})`,
          'rollout was used',
        );
      }
      input = { kind: 'quick', pods, nodes, operation: known ?? 'rollout' };
      const zones = whole('zones', 'the default was used');
      if (zones !== undefined) input.zones = zones;
    }
  }
  if (!input) return { spec: undefined, notes };
  const spec: SimulationSpec = { input };
  const mode = get('mode');
  const knownMode = oneOf(ACCOUNTING_MODES, mode);
  if (knownMode !== undefined) spec.mode = knownMode;
  else if (mode !== null) {
    note('mode', mode, `is not an accounting mode (${listed(ACCOUNTING_MODES)})`, 'model was used');
  }
  for (const key of [
    'maxEndpointsPerSlice',
    'paperBytesPerEndpoint',
    'paperMinObjectBytes',
  ] as const) {
    const value = whole(key, 'the default was used');
    if (value !== undefined) spec[key] = value;
  }
  return { spec, notes };
}

/**
 * The simulation of a query string, its keys prefixed with `prefix` ('' for run A, 'b.' for the
 * compared run B); undefined when it names none it can read. linkNotes says what was dropped.
 */
export function readSpec(params: URLSearchParams, prefix = ''): SimulationSpec | undefined {
  return readLink(params, { prefix, name: 'the run' }).spec;
}

/** What of a query string's runs could not be used, and what was done instead. */
export function linkNotes(params: URLSearchParams, runs: readonly LinkRun[]): LinkNote[] {
  return runs.flatMap((run) => readLink(params, run).notes);
}

function write(
  params: URLSearchParams,
  spec: SimulationSpec,
  prefix: string,
  bounded: boolean,
): void {
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined) params.set(`${prefix}${key}`, String(value));
  };
  // A text that would make the link too long to open is kept in the tab, the link naming it.
  const setText = (key: 'scenario' | 'service', text: string) => {
    set(key, text);
    if (!bounded || params.toString().length <= MAX_LINK_CHARS - LINK_ROOM) return;
    params.delete(`${prefix}${key}`);
    const ref = textRef(text);
    keepOutOfLink(ref, text);
    set(refKey(key), ref);
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
    case 'scenario':
      setText(input.kind, input.text);
      break;
  }
  set('mode', spec.mode);
  set('maxEndpointsPerSlice', spec.maxEndpointsPerSlice);
  set('paperBytesPerEndpoint', spec.paperBytesPerEndpoint);
  set('paperMinObjectBytes', spec.paperMinObjectBytes);
}

/**
 * Writes a simulation into a query string, its keys prefixed with `prefix`. A scenario or
 * shortcut text that would take the link past MAX_LINK_CHARS is left out: the link names it
 * (`scenarioRef`), and only this tab can run it again (see textOutOfLink).
 */
export function writeSpec(params: URLSearchParams, spec: SimulationSpec, prefix = ''): void {
  write(params, spec, prefix, true);
}

/** Whether a query string leaves the text of the run with keys prefixed `prefix` out. */
export function textOutOfLink(params: URLSearchParams, prefix = ''): boolean {
  return (
    params.has(`${prefix}${refKey('scenario')}`) || params.has(`${prefix}${refKey('service')}`)
  );
}

/** A stable key of a simulation: its query string, whole. Equal keys mean the same run. */
export function specKey(spec: SimulationSpec): string {
  const params = new URLSearchParams();
  write(params, spec, '', false);
  return params.toString();
}
