import type { ObjectKind } from '@slicescope/core';
import {
  expired,
  forbidden,
  internalError,
  serviceUnavailable,
  timeout,
  tooManyRequests,
  unauthorized,
  unknownPath,
  type Status,
} from '../http/status.ts';

export type FaultStatusCode = 401 | 403 | 404 | 410 | 429 | 500 | 503 | 504;
export type FaultVerb = 'list' | 'watch' | 'get';

/** Answer matching requests with an error status instead of serving them. */
export interface RequestFaultRule {
  status: FaultStatusCode;
  /** Only requests for this kind (default: every kind). */
  kind?: ObjectKind;
  /** Only these verbs (default: list and watch). */
  verbs?: readonly FaultVerb[];
  /** Answer this many matching requests (default 1 when no `durationMs` is given). */
  count?: number;
  /** Answer every matching request for this long (ms on the server's clock). */
  durationMs?: number;
  /** For 429 and 504: `details.retryAfterSeconds` and the `Retry-After` header (default 1). */
  retryAfterSeconds?: number;
  /** For 403: the user named in the message (default the dashboard's service account). */
  user?: string;
}

export interface RequestFaultHandle {
  /** Matching requests still to be answered with the fault (Infinity while duration-bound). */
  readonly remaining: number;
  clear(): void;
}

interface ActiveRule {
  rule: RequestFaultRule;
  remaining: number;
  until: number;
}

/** Largest count a rule accepts: faults are bounded. */
const MAX_COUNT = 1_000_000;

function statusFor(
  rule: RequestFaultRule,
  kind: ObjectKind,
  verb: FaultVerb,
  namespace: string | undefined,
): Status {
  const retryAfter = rule.retryAfterSeconds ?? 1;
  switch (rule.status) {
    case 401:
      return unauthorized();
    case 403:
      return forbidden(
        kind,
        verb,
        namespace,
        rule.user ?? 'system:serviceaccount:slicescope:slicescope',
      );
    case 404:
      return unknownPath();
    case 410:
      return expired(
        `The resourceVersion for the provided ${verb === 'watch' ? 'watch' : 'list'} is too old.`,
      );
    case 429:
      return tooManyRequests(retryAfter);
    case 500:
      return internalError('injected fault');
    case 503:
      return serviceUnavailable();
    case 504:
      return timeout('request did not complete within the allotted timeout', retryAfter);
    default: {
      const never: never = rule.status;
      return never;
    }
  }
}

/** The request-level faults of one server: rules checked in the order they were added. */
export function createRequestFaults(now: () => number): {
  add(rule: RequestFaultRule): RequestFaultHandle;
  take(kind: ObjectKind, verb: FaultVerb, namespace: string | undefined): Status | undefined;
} {
  let rules: ActiveRule[] = [];
  return {
    add(rule) {
      const count = rule.count ?? (rule.durationMs === undefined ? 1 : Infinity);
      if (count !== Infinity && (!Number.isInteger(count) || count < 0 || count > MAX_COUNT)) {
        throw new Error(`fault count ${count} is not an integer in [0, ${MAX_COUNT}]`);
      }
      if (
        rule.durationMs !== undefined &&
        !(rule.durationMs >= 0 && rule.durationMs <= 3_600_000)
      ) {
        throw new Error(`fault duration ${rule.durationMs} ms is not in [0, 3600000]`);
      }
      const active: ActiveRule = {
        rule,
        remaining: count,
        until: rule.durationMs === undefined ? Infinity : now() + rule.durationMs,
      };
      rules.push(active);
      return {
        get remaining() {
          return active.until > now() ? active.remaining : 0;
        },
        clear() {
          rules = rules.filter((candidate) => candidate !== active);
        },
      };
    },
    take(kind, verb, namespace) {
      const time = now();
      rules = rules.filter((active) => active.remaining > 0 && active.until > time);
      const active = rules.find(
        ({ rule }) =>
          (rule.kind === undefined || rule.kind === kind) &&
          (rule.verbs ?? ['list', 'watch']).includes(verb),
      );
      if (active === undefined) return undefined;
      active.remaining -= 1;
      return statusFor(active.rule, kind, verb, namespace);
    },
  };
}
