import {
  isShippedScenarioName,
  shippedScenarioNames,
  shippedScenarioText,
  simulateRequestSchema,
} from '@slicescope/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FORM_FIELDS,
  fieldErrorOf,
  hiddenFieldErrorText,
  isFieldShown,
} from '../../src/simulate/fields.ts';
import {
  EMPTY_VALUES,
  checkForm,
  specOf,
  valuesOf,
  type FormValues,
} from '../../src/simulate/formValues.ts';
import { PRESETS } from '../../src/simulate/presets.ts';
import { requestOf } from '../../src/simulate/request.ts';
import {
  ACCOUNTING_MODES,
  QUICK_OPERATION_NAMES,
  readSpec,
  specKey,
  writeSpec,
  type SimulationSpec,
} from '../../src/simulate/simulationSpec.ts';
import { DEFAULT_LIMITS } from './fakeApi.ts';

const quick = (change: Partial<FormValues>): FormValues => ({
  ...EMPTY_VALUES,
  pods: '100',
  nodes: '10',
  ...change,
});

/** The fields the form's errors name, and their messages. */
function errorsOf(values: FormValues): Record<string, string> {
  const result = checkForm(values);
  if (result.ok) return {};
  return Object.fromEntries(result.errors.map((error) => [error.field, error.message]));
}

