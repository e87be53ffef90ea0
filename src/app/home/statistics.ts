import { type AuditTables, readsByResource } from '../../audit/index.js';
import { type CatalogTables, resourceClassCounts, resourceRefs } from '../../catalog/index.js';
import { isAllowed, type Scope, scopeOf } from '../../org/index.js';
import { chinaDate, type WorkingCalendar } from '../../platform/calendar/index.js';
import type { Actor } from '../../platform/context/index.js';
import { type Storage, tablesOf } from '../../platform/db/index.js';
import { FreshnessActions } from '../../quality/index.js';
import {
  type AnsweredApplication,
  applicationActivity,
  type SharingModuleTables,
} from '../../sharing/index.js';
import type { IndicatorName } from '../../supervision/index.js';
import type { Database } from '../database.js';
import type { Services } from '../services.js';
import type { HomeStatistics, ReplyBucket } from './model.js';
import { HomeActions } from './policies.js';

/** The months of the applications chart and the days of the usage chart. */
export const STATISTIC_MONTHS = 12;
export const STATISTIC_DAYS = 30;
export const TOP_RESOURCES = 10;
/** The indicators a department is ranked by: each a share of what was due, averaged with equal weight. */
export const RANKING_INDICATORS = [
  'reply_timeliness',
  'supply_timeliness',
  'catalog_update_timeliness',
  'catalog_coverage',
  'freshness',
] as const satisfies readonly IndicatorName[];
const USAGE_INDICATORS = {
  queries: 'usage_queries',
  downloads: 'usage_downloads',
  serviceCalls: 'usage_service_calls',
} as const satisfies Record<string, IndicatorName>;

export interface StatisticsDeps {
  storage: Pick<Storage<Database>, 'db'>;
  services: Pick<Services, 'supervision' | 'quality' | 'departments' | 'jurisdictions' | 'calendar'>;
  now: () => Date;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The instant a China date begins. */
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
/** `YYYY-MM` shifted by whole months. */
function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}

/** Where an answer fell against its reply period: within half of it, within it, or late. */
export function replyBucket(calendar: WorkingCalendar, a: AnsweredApplication): ReplyBucket {
  if (a.decidedLate) return 'late';
  if (a.dueDate === null) return 'within';
  const start = chinaDate(new Date(a.startedAt));
  const decided = chinaDate(new Date(a.decidedAt));
  const period = start < a.dueDate ? calendar.countWorkingDays(start, a.dueDate).count : 0;
  const elapsed = start < decided ? calendar.countWorkingDays(start, decided).count : 0;
  return elapsed * 2 <= period ? 'half' : 'within';
}

/**
 * The reader's statistics (issue 17): every figure over the same scope, its department, the
 * authority's jurisdiction subtree, or the whole instance (operator, auditor); null for a reader
 * with no scope (the security administrator).
 */
export async function statisticsOf(deps: StatisticsDeps, actor: Actor): Promise<HomeStatistics | null> {
  const scope = scopeOf(actor, HomeActions['home.statistics.read']);
  if (scope.kind === 'none') return null;
  const db = deps.storage.db;
  const now = deps.now();
  const today = chinaDate(now);
  const thisMonth = today.slice(0, 7);
  const firstMonth = addMonths(thisMonth, -(STATISTIC_MONTHS - 1));
  const months = Array.from({ length: STATISTIC_MONTHS }, (_, i) => addMonths(firstMonth, i));
  const usageFrom = addDays(today, -STATISTIC_DAYS);
  const usageTo = addDays(today, -1);
  const days = Array.from({ length: STATISTIC_DAYS }, (_, i) => addDays(usageFrom, i));
  // Up to the end of today: what happened at this very instant is in.
  const end = dayStart(addDays(today, 1));
  const recent = { from: dayStart(usageFrom), to: end };

  const [scopeName, resources, activity, calendar, usage, top, freshness, ranking] = await Promise.all([
    scopeNameOf(deps, actor, scope),
    resourceClassCounts(tablesOf<CatalogTables>(db), scope),
    applicationActivity(tablesOf<SharingModuleTables>(db), scope, {
      from: dayStart(`${firstMonth}-01`),
      to: end,
    }),
    deps.services.calendar.calendar(),
    usageOf(deps, actor, usageFrom, usageTo),
    topResourcesOf(deps, scope, recent),
    freshnessOf(deps, actor),
    isAllowed(actor, HomeActions['home.ranking.read'], {
      jurisdictionPath: actor.jurisdictionPath,
      departmentId: actor.departmentId,
    })
      ? rankingOf(deps, actor, usageFrom, usageTo)
      : Promise.resolve(null),
  ]);

  const perMonth = new Map(months.map((m) => [m, 0]));
  for (const a of activity.made) {
    const month = chinaDate(new Date(a.createdAt)).slice(0, 7);
    if (perMonth.has(month)) perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  }
  const replyTimes: Record<ReplyBucket, number> = { half: 0, within: 0, late: 0 };
  for (const a of activity.answered) replyTimes[replyBucket(calendar, a)] += 1;

  return {
    scope: {
      kind: scope.kind === 'all' ? 'all' : scope.jurisdictionPaths.length > 0 ? 'jurisdiction' : 'department',
      name: scopeName,
    },
    resources,
    applicationsPerMonth: months.map((month) => ({ month, applications: perMonth.get(month) ?? 0 })),
    replyTimes,
    usage: days.map((day) => ({
      day,
      queries: usage.get(`queries|${day}`) ?? 0,
      downloads: usage.get(`downloads|${day}`) ?? 0,
      serviceCalls: usage.get(`serviceCalls|${day}`) ?? 0,
    })),
    topResources: top,
    freshness,
    ranking,
  };
}

