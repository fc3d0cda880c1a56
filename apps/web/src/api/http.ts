import { apiErrorSchema } from '@slicescope/contract';
import type { z } from 'zod';
import { appUrl } from '../app/navigation.ts';

/**
 * An api answer that was not 2xx, with the api's error code, the field it is about and, when
 * the api said when to ask again (Retry-After), how long to wait first.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Whether the api answered 404: what was asked for is not there (a Service deleted, say). */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiRequestError && error.status === 404;

/** Retry-After in ms: the header's delta-seconds (the api sends no date), if it has them. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after')?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) * 1000 : undefined;
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = apiErrorSchema.safeParse(body);
  const retryAfter = retryAfterMs(response.headers);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiRequestError(response.status, code, message, field, retryAfter);
  }
  const message = `${response.status} ${response.statusText}`;
  return new ApiRequestError(response.status, 'http', message, undefined, retryAfter);
}

/** A 2xx answer that does not match its contract schema: an error naming the field. */
function checked<S extends z.ZodType>(path: string, schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new ApiRequestError(
    200,
    'contract',
    `The api answered ${path} in an unexpected shape: ${field}: ${issue?.message ?? 'invalid'}`,
    field,
  );
}

async function send(path: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(appUrl(`/api/v1${path}`), { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'unreachable', 'The slicescope server cannot be reached.');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/**
 * GETs `/api/v1<path>` and checks the answer against its contract schema: a mismatch is an
 * error that names the field, never a half-drawn view.
 */
export async function getJson<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const response = await send(path, { headers: { accept: 'application/json' } }, signal);
  return checked(path, schema, await response.json());
}

/**
 * POSTs JSON to `/api/v1<path>`; resolves with the answer checked against its contract schema
 * (or undefined on 204, or when no schema is given).
 */
export async function postJson<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S | undefined,
  signal?: AbortSignal,
): Promise<z.infer<S> | undefined> {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
  const response = await send(path, init, signal);
  if (schema === undefined || response.status === 204) return undefined;
  return checked(path, schema, await response.json());
}
