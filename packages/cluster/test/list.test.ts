import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEndpoints, newEndpointSlice, newNode, newPod, newService } from './support/builders.ts';
import { startTestCluster, type TestCluster } from './support/cluster.ts';
import { get } from './support/http.ts';

let cluster: TestCluster;
beforeEach(async () => {
  cluster = await startTestCluster({ server: { tooLargeResourceVersionWaitMs: 50 } });
  const { feed } = cluster;
  feed.add('Pod', newPod('web-0', { labels: { app: 'web', tier: 'front' } }));
  feed.add('Pod', newPod('web-1', { labels: { app: 'web' }, nodeName: 'node-b' }));
  feed.add('Pod', newPod('db-0', { namespace: 'data', labels: { app: 'db' } }));
  feed.add('Service', newService('web'));
  feed.add('Node', newNode('node-a'));
  feed.add('Endpoints', newEndpoints('web'));
  feed.add('EndpointSlice', newEndpointSlice('web-abc'));
});
afterEach(() => cluster.server.close());

const names = (list: { items: { metadata: { namespace?: string; name: string } }[] }): string[] =>
  list.items.map((item) => `${item.metadata.namespace ?? ''}/${item.metadata.name}`);

describe('list', () => {
  it('returns a <Kind>List at the current resourceVersion, items without kind/apiVersion', async () => {
    const res = await get(cluster.server.url, '/api/v1/pods');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const list = res.json();
    expect(Object.keys(list)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
    expect(list).toMatchObject({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '7' },
    });
    expect(names(list)).toEqual(['data/db-0', 'default/web-0', 'default/web-1']);
    expect(list.items[0]).not.toHaveProperty('kind');
    expect(list.items[0]).not.toHaveProperty('apiVersion');
    expect(list.items[0].metadata.resourceVersion).toBe('3');
  });

  it('serves every kind at its cluster-wide and namespaced paths', async () => {
    const cases: [string, string, number][] = [
      ['/api/v1/namespaces/default/pods', 'PodList', 2],
      ['/api/v1/namespaces/default/services', 'ServiceList', 1],
      ['/api/v1/namespaces/default/endpoints', 'EndpointsList', 1],
      ['/api/v1/nodes', 'NodeList', 1],
      ['/apis/discovery.k8s.io/v1/endpointslices', 'EndpointSliceList', 1],
      ['/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', 'EndpointSliceList', 1],
    ];
    for (const [path, kind, count] of cases) {
      const list = (await get(cluster.server.url, path)).json();
      expect([list.kind, list.items.length]).toEqual([kind, count]);
    }
    const slices = (
      await get(cluster.server.url, '/apis/discovery.k8s.io/v1/endpointslices')
    ).json();
    expect(slices.apiVersion).toBe('discovery.k8s.io/v1');
  });

  it('returns an empty list (not 404) for a namespace that does not exist', async () => {
    const res = await get(cluster.server.url, '/api/v1/namespaces/nowhere/pods');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ items: [] });
    expect(res.body).toContain('"items":[]');
  });

  it('warns that v1 Endpoints is deprecated', async () => {
    const res = await get(cluster.server.url, '/api/v1/endpoints');
    expect(res.headers.warning).toBe(
      '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"',
    );
  });

  it('filters by label and field selectors', async () => {
    const query = async (q: string): Promise<string[]> =>
      names((await get(cluster.server.url, `/api/v1/pods?${q}`)).json());
    expect(await query('labelSelector=tier%3Dfront')).toEqual(['default/web-0']);
    expect(await query('labelSelector=app%20in%20(web,db),!tier')).toEqual([
      'data/db-0',
      'default/web-1',
    ]);
    expect(await query('fieldSelector=metadata.namespace%3Ddata')).toEqual(['data/db-0']);
    expect(await query('fieldSelector=spec.nodeName%3Dnode-b')).toEqual(['default/web-1']);
    expect(await query('fieldSelector=metadata.name!%3Dweb-0&labelSelector=app%3Dweb')).toEqual([
      'default/web-1',
    ]);
  });

  it('answers a bad selector with 400 naming it', async () => {
    const bad = await get(cluster.server.url, '/api/v1/pods?labelSelector=app%20in%20web');
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `unable to parse labelSelector "app in web": found 'web', expected: '('`,
      reason: 'BadRequest',
      code: 400,
    });
    const field = await get(cluster.server.url, '/api/v1/services?fieldSelector=spec.ports%3D80');
    expect([field.status, field.json().message]).toEqual([
      400,
      'field label not supported: spec.ports',
    ]);
  });
});

