import { apiErrorSchema } from '@slicescope/contract';
import type { z } from 'zod';
import { appUrl } from '../app/navigation.ts';

/** An api answer that was not 2xx, with the api's error code and the field it is about. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiRequestError(response.status, code, message, field);
  }
  return new ApiRequestError(response.status, 'http', `${response.status} ${response.statusText}`);
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
  const init: RequestInit = { headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(appUrl(`/api/v1${path}`), init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'unreachable', 'The slicescope server cannot be reached.');
  }
  if (!response.ok) throw await errorOf(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new ApiRequestError(
      200,
      'contract',
      `The api answered ${path} in an unexpected shape: ${field}: ${issue?.message ?? 'invalid'}`,
      field,
    );
  }
  return parsed.data;
}

/** POSTs JSON to `/api/v1<path>`; resolves with the parsed answer (or undefined on 204). */
export async function postJson<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S | undefined,
): Promise<z.infer<S> | undefined> {
  const response = await fetch(appUrl(`/api/v1${path}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await errorOf(response);
  if (schema === undefined || response.status === 204) return undefined;
  return schema.parse(await response.json());
}