describe('the form → request mapping', () => {
  it('asks for KEP-0752 Sample Case 1 exactly as the quick form of the docs', () => {
    const preset = PRESETS.find((candidate) => candidate.id === 'kep-0752-case-1')!;
    const values = valuesOf(preset.spec, isShippedScenarioName);
    const result = checkForm(values);
    expect(result).toEqual({ ok: true, spec: preset.spec });
    expect(requestOf(preset.spec)).toEqual({
      ok: true,
      request: {
        quick: { pods: 20000, nodes: 5000, zones: 3, operation: 'rollout' },
        options: {
          mode: 'paper',
          maxEndpointsPerSlice: 100,
          paperBytesPerEndpoint: 100,
          paperMinObjectBytes: 1000,
        },
      },
    });
  });

  it('makes every preset a request the api accepts', () => {
    for (const preset of PRESETS) {
      const result = requestOf(preset.spec);
      if (!result.ok) throw new Error(`${preset.id}: ${JSON.stringify(result)}`);
      expect(simulateRequestSchema.safeParse(result.request).success, preset.id).toBe(true);
    }
  });

  it('brings every preset back from its link as the same simulation (so the form shows it)', () => {
    for (const preset of PRESETS) {
      const params = new URLSearchParams();
      writeSpec(params, preset.spec);
      const read = readSpec(new URLSearchParams(params.toString()));
      expect(read && specKey(read), preset.id).toBe(specKey(preset.spec));
    }
  });

  it('reads thousands separators and leaves empty optional fields to the defaults', () => {
    expect(specOf(quick({ pods: '20,000', nodes: '5 000', zones: '' }))).toEqual({
      ok: true,
      spec: { input: { kind: 'quick', pods: 20000, nodes: 5000, operation: 'rollout' } },
    });
  });

  it('sends paper constants only in paper mode', () => {
    const values = quick({ paperBytesPerEndpoint: '300', paperMinObjectBytes: '0' });
    expect(specOf(values)).toEqual({
      ok: true,
      spec: { input: { kind: 'quick', pods: 100, nodes: 10, operation: 'rollout' } },
    });
    expect(specOf({ ...values, mode: 'paper' })).toMatchObject({
      spec: { mode: 'paper', paperBytesPerEndpoint: 300, paperMinObjectBytes: 0 },
    });
  });

  it('names the field of every mistake, with the api schema’s own words', () => {
    expect(errorsOf(quick({ pods: 'abc', nodes: '' }))).toEqual({
      pods: 'must be a whole number (got "abc")',
      nodes: 'is required',
    });
    expect(errorsOf(quick({ pods: '200000' }))).toEqual({
      pods: 'must be an integer from 0 to 150000 (got 200000)',
    });
    // Past what a number holds exactly, still the range, not "must be a whole number".
    expect(errorsOf(quick({ pods: '99999999999999999999' })).pods).toMatch(
      /^must be an integer from 0 to 150000 \(got 1/,
    );
    expect(errorsOf(quick({ nodes: '5', zones: '9' }))).toEqual({
      zones: 'must be at most the number of nodes, 5 (got 9)',
    });
    // No nodes is one mistake, not also one of the zones.
    expect(errorsOf(quick({ nodes: '0', zones: '3' }))).toEqual({
      nodes: 'must be an integer from 1 to 5000 (got 0)',
    });
    expect(errorsOf(quick({ pods: '20000', nodes: '5' })).pods).toMatch(/over 200 per Node/);
    expect(errorsOf(quick({ pods: '20000', nodes: '5', mode: 'paper' }))).toEqual({});
    expect(errorsOf(quick({ maxEndpointsPerSlice: '0' }))).toEqual({
      maxEndpointsPerSlice: 'must be an integer from 1 to 1000 (got 0)',
    });
    expect(
      errorsOf(quick({ mode: 'paper', paperBytesPerEndpoint: '0', paperMinObjectBytes: '1e9' })),
    ).toEqual({
      paperBytesPerEndpoint: 'must be an integer from 1 to 100000 (got 0)',
      paperMinObjectBytes: 'must be a whole number (got "1e9")',
    });
  });

  it('says a negative number is below the field’s minimum, not that it is no whole number', () => {
    expect(errorsOf(quick({ pods: '-1', zones: '-2', maxEndpointsPerSlice: '-1' }))).toEqual({
      pods: 'must be an integer from 0 to 150000 (got -1)',
      zones: 'must be an integer from 1 to 100 (got -2)',
      maxEndpointsPerSlice: 'must be an integer from 1 to 1000 (got -1)',
    });
    expect(errorsOf(quick({ nodes: '-1,000' }))).toEqual({
      nodes: 'must be an integer from 1 to 5000 (got -1000)',
    });
    expect(errorsOf(quick({ mode: 'paper', paperMinObjectBytes: '-5' }))).toEqual({
      paperMinObjectBytes: 'must be an integer from 0 to 100000000 (got -5)',
    });
    expect(specOf(quick({ pods: '-0' }))).toMatchObject({ spec: { input: { pods: 0 } } });
  });

  it('reads separators only between groups of three digits, and says where one is out of place', () => {
    const podsOf = (pods: string) => {
      const result = specOf(quick({ pods }));
      return result.ok && result.spec.input.kind === 'quick' ? result.spec.input.pods : undefined;
    };
    expect(['12,345', '12_345', '12 345', '12345', ' 1,234,567 '].map(podsOf)).toEqual([
      12345, 12345, 12345, 12345, 1234567,
    ]);
    const misplaced = (typed: string) =>
      `must be a whole number with separators only between groups of three digits, as in 12,345 (got ${JSON.stringify(typed)})`;
    for (const typed of ['1,2345', '1234,567', '12,34', '1,,234', '1,234 567', '1,234,5678']) {
      expect(errorsOf(quick({ pods: typed })), typed).toEqual({ pods: misplaced(typed) });
    }
    expect(errorsOf(quick({ pods: '12,' }))).toEqual({
      pods: 'must be a whole number (got "12,")',
    });
  });

  it('refuses what is over the Pod limit the server said, naming the field and the limit', () => {
    const limits = { ...DEFAULT_LIMITS, maxPods: 25_000 };
    const over = (values: FormValues) => {
      const result = checkForm(values, limits);
      return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
    };
    expect(over(quick({ pods: '30,000', nodes: '5000' }))).toEqual({
      pods: "30,000 is over this server's limit of 25,000 Pods per run in model mode (paper mode has no such limit)",
    });
    expect(over(quick({ pods: '25000', nodes: '5000' }))).toEqual({});
    // Paper mode's quick form is arithmetic; a server that has not said its limits is not guessed.
    expect(over(quick({ pods: '30000', nodes: '5000', mode: 'paper' }))).toEqual({});
    expect(errorsOf(quick({ pods: '30000', nodes: '5000' }))).toEqual({});
    // A field that cannot be read is said first, and the limit of the others all the same.
    expect(over(quick({ pods: '30000', nodes: 'x' }))).toEqual({
      nodes: 'must be a whole number (got "x")',
      pods: "30,000 is over this server's limit of 25,000 Pods per run in model mode (paper mode has no such limit)",
    });
    const shortcut = (service: object) =>
      over({ ...EMPTY_VALUES, source: 'service', service: JSON.stringify(service) });
    expect(shortcut({ pods: 30000, nodes: 5000 })).toEqual({
      service: "pods: 30,000 is over this server's limit of 25,000 Pods per run",
    });
    expect(
      shortcut({
        pods: 100,
        nodes: 5000,
        events: [
          { at: 5, type: 'scaleTo', replicas: 20000 },
          { at: 10, type: 'scaleTo', replicas: 40000 },
        ],
      }),
    ).toEqual({
      service: "events[1]: scales to 40,000 Pods, over this server's limit of 25,000 Pods per run",
    });
    expect(shortcut({ pods: 100, nodes: 10 })).toEqual({});
  });

  it('names every wrong field at once, those it cannot read and those the schema refuses', () => {
    expect(errorsOf(quick({ pods: '-1', nodes: 'x', maxEndpointsPerSlice: '0' }))).toEqual({
      pods: 'must be an integer from 0 to 150000 (got -1)',
      nodes: 'must be a whole number (got "x")',
      maxEndpointsPerSlice: 'must be an integer from 1 to 1000 (got 0)',
    });
    // A field left unread is no reason for another's error: 6 zones fit any number of Nodes.
    expect(errorsOf(quick({ nodes: '', zones: '6', pods: '150000' }))).toEqual({
      nodes: 'is required',
    });
    expect(
      errorsOf({ ...EMPTY_VALUES, source: 'service', mode: 'paper', paperBytesPerEndpoint: '0' }),
    ).toEqual({
      service: 'is required: a shortcut as JSON',
      paperBytesPerEndpoint: 'must be an integer from 1 to 100000 (got 0)',
    });
  });

  it('names the service shortcut for its mistakes, with the path inside it', () => {
    const service = (text: string) =>
      errorsOf({ ...EMPTY_VALUES, source: 'service', service: text });
    expect(service('')).toEqual({ service: 'is required: a shortcut as JSON' });
    expect(service('{"pods": 3,')).toHaveProperty(
      'service',
      expect.stringMatching(/^is not valid JSON/),
    );
    expect(service('[1]')).toHaveProperty(
      'service',
      expect.stringMatching(/^must be a JSON object/),
    );
    expect(service('{"pods": 10, "nodes": 2, "colour": "red"}').service).toMatch(/^colour: /);
    expect(
      service('{"pods": 10, "nodes": 2, "events": [{"at": 5, "type": "drainNode", "node": "x"}]}')
        .service,
    ).toMatch(/^events\[0\]: makes an invalid scenario: .*no node "x"/);
  });

  it('sends a shipped scenario as its YAML text, and asks for a scenario when there is none', () => {
    const values: FormValues = { ...EMPTY_VALUES, source: 'scenario', scenarioName: 'demo' };
    const result = checkForm(values);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(requestOf(result.spec)).toEqual({
      ok: true,
      request: { scenario: shippedScenarioText('demo'), format: 'yaml' },
    });
    expect(errorsOf({ ...values, scenarioName: '', scenarioText: '  ' })).toEqual({
      scenario: 'is required: choose a shipped scenario or paste JSON or YAML',
    });
  });

  it('names the shipped scenarios when one bare word is none of them', () => {
    const errorOf = (text: string) => {
      const result = requestOf({ input: { kind: 'scenario', text } });
      return result.ok ? undefined : result.errors;
    };
    expect(shippedScenarioNames).toContain('rollout');
    expect(errorOf(' rolout\n')).toEqual([
      {
        field: 'scenario',
        message: `"rolout" is not a scenario: a scenario is a YAML or JSON object (docs/scenarios.md), and the shipped ones are named ${shippedScenarioNames.join(', ')}`,
      },
    ]);
    expect(errorOf('reference-workload')).toEqual([
      {
        field: 'scenario',
        message:
          '"reference-workload" is a scenario for the command line, `slicescope simulate reference-workload`: too large for an api server\'s limits',
      },
    ]);
    // A text of more than a word is a scenario for the api to read.
    expect(errorOf('name: x')).toBeUndefined();
    expect(errorOf('{}')).toBeUndefined();
  });

  it('never throws, and names only fields of the form, whatever is typed', () => {
    const typed = fc.oneof(fc.string({ maxLength: 8 }), fc.nat().map(String));
    fc.assert(
      fc.property(
        fc.record({
          source: fc.constantFrom('quick' as const, 'service' as const, 'scenario' as const),
          pods: typed,
          nodes: typed,
          zones: typed,
          operation: fc.constantFrom(...QUICK_OPERATION_NAMES),
          service: fc.oneof(fc.string({ maxLength: 20 }), fc.json({ maxDepth: 2 })),
          scenarioName: fc.constantFrom('', 'demo', 'small'),
          scenarioText: fc.string({ maxLength: 20 }),
          mode: fc.constantFrom(...ACCOUNTING_MODES),
          maxEndpointsPerSlice: typed,
          paperBytesPerEndpoint: typed,
          paperMinObjectBytes: typed,
        }),
        (values) => {
          const result = checkForm(values);
          if (result.ok) return;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(FORM_FIELDS).toContain(error.field);
            expect(error.message).not.toBe('');
          }
        },
      ),
    );
  });

  it('shows a valid quick simulation in the form and reads the same one back', () => {
    const spec: fc.Arbitrary<SimulationSpec> = fc
      .record({
        nodes: fc.integer({ min: 1, max: 5000 }),
        operation: fc.constantFrom(...QUICK_OPERATION_NAMES),
        mode: fc.constantFrom(...ACCOUNTING_MODES),
        slice: fc.integer({ min: 1, max: 1000 }),
      })
      .chain(({ nodes, operation, mode, slice }) =>
        fc.record({
          input: fc.record({
            kind: fc.constant('quick' as const),
            pods: fc.integer({ min: 0, max: Math.min(150_000, nodes * 200) }),
            nodes: fc.constant(nodes),
            zones: fc.integer({ min: 1, max: Math.min(100, nodes) }),
            operation: fc.constant(operation),
          }),
          mode: fc.constant(mode),
          maxEndpointsPerSlice: fc.constant(slice),
        }),
      )
      .map((value) =>
        value.mode === 'model'
          ? { input: value.input, maxEndpointsPerSlice: value.maxEndpointsPerSlice }
          : value,
      );
    fc.assert(
      fc.property(spec, (value) => {
        expect(checkForm(valuesOf(value, isShippedScenarioName))).toEqual({
          ok: true,
          spec: value,
        });
      }),
    );
  });
});