describe('get', () => {
  it('returns one object with kind and apiVersion', async () => {
    const pod = (await get(cluster.server.url, '/api/v1/namespaces/default/pods/web-0')).json();
    expect(pod).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'web-0', resourceVersion: '1' },
    });
    const node = (await get(cluster.server.url, '/api/v1/nodes/node-a')).json();
    expect(node).toMatchObject({ kind: 'Node', metadata: { name: 'node-a' } });
  });

  it('answers a missing object with 404 NotFound naming it', async () => {
    const pod = await get(cluster.server.url, '/api/v1/namespaces/default/pods/web-9');
    expect(pod.status).toBe(404);
    expect(pod.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web-9" not found',
      reason: 'NotFound',
      details: { name: 'web-9', kind: 'pods' },
      code: 404,
    });
    const slice = (
      await get(cluster.server.url, '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/x')
    ).json();
    expect(slice).toMatchObject({
      message: 'endpointslices.discovery.k8s.io "x" not found',
      details: { name: 'x', group: 'discovery.k8s.io', kind: 'endpointslices' },
    });
  });
});

describe('paging', () => {
  beforeEach(() => {
    for (let i = 0; i < 25; i++)
      cluster.feed.add('Service', newService(`svc-${String(i).padStart(2, '0')}`));
  });

  it('pages with limit/continue at one resourceVersion, even while objects change', async () => {
    const first = (await get(cluster.server.url, '/api/v1/services?limit=10')).json();
    expect(first.items).toHaveLength(10);
    expect(first.metadata).toMatchObject({ resourceVersion: '32', remainingItemCount: 16 });
    cluster.feed.remove('Service', newService('svc-15'));
    cluster.feed.add('Service', newService('svc-99'));
    const seen = [...names(first)];
    let token: string = first.metadata.continue;
    for (let page = 0; page < 5 && token !== undefined; page++) {
      const next = (
        await get(
          cluster.server.url,
          `/api/v1/services?limit=10&continue=${encodeURIComponent(token)}`,
        )
      ).json();
      expect(next.metadata.resourceVersion).toBe('32');
      seen.push(...names(next));
      token = next.metadata.continue;
    }
    expect(token).toBeUndefined();
    expect(seen).toHaveLength(26);
    expect(seen).toContain('default/svc-15');
    expect(seen).not.toContain('default/svc-99');
  });

  it('pages a namespace among neighbours whose names sort around it, counting what remains', async () => {
    for (const namespace of ['shop', 'shop-a', 'shop.b', 'shop0', 'shopx', 'sho']) {
      for (let i = 0; i < 7; i++) cluster.feed.add('Service', newService(`s${i}`, { namespace }));
    }
    const seen: string[] = [];
    const remaining: number[] = [];
    let query = 'limit=3';
    for (let page = 0; page < 10; page++) {
      const list = (
        await get(cluster.server.url, `/api/v1/namespaces/shop/services?${query}`)
      ).json();
      seen.push(...names(list));
      if (list.metadata.continue === undefined) break;
      remaining.push(list.metadata.remainingItemCount);
      query = `limit=3&continue=${encodeURIComponent(list.metadata.continue)}`;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `shop/s${i}`));
    expect(remaining).toEqual([4, 1]);
  });

  it('leaves out remainingItemCount when a selector narrows the list', async () => {
    const page = (
      await get(cluster.server.url, '/api/v1/services?limit=5&labelSelector=!missing')
    ).json();
    expect(page.metadata.continue).toEqual(expect.any(String));
    expect(page.metadata).not.toHaveProperty('remainingItemCount');
  });

  it('expires a continue token whose resourceVersion left the window: 410 with an inconsistent token', async () => {
    const first = (await get(cluster.server.url, '/api/v1/services?limit=10')).json();
    cluster.feed.add('Service', newService('svc-late'));
    cluster.server.faults.compactHistory('Service');
    const expired = await get(
      cluster.server.url,
      `/api/v1/services?limit=10&continue=${first.metadata.continue}`,
    );
    expect(expired.status).toBe(410);
    const status = expired.json();
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'Expired',
      code: 410,
      metadata: { continue: expect.any(String) },
    });
    expect(status.message).toMatch(
      /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/,
    );
    const rest = (
      await get(
        cluster.server.url,
        `/api/v1/services?limit=100&continue=${status.metadata.continue}`,
      )
    ).json();
    expect(rest.metadata.resourceVersion).toBe('33');
    expect(names(rest)).toContain('default/svc-late');
    expect(names(rest)).not.toContain(names(first)[9]);
  });

  it.each([
    [
      'continue=%%%',
      'invalid continue token: continue key is not valid: illegal base64 data at input byte 0',
    ],
    [
      'continue=e30',
      'invalid continue token: continue key is not valid: server does not recognize this encoded version',
    ],
    [
      'limit=5&continue=x&resourceVersion=3',
      'specifying resource version is not allowed when using continue',
    ],
    [
      'limit=ten',
      'invalid value for query parameter limit: strconv.ParseInt: parsing "ten": invalid syntax',
    ],
    [
      'timeoutSeconds=1.5',
      'invalid value for query parameter timeoutSeconds: strconv.ParseInt: parsing "1.5": invalid syntax',
    ],
    [
      'resourceVersion=abc',
      'invalid resource version: strconv.ParseUint: parsing "abc": invalid syntax',
    ],
    [
      'resourceVersion=18446744073709551616',
      'invalid resource version: strconv.ParseUint: parsing "18446744073709551616": value out of range',
    ],
    // Base64 of the bytes 0, 1, 2: the answer names the problem without echoing them.
    [
      'continue=AAEC',
      'invalid continue token: continue key is not valid: the decoded key is not JSON',
    ],
  ])('answers %s with 400 naming the parameter', async (query, message) => {
    const res = await get(cluster.server.url, `/api/v1/services?${query}`);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ reason: 'BadRequest', code: 400, message });
  });
});

