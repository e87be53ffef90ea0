import type { Kysely } from 'kysely';
import { monthBound } from './report-sql.js';
import type { AuditTables } from './schema.js';

/** One reading department's successful accesses to shared data in a range, by method. */
export interface DepartmentUsage {
  departmentId: string;
  queries: number;
  downloads: number;
  serviceCalls: number;
  subscriptions: number;
  /** Records returned over every access of the range. */
  rowsRead: number;
}

/**
 * Usage per reading department from the trail's access entries (`category = 'access'`, success
 * only) in `[from, to)`: the supervision indicators (issue 17, R111 "usage") read the trail
 * through this rather than its tables.
 */
export async function usageByDepartment(
  db: Kysely<AuditTables>,
  range: { from: string; to: string },
): Promise<DepartmentUsage[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .select((eb) => [
      'department_id',
      'method',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.fn.coalesce('result_count', eb.lit(0))).as('rows'),
    ])
    .where('category', '=', 'access')
    .where('outcome', '=', 'success')
    .where('department_id', 'is not', null)
    // The month bounds let PostgreSQL skip the partitions outside the range.
    .where('month', '>=', monthBound(range.from, -1))
    .where('month', '<=', monthBound(range.to, 1))
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .groupBy(['department_id', 'method'])
    .execute();
  const out = new Map<string, DepartmentUsage>();
  for (const r of rows) {
    const id = r.department_id as string;
    let u = out.get(id);
    if (!u) {
      u = { departmentId: id, queries: 0, downloads: 0, serviceCalls: 0, subscriptions: 0, rowsRead: 0 };
      out.set(id, u);
    }
    const n = Number(r.n);
    if (r.method === 'query') u.queries += n;
    else if (r.method === 'download') u.downloads += n;
    else if (r.method === 'interface') u.serviceCalls += n;
    else if (r.method === 'subscription') u.subscriptions += n;
    u.rowsRead += Number(r.rows ?? 0);
  }
  return [...out.values()];
}
