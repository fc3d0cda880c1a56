import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { z } from 'zod';
import { loadShippedScenario, shippedScenarioText } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps, modelContent } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

/** The answer of POST /simulate (apps/api/src/simulate/runScenario.ts SimulationCounts). */
const kindCounts = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    Node: value,
    Service: value,
    Pod: value,
    EndpointSlice: value,
    Endpoints: value,
  });
const simulationSchema = z.strictObject({
  scenario: z.string(),
  seed: z.number().int(),
  simulatedSeconds: z.number().nonnegative(),
  changes: kindCounts(
    z.strictObject({
      ADDED: z.number().int().nonnegative(),
      MODIFIED: z.number().int().nonnegative(),
      DELETED: z.number().int().nonnegative(),
    }),
  ),
  objects: kindCounts(z.number().int().nonnegative()),
});

// 'small' has 6 Pods at first and 8 at its peak (a scale event).
const test = createTestDeps({ config: { maxSimulateBytes: 64 * 1024, maxSimulatePods: 8 } });
const app = createApp(test.deps);
afterAll(() => test.close());

const SIMULATE = '/api/v1/simulate';
const small = (): Record<string, unknown> =>
  loadShippedScenario('small') as unknown as Record<string, unknown>;

describe('POST /api/v1/simulate', () => {
  it('runs a scenario object and counts the writes, without touching the model', async () => {
    const before = modelContent(test.model);
    const response = await request(app).post(SIMULATE).send({ scenario: small() }).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const result = simulationSchema.parse(response.body);
    expect(result).toMatchObject({ scenario: 'small', seed: 1 });
    expect(result.objects).toMatchObject({ Node: 4, Service: 3 });
    expect(result.changes.Pod.ADDED).toBeGreaterThanOrEqual(6);
    expect(result.changes.EndpointSlice.ADDED).toBeGreaterThan(0);
    expect(modelContent(test.model)).toBe(before);
  });

  it('is deterministic for a seed and reads YAML and JSON text', async () => {
    const yaml = shippedScenarioText('small');
    // One at a time: the server runs a single simulation and refuses a second as busy.
    const fromObject = await request(app).post(SIMULATE).send({ scenario: small(), seed: 7 });
    const fromYaml = await request(app)
      .post(SIMULATE)
      .send({ scenario: yaml, format: 'yaml', seed: 7 });
    const fromJson = await request(app)
      .post(SIMULATE)
      .send({ scenario: JSON.stringify(small()), format: 'json', seed: 7 });
    const fromAuto = await request(app).post(SIMULATE).send({ scenario: yaml, seed: 7 });
    for (const response of [fromObject, fromYaml, fromJson, fromAuto]) {
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual(fromObject.body);
    }
    expect(simulationSchema.parse(fromObject.body).seed).toBe(7);
  });

  it('answers 413 for a scenario with more Pods than the server allows', async () => {
    const scenario = small();
    const workloads = (scenario.cluster as { workloads: { replicas: number }[] }).workloads;
    workloads[0]!.replicas += 1;
    const response = await request(app).post(SIMULATE).send({ scenario });
    expectApiError(response, 413, {
      code: 'too-large',
      field: 'body.scenario',
      message: /9 Pods at peak.*limit of 8/,
    });
  });

  it('answers 413 for a body over maxSimulateBytes', async () => {
    const scenario = { ...small(), description: 'x'.repeat(70 * 1024) };
    const response = await request(app).post(SIMULATE).send({ scenario });
    expectApiError(response, 413, { code: 'too-large', field: 'body' });
  });

  it.each([
    ['{"scenario": ', 'truncated'],
    ["{'scenario': 1}", 'single quotes'],
    ['"just a string"', 'not an object or array (strict)'],
    ['', 'empty'],
  ])('answers 400 for invalid JSON: %j (%s)', async (body) => {
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(body);
    if (body === '') {
      // An empty JSON body parses to {}: the body then misses the scenario.
      expectApiError(response, 400, { field: 'body.scenario' });
      return;
    }
    expectApiError(response, 400, { code: 'invalid-json', field: 'body' });
  });

  it.each([
    ['text/plain', 'scenario: x'],
    ['application/x-www-form-urlencoded', 'scenario=x'],
    ['application/yaml', 'name: x'],
  ])('answers 415 for %s', async (type, body) => {
    const response = await request(app).post(SIMULATE).set('Content-Type', type).send(body);
    expectApiError(response, 415, { code: 'unsupported-media-type', field: 'body' });
  });

  it('answers 415 without a body at all', async () => {
    expectApiError(await request(app).post(SIMULATE), 415, { field: 'body' });
  });

  it.each([
    [{}, 'body.scenario'],
    [[], 'body'],
    [{ scenario: 5 }, 'body.scenario'],
    [{ scenario: [] }, 'body.scenario'],
    [{ scenario: small(), format: 'xml' }, 'body.format'],
    [{ scenario: small(), seed: -1 }, 'body.seed'],
    [{ scenario: small(), seed: 1.5 }, 'body.seed'],
    [{ scenario: small(), seed: 2 ** 31 }, 'body.seed'],
    [{ scenario: small(), seed: '1' }, 'body.seed'],
    [{ scenario: small(), extra: true }, 'body.extra'],
  ])('answers 400 for the body %j, naming %s', async (body, field) => {
    const response = await request(app).post(SIMULATE).send(body);
    expectApiError(response, 400, { code: 'invalid-request', field });
  });

  it.each([
    [
      { ...small(), cluster: { zones: [{ name: 'a', nodes: 0 }] } },
      /^body\.scenario: cluster\.zones\[0\]\.nodes: must be an integer from 1 to 5000/,
    ],
    [{ name: 'x' }, /^body\.scenario: cluster: /],
    [{ ...small(), colour: 'red' }, /^body\.scenario: colour: unknown field/],
    [
      {
        ...small(),
        events: [{ at: 1, type: 'rollout', namespace: 'default', workload: 'nope' }],
      },
      /^body\.scenario: events\[0\]\.workload: /,
    ],
  ])('answers 400 for an invalid scenario, naming its field (%#)', async (scenario, message) => {
    const response = await request(app).post(SIMULATE).send({ scenario });
    expectApiError(response, 400, { code: 'invalid-scenario', field: 'body.scenario', message });
  });

  it('names the line of a syntax error in scenario text', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .send({ scenario: 'name: x\ncluster: [\n', format: 'yaml' });
    expectApiError(response, 400, {
      code: 'invalid-scenario',
      field: 'body.scenario',
      message: /line \d+, column \d+: YAML/,
    });
    const json = await request(app)
      .post(SIMULATE)
      .send({ scenario: '{"name": "x",}', format: 'json' });
    expectApiError(json, 400, { code: 'invalid-scenario', message: /line 1, column \d+: JSON/ });
  });

  it('only answers POST', async () => {
    expectApiError(await request(app).get(SIMULATE), 404, { code: 'not-found' });
  });
});

describe('POST /api/v1/simulate under load', () => {
  it('refuses a second simulation while one runs (429), and ends one over its time budget (422)', async () => {
    const slow = createTestDeps({ simulateTimeoutMs: 150 });
    const slowApp = createApp(slow.deps);
    try {
      // The demo scenario takes seconds: it outlives the 150 ms budget.
      const demo = loadShippedScenario('demo');
      const [first, second] = await Promise.all([
        request(slowApp).post(SIMULATE).send({ scenario: demo }),
        new Promise<request.Response>((resolve) =>
          setTimeout(() => resolve(request(slowApp).post(SIMULATE).send({ scenario: demo })), 20),
        ),
      ]);
      expectApiError(first, 422, {
        code: 'too-costly',
        field: 'body.scenario',
        message: /over this server's budget/,
      });
      expectApiError(second, 429, { code: 'busy', message: /another simulation is running/ });
      expect(second.headers['retry-after']).toBe('5');
      // The worker was replaced: the next small simulation runs normally.
      const after = await request(slowApp)
        .post(SIMULATE)
        .send({ scenario: loadShippedScenario('small') });
      expect(after.status, after.text).toBe(200);
    } finally {
      slow.close();
    }
  });
});
