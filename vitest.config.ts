import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'test/deploy', 'test/e2e'],
    reporters: ['default', './scripts/summaryReporter.ts'],
  },
});
