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
    'answers %s on an IP Host: kubelet probes a pod by its IP',
    async (path) => {
      for (const host of ['10.244.1.7:8080', '[fd00::7]:8080']) {
        const response = await request(app).get(path).set('Host', host);
        // The test cluster has listed: ready.
        expect(response.status).toBe(200);
      }
    },
  );

  it.each(['/healthz', '/readyz'])(
    'refuses %s to a foreign host name: /readyz names the informers and their errors',
    async (path) => {
      const response = await request(app).get(path).set('Host', 'evil.example');
      expectApiError(response, 403, { code: 'forbidden-host' });
    },
  );

  it('answers nothing else on an IP Host', async () => {
    const response = await request(app).get('/api/v1/overview').set('Host', '10.244.1.7:8080');
    expectApiError(response, 403, { code: 'forbidden-host' });
  });
});
