import type { JobsMenuMessages, JobsMessages } from './jobs.zh-CN.ts';

/** English messages of the background jobs page; every key mirrors jobs.zh-CN.ts. */
export const jobsMenuEn: JobsMenuMessages = {
  jobs: 'Background jobs',
};

export const jobsEn: JobsMessages = {
  title: 'Background jobs',
  subtitle:
    'How the background work runs: audit archiving and checkpoints, deadline sweeps, notice delivery, subscription pushes and node-offline detection. A cluster job runs on one node per period; a failing job is retried after a growing wait.',
  name: 'Job',
  schedule: 'Schedule',
  every: 'Every {{value}}',
  dailyAt: 'Daily at {{time}} (China time)',
  scope: 'Scope',
  scopeCluster: 'Cluster (one node)',
  scopeNode: 'Every node',
  lastRun: 'Last run',
  outcome: 'Outcome',
  success: 'Succeeded',
  failure: 'Failed',
  running: 'Running',
  neverRun: 'Not run yet',
  failures: '{{count}} failures in a row',
  nextRun: 'Next run',
  lastError: 'Last error',
  lastSuccess: 'Last success: {{at}}',
  runningOn: 'Running on: {{node}}',
  seconds: '{{count}} s',
  minutes: '{{count}} min',
  hours: '{{count}} h',
  empty: 'No background jobs',
};
