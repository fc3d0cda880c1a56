import { afterAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { z } from 'zod';
import {
  historySchema,
  slicesAt,
  nodeListSchema,
  nodeServicesSchema,
  overviewSchema,
  podDetailSchema,
  proxyViewSchema,
  serviceAnalysisSchema,
  serviceDetailSchema,
  serviceListSchema,
  zoneSummarySchema,
} from '@slicescope/contract';
import { createApp } from '../../src/http/app.ts';
import { createTestDeps, SERVICES, WEB_PODS, webSlice } from '../support/appDeps.ts';
import { expectApiError } from './helpers.ts';

const test = createTestDeps();
const app = createApp(test.deps);
afterAll(() => test.close());

const API = '/api/v1';
const names = (body: { items: { namespace: string; name: string }[] }): string[] =>
  body.items.map((item) => `${item.namespace}/${item.name}`);

describe('GET /api/v1/overview', () => {
  it('counts the model and ranks the Services', async () => {
    const response = await request(app).get(`${API}/overview`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const overview = overviewSchema.parse(response.body);
    expect(overview.ready).toBe(true);
    expect(overview.source).toMatchObject({ kind: 'demo', pods: true });
    expect(overview.counts).toEqual({ services: 4, slices: 4, endpoints: 7, pods: 7, nodes: 4 });
    expect(overview.informers.map((status) => status.kind).sort()).toEqual([
      'EndpointSlice',
      'Endpoints',
      'Node',
      'Pod',
      'Service',
    ]);
    expect(overview.informers.every((status) => status.synced)).toBe(true);
    expect(overview.top.byEndpoints).toEqual([
      { namespace: 'shop', name: 'web', value: 3 },
      { namespace: 'data', name: 'db', value: 2 },
      { namespace: 'shop', name: 'api', value: 2 },
    ]);
    expect(overview.top.bySlices[0]).toEqual({ namespace: 'shop', name: 'api', value: 2 });
    expect(overview.top.byChurn).toEqual([]);
  });
});

describe('GET /api/v1/services', () => {
  it('lists every Service by name by default', async () => {
    const response = await request(app).get(`${API}/services`).expect(200);
    const list = serviceListSchema.parse(response.body);
    expect(names(list)).toEqual([...SERVICES]);
    expect(list).toMatchObject({ total: 4, offset: 0, limit: 50 });
    const db = list.items.find((item) => item.name === 'db');
    expect(db?.flags).toContain('truncated');
  });

  it.each([
    ['namespace=shop', ['shop/api', 'shop/empty', 'shop/web']],
    ['q=WEB', ['shop/web']],
    ['q=data/', ['data/db']],
    ['flag=fragmented', ['shop/api']],
    ['flag=terminating', ['shop/api']],
    ['flag=no-endpoints', ['shop/empty']],
    ['flag=truncated', ['data/db']],
    ['sort=endpoints&order=desc', ['shop/web', 'shop/api', 'data/db', 'shop/empty']],
    ['sort=slices&order=desc&limit=1', ['shop/api']],
    ['sort=fragmentation&order=desc&limit=1', ['shop/api']],
    ['sort=churn', [...SERVICES]],
    ['order=desc', [...SERVICES].reverse()],
    ['limit=2&offset=1', ['shop/api', 'shop/empty']],
    ['offset=10', []],
  ])('?%s', async (query, expected) => {
    const response = await request(app).get(`${API}/services?${query}`).expect(200);
    const list = serviceListSchema.parse(response.body);
    expect(names(list)).toEqual(expected);
  });

  it('reports the total before paging', async () => {
    const response = await request(app).get(`${API}/services?limit=1&offset=2`).expect(200);
    expect(serviceListSchema.parse(response.body)).toMatchObject({
      total: 4,
      offset: 2,
      limit: 1,
    });
  });

  it.each([
    ['limit=0', 'query.limit', 'must be at least 1'],
    ['limit=501', 'query.limit', 'must be at most 500'],
    ['limit=abc', 'query.limit', 'must be a number'],
    ['limit=1.5', 'query.limit', 'must be a whole number'],
    ['offset=-1', 'query.offset', 'must be at least 0'],
    ['sort=size', 'query.sort'],
    ['order=up', 'query.order'],
    ['flag=broken', 'query.flag'],
    ['namespace=a&namespace=b', 'query.namespace'],
    ['q[a]=b', 'query.q'],
    [`q=${'x'.repeat(254)}`, 'query.q'],
    ['bogus=1', 'query.bogus'],
    ['limit=5&bogus[deep]=1', 'query.bogus'],
  ])('?%s is a 400 naming %s', async (query, field, rule?: string) => {
    const response = await request(app).get(`${API}/services?${query}`);
    const error = expectApiError(response, 400, { code: 'invalid-request', field });
    if (rule !== undefined) expect(error.message).toBe(`${field}: ${rule}`);
  });
});

describe('GET /api/v1/services/:namespace/:name', () => {
  it('leaves the slices out when asked (?slices=false), with the same summary', async () => {
    const full = serviceDetailSchema.parse(
      (await request(app).get(`${API}/services/shop/web`).expect(200)).body,
    );
    const bare = serviceDetailSchema.parse(
      (await request(app).get(`${API}/services/shop/web?slices=false`).expect(200)).body,
    );
    expect(bare.slices).toEqual([]);
    expect(bare.summary).toEqual(full.summary);
    expect(bare.spec).toEqual(full.spec);
  });

  it.each(['?slices=no', '?slice=false'])('names the bad query field of %s', async (query) => {
    const response = await request(app).get(`${API}/services/shop/web${query}`);
    expectApiError(response, 400, { code: 'invalid-request' });
    expect(response.body.error.field).toMatch(/^query/);
  });

  it('details a Service, its spec and its slices', async () => {
    const response = await request(app).get(`${API}/services/shop/web`).expect(200);
    const detail = serviceDetailSchema.parse(response.body);
    expect(detail.summary).toMatchObject({
      namespace: 'shop',
      name: 'web',
      endpoints: 3,
      ready: 3,
      slices: 1,
      idealSlices: 1,
      zones: 2,
      clusterIPs: ['10.96.0.10'],
      flags: [],
      labels: { app: 'web', team: 'shop' },
    });
    expect(detail.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
      ipFamilies: ['IPv4'],
      internalTrafficPolicy: 'Cluster',
      publishNotReadyAddresses: false,
    });
    expect(detail.slices).toHaveLength(1);
    expect(detail.slices[0]).toMatchObject({
      name: 'web-abc12',
      service: 'web',
      managedBy: 'endpointslice-controller.k8s.io',
      addressType: 'IPv4',
    });
    expect(detail.slices[0]?.endpoints.map((endpoint) => endpoint.pod)).toEqual([
      'web-1',
      'web-2',
      'web-3',
    ]);
  });

  it('never sends what the projection drops (annotations, env)', async () => {
    const response = await request(app).get(`${API}/services/shop/web`).expect(200);
    expect(response.text).not.toContain('last-applied-configuration');
    expect(response.text).not.toContain('never-shown');
  });

  it('answers 404 for an unknown Service', async () => {
    const response = await request(app).get(`${API}/services/shop/nope`);
    expectApiError(response, 404, { code: 'not-found', message: /shop\/nope/ });
  });

  it.each([
    ['Shop/web', 'params.namespace'],
    ['shop/web_1', 'params.name'],
    [`shop/${'a'.repeat(64)}`, 'params.name'],
    ['-shop/web', 'params.namespace'],
    ['shop/%C3%A9', 'params.name'],
  ])('/services/%s is a 400 naming %s', async (path, field) => {
    const response = await request(app).get(`${API}/services/${path}`);
    expectApiError(response, 400, { code: 'invalid-request', field });
  });
});

describe('GET /api/v1/services/:namespace/:name/analysis', () => {
  it('analyses a fragmented Service with a terminating endpoint', async () => {
    const response = await request(app).get(`${API}/services/shop/api/analysis`).expect(200);
    const analysis = serviceAnalysisSchema.parse(response.body);
    expect(analysis.fragmentation).toMatchObject({
      endpoints: 2,
      actualSlices: 2,
      idealSlices: 1,
      fragmented: true,
    });
    expect(analysis.terminating).toMatchObject({ count: 1, servingCount: 1 });
    expect(analysis.drift.controllerSlices).toBe(2);
  });

  it('sees the truncated Endpoints object', async () => {
    const response = await request(app).get(`${API}/services/data/db/analysis`).expect(200);
    const analysis = serviceAnalysisSchema.parse(response.body);
    expect(JSON.stringify(analysis.endpoints)).toMatch(/truncat/i);
  });

  it('answers 404 and 400 like the detail', async () => {
    expectApiError(await request(app).get(`${API}/services/data/nope/analysis`), 404, {
      code: 'not-found',
    });
    expectApiError(await request(app).get(`${API}/services/DATA/db/analysis`), 400, {
      field: 'params.namespace',
    });
  });
});

describe('GET /api/v1/services/:namespace/:name/proxy/:node', () => {
  it('shows where kube-proxy on a node sends the traffic', async () => {
    const response = await request(app).get(`${API}/services/shop/web/proxy/node-a1`).expect(200);
    const view = proxyViewSchema.parse(response.body);
    expect(view.proxied).toBe(true);
    if (!view.proxied) return;
    expect(view).toMatchObject({ nodeName: 'node-a1', zone: 'zone-a' });
    expect(view.behaviour.version).toBe('1.36+');
    const endpoints = view.ports[0]?.endpoints ?? [];
    expect(endpoints.map((endpoint) => endpoint.endpoint).sort()).toEqual(
      WEB_PODS.map((pod) => `${pod.ip}:8080`),
    );
    expect(endpoints.find((endpoint) => endpoint.isLocal)?.address).toBe('10.1.0.1');
  });

  it.each([
    ['1.21', '1.21-1.26'],
    ['1.29', '1.27-1.30'],
    ['1.33', '1.31-1.35'],
    ['1.40', '1.36+'],
  ])('?version=%s follows kube-proxy %s', async (version, expected) => {
    const response = await request(app)
      .get(`${API}/services/shop/web/proxy/node-b1?version=${version}`)
      .expect(200);
    expect(proxyViewSchema.parse(response.body).behaviour.version).toBe(expected);
  });

  it.each(['1.20', '1.0', '2.0', '1', '1.2x', 'v1.30', '1.1234'])(
    '?version=%s is a 400 naming query.version',
    async (version) => {
      const response = await request(app).get(
        `${API}/services/shop/web/proxy/node-a1?version=${encodeURIComponent(version)}`,
      );
      expectApiError(response, 400, { code: 'invalid-request', field: 'query.version' });
    },
  );

  it('says why a kube-proxy before 1.21 has no view', async () => {
    const response = await request(app).get(`${API}/services/shop/web/proxy/node-a1?version=1.20`);
    expectApiError(response, 400, { field: 'query.version' });
    expect(JSON.stringify(response.body)).toContain('reads no topology hints');
  });

  it('rejects unknown query parameters and repeated versions', async () => {
    expectApiError(
      await request(app).get(`${API}/services/shop/web/proxy/node-a1?verison=1.30`),
      400,
      { field: 'query.verison' },
    );
    expectApiError(
      await request(app).get(`${API}/services/shop/web/proxy/node-a1?version=1.30&version=1.31`),
      400,
      { field: 'query.version' },
    );
  });

  it('answers 404 for an unknown node or Service, 400 for a malformed node', async () => {
    expectApiError(await request(app).get(`${API}/services/shop/web/proxy/node-z9`), 404, {
      code: 'not-found',
      message: /node-z9/,
    });
    expectApiError(await request(app).get(`${API}/services/shop/nope/proxy/node-a1`), 404, {
      code: 'not-found',
    });
    expectApiError(await request(app).get(`${API}/services/shop/web/proxy/Node_A1`), 400, {
      field: 'params.node',
    });
  });
});

describe('GET /api/v1/services/:namespace/:name/history', () => {
  it('records slice writes after the initial list, grouped per sync', async () => {
    const before = historySchema.parse(
      (await request(app).get(`${API}/services/shop/web/history`).expect(200)).body,
    );
    expect(before.entries).toEqual([]);
    expect(before.dropped).toBe(0);
    expect(before.slices.map((slice) => slice.name)).toEqual(['web-abc12']);

    const [first, second] = WEB_PODS;
    expect(
      test.sinks.EndpointSlice.event('MODIFIED', webSlice([first!, second!], test.nextRv())),
    ).toBe('applied');
    const after = historySchema.parse(
      (await request(app).get(`${API}/services/shop/web/history`).expect(200)).body,
    );
    expect(after.entries).toHaveLength(1);
    expect(after.entries[0]?.changes).toEqual([
      {
        slice: 'web-abc12',
        op: 'updated',
        added: [],
        removed: ['10.1.0.3'],
        conditions: [],
        hints: [],
        before: expect.objectContaining({
          addressType: 'IPv4',
          endpoints: [expect.objectContaining({ addresses: ['10.1.0.3'] })],
        }),
      },
    ]);
    // Rewinding the one write from the present gives back the slice as it was listed.
    const rewound = slicesAt(after, 0, 'shop', 'web').slices[0];
    const listed = before.slices[0]!;
    expect(rewound?.endpoints.map((e) => e.addresses[0]).sort()).toEqual(
      listed.endpoints.map((e) => e.addresses[0]).sort(),
    );
    // The list rows refresh when the hub flushes; then the churn shows.
    test.hub.flush();
    const overview = overviewSchema.parse(
      (await request(app).get(`${API}/overview`).expect(200)).body,
    );
    expect(overview.top.byChurn).toEqual([{ namespace: 'shop', name: 'web', value: 1 }]);
    expect(overview.counts.endpoints).toBe(6);

    test.sinks.EndpointSlice.event('MODIFIED', webSlice(WEB_PODS, test.nextRv()));
    test.hub.flush();
  });

  it('answers 404 for an unknown Service', async () => {
    expectApiError(await request(app).get(`${API}/services/shop/nope/history`), 404, {
      code: 'not-found',
    });
  });
});

describe('GET /api/v1/nodes and /zones', () => {
  it('lists the Nodes by name with their endpoint counts', async () => {
    const response = await request(app).get(`${API}/nodes`).expect(200);
    const { items } = nodeListSchema.parse(response.body);
    expect(items).toEqual([
      {
        name: 'node-a1',
        zone: 'zone-a',
        ready: true,
        unschedulable: false,
        cpuMilli: 4000,
        endpoints: 2,
      },
      {
        name: 'node-a2',
        zone: 'zone-a',
        ready: true,
        unschedulable: false,
        cpuMilli: 2000,
        endpoints: 2,
      },
      {
        name: 'node-b1',
        zone: 'zone-b',
        ready: true,
        unschedulable: false,
        cpuMilli: 4000,
        endpoints: 3,
      },
      {
        name: 'node-b2',
        zone: 'zone-b',
        ready: false,
        unschedulable: false,
        cpuMilli: 4000,
        endpoints: 0,
      },
    ]);
  });

  it("lists a Node's Services with its endpoints of each, by condition", async () => {
    const response = await request(app).get(`${API}/nodes/node-b1/services`).expect(200);
    expect(nodeServicesSchema.parse(response.body)).toEqual({
      node: 'node-b1',
      items: [
        { namespace: 'data', name: 'db', endpoints: 1, ready: 1, serving: 1, terminating: 0 },
        { namespace: 'shop', name: 'api', endpoints: 1, ready: 0, serving: 1, terminating: 1 },
        { namespace: 'shop', name: 'web', endpoints: 1, ready: 1, serving: 1, terminating: 0 },
      ],
    });
    const nodes = nodeListSchema.parse((await request(app).get(`${API}/nodes`)).body).items;
    for (const { name, endpoints } of nodes) {
      const { items } = nodeServicesSchema.parse(
        (await request(app).get(`${API}/nodes/${name}/services`).expect(200)).body,
      );
      expect(items.reduce((sum, item) => sum + item.endpoints, 0)).toBe(endpoints);
    }
  });

  it('answers an empty list for a Node without endpoints or gone, and 400 for a bad name', async () => {
    for (const node of ['node-b2', 'node-gone']) {
      const response = await request(app).get(`${API}/nodes/${node}/services`).expect(200);
      expect(response.body).toEqual({ node, items: [] });
    }
    const response = await request(app).get(`${API}/nodes/Node_B1/services`);
    expectApiError(response, 400, { code: 'invalid-request', field: 'params.node' });
  });

  it('sums the zones', async () => {
    const response = await request(app).get(`${API}/zones`).expect(200);
    const { items } = z.object({ items: z.array(zoneSummarySchema) }).parse(response.body);
    const byZone = Object.fromEntries(items.map((zone) => [zone.zone, zone]));
    expect(byZone['zone-a']).toMatchObject({
      nodes: 2,
      readyNodes: 2,
      allocatableMilliCpu: 6000,
      endpoints: 4,
    });
    expect(byZone['zone-b']).toMatchObject({ nodes: 2, readyNodes: 1, endpoints: 3 });
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', `${API}/nope`],
    ['GET', `${API}/services/shop/web/extra/path/here`],
    ['GET', `${API}/nodes/node-a1`],
    ['GET', '/api/v2/overview'],
    ['GET', '/api'],
    ['GET', '/nothing-here'],
    ['GET', '/'],
  ])('%s %s is a 404 in the error shape', async (method, path) => {
    const response = await request(app)[method.toLowerCase() as 'get'](path);
    expectApiError(response, 404, { code: 'not-found' });
  });
});

describe('GET /api/v1/pods/:namespace/:name (pod → endpoint)', () => {
  it("answers the Pod and the endpoint that stands for it in its Service's slice", async () => {
    const response = await request(app).get('/api/v1/pods/shop/web-1');
    expect(response.status).toBe(200);
    const detail = podDetailSchema.parse(response.body);
    expect(detail.pod).toMatchObject({ nodeName: 'node-a1', ready: true, ips: ['10.1.0.1'] });
    expect(detail.endpoints).toEqual([
      expect.objectContaining({
        service: 'web',
        addressType: 'IPv4',
        endpoint: expect.objectContaining({ addresses: ['10.1.0.1'], pod: 'web-1', ready: true }),
      }),
    ]);
  });

  it('answers 404 for a Pod it knows nothing of, and 400 for a bad name', async () => {
    expectApiError(await request(app).get('/api/v1/pods/shop/nobody'), 404, {
      code: 'not-found',
      message: /pod shop\/nobody not found/,
    });
    expectApiError(await request(app).get('/api/v1/pods/shop/Not_A_Name'), 400, {
      field: 'params.name',
    });
    // A dotted name is a valid Pod name (a DNS-1123 subdomain): not found, not refused.
    expectApiError(await request(app).get('/api/v1/pods/shop/web.1'), 404, { code: 'not-found' });
  });
});

describe('a path that is not valid percent-encoding', () => {
  it('answers 400 naming the path', async () => {
    const response = await request(app).get(`${API}/services/shop/%E0%A4%A`);
    expectApiError(response, 400, {
      code: 'invalid-request',
      field: 'path',
      message: /^path: %E0%A4%A is not valid percent-encoding$/,
    });
  });
});

describe('methods other than GET on the read-only paths', () => {
  const key = 'shop/web';
  it.each([
    ['/healthz', 'POST'],
    ['/readyz', 'DELETE'],
    ['/metrics', 'PUT'],
    [`${API}/overview`, 'POST'],
    [`${API}/services`, 'POST'],
    [`${API}/services/${key}`, 'DELETE'],
    [`${API}/services/${key}/analysis`, 'PATCH'],
    [`${API}/services/${key}/proxy/node-a1`, 'PUT'],
    [`${API}/services/${key}/history`, 'POST'],
    [`${API}/nodes`, 'POST'],
    [`${API}/nodes/node-a1/services`, 'DELETE'],
    [`${API}/zones`, 'DELETE'],
    [`${API}/pods/shop/web-1`, 'PUT'],
    [`${API}/stream`, 'POST'],
  ])('%s answers %s with 405 naming GET and HEAD', async (path, method) => {
    const response = await request(app)[method.toLowerCase() as 'post'](path).send({});
    const error = expectApiError(response, 405, { code: 'method-not-allowed' });
    expect(error.message).toBe(`${method} ${path}: only GET or HEAD is answered here`);
    expect(response.headers['allow']).toBe('GET, HEAD');
  });

  it('answers OPTIONS with the methods that work', async () => {
    const response = await request(app).options(`${API}/services`).expect(204);
    expect(response.headers['allow']).toBe('GET, HEAD');
  });
});
