import { Counter, Gauge, type Registry } from 'prom-client';
import type { JobRunner } from './runner.js';

/**
 * The jobs' metrics, registered into the platform's registry:
 * `govshare_job_last_success_timestamp_seconds{job}` (as stored for cluster jobs),
 * `govshare_job_failures_total{job}` (on this node since start), `govshare_job_running{job}`.
 */
export function registerJobMetrics(registry: Registry, jobs: JobRunner): void {
  new Gauge({
    name: 'govshare_job_last_success_timestamp_seconds',
    help: 'When each background job last succeeded (Unix seconds; absent before its first success)',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const status of await jobs.status())
        if (status.lastSuccessAt) this.set({ job: status.name }, Date.parse(status.lastSuccessAt) / 1000);
    },
  });
  new Counter({
    name: 'govshare_job_failures_total',
    help: 'Failed runs of each background job on this node since it started',
    labelNames: ['job'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [job, failures] of jobs.failureCounts()) this.inc({ job }, failures);
    },
  });
  new Gauge({
    name: 'govshare_job_running',
    help: 'Whether each background job is running on this node now (1) or not (0)',
    labelNames: ['job'] as const,
    registers: [registry],
    collect() {
      const running = jobs.runningNames();
      for (const job of jobs.failureCounts().keys()) this.set({ job }, running.has(job) ? 1 : 0);
    },
  });
}