describe('the fields the form shows', () => {
  it('shows a source’s fields with that source only, and the paper constants in paper mode', () => {
    const shown = (source: FormValues['source'], mode: FormValues['mode']) =>
      FORM_FIELDS.filter((field) => isFieldShown(field, { source, mode }));
    expect(shown('quick', 'model')).toEqual([
      'source',
      'pods',
      'nodes',
      'zones',
      'operation',
      'mode',
      'maxEndpointsPerSlice',
    ]);
    expect(shown('scenario', 'paper')).toEqual([
      'source',
      'scenario',
      'mode',
      'maxEndpointsPerSlice',
      'paperBytesPerEndpoint',
      'paperMinObjectBytes',
    ]);
    expect(isFieldShown('form', { source: 'service', mode: 'model' })).toBe(true);
  });

  it('says where a hidden field’s error is from', () => {
    expect(hiddenFieldErrorText({ field: 'pods', message: 'over the limit' })).toBe(
      'Pods, in the quick form: over the limit',
    );
    expect(hiddenFieldErrorText({ field: 'paperBytesPerEndpoint', message: 'too big' })).toBe(
      'Bytes per endpoint (C), in paper mode: too big',
    );
    expect(hiddenFieldErrorText({ field: 'service', message: 'events[0]: bad' })).toBe(
      'Service shortcut: events[0]: bad',
    );
  });
});

