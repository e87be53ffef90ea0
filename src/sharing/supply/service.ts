import type { Kysely } from 'kysely';
import {
  type CalendarService,
  chinaDate,
  type DeadlineService,
  deadlineView,
  type WorkingCalendar,
} from '../../platform/calendar/index.js';
import { CaseRules } from '../../platform/cases/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Profile, ProfilePeriod } from '../../platform/profiles/index.js';
import { citation } from '../access-flow.js';
import type { SharingCaseDeps } from '../cases.js';
import type { DisputeTables } from '../disputes/schema.js';
import { flagEach, type OverdueEscalation, recordOverdue } from '../escalation.js';
import { EscalationTexts } from '../escalation-texts.js';
import type { CaseType, GrantOrigin, GrantSupply } from '../model.js';
import { SharingNotices } from '../notice-texts.js';
import type { SharingGrantTable } from '../schema.js';
import { recordEvent, SYSTEM_ACTOR } from '../store.js';
import type { GrantSupplyRow, SupplyTables } from './schema.js';

/**
 * The case a grant came from, by its origin: its timeline also shows the grant's overdue supply,
 * and its rules give the supply period (issue 13). A decision's case is its dispute or demand.
 */
const ORIGIN_CASE: Record<GrantOrigin, CaseType | null> = {
  application: 'application',
  unconditional: 'application',
  agreement: 'agreement',
  decision: null,
};

/** The deadline subject of a grant's supply (N12). */
export const SUPPLY_SUBJECT = 'sharing.grant.supply';

/** A grant's supply is no case of its own: it is built with what the cases are, and locks no row (no dialect). */
export interface SupplyServiceDeps extends Omit<SharingCaseDeps, 'dialect'> {
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  /** Tells the provider's sharing-office head of an overdue supply (N12, R128). */
  escalation: Pick<OverdueEscalation, 'escalate'>;
}

const supplyTables = (executor: Executor): Kysely<SupplyTables> =>
  executor as unknown as Kysely<SupplyTables>;
const decisionTables = (executor: Executor): Kysely<Pick<DisputeTables, 'sharing_dispute'>> =>
  executor as unknown as Kysely<Pick<DisputeTables, 'sharing_dispute'>>;

/** The supply period of the profile, or null where it sets no fixed one. */
export function supplyPeriod(profile: Profile): (ProfilePeriod & { value: number }) | null {
  const period = profile.deadlines.supply;
  if (period?.qualifier !== 'fixed' || period.value === null) return null;
  return period as ProfilePeriod & { value: number };
}

/**
 * N12 (809 第二十二条第一款): the provider supplies within the profile's supply period (national:
 * 20 working days) of agreeing. Every grant opens the obligation when it is made, whatever made it
 * (an application's approval, an agreement, a coordination decision, or an unconditional request
 * granted at once: the automatic grant is the answer agreeing to share, 第二十一条). The first
 * successful delivery through the exchange meets it; for hosted data that is the consumer's first
 * read, possible at once. Sharing cannot see whether a resource is hosted (the exchange depends on
 * sharing, not the reverse), so an unconditional grant is not marked supplied before a delivery.
 */
export class SupplyService {
  /** The rules each case keeps (issue 13): the supply period is that of the case that agreed. */
  readonly #rules: CaseRules;

  constructor(private readonly deps: SupplyServiceDeps) {
    this.#rules = new CaseRules({ db: deps.db, clock: deps.clock, current: deps.profile });
  }

