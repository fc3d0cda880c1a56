import { defineProject } from 'vitest/config';

/**
 * The dashboard in Chromium against `slicescope serve` on the demo cluster. Files run one at a
 * time, after every other project (each starts a server and a browser: on two cores, running them
 * beside the unit tests would only make both slow).
 */
export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['*.test.ts'],
    globalSetup: ['support/globalSetup.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
