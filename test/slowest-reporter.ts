import type { Reporter, TestModule } from 'vitest/node';

/** How many files the summary lists. */
const LISTED = 25;

/**
 * Prints, after the run, the test files that took longest (tests and hooks plus import), with
 * their share of the run's worker time: where to look first when CI grows past its budget
 * (30 minutes; see .ci/run). Printed last so CI's tail of the log shows it.
 */
export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules.map((m) => {
      const d = m.diagnostic();
      return { file: m.relativeModuleId, ms: d.duration + d.collectDuration + d.setupDuration };
    });
    const total = rows.reduce((sum, r) => sum + r.ms, 0);
    if (rows.length < 2 || total === 0) return;
    rows.sort((a, b) => b.ms - a.ms);
    const lines = rows
      .slice(0, LISTED)
      .map(
        (r) =>
          `${(r.ms / 1000).toFixed(0).padStart(6)} s ${((100 * r.ms) / total).toFixed(1).padStart(5)} %  ${r.file}`,
      );
    console.log(
      `\n最慢的测试文件 / slowest test files (worker time ${(total / 1000).toFixed(0)} s in ${rows.length} files):\n${lines.join('\n')}\n`,
    );
  }
}
