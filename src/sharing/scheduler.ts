import type { UpdateResult } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import { type CalendarService, chinaDate } from '../platform/calendar/index.js';
import type { Executor } from '../platform/db/index.js';
import { REPLY_RUNS_IN } from './application-case.js';
import type { SharingDb } from './db.js';
import { flagEach, type OverdueEscalation, recordOverdue } from './escalation.js';
import { EscalationTexts } from './escalation-texts.js';
import { SharingNotices } from './notice-texts.js';
import type { NoticeService } from './notices.js';
import type { SharingApplicationTable } from './schema.js';
import { recordEvent, SYSTEM_ACTOR, tables } from './store.js';

export interface SharingSchedulerDeps {
  db: SharingDb;
  audit: AuditTrail;
  calendar: Pick<CalendarService, 'calendar'>;
  notices: NoticeService;
  /** Tells the provider's sharing-office head of an overdue reply (R128). */
  escalation: Pick<OverdueEscalation, 'escalate'>;
  /** Working days before the due date when the provider is reminded (default 2). */
  reminderWorkingDays?: number;
}

export interface SweepResult {
  dueSoon: number;
  overdue: number;
  /** What registered steps did, by step name; only steps that acted this time are listed. */
  steps?: Record<string, number>;
}

/** A further deadline check run by every sweep (agreements, stops, disputes…): answers how many cases it acted on. */
export type SweepStep = (now: Date) => Promise<number>;

/**
 * Re-evaluates the reply deadlines of pending applications (R32, R40): a reminder to the
 * provider's resource administrators when the due date is near, and once the date has passed an
 * `overdue` flag on the case (counted against the provider by evaluation) with a notice to the
 * competent authority over the provider, escalated to the provider's sharing-office head (N01/R128).
 * Each happens once: the flag is set by a conditional
 * update, and only the sweep that set it sends the notice, so concurrent or repeated sweeps are
 * harmless. Called by a timer in the composition root and, with any `now`, by tests.
 * An application returned for completion (补正, N11) is skipped: it is not `pending` and has no
 * due date until resubmitted, when its reply period runs afresh.
 */
export class SharingScheduler {
  readonly #reminderDays: number;
  readonly #steps = new Map<string, SweepStep>();

  constructor(private readonly deps: SharingSchedulerDeps) {
    this.#reminderDays = deps.reminderWorkingDays ?? 2;
  }

  /** Adds a step to every sweep; a later registration under the same name replaces it. */
  register(name: string, step: SweepStep): void {
    this.#steps.set(name, step);
  }

  async sweep(now: Date): Promise<SweepResult> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const calendar = await this.deps.calendar.calendar();
    const db = this.deps.db;

    const upcoming = await db
      .selectFrom('sharing_application')
      .selectAll()
      .where('status', 'in', REPLY_RUNS_IN)
      .where('due_date', 'is not', null)
      .where('due_date', '>=', today)
      .where('due_soon_noticed_at', 'is', null)
      .execute();
    const near = upcoming.filter(
      (row) => calendar.countWorkingDays(today, row.due_date as string).count <= this.#reminderDays,
    );
    const dueSoon = await flagEach(
      db,
      near,
      (trx, row) => this.#mark(trx, row, 'due_soon_noticed_at', at),
      (trx, row) => this.#remind(trx, row, at),
    );

    const late = await db
      .selectFrom('sharing_application')
      .selectAll()
      .where('status', 'in', REPLY_RUNS_IN)
      .where('due_date', 'is not', null)
      .where('due_date', '<', today)
      .where('overdue', '=', 0)
      .execute();
    const overdue = await flagEach(
      db,
      late,
      (trx, row) => this.#mark(trx, row, 'overdue_at', at),
      (trx, row) => this.#flagOverdue(trx, row, at),
    );

    const steps: Record<string, number> = {};
    for (const [name, step] of this.#steps) {
      const acted = await step(now);
      if (acted > 0) steps[name] = acted;
    }
    return Object.keys(steps).length > 0 ? { dueSoon, overdue, steps } : { dueSoon, overdue };
  }

  /** Sets the marker column if no one has: the conditional update `flagEach` acts on once. */
  #mark(
    trx: Executor,
    row: SharingApplicationTable,
    column: 'due_soon_noticed_at' | 'overdue_at',
    at: string,
  ): Promise<UpdateResult> {
    return tables(trx)
      .updateTable('sharing_application')
      .set(column === 'overdue_at' ? { overdue: 1, overdue_at: at } : { due_soon_noticed_at: at })
      .where('id', '=', row.id)
      .where('status', 'in', REPLY_RUNS_IN)
      .where(column, 'is', null)
      .executeTakeFirst();
  }

  async #remind(trx: Executor, row: SharingApplicationTable, at: string): Promise<void> {
    await this.deps.notices.send(trx, {
      to: { departmentId: row.provider_department_id, role: 'resource_admin' },
      ...SharingNotices.notice('application.due_soon', {
        number: row.number,
        due: row.due_date,
        article: row.deadline_article ?? '—',
      }),
      link: `/sharing/applications/${row.id}`,
      case: { type: 'application', id: row.id },
    });
    await recordEvent(trx, {
      caseType: 'application',
      caseId: row.id,
      action: 'due_soon',
      actor: SYSTEM_ACTOR,
      at,
      detail: { dueDate: row.due_date },
    });
  }

  async #flagOverdue(trx: Executor, row: SharingApplicationTable, at: string): Promise<void> {
    const notice = {
      ...SharingNotices.notice('application.overdue', {
        number: row.number,
        due: row.due_date,
        entry: row.entry_name,
        code: row.entry_code,
        article: row.deadline_article ?? '—',
      }),
      link: `/sharing/applications/${row.id}`,
      case: { type: 'application', id: row.id },
    };
    await this.deps.notices.send(trx, {
      ...notice,
      to: { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
    });
    await this.deps.notices.send(trx, {
      ...notice,
      to: { departmentId: row.provider_department_id, role: 'resource_admin' },
    });
    await recordOverdue(trx, this.deps, {
      departmentId: row.provider_department_id,
      item: EscalationTexts.text('application', { number: row.number, entry: row.entry_name }),
      due: row.due_date,
      article: row.deadline_article,
      link: notice.link,
      case: { type: 'application', id: row.id },
      target: { type: 'sharing_application', id: row.id },
      at,
      event: 'overdue',
      audit: {
        action: 'sharing.application.overdue',
        detail: {
          number: row.number,
          dueDate: row.due_date,
          providerDepartmentId: row.provider_department_id,
        },
      },
    });
  }
}
