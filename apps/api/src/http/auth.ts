import { isIP } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { proxyIdentity, type AuthProxyConfig, type PeerTest } from './authProxy.ts';
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

/** The bearer token or the session cookie, compared in constant time. */
function hasToken(request: Request, expected: Buffer): boolean {
  const header = request.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  const given = bearer ?? cookieValue(request.headers.cookie, SESSION_COOKIE);
  return given !== undefined && timingSafeEqual(digest(given), expected);
}

/** The `field` of a 401 that a token (Bearer or the session cookie) would answer. */
export const TOKEN_FIELD = 'headers.authorization';

/**
 * Optional protection for deployments without an authenticating proxy: every request must carry
 * the token, as `Authorization: Bearer …` (scripts) or the HttpOnly session cookie the UI sets
 * with POST /api/v1/session (EventSource cannot send headers). Compared in constant time.
 */
export function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (request, _response, next) => {
    if (hasToken(request, expected)) {
      next();
      return;
    }
    next(
      new HttpError(
        401,
        'unauthorized',
        `${TOKEN_FIELD}: a valid token is required (Authorization: Bearer, or sign in)`,
        TOKEN_FIELD,
      ),
    );
  };
}

/** Users named in the log at info level once each; past this many, only at debug. */
const MAX_USERS_LOGGED = 1000;

/**
 * The guard of the api and /metrics for the configured setup, or undefined for none (a private
 * network). With an auth proxy, a request passes when it comes from a trusted proxy address and
 * names its user in the header; with a token, when it carries the token; with both, either
 * suffices — people come through the proxy, scripts and scrapers inside the cluster use the
 * token. The user is logged; the token never is. `authProxy.trusted` is the test of its peers
 * that the app also believes X-Forwarded-Proto from.
 */
export function requireAuth(
  config: {
    token?: string | undefined;
    authProxy?: (Pick<AuthProxyConfig, 'header'> & { trusted: PeerTest }) | undefined;
  },
  logger: Logger,
): RequestHandler | undefined {
  const { token, authProxy } = config;
  if (authProxy === undefined) return token === undefined ? undefined : requireToken(token);
  const { trusted } = authProxy;
  const expected = token === undefined ? undefined : digest(token);
  const seen = new Set<string>();
  return (request, response, next) => {
    const identity = proxyIdentity(request, authProxy.header, trusted);
    if (identity.ok) {
      response.locals.user = identity.user;
      if (!seen.has(identity.user) && seen.size < MAX_USERS_LOGGED) {
        seen.add(identity.user);
        logger.info({ user: identity.user }, 'user signed in through the auth proxy');
      }
      logger.debug(
        { user: identity.user, method: request.method, path: request.baseUrl + request.path },
        'request',
      );
      next();
      return;
    }
    if (expected !== undefined && hasToken(request, expected)) {
      next();
      return;
    }
    const message =
      identity.reason === 'untrusted-peer'
        ? 'sign in through the authenticating proxy'
        : `the authenticating proxy named no valid user in ${authProxy.header}`;
    // What the client should supply: the token when one is taken, else the proxy's header.
    const field = token === undefined ? `headers.${authProxy.header.toLowerCase()}` : TOKEN_FIELD;
    const text = token === undefined ? message : `${message}, or send the token`;
    next(new HttpError(401, 'unauthorized', `${field}: ${text}`, field));
  };
}

/**
 * Refuses requests for other Host names than `hosts` (any port): with the api on loopback and no
 * token, a page on another site could otherwise read it by rebinding its own name to 127.0.0.1.
 * `ipPaths` also answer a Host that is an IP address, which no rebinding page can send.
 */
export function hostCheck(
  hosts: readonly string[],
  ipPaths: readonly string[] = [],
): RequestHandler {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()));
  return (request, _response, next) => {
    const header = request.headers.host?.toLowerCase() ?? '';
    const name = header.startsWith('[')
      ? header.slice(0, header.indexOf(']') + 1)
      : header.split(':')[0];
    const ip = name !== undefined && isIP(name.replace(/^\[|\]$/g, '')) !== 0;
    if (name !== undefined && (allowed.has(name) || (ip && ipPaths.includes(request.path)))) {
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
