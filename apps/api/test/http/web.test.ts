import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import request, { type Response } from 'supertest';
import { overviewSchema } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { withBaseHref } from '../../src/http/staticWeb.ts';
import { createTestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const webRoot = mkdtempSync(join(tmpdir(), 'slicescope-web-'));
const INDEX = '<!doctype html><title>slicescope</title><script src="/assets/app-abc.js"></script>';
const SCRIPT = 'console.log("slicescope");';
mkdirSync(join(webRoot, 'assets'));
writeFileSync(join(webRoot, 'index.html'), INDEX);
writeFileSync(join(webRoot, 'assets', 'app-abc.js'), SCRIPT);
writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

const root = createTestDeps({ config: { webRoot } });
const rootApp = createApp(root.deps);
const based = createTestDeps({ config: { webRoot, basePath: '/slicescope' } });
const basedApp = createApp(based.deps);
const bare = createTestDeps({ config: { webRoot: join(webRoot, 'missing') } });
const bareApp = createApp(bare.deps);
afterAll(() => {
  for (const each of [root, based, bare]) each.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** The security headers of every response (watch-protocol.md §4.5). */
function expectSecurityHeaders(response: Response): void {
  const csp = response.headers['content-security-policy'] ?? '';
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(response.headers['x-powered-by']).toBeUndefined();
  for (const name of Object.keys(response.headers)) {
    expect(name.startsWith('access-control-')).toBe(false);
  }
}

describe('security headers', () => {
  it.each([
    ['GET', '/api/v1/overview'],
    ['GET', '/api/v1/services/shop/nope'],
    ['GET', '/api/v1/nope'],
    ['POST', '/api/v1/simulate'],
    ['GET', '/healthz'],
    ['GET', '/metrics'],
    ['GET', '/'],
    ['GET', '/assets/app-abc.js'],
    ['GET', '/services/shop/web'],
    ['OPTIONS', '/api/v1/overview'],
  ])('are on %s %s, with no CORS header even for a foreign Origin', async (method, path) => {
    const call = request(rootApp)[method.toLowerCase() as 'get'](path);
    const response = await call
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expectSecurityHeaders(response);
  });

  it('are on answers outside the base path too', async () => {
    const response = await request(basedApp).get('/api/v1/overview');
    expectApiError(response, 404, { code: 'not-found' });
    expectSecurityHeaders(response);
  });

  it('mark api answers, errors included, no-store', async () => {
    for (const path of ['/api/v1/overview', '/api/v1/services?limit=0', '/api/v1/nope']) {
      const response = await request(rootApp).get(path);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });
});

describe('the built web app', () => {
  it('serves index.html revalidated on every load', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await request(rootApp).get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(withBaseHref(INDEX, ''));
      expect(response.text).toContain('<base href="/">');
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const response = await request(rootApp).get('/assets/app-abc.js').expect(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.text).toBe(SCRIPT);
  });

  it('serves other files revalidated', async () => {
    const response = await request(rootApp).get('/favicon.svg').expect(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing asset with a 404 in the error shape, not index.html', async () => {
    // The path asked for, never the file on disk.
    const missing = await request(rootApp).get('/assets/app-old.js?v=1');
    expectApiError(missing, 404, { code: 'not-found', message: /^no file \/assets\/app-old\.js$/ });
  });

  it('answers other methods on assets in the error shape (not a bare 405)', async () => {
    for (const method of ['post', 'put', 'delete'] as const) {
      expectApiError(await request(rootApp)[method]('/assets/app-abc.js'), 404, {
        code: 'not-found',
      });
    }
  });

  it('honours ranges on files, and answers an unsatisfiable one as JSON, not as text/html', async () => {
    const part = await request(rootApp)
      .get('/assets/app-abc.js')
      .set('Range', 'bytes=0-6')
      .expect(206);
    expect(part.text).toBe(SCRIPT.slice(0, 7));
    for (const path of ['/favicon.svg', '/assets/app-abc.js']) {
      const response = await request(rootApp).get(path).set('Range', 'bytes=999999-');
      expectApiError(response, 416);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers index.html whole whatever the Range (it is made per request)', async () => {
    for (const path of ['/', '/index.html', '/services/shop/web']) {
      const response = await request(rootApp).get(path).set('Range', 'bytes=999999-').expect(200);
      expect(response.text).toBe(withBaseHref(INDEX, ''));
    }
  });

  it.each(['/services/shop/web', '/zones', '/simulate', '/apis', '/api-docs'])(
    'gives the app its own route %s (index.html)',
    async (path) => {
      const response = await request(rootApp).get(path).expect(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(withBaseHref(INDEX, ''));
    },
  );

  it('never answers an api path with index.html', async () => {
    for (const path of ['/api', '/api/', '/api/v1/nope', '/api/v2/overview']) {
      expectApiError(await request(rootApp).get(path), 404, { code: 'not-found' });
    }
    expectApiError(await request(rootApp).post('/services/shop/web'), 404, {
      code: 'not-found',
    });
  });

  it('never serves files outside the web root', async () => {
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await request(rootApp).get(path);
      expect(response.status, path).toBeLessThan(500);
      expect(response.text).not.toContain('"name"');
    }
  });

  it('is not served when index.html is missing', async () => {
    expectApiError(await request(bareApp).get('/'), 404, { code: 'not-found' });
    expectApiError(await request(bareApp).get('/services/shop/web'), 404, {
      code: 'not-found',
    });
  });
});

describe('withBaseHref', () => {
  it('puts the base element first in head, keeping its attributes', () => {
    expect(withBaseHref('<html><head lang="en"><title>x</title></head></html>', '/a')).toBe(
      '<html><head lang="en"><base href="/a/"><title>x</title></head></html>',
    );
  });

  it('escapes what would end the attribute', () => {
    expect(withBaseHref('<head></head>', '/a"b&c')).toBe(
      '<head><base href="/a&quot;b&amp;c/"></head>',
    );
  });

  it('prepends the element to a document without head', () => {
    expect(withBaseHref('<title>x</title>', '')).toBe('<base href="/"><title>x</title>');
  });
});

describe('a base path', () => {
  it('moves the api, probes, metrics and web under it', async () => {
    const overview = await request(basedApp).get('/slicescope/api/v1/overview').expect(200);
    overviewSchema.parse(overview.body);
    await request(basedApp).get('/slicescope/healthz').expect(200, 'ok');
    await request(basedApp).get('/slicescope/readyz').expect(200, 'ok');
    await request(basedApp).get('/slicescope/metrics').expect(200);
    for (const path of [
      '/slicescope/',
      '/slicescope/index.html',
      '/slicescope/services/shop/web',
    ]) {
      const index = await request(basedApp).get(path).expect(200);
      expect(index.text).toBe(withBaseHref(INDEX, '/slicescope'));
      expect(index.text).toContain('<base href="/slicescope/">');
    }
    const asset = await request(basedApp).get('/slicescope/assets/app-abc.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it.each(['/api/v1/overview', '/healthz', '/metrics', '/', '/slicescopex/api/v1/overview'])(
    'answers %s outside it with a 404',
    async (path) => {
      expectApiError(await request(basedApp).get(path), 404, { code: 'not-found' });
    },
  );

  it('answers an unknown api path under it with a 404 in the error shape', async () => {
    expectApiError(await request(basedApp).get('/slicescope/api/v1/nope'), 404, {
      code: 'not-found',
    });
  });
});
