import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { chinaDate } from '../platform/calendar/index.js';
import type { AuditTables } from './schema.js';

/** Grouped counts the reports are made of. */
export interface Count {
  key: string | null;
  count: number;
}

export type EntryWhere = (eb: ExpressionBuilder<AuditTables, 'audit_entry'>) => Expression<SqlBool>;

type GroupColumn = 'resource_id' | 'department_id' | 'method' | 'purpose' | 'actor_id' | 'outcome';

/** Counts entries matching `where` per value of one column, largest first. */
export async function countBy(
  db: Kysely<AuditTables>,
  where: EntryWhere,
  column: GroupColumn,
  limit = 100,
): Promise<Count[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .select((eb) => [eb.ref(`audit_entry.${column}`).as('key'), eb.fn.countAll<number>().as('n')])
    .where(where)
    .groupBy(`audit_entry.${column}`)
    .orderBy('n', 'desc')
    .orderBy(`audit_entry.${column}`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.key as string | null, count: Number(r.n) }));
}

/** Readers of the matching entries: user or client, with the department it read for. */
export async function countByActor(db: Kysely<AuditTables>, where: EntryWhere, limit = 100) {
  const rows = await db
    .selectFrom('audit_entry')
    .select((eb) => [
      'audit_entry.actor_kind',
      'audit_entry.actor_id',
      'audit_entry.actor_name',
      'audit_entry.department_id',
      eb.fn.countAll<number>().as('n'),
    ])
    .where(where)
    .groupBy(['actor_kind', 'actor_id', 'actor_name', 'department_id'])
    .orderBy('n', 'desc')
    .orderBy('actor_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: r.actor_kind,
    id: r.actor_id,
    name: r.actor_name,
    departmentId: r.department_id,
    count: Number(r.n),
  }));
}

/** Total entries, records returned, refusals and failures, and the first and last time. */
export async function totals(db: Kysely<AuditTables>, where: EntryWhere) {
  const row = await db
    .selectFrom('audit_entry')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number | string | null>('audit_entry.result_count').as('records'),
      eb.fn
        .sum<number | string | null>(
          eb.case().when('audit_entry.outcome', '!=', 'success').then(1).else(0).end(),
        )
        .as('failures'),
      eb.fn.min('audit_entry.at').as('first'),
      eb.fn.max('audit_entry.at').as('last'),
    ])
    .where(where)
    .executeTakeFirstOrThrow();
  return {
    accesses: Number(row.n),
    records: Number(row.records ?? 0),
    failures: Number(row.failures ?? 0),
    firstAt: (row.first as string | null) ?? null,
    lastAt: (row.last as string | null) ?? null,
  };
}

/**
 * Counts per calendar day in China (UTC+8). The database groups by UTC hour (the same text
 * prefix on both dialects), and the hours are folded into local days here.
 */
export async function countByDay(db: Kysely<AuditTables>, where: EntryWhere): Promise<Count[]> {
  const hour = sql<string>`substr(${sql.ref('audit_entry.at')}, 1, 13)`;
  const rows = await db
    .selectFrom('audit_entry')
    .select((eb) => [hour.as('hour'), eb.fn.countAll<number>().as('n')])
    .where(where)
    .groupBy(hour)
    .execute();
  const days = new Map<string, number>();
  for (const r of rows) {
    const day = chinaDate(new Date(`${r.hour}:00:00Z`));
    days.set(day, (days.get(day) ?? 0) + Number(r.n));
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => ({ key, count }));
}

/** yyyymm shifted by `days`, so a range touches only the month partitions it needs. */
export function monthBound(iso: string, days: number): number {
  const d = new Date(Date.parse(iso) + days * 86_400_000);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}
