import type { KubeObject } from '@slicescope/core';
import { isRecord } from '../rawJson.ts';

/** The `Status` fields an in-band ERROR event is read for (never its message: it is upstream text). */
export interface StatusSummary {
  code?: number;
  reason?: string;
  retryAfterSeconds?: number;
}

/** One line of a watch body, decoded (watch-protocol.md §1.5, "Event envelope"). */
type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject; resourceVersion: string }
  | { type: 'BOOKMARK'; resourceVersion: string }
  | { type: 'ERROR'; status: StatusSummary }
  | { type: 'MALFORMED'; why: string };

/** Reads the machine-readable fields of a metav1.Status (from a body or an ERROR event). */
export function summarizeStatus(value: unknown): StatusSummary {
  if (!isRecord(value)) return {};
  const details = isRecord(value.details) ? value.details : {};
  const summary: StatusSummary = {};
  if (typeof value.code === 'number' && Number.isInteger(value.code)) summary.code = value.code;
  if (typeof value.reason === 'string' && /^[A-Za-z]{1,64}$/.test(value.reason)) {
    summary.reason = value.reason;
  }
  const retry = details.retryAfterSeconds;
  if (typeof retry === 'number' && Number.isFinite(retry) && retry >= 0) {
    summary.retryAfterSeconds = retry;
  }
  return summary;
}

function resourceVersionOf(object: Record<string, unknown>): string | undefined {
  const metadata = object.metadata;
  if (!isRecord(metadata)) return undefined;
  return typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined;
}

/**
 * Decodes one watch line. Anything that is not a `{type, object}` envelope of a known type with an
 * object carrying `metadata.resourceVersion` is MALFORMED: client-node skips such lines silently,
 * which loses the event for good once a later event moves the resourceVersion past it (§2.3), so
 * the caller treats MALFORMED as a broken stream instead.
 */
export function parseWatchLine(line: string): WatchEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { type: 'MALFORMED', why: 'not JSON' };
  }
  if (!isRecord(parsed) || !isRecord(parsed.object)) {
    return { type: 'MALFORMED', why: 'not a {type, object} envelope' };
  }
  const { type, object } = parsed;
  switch (type) {
    case 'ERROR':
      return { type, status: summarizeStatus(object) };
    case 'BOOKMARK':
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED': {
      const resourceVersion = resourceVersionOf(object);
      if (resourceVersion === undefined || resourceVersion === '') {
        return { type: 'MALFORMED', why: `${type} without metadata.resourceVersion` };
      }
      if (type === 'BOOKMARK') return { type, resourceVersion };
      // Watch objects are raw Kubernetes JSON; the sink projects them (no typed deserializer).
      return { type, object: object as unknown as KubeObject, resourceVersion };
    }
    default:
      return { type: 'MALFORMED', why: 'unknown event type' };
  }
}
