import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { overviewSchema } from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps, WEB_PODS, webSlice } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const test = createTestDeps({ ready: false });
const app = createApp(test.deps);
afterAll(() => test.close());

/** The value of one sample line of the Prometheus text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((each) => each.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('probes', () => {
  it('/healthz answers while the informers are not ready', async () => {
    const response = await request(app).get('/healthz').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toBe('ok');
  });

  it('/readyz is 503 with the reasons until every informer listed, then 200', async () => {
    test.setReady(false);
    const waiting = await request(app).get('/readyz').expect(503);
    expect(waiting.headers['content-type']).toMatch(/^text\/plain/);
    expect(waiting.text).toBe('not ready\nEndpointSlice: listing\n');
    const overview = overviewSchema.parse((await request(app).get('/api/v1/overview')).body);
    expect(overview.ready).toBe(false);

    test.sinks.Pod.status({
      kind: 'Pod',
      namespace: 'shop',
      phase: 'backoff',
      synced: false,
      since: 0,
      resourceVersion: '',
      lists: 0,
      watches: 0,
      events: 0,
      lastError: { reason: 'forbidden', code: 403, message: 'list pods in shop: forbidden' },
    });
    const reasons = await request(app).get('/readyz').expect(503);
    expect(reasons.text.split('\n')).toEqual(
      expect.arrayContaining([
        'EndpointSlice: listing',
        'Pod in shop: list pods in shop: forbidden',
      ]),
    );

    test.setReady(true);
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.text).toBe('ok');
    expect(overviewSchema.parse((await request(app).get('/api/v1/overview')).body).ready).toBe(
      true,
    );
  });

  it('only answers GET', async () => {
    expectApiError(await request(app).post('/readyz'), 405, { code: 'method-not-allowed' });
  });
});

describe('/metrics', () => {
  it('exposes the informers, ingestion, streams and request latency by route pattern', async () => {
    await request(app).get('/api/v1/services/shop/web').expect(200);
    await request(app).get('/api/v1/services/shop/nope').expect(404);
    test.sinks.EndpointSlice.event('MODIFIED', webSlice(WEB_PODS.slice(1), test.nextRv()));
    test.hub.flush();

    const response = await request(app).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.text;
    expect(sample(text, 'slicescope_informer_synced{kind="Service",namespace=""}')).toBe(1);
    expect(
      sample(text, 'slicescope_informer_phase{kind="Service",namespace="",phase="watching"}'),
    ).toBe(1);
    expect(
      sample(text, 'slicescope_informer_phase{kind="Service",namespace="",phase="backoff"}'),
    ).toBe(0);
    expect(sample(text, 'slicescope_events_ingested_total{kind="Pod"}')).toBe(7);
    expect(sample(text, 'slicescope_events_ingested_total{kind="EndpointSlice"}')).toBe(5);
    expect(sample(text, 'slicescope_sse_clients')).toBe(0);
    expect(sample(text, 'slicescope_stream_batch_changes_count')).toBeGreaterThanOrEqual(2);
    expect(
      sample(
        text,
        'slicescope_http_request_duration_seconds_count{route="/api/v1/services/:namespace/:name",method="GET",status="200"}',
      ),
    ).toBe(1);
    // Service names never become label values (cardinality, and they are data).
    expect(text).not.toContain('shop/web');
    expect(text).not.toContain('shop/nope');
    // The registry is the api's own: no default process metrics were asked for.
    expect(text).not.toContain('process_cpu');
  });

  it('labels requests by route pattern whatever the spelling of the path', async () => {
    for (const path of ['/API/V1/overview', '/Api/v1/Overview', '/api/V1/OVERVIEW']) {
      await request(app).get(path).expect(200);
    }
    const text = (await request(app).get('/metrics').expect(200)).text;
    const routes = new Set(text.match(/route="[^"]*"/g));
    expect(routes).toContain('route="/api/v1/overview"');
    expect([...routes].filter((route) => route !== route.toLowerCase())).toEqual([]);
  });
});
