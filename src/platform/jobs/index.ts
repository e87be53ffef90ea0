export { JobErrors } from './errors.js';
export { registerJobMetrics } from './metrics.js';
export {
  type JobDefinition,
  type JobLog,
  JobRunner,
  type JobRunnerOptions,
  type JobScope,
  type JobStatus,
} from './runner.js';
export { type Backoff, DAY_MS, type JobSchedule } from './schedule.js';
export { type JobTables, jobMigrations, type PlatformJobTable } from './store.js';
