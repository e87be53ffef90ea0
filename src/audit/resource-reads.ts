import type { Kysely } from 'kysely';
import { monthBound } from './report-sql.js';
import type { AuditTables } from './schema.js';

/** Successful reads of one cataloged resource by one department in a range. */
export interface ResourceReads {
  resourceId: string;
  /** The reading department (null: an access without one, e.g. the platform itself). */
  departmentId: string | null;
  reads: number;
  /** Records returned over those reads. */
  rowsRead: number;
}

/**
 * Reads per resource and reading department from the trail's access entries (success only) in
 * `[from, to)`: the home page's top resources (issue 17) read the trail through this.
 */
export async function readsByResource(
  db: Kysely<AuditTables>,
  range: { from: string; to: string },
): Promise<ResourceReads[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .select((eb) => [
      'resource_id',
      'department_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.fn.coalesce('result_count', eb.lit(0))).as('rows'),
    ])
    .where('category', '=', 'access')
    .where('outcome', '=', 'success')
    .where('resource_id', 'is not', null)
    // The month bounds let PostgreSQL skip the partitions outside the range.
    .where('month', '>=', monthBound(range.from, -1))
    .where('month', '<=', monthBound(range.to, 1))
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .groupBy(['resource_id', 'department_id'])
    .execute();
  return rows.map((r) => ({
    resourceId: r.resource_id as string,
    departmentId: r.department_id,
    reads: Number(r.n),
    rowsRead: Number(r.rows ?? 0),
  }));
}
