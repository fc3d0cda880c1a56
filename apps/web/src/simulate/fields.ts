import type { AccountingModeName, SimulationInput } from './simulationSpec.ts';

/**
 * The Simulate form's fields, which of them it shows, and how an error the api or the contract
 * reports about a request field (`body.quick.pods`, `options.maxEndpointsPerSlice`) finds the
 * form field it is about.
 */

export const FORM_FIELDS = [
  'source',
  'pods',
  'nodes',
  'zones',
  'operation',
  'service',
  'scenario',
  'mode',
  'maxEndpointsPerSlice',
  'paperBytesPerEndpoint',
  'paperMinObjectBytes',
] as const;

/** A field of the form, or `form` for what is about the request as a whole. */
export type FormField = (typeof FORM_FIELDS)[number] | 'form';

export interface FieldError {
  field: FormField;
  message: string;
}

export const FIELD_LABEL: Record<FormField, string> = {
  source: 'What to simulate',
  pods: 'Pods',
  nodes: 'Nodes',
  zones: 'Zones',
  operation: 'Operation',
  service: 'Service shortcut',
  scenario: 'Scenario',
  mode: 'Accounting mode',
  maxEndpointsPerSlice: 'Max endpoints per slice',
  paperBytesPerEndpoint: 'Bytes per endpoint (C)',
  paperMinObjectBytes: 'Smallest object (M)',
  form: 'Simulation',
};

/** The fields only one source shows: the quick form's, the shortcut's, the scenario's. */
const SOURCE_FIELDS: Record<SimulationInput['kind'], readonly FormField[]> = {
  quick: ['pods', 'nodes', 'zones', 'operation'],
  service: ['service'],
  scenario: ['scenario'],
};
/** The fields paper mode only shows. */
const PAPER_FIELDS: readonly FormField[] = ['paperBytesPerEndpoint', 'paperMinObjectBytes'];

/** Whether the form shows a field with this source and mode chosen. */
export function isFieldShown(
  field: FormField,
  { source, mode }: { source: SimulationInput['kind']; mode: AccountingModeName },
): boolean {
  if (PAPER_FIELDS.includes(field)) return mode === 'paper';
  const owner = Object.entries(SOURCE_FIELDS).find(([, fields]) => fields.includes(field));
  return owner === undefined || owner[0] === source;
}

/**
 * An error of a field the form does not show now (another source's, paper mode's), said where
 * the form can show it: "Pods, in the quick form: must be …" (the shortcut's and the scenario's
 * labels say where they are).
 */
export function hiddenFieldErrorText({ field, message }: FieldError): string {
  const place = PAPER_FIELDS.includes(field)
    ? ', in paper mode'
    : SOURCE_FIELDS.quick.includes(field)
      ? ', in the quick form'
      : '';
  return `${FIELD_LABEL[field]}${place}: ${message}`;
}

const QUICK = new Set<string>(SOURCE_FIELDS.quick);
const OPTIONS = new Set<string>([
  'mode',
  'maxEndpointsPerSlice',
  'paperBytesPerEndpoint',
  'paperMinObjectBytes',
]);

/** Parts of a path joined again: a bracketed part follows without a dot. */
function joinPath(parts: readonly (string | undefined)[]): string {
  let text = '';
  for (const part of parts) {
    if (part === undefined) continue;
    text += text === '' || part.startsWith('[') ? part : `.${part}`;
  }
  return text;
}

/**
 * The form field a request path names, and the rest of the path below it (the shortcut's
 * `events[0]`). `body.` is the api's prefix; paths without it are the contract schema's own.
 */
export function fieldOfPath(path: string): { field: FormField; below: string } {
  // `service["a b"]` and `events[0]` are one step each: a bracket starts a part of its own.
  const parts = path.split(/\.|(?=\[)/).filter((part) => part !== '');
  if (parts[0] === 'body') parts.shift();
  const [head, next, ...rest] = parts;
  if (head === 'quick' && next !== undefined && QUICK.has(next)) {
    return { field: next as FormField, below: joinPath(rest) };
  }
  if (head === 'options' && next !== undefined && OPTIONS.has(next)) {
    return { field: next as FormField, below: joinPath(rest) };
  }
  if (head === 'service') return { field: 'service', below: joinPath([next, ...rest]) };
  if (head === 'format') return { field: 'scenario', below: 'format' };
  if (head === 'scenario') {
    return { field: 'scenario', below: joinPath([next, ...rest]) };
  }
  return { field: 'form', below: '' };
}

/** An api message without the request path it starts with (`body.quick.zones: `). */
export const withoutPath = (path: string | undefined, message: string): string =>
  path !== undefined && message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;

/**
 * An error of the api (`body.quick.zones: must be at most …`) as the form shows it: next to the
 * field it names, without the path the field's label already says.
 */
export function fieldErrorOf(path: string | undefined, message: string): FieldError {
  if (path === undefined || path === '') return { field: 'form', message };
  const { field, below } = fieldOfPath(path);
  const stripped = withoutPath(path, message);
  if (field === 'form') return { field, message };
  return { field, message: below === '' ? stripped : `${below}: ${stripped}` };
}

/** The first error of each field, in the order given. */
export function firstPerField(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<FormField>();
  return errors.filter((error) => {
    if (seen.has(error.field)) return false;
    seen.add(error.field);
    return true;
  });
}
