/**
 * The engine's per-object caches and short cuts change no result: the Endpoints controller's
 * single-subset path and its kept Pod contributions give what repacking every Pod's subsets gives,
 * the reconcile with kept Pod endpoints gives what it gives without, the task queue hands out
 * tasks in time order, then in the order they were added, and a started Pod is written as the
 * Pending one extended.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  reconcile,
  repackSubsets,
  syncServiceEndpoints,
  truncateEndpoints,
  type EndpointSubset,
  type Pod,
  type Service,
} from '../src/index.ts';
import { PodEndpoints } from '../src/controller/podEndpoints.ts';
import { newPodObject, podTemplate, withPodRunning } from '../src/engine/objects.ts';
import { selectorMatches } from '../src/controller/syncService.ts';
import { PodContributions, podContribution } from '../src/legacy/podContribution.ts';
import { TaskQueue } from '../src/engine/taskQueue.ts';
import { nodesByName } from './builders/index.ts';
import { LABEL_TOPOLOGY_ZONE } from '../src/model/constants.ts';
import { worldArbitrary, type SyncWorld } from './properties/arbitraries.ts';

const MAX_PODS = 30;

/** Some Pods take the IP and UID of an earlier one: the same address, twice. */
const withSharedAddresses = (world: SyncWorld, copies: readonly number[]): SyncWorld => ({
  ...world,
  pods: world.pods.map((pod, i) => {
    const source = world.pods[copies[i] ?? i];
    if (!source || source === pod || i % 2 !== 0) return pod;
    return {
      ...pod,
      metadata: { ...pod.metadata, uid: source.metadata.uid },
      status: { ...pod.status, ...(source.status?.podIPs && { podIPs: source.status.podIPs }) },
    };
  }),
});

const worlds = fc
  .tuple(worldArbitrary(MAX_PODS), fc.array(fc.nat({ max: MAX_PODS }), { maxLength: MAX_PODS }))
  .map(([world, copies]) => withSharedAddresses(world, copies));

/** The desired subsets as the controller defines them: every Pod's subsets, repacked. */
function repackedSubsets(service: Service, pods: readonly Pod[]): EndpointSubset[] {
  const selected = pods
    .filter(
      (pod) =>
        pod.metadata.namespace === service.metadata.namespace &&
        selectorMatches(service.spec.selector ?? {}, pod.metadata.labels),
    )
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const subsets: EndpointSubset[] = [];
  for (const pod of selected) {
    const contribution = podContribution(service, pod);
    if (!contribution) continue;
    const list = contribution.ready ? 'addresses' : 'notReadyAddresses';
    if (contribution.ports === undefined) subsets.push({ [list]: [contribution.address] });
    for (const port of contribution.ports ?? [])
      subsets.push({ [list]: [contribution.address], ports: [port] });
  }
  return truncateEndpoints(repackSubsets(subsets)).subsets;
}

function written(world: SyncWorld, contributions?: PodContributions): EndpointSubset[] {
  const action = syncServiceEndpoints(world.service, world.pods, undefined, { contributions });
  return action && action.verb !== 'delete' ? (action.endpoints.subsets ?? []) : [];
}

