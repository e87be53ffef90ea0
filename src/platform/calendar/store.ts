import type { Kysely } from 'kysely';
import { WorkingCalendar } from './calendar.js';
import type { HolidayNotice } from './sources.js';

export interface CalendarYearTable {
  year: number;
  /** JSON array of YYYY-MM-DD */
  holidays: string;
  /** JSON array of YYYY-MM-DD */
  workdays: string;
  source: string;
  loaded_at: string;
  loaded_by: string | null;
}

export interface DeadlineTable {
  id: string;
  /** What the deadline binds, e.g. `sharing.application.reply`. */
  subject_type: string;
  subject_id: string;
  start_date: string;
  amount: number;
  unit: 'working_days' | 'calendar_days';
  due_date: string;
  /** 0/1 */
  provisional: number;
  /** JSON array of the calendar data used, e.g. `["chinese-days@1.5.7:2026","rules-2025:2027"]` */
  basis: string;
  article: string | null;
  created_at: string;
  recomputed_at: string | null;
}

export interface CalendarTables {
  calendar_year: CalendarYearTable;
  deadline: DeadlineTable;
}

/**
 * A query executor over the calendar tables: the storage handle or a caller's transaction.
 * Callers pass transactions typed by their own table sets, and Kysely's database parameter is
 * invariant, so the boundary takes any Kysely and narrows it here.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above — any module's transaction is accepted.
export type Executor = Kysely<any>;

/** What the calendar needs of the storage: any module's `Storage`, whatever its table set. */
export interface CalendarStorage {
  db: Executor;
}

export function calendarDb(executor: Executor): Kysely<CalendarTables> {
  return executor as Kysely<CalendarTables>;
}

export interface StoredNotice extends HolidayNotice {
  loadedAt: string;
  loadedBy: string | null;
}

export async function readNotices(executor: Executor): Promise<StoredNotice[]> {
  const rows = await calendarDb(executor).selectFrom('calendar_year').selectAll().orderBy('year').execute();
  return rows.map((row) => ({
    year: row.year,
    holidays: JSON.parse(row.holidays) as string[],
    workdays: JSON.parse(row.workdays) as string[],
    source: row.source,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
  }));
}

/** Inserts the notice unless its year is already loaded; answers whether it was inserted. */
export async function insertNotice(executor: Executor, notice: StoredNotice): Promise<boolean> {
  const result = await calendarDb(executor)
    .insertInto('calendar_year')
    .values({
      year: notice.year,
      holidays: JSON.stringify(notice.holidays),
      workdays: JSON.stringify(notice.workdays),
      source: notice.source,
      loaded_at: notice.loadedAt,
      loaded_by: notice.loadedBy,
    })
    .onConflict((oc) => oc.column('year').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The calendar as stored: the notices operators loaded on top of the bundled data and the rules. */
export async function loadCalendar(executor: Executor): Promise<WorkingCalendar> {
  return new WorkingCalendar(await readNotices(executor));
}
