import type { Kysely } from 'kysely';
import { authorize, isAllowed, scopeOf, scopeWhere } from '../../org/index.js';
import type { Actor } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { RestrictionInfo } from '../../sharing/index.js';
import type { QualityDeps } from '../deps.js';
import { FreshnessErrors } from './errors.js';
import { FreshnessMonitor, type MonitorRun } from './monitor.js';
import { FreshnessActions } from './policies.js';
import { Restrictions } from './restrictions.js';
import { type FreshnessRule, MONITOR_EVERY_MS } from './rules.js';
import type {
  EvidenceSource,
  FreshnessStatus,
  FreshnessTables,
  QualityFreshnessTable,
  QualityFreshnessTransitionTable,
} from './schema.js';

/** One monitored resource as the API shows it. */
export interface FreshnessItem {
  entry: { id: string; code: string; name: string };
  provider: { id: string; name: string };
  updateCycle: string;
  rule: FreshnessRule;
  lastChangeAt: string | null;
  lastChangeSource: EvidenceSource;
  dueBy: string | null;
  status: FreshnessStatus;
  statusSince: string;
  checkedAt: string;
}

export interface FreshnessTransition {
  from: FreshnessStatus | null;
  to: FreshnessStatus;
  at: string;
  reason: string;
  lastChangeAt: string | null;
  dueBy: string | null;
  article: string | null;
}

export interface FreshnessFilter {
  status?: FreshnessStatus | undefined;
  departmentId?: string | undefined;
  /** Comma-separated entry ids: the exchange pages ask for the rows they show. */
  entries?: string | undefined;
  page: number;
  pageSize: number;
}

const tables = (executor: Executor) => executor as unknown as Kysely<FreshnessTables>;

/**
 * Freshness (时效, issue 16; R16, R68–R71): the server-side monitor run by the jobs kernel, the
 * status of each resource with its history, and the authority's restriction of late departments.
 */
export class FreshnessService {
  readonly monitor: FreshnessMonitor;
  readonly restrictions: Restrictions;

  constructor(readonly deps: QualityDeps) {
    this.monitor = new FreshnessMonitor(deps);
    this.restrictions = new Restrictions(deps);
  }

  /** One pass: judges every monitored resource, then ends the restrictions of departments caught up. */
  async refresh(): Promise<MonitorRun & { lifted: number }> {
    const run = await this.monitor.run();
    return { ...run, lifted: await this.restrictions.liftCaughtUp() };
  }

  /** The sharing port (R71): whether the department's new applications are restricted. */
  restricted(departmentId: string, executor?: Executor): Promise<RestrictionInfo | undefined> {
    return this.restrictions.restricted(departmentId, executor);
  }

  /** Registers the monitor (every 15 minutes, one platform node at a time). */
  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'quality.freshness',
      label: { zh: '数据时效监测', en: 'Freshness monitor' },
      every: MONITOR_EVERY_MS,
      scope: 'cluster',
      run: async () => {
        await this.refresh();
      },
    });
  }

  /** The monitored resources the reader may see, with the counts by status of the same scope. */
  async list(
    actor: Actor,
    filter: FreshnessFilter,
  ): Promise<{ items: FreshnessItem[]; total: number; counts: Record<FreshnessStatus, number> }> {
    const scope = scopeOf(actor, FreshnessActions['quality.freshness.read']);
    if (scope.kind === 'none') authorize(actor, FreshnessActions['quality.freshness.read']);
    let scoped = tables(this.deps.db).selectFrom('quality_freshness');
    scoped = scoped.where((eb) =>
      scopeWhere(eb, scope, { department: 'provider_department_id', path: 'provider_jurisdiction_path' }),
    );
    if (filter.departmentId) scoped = scoped.where('provider_department_id', '=', filter.departmentId);
    const entries = filter.entries?.split(',').filter(Boolean) ?? [];
    if (entries.length > 0) scoped = scoped.where('entry_id', 'in', entries);
    const byStatus = await scoped
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<FreshnessStatus, number> = { fresh: 0, due: 0, late: 0, unknown: 0 };
    for (const r of byStatus) counts[r.status] = Number(r.n);
    const query = filter.status ? scoped.where('status', '=', filter.status) : scoped;
    const total = filter.status ? counts[filter.status] : Object.values(counts).reduce((a, b) => a + b, 0);
    const rows = await query
      .selectAll()
      // Late first, then by deadline: what needs attention leads the list.
      .orderBy((eb) =>
        eb.case().when('status', '=', 'late').then(0).when('status', '=', 'due').then(1).else(2).end(),
      )
      .orderBy('due_by')
      .orderBy('entry_code')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(toItem), total, counts };
  }

  /** One resource's status with its history, newest first. */
  async get(actor: Actor, entryId: string): Promise<FreshnessItem & { history: FreshnessTransition[] }> {
    const row = await tables(this.deps.db)
      .selectFrom('quality_freshness')
      .selectAll()
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    // Outside the reader's scope it is as good as unmonitored: no hint that it exists.
    const target = {
      departmentId: row?.provider_department_id,
      jurisdictionPath: row?.provider_jurisdiction_path,
    };
    if (!row || !isAllowed(actor, FreshnessActions['quality.freshness.read'], target))
      throw FreshnessErrors.error('FRESHNESS_NOT_MONITORED');
    const history = await tables(this.deps.db)
      .selectFrom('quality_freshness_transition')
      .selectAll()
      .where('entry_id', '=', entryId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return { ...toItem(row), history: history.map(toTransition) };
  }
}

function toItem(row: QualityFreshnessTable): FreshnessItem {
  return {
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
    provider: { id: row.provider_department_id, name: row.provider_department_name },
    updateCycle: row.update_cycle,
    rule: JSON.parse(row.rule) as FreshnessRule,
    lastChangeAt: row.last_change_at,
    lastChangeSource: row.last_change_source,
    dueBy: row.due_by,
    status: row.status,
    statusSince: row.status_since,
    checkedAt: row.checked_at,
  };
}

function toTransition(row: QualityFreshnessTransitionTable): FreshnessTransition {
  return {
    from: row.from_status,
    to: row.to_status,
    at: row.at,
    reason: row.reason,
    lastChangeAt: row.last_change_at,
    dueBy: row.due_by,
    article: row.rule_article,
  };
}
