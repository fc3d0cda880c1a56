import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'deploy',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The image test starts `slicescope serve` from a pnpm deploy of the workspace.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
