import type { Kysely } from 'kysely';
import type { CatalogTables } from './schema.js';

/** One department's catalog on a day (for the supervision indicators, R111 and R113). */
export interface DepartmentCatalogCounts {
  departmentId: string;
  /** Entries it keeps (every status but withdrawn), and of them those published. */
  entries: number;
  published: number;
  /** Update obligations due on or before the day, and of them fulfilled by their due date. */
  obligationsDue: number;
  obligationsOnTime: number;
  /** Obligations due by the day and still open at its end. */
  obligationsOverdue: number;
}

/**
 * The catalog's coverage and update timeliness per department as they stood at the end of `day`
 * (`dayEnd` the instant after it): supervision (issue 17) reads the catalog through this.
 * Entries are counted as they are now (the catalog keeps no per-day state); obligations by
 * their dates, so a past day's figures stay what they were.
 */
export async function catalogIndicatorCounts(
  db: Kysely<CatalogTables>,
  at: { day: string; dayEnd: string },
): Promise<DepartmentCatalogCounts[]> {
  const out = new Map<string, DepartmentCatalogCounts>();
  const of = (id: string) => {
    let row = out.get(id);
    if (!row) {
      row = {
        departmentId: id,
        entries: 0,
        published: 0,
        obligationsDue: 0,
        obligationsOnTime: 0,
        obligationsOverdue: 0,
      };
      out.set(id, row);
    }
    return row;
  };
  const entries = await db
    .selectFrom('catalog_entry')
    .select((eb) => [
      'provider_department_id as departmentId',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('published_version', 'is not', null).then(1).else(0).end()).as('pub'),
    ])
    .where('status', '!=', 'withdrawn')
    .where('created_at', '<', at.dayEnd)
    .groupBy('provider_department_id')
    .execute();
  for (const r of entries) {
    const row = of(r.departmentId);
    row.entries = Number(r.n);
    row.published = Number(r.pub);
  }
  const obligations = await db
    .selectFrom('catalog_obligation')
    .select(['department_id', 'due_date', 'fulfilled_at', 'recorded_at'])
    .where('due_date', '<=', at.day)
    .where('recorded_at', '<', at.dayEnd)
    .execute();
  for (const o of obligations) {
    const row = of(o.department_id);
    row.obligationsDue += 1;
    // Due dates are China dates; fulfilment instants are compared as China dates too.
    const fulfilledOn = o.fulfilled_at && o.fulfilled_at < at.dayEnd ? chinaDay(o.fulfilled_at) : null;
    if (fulfilledOn !== null && fulfilledOn <= o.due_date) row.obligationsOnTime += 1;
    if (fulfilledOn === null) row.obligationsOverdue += 1;
  }
  return [...out.values()];
}

function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}
