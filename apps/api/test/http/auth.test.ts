import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { overviewSchema } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const TOKEN = 'correct horse battery staple';

const test = createTestDeps({ config: { token: TOKEN } });
const app = createApp(test.deps);
const based = createTestDeps({ config: { token: TOKEN, basePath: '/slicescope' } });
const basedApp = createApp(based.deps);
const open = createTestDeps();
const openApp = createApp(open.deps);
afterAll(() => {
  for (const each of [test, based, open]) each.close();
});

const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/** The session cookie's `name=value` and its attributes, from a Set-Cookie header. */
function sessionCookie(header: string[] | string | undefined): {
  pair: string;
  attributes: string[];
} {
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [header];
  expect(cookies).toHaveLength(1);
  const [pair = '', ...attributes] = (cookies[0] ?? '').split(';').map((part) => part.trim());
  return { pair, attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

describe('with a token', () => {
  it.each([
    '/api/v1/overview',
    '/api/v1/services',
    '/api/v1/services/shop/web',
    '/api/v1/stream',
    '/api/v1/nope',
    '/api/other',
    '/metrics',
  ])('GET %s needs it', async (path) => {
    const response = await request(app).get(path);
    expectApiError(response, 401, { code: 'unauthorized' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['a wrong bearer', bearer('wrong')],
    ['a bearer with a suffix', bearer(`${TOKEN}x`)],
    ['an empty bearer', ['Authorization', 'Bearer ']],
    ['basic auth', ['Authorization', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`]],
    ['the token without a scheme', ['Authorization', TOKEN]],
    ['a wrong cookie', ['Cookie', 'slicescope_token=wrong']],
    ['a cookie of another name', ['Cookie', `token=${encodeURIComponent(TOKEN)}`]],
    ['a malformed cookie', ['Cookie', 'slicescope_token=%E0%A4%A']],
  ] as const)('refuses %s', async (_label, [name, value]) => {
    const response = await request(app).get('/api/v1/overview').set(name, value);
    expectApiError(response, 401, { code: 'unauthorized' });
  });

  it('accepts the right bearer token on the api and metrics', async () => {
    const response = await request(app)
      .get('/api/v1/overview')
      .set(...bearer(TOKEN))
      .expect(200);
    overviewSchema.parse(response.body);
    await request(app)
      .get('/metrics')
      .set(...bearer(TOKEN))
      .expect(200);
  });

  it('keeps the probes open', async () => {
    await request(app).get('/healthz').expect(200, 'ok');
    await request(app).get('/readyz').expect(200, 'ok');
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie that opens the api', async () => {
    const response = await request(app).post('/api/v1/session').send({ token: TOKEN }).expect(204);
    expect(response.headers['cache-control']).toBe('no-store');
    const cookie = sessionCookie(response.headers['set-cookie']);
    expect(cookie.pair).toBe(`slicescope_token=${encodeURIComponent(TOKEN)}`);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']),
    );
    // Plain http here; behind TLS the cookie is Secure as well.
    expect(cookie.attributes).not.toContain('secure');

    const overview = await request(app)
      .get('/api/v1/overview')
      .set('Cookie', `theme=dark; ${cookie.pair}`)
      .expect(200);
    overviewSchema.parse(overview.body);
    await request(app).get('/metrics').set('Cookie', cookie.pair).expect(200);
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const response = await request(app)
      .post('/api/v1/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ token: TOKEN })
      .expect(204);
    expect(sessionCookie(response.headers['set-cookie']).attributes).toContain('secure');
  });

  it("believes X-Forwarded-Proto from private networks and the auth proxy's own", () => {
    type TrustFn = (address: string, hop: number) => boolean;
    const trusts = (cidrs: string[] | undefined): TrustFn => {
      const deps = createTestDeps({
        config: cidrs ? { authProxy: { header: 'X-Forwarded-User', cidrs } } : {},
      });
      const trust = createApp(deps.deps).get('trust proxy fn') as TrustFn;
      void deps.close();
      return trust;
    };
    const plain = trusts(undefined);
    expect(['127.0.0.1', '10.1.2.3', 'fd00::1'].map((address) => plain(address, 0))).toEqual([
      true,
      true,
      true,
    ]);
    expect(plain('100.64.1.2', 0)).toBe(false);
    // As --auth-proxy-cidr takes them: a /0 and spaces, which Express's own parser refuses.
    expect(trusts(['0.0.0.0/0'])('203.0.113.9', 0)).toBe(true);
    const behindProxy = trusts([' 100.64.0.0/10', '2001:db8::/32']);
    expect(behindProxy('100.64.1.2', 0)).toBe(true);
    expect(behindProxy('2001:db8::7', 0)).toBe(true);
    expect(behindProxy('203.0.113.9', 0)).toBe(false);
  });

  it('refuses a wrong token for the session, naming the field, and sets no cookie', async () => {
    const response = await request(app).post('/api/v1/session').send({ token: 'wrong' });
    expectApiError(response, 401, { code: 'unauthorized', field: 'body.token' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    [{}, 'body.token'],
    [{ token: '' }, 'body.token'],
    [{ token: 5 }, 'body.token'],
    [{ token: TOKEN, remember: true }, 'body.remember'],
  ])('answers 400 for the session body %j', async (body, field) => {
    const response = await request(app).post('/api/v1/session').send(body);
    expectApiError(response, 400, { code: 'invalid-request', field });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('answers 400 for a session body that is not JSON, and 413 for a huge one', async () => {
    const broken = await request(app)
      .post('/api/v1/session')
      .set('Content-Type', 'application/json')
      .send('{"token":');
    expectApiError(broken, 400, { code: 'invalid-json' });
    const huge = await request(app)
      .post('/api/v1/session')
      .send({ token: 'x'.repeat(10_000) });
    expectApiError(huge, 413, { code: 'too-large' });
  });

  it('scopes the cookie to the base path', async () => {
    const response = await request(basedApp)
      .post('/slicescope/api/v1/session')
      .send({ token: TOKEN })
      .expect(204);
    const cookie = sessionCookie(response.headers['set-cookie']);
    expect(cookie.attributes).toContain('path=/slicescope');
    await request(basedApp)
      .get('/slicescope/api/v1/overview')
      .set('Cookie', cookie.pair)
      .expect(200);
    expectApiError(await request(basedApp).get('/slicescope/api/v1/overview'), 401, {
      code: 'unauthorized',
    });
  });
});

describe('without a token', () => {
  it('serves the api to anyone and has no session route', async () => {
    await request(openApp).get('/api/v1/overview').expect(200);
    await request(openApp).get('/metrics').expect(200);
    expectApiError(await request(openApp).post('/api/v1/session').send({ token: TOKEN }), 404, {
      code: 'not-found',
    });
  });
});
