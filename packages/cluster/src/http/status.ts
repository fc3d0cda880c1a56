import { KIND_RESOURCES, type ObjectKind } from '@slicescope/core';

/** A cause inside `details.causes` (metav1.StatusCause; Go names the `reason` field Type). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** metav1.Status in the field order the Go encoder writes. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

function failure(
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  };
}

/** `pods`, or `endpointslices.discovery.k8s.io` — how messages name a resource. */
function qualifiedResource(kind: ObjectKind): string {
  const { resource, group } = KIND_RESOURCES[kind];
  return group === '' ? resource : `${resource}.${group}`;
}

/** `{kind: resource}` plus the group when there is one, as StatusDetails carry them. */
function resourceDetails(kind: ObjectKind): { group?: string; kind: string } {
  const { resource, group } = KIND_RESOURCES[kind];
  return group === '' ? { kind: resource } : { group, kind: resource };
}

export function notFound(kind: ObjectKind, name: string): Status {
  return failure(404, 'NotFound', `${qualifiedResource(kind)} "${name}" not found`, {
    name,
    ...resourceDetails(kind),
  });
}

export function unknownPath(): Status {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function badRequest(message: string): Status {
  return failure(400, 'BadRequest', message);
}

export function unauthorized(): Status {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function forbidden(
  kind: ObjectKind,
  verb: string,
  namespace: string | undefined,
  user: string,
): Status {
  const { resource, group } = KIND_RESOURCES[kind];
  const scope =
    namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  return failure(
    403,
    'Forbidden',
    `${qualifiedResource(kind)} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`,
    resourceDetails(kind),
  );
}

/** 405 for a write verb on a served resource (apimachinery NewMethodNotSupported). */
export function methodNotSupported(kind: ObjectKind, action: string): Status {
  return failure(
    405,
    'MethodNotAllowed',
    `${action} is not supported on resources of kind "${qualifiedResource(kind)}"`,
    resourceDetails(kind),
  );
}

/** 405 for a write verb on any other path. */
export function methodNotAllowed(): Status {
  return failure(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

export function notAcceptable(): Status {
  return failure(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}

export function expired(message: string): Status {
  return failure(410, 'Expired', message);
}

/** A field error of a ListOptions validation (field.Error). */
export interface FieldError {
  type: 'FieldValueForbidden' | 'FieldValueNotSupported' | 'FieldValueInvalid';
  field: string;
  /** field.Error.ErrorBody(): "Forbidden: …", "Unsupported value: …". */
  body: string;
}

/** 422 for invalid list/watch options (apimachinery NewInvalid on ListOptions.meta.k8s.io). */
export function invalidListOptions(errors: readonly FieldError[]): Status {
  const messages = [...new Set(errors.map((error) => `${error.field}: ${error.body}`))];
  const aggregate = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  return failure(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${aggregate}`, {
    group: 'meta.k8s.io',
    kind: 'ListOptions',
    causes: errors.map((error) => ({
      reason: error.type,
      message: error.body,
      field: error.field,
    })),
  });
}

export function tooManyRequests(retryAfterSeconds: number): Status {
  return failure(429, 'TooManyRequests', 'Too many requests, please try again later.', {
    retryAfterSeconds,
  });
}

export function internalError(cause: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${cause}`, {
    causes: [{ message: cause }],
  });
}

export function serviceUnavailable(): Status {
  return failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
}

/** 504 for a resourceVersion the store has not reached (storage NewTooLargeResourceVersionError). */
export function tooLargeResourceVersion(requested: string, current: number): Status {
  return failure(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
  );
}

export function timeout(message: string, retryAfterSeconds: number): Status {
  return failure(504, 'Timeout', `Timeout: ${message}`, { retryAfterSeconds });
}
