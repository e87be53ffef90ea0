import type { Kysely } from 'kysely';
import { type Breach, flaggedBreaches } from '../platform/cases/index.js';
import type { QualityTables } from './deps.js';

/** A quality record that breaks an obligation, for supervision's violation cases (issue 17, R72, R114). */
export type QualityBreach = Breach;

/** Verification requests flagged overdue (809 第二十六条, R80–R84) since `since`, against the provider. */
export function overdueVerifications(db: Kysely<QualityTables>, since: string): Promise<QualityBreach[]> {
  return flaggedBreaches(
    db,
    'quality_correction',
    {
      department: 'provider_department_id',
      reference: 'number',
      subject: 'entry_name',
      due: 'due_date',
      flaggedAt: 'overdue_at',
    },
    since,
  );
}

/**
 * Resources late against their update rule now (R72): one record per late spell (the resource and
 * the moment it turned late), so that a resource late again after catching up is a new breach.
 */
export async function staleResources(db: Kysely<QualityTables>, since: string): Promise<QualityBreach[]> {
  const rows = await db
    .selectFrom('quality_freshness')
    .select(['entry_id', 'entry_code', 'entry_name', 'provider_department_id', 'due_by', 'status_since'])
    .where('status', '=', 'late')
    .where('status_since', '>=', since)
    .orderBy('status_since')
    .orderBy('entry_id')
    .execute();
  return rows.map((r) => ({
    id: `${r.entry_id}@${r.status_since}`,
    departmentId: r.provider_department_id,
    reference: r.entry_code,
    subject: r.entry_name,
    dueDate: r.due_by ? r.due_by.slice(0, 10) : null,
    at: r.status_since,
  }));
}
