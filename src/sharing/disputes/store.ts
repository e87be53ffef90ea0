import type { Kysely } from 'kysely';
import { type DeadlineService, deadlineView, type WorkingCalendar } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { nextCaseNumber as nextTableNumber } from '../../platform/db/index.js';
import type { ProfilePeriod } from '../../platform/profiles/index.js';
import { citation } from '../access-flow.js';
import type { Deadline } from './model.js';
import type { DisputeDatabase, SharingDisputeTable } from './schema.js';

export const disputeTables = (executor: Executor): Kysely<DisputeDatabase> =>
  executor as unknown as Kysely<DisputeDatabase>;

/** XS-2026-000001: the year's next number of a case table, from the table's counter. */
export function nextCaseNumber(
  trx: Executor,
  table: 'sharing_dispute' | 'sharing_demand',
  prefix: string,
): Promise<string> {
  return nextTableNumber(trx, table, prefix);
}

/** The current stage's deadline as a reader sees it: due date, article, working days left. */
export function presentDeadline(
  row: { due_date: string | null; deadline_article: string | null },
  today: string,
  calendar: WorkingCalendar,
): Deadline | null {
  const due = row.due_date;
  if (!due) return null;
  return deadlineView(calendar, today, { dueDate: due, article: row.deadline_article });
}

export const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export const NEGOTIATION_SUBJECT = 'sharing.dispute.negotiation';
export const COORDINATION_SUBJECT = 'sharing.dispute.coordination';

/** A case as stored, or undefined where there is none (steps lock it through the case kernel). */
export function disputeRow(executor: Executor, id: string): Promise<SharingDisputeTable | undefined> {
  return disputeTables(executor)
    .selectFrom('sharing_dispute')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Starts a fixed period of the profile for the case on `start` (in the caller's transaction); its due date. */
export async function startPeriod(
  deadlines: Pick<DeadlineService, 'set'>,
  trx: Executor,
  subject: { type: string; id: string; start: string },
  period: ProfilePeriod & { value: number },
): Promise<string> {
  const deadline = await deadlines.set(
    {
      subjectType: subject.type,
      subjectId: subject.id,
      start: subject.start,
      amount: period.value,
      unit: period.unit,
      article: citation(period),
    },
    trx,
  );
  return deadline.dueDate;
}

export const REPLY_SUBJECT = 'sharing.demand.reply';
export const SUPPLY_SUBJECT = 'sharing.demand.supply';

/** A negotiation whose period has passed (flagged by the sweep, or past its date already). */
export function lapsed(row: SharingDisputeTable, today: string): boolean {
  return row.overdue === 1 || (row.due_date !== null && today > row.due_date);
}

/** The later of two ISO dates. */
export const later = (a: string, b: string): string => (a.localeCompare(b) < 0 ? b : a);
