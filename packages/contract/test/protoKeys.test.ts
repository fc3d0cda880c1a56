import { describe, expect, test } from 'vitest';
import { parseScenario } from '../src/index.ts';
import { QUALIFIED_NAME_RULE } from '../src/scenario/names.ts';
import { type Loose, mutable } from './helpers.ts';

/**
 * A `"__proto__"` key in a record (labels, a selector, annotations) or in a loose Endpoints
 * object is refused, naming it: zod copies those key by key and would drop it without a word.
 */

/** The base scenario with a selector-less Service `db`, its Endpoints and two events. */
function scenario(): Loose {
  const s = mutable();
  s.cluster.zones[0].labels = { tier: 'a' };
  s.cluster.services[0].labels = { app: 'web' };
  s.cluster.services[0].annotations = { note: 'x' };
  s.cluster.services.push({ name: 'db', ports: [{ port: 5432 }] });
  s.cluster.endpoints = [
    {
      metadata: {
        name: 'db',
        labels: { app: 'db' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'db', uid: 'u' }],
      },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 5432 }] }],
    },
  ];
  s.events.push(
    {
      at: 20,
      type: 'createService',
      service: { name: 'api', selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
    { at: 30, type: 'editService', name: 'web', changes: { selector: { app: 'web' } } },
  );
  return s;
}

/** The scenario as JSON text, with a `"__proto__"` key added to the object `at` picks. */
function withProtoKey(at: (s: Loose) => Loose, value: unknown): string {
  const s = scenario();
  at(s).PROTO_KEY = value;
  return JSON.stringify(s).replace('"PROTO_KEY"', '"__proto__"');
}

const KEY_RULE = `key ${QUALIFIED_NAME_RULE}`;
const FIELD_RULE = 'not allowed as a field name';
const CHANGES_FIELDS =
  'selector, ports, clusterIP, type, ipFamilies, publishNotReadyAddresses, trafficDistribution, labels, annotations';

const cases: [string, (s: Loose) => Loose, string][] = [
  ['cluster.zones[0].labels', (s) => s.cluster.zones[0].labels, KEY_RULE],
  ['cluster.workloads[0].labels', (s) => s.cluster.workloads[0].labels, KEY_RULE],
  ['cluster.services[0].selector', (s) => s.cluster.services[0].selector, KEY_RULE],
  ['cluster.services[0].labels', (s) => s.cluster.services[0].labels, KEY_RULE],
  ['cluster.services[0].annotations', (s) => s.cluster.services[0].annotations, KEY_RULE],
  ['cluster.endpoints[0]', (s) => s.cluster.endpoints[0], FIELD_RULE],
  ['cluster.endpoints[0].metadata', (s) => s.cluster.endpoints[0].metadata, FIELD_RULE],
  ['cluster.endpoints[0].metadata.labels', (s) => s.cluster.endpoints[0].metadata.labels, KEY_RULE],
  [
    'cluster.endpoints[0].metadata.annotations',
    (s) => s.cluster.endpoints[0].metadata.annotations,
    KEY_RULE,
  ],
  [
    'cluster.endpoints[0].metadata.ownerReferences[0]',
    (s) => s.cluster.endpoints[0].metadata.ownerReferences[0],
    FIELD_RULE,
  ],
  ['events[1].service.selector', (s) => s.events[1].service.selector, KEY_RULE],
  ['events[2].changes.selector', (s) => s.events[2].changes.selector, KEY_RULE],
  // A strict object, where a null field of changes means "remove it".
  [
    'events[2].changes',
    (s) => s.events[2].changes,
    `unknown field; expected one of ${CHANGES_FIELDS}`,
  ],
];

describe('a "__proto__" key', () => {
  test('the scenario without one is valid', () => {
    expect(parseScenario(JSON.stringify(scenario()))).toMatchObject({ ok: true });
  });

  test.each(cases)('in %s is refused, naming it', (path, at, rule) => {
    // null too: a null member is dropped as absent, but this key must not vanish.
    for (const value of ['x', { polluted: 'yes' }, null]) {
      expect(parseScenario(withProtoKey(at, value))).toEqual({
        ok: false,
        error: `${path}.__proto__: ${rule}`,
        field: `${path}.__proto__`,
      });
    }
  });

  test('in YAML text is refused with its line', () => {
    const text = [
      'name: test',
      'cluster:',
      '  zones: [{ name: zone-a, nodes: 2 }]',
      '  workloads:',
      '    - name: web',
      '      replicas: 3',
      '      labels:',
      '        app: web',
      '        __proto__: { polluted: "yes" }',
      '',
    ].join('\n');
    expect(parseScenario(text, 'yaml')).toEqual({
      ok: false,
      error: `cluster.workloads[0].labels.__proto__: ${KEY_RULE}`,
      field: 'cluster.workloads[0].labels.__proto__',
      line: 9,
    });
  });
});
