import { endpointConditions } from '../views/sliceView.ts';
import type { Endpoint, EndpointSlice, Pod } from '@slicescope/core';
import { compareStrings, endpointAddressText } from './endpointText.ts';
import { capped, podsUnknownReason, type AnalysisInput } from './input.ts';
import { sliceName } from './sliceOwnership.ts';

/** Terminating for longer than this is "stuck" unless the caller says otherwise: 5 minutes. */
export const DEFAULT_STUCK_AFTER_MS = 5 * 60 * 1000;

/** One endpoint whose `conditions.terminating` is true. */
export interface TerminatingEndpoint {
  address: string;
  slice: string;
  /** The Pod the endpoint's targetRef names. */
  pod?: string | undefined;
  nodeName?: string | undefined;
  zone?: string | undefined;
  /** `conditions.ready`; nil read as true, as kube-proxy reads it. */
  ready: boolean;
  /**
   * `conditions.serving` (nil: as ready): still passing readiness, so kube-proxy falls back to it
   * when no endpoint is ready.
   */
  serving: boolean;
  /** The Pod's `metadata.deletionTimestamp`: the end of its grace period. */
  deletionTimestamp?: string | undefined;
  /** Milliseconds since its deletion was asked for; absent when unknown. */
  terminatingForMs?: number | undefined;
  /** Milliseconds past the end of its grace period (negative: still within it). */
  overdueMs?: number | undefined;
  /** Terminating for longer than the threshold. False when the age is unknown. */
  stuck: boolean;
  /** Why the age is unknown, or what is odd about the Pod. */
  note?: string | undefined;
}

export interface TerminatingAnalysis {
  stuckAfterMs: number;
  /** Pods are watched, so ages can be known. */
  agesKnown: boolean;
  /** Terminating endpoints in all the Service's slices. */
  count: number;
  stuckCount: number;
  /** Of them, still serving. */
  servingCount: number;
  /** Longest terminating first, unknown ages last (capped). */
  endpoints: TerminatingEndpoint[];
}

function podKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/**
 * When the Pod's deletion was asked for: `deletionTimestamp` is that moment plus the grace
 * period (the API server sets it to now + `deletionGracePeriodSeconds` on a graceful delete;
 * ObjectMeta docs), so the period is subtracted when the Pod carries it. Without it, the
 * deletion timestamp itself is used, which under-counts by the grace period.
 */
function deletionRequestedAt(pod: Pod, deadline: number): number {
  const grace = pod.metadata['deletionGracePeriodSeconds'];
  return typeof grace === 'number' && Number.isFinite(grace) ? deadline - grace * 1000 : deadline;
}

function describe(
  endpoint: Endpoint,
  slice: EndpointSlice,
  pods: ReadonlyMap<string, Pod> | undefined,
  podsUnknown: string,
  now: number,
  stuckAfterMs: number,
): TerminatingEndpoint {
  const ref = endpoint.targetRef;
  const isPodRef = ref?.kind === 'Pod' && ref.name !== undefined;
  const { ready, serving } = endpointConditions(endpoint);
  const entry: TerminatingEndpoint = {
    address: endpointAddressText(endpoint),
    slice: sliceName(slice),
    pod: isPodRef ? ref.name : undefined,
    nodeName: endpoint.nodeName,
    zone: endpoint.zone,
    ready,
    serving,
    stuck: false,
  };
  if (!pods) return { ...entry, note: `${podsUnknown}: age unknown` };
  if (!isPodRef) return { ...entry, note: 'the endpoint names no Pod: age unknown' };
  const pod = pods.get(podKey(ref.namespace ?? slice.metadata.namespace, ref.name));
  if (!pod) return { ...entry, note: 'the Pod is gone: the slice has not caught up' };
  if (ref.uid !== undefined && pod.metadata.uid !== undefined && ref.uid !== pod.metadata.uid)
    return { ...entry, note: 'a new Pod has taken the name: the slice has not caught up' };
  const deletionTimestamp = pod.metadata.deletionTimestamp ?? undefined;
  if (!deletionTimestamp)
    return { ...entry, note: 'the Pod is not being deleted: the slice has not caught up' };
  const deadline = Date.parse(deletionTimestamp);
  if (Number.isNaN(deadline))
    return { ...entry, deletionTimestamp, note: 'the deletion timestamp does not parse' };
  // Clamped: a server clock ahead of ours must not give a negative age (watch-protocol R22).
  const terminatingForMs = Math.max(0, now - deletionRequestedAt(pod, deadline));
  return {
    ...entry,
    deletionTimestamp,
    terminatingForMs,
    overdueMs: now - deadline,
    stuck: terminatingForMs > stuckAfterMs,
  };
}

/**
 * The Service's terminating endpoints (`conditions.terminating`, set by the controller while the
 * Pod has a deletionTimestamp; KEP-1672), with how long each has been terminating at `now`
 * (ms since the epoch). "Stuck" means longer than `stuckAfterMs`: a finalizer, a long grace
 * period or an unreachable node's kubelet keeps the Pod, and its endpoint, around. Without Pods
 * the endpoints are still listed, with unknown ages.
 */
export function analyseTerminating(
  input: AnalysisInput,
  now: number,
  stuckAfterMs: number = DEFAULT_STUCK_AFTER_MS,
): TerminatingAnalysis {
  const pods = input.pods
    ? new Map(input.pods.map((pod) => [podKey(pod.metadata.namespace, pod.metadata.name), pod]))
    : undefined;
  const all: TerminatingEndpoint[] = [];
  for (const slice of input.slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.terminating !== true) continue;
      all.push(describe(endpoint, slice, pods, podsUnknownReason(input), now, stuckAfterMs));
    }
  }
  all.sort(
    (a, b) =>
      (b.terminatingForMs ?? -Infinity) - (a.terminatingForMs ?? -Infinity) ||
      compareStrings(a.address, b.address) ||
      compareStrings(a.slice, b.slice),
  );
  const agesNote =
    pods === undefined
      ? `Ages are unknown: ${podsUnknownReason(input)}.`
      : input.takenAt === undefined
        ? undefined
        : `Ages are measured to ${input.takenAt}, the newest time the dump records; it was taken then or later, so they may be short.`;
  return {
    stuckAfterMs,
    agesKnown: pods !== undefined,
    ...(agesNote !== undefined && { agesNote }),
    count: all.length,
    stuckCount: all.filter((entry) => entry.stuck).length,
    servingCount: all.filter((entry) => entry.serving).length,
    endpoints: capped(all),
  };
}
