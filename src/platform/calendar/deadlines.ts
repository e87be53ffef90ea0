import type { Clock } from '../clock/index.js';
import { newId } from '../db/ids.js';
import type { DeadlineUnit } from './calendar.js';
import { type IsoDate, requireIsoDate } from './dates.js';
import {
  type CalendarStorage,
  calendarDb,
  type DeadlineTable,
  type Executor,
  loadCalendar,
} from './store.js';

export interface DeadlineInput {
  /** What the deadline binds, e.g. `sharing.application.reply`; one deadline per subject. */
  subjectType: string;
  subjectId: string;
  /** The day the period starts from; it is not counted. */
  start: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  /** The article that sets the period, from the profile (e.g. `内政发〔2018〕23号 第十九条`). */
  article?: string | null;
}

export interface Deadline {
  id: string;
  subjectType: string;
  subjectId: string;
  start: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  dueDate: IsoDate;
  provisional: boolean;
  basis: string[];
  article: string | null;
  createdAt: string;
  recomputedAt: string | null;
}

export interface DeadlineServiceDeps {
  storage: CalendarStorage;
  clock: Clock;
}

function toDeadline(row: DeadlineTable): Deadline {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    start: row.start_date,
    amount: row.amount,
    unit: row.unit,
    dueDate: row.due_date,
    provisional: row.provisional === 1,
    basis: JSON.parse(row.basis) as string[],
    article: row.article,
    createdAt: row.created_at,
    recomputedAt: row.recomputed_at,
  };
}

/**
 * Statutory deadlines of other modules' cases (application replies, negotiation, catalog
 * updates…), stored with the calendar data that computed them so that a provisional date can be
 * made final when the year's notice arrives.
 */
export class DeadlineService {
  readonly #deps: DeadlineServiceDeps;

  constructor(deps: DeadlineServiceDeps) {
    this.#deps = deps;
  }

  /** Computes and stores the subject's deadline, replacing any earlier one; `trx` joins the caller's commit. */
  async set(input: DeadlineInput, trx: Executor = this.#deps.storage.db): Promise<Deadline> {
    requireIsoDate(input.start, 'start');
    const calendar = await loadCalendar(trx);
    const due = calendar.add(input.start, input.amount, input.unit);
    const now = this.#deps.clock.now();
    const computed = {
      start_date: input.start,
      amount: input.amount,
      unit: input.unit,
      due_date: due.date,
      provisional: due.provisional ? 1 : 0,
      basis: JSON.stringify(due.basis),
      article: input.article ?? null,
      recomputed_at: null,
    };
    await calendarDb(trx)
      .insertInto('deadline')
      .values({
        id: newId(now),
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        created_at: now.toISOString(),
        ...computed,
      })
      .onConflict((oc) => oc.columns(['subject_type', 'subject_id']).doUpdateSet(computed))
      .execute();
    const stored = await this.get(input.subjectType, input.subjectId, trx);
    if (!stored) throw new Error('deadline vanished after upsert');
    return stored;
  }

  async get(
    subjectType: string,
    subjectId: string,
    trx: Executor = this.#deps.storage.db,
  ): Promise<Deadline | undefined> {
    const row = await calendarDb(trx)
      .selectFrom('deadline')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return row ? toDeadline(row) : undefined;
  }

  /**
   * Recomputes every provisional deadline whose computation used `year`, with the calendar as
   * it now stands (call after loading that year's notice). Answers how many were recomputed.
   */
  async recomputeProvisional(year: number, trx: Executor = this.#deps.storage.db): Promise<number> {
    const db = calendarDb(trx);
    const calendar = await loadCalendar(trx);
    const candidates = await db
      .selectFrom('deadline')
      .selectAll()
      .where('provisional', '=', 1)
      .where('basis', 'like', `%:${year}"%`)
      .execute();
    const now = this.#deps.clock.now().toISOString();
    let recomputed = 0;
    for (const row of candidates) {
      const basis = JSON.parse(row.basis) as string[];
      if (!basis.some((b) => b.endsWith(`:${year}`))) continue;
      const due = calendar.add(row.start_date, row.amount, row.unit);
      await db
        .updateTable('deadline')
        .set({
          due_date: due.date,
          provisional: due.provisional ? 1 : 0,
          basis: JSON.stringify(due.basis),
          recomputed_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      recomputed++;
    }
    return recomputed;
  }
}
