import { describe, expect, test } from 'vitest';
import { ApiRequestError } from '../../src/api/http.ts';
import { createQueryClient } from '../../src/api/queryClient.ts';

/** How many times the app's client asks a read that always fails with `error`. */
async function attempts(error: Error): Promise<number> {
  let calls = 0;
  const client = createQueryClient();
  await expect(
    client.fetchQuery({
      queryKey: ['read'],
      queryFn: () => {
        calls++;
        throw error;
      },
      retryDelay: 0,
    }),
  ).rejects.toBe(error);
  return calls;
}

describe("the app's reads", () => {
  test.each([
    [400, 'invalid-request'],
    [404, 'not-found'],
    [413, 'too-large'],
  ])('are not asked again after a %i: the api would answer the same', async (status, code) => {
    expect(await attempts(new ApiRequestError(status, code, 'refused'))).toBe(1);
  });

  test('are asked once more after a 5xx or a network failure', async () => {
    expect(await attempts(new ApiRequestError(503, 'unavailable', 'not ready'))).toBe(2);
    expect(await attempts(new TypeError('Failed to fetch'))).toBe(2);
  });
});
