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

/**
 * Refuses requests for other Host names than `hosts` (any port): with the api on loopback and no
 * token, a page on another site could otherwise read it by rebinding its own name to 127.0.0.1.
 */
export function hostCheck(hosts: readonly string[]): RequestHandler {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()));
  return (request, _response, next) => {
    const header = request.headers.host?.toLowerCase() ?? '';
    const name = header.startsWith('[')
      ? header.slice(0, header.indexOf(']') + 1)
      : header.split(':')[0];
    if (name !== undefined && allowed.has(name)) {
      next();
      return;
    }
    next(
      new HttpError(
        403,
        'forbidden-host',
        `the Host "${header}" is not served here; use 127.0.0.1 or localhost`,
      ),
    );
  };
}

export function tokenMatches(token: string, given: string): boolean {
  return timingSafeEqual(digest(token), digest(given));
}
