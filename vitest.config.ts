import { defineConfig } from 'vitest/config';

/**
 * Test files that change what a process holds for every later file: a module mocked
 * (`vi.mock('node:dns')`) or a test's own case type whose errors join the one error catalogue.
 * Each runs in a process of its own; every other file shares its worker's loaded modules.
 */
const ISOLATED = [
  'src/exchange/services/dns-rebinding.test.ts',
  'src/sharing/case-kernel.test.ts',
  'src/sharing/timeline-names.test.ts',
  'web/test/case-kernel.test.ts',
];

const ALL = ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/test/**/*.test.ts', 'bench/**/*.test.ts'];

/** What both kinds of test process share (the run's global setup and reporters are the root's). */
const common = {
  testTimeout: 30_000,
  // A page answers a click with a request and a re-render: on a loaded 2-core CI machine that
  // takes seconds, so a poll waits as long as a Playwright locator does (15 s), not 1 s.
  expect: { poll: { timeout: 15_000, interval: 100 } },
  hookTimeout: 60_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/slowest-reporter.ts'],
    // Three files at once on the 2-core machine: a third of each file's time is waiting (PostgreSQL,
    // a browser, a child process), so a third worker cut the run from ~2,000 s to ~1,700 s.
    maxWorkers: 3,
    projects: [
      // Loading the platform's modules anew for each of ~200 files cost a third of the run.
      { test: { ...common, name: 'shared', isolate: false, include: ALL, exclude: ISOLATED } },
      { test: { ...common, name: 'isolated', isolate: true, include: ISOLATED } },
    ],
  },
});
