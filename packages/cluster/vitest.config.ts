import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cluster',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
