import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import type { AppConfig } from '../../src/http/deps.ts';
import { createTestDeps, type TestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const HEADER = 'X-Forwarded-User';
const TOKEN = 'a-static-token-for-scripts';
/** supertest connects over loopback: these networks make its peer trusted or not. */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];
const ELSEWHERE = ['10.0.0.0/8'];

const opened: TestDeps[] = [];
afterAll(() => opened.forEach((each) => each.close()));

/** An app with `config` whose log lines are kept in `logs`. */
function appWith(config: Partial<AppConfig>) {
  const test = createTestDeps({ config });
  opened.push(test);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  return { app: createApp({ ...test.deps, logger }), logs };
}

describe('behind an auth proxy (the proxy connects from a trusted network)', () => {
  const { app, logs } = appWith({ authProxy: { header: HEADER, cidrs: LOOPBACK } });

  it('lets in a request that names its user, and logs the user once at info', async () => {
    await request(app).get('/api/v1/overview').set(HEADER, 'ada@example.com').expect(200);
    await request(app).get('/api/v1/services').set(HEADER, 'ada@example.com').expect(200);
    await request(app).get('/metrics').set(HEADER, 'ada@example.com').expect(200);
    const signedIn = logs.filter((line) => line.msg === 'user signed in through the auth proxy');
    expect(signedIn).toEqual([expect.objectContaining({ user: 'ada@example.com', level: 30 })]);
    expect(logs.filter((line) => line.msg === 'request')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'ada@example.com', path: '/api/v1/services', level: 20 }),
      ]),
    );
  });

  it.each([
    ['no user header', {}],
    ['an empty user', { [HEADER]: '' }],
    ['a user with a control character', { [HEADER]: 'ada\tforged' }],
    ['an overlong user', { [HEADER]: 'x'.repeat(300) }],
    ['a bearer token instead (none is configured)', { Authorization: `Bearer ${TOKEN}` }],
  ])('answers 401 in the one error shape for %s', async (_label, headers) => {
    for (const path of ['/api/v1/overview', '/api/v1/stream', '/api/nope', '/metrics']) {
      const response = await request(app).get(path).set(headers);
      expectApiError(response, 401, {
        code: 'unauthorized',
        message: /X-Forwarded-User/,
        field: 'headers.x-forwarded-user',
      });
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses the user header sent twice (a proxy that appends instead of replacing)', async () => {
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const headers = { [HEADER]: ['mallory', 'ada@example.com'] };
      const [response] = (await once(
        get({ host: '127.0.0.1', port, path: '/api/v1/overview', headers }),
        'response',
      )) as [IncomingMessage];
      response.resume();
      expect(response.statusCode).toBe(401);
    } finally {
      server.close();
    }
  });

  it('keeps the probes open and has no session route', async () => {
    await request(app).get('/healthz').expect(200, 'ok');
    await request(app).get('/readyz').expect(200, 'ok');
    const session = await request(app).post('/api/v1/session').send({ token: TOKEN });
    expectApiError(session, 401, { code: 'unauthorized' });
  });
});

describe('a user header from anywhere else', () => {
  const { app, logs } = appWith({ authProxy: { header: HEADER, cidrs: ELSEWHERE } });

  it('is not believed, whatever X-Forwarded-For claims', async () => {
    const response = await request(app)
      .get('/api/v1/overview')
      .set(HEADER, 'ada@example.com')
      .set('X-Forwarded-For', '10.1.2.3')
      .set('X-Real-IP', '10.1.2.3');
    expectApiError(response, 401, {
      code: 'unauthorized',
      message: /sign in through the authenticating proxy/,
    });
    expect(logs.some((line) => line.user !== undefined)).toBe(false);
  });
});

describe('an auth proxy and a token together', () => {
  const direct = appWith({ token: TOKEN, authProxy: { header: HEADER, cidrs: ELSEWHERE } });
  const proxied = appWith({ token: TOKEN, authProxy: { header: HEADER, cidrs: LOOPBACK } });

  it('lets in scripts with the token from anywhere', async () => {
    await request(direct.app)
      .get('/api/v1/overview')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    const session = await request(direct.app)
      .post('/api/v1/session')
      .send({ token: TOKEN })
      .expect(204);
    const cookie = String(session.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    await request(direct.app).get('/api/v1/overview').set('Cookie', cookie).expect(200);
  });

  it('lets in people through the proxy without the token', async () => {
    await request(proxied.app).get('/api/v1/overview').set(HEADER, 'ada').expect(200);
  });

  it('refuses a user header from elsewhere and a wrong token', async () => {
    const response = await request(direct.app)
      .get('/api/v1/overview')
      .set(HEADER, 'ada')
      .set('Authorization', 'Bearer wrong');
    expectApiError(response, 401, {
      code: 'unauthorized',
      message: /or send the token/,
      field: 'headers.authorization',
    });
    // The token is never logged, even when it was wrong.
    const logged = JSON.stringify([...direct.logs, ...proxied.logs]);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain('wrong');
  });
});
