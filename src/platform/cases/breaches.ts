import type { Executor } from '../db/index.js';
import type { Breach } from './declare.js';

/** Where a case table keeps what a breach is made of: whose it is, its number, subject and dates. */
export interface BreachColumns {
  /** The department in breach. */
  department: string;
  reference: string;
  subject: string;
  /** The date the obligation fell due. */
  due: string;
  /** When the platform flagged the record overdue (null until then). */
  flaggedAt: string;
  /** Only the records still in this state (a disposal still awaiting its record). */
  status?: string;
}

/**
 * The records of a case table flagged overdue since `since`, oldest first, as breaches: what a
 * module's violation facts read for supervision (issue 17, R114). Table and column names are the
 * module's own constants, never input.
 */
export async function flaggedBreaches(
  db: Executor,
  table: string,
  columns: BreachColumns,
  since: string,
): Promise<Breach[]> {
  const c = columns;
  let query = db
    .selectFrom(table as never)
    .select([
      'id',
      `${c.department} as department`,
      `${c.reference} as reference`,
      `${c.subject} as subject`,
      `${c.due} as due`,
      `${c.flaggedAt} as at`,
    ] as never[])
    .where(c.flaggedAt as never, 'is not', null)
    .where(c.flaggedAt as never, '>=', since as never);
  if (c.status) query = query.where('status' as never, '=', c.status as never);
  const rows = (await query
    .orderBy(c.flaggedAt as never)
    .orderBy('id' as never)
    .execute()) as unknown as {
    id: string;
    department: string;
    reference: string;
    subject: string;
    due: string | null;
    at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.department,
    reference: r.reference,
    subject: r.subject,
    dueDate: r.due,
    at: r.at,
  }));
}