describe('errors of the api, next to their fields', () => {
  it('finds the form field of every request path the api names', () => {
    expect(
      fieldErrorOf(
        'body.quick.pods',
        "body.quick.pods: 30000 Pods at peak, over this server's limit of 25000",
      ),
    ).toEqual({
      field: 'pods',
      message: "30000 Pods at peak, over this server's limit of 25000",
    });
    expect(
      fieldErrorOf(
        'body.options.paperMinObjectBytes',
        'body.options.paperMinObjectBytes: must be …',
      ),
    ).toEqual({
      field: 'paperMinObjectBytes',
      message: 'must be …',
    });
    expect(
      fieldErrorOf(
        'body.service.events[0]',
        'body.service.events[0]: makes an invalid scenario: x',
      ),
    ).toEqual({ field: 'service', message: 'events[0]: makes an invalid scenario: x' });
    expect(fieldErrorOf('body.scenario', 'body.scenario: line 3, column 1: YAML: bad')).toEqual({
      field: 'scenario',
      message: 'line 3, column 1: YAML: bad',
    });
    expect(
      fieldErrorOf(
        'body.scenario.events[0].at',
        'body.scenario.events[0].at: must be at least 0 (line 7)',
      ),
    ).toEqual({ field: 'scenario', message: 'events[0].at: must be at least 0 (line 7)' });
    expect(fieldErrorOf('body.quick', 'body.quick: over the 30 s budget')).toEqual({
      field: 'form',
      message: 'body.quick: over the 30 s budget',
    });
    expect(fieldErrorOf('body', 'body: send application/json').field).toBe('form');
    expect(fieldErrorOf('body.options.consumers', 'x').field).toBe('form');
    expect(fieldErrorOf(undefined, 'busy')).toEqual({ field: 'form', message: 'busy' });
  });

  it('reads bracketed keys as steps of their own, dots inside them included', () => {
    expect(fieldErrorOf('service[""]', 'service[""]: unknown field')).toEqual({
      field: 'service',
      message: '[""]: unknown field',
    });
    const label = 'body.scenario.cluster.workloads[0].labels["app.kubernetes.io/name"]';
    expect(fieldErrorOf(label, `${label}: must be text`)).toEqual({
      field: 'scenario',
      message: 'cluster.workloads[0].labels["app.kubernetes.io/name"]: must be text',
    });
  });
});
