import type { ObjectKind } from '@slicescope/core';
import { parseFieldSelector, type FieldSelector } from './fieldSelector.ts';
import { parseLabelSelector, type LabelSelector } from './labelSelector.ts';
import { badRequest, invalidListOptions, type FieldError, type Status } from './status.ts';

/** The list/watch query parameters (metav1.ListOptions) after decoding. */
export interface ListOptions {
  watch: boolean;
  /** Raw `resourceVersion`; `''` when absent. */
  resourceVersion: string;
  /** `resourceVersion` as a number; 0 for absent, empty or "0" (meaning "any"). */
  rv: number;
  resourceVersionMatch: string;
  /** undefined when the parameter is absent (it is a pointer in Go). */
  sendInitialEvents: boolean | undefined;
  allowWatchBookmarks: boolean;
  /**
   * undefined when absent or 0 (the server then picks its own timeout). A negative one is kept:
   * the apiserver arms its watch timer with it, which fires at once (handlers/get.go).
   */
  timeoutSeconds: number | undefined;
  /** 0 = no limit (absent or negative). */
  limit: number;
  continue: string;
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
}

/**
 * Query booleans decode as the apiserver's conversion does: present and neither "0" nor
 * "false" (any case) means true — so `watch=1`, `watch=true` and even `watch=` all watch.
 */
function bool(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  return value !== '0' && value.toLowerCase() !== 'false';
}

function int64(query: URLSearchParams, name: string): number | Status | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^[+-]?[0-9]+$/.test(value)) {
    return badRequest(
      `invalid value for query parameter ${name}: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  }
  const number = Number(value);
  if (!Number.isSafeInteger(number)) {
    return badRequest(
      `invalid value for query parameter ${name}: strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`,
    );
  }
  return number;
}

/** The largest resourceVersion the apiserver parses (strconv.ParseUint, 64 bits). */
const MAX_RESOURCE_VERSION = 2n ** 64n - 1n;

/**
 * A `resourceVersion` parameter as the apiserver reads it: "" and "0" mean any (0), digits up to
 * 2⁶⁴ − 1 are a resourceVersion. One past 2⁵³ is kept as the nearest number: it is beyond any
 * this server issues, so it is too large whatever its last digits (see {@link requestedVersion}).
 */
export function parseResourceVersion(raw: string): number | Status {
  if (raw === '' || raw === '0') return 0;
  if (!/^[0-9]+$/.test(raw)) {
    return badRequest(
      `invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`,
    );
  }
  if (BigInt(raw) > MAX_RESOURCE_VERSION) {
    return badRequest(
      `invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(raw)}: value out of range`,
    );
  }
  return Number(raw);
}

/** A parsed resourceVersion as the client sent it, digit for digit, for messages. */
export function requestedVersion(raw: string): string {
  return BigInt(raw).toString();
}

const forbidden = (field: string, detail: string): FieldError => ({
  type: 'FieldValueForbidden',
  field,
  body: `Forbidden: ${detail}`,
});

const notSupported = (field: string, value: string, supported: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  body: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});

/**
 * The apiserver's ListOptions validation with the WatchList feature on (apimachinery
 * `internalversion/validation`): violations give 422 Invalid.
 */
function validate(options: ListOptions): FieldError[] {
  const errors: FieldError[] = [];
  const match = options.resourceVersionMatch;
  if (options.watch) {
    if (options.sendInitialEvents !== undefined && match !== 'NotOlderThan') {
      errors.push(
        forbidden(
          'resourceVersionMatch',
          'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
        ),
      );
    }
    if (match !== '') {
      if (options.sendInitialEvents === undefined) {
        errors.push(
          forbidden(
            'resourceVersionMatch',
            'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
          ),
        );
      }
      if (match !== 'NotOlderThan') {
        errors.push(notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      }
      if (options.continue !== '') {
        errors.push(
          forbidden(
            'resourceVersionMatch',
            'resourceVersionMatch is forbidden when continue is provided',
          ),
        );
      }
    }
    return errors;
  }
  if (match !== '') {
    if (options.resourceVersion === '') {
      errors.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden unless resourceVersion is provided',
        ),
      );
    }
    if (options.continue !== '') {
      errors.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch is forbidden when continue is provided',
        ),
      );
    }
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      errors.push(notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    }
    if (match === 'Exact' && options.resourceVersion === '0') {
      errors.push(
        forbidden(
          'resourceVersionMatch',
          'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
        ),
      );
    }
  }
  if (options.sendInitialEvents !== undefined) {
    errors.push(forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  return errors;
}

/**
 * Decodes and validates list/watch query parameters for a kind, in the apiserver's order:
 * decoding and selector errors → 400 BadRequest, option combinations → 422 Invalid.
 */
export function parseListOptions(
  query: URLSearchParams,
  kind: ObjectKind,
): { ok: true; options: ListOptions } | { ok: false; status: Status } {
  const timeoutSeconds = int64(query, 'timeoutSeconds');
  if (typeof timeoutSeconds === 'object') return { ok: false, status: timeoutSeconds };
  const limit = int64(query, 'limit');
  if (typeof limit === 'object') return { ok: false, status: limit };

  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  if (!labels.ok) return { ok: false, status: badRequest(labels.message) };
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '', kind);
  if (!fields.ok) return { ok: false, status: badRequest(fields.message) };

  const resourceVersion = query.get('resourceVersion') ?? '';
  const options: ListOptions = {
    watch: bool(query, 'watch') ?? false,
    resourceVersion,
    rv: 0,
    resourceVersionMatch: query.get('resourceVersionMatch') ?? '',
    sendInitialEvents: bool(query, 'sendInitialEvents'),
    allowWatchBookmarks: bool(query, 'allowWatchBookmarks') ?? false,
    timeoutSeconds: timeoutSeconds === 0 ? undefined : timeoutSeconds,
    limit: limit !== undefined && limit > 0 ? limit : 0,
    continue: query.get('continue') ?? '',
    labelSelector: labels.selector,
    fieldSelector: fields.selector,
  };
  const errors = validate(options);
  if (errors.length > 0) return { ok: false, status: invalidListOptions(errors) };
  const rv = parseResourceVersion(resourceVersion);
  if (typeof rv === 'object') return { ok: false, status: rv };
  return { ok: true, options: { ...options, rv } };
}
