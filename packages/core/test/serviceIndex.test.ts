import { describe, expect, test } from 'vitest';
import type { Pod, Service } from '../src/index.ts';
import { ServiceIndex, type PodSelection } from '../src/engine/serviceIndex.ts';

const namespace = 'shop';

function service(name: string, selector: Record<string, string>): Service {
  return { metadata: { name, namespace }, spec: { selector, ports: [{ port: 80 }] } };
}

function pod(name: string, labels: Record<string, string>): Pod {
  return { metadata: { name, namespace, labels }, spec: { containers: [] } };
}

/** The index with the engine's side of it: every stored Pod and the selection addPod gave it. */
function indexedCluster() {
  const pods = new Map<string, { pod: Pod; selection: PodSelection }>();
  const index = new ServiceIndex((key) => pods.get(key)?.selection);
  return {
    index,
    add(name: string, labels: Record<string, string>) {
      const key = `${namespace}/${name}`;
      const created = pod(name, labels);
      pods.set(key, { pod: created, selection: index.addPod(key, created) });
    },
    remove(name: string) {
      const key = `${namespace}/${name}`;
      const known = pods.get(key);
      if (known) index.removePod(key, known.selection);
      pods.delete(key);
    },
    setService(name: string, value: Service | undefined) {
      const stored = [...pods.values()].map(({ pod: each }) => each);
      index.setService(`${namespace}/${name}`, value, stored);
    },
    servicesOf: (name: string) => pods.get(`${namespace}/${name}`)?.selection.services,
    selected: (name: string) => [...index.podsSelectedBy(`${namespace}/${name}`).keys()].sort(),
  };
}

describe('ServiceIndex', () => {
  test('Pods sharing a labels object follow Services created, replaced and deleted after them', () => {
    const cluster = indexedCluster();
    // One workload revision: its Pods share one labels object, hence one selection.
    const revision = { app: 'web', hash: 'a' };
    cluster.setService('web', service('web', { app: 'web' }));
    cluster.add('web-1', revision);
    cluster.add('web-2', revision);
    cluster.add('api-1', { app: 'api' });

    // A Service created over Pods already stored selects each of them once.
    cluster.setService('canary', service('canary', { hash: 'a' }));
    expect(cluster.servicesOf('web-1')).toEqual(['shop/web', 'shop/canary']);
    expect(cluster.servicesOf('web-2')).toEqual(['shop/web', 'shop/canary']);
    expect(cluster.selected('canary')).toEqual(['shop/web-1', 'shop/web-2']);

    // A new Pod of the revision, and one gone, reach both Services' Pods.
    cluster.add('web-3', revision);
    cluster.remove('web-1');
    expect(cluster.selected('web')).toEqual(['shop/web-2', 'shop/web-3']);
    expect(cluster.selected('canary')).toEqual(['shop/web-2', 'shop/web-3']);

    // A Service replaced with another selector lets go of the Pods it no longer selects.
    cluster.setService('canary', service('canary', { app: 'api' }));
    expect(cluster.servicesOf('web-2')).toEqual(['shop/web']);
    expect(cluster.servicesOf('api-1')).toEqual(['shop/canary']);
    expect(cluster.selected('canary')).toEqual(['shop/api-1']);

    // A deleted Service selects nothing, and Pods created after it do not name it.
    cluster.setService('web', undefined);
    cluster.add('web-4', revision);
    expect(cluster.servicesOf('web-2')).toEqual([]);
    expect(cluster.servicesOf('web-4')).toEqual([]);
    expect(cluster.selected('web')).toEqual([]);
  });
});
