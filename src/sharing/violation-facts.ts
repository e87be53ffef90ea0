import type { Kysely } from 'kysely';
import type { Breach } from '../platform/cases/index.js';
import type { SharingModuleTables } from './db.js';

/**
 * One of sharing's records that breaks an obligation, as supervision's violation cases (issue 17,
 * R40, R114) open a case from it: the department in breach, the record's number and subject, the
 * date it fell due and when the breach was recorded.
 */
export type SharingBreach = Breach;

/** Applications whose reply deadline passed without an answer (R40), flagged since `since`, by the provider. */
export async function overdueReplies(
  db: Kysely<SharingModuleTables>,
  since: string,
): Promise<SharingBreach[]> {
  const rows = await db
    .selectFrom('sharing_application')
    .select(['id', 'provider_department_id', 'number', 'entry_name', 'due_date', 'overdue_at'])
    .where('overdue_at', 'is not', null)
    .where('overdue_at', '>=', since)
    .orderBy('overdue_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.provider_department_id,
    reference: r.number,
    subject: r.entry_name,
    dueDate: r.due_date,
    at: r.overdue_at as string,
  }));
}

/** Grants whose supply deadline passed without a delivery (809 第二十二条), flagged since `since`. */
export async function overdueSupplies(
  db: Kysely<SharingModuleTables>,
  since: string,
): Promise<SharingBreach[]> {
  const rows = await db
    .selectFrom('sharing_grant')
    .select([
      'id',
      'provider_department_id',
      'entry_code',
      'entry_name',
      'supply_due_date',
      'supply_overdue_at',
    ])
    .where('supply_overdue_at', 'is not', null)
    .where('supply_overdue_at', '>=', since)
    .orderBy('supply_overdue_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.provider_department_id,
    reference: r.entry_code,
    subject: r.entry_name,
    dueDate: r.supply_due_date,
    at: r.supply_overdue_at as string,
  }));
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
export async function missingDisposals(
  db: Kysely<SharingModuleTables>,
  since: string,
): Promise<SharingBreach[]> {
  const rows = await db
    .selectFrom('sharing_disposal')
    .select(['id', 'consumer_department_id', 'number', 'entry_name', 'due_date', 'overdue_at'])
    .where('status', '=', 'awaiting_record')
    .where('overdue_at', 'is not', null)
    .where('overdue_at', '>=', since)
    .orderBy('overdue_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    departmentId: r.consumer_department_id,
    reference: r.number,
    subject: r.entry_name,
    dueDate: r.due_date,
    at: r.overdue_at as string,
  }));
}
