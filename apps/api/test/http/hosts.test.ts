import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const test = createTestDeps({ config: { allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] } });
const app = createApp(test.deps);
afterAll(() => test.close());

describe('a loopback api without a token answers only loopback Host names', () => {
  it.each(['127.0.0.1:8080', 'localhost', 'LOCALHOST:1', '[::1]:8080'])(
    'answers Host %s',
    async (host) => {
      const response = await request(app).get('/api/v1/overview').set('Host', host);
      expect(response.status).toBe(200);
      expect(response.headers['permissions-policy']).toMatch(/camera=\(\)/);
    },
  );

  it.each(['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', '[::2]:80', ''])(
    'refuses Host %j (DNS rebinding)',
    async (host) => {
      const response = await request(app).get('/api/v1/overview').set('Host', host);
      expectApiError(response, 403, { code: 'forbidden-host', message: /is not served here/ });
    },
  );

  it.each(['/healthz', '/readyz'])(
    'answers %s on any Host: kubelet probes a pod by its IP',
    async (path) => {
      const response = await request(app).get(path).set('Host', '10.244.1.7:8080');
      expect(response.status).not.toBe(403);
      expect([200, 503]).toContain(response.status);
    },
  );
});