describe('resourceVersion semantics', () => {
  it('serves the current state for "", "0" and NotOlderThan', async () => {
    for (const query of [
      '',
      'resourceVersion=0',
      'resourceVersion=2&resourceVersionMatch=NotOlderThan',
      'resourceVersion=2',
    ]) {
      expect(
        (await get(cluster.server.url, `/api/v1/pods?${query}`)).json().metadata.resourceVersion,
      ).toBe('7');
    }
  });

  it('serves an exact older state with Exact, or with a limit and no match (legacy rule)', async () => {
    cluster.feed.remove('Pod', newPod('web-1'));
    const exact = (
      await get(cluster.server.url, '/api/v1/pods?resourceVersion=2&resourceVersionMatch=Exact')
    ).json();
    expect([exact.metadata.resourceVersion, names(exact)]).toEqual([
      '2',
      ['default/web-0', 'default/web-1'],
    ]);
    const legacy = (
      await get(cluster.server.url, '/api/v1/pods?resourceVersion=2&limit=10')
    ).json();
    expect(names(legacy)).toEqual(['default/web-0', 'default/web-1']);
  });

  it('answers Exact on a compacted resourceVersion with 410', async () => {
    cluster.server.faults.compactHistory();
    const res = await get(
      cluster.server.url,
      '/api/v1/pods?resourceVersion=2&resourceVersionMatch=Exact',
    );
    expect(res.status).toBe(410);
    expect(res.json()).toMatchObject({
      reason: 'Expired',
      message: 'The resourceVersion for the provided list is too old.',
    });
  });

  it('answers a resourceVersion the store never reached with 504 Too large resource version', async () => {
    const res = await get(cluster.server.url, '/api/v1/pods?resourceVersion=99');
    expect(res.status).toBe(504);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Timeout: Too large resource version: 99, current: 7',
      reason: 'Timeout',
      details: {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      },
      code: 504,
    });
    const one = await get(
      cluster.server.url,
      '/api/v1/namespaces/default/pods/web-0?resourceVersion=99',
    );
    expect(one.status).toBe(504);
  });

  it.each(['9007199254740993', '18446744073709551615'])(
    'answers resourceVersion %s (past 2^53, within uint64) with 504, quoting it digit for digit',
    async (rv) => {
      for (const path of ['/api/v1/pods', '/api/v1/namespaces/default/pods/web-0']) {
        const res = await get(cluster.server.url, `${path}?resourceVersion=${rv}`);
        expect(res.status).toBe(504);
        expect(res.json().message).toBe(`Timeout: Too large resource version: ${rv}, current: 7`);
      }
    },
  );

  it.each([
    [
      'sendInitialEvents=true',
      'sendInitialEvents',
      'FieldValueForbidden',
      'Forbidden: sendInitialEvents is forbidden for list',
    ],
    [
      'resourceVersionMatch=Exact',
      'resourceVersionMatch',
      'FieldValueForbidden',
      'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    ],
    [
      'resourceVersion=0&resourceVersionMatch=Exact',
      'resourceVersionMatch',
      'FieldValueForbidden',
      'Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    ],
    [
      'resourceVersion=1&resourceVersionMatch=Newest',
      'resourceVersionMatch',
      'FieldValueNotSupported',
      'Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    ],
    [
      'watch=true&resourceVersionMatch=NotOlderThan',
      'resourceVersionMatch',
      'FieldValueForbidden',
      'Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    ],
    [
      'watch=true&sendInitialEvents=true',
      'resourceVersionMatch',
      'FieldValueForbidden',
      'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    ],
  ])(
    'answers invalid options %s with 422 naming the field',
    async (query, field, reason, message) => {
      const res = await get(cluster.server.url, `/api/v1/pods?${query}`);
      expect(res.status).toBe(422);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `ListOptions.meta.k8s.io "" is invalid: ${field}: ${message}`,
        reason: 'Invalid',
        details: {
          group: 'meta.k8s.io',
          kind: 'ListOptions',
          causes: [{ reason, message, field }],
        },
        code: 422,
      });
    },
  );

  it('aggregates several validation errors in one 422', async () => {
    const res = await get(
      cluster.server.url,
      '/api/v1/pods?resourceVersionMatch=Exact&continue=x&sendInitialEvents=false',
    );
    expect(res.status).toBe(422);
    expect(res.json().details.causes).toHaveLength(3);
    expect(res.json().message).toMatch(
      /^ListOptions\.meta\.k8s\.io "" is invalid: \[resourceVersionMatch: Forbidden: .*, sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list\]$/,
    );
  });
});
