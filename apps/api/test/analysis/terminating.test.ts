import { describe, expect, test } from 'vitest';
import { analyseTerminating } from '../../src/analysis/terminating.ts';
import {
  analysisInput,
  controllerSync,
  newPod,
  newService,
  podIp,
  podsOn,
  threeZoneNodes,
} from './builders.ts';
import { terminatingSchema } from '@slicescope/contract';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('analyseTerminating', () => {
  const service = newService();
  const nodes = threeZoneNodes();
  const pods = [
    ...podsOn(nodes, 3),
    // Deleted 10 minutes ago with a 30 s grace period: a finalizer or a lost kubelet holds it.
    newPod(3, {
      nodeName: 'node-b',
      deletionTimestamp: iso(NOW - 10 * MINUTE + 30_000),
      deletionGracePeriodSeconds: 30,
    }),
    // Deleted 1 minute ago with a 2 minute grace period: still draining.
    newPod(4, {
      nodeName: 'node-c',
      deletionTimestamp: iso(NOW + MINUTE),
      deletionGracePeriodSeconds: 120,
    }),
  ];
  const slices = controllerSync(service, pods, nodes);

  test('ages from the Pods, stuck past the threshold, longest first', () => {
    const result = analyseTerminating(analysisInput({ service, pods, nodes, slices }), NOW);
    expect(terminatingSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      stuckAfterMs: 5 * MINUTE,
      agesKnown: true,
      count: 2,
      stuckCount: 1,
      servingCount: 2,
    });
    expect(result.endpoints).toEqual([
      {
        address: podIp(3),
        slice: slices[0]?.metadata.name,
        pod: 'web-00003',
        nodeName: 'node-b',
        zone: 'b',
        ready: false,
        serving: true,
        deletionTimestamp: iso(NOW - 10 * MINUTE + 30_000),
        terminatingForMs: 10 * MINUTE,
        overdueMs: 10 * MINUTE - 30_000,
        stuck: true,
        note: undefined,
      },
      {
        address: podIp(4),
        slice: slices[0]?.metadata.name,
        pod: 'web-00004',
        nodeName: 'node-c',
        zone: 'c',
        ready: false,
        serving: true,
        deletionTimestamp: iso(NOW + MINUTE),
        terminatingForMs: MINUTE,
        overdueMs: -MINUTE,
        stuck: false,
        note: undefined,
      },
    ]);
  });

  test('a server clock ahead of ours gives an age of 0, never a negative one (R22)', () => {
    const skewed = [
      ...podsOn(nodes, 3),
      // Deleted "in an hour" by a server clock one hour ahead, with a 30 s grace period.
      newPod(3, {
        nodeName: 'node-b',
        deletionTimestamp: iso(NOW + 60 * MINUTE + 30_000),
        deletionGracePeriodSeconds: 30,
      }),
    ];
    const result = analyseTerminating(
      analysisInput({
        service,
        pods: skewed,
        nodes,
        slices: controllerSync(service, skewed, nodes),
      }),
      NOW,
    );
    expect(result.endpoints[0]).toMatchObject({ terminatingForMs: 0, stuck: false });
  });

  test('the threshold is an argument', () => {
    const result = analyseTerminating(analysisInput({ service, pods, nodes, slices }), NOW, 30_000);
    expect(result.stuckCount).toBe(2);
  });

  test('without Pods the endpoints are listed with unknown ages', () => {
    const result = analyseTerminating(
      analysisInput({ service, pods: undefined, nodes, slices }),
      NOW,
    );
    expect(terminatingSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ agesKnown: false, count: 2, stuckCount: 0 });
    expect(
      result.endpoints.map((entry) => [entry.address, entry.terminatingForMs, entry.note]),
    ).toEqual([
      [podIp(3), undefined, 'pods are not watched (--no-pods): age unknown'],
      [podIp(4), undefined, 'pods are not watched (--no-pods): age unknown'],
    ]);
  });

  test('a Pod already gone: the slice has not caught up', () => {
    const gone = pods.filter((pod) => pod.metadata.name !== 'web-00003');
    const result = analyseTerminating(analysisInput({ service, pods: gone, nodes, slices }), NOW);
    expect(result.endpoints.find((entry) => entry.pod === 'web-00003')).toMatchObject({
      stuck: false,
      note: 'the Pod is gone: the slice has not caught up',
    });
  });

  test('a new Pod under the old name: the slice has not caught up', () => {
    const replaced = pods.map((pod) =>
      pod.metadata.name === 'web-00003'
        ? { ...pod, metadata: { ...pod.metadata, uid: 'uid-new' } }
        : pod,
    );
    const result = analyseTerminating(
      analysisInput({ service, pods: replaced, nodes, slices }),
      NOW,
    );
    expect(result.endpoints.find((entry) => entry.pod === 'web-00003')?.note).toBe(
      'a new Pod has taken the name: the slice has not caught up',
    );
  });
});
