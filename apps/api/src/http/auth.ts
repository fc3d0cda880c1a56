import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

export const SESSION_COOKIE = 'slicescope_token';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Optional protection for deployments without an authenticating proxy: every request must carry
 * the token, as `Authorization: Bearer …` (scripts) or the HttpOnly session cookie the UI sets
 * with POST /api/v1/session (EventSource cannot send headers). Compared in constant time.
 */
export function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (request, _response, next) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const given = bearer ?? cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (given !== undefined && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    next(
      new HttpError(
        401,
        'unauthorized',
        'a valid token is required (Authorization: Bearer, or sign in)',
      ),
    );
  };
}

export function tokenMatches(token: string, given: string): boolean {
  return timingSafeEqual(digest(token), digest(given));
}
