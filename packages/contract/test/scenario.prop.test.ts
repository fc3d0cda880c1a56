import type { Scenario, ScenarioEvent, ScenarioService, WorkloadSpec } from '@slicescope/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { initialNodeNames, parseScenario, validateScenario } from '../src/index.ts';

/** Small valid scenarios: every reference points at something that exists. */
const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    zones: fc.array(
      fc.record({
        nodes: fc.integer({ min: 1, max: 4 }),
        cpu: fc.option(fc.constantFrom('2', '4', '3500m'), { nil: undefined }),
        region: fc.option(fc.constant('eu-1'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    workloads: fc.array(
      fc.record({
        replicas: fc.integer({ min: 0, max: 20 }),
        namespace: fc.option(fc.constantFrom('shop', 'data'), { nil: undefined }),
        dual: fc.boolean(),
        named: fc.boolean(),
        maxSurge: fc.option(
          fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('25%', '50%')),
          {
            nil: undefined,
          },
        ),
      }),
      { maxLength: 4 },
    ),
    services: fc.array(
      fc.record({
        headless: fc.boolean(),
        traffic: fc.option(fc.constantFrom('PreferClose', 'PreferSameZone'), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    events: fc.array(
      fc.record({
        kind: fc.constantFrom(
          'scale',
          'rollout',
          'readinessFlap',
          'nodeNotReady',
          'zoneOutage',
          'drainNode',
        ),
        target: fc.nat(),
        at: fc.integer({ min: 0, max: 599 }),
        n: fc.integer({ min: 1, max: 30 }),
      }),
      { maxLength: 8 },
    ),
    repeat: fc.boolean(),
    maxEndpointsPerSlice: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
  })
  .map((drawn) => {
    const zones = drawn.zones.map((zone, z) => ({
      name: `zone-${z}`,
      nodes: zone.nodes,
      ...(zone.cpu !== undefined && { cpu: zone.cpu }),
      ...(zone.region !== undefined && { region: zone.region }),
    }));
    const nodes = zones.flatMap(initialNodeNames);
    const workloads: WorkloadSpec[] = drawn.workloads.map((w, i) => ({
      name: `app-${i}`,
      ...(w.namespace !== undefined && { namespace: w.namespace }),
      replicas: w.replicas,
      labels: { app: `app-${i}` },
      ports: [w.named ? { name: 'http', containerPort: 8080 } : { containerPort: 8080 }],
      ...(w.dual && { ipFamilies: ['IPv4', 'IPv6'] as const }),
      ...(w.maxSurge !== undefined && { maxSurge: w.maxSurge }),
    })) as WorkloadSpec[];
    const services: ScenarioService[] = drawn.services.map((s, i) => {
      const workload = workloads.length > 0 ? workloads[i % workloads.length] : undefined;
      const named = workload?.ports?.[0]?.name !== undefined;
      return {
        name: `svc-${i}`,
        ...(workload?.namespace !== undefined && { namespace: workload.namespace }),
        ...(workload && { selector: workload.labels }),
        ports: [{ name: 'http', port: 80, targetPort: named ? 'http' : 8080 }],
        ...(s.headless && { clusterIP: 'None' as const }),
        ...(s.traffic !== undefined && { trafficDistribution: s.traffic }),
      };
    });
    const events: ScenarioEvent[] = [];
    for (const event of drawn.events) {
      const workload = workloads[event.target % Math.max(1, workloads.length)];
      const namespace = workload?.namespace !== undefined ? { namespace: workload.namespace } : {};
      const node = nodes[event.target % nodes.length] as string;
      const zone = zones[event.target % zones.length]?.name as string;
      switch (event.kind) {
        case 'scale':
          if (workload) {
            events.push({
              at: event.at,
              type: 'scale',
              workload: workload.name,
              ...namespace,
              replicas: event.n,
            });
          }
          break;
        case 'rollout':
          if (workload)
            events.push({ at: event.at, type: 'rollout', workload: workload.name, ...namespace });
          break;
        case 'readinessFlap':
          if (workload) {
            events.push({
              at: event.at,
              type: 'readinessFlap',
              workload: workload.name,
              ...namespace,
              pods: event.n,
              forSeconds: event.n,
            });
          }
          break;
        case 'nodeNotReady':
          events.push({ at: event.at, type: 'nodeNotReady', node, forSeconds: event.n });
          break;
        case 'zoneOutage':
          events.push({ at: event.at, type: 'zoneOutage', zone });
          break;
        case 'drainNode':
          events.push({ at: event.at, type: 'drainNode', node });
          break;
      }
    }
    return {
      name: 'generated',
      cluster: {
        zones,
        ...(workloads.length > 0 && { workloads }),
        ...(services.length > 0 && { services }),
      },
      ...(events.length > 0 && { events }),
      ...(drawn.repeat && { repeatEverySeconds: 600 }),
      ...(drawn.maxEndpointsPerSlice !== undefined && {
        controllers: { maxEndpointsPerSlice: drawn.maxEndpointsPerSlice },
      }),
    };
  });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path of a JSON value, the root excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, member]) => [[...prefix, key], ...paths(member, [...prefix, key])]);
}

type Mutation =
  | { kind: 'replace'; value: Json }
  | { kind: 'delete' }
  | { kind: 'addField'; name: string; value: Json };

/** The scenario with the value at `path` replaced, removed, or given an extra field. */
function mutate(scenario: Scenario, path: (string | number)[], mutation: Mutation): Json {
  const copy = JSON.parse(JSON.stringify(scenario)) as Json;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (mutation.kind === 'replace') parent[last] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
      target[mutation.name] = mutation.value;
    } else parent[last] = { [mutation.name]: mutation.value };
  }
  return copy;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue() as fc.Arbitrary<Json> }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({
    kind: fc.constant('addField' as const),
    name: fc.string({ maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
);

describe('scenario properties', () => {
  test('a valid scenario validates, and survives JSON and YAML unchanged', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        expect(validateScenario(scenario)).toEqual({ ok: true, scenario });
        expect(parseScenario(JSON.stringify(scenario))).toEqual({ ok: true, scenario });
        expect(parseScenario(JSON.stringify(scenario, null, 2), 'json')).toEqual({
          ok: true,
          scenario,
        });
        expect(parseScenario(stringify(scenario))).toEqual({ ok: true, scenario });
      }),
      { numRuns: 300 },
    );
  });

  test('a mutated scenario never throws, and every error names its field', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary.chain((scenario) =>
          fc.tuple(
            fc.constant(scenario),
            fc.constantFrom(...paths(scenario as unknown as Json)),
            mutationArbitrary,
          ),
        ),
        ([scenario, path, mutation]) => {
          const result = validateScenario(mutate(scenario, path, mutation));
          if (result.ok) return;
          expect(result.field).toBeDefined();
          expect(result.error.startsWith(`${result.field}: `)).toBe(true);
          expect(result.error).not.toMatch(/[\n\r]/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('mangled scenario text never throws; errors are one line with a field or a line', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (scenario, asYaml, edits) => {
          let text = asYaml ? stringify(scenario) : JSON.stringify(scenario, null, 1);
          for (const [at, remove, insert] of edits) {
            const offset = at % (text.length + 1);
            text = text.slice(0, offset) + insert + text.slice(offset + remove);
          }
          const result = parseScenario(text);
          if (result.ok) return;
          expect(result.error).not.toMatch(/[\n\r]/);
          const located =
            result.field !== undefined ||
            result.line !== undefined ||
            result.error.startsWith('YAML: ') ||
            result.error.startsWith('the scenario ');
          expect(located, result.error).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
