import { describe, expect, it } from 'vitest';
import { createClusterModel, type ModelChange } from '../../src/model/clusterModel.ts';

const slice = (name: string, rv: string, service = 'web', nodes: string[] = ['n1']) => ({
  metadata: {
    name,
    namespace: 'shop',
    uid: `uid-${name}`,
    resourceVersion: rv,
    labels: { 'kubernetes.io/service-name': service },
  },
  addressType: 'IPv4',
  endpoints: nodes.map((node, i) => ({ addresses: [`10.0.0.${i + 1}`], nodeName: node })),
});
const pod = (name: string, namespace: string, rv = '1') => ({
  metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: rv },
});

describe('the model as an informer sink', () => {
  it('answers duplicate for a held resourceVersion and stale for an older one', () => {
    const model = createClusterModel();
    const sink = model.sink({ kind: 'EndpointSlice', path: '/x' });
    expect(sink.event('ADDED', slice('a', '10'))).toBe('applied');
    expect(sink.event('ADDED', slice('a', '10'))).toBe('duplicate');
    expect(sink.event('MODIFIED', slice('a', '12'))).toBe('applied');
    expect(sink.event('MODIFIED', slice('a', '11'))).toBe('stale');
    expect(sink.event('DELETED', slice('a', '9'))).toBe('stale');
    expect(sink.event('DELETED', slice('zz', '13'))).toBe('duplicate');
    expect(sink.event('DELETED', slice('a', '13'))).toBe('applied');
    expect(model.count('EndpointSlice')).toBe(0);
  });

  it('a relist deletes only what is missing in its own namespace scope', () => {
    const model = createClusterModel();
    const shop = model.sink({ kind: 'Pod', path: '/p/shop', namespace: 'shop' });
    const media = model.sink({ kind: 'Pod', path: '/p/media', namespace: 'media' });
    shop.replace([pod('a', 'shop'), pod('b', 'shop')], '5');
    media.replace([pod('m', 'media')], '5');
    const changes: ModelChange[] = [];
    model.onChange((change) => changes.push(change));
    shop.replace([pod('a', 'shop'), pod('c', 'shop')], '6');
    expect(changes.map((c) => `${c.key}:${c.object ? 'set' : 'gone'}`)).toEqual([
      'shop/c:set',
      'shop/b:gone',
    ]);
    expect(
      model
        .podsIn('shop')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(model.podsIn('media')).toHaveLength(1);
  });

  it('indexes slices by Service and endpoints by Node, following label and endpoint moves', () => {
    const model = createClusterModel();
    const sink = model.sink({ kind: 'EndpointSlice', path: '/x' });
    sink.replace(
      [slice('web-1', '1', 'web', ['n1', 'n2']), slice('web-2', '1', 'web', ['n1'])],
      '1',
    );
    expect(model.slicesOf('shop/web').map((s) => s.metadata.name)).toEqual(['web-1', 'web-2']);
    expect([model.endpointsOnNode('n1'), model.endpointsOnNode('n2')]).toEqual([2, 1]);
    expect([...model.takeNodesWithChangedEndpoints()].sort()).toEqual(['n1', 'n2']);
    sink.event('MODIFIED', slice('web-2', '2', 'api', ['n3']));
    expect(model.slicesOf('shop/web').map((s) => s.metadata.name)).toEqual(['web-1']);
    expect(model.slicesOf('shop/api').map((s) => s.metadata.name)).toEqual(['web-2']);
    expect([model.endpointsOnNode('n1'), model.endpointsOnNode('n3')]).toEqual([1, 1]);
    expect([...model.takeNodesWithChangedEndpoints()].sort()).toEqual(['n1', 'n3']);
    sink.event('DELETED', slice('web-1', '3'));
    expect(model.slicesOf('shop/web')).toEqual([]);
    expect(model.endpointsOnNode('n2')).toBe(0);
  });

  it('keeps each informer status and tells listeners', () => {
    const model = createClusterModel();
    const seen: string[] = [];
    model.onStatus((status) => seen.push(status.phase));
    const sink = model.sink({ kind: 'Node', path: '/api/v1/nodes' });
    const base = {
      kind: 'Node' as const,
      synced: false,
      since: 0,
      resourceVersion: '',
      lists: 0,
      watches: 0,
      events: 0,
    };
    sink.status({ ...base, phase: 'listing' });
    sink.status({ ...base, phase: 'watching', synced: true });
    expect(seen).toEqual(['listing', 'watching']);
    // Shown on the epoch scale of the monotonic clock the informers use.
    expect(model.statuses()).toEqual([
      { ...base, phase: 'watching', synced: true, since: performance.timeOrigin },
    ]);
  });
});

describe('the model keeps memory per endpoint small', () => {
  it('projects list items once, page by page, and shares equal labels, containers and conditions', () => {
    const model = createClusterModel();
    const sink = model.sink({ kind: 'Pod', path: '/api/v1/pods' });
    const raw = (name: string) => ({
      metadata: {
        name,
        namespace: 'shop',
        uid: name,
        resourceVersion: '1',
        labels: { app: 'web', hash: 'abc' },
      },
      spec: {
        nodeName: 'node-1',
        containers: [{ name: 'app', image: 'x', ports: [{ containerPort: 80 }] }],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    const [a, b] = [sink.prepare?.(raw('a')), sink.prepare?.(raw('b'))];
    if (!a || !b) throw new Error('the model sink prepares list items');
    sink.replace([a, b], '1');
    expect(model.get('Pod', 'shop/a')).toBe(a);
    const [pa, pb] = [model.get('Pod', 'shop/a'), model.get('Pod', 'shop/b')];
    expect(pa?.metadata.labels).toBe(pb?.metadata.labels);
    expect(pa?.spec?.containers).toBe(pb?.spec?.containers);
    expect(pa?.status?.conditions).toBe(pb?.status?.conditions);
    expect(Object.isFrozen(pa?.metadata.labels)).toBe(true);
    expect(pa?.spec?.containers).toEqual([{ name: 'app', ports: [{ containerPort: 80 }] }]);
  });
});
