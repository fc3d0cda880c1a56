import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import {
  loadShippedScenario,
  shippedScenarioText,
  simulationLimitsSchema,
  simulationReportSchema,
} from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps, modelContent } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

// 'small' has 6 Pods at first and 8 at its peak (a scale event).
const test = createTestDeps({
  config: { maxSimulateBytes: 64 * 1024, maxSimulatePods: 8 },
  simulateTimeoutMs: 20_000,
  simulateHeapMb: 512,
});
const app = createApp(test.deps);
afterAll(() => test.close());

const SIMULATE = '/api/v1/simulate';
const small = (): Record<string, unknown> =>
  loadShippedScenario('small') as unknown as Record<string, unknown>;

describe('POST /api/v1/simulate', () => {
  it('runs a scenario object and answers its report, without touching the model', async () => {
    const before = modelContent(test.model);
    const response = await request(app).post(SIMULATE).send({ scenario: small() }).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const report = simulationReportSchema.parse(response.body);
    expect(report).toMatchObject({ scenario: 'small', mode: 'model', options: { seed: 1 } });
    expect(report.totals.endpointSlices.writes).toBeGreaterThan(0);
    expect(report.totals.endpoints.objects).toBeGreaterThan(0);
    expect(report.series.length).toBeGreaterThan(0);
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
    // A shipped scenario's name stands for it, as on the command line.
    const fromName = await request(app).post(SIMULATE).send({ scenario: ' small ', seed: 7 });
    for (const response of [fromObject, fromYaml, fromJson, fromAuto, fromName]) {
      expect(response.status, response.text).toBe(200);
      expect(response.text).toBe(fromObject.text);
    }
    expect(simulationReportSchema.parse(fromObject.body).options.seed).toBe(7);
  });

  it('answers the quick form: paper mode reproduces KEP-0752, model mode runs the engine', async () => {
    const paper = await request(app)
      .post(SIMULATE)
      .send({
        quick: { pods: 20_000, nodes: 5_000, operation: 'update-one' },
        options: { mode: 'paper' },
      })
      .expect(200);
    const { totals } = simulationReportSchema.parse(paper.body);
    expect([totals.endpoints.watchEvents, totals.endpointSlices.watchEvents]).toEqual([
      5_000, 5_000,
    ]);
    expect(totals.endpoints.bytes).toBe(10e9);
    expect(totals.endpointSlices.bytes).toBe(50e6);
    const model = await request(app)
      .post(SIMULATE)
      .send({
        quick: { pods: 8, nodes: 2, zones: 1, operation: 'create' },
        options: { extraWatchers: 1 },
      })
      .expect(200);
    const report = simulationReportSchema.parse(model.body);
    expect(report.quick).toEqual({ pods: 8, nodes: 2, zones: 1, operation: 'create' });
    expect(report.totals.endpointSlices).toMatchObject({ writes: 1, watchEvents: 3 });
    expect(report.totals.endpointSlices.bytesProtobuf).toBeGreaterThan(0);
  });

  it('answers a service shortcut', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .send({
        service: { pods: 6, nodes: 3, events: [{ at: 5, type: 'rollingUpdate' }] },
        options: { mode: 'paper' },
      })
      .expect(200);
    const { totals } = simulationReportSchema.parse(response.body);
    // Creation (one Endpoints object, one slice), then one write per replaced Pod.
    expect([totals.endpoints.writes, totals.endpointSlices.writes]).toEqual([7, 7]);
  });

  it.each([
    [{ scenario: 'x' }, 'body.scenario'],
    [{ quick: { pods: 9, nodes: 3, operation: 'create' } }, 'body.quick.pods'],
    [
      { service: { pods: 6, nodes: 3, events: [{ at: 1, type: 'scaleTo', replicas: 9 }] } },
      'body.service',
    ],
  ])('answers 413 for more Pods than the server allows (%#)', async (body, field) => {
    const input = 'scenario' in body ? { scenario: { ...small(), cluster: bigCluster() } } : body;
    const response = await request(app).post(SIMULATE).send(input);
    expectApiError(response, 413, {
      code: 'too-large',
      field,
      message: /9 Pods at peak.*limit of 8/,
    });
  });

  it('says a misspelt name is no scenario, and which names are shipped', async () => {
    const response = await request(app).post(SIMULATE).send({ scenario: 'rolout' });
    expectApiError(response, 400, {
      code: 'invalid-scenario',
      field: 'body.scenario',
      message:
        /^body\.scenario: "rolout" is not a scenario: a scenario is a YAML or JSON object .* named demo, rollout, small, zone-outage$/,
    });
  });

  it('answers 413 for a body over maxSimulateBytes', async () => {
    const scenario = { ...small(), description: 'x'.repeat(70 * 1024) };
    const response = await request(app).post(SIMULATE).send({ scenario });
    expectApiError(response, 413, { code: 'too-large', field: 'body' });
  });

  it.each(['"just a string"', 'null', '42'])(
    'answers 400 for JSON that is not an object: %s',
    async (body) => {
      const response = await request(app)
        .post(SIMULATE)
        .set('Content-Type', 'application/json')
        .send(body);
      expectApiError(response, 400, {
        code: 'invalid-request',
        field: 'body',
        message: /^body: must be a JSON object$/,
      });
    },
  );

  it.each([
    ['{"scenario": ', 'truncated'],
    ["{'scenario': 1}", 'single quotes'],
  ])('answers 400 for invalid JSON: %j (%s)', async (body) => {
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(body);
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

  const quick = { pods: 3, nodes: 2, operation: 'create' };
  it.each([
    [{}, 'body.scenario'],
    [[], 'body'],
    [{ scenario: 5 }, 'body.scenario'],
    [{ scenario: [] }, 'body.scenario'],
    [{ scenario: small(), format: 'xml' }, 'body.format'],
    [{ scenario: small(), format: 'yaml' }, 'body.format'],
    [{ scenario: small(), seed: -1 }, 'body.seed'],
    [{ scenario: small(), seed: 1.5 }, 'body.seed'],
    [{ scenario: small(), seed: 2 ** 31 }, 'body.seed'],
    [{ scenario: small(), seed: '1' }, 'body.seed'],
    [{ scenario: small(), extra: true }, 'body.extra'],
    [{ scenario: small(), quick }, 'body.quick'],
    [{ quick: { ...quick, pods: 'many' } }, 'body.quick.pods'],
    [{ quick: { ...quick, zones: 3 } }, 'body.quick.zones'],
    [{ quick: { ...quick, operation: 'scale' } }, 'body.quick.operation'],
    [{ quick: { ...quick, pods: 500, nodes: 2 } }, 'body.quick.pods'],
    [{ quick, options: { mode: 'exact' } }, 'body.options.mode'],
    [{ quick, options: { maxEndpointsPerSlice: 1001 } }, 'body.options.maxEndpointsPerSlice'],
    [{ quick, options: { seed: 3 } }, 'body.options.seed'],
    [{ quick, options: { untilSeconds: 1e9 } }, 'body.options.untilSeconds'],
    // Options a run would ignore: the quick form sets its own end; paper's constants in model mode.
    [{ quick, options: { untilSeconds: 5 } }, 'body.options.untilSeconds'],
    [{ quick, options: { countFromSeconds: 0 } }, 'body.options.countFromSeconds'],
    [
      { scenario: small(), options: { paperBytesPerEndpoint: 300 } },
      'body.options.paperBytesPerEndpoint',
    ],
    [
      { scenario: small(), options: { mode: 'model', paperMinObjectBytes: 0 } },
      'body.options.paperMinObjectBytes',
    ],
    // Counting from after the end would count nothing.
    [
      { scenario: small(), options: { countFromSeconds: 30, untilSeconds: 20 } },
      'body.options.countFromSeconds',
    ],
    [{ service: { pods: 3 } }, 'body.service.nodes'],
    [{ service: { pods: 10, nodes: 3, zones: 5 } }, 'body.service.zones'],
    [
      { service: { pods: 3, nodes: 3, startJitterSeconds: 'soon' } },
      'body.service.startJitterSeconds',
    ],
    [
      { service: { pods: 3, nodes: 3, events: [{ at: 1, type: 'zoneOutage', zone: 'zone-q' }] } },
      'body.service.events[0]',
    ],
  ])('answers 400 for the body %j, naming %s', async (body, field) => {
    const response = await request(app).post(SIMULATE).send(body);
    expectApiError(response, 400, { code: 'invalid-request', field });
  });

  it.each([
    [
      { ...small(), cluster: { zones: [{ name: 'a', nodes: 0 }] } },
      'cluster.zones[0].nodes',
      /: must be an integer from 1 to 5000/,
    ],
    [{ name: 'x' }, 'cluster', /: /],
    [{ ...small(), colour: 'red' }, 'colour', /: unknown field/],
    [
      {
        ...small(),
        events: [{ at: 1, type: 'rollout', namespace: 'default', workload: 'nope' }],
      },
      'events[0].workload',
      /: no workload "nope"/,
    ],
  ])(
    'answers 400 for an invalid scenario, naming its field (%#: %s)',
    async (scenario, path, rule) => {
      const response = await request(app).post(SIMULATE).send({ scenario });
      const field = `body.scenario.${path}`;
      const error = expectApiError(response, 400, { code: 'invalid-scenario', field });
      expect(error.message.slice(field.length)).toMatch(rule);
    },
  );

  it('names the field of a scenario given as text, as of an object, and its line', async () => {
    const text = 'name: x\ncluster:\n  zones:\n    - name: a\n      nodes: 0\n';
    const response = await request(app).post(SIMULATE).send({ scenario: text, format: 'yaml' });
    const error = expectApiError(response, 400, {
      code: 'invalid-scenario',
      field: 'body.scenario.cluster.zones[0].nodes',
    });
    expect(error.line).toBe(5);
    // An object has no lines.
    const object = await request(app)
      .post(SIMULATE)
      .send({ scenario: { ...small(), cluster: { zones: [{ name: 'a', nodes: 0 }] } } });
    expect(expectApiError(object, 400, { code: 'invalid-scenario' }).line).toBeUndefined();
  });

  it('refuses a scenario nested too deeply, naming where, and stays free for the next run', async () => {
    const extra = `${'{"x":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const scenario = JSON.stringify(small()).replace(/}$/, `,"extra":${extra}}`);
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(`{"scenario":${scenario}}`);
    expectApiError(response, 400, {
      code: 'invalid-scenario',
      message: /^body\.scenario\.extra\.x\.x\.x.*: nested more than 64 levels deep$/,
    });
    await request(app).post(SIMULATE).send({ scenario: small() }).expect(200);
  });

  it('names the bad type of a shortcut event and the types there are', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .send({ service: { pods: 3, nodes: 3, events: [{ at: 1, type: 'explode' }] } });
    expectApiError(response, 400, {
      code: 'invalid-request',
      field: 'body.service.events[0].type',
      message: /must be one of createService, rollingUpdate, .* \(got "explode"\)$/,
    });
  });

  it('names the line of a syntax error in scenario text', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .send({ scenario: 'name: x\ncluster: [\n', format: 'yaml' });
    const error = expectApiError(response, 400, {
      code: 'invalid-scenario',
      field: 'body.scenario',
      message: /line \d+, column \d+: YAML/,
    });
    expect(error.message).toContain(`line ${error.line},`);
    const json = await request(app)
      .post(SIMULATE)
      .send({ scenario: '{"name": "x",}', format: 'json' });
    expectApiError(json, 400, { code: 'invalid-scenario', message: /line 1, column \d+: JSON/ });
  });

  it('only answers POST: another method is told so (405 and Allow)', async () => {
    const get = await request(app).get(`${SIMULATE}?x=1`);
    expectApiError(get, 405, {
      code: 'method-not-allowed',
      message: /^GET \/api\/v1\/simulate: only POST is answered here$/,
    });
    expect(get.headers['allow']).toBe('POST');
    const put = await request(app).put(`${SIMULATE}/snapshot`).send({});
    expectApiError(put, 405, { code: 'method-not-allowed', message: /^PUT .*snapshot: only POST/ });
    expect(put.headers['allow']).toBe('POST');
    const options = await request(app).options(SIMULATE).expect(204);
    expect(options.headers['allow']).toBe('POST');
  });
});

describe('GET /api/v1/simulate/limits', () => {
  it("answers this server's bounds as its operator set them", async () => {
    const response = await request(app).get(`${SIMULATE}/limits`).expect(200);
    expect(simulationLimitsSchema.parse(response.body)).toEqual({
      maxBodyBytes: 64 * 1024,
      maxPods: 8,
      budgetSeconds: 20,
      heapMib: 512,
    });
    const post = await request(app).post(`${SIMULATE}/limits`).send({});
    expectApiError(post, 405, { code: 'method-not-allowed', message: /only GET or HEAD/ });
    expect(post.headers['allow']).toBe('GET, HEAD');
    await request(app).head(`${SIMULATE}/limits`).expect(200);
    const options = await request(app).options(`${SIMULATE}/limits`).expect(204);
    expect(options.headers['allow']).toBe('GET, HEAD');
  });
});

/** 'small' with one more Pod: 9 at its peak. */
function bigCluster(): unknown {
  const cluster = structuredClone(small().cluster) as { workloads: { replicas: number }[] };
  cluster.workloads[0]!.replicas += 1;
  return cluster;
}

describe('bodies the parser does not read', () => {
  it.each([
    [
      { 'Content-Type': 'application/json; charset=latin1' },
      415,
      /^body: charset latin1 is not read here; send UTF-8$/,
    ],
    [{ 'Content-Encoding': 'x-bogus' }, 415, /^body: content-encoding x-bogus is not read here/],
    [
      { 'Content-Encoding': 'gzip' },
      400,
      /^body: does not decompress as its content-encoding says$/,
    ],
    [{ 'Content-Encoding': 'br' }, 400, /^body: does not decompress as its content-encoding says$/],
  ])('%j answers %i naming the body', async (headers, status, message) => {
    const response = await request(app)
      .post(SIMULATE)
      .set({ 'Content-Type': 'application/json', ...headers })
      .send('{"quick":{"pods":3,"nodes":3,"operation":"create"}}');
    expectApiError(response, status, { field: 'body', message });
  });

  it('refuses a body that is not UTF-8, naming the byte', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .set({ 'Content-Type': 'application/json' })
      .serialize((bytes) => bytes as string)
      .send(Buffer.from('{"scenario": "name: caf\xe9"}', 'latin1'));
    expectApiError(response, 400, {
      field: 'body',
      message: /^body: line 1: not UTF-8 text \(byte 0xe9 at offset 23\)/,
    });
  });

  it('reads a gzip body that is one', async () => {
    const body = gzipSync('{"quick":{"pods":3,"nodes":3,"operation":"create"}}');
    const response = await request(app)
      .post(SIMULATE)
      .set({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
      // As the bytes are: superagent would serialise a Buffer as JSON.
      .serialize((bytes) => bytes as string)
      .send(body);
    expect(response.status, response.text).toBe(200);
  });
});
