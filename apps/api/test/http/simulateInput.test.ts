import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { apiErrorSchema, loadShippedScenario } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

/** What a simulate request says wrong, and how: empty bodies, odd keys, numbers, paths. */

const SIMULATE = '/api/v1/simulate';
const test = createTestDeps({ config: { maxSimulateBytes: 64 * 1024, maxSimulatePods: 8 } });
const app = createApp(test.deps);
let server: Server;
beforeAll(async () => {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await test.close();
});

/** A request written on the socket as is: Node's client would add a Content-Length. */
function rawRequest(head: string, body = ''): Promise<{ status: number; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n${body}`));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [header = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(header.split(' ')[1]), body });
    });
  });
}

const EMPTY = /^body: is empty; send a JSON object holding one of scenario, quick or service/;

describe('an empty JSON body', () => {
  it('of no bytes is refused as empty, saying what it must hold', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send('');
    expectApiError(response, 400, { code: 'invalid-request', field: 'body', message: EMPTY });
    const snapshot = await request(app)
      .post(`${SIMULATE}/snapshot`)
      .set('Content-Type', 'application/json');
    expectApiError(snapshot, 400, {
      field: 'body',
      message: /, and snapshot \(docs\/simulate\.md\)$/,
    });
  });

  it('of whitespace only is refused as empty, not as bad JSON', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(' \r\n\t ');
    expectApiError(response, 400, { code: 'invalid-request', field: 'body', message: EMPTY });
  });

  it('of no body at all (no Content-Length) is refused as empty, not as no JSON (415)', async () => {
    const response = await rawRequest(
      [
        `POST ${SIMULATE} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        'Connection: close',
      ].join('\r\n'),
    );
    expect(response.status).toBe(400);
    const { error } = apiErrorSchema.parse(JSON.parse(response.body));
    expect(error).toMatchObject({ code: 'invalid-request', field: 'body' });
    expect(error.message).toMatch(EMPTY);
  });
});

describe('a request without a body and without a Content-Type', () => {
  it('is refused as empty, as an empty JSON body is, not as no JSON (415)', async () => {
    // Node's client, as browsers do, sends `Content-Length: 0` for a POST without a body.
    const response = await request(app).post(SIMULATE);
    expectApiError(response, 400, { code: 'invalid-request', field: 'body', message: EMPTY });
    const snapshot = await request(app).post(`${SIMULATE}/snapshot`);
    expectApiError(snapshot, 400, {
      field: 'body',
      message: /, and snapshot \(docs\/simulate\.md\)$/,
    });
  });

  it('is refused as empty with no Content-Length either', async () => {
    const response = await rawRequest(
      [`POST ${SIMULATE} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'].join('\r\n'),
    );
    expect(response.status).toBe(400);
    const { error } = apiErrorSchema.parse(JSON.parse(response.body));
    expect(error).toMatchObject({ code: 'invalid-request', field: 'body' });
    expect(error.message).toMatch(EMPTY);
  });

  it('but with a body is still refused as no JSON (415)', async () => {
    const body = JSON.stringify({ quick: { pods: 3, nodes: 2, operation: 'create' } });
    const response = await rawRequest(
      [
        `POST ${SIMULATE} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Content-Length: ${body.length}`,
        'Connection: close',
      ].join('\r\n'),
      body,
    );
    expect(response.status).toBe(415);
    const { error } = apiErrorSchema.parse(JSON.parse(response.body));
    expect(error).toMatchObject({ code: 'unsupported-media-type', field: 'body' });
  });
});

describe('a scenario with a "__proto__" key', () => {
  it('is refused naming the key, as an unknown field of the scenario', async () => {
    const scenario = JSON.stringify(loadShippedScenario('small'));
    const body = `{"scenario":${scenario.replace(/^\{/, '{"__proto__":{"x":1},')}}`;
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(body);
    expectApiError(response, 400, {
      code: 'invalid-scenario',
      field: 'body.scenario.__proto__',
      message: /: unknown field; expected one of name, /,
    });
    // A value that is no object would not even become a prototype: it vanished, unseen.
    const number = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(`{"scenario":${scenario.replace(/^\{/, '{"__proto__":1,')}}`);
    expectApiError(number, 400, { field: 'body.scenario.__proto__' });
  });
});

describe('values in messages', () => {
  it.each([
    ['{"quick":{"pods":1e23,"nodes":2,"operation":"create"}}', 'body.quick.pods'],
    ['{"quick":{"pods":1,"nodes":2,"operation":"create"},"seed":-1E+23}', 'body.seed'],
    [
      '{"scenario":{"name":"x","cluster":{"zones":[{"name":"a","nodes":1e23}]}}}',
      'body.scenario.cluster.zones[0].nodes',
    ],
  ])('a huge number is quoted as written: %s', async (body, field) => {
    const response = await request(app)
      .post(SIMULATE)
      .set('Content-Type', 'application/json')
      .send(body);
    const error = expectApiError(response, 400, { field, message: /\(got -?1e23\)$/ });
    expect(error.message).not.toContain('e+');
  });

  it('a shortcut field is named as a scenario field is: events[0], not events.0', async () => {
    const response = await request(app)
      .post(SIMULATE)
      .send({ service: { pods: 3, nodes: 3, events: [{ at: 1, type: 'explode' }] } });
    expectApiError(response, 400, { field: 'body.service.events[0].type' });
  });
});
