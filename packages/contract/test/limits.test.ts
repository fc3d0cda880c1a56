import { referenceWorkloadScenario } from '@slicescope/core';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import * as contract from '../src/index.ts';
import fc from 'fast-check';
import {
  loadShippedScenario,
  MAX_NESTING_DEPTH,
  parseScenario,
  tooDeepPath,
  validateScenario,
} from '../src/index.ts';

const docs = readFileSync(new URL('../../../docs/scenarios.md', import.meta.url), 'utf8');

describe('limits', () => {
  const reference = referenceWorkloadScenario();

  test('the reference workload at the thresholds is valid: 5,000 Nodes, 150,000 Pods, 8,100 Services', () => {
    const { zones, workloads = [], services = [] } = reference.cluster;
    expect(zones.reduce((sum, zone) => sum + zone.nodes, 0)).toBe(contract.MAX_NODES);
    expect(workloads.reduce((sum, workload) => sum + workload.replicas, 0)).toBe(contract.MAX_PODS);
    expect(services).toHaveLength(8100);
    expect(validateScenario(reference)).toEqual({ ok: true, scenario: reference });
  });

  test('its rollout wave rolls out every Deployment behind a Service at once, and is valid', () => {
    const wave = referenceWorkloadScenario({ rolloutWaveAt: 10 });
    const { services = [], workloads = [] } = wave.cluster;
    const selected = new Set(services.map((s) => `${s.namespace}/${s.selector?.['name']}`));
    expect(wave.events).toHaveLength(8100);
    for (const event of wave.events ?? []) {
      expect(event).toMatchObject({ at: 10, type: 'rollout' });
      if (event.type === 'rollout')
        expect(selected).toContain(`${event.namespace}/${event.workload}`);
    }
    expect(workloads).toEqual(reference.cluster.workloads);
    expect(validateScenario(wave)).toEqual({ ok: true, scenario: wave });
  });

  test('its wave can repeat, as the command line runs it: at 120 s, then every 600 s', () => {
    const repeating = referenceWorkloadScenario({ rolloutWaveAt: 120, repeatEverySeconds: 600 });
    expect(repeating.repeatEverySeconds).toBe(600);
    expect(repeating.description).toMatch(/roll out at 120 s, and every 600 s after$/);
    expect(validateScenario(repeating)).toEqual({ ok: true, scenario: repeating });
  });

  test('the reference workload reads as JSON and as YAML text', () => {
    const json = JSON.stringify(reference, null, 2);
    const yaml = stringify(reference);
    expect(json.length).toBeLessThan(contract.MAX_SCENARIO_TEXT_LENGTH);
    expect(parseScenario(json)).toEqual({ ok: true, scenario: reference });
    expect(parseScenario(yaml, 'yaml')).toEqual({ ok: true, scenario: reference });
  }, 60_000); // 5 MB of YAML: a few seconds to write and to read

  test('one Pod more is over the limit', () => {
    const over = structuredClone(reference);
    (over.cluster.workloads ?? [])[0]!.replicas += 1;
    expect(validateScenario(over)).toEqual({
      ok: false,
      error:
        'cluster.workloads: 150001 pods in total (the sum of replicas), over the limit of 150000',
      field: 'cluster.workloads',
    });
  });

  test('a list of millions is refused before it is walked', () => {
    const text = `{"name":"x","cluster":{"zones":[]},"events":[${'1,'.repeat(3_000_000)}1]}`;
    expect(parseScenario(text)).toEqual({
      ok: false,
      error: 'events: 3000001 entries, more than any list of a scenario may have (200000)',
      field: 'events',
    });
  });

  test('nesting: up to 64 levels of objects and lists pass, the next one is found', () => {
    /** `levels` objects and lists, alternating, each inside the one before. */
    const nested = (levels: number): unknown => {
      let value: unknown = 'leaf';
      for (let level = 0; level < levels; level++) value = level % 2 ? [value] : { x: value };
      return value;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * MAX_NESTING_DEPTH }), (levels) => {
        const path = tooDeepPath(nested(levels));
        if (levels <= MAX_NESTING_DEPTH) expect(path).toBeUndefined();
        else expect(path).toHaveLength(MAX_NESTING_DEPTH);
      }),
    );
    // Walked without recursion: a document far too deep to recurse into is answered.
    expect(tooDeepPath(nested(200_000))).toHaveLength(MAX_NESTING_DEPTH);
  });

  test('a scenario nested too deeply is refused, naming where, as an object and as text', () => {
    let extra: unknown = 1;
    for (let level = 0; level < 5_000; level++) extra = { x: extra };
    const scenario = {
      name: 'deep',
      cluster: {
        zones: [{ name: 'a', nodes: 1 }],
        endpoints: [{ metadata: { name: 'e' }, extra }],
      },
    };
    const refusal = {
      ok: false,
      error: 'cluster.endpoints[0].extra.x.x.x.x…: nested more than 64 levels deep',
      field: 'cluster.endpoints[0].extra.x.x.x.x…',
    };
    expect(validateScenario(scenario)).toEqual(refusal);
    // As text, written out (encoding it would overflow the stack).
    const text = JSON.stringify({ ...scenario, cluster: { ...scenario.cluster, endpoints: [] } });
    const deepText = text.replace(
      '"endpoints":[]',
      `"endpoints":[{"metadata":{"name":"e"},"extra":${'{"x":'.repeat(5_000)}1${'}'.repeat(5_000)}}]`,
    );
    expect(parseScenario(deepText)).toEqual(refusal);
    // The YAML parser recurses: its stack overflowing is said as the limit.
    expect(parseScenario(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'yaml')).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^line 1, column \d+: YAML: nested too deeply \(at most 64 levels\)$/,
      ),
    });
  });

  test('a YAML text with too many values is refused before it is parsed', () => {
    const text = `name: x\nevents:\n${'- 1\n'.repeat(400_000)}`;
    expect(parseScenario(text)).toEqual({
      ok: false,
      error:
        'the YAML text has 400003 lines and flow items, over the limit of 400000; write a scenario this large as JSON',
    });
  });
});

describe('docs/scenarios.md', () => {
  test('lists every limit with its value', () => {
    const limits = Object.entries(contract).filter(
      ([name, value]) => /^M(AX|IN)_/.test(name) && typeof value === 'number',
    ) as [string, number][];
    expect(limits.length).toBeGreaterThanOrEqual(17);
    for (const [name, value] of limits) {
      const row = docs.split('\n').find((line) => line.includes(`\`${name}\``));
      expect(row, name).toBeDefined();
      expect(row?.replaceAll(',', ''), name).toContain(String(value));
    }
  });

  test('its example is a valid scenario', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    expect(parseScenario(example ?? '')).toMatchObject({ ok: true });
  });

  test('its numbers for the demo are the demo’s', () => {
    const demo = loadShippedScenario('demo');
    const { zones, workloads = [], services = [] } = demo.cluster;
    const namespaces = new Set(
      [...workloads, ...services].map((object) => object.namespace ?? 'default'),
    );
    const row = docs.split('\n').find((line) => line.startsWith('| `demo`')) ?? '';
    expect(row).toContain(`${zones.length} zones`);
    expect(row).toContain(`${zones.reduce((sum, zone) => sum + zone.nodes, 0)} Nodes`);
    expect(row).toContain(`${workloads.length} workloads`);
    expect(row.replaceAll(',', '')).toContain(
      `${workloads.reduce((sum, workload) => sum + workload.replicas, 0)} Pods`,
    );
    expect(row).toContain(`${services.length} Services`);
    expect(row).toContain(`${namespaces.size} namespaces`);
  });
});
