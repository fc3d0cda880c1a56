import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import {
  firstScenarioIssue,
  initialNodeNames,
  parseScenario,
  scenarioSchema,
  validateScenario,
} from '../src/index.ts';
import { baseScenario, mutable } from './helpers.ts';

const base = baseScenario();

describe('parseScenario', () => {
  test('reads JSON and YAML, detecting which when no format is given', () => {
    const json = JSON.stringify(base);
    const yaml = stringify(base);
    expect(parseScenario(json)).toEqual({ ok: true, scenario: base });
    expect(parseScenario(json, 'json')).toEqual({ ok: true, scenario: base });
    expect(parseScenario(yaml)).toEqual({ ok: true, scenario: base });
    expect(parseScenario(yaml, 'yaml')).toEqual({ ok: true, scenario: base });
    // JSON is YAML: an explicit 'yaml' takes it too, and text that is not quite JSON falls
    // through to YAML when the format is detected.
    expect(parseScenario(json, 'yaml')).toEqual({ ok: true, scenario: base });
    expect(parseScenario(`${json.slice(0, -1)},}`)).toEqual({ ok: true, scenario: base });
    expect(parseScenario(yaml, 'json')).toMatchObject({ ok: false, line: 1 });
  });

  test('nulls are absent fields', () => {
    const text = [
      'name: test',
      'description:',
      'cluster:',
      '  zones:',
      '    - name: zone-a',
      '      nodes: 1',
      '      labels: ~',
      '  services: null',
      'events:',
    ].join('\n');
    expect(parseScenario(text)).toEqual({
      ok: true,
      scenario: { name: 'test', cluster: { zones: [{ name: 'zone-a', nodes: 1 }] } },
    });
    expect(parseScenario(`${text}\n  -\n`)).toMatchObject({
      ok: false,
      error: 'events[0]: must be an object (got null)',
    });
  });

  test('YAML 1.2: yes, no and on stay strings; a number is a CPU quantity', () => {
    const text = [
      'name: test',
      'cluster:',
      '  zones:',
      '    - { name: zone-a, nodes: 1, cpu: 2, labels: { spot: yes, gpu: no, power: on } }',
    ].join('\n');
    expect(parseScenario(text)).toEqual({
      ok: true,
      scenario: {
        name: 'test',
        cluster: {
          zones: [
            { name: 'zone-a', nodes: 1, cpu: '2', labels: { spot: 'yes', gpu: 'no', power: 'on' } },
          ],
        },
      },
    });
  });

  test('a field error in YAML comes with its line', () => {
    const text = stringify({ ...base, events: [{ at: 10, type: 'rollout', workload: 'api' }] });
    const line = text.split('\n').findIndex((l) => l.includes('workload: api')) + 1;
    expect(parseScenario(text)).toEqual({
      ok: false,
      error: 'events[0].workload: no workload "api" in namespace "default"',
      field: 'events[0].workload',
      line,
    });
    const unknown = text.replace('  nodes: 2', '  nodez: 2');
    expect(parseScenario(unknown)).toMatchObject({
      field: 'cluster.zones[0].nodez',
      line: unknown.split('\n').findIndex((l) => l.includes('nodez')) + 1,
    });
  });

  test('user Endpoints as kubectl prints them are taken, extra fields and all', () => {
    const scenario = mutable();
    scenario.cluster.services.push({ name: 'db', ports: [{ name: 'pg', port: 5432 }] });
    scenario.cluster.endpoints = [
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          name: 'db',
          namespace: 'default',
          creationTimestamp: null,
          resourceVersion: '42',
          managedFields: [{ manager: 'kubectl', operation: 'Update' }],
        },
        subsets: [
          {
            addresses: [{ ip: '10.0.0.1', nodeName: 'zone-a-node-1' }],
            ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
          },
        ],
      },
    ];
    const result = validateScenario(scenario);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const endpoints = result.scenario.cluster.endpoints?.[0];
    expect(endpoints?.metadata).toEqual({
      name: 'db',
      namespace: 'default',
      resourceVersion: '42',
      managedFields: [{ manager: 'kubectl', operation: 'Update' }],
    });
  });

  test('a "__proto__" key is an unknown field, not a prototype', () => {
    const text = '{"name":"t","cluster":{"zones":[{"name":"a","nodes":1,"__proto__":{"x":1}}]}}';
    expect(parseScenario(text)).toMatchObject({
      ok: false,
      field: 'cluster.zones[0].__proto__',
    });
  });

  test('never throws, whatever the input', () => {
    for (const value of [0, 'x', [], [1], true, {}, { name: 'x' }, { cluster: [] }]) {
      expect(() => validateScenario(value)).not.toThrow();
      expect(validateScenario(value).ok).toBe(false);
    }
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(parseScenario(deep, 'json').ok).toBe(false);
    expect(parseScenario(`{"name": "x", "cluster": ${deep}}`).ok).toBe(false);
    expect(parseScenario('a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[').ok).toBe(
      false,
    );
    expect(parseScenario('a: *nowhere').ok).toBe(false);
  });

  test('a YAML alias bomb is refused', () => {
    const text = [
      'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(parseScenario(text)).toEqual({
      ok: false,
      error: 'YAML: Excessive alias count indicates a resource exhaustion attack',
    });
  });
});

describe('the schema for other consumers', () => {
  test('scenarioSchema and firstScenarioIssue give the same line as validateScenario', () => {
    const scenario = mutable();
    scenario.cluster.zones[0].nodes = 0;
    const parsed = scenarioSchema.safeParse(scenario);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(firstScenarioIssue(parsed.error.issues)).toEqual({
      error: 'cluster.zones[0].nodes: must be an integer from 1 to 5000 (got 0)',
      field: 'cluster.zones[0].nodes',
      path: ['cluster', 'zones', 0, 'nodes'],
    });
  });

  test('a valid scenario parses to itself: no defaults are filled in', () => {
    expect(scenarioSchema.parse(base)).toEqual(base);
  });

  test('initial Node names follow the engine', () => {
    expect(initialNodeNames({ name: 'z', nodes: 2 })).toEqual(['z-node-1', 'z-node-2']);
    expect(initialNodeNames({ name: 'z', nodes: 1, nodeNames: ['n'] })).toEqual(['n']);
  });

  test('nodeReady and uncordonNode name an existing Node', () => {
    const text = (node: string) =>
      JSON.stringify({
        name: 'recover',
        cluster: { zones: [{ name: 'z', nodes: 1 }] },
        events: [
          { at: 1, type: 'nodeNotReady', node: 'z-node-1' },
          { at: 2, type: 'nodeReady', node },
          { at: 3, type: 'uncordonNode', node: 'z-node-1' },
        ],
      });
    expect(parseScenario(text('z-node-1')).ok).toBe(true);
    const bad = parseScenario(text('z-node-9'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^events\[1\]\.node: no node "z-node-9"/);
  });

  test('a null field of an edit means "remove it"', () => {
    const result = parseScenario(
      JSON.stringify({
        name: 'edit',
        cluster: {
          zones: [{ name: 'z', nodes: 1 }],
          services: [
            {
              name: 'web',
              selector: { app: 'web' },
              ports: [{ port: 80 }],
              trafficDistribution: 'PreferClose',
            },
          ],
        },
        events: [
          { at: 1, type: 'editService', name: 'web', changes: { trafficDistribution: null } },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.scenario.events?.[0]).toMatchObject({ changes: { trafficDistribution: null } });
  });
});
