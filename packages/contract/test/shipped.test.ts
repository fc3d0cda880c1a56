import { readFileSync } from 'node:fs';
import {
  ANNOTATION_TOPOLOGY_MODE,
  MAX_ENDPOINTS_CAPACITY,
  type Scenario,
  type ScenarioService,
  type WorkloadSpec,
} from '@slicescope/core';
import { describe, expect, test } from 'vitest';
import {
  generatedFile,
  generatedModule,
  readShippedScenarioFiles,
} from '../scripts/embedScenarios.ts';
import {
  DEFAULT_SCENARIO_NAME,
  isShippedScenarioName,
  loadShippedScenario,
  parseScenario,
  shippedScenarioNames,
  shippedScenarioText,
} from '../src/index.ts';

const files = readShippedScenarioFiles();

describe('shipped scenarios', () => {
  test('the embedded texts are the files, byte for byte', () => {
    expect(
      readFileSync(generatedFile, 'utf8'),
      'run `pnpm --filter @slicescope/contract embed-scenarios`',
    ).toBe(generatedModule(files));
    expect([...shippedScenarioNames]).toEqual(files.map(([name]) => name));
    for (const [name, text] of files) {
      expect(isShippedScenarioName(name)).toBe(true);
      if (isShippedScenarioName(name)) expect(shippedScenarioText(name)).toBe(text);
    }
    expect(isShippedScenarioName('toString')).toBe(false);
  });

  test('demo is the default', () => {
    expect(DEFAULT_SCENARIO_NAME).toBe('demo');
    expect(shippedScenarioNames).toContain(DEFAULT_SCENARIO_NAME);
    expect(shippedScenarioNames).toEqual(
      expect.arrayContaining(['demo', 'small', 'rollout', 'zone-outage']),
    );
  });

  test.each(files)(
    '%s validates, as YAML and as JSON, and is named after its file',
    (name, text) => {
      const result = parseScenario(text);
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(result.scenario.name).toBe(name);
      expect(parseScenario(JSON.stringify(result.scenario), 'json')).toEqual(result);
    },
  );

  test.each(files)('%s fits its Nodes, even at its peak and during a rollout', (name) => {
    if (!isShippedScenarioName(name)) throw new Error(name);
    const scenario = loadShippedScenario(name);
    const capacity = scenario.cluster.zones.reduce(
      (sum, zone) => sum + zone.nodes * (zone.maxPods ?? 110),
      0,
    );
    expect(peakPods(scenario)).toBeLessThanOrEqual(capacity);
  });

  test('loading gives a fresh object every time', () => {
    const first = loadShippedScenario('small');
    first.cluster.zones.length = 0;
    expect(loadShippedScenario('small').cluster.zones.length).toBeGreaterThan(0);
  });
});

const key = (name: string, namespace: string | undefined): string =>
  `${namespace ?? 'default'}/${name}`;

function selected(scenario: Scenario, service: ScenarioService): WorkloadSpec[] {
  const selector = service.selector;
  if (!selector) return [];
  return (scenario.cluster.workloads ?? []).filter(
    (workload) =>
      (workload.namespace ?? 'default') === (service.namespace ?? 'default') &&
      Object.entries(selector).every(([label, value]) => workload.labels[label] === value),
  );
}

const replicasOf = (workloads: WorkloadSpec[]): number =>
  workloads.reduce((sum, workload) => sum + workload.replicas, 0);

function surge(workload: WorkloadSpec, replicas: number): number {
  const value = workload.maxSurge ?? '25%';
  return typeof value === 'number'
    ? value
    : Math.ceil((replicas * Number.parseInt(value, 10)) / 100);
}

/** The most Pods at once: every workload at its largest scale, plus the largest rollout surge. */
function peakPods(scenario: Scenario): number {
  const workloads = new Map(
    (scenario.cluster.workloads ?? []).map((workload) => [
      key(workload.name, workload.namespace),
      workload,
    ]),
  );
  const largest = new Map([...workloads].map(([name, workload]) => [name, workload.replicas]));
  for (const event of scenario.events ?? []) {
    if (event.type !== 'scale') continue;
    const name = key(event.workload, event.namespace);
    largest.set(name, Math.max(largest.get(name) ?? 0, event.replicas));
  }
  let maxSurge = 0;
  for (const [name, workload] of workloads) {
    maxSurge = Math.max(maxSurge, surge(workload, largest.get(name) ?? 0));
  }
  return [...largest.values()].reduce((sum, replicas) => sum + replicas, 0) + maxSurge;
}

