/**
 * The next step of a Deployment-like workload (kube-controller-manager's deployment controller,
 * rolling.go, simplified to one new and any number of old revisions). Pods that are terminating
 * no longer count, as for a ReplicaSet.
 */

export interface WorkloadPod {
  key: string;
  /** The template revision the Pod was created from. */
  revision: number;
  ready: boolean;
  /** Creation order, to remove the newest first when scaling down. */
  created: number;
}

export interface RolloutStep {
  /** Pods of the current revision to create. */
  create: number;
  /** Pods to delete: old revisions first, unready before ready, newest first. */
  delete: string[];
}

/** maxSurge / maxUnavailable as counts: percentages of replicas, surge rounded up, unavailable down. */
export function resolveRolloutBounds(
  replicas: number,
  maxSurge: number | string = '25%',
  maxUnavailable: number | string = '25%',
): { surge: number; unavailable: number } {
  const resolve = (value: number | string, roundUp: boolean): number => {
    if (typeof value === 'number') return value;
    // percent × replicas / 100, as intstr.GetScaledValueFromIntOrPercent computes it.
    const scaled = (Number(value.replace('%', '')) * replicas) / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  };
  const surge = resolve(maxSurge, true);
  const unavailable = resolve(maxUnavailable, false);
  // Both zero would stall the rollout; the deployment controller then allows one unavailable.
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

const unreadyNewestFirst = (a: WorkloadPod, b: WorkloadPod): number =>
  Number(a.ready) - Number(b.ready) || b.created - a.created;

export function rolloutStep(
  replicas: number,
  revision: number,
  pods: readonly WorkloadPod[],
  bounds: { surge: number; unavailable: number },
): RolloutStep {
  const current = pods.filter((pod) => pod.revision === revision);
  const old = pods.filter((pod) => pod.revision !== revision);
  if (old.length === 0) {
    if (current.length < replicas) return { create: replicas - current.length, delete: [] };
    if (current.length === replicas) return { create: 0, delete: [] }; // settled: nothing to sort
    const extra = [...current].sort(unreadyNewestFirst).slice(0, current.length - replicas);
    return { create: 0, delete: extra.map((pod) => pod.key) };
  }
  const total = current.length + old.length;
  const create = Math.max(0, Math.min(replicas + bounds.surge - total, replicas - current.length));
  const minAvailable = replicas - bounds.unavailable;
  const currentUnready = current.filter((pod) => !pod.ready).length;
  // Unready old Pods go first, as long as the rollout's unavailability budget allows
  // (cleanupUnhealthyReplicas); ready old Pods only while enough Pods stay available
  // (scaleDownOldReplicaSetsForRollingUpdate).
  const oldUnready = old.filter((pod) => !pod.ready).sort(unreadyNewestFirst);
  const cleanup = Math.max(0, Math.min(oldUnready.length, total - minAvailable - currentUnready));
  const available = pods.filter((pod) => pod.ready).length;
  const oldReady = old.filter((pod) => pod.ready).sort(unreadyNewestFirst);
  const toDelete = [
    ...oldUnready.slice(0, cleanup),
    ...oldReady.slice(0, Math.max(0, available - minAvailable)),
  ];
  // Scaled down while rolling: never keep more current Pods than wanted.
  if (current.length > replicas) {
    toDelete.push(...[...current].sort(unreadyNewestFirst).slice(0, current.length - replicas));
  }
  return { create, delete: toDelete.map((pod) => pod.key) };
}
