import { join } from 'node:path';
import { type AuditTrail, applyRetention, retentionPeriod } from '../audit/index.js';
import type { CatalogService, ObligationService } from '../catalog/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { Logger } from '../platform/log/index.js';
import type { SharingServices } from '../sharing/index.js';
import type { BuiltServices } from './services.js';

/** How often queued e-mail and webhook notices are sent. */
export const DELIVERY_POLL_MS = 15_000;
/** How often the sharing deadlines are swept. */
export const SHARING_SWEEP_MS = 5 * 60_000;
/** Audit retention runs once a day (R87) in the quiet of the night, China time; the CLI runs it on demand. */
export const RETENTION_DAILY_AT = '03:00';

export interface PlatformJobDeps {
  jobs: JobRunner;
  clock: Clock;
  audit: AuditTrail;
  sharing: Pick<SharingServices, 'scheduler' | 'delivery'>;
  catalog: Pick<CatalogService, 'sweepOverdueReviews'>;
  catalogObligations: Pick<ObligationService, 'sweepOverdue'>;
  /** Months of audit trail kept; null when the profile sets no period (nothing is removed). */
  retentionMonths: number | null;
  archiveDir: string;
  log: Pick<Logger, 'info'>;
  /** Data snapshots (R107), kept as long as the audit trail; none to expire where not given. */
  snapshots?: { expire(cutoff: string): Promise<number> };
}

/**
 * The platform's own background work on the jobs runner (the exchange registers its poll and node
 * watch itself). Cluster jobs run on one node per period; node jobs are each node's cheap polls over
 * rows that are claimed one by one anyway.
 */
export function registerPlatformJobs(deps: PlatformJobDeps): void {
  const { jobs } = deps;
  const months = deps.retentionMonths;
  // Entries past the profile's retention period are archived to signed files, then removed (R87).
  if (months !== null)
    jobs.register({
      name: 'audit.retention',
      label: { zh: '审计日志到期归档与清理', en: 'Audit retention (archive and remove expired entries)' },
      dailyAt: RETENTION_DAILY_AT,
      scope: 'cluster',
      run: async () => {
        const result = await applyRetention(deps.audit, { months, archiveDir: deps.archiveDir });
        if (result.archived)
          deps.log.info({ job: 'audit.retention', retention: result }, 'audit entries archived');
        // R107: a data snapshot is kept exactly as long as the access entry that names it.
        const expired = (await deps.snapshots?.expire(result.cutoff)) ?? 0;
        if (expired > 0) deps.log.info({ job: 'audit.retention', expired }, 'data snapshots expired');
      },
    });
  // Each node checks; the chain's lock and the "anything unsigned?" test keep it one signature.
  jobs.register({
    name: 'audit.checkpoint',
    label: { zh: '审计链签名检查点', en: 'Audit chain checkpoint' },
    every: deps.audit.checkpointEveryMs,
    scope: 'node',
    run: () => deps.audit.checkpointIfDue(),
  });
  // Reply deadlines are re-evaluated every few minutes: due-soon reminders and overdue flags (R32, R40).
  jobs.register({
    name: 'sharing.deadline-sweep',
    label: { zh: '共享答复期限巡检', en: 'Sharing deadline sweep' },
    every: SHARING_SWEEP_MS,
    scope: 'cluster',
    run: async () => {
      await deps.sharing.scheduler.sweep(deps.clock.now());
    },
  });
  // 809 第十七条 (N06): the authority reviews an updated catalog within the profile's period, the
  // department updates it within its own; each overdue item is flagged once, in the audit trail,
  // and escalated to the sharing-office head of the one that owes it (R128).
  jobs.register({
    name: 'catalog.review-sweep',
    label: {
      zh: '目录审核期限巡检（含目录更新任务）',
      en: 'Catalog review deadline sweep (and catalog update obligations)',
    },
    every: SHARING_SWEEP_MS,
    scope: 'cluster',
    run: async () => {
      const now = deps.clock.now();
      await deps.catalog.sweepOverdueReviews(now);
      await deps.catalogObligations.sweepOverdue(now);
    },
  });
  // Notices queued for e-mail and webhooks are sent after their transactions commit, with retries;
  // each notice is claimed by a lease on its row, so every node may poll.
  jobs.register({
    name: 'sharing.notice-delivery',
    label: { zh: '通知投递（邮件、Webhook）', en: 'Notice delivery (e-mail, webhooks)' },
    every: DELIVERY_POLL_MS,
    scope: 'node',
    run: async () => {
      await deps.sharing.delivery.worker.run();
    },
  });
}

/**
 * Registers every background job with the platform's runner (the platform's own, then the
 * exchange's, which also starts its push worker) and starts the runner unless told not to: a
 * one-shot CLI command registers them (an operator may run one now) but does not run them.
 */
export function startJobs(built: BuiltServices, options: { start: boolean }): void {
  const { config, clock, services, profile, log } = built;
  registerPlatformJobs({
    jobs: services.jobs,
    clock,
    audit: services.audit,
    sharing: services.sharing,
    catalog: services.catalog,
    catalogObligations: services.catalogObligations,
    retentionMonths: retentionPeriod(profile, config.audit.retentionMonths).months,
    archiveDir: join(config.dataDir, 'audit-archive'),
    log: log.child({ module: 'audit' }),
    snapshots: services.snapshots,
  });
  services.exchange.start({ jobs: services.jobs });
  services.quality.start({ jobs: services.jobs });
  services.supervision.start({ jobs: services.jobs });
  if (options.start) services.jobs.start();
}
