import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { get } from './support/http.ts';

let cluster: TestCluster;
beforeEach(async () => {
  cluster = await startTestCluster();
});
afterEach(() => cluster.server.close());

const AGGREGATED_FIRST =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('discovery', () => {
  it('answers kubectl’s aggregated-discovery request with legacy documents as plain JSON', async () => {
    const api = await get(cluster.server.url, '/api', { headers: { accept: AGGREGATED_FIRST } });
    expect(api.status).toBe(200);
    expect(api.headers['content-type']).toBe('application/json');
    expect(api.json()).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${cluster.server.port}` },
      ],
    });
    const apis = await get(cluster.server.url, '/apis', { headers: { accept: AGGREGATED_FIRST } });
    expect(apis.json()).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'discovery.k8s.io',
          versions: [{ groupVersion: 'discovery.k8s.io/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'discovery.k8s.io/v1', version: 'v1' },
        },
      ],
    });
    expect((await get(cluster.server.url, '/apis/discovery.k8s.io')).json()).toMatchObject({
      kind: 'APIGroup',
      name: 'discovery.k8s.io',
      preferredVersion: { version: 'v1' },
    });
  });

  it('lists the core resources with verbs, short names and categories (also at /api/v1/)', async () => {
    const list = (await get(cluster.server.url, '/api/v1/')).json();
    expect(list).toEqual({
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        {
          name: 'endpoints',
          singularName: 'endpoints',
          namespaced: true,
          kind: 'Endpoints',
          verbs: ['get', 'list', 'watch'],
          shortNames: ['ep'],
        },
        {
          name: 'nodes',
          singularName: 'node',
          namespaced: false,
          kind: 'Node',
          verbs: ['get', 'list', 'watch'],
          shortNames: ['no'],
        },
        {
          name: 'pods',
          singularName: 'pod',
          namespaced: true,
          kind: 'Pod',
          verbs: ['get', 'list', 'watch'],
          shortNames: ['po'],
          categories: ['all'],
        },
        {
          name: 'services',
          singularName: 'service',
          namespaced: true,
          kind: 'Service',
          verbs: ['get', 'list', 'watch'],
          shortNames: ['svc'],
          categories: ['all'],
        },
      ],
    });
  });

  it('lists endpointslices in discovery.k8s.io/v1', async () => {
    expect((await get(cluster.server.url, '/apis/discovery.k8s.io/v1')).json()).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'discovery.k8s.io/v1',
      resources: [
        {
          name: 'endpointslices',
          singularName: 'endpointslice',
          namespaced: true,
          kind: 'EndpointSlice',
          verbs: ['get', 'list', 'watch'],
        },
      ],
    });
  });

  it('reports a version and health', async () => {
    expect((await get(cluster.server.url, '/version?timeout=5s')).json()).toMatchObject({
      major: '1',
      minor: '37',
      gitVersion: 'v1.37.0',
      platform: expect.stringMatching(/^\w+\/\w+$/),
    });
    for (const path of ['/healthz', '/livez', '/readyz']) {
      const health = await get(cluster.server.url, path);
      expect([health.status, health.body, health.headers['content-type']]).toEqual([
        200,
        'ok',
        'text/plain; charset=utf-8',
      ]);
    }
  });
});

describe('errors', () => {
  it('answers unknown paths (and /openapi, which only kubectl explain needs) with 404 NotFound', async () => {
    for (const path of [
      '/openapi/v2',
      '/openapi/v3',
      '/api/v1/secrets',
      '/api/v1/namespaces/x/nodes',
      '/api/v1/pods/web-0',
      '/apis/apps/v1',
    ]) {
      const res = await get(cluster.server.url, path);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      });
    }
  });

  it.each([
    ['POST', '/api/v1/namespaces/default/pods', 'create', 'pods', undefined],
    ['PUT', '/api/v1/namespaces/default/pods/web-0', 'update', 'pods', undefined],
    ['PATCH', '/api/v1/nodes/node-a', 'patch', 'nodes', undefined],
    [
      'DELETE',
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/x',
      'delete',
      'endpointslices',
      'discovery.k8s.io',
    ],
    ['DELETE', '/api/v1/namespaces/default/services', 'deletecollection', 'services', undefined],
  ])(
    'answers %s %s with 405 MethodNotAllowed: the server is read-only',
    async (method, path, action, resource, group) => {
      const res = await get(cluster.server.url, path, { method });
      expect(res.status).toBe(405);
      const qualified = group === undefined ? resource : `${resource}.${group}`;
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `${action} is not supported on resources of kind "${qualified}"`,
        reason: 'MethodNotAllowed',
        details: group === undefined ? { kind: resource } : { group, kind: resource },
        code: 405,
      });
    },
  );

  it('answers writes to non-resource paths with 405 too', async () => {
    const res = await get(cluster.server.url, '/api/v1', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.json()).toMatchObject({
      reason: 'MethodNotAllowed',
      message: 'the server does not allow this method on the requested resource',
    });
  });

  it('answers a request it cannot encode with 406', async () => {
    const res = await get(cluster.server.url, '/api/v1/pods', {
      headers: { accept: 'application/vnd.kubernetes.protobuf' },
    });
    expect(res.status).toBe(406);
    expect(res.json()).toMatchObject({ reason: 'NotAcceptable', code: 406 });
  });
});

describe('bearer token', () => {
  let secured: TestCluster;
  beforeEach(async () => {
    secured = await startTestCluster({ server: { token: 's3cret' } });
  });
  afterEach(() => secured.server.close());

  it('answers missing or wrong credentials with 401 Unauthorized, but keeps version and health public', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }];
    for (const headers of attempts) {
      const res = await get(secured.server.url, '/api/v1/pods', { headers });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    expect(
      (
        await get(secured.server.url, '/api/v1/pods', {
          headers: { authorization: 'Bearer s3cret' },
        })
      ).status,
    ).toBe(200);
    expect((await get(secured.server.url, '/version')).status).toBe(200);
    expect((await get(secured.server.url, '/readyz')).status).toBe(200);
  });
});
