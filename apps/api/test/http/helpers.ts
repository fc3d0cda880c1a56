import { expect } from 'vitest';
import type { Response } from 'supertest';
import { apiErrorSchema, type ApiError } from '@slicescope/contract';

/** Asserts an error answer: the status, the one error shape, a message, and `code`/`field`. */
export function expectApiError(
  response: Response,
  status: number,
  expected: { code?: string; field?: string; message?: RegExp } = {},
): ApiError['error'] {
  expect(response.status, response.text).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const { error } = apiErrorSchema.parse(response.body);
  expect(error.message.length).toBeGreaterThan(0);
  if (expected.code !== undefined) expect(error.code).toBe(expected.code);
  if (expected.field !== undefined) {
    expect(error.field).toBe(expected.field);
    // The message starts with the field it is about, so a person reading it knows where to look.
    expect(error.message.startsWith(`${expected.field}:`)).toBe(true);
  }
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  return error;
}
