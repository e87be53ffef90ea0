import type { Kysely } from 'kysely';
import type { Breach } from '../platform/cases/index.js';
import type { CatalogTables } from './schema.js';

/**
 * Catalog update obligations (809 第十七条) past their due date and still open on `today` (a China
 * date), for supervision's violation cases (issue 17, R114): the department that owes the update.
 */
export async function overdueCatalogUpdates(
  db: Kysely<CatalogTables>,
  today: string,
  since: string,
): Promise<Breach[]> {
  const rows = await db
    .selectFrom('catalog_obligation')
    .select(['id', 'department_id', 'description', 'due_date', 'recorded_at'])
    .where('status', '=', 'open')
    .where('due_date', '<', today)
    .where('recorded_at', '>=', since)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department_id,
    reference: r.id,
    subject: r.description,
    dueDate: r.due_date,
    at: r.recorded_at,
  }));
}
