import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveRolloutBounds, rolloutStep, WorkloadPods } from '../src/engine/rollout.ts';

interface PlainPod {
  key: string;
  revision: number;
  ready: boolean;
  created: number;
}

/**
 * The rollout step as the deployment controller states it, on a plain list of the workload's
 * live Pods: victims are old revisions first, unready before ready, newest first.
 */
function plainStep(
  replicas: number,
  revision: number,
  pods: readonly PlainPod[],
  bounds: { surge: number; unavailable: number },
): { create: number; delete: string[] } {
  const unreadyNewestFirst = (a: PlainPod, b: PlainPod): number =>
    Number(a.ready) - Number(b.ready) || b.created - a.created;
  const current = pods.filter((pod) => pod.revision === revision);
  const old = pods.filter((pod) => pod.revision !== revision);
  const extra = [...current]
    .sort(unreadyNewestFirst)
    .slice(0, Math.max(0, current.length - replicas));
  if (old.length === 0) {
    return { create: Math.max(0, replicas - current.length), delete: extra.map((pod) => pod.key) };
  }
  const total = current.length + old.length;
  const create = Math.max(0, Math.min(replicas + bounds.surge - total, replicas - current.length));
  const minAvailable = replicas - bounds.unavailable;
  const currentUnready = current.filter((pod) => !pod.ready).length;
  const oldUnready = old.filter((pod) => !pod.ready).sort(unreadyNewestFirst);
  const cleanup = Math.max(0, Math.min(oldUnready.length, total - minAvailable - currentUnready));
  const available = pods.filter((pod) => pod.ready).length;
  const oldReady = old.filter((pod) => pod.ready).sort(unreadyNewestFirst);
  const toDelete = [
    ...oldUnready.slice(0, cleanup),
    ...oldReady.slice(0, Math.max(0, available - minAvailable)),
    ...extra,
  ];
  return { create, delete: toDelete.map((pod) => pod.key) };
}

/** What happens to a workload's Pods: created (of a revision), readiness flips, removals. */
const operation = fc.oneof(
  fc.record({ type: fc.constant('add' as const), revision: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ type: fc.constant('ready' as const), pick: fc.nat(), ready: fc.boolean() }),
  fc.record({ type: fc.constant('remove' as const), pick: fc.nat() }),
);

describe('rolloutStep', () => {
  test('decides as the plain rule does on any set of Pods', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 80 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.oneof(fc.nat({ max: 5 }), fc.constantFrom('0%', '25%', '50%', '100%')),
        fc.oneof(fc.nat({ max: 5 }), fc.constantFrom('0%', '25%', '50%', '100%')),
        (operations, replicas, revision, maxSurge, maxUnavailable) => {
          const pods = new WorkloadPods();
          const plain: PlainPod[] = [];
          const handles: ReturnType<WorkloadPods['add']>[] = [];
          let created = 0;
          for (const op of operations) {
            if (op.type === 'add') {
              const key = `pod-${created}`;
              handles.push(pods.add(key, op.revision));
              plain.push({ key, revision: op.revision, ready: false, created: created++ });
              continue;
            }
            if (handles.length === 0) continue;
            const index = op.pick % handles.length;
            if (op.type === 'ready') {
              pods.setReady(handles[index]!, op.ready);
              plain[index]!.ready = op.ready;
            } else {
              pods.remove(handles[index]!);
              handles.splice(index, 1);
              plain.splice(index, 1);
            }
          }
          const bounds = resolveRolloutBounds(replicas, maxSurge, maxUnavailable);
          expect(rolloutStep(replicas, revision, pods, bounds)).toEqual(
            plainStep(replicas, revision, plain, bounds),
          );
          expect([...pods].map((pod) => pod.key).sort()).toEqual(
            plain.map((pod) => pod.key).sort(),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
