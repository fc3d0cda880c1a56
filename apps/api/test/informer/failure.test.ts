import { describe, expect, it } from 'vitest';
import { httpFailure, inBandFailure, transportFailure } from '../../src/informer/failure.ts';
import { TransportError, type Reply } from '../../src/informer/transport.ts';
import type { InformerTarget } from '../../src/informer/types.ts';

const slices: InformerTarget = {
  kind: 'EndpointSlice',
  path: '/apis/discovery.k8s.io/v1/endpointslices',
};
const shopPods: InformerTarget = {
  kind: 'Pod',
  path: '/api/v1/namespaces/shop/pods',
  namespace: 'shop',
};

function reply(status: number, body: object | string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers,
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

describe('error classification (watch-protocol.md §2.7 item 3)', () => {
  it.each([
    [410, 'expired', true, 'now'],
    [429, 'throttled', false, 'retry-after'],
    [500, 'server-error', false, 'backoff'],
    [502, 'server-error', false, 'backoff'],
    [503, 'server-error', false, 'retry-after'],
    [504, 'server-error', false, 'retry-after'],
    [401, 'unauthorized', false, 'slow'],
    [403, 'forbidden', false, 'slow'],
    [404, 'not-found', false, 'slow'],
    [422, 'rejected', false, 'slow'],
  ])('HTTP %i → %s, relist %s, retry %s', (status, reason, relist, retry) => {
    const failure = httpFailure(slices, 'watch', reply(status, ''));
    expect([failure.error.reason, failure.relist, failure.retry]).toEqual([reason, relist, retry]);
    expect(failure.error.code).toBe(status);
  });

  it('names kind, verb and scope, and never the upstream message', () => {
    const body = {
      kind: 'Status',
      code: 403,
      reason: 'Forbidden',
      message:
        'endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:x:y" cannot list',
    };
    expect(httpFailure(slices, 'list', reply(403, body)).error.message).toBe(
      'cannot list endpointslices cluster-wide: 403 Forbidden',
    );
    expect(
      httpFailure(shopPods, 'watch', reply(401, 'Unauthorized Bearer abc')).error.message,
    ).toBe('cannot watch pods in namespace "shop": 401 Unauthorized');
  });

  it('takes Retry-After from the header, else from details.retryAfterSeconds', () => {
    const body = { code: 429, reason: 'TooManyRequests', details: { retryAfterSeconds: 2 } };
    expect(
      httpFailure(slices, 'watch', reply(429, body, { 'retry-after': '5' })).retryAfterMs,
    ).toBe(5000);
    expect(httpFailure(slices, 'watch', reply(429, body)).retryAfterMs).toBe(2000);
    expect(httpFailure(slices, 'watch', reply(503, 'busy')).retryAfterMs).toBeUndefined();
  });

  it('classifies in-band ERROR events by code and reason', () => {
    expect(inBandFailure(slices, { code: 410, reason: 'Expired' }).error.message).toBe(
      'cannot watch endpointslices cluster-wide: 410 Gone (Expired)',
    );
    expect(inBandFailure(slices, { reason: 'Gone' }).relist).toBe(true);
    expect(inBandFailure(slices, { code: 429, retryAfterSeconds: 1 }).retryAfterMs).toBe(1000);
    expect(inBandFailure(slices, { code: 500 })).toMatchObject({ relist: false, retry: 'backoff' });
  });

  it('turns transport errors into network, inactive and credentials failures', () => {
    const refused = transportFailure(
      slices,
      'list',
      new TransportError('network', 'ECONNREFUSED'),
      1000,
    );
    expect(refused.error).toEqual({
      reason: 'network',
      message: 'cannot list endpointslices cluster-wide: connection refused',
    });
    const quiet = transportFailure(slices, 'watch', new TransportError('inactive'), 120_000);
    expect(quiet.error.message).toBe(
      'cannot watch endpointslices cluster-wide: no bytes for 120 s',
    );
    const creds = transportFailure(
      slices,
      'watch',
      new TransportError('credentials', 'EACCES'),
      1000,
    );
    expect(creds.error).toEqual({
      reason: 'credentials',
      message: 'cannot watch endpointslices cluster-wide: could not get credentials (EACCES)',
    });
    expect([refused.relist, quiet.relist, creds.relist]).toEqual([false, false, false]);
  });
});
