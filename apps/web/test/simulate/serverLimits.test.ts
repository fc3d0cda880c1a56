import { describe, expect, it } from 'vitest';
import { podsHint, serverLimitsText } from '../../src/simulate/serverLimits.ts';
import { DEFAULT_LIMITS } from './fakeApi.ts';

describe("the server's limits, as the Simulate page states them", () => {
  it('names each bound, and says when runs are not timed', () => {
    expect(serverLimitsText(DEFAULT_LIMITS)).toMatch(
      /^a request body of 1 MiB, 25,000 Pods per engine run, 30 s and 2,048 MiB of memory per run;/,
    );
    expect(
      serverLimitsText({ ...DEFAULT_LIMITS, budgetSeconds: null, maxBodyBytes: 65_536 }),
    ).toMatch(/^a request body of 64 KiB, 25,000 Pods per engine run, no time limit and 2,048 MiB/);
    expect(podsHint(undefined)).toBe('0–150,000; model mode: at most 200 per Node');
  });
});
