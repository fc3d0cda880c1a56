import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Status } from './status.ts';

/** Headers the real server puts on every API response; clients ignore them but logs show them. */
export function commonHeaders(): Record<string, string> {
  return { 'Audit-Id': randomUUID(), 'Cache-Control': 'no-cache, private' };
}

/** Sends a complete JSON body (client-node parses by Content-Type, so it is always set). */
export function sendJson(
  res: ServerResponse,
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(statusCode, {
    ...commonHeaders(),
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/** Sends a Status with its code; a `retryAfterSeconds` detail also becomes `Retry-After`. */
export function sendStatus(
  res: ServerResponse,
  status: Status,
  headers: Record<string, string> = {},
): void {
  const retryAfter = status.details?.retryAfterSeconds;
  sendJson(res, status.code, JSON.stringify(status), {
    ...(retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) }),
    ...headers,
  });
}

export function sendText(res: ServerResponse, statusCode: number, text: string): void {
  res.writeHead(statusCode, {
    ...commonHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
