import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/slowest-reporter.ts'],
    testTimeout: 30_000,
    // A page answers a click with a request and a re-render: on a loaded 2-core CI machine that
    // takes seconds, so a poll waits as long as a Playwright locator does (15 s), not 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
