import type { Kysely } from 'kysely';
import type { SharingModuleTables } from './db.js';

/** A span of time, ISO instants, `from` inclusive, `to` exclusive. */
export interface CountRange {
  from: string;
  to: string;
}

/** One provider department's replies and supplies in a range (for the supervision indicators). */
export interface ProviderSharingCounts {
  departmentId: string;
  /** Applications answered in the range, by share type (无条件 / 有条件), and of them within the period. */
  replied: { unconditional: number; conditional: number };
  repliedOnTime: { unconditional: number; conditional: number };
  /** Applications refused in the range (whole refusals). */
  refused: number;
  /** Applications whose reply deadline passed in the range without an answer (R40). */
  overdue: number;
  /** Grants first supplied in the range, and of them within the supply period (N12, 809 第二十二条). */
  supplied: number;
  suppliedOnTime: number;
  /** Grants whose supply deadline passed in the range without a delivery. */
  supplyOverdue: number;
}

const empty = (departmentId: string): ProviderSharingCounts => ({
  departmentId,
  replied: { unconditional: 0, conditional: 0 },
  repliedOnTime: { unconditional: 0, conditional: 0 },
  refused: 0,
  overdue: 0,
  supplied: 0,
  suppliedOnTime: 0,
  supplyOverdue: 0,
});

/**
 * Counts per provider department of the replies and supplies of a range, from sharing's own rows
 * (the decision's `decided_late` flag and the grant's `supply_overdue` flag, set against the
 * profile's periods when they were decided): supervision (issue 17) reads sharing through this.
 */
export async function sharingIndicatorCounts(
  db: Kysely<SharingModuleTables>,
  range: CountRange,
): Promise<ProviderSharingCounts[]> {
  const out = new Map<string, ProviderSharingCounts>();
  const of = (id: string) => {
    const row = out.get(id) ?? empty(id);
    out.set(id, row);
    return row;
  };
  const replies = await db
    .selectFrom('sharing_application')
    .select((eb) => [
      'provider_department_id as departmentId',
      'share_type as shareType',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('decided_late', '=', 0).then(1).else(0).end()).as('onTime'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'refused').then(1).else(0).end()).as('refused'),
    ])
    .where('decided_at', '>=', range.from)
    .where('decided_at', '<', range.to)
    .where('path', '=', 'application')
    .where('status', 'in', ['approved', 'partially_approved', 'refused'])
    .groupBy(['provider_department_id', 'share_type'])
    .execute();
  for (const r of replies) {
    const row = of(r.departmentId);
    const kind = r.shareType === 'conditional' ? 'conditional' : 'unconditional';
    row.replied[kind] += Number(r.n);
    row.repliedOnTime[kind] += Number(r.onTime);
    row.refused += Number(r.refused);
  }
  const overdue = await db
    .selectFrom('sharing_application')
    .select((eb) => ['provider_department_id as departmentId', eb.fn.countAll<number>().as('n')])
    .where('overdue_at', '>=', range.from)
    .where('overdue_at', '<', range.to)
    .groupBy('provider_department_id')
    .execute();
  for (const r of overdue) of(r.departmentId).overdue = Number(r.n);
  const supplied = await db
    .selectFrom('sharing_grant')
    .select((eb) => [
      'provider_department_id as departmentId',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('supply_overdue', '=', 0).then(1).else(0).end()).as('onTime'),
    ])
    .where('supply_required', '=', 1)
    .where('supplied_at', '>=', range.from)
    .where('supplied_at', '<', range.to)
    .groupBy('provider_department_id')
    .execute();
  for (const r of supplied) {
    const row = of(r.departmentId);
    row.supplied = Number(r.n);
    row.suppliedOnTime = Number(r.onTime);
  }
  const late = await db
    .selectFrom('sharing_grant')
    .select((eb) => ['provider_department_id as departmentId', eb.fn.countAll<number>().as('n')])
    .where('supply_overdue_at', '>=', range.from)
    .where('supply_overdue_at', '<', range.to)
    .groupBy('provider_department_id')
    .execute();
  for (const r of late) of(r.departmentId).supplyOverdue = Number(r.n);
  return [...out.values()];
}