describe('the demo scenario has what the issue asks for', () => {
  const demo = loadShippedScenario('demo');
  const services = demo.cluster.services ?? [];
  const workloads = demo.cluster.workloads ?? [];
  const events = demo.events ?? [];
  const nodes = demo.cluster.zones.reduce((sum, zone) => sum + zone.nodes, 0);
  const pods = replicasOf(workloads);

  test('several zones, tens of Nodes, a few thousand Pods, dozens of Services', () => {
    expect(demo.cluster.zones.length).toBeGreaterThanOrEqual(3);
    expect(nodes).toBeGreaterThanOrEqual(20);
    expect(nodes).toBeLessThan(100);
    expect(pods).toBeGreaterThanOrEqual(1000);
    expect(pods).toBeLessThanOrEqual(5000);
    expect(services.length).toBeGreaterThanOrEqual(24);
  });

  test('Services from tiny to over 1,000 endpoints (truncated Endpoints)', () => {
    const sizes = services.filter((s) => s.selector).map((s) => replicasOf(selected(demo, s)));
    expect(Math.min(...sizes.filter((size) => size > 0))).toBeLessThanOrEqual(3);
    expect(Math.max(...sizes)).toBeGreaterThan(MAX_ENDPOINTS_CAPACITY);
  });

  test('dual-stack on a Service and its Pods', () => {
    const dual = services.filter((s) => s.ipFamilies?.length === 2);
    expect(dual.length).toBeGreaterThan(0);
    for (const service of dual) {
      for (const workload of selected(demo, service)) expect(workload.ipFamilies).toHaveLength(2);
    }
  });

  test('named target ports, one of them resolving to different numbers', () => {
    const named = services.flatMap((service) =>
      (service.ports ?? [])
        .filter((port) => typeof port.targetPort === 'string')
        .map((port) => ({ service, name: port.targetPort as string })),
    );
    expect(named.length).toBeGreaterThan(10);
    const numbers = named.map(({ service, name }) => {
      const ports = selected(demo, service).flatMap((workload) =>
        (workload.ports ?? []).filter((port) => port.name === name),
      );
      return new Set(ports.map((port) => port.containerPort)).size;
    });
    expect(Math.max(...numbers)).toBeGreaterThan(1);
  });

  test('topology hints with at least three endpoints per zone, PreferClose, headless', () => {
    const auto = services.filter((s) => s.annotations?.[ANNOTATION_TOPOLOGY_MODE] === 'Auto');
    expect(auto).toHaveLength(1);
    expect(replicasOf(selected(demo, auto[0] as ScenarioService))).toBeGreaterThanOrEqual(
      3 * demo.cluster.zones.length,
    );
    expect(services.some((s) => s.trafficDistribution === 'PreferClose')).toBe(true);
    expect(services.some((s) => s.clusterIP === 'None')).toBe(true);
  });

  test('a selector-less Service with a user Endpoints object to mirror', () => {
    const mirrored = services.filter(
      (service) =>
        !service.selector &&
        (demo.cluster.endpoints ?? []).some(
          (object) =>
            key(object.metadata.name ?? '', object.metadata.namespace) ===
            key(service.name, service.namespace),
        ),
    );
    expect(mirrored).toHaveLength(1);
  });

  test('continuous churn: rollouts every couple of minutes, scaling both ways, a Node NotReady', () => {
    const cycle = demo.repeatEverySeconds as number;
    expect(cycle).toBeGreaterThan(0);
    const rollouts = events.filter((e) => e.type === 'rollout').map((e) => e.at);
    const gaps = rollouts.map((at, i) => (rollouts[i + 1] ?? (rollouts[0] as number) + cycle) - at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(180);
    const scales = events.filter((e) => e.type === 'scale');
    expect(scales.length).toBeGreaterThanOrEqual(2);
    expect(events.some((e) => e.type === 'nodeNotReady' && e.forSeconds !== undefined)).toBe(true);
    expect(events.some((e) => e.type === 'readinessFlap')).toBe(true);
  });
});