async function scopeNameOf(deps: StatisticsDeps, actor: Actor, scope: Scope): Promise<string> {
  if (scope.kind === 'all') return '全部';
  if (scope.kind === 'within' && scope.jurisdictionPaths.length > 0) {
    const all = await deps.services.jurisdictions.list({ actor });
    return all.find((j) => j.path === actor.jurisdictionPath)?.name ?? actor.jurisdictionPath;
  }
  return (await deps.services.departments.lookup(actor.departmentId))?.name ?? actor.departmentId;
}

/** Reads per day of the departments the reader sees, from the indicators stored per department and day. */
async function usageOf(deps: StatisticsDeps, actor: Actor, from: string, to: string) {
  const sums = new Map<string, number>();
  for (const [key, indicator] of Object.entries(USAGE_INDICATORS)) {
    const { series } = await deps.services.supervision.indicators.series(actor, {
      from,
      to,
      indicator,
      subject: 'department',
    });
    for (const s of series)
      for (const p of s.points)
        sums.set(`${key}|${p.day}`, (sums.get(`${key}|${p.day}`) ?? 0) + (p.value ?? 0));
  }
  return sums;
}

/** A reader's top resources: those it provides or reads (a department), or of its jurisdiction. */
async function topResourcesOf(
  deps: StatisticsDeps,
  scope: Scope,
  range: { from: string; to: string },
): Promise<HomeStatistics['topResources']> {
  const db = deps.storage.db;
  const reads = await readsByResource(tablesOf<AuditTables>(db), range);
  const refs = new Map(
    (await resourceRefs(tablesOf<CatalogTables>(db), [...new Set(reads.map((r) => r.resourceId))])).map(
      (r) => [r.id, r],
    ),
  );
  const readerPaths = new Map<string, string | undefined>();
  if (scope.kind === 'within')
    for (const id of new Set(reads.map((r) => r.departmentId)))
      if (id !== null) readerPaths.set(id, (await deps.services.departments.lookup(id))?.jurisdictionPath);
  const inScope = (departmentId: string | null, path: string | undefined) =>
    scope.kind === 'all' ||
    (scope.kind === 'within' &&
      ((departmentId !== null && scope.departmentIds.includes(departmentId)) ||
        (path !== undefined && scope.jurisdictionPaths.some((p) => path.startsWith(p)))));
  const totals = new Map<string, { reads: number; rowsRead: number }>();
  for (const r of reads) {
    const ref = refs.get(r.resourceId);
    if (!ref) continue;
    const provided = inScope(ref.providerDepartmentId, ref.jurisdictionPath);
    const read = r.departmentId !== null && inScope(r.departmentId, readerPaths.get(r.departmentId));
    if (!provided && !read) continue;
    const t = totals.get(r.resourceId) ?? { reads: 0, rowsRead: 0 };
    t.reads += r.reads;
    t.rowsRead += r.rowsRead;
    totals.set(r.resourceId, t);
  }
  return [...totals.entries()]
    .map(([id, t]) => {
      const ref = refs.get(id) as { code: string; name: string };
      return { id, code: ref.code, name: ref.name, ...t };
    })
    .sort((a, b) => b.reads - a.reads || a.code.localeCompare(b.code))
    .slice(0, TOP_RESOURCES);
}

async function freshnessOf(deps: StatisticsDeps, actor: Actor): Promise<HomeStatistics['freshness']> {
  if (scopeOf(actor, FreshnessActions['quality.freshness.read']).kind === 'none') return null;
  const { counts } = await deps.services.quality.freshness.list(actor, { page: 1, pageSize: 1 });
  return counts;
}

/** Departments by the mean of their ranking shares over the range (each share summed over its days). */
async function rankingOf(
  deps: StatisticsDeps,
  actor: Actor,
  from: string,
  to: string,
): Promise<NonNullable<HomeStatistics['ranking']>> {
  const terms = new Map<string, { name: string; shares: Map<string, { n: number; d: number }> }>();
  for (const indicator of RANKING_INDICATORS) {
    const { series } = await deps.services.supervision.indicators.series(actor, {
      from,
      to,
      indicator,
      subject: 'department',
    });
    for (const s of series) {
      const dept = terms.get(s.subject.id) ?? { name: s.subject.name, shares: new Map() };
      terms.set(s.subject.id, dept);
      const sum = dept.shares.get(indicator) ?? { n: 0, d: 0 };
      for (const p of s.points) {
        sum.n += p.numerator ?? 0;
        sum.d += p.denominator ?? 0;
      }
      dept.shares.set(indicator, sum);
    }
  }
  const ranked = [];
  for (const [departmentId, { name, shares }] of terms) {
    const measured = [...shares.values()].filter((s) => s.d > 0);
    if (measured.length === 0) continue;
    const mean = measured.reduce((acc, s) => acc + s.n / s.d, 0) / measured.length;
    ranked.push({ departmentId, name, score: Math.round(mean * 1000) / 10, measured: measured.length });
  }
  return ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
}
