import { describe, expect, test } from 'vitest';
import { ClusterEngine, type Scenario } from '../src/index.ts';
import { resolveRolloutBounds } from '../src/engine/rollout.ts';

const START = Date.UTC(2026, 0, 1);
const engineFor = (scenario: Scenario, extra: { msPerSecond?: number } = {}) =>
  new ClusterEngine(scenario, { seed: 2, startTime: START, ...extra });
const managedBy = 'endpointslice.kubernetes.io/managed-by';

describe('ClusterEngine events', () => {
  test('removing a Node never binds a waiting Pod to it', () => {
    const engine = engineFor({
      name: 'remove-node',
      cluster: {
        zones: [{ name: 'z', nodes: 2, maxPods: 1 }],
        workloads: [{ name: 'web', replicas: 3, labels: { app: 'web' } }],
      },
      events: [{ at: 20, type: 'removeNode', node: 'z-node-1' }],
    });
    engine.advanceTo(60);
    const nodes = new Set(engine.store.list('Node').map((node) => node.metadata.name));
    for (const pod of engine.store.list('Pod')) {
      if (pod.spec?.nodeName !== undefined) expect(nodes.has(pod.spec.nodeName)).toBe(true);
    }
    expect(
      engine.store.list('Pod').filter((pod) => pod.spec?.nodeName === 'z-node-2'),
    ).toHaveLength(1);
  });

  test('a selector-less Service that gets a selector loses its mirrored slices', () => {
    const engine = engineFor({
      name: 'mirror-then-select',
      cluster: {
        zones: [{ name: 'z', nodes: 1 }],
        services: [{ name: 'ext', ports: [{ port: 80 }] }],
        workloads: [{ name: 'ext', replicas: 1, labels: { app: 'ext' } }],
        endpoints: [
          {
            metadata: { name: 'ext' },
            subsets: [{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80 }] }],
          },
        ],
      },
      events: [{ at: 30, type: 'editService', name: 'ext', changes: { selector: { app: 'ext' } } }],
    });
    engine.advanceTo(20);
    const slices = () =>
      engine.store.list('EndpointSlice').map((slice) => slice.metadata.labels?.[managedBy]);
    expect(slices()).toEqual(['endpointslicemirroring-controller.k8s.io']);
    engine.advanceTo(60);
    expect(slices()).toEqual(['endpointslice-controller.k8s.io']);
  });

  test('a recovery or eviction scheduled by one outage does not act on a later one', () => {
    const engine = engineFor({
      name: 'two-outages',
      cluster: {
        zones: [{ name: 'z', nodes: 2 }],
        workloads: [{ name: 'web', replicas: 2, labels: { app: 'web' } }],
      },
      events: [
        { at: 10, type: 'nodeNotReady', node: 'z-node-1', forSeconds: 30 },
        { at: 65, type: 'nodeNotReady', node: 'z-node-1' },
      ],
    });
    engine.advanceTo(64);
    const onNode = () =>
      engine.store.list('Pod').filter((pod) => pod.spec?.nodeName === 'z-node-1');
    expect(onNode()).toHaveLength(1);
    engine.advanceTo(320); // the first outage's eviction (at 310) must not evict in the second
    expect(onNode()).toHaveLength(1);
    engine.advanceTo(370); // the second outage's own eviction, 300 s after 65
    expect(onNode()).toHaveLength(0);
  });

  test('rolling-update percentages round as Kubernetes does (percent × replicas / 100)', () => {
    expect(resolveRolloutBounds(100, '7%', '29%')).toEqual({ surge: 7, unavailable: 29 });
    expect(resolveRolloutBounds(10, '25%', '25%')).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveRolloutBounds(4, 0, 0)).toEqual({ surge: 0, unavailable: 1 });
  });

  test('trigger times follow the Pods’ Ready transitions and a recreated Service’s creation', () => {
    const trigger = 'endpoints.kubernetes.io/last-change-trigger-time';
    const engine = engineFor({
      name: 'trigger-times',
      cluster: {
        zones: [{ name: 'z', nodes: 1 }],
        services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] }],
        workloads: [{ name: 'web', replicas: 1, labels: { app: 'web' }, startSeconds: 4 }],
      },
      events: [
        { at: 100, type: 'deleteService', name: 'web' },
        {
          at: 500,
          type: 'createService',
          service: { name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] },
        },
      ],
    });
    engine.advanceTo(30);
    const [slice] = engine.store.list('EndpointSlice');
    // Ready at 0 + 1 s (IP) + 4 s (start): the Pod's Ready transition is the trigger.
    expect(slice?.metadata.annotations?.[trigger]).toBe('2026-01-01T00:00:05Z');
    expect(engine.store.get('Endpoints', 'default/web')?.metadata.annotations?.[trigger]).toBe(
      '2026-01-01T00:00:05Z',
    );
    engine.advanceTo(600);
    const [recreated] = engine.store.list('EndpointSlice');
    expect(recreated?.metadata.annotations?.[trigger]).toBe('2026-01-01T00:08:20Z');
  });

  test('timestamps follow the wall clock when a scenario runs faster', () => {
    const engine = engineFor(
      {
        name: 'fast',
        cluster: {
          zones: [{ name: 'z', nodes: 1 }],
          workloads: [{ name: 'web', replicas: 1, labels: { app: 'web' } }],
        },
        events: [{ at: 100, type: 'scale', workload: 'web', replicas: 2 }],
      },
      { msPerSecond: 100 },
    );
    engine.advanceTo(101);
    const times = engine.store
      .list('Pod')
      .map((pod) => pod.metadata.creationTimestamp)
      .sort();
    expect(times).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z']);
  });

  test('nodeReady ends an open-ended outage before eviction; uncordonNode takes Pods again', () => {
    const engine = engineFor({
      name: 'recover',
      cluster: {
        zones: [{ name: 'z', nodes: 2, maxPods: 2 }],
        workloads: [{ name: 'web', replicas: 2, labels: { app: 'web' } }],
      },
      events: [
        { at: 10, type: 'nodeNotReady', node: 'z-node-1' },
        { at: 100, type: 'nodeReady', node: 'z-node-1' },
        { at: 400, type: 'drainNode', node: 'z-node-2' },
        { at: 500, type: 'uncordonNode', node: 'z-node-2' },
        { at: 510, type: 'scale', workload: 'web', replicas: 4 },
      ],
    });
    const on = (node: string) =>
      engine.store.list('Pod').filter((pod) => pod.spec?.nodeName === node);
    const ready = (node: string) =>
      engine.store.list('Node').find((n) => n.metadata.name === node)?.status?.conditions?.[0]
        ?.status;
    engine.advanceTo(50);
    expect(ready('z-node-1')).toBe('Unknown');
    engine.advanceTo(350); // past the 300 s eviction of an outage that had not ended
    expect(ready('z-node-1')).toBe('True');
    expect(on('z-node-1')).toHaveLength(1);
    engine.advanceTo(480);
    expect(on('z-node-2')).toHaveLength(0);
    engine.advanceTo(600);
    expect(on('z-node-2').length).toBeGreaterThan(0);
  });

  test('an edit with a null field removes it: dropping trafficDistribution drops the hints', () => {
    const engine = engineFor({
      name: 'edit-null',
      cluster: {
        zones: [{ name: 'z', nodes: 1 }],
        services: [
          {
            name: 'web',
            selector: { app: 'web' },
            ports: [{ port: 80 }],
            trafficDistribution: 'PreferClose',
          },
        ],
        workloads: [{ name: 'web', replicas: 2, labels: { app: 'web' } }],
      },
      events: [
        { at: 30, type: 'editService', name: 'web', changes: { trafficDistribution: null } },
      ],
    });
    const hinted = () =>
      engine.store
        .list('EndpointSlice')
        .flatMap((slice) => slice.endpoints ?? [])
        .filter((e) => e.hints).length;
    engine.advanceTo(20);
    expect(hinted()).toBe(2);
    engine.advanceTo(40);
    expect(engine.store.get('Service', 'default/web')?.spec.trafficDistribution).toBeUndefined();
    expect(hinted()).toBe(0);
  });
});