describe('Endpoints controller short cuts', () => {
  test('the written subsets are the repacked ones, with and without kept contributions', () => {
    fc.assert(
      fc.property(worlds, (world) => {
        const expected = repackedSubsets(world.service, world.pods);
        expect(written(world)).toEqual(expected);
        const contributions = new PodContributions();
        expect(written(world, contributions)).toEqual(expected);
        // The second sync reads every Pod from the cache.
        expect(written(world, contributions)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('PodContributions', () => {
  test('Pods sharing a containers list share their ports; a sidecar port is the Pod’s own', () => {
    const service: Service = {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'web' },
          { name: 'admin', port: 9901, targetPort: 'admin' },
        ],
      },
    };
    const containers = [{ name: 'app', ports: [{ name: 'web', containerPort: 8080 }] }];
    const pod = (name: string, ip: string, sidecar: boolean): Pod => ({
      metadata: { name, namespace: 'shop', uid: name, labels: { app: 'web' } },
      spec: {
        nodeName: 'node-1',
        containers,
        ...(sidecar && {
          initContainers: [
            {
              name: 'proxy',
              restartPolicy: 'Always',
              ports: [{ name: 'admin', containerPort: 9901 }],
            },
          ],
        }),
      },
      status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
    });
    const [a, b, c] = [
      pod('a', '10.0.0.1', false),
      pod('b', '10.0.0.2', true),
      pod('c', '10.0.0.3', false),
    ];
    const contributions = new PodContributions();
    for (const p of [a, b, c]) {
      expect(contributions.get(service, p)).toEqual(podContribution(service, p));
    }
    expect(contributions.get(service, b)?.ports?.map((port) => port.name)).toEqual([
      'http',
      'admin',
    ]);
    expect(contributions.get(service, a)?.ports).toBe(contributions.get(service, c)?.ports);
  });
});

describe('reconcile with kept Pod endpoints', () => {
  test('gives the same result as without, on the first and on a later sync', () => {
    fc.assert(
      fc.property(worlds, (world) => {
        const options = {
          maxEndpointsPerSlice: world.maxEndpointsPerSlice,
          preferSameTrafficDistribution: true,
        };
        const nodes = nodesByName(world.nodes);
        const expected = reconcile(world.service, world.pods, [], nodes, options);
        const podEndpoints = new PodEndpoints();
        for (let i = 0; i < 2; i++) {
          const cached = reconcile(world.service, world.pods, [], nodes, {
            ...options,
            podEndpoints,
          });
          expect(cached).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('one PodEndpoints cache for several Service objects', () => {
  test('serves two Service objects in turn, and sees Nodes replaced', () => {
    fc.assert(
      fc.property(worlds, (world) => {
        const options = {
          maxEndpointsPerSlice: world.maxEndpointsPerSlice,
          preferSameTrafficDistribution: true,
        };
        // The same Service as another object, as after a write: kept apart by the cache.
        const other: Service = {
          ...world.service,
          spec: { ...world.service.spec, publishNotReadyAddresses: true },
        };
        const podEndpoints = new PodEndpoints();
        const check = (nodes: ReturnType<typeof nodesByName>) => {
          for (const service of [world.service, other, world.service, other]) {
            expect(reconcile(service, world.pods, [], nodes, { ...options, podEndpoints })).toEqual(
              reconcile(service, world.pods, [], nodes, options),
            );
          }
        };
        check(nodesByName(world.nodes));
        // Every Node replaced by one in another zone: no endpoint built for the old one stays.
        check(
          nodesByName(
            world.nodes.map((node) => ({
              ...node,
              metadata: {
                ...node.metadata,
                labels: { ...node.metadata.labels, [LABEL_TOPOLOGY_ZONE]: 'zone-moved' },
              },
            })),
          ),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('TaskQueue', () => {
  test('tasks come out by time, then in the order they were added', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 200 }),
        (pushes) => {
          const queue = new TaskQueue<number>();
          const order: number[] = [];
          // Pops are interleaved with pushes: up to each pushed time when the flag says so.
          pushes.forEach(([at, pop], i) => {
            queue.push(at, i);
            if (!pop) return;
            const due = queue.popDue(at);
            if (due !== undefined) order.push(due);
          });
          for (let due = queue.popDue(Infinity); due !== undefined; due = queue.popDue(Infinity)) {
            order.push(due);
          }
          expect(order.length).toBe(pushes.length);
          // Replay against a sorted list with the same interleaving.
          const pending: number[] = [];
          const expected: number[] = [];
          const earliest = () =>
            pending.reduce(
              (best, task, k) =>
                best === -1 ||
                pushes[task]![0] < pushes[pending[best]!]![0] ||
                (pushes[task]![0] === pushes[pending[best]!]![0] && task < pending[best]!)
                  ? k
                  : best,
              -1,
            );
          pushes.forEach(([at, pop], i) => {
            pending.push(i);
            if (!pop) return;
            const k = earliest();
            if (k >= 0 && pushes[pending[k]!]![0] <= at) expected.push(...pending.splice(k, 1));
          });
          while (pending.length > 0) expected.push(...pending.splice(earliest(), 1));
          expect(order).toEqual(expected);
        },
      ),
    );
  });
});

describe('withPodRunning', () => {
  // The Running status as a spread of the Pending one extended by kubelet's fields: what
  // withPodRunning's Object.assign must write, field order included.
  const spreadRunning = (
    pod: Pod,
    ips: string[],
    hostIP: string,
    now: string,
    statuses: object[],
  ) => ({
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      hostIP,
      ...(ips[0] !== undefined && { podIP: ips[0] }),
      podIPs: ips.map((ip) => ({ ip })),
      startTime: now,
      containerStatuses: statuses,
    },
  });

  test('a started Pod is written as the Pending one extended', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<string[]>([], ['10.64.0.7'], ['10.64.0.7', 'fd00:10::7'], ['fd00:10::7']),
        fc.boolean(),
        (ips, extraField) => {
          const template = podTemplate(
            {
              name: 'web',
              replicas: 1,
              labels: { app: 'web' },
              ports: [{ name: 'http', containerPort: 8080 }],
            },
            'abcde12345',
            'replicaset-uid',
          );
          const pending = newPodObject(template, {
            name: 'web-abcde12345-xyz12',
            namespace: 'default',
            uid: 'pod-uid',
            now: '2026-01-01T00:00:01Z',
          });
          // Whatever else the status holds stays, in its place.
          const pod: Pod = extraField
            ? { ...pending, status: { ...pending.status, message: 'kept' } }
            : pending;
          const running = withPodRunning(pod, template, ips, '172.16.0.1', '2026-01-01T00:00:02Z');
          const expected = spreadRunning(
            pod,
            ips,
            '172.16.0.1',
            '2026-01-01T00:00:02Z',
            running.status?.['containerStatuses'] as object[],
          );
          expect(JSON.stringify(running)).toBe(JSON.stringify(expected));
          expect(running.metadata).not.toBe(pod.metadata);
        },
      ),
    );
  });
});
