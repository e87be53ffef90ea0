import type { JobRunner } from '../../platform/jobs/index.js';
import { categoryFor } from './categories.js';
import type { SourceFact, ViolationDeps } from './deps.js';
import { SOURCE_KINDS, type SourceKind } from './schema.js';
import type { ViolationService } from './service.js';

/** The daily job's time, China time: after the night's deadline sweeps, before the indicators (02:30). */
export const VIOLATIONS_DAILY_AT = '02:15';
/** How far back the job looks for source records: a year (a record older than that was seen long ago). */
const LOOKBACK_MS = 366 * 86_400_000;

/** The facts of an automatically opened case, in the authority's words. */
const FACTS: Record<SourceKind, (f: SourceFact) => string> = {
  reply_overdue: (f) =>
    `共享申请 ${f.reference}（${f.subject}）答复期限${due(f)}已届满，提供部门未作答复（R40）。`,
  supply_overdue: (f) =>
    `同意共享的 ${f.reference}（${f.subject}）提供期限${due(f)}已届满，提供部门未提供数据。`,
  catalog_update_overdue: (f) => `目录更新任务“${f.subject}”期限${due(f)}已届满，部门未完成目录更新。`,
  data_stale: (f) =>
    `信息资源 ${f.reference}（${f.subject}）未按目录规定的更新周期更新，应于${due(f)}前更新（R72）。`,
  verification_overdue: (f) =>
    `校核申请 ${f.reference}（${f.subject}）处理期限${due(f)}已届满，提供部门未按时核实、更正（R80–R84）。`,
  misuse_upheld: (f) =>
    `投诉/发现 ${f.reference}（${f.subject}）经主管部门核查成立：超出使用范围或共享目的使用共享数据。`,
  disposal_missing: (f) =>
    `处置要求 ${f.reference}（${f.subject}）期限${due(f)}已届满，需求部门未报送处置记录。`,
};
const due = (f: SourceFact) => (f.dueDate ? `（${f.dueDate}）` : '');

/**
 * Opens a case for every source record the other modules report (R40, R72, R114): overdue replies
 * and supplies, overdue catalog updates, stale data, overdue verification requests, upheld misuse
 * complaints, missing disposal records. Idempotent: one case per record, whatever the number of
 * runs or nodes. A source that fails is logged and the others go on.
 */
export async function detectViolations(
  deps: ViolationDeps,
  service: ViolationService,
  now: Date = deps.clock.now(),
): Promise<{ opened: number; seen: number }> {
  const since = new Date(now.getTime() - LOOKBACK_MS).toISOString();
  let opened = 0;
  let seen = 0;
  for (const kind of SOURCE_KINDS) {
    const category = categoryFor(deps.profile, kind);
    if (!category) {
      deps.log.warn({ job: 'supervision.violations', kind }, 'no violation category for this source');
      continue;
    }
    let facts: SourceFact[];
    try {
      facts = await deps.readers[kind](since);
    } catch (error) {
      deps.log.warn({ job: 'supervision.violations', kind, err: error }, 'violation source failed');
      continue;
    }
    seen += facts.length;
    for (const fact of facts) {
      const id = await service.openFromFact(
        kind,
        { id: fact.id, departmentId: fact.departmentId, facts: FACTS[kind](fact), ref: fact.reference },
        category,
      );
      if (id) opened++;
    }
  }
  return { opened, seen };
}

/** Registers the daily job: open cases from the platform's records, then flag overdue orders. */
export function registerViolationJobs(jobs: JobRunner, deps: ViolationDeps, service: ViolationService): void {
  jobs.register({
    name: 'supervision.violations',
    label: {
      zh: '违规事项自动立案与整改期限巡检',
      en: 'Violations: automatic opening and rectification deadlines',
    },
    dailyAt: VIOLATIONS_DAILY_AT,
    scope: 'cluster',
    run: async () => {
      const result = await detectViolations(deps, service);
      const overdue = await service.sweepOverdue();
      deps.log.info({ job: 'supervision.violations', ...result, overdue }, 'violations checked');
    },
  });
}
