import express, { type Request, type RequestHandler } from 'express';
import { decodeUtf8 } from '@slicescope/contract';
import { HttpError } from './errors.ts';

/** Whether the request says its body is JSON, as the parser reads the Content-Type. */
const declaresJson = (request: Request): boolean =>
  (request.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * Whether the request has no body at all and says nothing of its type: no Content-Type, and
 * neither a chunked body nor a Content-Length above zero (Node's and browsers' clients send
 * `Content-Length: 0` for a POST without a body).
 */
const sendsNothing = (request: Request): boolean =>
  request.get('content-type') === undefined &&
  request.get('transfer-encoding') === undefined &&
  Number(request.get('content-length') ?? 0) === 0;

/** Whether the bytes are JSON whitespace only (space, tab, line feed, carriage return), or none. */
function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

/**
 * The body parser for JSON bodies of at most `limit` bytes, refusing bytes that are not UTF-8
 * (the parser would read them as U+FFFD and a scenario would run with odd names, silently).
 *
 * With `mustHold` (what the body must hold, in words), a JSON request without a body — no bytes,
 * whitespace only, or none at all — and a request with neither a body nor a Content-Type are
 * refused with a 400 that says so: the parser alone would read no bytes as `{}` (then "a field
 * is required"), whitespace as bad JSON and no body at all as no JSON (415). A body of another
 * type is left unread, for the route to refuse (415).
 */
export function jsonBody(limit: number, mustHold?: string): RequestHandler {
  const empty = (): HttpError =>
    new HttpError(400, 'invalid-request', `body: is empty; send ${mustHold}`, 'body');
  const parser = express.json({
    limit,
    strict: true,
    verify: (_request, _response, bytes) => {
      if (mustHold !== undefined && isBlank(bytes)) throw empty();
      const text = decodeUtf8(bytes);
      if (!text.ok) throw new HttpError(400, 'invalid-request', `body: ${text.error}`, 'body');
    },
  });
  if (mustHold === undefined) return parser;
  return (request, response, next) =>
    parser(request, response, (error?: unknown) => {
      if (error !== undefined) next(error);
      else if (request.body === undefined && (declaresJson(request) || sendsNothing(request))) {
        next(empty());
      } else next();
    });
}
