import express, { type RequestHandler } from 'express';
import { decodeUtf8 } from '@slicescope/contract';
import { HttpError } from './errors.ts';

/**
 * The body parser for JSON bodies of at most `limit` bytes, refusing bytes that are not UTF-8
 * (the parser would read them as U+FFFD and a scenario would run with odd names, silently).
 */
export function jsonBody(limit: number): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify: (_request, _response, bytes) => {
      const text = decodeUtf8(bytes);
      if (!text.ok) throw new HttpError(400, 'invalid-request', `body: ${text.error}`, 'body');
    },
  });
}
