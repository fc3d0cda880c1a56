/**
 * The next step of a Deployment-like workload (kube-controller-manager's deployment controller,
 * rolling.go, simplified to one new and any number of old revisions). Pods that are terminating
 * no longer count, as for a ReplicaSet.
 */

/**
 * A workload's Pod that is not terminating, linked into the list of its revision's Pods, oldest
 * to newest: a step finds the newest Pods of a revision by walking back from the newest.
 */
export interface WorkloadPod {
  readonly key: string;
  /** The template revision the Pod was created from. */
  readonly revision: number;
  /** Creation order within the workload: the newest are removed first when scaling down. */
  readonly created: number;
  ready: boolean;
  older: WorkloadPod | undefined;
  newer: WorkloadPod | undefined;
}

interface RevisionPods {
  oldest: WorkloadPod | undefined;
  newest: WorkloadPod | undefined;
  ready: number;
  unready: number;
}

/**
 * A workload's Pods that are not terminating, kept per revision with their ready and unready
 * counts, so that a rollout step costs what it creates and deletes rather than a sort of every
 * Pod: it runs after each readiness change, which in a rollout whose Pods start one by one is
 * once per Pod.
 */
export class WorkloadPods {
  private readonly revisions = new Map<number, RevisionPods>();
  private added = 0;
  private readyPods = 0;
  private unreadyPods = 0;

  /** Ready Pods of every revision. */
  get ready(): number {
    return this.readyPods;
  }

  /** Unready Pods of every revision. */
  get unready(): number {
    return this.unreadyPods;
  }

  /** Adds a new, unready Pod: the newest of the workload and of its revision. */
  add(key: string, revision: number): WorkloadPod {
    let pods = this.revisions.get(revision);
    if (!pods) {
      pods = { oldest: undefined, newest: undefined, ready: 0, unready: 0 };
      this.revisions.set(revision, pods);
    }
    const pod: WorkloadPod = {
      key,
      revision,
      created: this.added++,
      ready: false,
      older: pods.newest,
      newer: undefined,
    };
    if (pods.newest) pods.newest.newer = pod;
    else pods.oldest = pod;
    pods.newest = pod;
    pods.unready++;
    this.unreadyPods++;
    return pod;
  }

  setReady(pod: WorkloadPod, ready: boolean): void {
    if (pod.ready === ready) return;
    pod.ready = ready;
    const pods = this.revisions.get(pod.revision)!;
    const change = ready ? 1 : -1;
    pods.ready += change;
    pods.unready -= change;
    this.readyPods += change;
    this.unreadyPods -= change;
  }

  /** Takes out a Pod that is terminating or gone. */
  remove(pod: WorkloadPod): void {
    const pods = this.revisions.get(pod.revision)!;
    if (pod.older) pod.older.newer = pod.newer;
    else pods.oldest = pod.newer;
    if (pod.newer) pod.newer.older = pod.older;
    else pods.newest = pod.older;
    pod.older = pod.newer = undefined;
    if (pod.ready) {
      pods.ready--;
      this.readyPods--;
    } else {
      pods.unready--;
      this.unreadyPods--;
    }
    if (pods.ready + pods.unready === 0) this.revisions.delete(pod.revision);
  }

  /** Ready, or unready, Pods of one revision. */
  countIn(revision: number, ready: boolean): number {
    const pods = this.revisions.get(revision);
    return pods ? (ready ? pods.ready : pods.unready) : 0;
  }

  /**
   * Appends to `keys` the keys of the newest `count` Pods that are ready (or unready) and of
   * `revision` (or, with `old`, of any other revision); returns how many it appended.
   */
  takeNewest(
    keys: string[],
    count: number,
    ready: boolean,
    revision: number,
    old: boolean,
  ): number {
    if (count <= 0) return 0;
    // Per revision, its newest Pod not yet taken and how many more it has: a k-way merge by
    // creation over the few revisions, each walked back only as far as the Pods it gives.
    const heads: { pod: WorkloadPod | undefined; left: number }[] = [];
    for (const [podsRevision, pods] of this.revisions) {
      if ((podsRevision !== revision) !== old) continue;
      const left = ready ? pods.ready : pods.unready;
      if (left > 0) heads.push({ pod: newestFrom(pods.newest, ready), left });
    }
    let taken = 0;
    while (taken < count && heads.length > 0) {
      let best = 0;
      for (let i = 1; i < heads.length; i++) {
        if (heads[i]!.pod!.created > heads[best]!.pod!.created) best = i;
      }
      const head = heads[best]!;
      keys.push(head.pod!.key);
      taken++;
      if (--head.left === 0) heads.splice(best, 1);
      else head.pod = newestFrom(head.pod!.older, ready);
    }
    return taken;
  }

  /** Every Pod, per revision, oldest first. */
  *[Symbol.iterator](): IterableIterator<WorkloadPod> {
    for (const pods of this.revisions.values()) {
      for (let pod = pods.oldest; pod; pod = pod.newer) yield pod;
    }
  }
}

/** `pod` or the newest older Pod of its revision that is ready (or unready). */
function newestFrom(pod: WorkloadPod | undefined, ready: boolean): WorkloadPod | undefined {
  while (pod && pod.ready !== ready) pod = pod.older;
  return pod;
}

export interface RolloutStep {
  /** Pods of the current revision to create. */
  create: number;
  /** Pods to delete: old revisions first, unready before ready, newest first. */
  delete: string[];
}

/** How many Pods a rolling update may add over, and take below, the wanted replicas. */
export interface RolloutBounds {
  surge: number;
  unavailable: number;
}

/** maxSurge / maxUnavailable as counts: percentages of replicas, surge rounded up, unavailable down. */
export function resolveRolloutBounds(
  replicas: number,
  maxSurge: number | string = '25%',
  maxUnavailable: number | string = '25%',
): RolloutBounds {
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

export function rolloutStep(
  replicas: number,
  revision: number,
  pods: WorkloadPods,
  bounds: RolloutBounds,
): RolloutStep {
  const currentReady = pods.countIn(revision, true);
  const currentUnready = pods.countIn(revision, false);
  const current = currentReady + currentUnready;
  const oldUnready = pods.unready - currentUnready;
  const old = pods.ready - currentReady + oldUnready;
  const toDelete: string[] = [];
  if (old === 0) {
    if (current < replicas) return { create: replicas - current, delete: toDelete };
    takeExtraCurrent(pods, toDelete, current - replicas, revision);
    return { create: 0, delete: toDelete };
  }
  const total = current + old;
  const create = Math.max(0, Math.min(replicas + bounds.surge - total, replicas - current));
  const minAvailable = replicas - bounds.unavailable;
  // Unready old Pods go first, as long as the rollout's unavailability budget allows
  // (cleanupUnhealthyReplicas); ready old Pods only while enough Pods stay available
  // (scaleDownOldReplicaSetsForRollingUpdate).
  const cleanup = Math.max(0, Math.min(oldUnready, total - minAvailable - currentUnready));
  pods.takeNewest(toDelete, cleanup, false, revision, true);
  pods.takeNewest(toDelete, pods.ready - minAvailable, true, revision, true);
  // Scaled down while rolling: never keep more current Pods than wanted.
  takeExtraCurrent(pods, toDelete, current - replicas, revision);
  return { create, delete: toDelete };
}

/** The `extra` current Pods a scale-down removes: unready before ready, newest first. */
function takeExtraCurrent(pods: WorkloadPods, keys: string[], extra: number, revision: number) {
  const unready = pods.takeNewest(keys, extra, false, revision, false);
  pods.takeNewest(keys, extra - unready, true, revision, false);
}
