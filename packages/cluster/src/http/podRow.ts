import type { KubeObject } from '@slicescope/core';
import { age, humanDuration } from './humanDuration.ts';
import { count, record, records, text, type Loose } from './loose.ts';

/** A Table row condition (metav1.TableRowCondition); kubectl marks completed pods with it. */
export interface RowCondition {
  type: 'Completed';
  status: 'True';
  reason: string;
  message: string;
}

const finishedAt = (status: Loose): number => {
  const at = Date.parse(text(record(record(record(status.lastState).terminated)).finishedAt));
  return Number.isNaN(at) ? 0 : at;
};

const conditionTrue = (conditions: Loose[], type: string): boolean =>
  conditions.some((condition) => condition.type === type && condition.status === 'True');

/** Why a terminated container stopped: its reason, else Signal:N or ExitCode:N. */
const terminatedReason = (terminated: Loose, prefix: string): string => {
  if (text(terminated.reason) !== '') return `${prefix}${text(terminated.reason)}`;
  const signal = count(terminated.signal);
  return signal !== 0
    ? `${prefix}Signal:${signal}`
    : `${prefix}ExitCode:${count(terminated.exitCode)}`;
};

/**
 * The cells of `kubectl get pods` — NAME, READY, STATUS, RESTARTS, AGE, then the -o wide
 * columns IP, NODE, NOMINATED NODE, READINESS GATES — computed as the apiserver's pod printer
 * does (kubernetes pkg/printers/internalversion printPod): init containers first, sidecars
 * counted as containers, the last container's waiting/terminated reason wins, Terminating while
 * a deletionTimestamp is set.
 */
export function podRow(
  pod: KubeObject,
  now: number,
): { cells: unknown[]; conditions?: RowCondition[] } {
  const spec = record(pod.spec);
  const status = record(pod.status);
  const conditions = records(status.conditions);
  const initContainers = records(spec.initContainers);
  const sidecars = new Set(
    initContainers.filter((c) => c.restartPolicy === 'Always').map((c) => text(c.name)),
  );
  const total = records(spec.containers).length + sidecars.size;
  const phase = text(status.phase);
  let reason = text(status.reason) || phase;
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;
  let initializing = false;
  const initStatuses = records(status.initContainerStatuses);
  for (const [index, container] of initStatuses.entries()) {
    restarts += count(container.restartCount);
    lastRestart = Math.max(lastRestart, finishedAt(container));
    const isSidecar = sidecars.has(text(container.name));
    if (isSidecar) {
      sidecarRestarts += count(container.restartCount);
      lastSidecarRestart = Math.max(lastSidecarRestart, finishedAt(container));
    }
    const state = record(container.state);
    const terminated = state.terminated === undefined ? undefined : record(state.terminated);
    const waitingReason = text(record(state.waiting).reason);
    if (terminated !== undefined && count(terminated.exitCode) === 0) continue;
    if (isSidecar && container.started === true) {
      if (container.ready === true) ready += 1;
      continue;
    }
    initializing = true;
    if (terminated !== undefined) reason = terminatedReason(terminated, 'Init:');
    else if (waitingReason !== '' && waitingReason !== 'PodInitializing')
      reason = `Init:${waitingReason}`;
    else reason = `Init:${index}/${initContainers.length}`;
    break;
  }

  if (!initializing || conditionTrue(conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = records(status.containerStatuses);
    for (let index = statuses.length - 1; index >= 0; index--) {
      const container = statuses[index] as Loose;
      restarts += count(container.restartCount);
      lastRestart = Math.max(lastRestart, finishedAt(container));
      const state = record(container.state);
      const waitingReason = text(record(state.waiting).reason);
      if (waitingReason !== '') reason = waitingReason;
      else if (state.terminated !== undefined)
        reason = terminatedReason(record(state.terminated), '');
      else if (container.ready === true && state.running !== undefined) {
        hasRunning = true;
        ready += 1;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = typeof pod.metadata.deletionTimestamp === 'string';
  if (deleting && text(status.reason) === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartText =
    restarts !== 0 && lastRestart !== 0
      ? `${restarts} (${humanDuration(now - lastRestart)} ago)`
      : String(restarts);
  const gates = records(spec.readinessGates);
  const gatesText =
    gates.length === 0
      ? '<none>'
      : `${gates.filter((gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True').length}/${gates.length}`;
  const row = {
    cells: [
      pod.metadata.name ?? '',
      `${ready}/${total}`,
      reason,
      restartText,
      age(pod.metadata.creationTimestamp, now),
      // v1 → internal conversion: podIP wins over podIPs[0] (compatibility with old clients).
      text(status.podIP) || text(records(status.podIPs)[0]?.ip) || '<none>',
      text(spec.nodeName) || '<none>',
      text(status.nominatedNodeName) || '<none>',
      gatesText,
    ],
  };
  if (phase === 'Succeeded' || phase === 'Failed') {
    const message =
      phase === 'Succeeded' ? 'The pod has completed successfully.' : 'The pod failed.';
    return { ...row, conditions: [{ type: 'Completed', status: 'True', reason: phase, message }] };
  }
  return row;
}