  /**
   * Opens the obligation of a new grant in the transaction that creates it, with the supply period
   * of the rules the case that agreed was opened under (issue 13): a profile switched to since
   * changes the period of cases opened afterwards, not of this one.
   */
  async open(trx: Executor, grantId: string, agreedAt: Date): Promise<void> {
    const rules = await this.#rulesOfOrigin(trx, grantId);
    const period = supplyPeriod(rules);
    const text = rules.deadlines.supply?.text ?? null;
    if (!period) {
      await this.#set(trx, grantId, { supply_required: 1, supply_article: text });
      return;
    }
    const article = citation(period);
    const deadline = await this.deps.deadlines.set(
      {
        subjectType: SUPPLY_SUBJECT,
        subjectId: grantId,
        start: chinaDate(agreedAt),
        amount: period.value,
        unit: period.unit,
        article,
      },
      trx,
    );
    await this.#set(trx, grantId, {
      supply_required: 1,
      supply_deadline_id: deadline.id,
      supply_due_date: deadline.dueDate,
      supply_article: article,
    });
  }

  /**
   * The rules of the case the grant came from: the application (approved, or unconditional and
   * granted at once), the agreement, or the dispute or out-of-catalog demand whose decision made
   * it; today's profile for a case opened before rules were recorded.
   */
  async #rulesOfOrigin(trx: Executor, grantId: string): Promise<Profile> {
    const grant = await supplyTables(trx)
      .selectFrom('sharing_grant')
      .select(['origin', 'origin_id'])
      .where('id', '=', grantId)
      .executeTakeFirstOrThrow();
    const caseType = ORIGIN_CASE[grant.origin] ?? (await this.#decisionCase(trx, grant.origin_id));
    return this.#rules.rulesOf(caseType, grant.origin_id, trx);
  }

  /** A decision's grant names a dispute (coordination or agreement in negotiation) or a demand. */
  async #decisionCase(trx: Executor, id: string): Promise<'dispute' | 'demand'> {
    const dispute = await decisionTables(trx)
      .selectFrom('sharing_dispute')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    return dispute ? 'dispute' : 'demand';
  }

  /** The working calendar in force, for the countdowns of a page of grants. */
  calendar(): Promise<WorkingCalendar> {
    return this.deps.calendar.calendar();
  }

  /**
   * How the grant's supply stands; `calendar` gives the working days left and whether the date is
   * provisional (the exchange's access check passes none, to read no more than the grant).
   */
  present(row: SharingGrantTable, today: string, calendar?: WorkingCalendar): GrantSupply | null {
    const r = row as GrantSupplyRow;
    if (!r.supply_required) return null;
    const due = r.supply_due_date;
    const supplied = r.supplied_at;
    const late = due !== null && supplied !== null && chinaDate(new Date(supplied)) > due;
    const open = due !== null && supplied === null;
    return {
      ...(calendar && due !== null
        ? deadlineView(calendar, today, { dueDate: due, article: r.supply_article }, open)
        : { workingDaysLeft: null, provisional: null }),
      dueDate: due,
      article: r.supply_article,
      note: due === null ? r.supply_article : null,
      suppliedAt: supplied,
      overdue: r.supply_overdue === 1 || late || (open && today > due),
      late,
    };
  }

  /**
   * What a read under this grant does once it succeeded: records the first delivery, or nothing
   * when the grant carries no open obligation. The recorder remembers it ran, so that an access
   * answer cached by the exchange costs no further query.
   */
  recorder(row: SharingGrantTable): (() => Promise<void>) | undefined {
    const r = row as GrantSupplyRow;
    if (!r.supply_required || r.supplied_at !== null) return undefined;
    let done = false;
    return async () => {
      if (done) return;
      await this.delivered(r.id, this.deps.clock.now());
      done = true;
    };
  }

  /**
   * N12: the first successful delivery meets the obligation; one conditional update on the primary
   * key, so that later and concurrent deliveries change nothing. A delivery after the due date
   * leaves the obligation marked late.
   */
  async delivered(grantId: string, at: Date): Promise<boolean> {
    const iso = at.toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const result = await supplyTables(trx)
        .updateTable('sharing_grant')
        .set({ supplied_at: iso })
        .where('id', '=', grantId)
        .where('supply_required', '=', 1)
        .where('supplied_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      const row = await supplyTables(trx)
        .selectFrom('sharing_grant')
        .select(['supply_due_date', 'supply_overdue_at'])
        .where('id', '=', grantId)
        .executeTakeFirstOrThrow();
      const late = row.supply_due_date !== null && chinaDate(at) > row.supply_due_date;
      if (late)
        await this.#set(trx, grantId, { supply_overdue: 1, supply_overdue_at: row.supply_overdue_at ?? iso });
      await recordEvent(trx, {
        caseType: 'grant',
        caseId: grantId,
        action: 'supplied',
        actor: SYSTEM_ACTOR,
        at: iso,
        detail: { dueDate: row.supply_due_date, late },
      });
      return true;
    });
  }

  /**
   * The daily sweep: an obligation past its due date without a delivery is flagged overdue, once
   * (a conditional update; only the sweep that set the flag tells anyone), and told to the
   * provider department, the competent authority over it and the provider's sharing-office head
   * (N12 "flagged to the provider's head and the authority, on the case, the grant and the inbox"):
   * on the grant's timeline and its supply view, and on the application that made the grant.
   */
  async sweep(now: Date): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const rows = await this.deps.db
      .selectFrom('sharing_grant')
      .selectAll()
      .where('supply_overdue', '=', 0)
      .where('supply_due_date', 'is not', null)
      .where('supply_due_date', '<', today)
      .where('supply_required', '=', 1)
      .where('supplied_at', 'is', null)
      .where('status', '=', 'active')
      .execute();
    return flagEach(
      this.deps.db,
      rows,
      (trx, row) =>
        supplyTables(trx)
          .updateTable('sharing_grant')
          .set({ supply_overdue: 1, supply_overdue_at: at })
          .where('id', '=', row.id)
          .where('supply_overdue', '=', 0)
          .where('supplied_at', 'is', null)
          .executeTakeFirst(),
      (trx, row) => this.#flagOverdue(trx, row, at),
    );
  }

  async #flagOverdue(trx: Executor, row: GrantSupplyRow, at: string): Promise<void> {
    const notice = {
      ...SharingNotices.notice('grant.supply_overdue', {
        entry: row.entry_name,
        due: row.supply_due_date,
        code: row.entry_code,
        article: row.supply_article ?? '—',
      }),
      link: `/sharing/grants/${row.id}`,
      case: { type: 'grant', id: row.id },
    };
    await this.deps.notices.send(trx, { ...notice, to: { departmentId: row.provider_department_id } });
    await this.deps.notices.send(trx, {
      ...notice,
      to: { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
    });
    await recordOverdue(trx, this.deps, {
      departmentId: row.provider_department_id,
      item: EscalationTexts.text('supply', { entry: row.entry_name, code: row.entry_code }),
      due: row.supply_due_date,
      article: row.supply_article,
      link: notice.link,
      case: { type: 'grant', id: row.id },
      target: { type: 'sharing_grant', id: row.id },
      at,
      event: 'supply_overdue',
      audit: {
        action: 'sharing.grant.supply_overdue',
        detail: {
          dueDate: row.supply_due_date,
          entryCode: row.entry_code,
          providerDepartmentId: row.provider_department_id,
        },
      },
    });
    // The case the grant came from shows it too: the application (approved, or unconditional and
    // granted at once) or the agreement; a coordination decision's grant is read on the grant.
    const origin = ORIGIN_CASE[row.origin];
    if (origin)
      await recordEvent(trx, {
        caseType: origin,
        caseId: row.origin_id,
        action: 'supply_overdue',
        actor: SYSTEM_ACTOR,
        at,
        detail: { grantId: row.id, dueDate: row.supply_due_date },
      });
  }

  async #set(trx: Executor, grantId: string, values: Partial<GrantSupplyRow>): Promise<void> {
    await supplyTables(trx).updateTable('sharing_grant').set(values).where('id', '=', grantId).execute();
  }
}
