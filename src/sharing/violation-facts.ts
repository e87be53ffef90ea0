import type { Kysely } from 'kysely';
import { type Breach, flaggedBreaches } from '../platform/cases/index.js';
import type { SharingModuleTables } from './db.js';

/**
 * One of sharing's records that breaks an obligation, as supervision's violation cases (issue 17,
 * R40, R114) open a case from it: the department in breach, the record's number and subject, the
 * date it fell due and when the breach was recorded.
 */
export type SharingBreach = Breach;

/** Applications whose reply deadline passed without an answer (R40), flagged since `since`, by the provider. */
export function overdueReplies(db: Kysely<SharingModuleTables>, since: string): Promise<SharingBreach[]> {
  return flaggedBreaches(
    db,
    'sharing_application',
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

/** Grants whose supply deadline passed without a delivery (809 第二十二条), flagged since `since`. */
export function overdueSupplies(db: Kysely<SharingModuleTables>, since: string): Promise<SharingBreach[]> {
  return flaggedBreaches(
    db,
    'sharing_grant',
    {
      department: 'provider_department_id',
      reference: 'entry_code',
      subject: 'entry_name',
      due: 'supply_due_date',
      flaggedAt: 'supply_overdue_at',
    },
    since,
  );
}

/** Misuse complaints and findings the authority upheld (809 第二十七条第二款), answered since `since`, against the requester. */
export async function upheldMisuse(db: Kysely<SharingModuleTables>, since: string): Promise<SharingBreach[]> {
  const rows = await db
    .selectFrom('sharing_complaint')
    .select(['id', 'respondent_department_id', 'number', 'subject_label', 'description', 'answered_at'])
    .where('kind', 'in', ['misuse', 'misuse_finding'])
    .where('outcome', '=', 'upheld')
    .where('answered_at', 'is not', null)
    .where('answered_at', '>=', since)
    .orderBy('answered_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.respondent_department_id,
    reference: r.number,
    subject: r.subject_label ?? r.description.slice(0, 100),
    dueDate: null,
    at: r.answered_at as string,
  }));
}

/** Disposals (N16) whose record was due and not filed, flagged since `since`, against the requester. */
export function missingDisposals(db: Kysely<SharingModuleTables>, since: string): Promise<SharingBreach[]> {
  return flaggedBreaches(
    db,
    'sharing_disposal',
    {
      department: 'consumer_department_id',
      reference: 'number',
      subject: 'entry_name',
      due: 'due_date',
      flaggedAt: 'overdue_at',
      status: 'awaiting_record',
    },
    since,
  );
}
