import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/global-setup.ts'],
    // A hang guard, not a speed check: property suites on two shared cores can take tens of seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep workers bounded so DynamoDB Local keeps up.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
