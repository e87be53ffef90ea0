import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { RequestContext } from '../platform/context/index.js';
import { AuditViewActions } from './policies.js';
import { type DepartmentDirectory, resolveScope } from './query-scope.js';
import { monthBound } from './report-sql.js';
import type { AccessMethod, AuditTables } from './schema.js';

const METHODS: AccessMethod[] = ['query', 'download', 'interface', 'subscription'];
const HOUR_MS = 3_600_000;

/**
 * When a department's exchange is flagged (R55: notice anomalies and failures at every node;
 * R65: use beyond the necessary scope shows first as volume). Over the last 24 hours:
 * - `failure_rate`: at least `minAccessesForRate` accesses and more than `failureShare` of them
 *   failed or were refused (outcome failure or denied);
 * - `volume_spike`: at least `minAccessesForSpike` accesses and more than `spikeFactor` times
 *   the daily mean of the six days before (the rest of the 7-day window), counting that mean as
 *   at least one access a day so that a new node's first busy day is also flagged.
 * The minimum volumes keep a handful of calls from raising alarms.
 */
export const ANOMALY_RULE = {
  failureShare: 0.2,
  minAccessesForRate: 10,
  spikeFactor: 3,
  minAccessesForSpike: 20,
} as const;

export type Anomaly = 'failure_rate' | 'volume_spike';

export interface MethodCounts {
  query: number;
  download: number;
  interface: number;
  subscription: number;
  total: number;
}

export interface DepartmentExchange {
  department: { id: string; name: string };
  last24h: MethodCounts;
  last7d: MethodCounts;
  failures24h: number;
  failures7d: number;
  /** Mean accesses per day over the six days before the last 24 hours. */
  baselineDailyMean: number;
  lastAccessAt: string | null;
  lastFailureAt: string | null;
  anomalies: Anomaly[];
}

export interface ExchangeStatus {
  at: string;
  rule: typeof ANOMALY_RULE;
  departments: DepartmentExchange[];
}

const emptyCounts = (): MethodCounts => ({ query: 0, download: 0, interface: 0, subscription: 0, total: 0 });

/** Flags a department's last 24 hours against the rule. */
export function anomaliesOf(last24h: number, failures24h: number, last7d: number): Anomaly[] {
  const out: Anomaly[] = [];
  if (last24h >= ANOMALY_RULE.minAccessesForRate && failures24h / last24h > ANOMALY_RULE.failureShare)
    out.push('failure_rate');
  const baseline = Math.max((last7d - last24h) / 6, 1);
  if (last24h >= ANOMALY_RULE.minAccessesForSpike && last24h > ANOMALY_RULE.spikeFactor * baseline)
    out.push('volume_spike');
  return out;
}

/**
 * Each department's exchange activity (accesses it made, by method), its failures and the
 * anomaly flags, for operators, auditors and — within their jurisdiction — the authority.
 * Departments without any access in the window are listed too: a silent node is news.
 */
export async function exchangeStatus(
  deps: { db: Kysely<AuditTables>; directory: DepartmentDirectory; clock: Clock },
  ctx: RequestContext,
): Promise<ExchangeStatus> {
  const departments = await deps.directory.all(ctx);
  const scope = await resolveScope(
    ctx,
    AuditViewActions['audit.exchangeStatus'],
    deps.directory,
    departments,
  );
  const now = deps.clock.now();
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const weekAgo = new Date(now.getTime() - 7 * 24 * HOUR_MS).toISOString();
  const rows = await deps.db
    .selectFrom('audit_entry')
    .select((eb) => {
      const recent = eb('audit_entry.at', '>=', dayAgo);
      const failure = eb('audit_entry.outcome', '!=', 'success');
      const count = (when: Expression<SqlBool>) =>
        eb.fn.sum<number | string>(eb.case().when(when).then(1).else(0).end());
      return [
        'audit_entry.department_id',
        'audit_entry.method',
        eb.fn.countAll<number>().as('week'),
        count(recent).as('day'),
        count(failure).as('week_failures'),
        count(eb.and([recent, failure])).as('day_failures'),
        eb.fn.max('audit_entry.at').as('last_at'),
        eb.fn.max(eb.case().when(failure).then(eb.ref('audit_entry.at')).end()).as('last_failure_at'),
      ];
    })
    .where('audit_entry.category', '=', 'access')
    .where('audit_entry.at', '>=', weekAgo)
    .where('audit_entry.at', '<=', now.toISOString())
    .where('audit_entry.month', '>=', monthBound(weekAgo, -1))
    .where(sql<boolean>`${sql.ref('audit_entry.department_id')} is not null`)
    .groupBy(['audit_entry.department_id', 'audit_entry.method'])
    .execute();

  const byDepartment = new Map<string, DepartmentExchange>();
  for (const d of departments.values()) {
    if (scope.kind === 'within' && !scope.departmentIds.includes(d.id)) continue;
    byDepartment.set(d.id, {
      department: { id: d.id, name: d.name },
      last24h: emptyCounts(),
      last7d: emptyCounts(),
      failures24h: 0,
      failures7d: 0,
      baselineDailyMean: 0,
      lastAccessAt: null,
      lastFailureAt: null,
      anomalies: [],
    });
  }
  for (const r of rows) {
    const d = byDepartment.get(r.department_id ?? '');
    if (!d) continue;
    const method = METHODS.includes(r.method as AccessMethod) ? (r.method as AccessMethod) : undefined;
    for (const [counts, n] of [
      [d.last24h, Number(r.day ?? 0)],
      [d.last7d, Number(r.week ?? 0)],
    ] as const) {
      if (method) counts[method] += n;
      counts.total += n;
    }
    d.failures24h += Number(r.day_failures ?? 0);
    d.failures7d += Number(r.week_failures ?? 0);
    d.lastAccessAt = later(d.lastAccessAt, r.last_at as string | null);
    d.lastFailureAt = later(d.lastFailureAt, r.last_failure_at as string | null);
  }
  for (const d of byDepartment.values()) {
    d.baselineDailyMean = Math.round(((d.last7d.total - d.last24h.total) / 6) * 100) / 100;
    d.anomalies = anomaliesOf(d.last24h.total, d.failures24h, d.last7d.total);
  }
  const list = [...byDepartment.values()].sort(
    (a, b) =>
      b.anomalies.length - a.anomalies.length ||
      b.last24h.total - a.last24h.total ||
      a.department.name.localeCompare(b.department.name, 'zh-CN'),
  );
  return { at: now.toISOString(), rule: ANOMALY_RULE, departments: list };
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
