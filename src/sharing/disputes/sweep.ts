import type { AuditTrail } from '../../audit/index.js';
import { type CalendarService, chinaDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { lines } from '../../platform/messages/index.js';
import { commonPath } from '../complaints/store.js';
import type { SharingDb } from '../db.js';
import type { OverdueEscalation } from '../escalation.js';
import { EscalationTexts } from '../escalation-texts.js';
import type { NoticeInput, NoticeService, Recipient } from '../notices.js';
import { recordEvent, SYSTEM_ACTOR } from '../store.js';
import { DisputeNotices } from './notice-texts.js';
import type { SharingDemandTable, SharingDisputeTable } from './schema.js';
import { disputeTables } from './store.js';

export interface DisputeSweepResult {
  dueSoon: number;
  overdue: number;
}

type Table = 'sharing_dispute' | 'sharing_demand';
type Row = SharingDisputeTable | SharingDemandTable;
type Party = 'consumer' | 'provider' | 'authority';

/** Who hears of a stage nearing or passing its deadline: the party that owes the next step first. */
const STAGES: {
  table: Table;
  status: string;
  label: { zh: string; en: string };
  dueSoon: Party[];
  overdue: Party[];
  /**
   * The department whose sharing-office head an overdue stage escalates to (R128): the provider,
   * which owes the agreement, the reply or the supply; for coordination, the competent authority
   * that owes it: the one over both parties (N19, 809 第二十八条).
   */
  escalateTo: 'provider' | 'authority';
}[] = [
  {
    table: 'sharing_dispute',
    status: 'negotiating',
    label: { zh: '协商', en: 'Negotiation' },
    dueSoon: ['provider', 'consumer'],
    overdue: ['consumer', 'provider'],
    escalateTo: 'provider',
  },
  {
    table: 'sharing_dispute',
    status: 'coordinating',
    label: { zh: '协调', en: 'Coordination' },
    dueSoon: ['authority'],
    overdue: ['authority', 'consumer', 'provider'],
    escalateTo: 'authority',
  },
  {
    table: 'sharing_demand',
    status: 'pending',
    label: { zh: '目录外需求答复', en: 'Reply to out-of-catalog demand' },
    dueSoon: ['provider'],
    overdue: ['provider', 'authority'],
    escalateTo: 'provider',
  },
  {
    table: 'sharing_demand',
    status: 'awaiting_supply',
    label: { zh: '目录外需求编目提供', en: 'Supply of out-of-catalog demand' },
    dueSoon: ['provider'],
    overdue: ['provider', 'authority', 'consumer'],
    escalateTo: 'provider',
  },
];

/**
 * The deadline sweep of negotiation, coordination and out-of-catalog supply (R37, R38, R34, R40),
 * registered with the sharing scheduler: a reminder when a stage's due date is near, and an
 * overdue flag with notices, an escalation to the sharing-office head (R128) of the party that owes
 * the step (the provider, or for coordination the authority) and an audit entry once it passed. Each happens once per stage: the
 * marker column is set by a conditional update and only the sweep that set it tells anyone.
 */
export class DisputeScheduler {
  readonly #reminderDays: number;

  constructor(
    private readonly deps: {
      db: SharingDb;
      audit: AuditTrail;
      calendar: Pick<CalendarService, 'calendar'>;
      notices: NoticeService;
      /** Tells the responsible department's sharing-office head of an overdue stage (R128). */
      escalation: Pick<OverdueEscalation, 'escalate' | 'escalateToAuthority'>;
      reminderWorkingDays?: number | undefined;
    },
  ) {
    this.#reminderDays = deps.reminderWorkingDays ?? 2;
  }

  async sweep(now: Date): Promise<DisputeSweepResult> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const calendar = await this.deps.calendar.calendar();
    const result = { dueSoon: 0, overdue: 0 };
    for (const stage of STAGES) {
      const db = this.deps.db;
      const upcoming = (await db
        .selectFrom(stage.table)
        .selectAll()
        .where('status', '=', stage.status as never)
        .where('due_date', 'is not', null)
        .where('due_date', '>=', today)
        .where('due_soon_noticed_at', 'is', null)
        .execute()) as unknown as Row[];
      for (const row of upcoming) {
        const due = row.due_date as string;
        if (calendar.countWorkingDays(today, due).count > this.#reminderDays) continue;
        if (
          await this.#once(stage, row, 'due_soon_noticed_at', at, (trx) =>
            this.#tell(trx, stage, row, 'due_soon', at),
          )
        )
          result.dueSoon++;
      }
      const late = (await db
        .selectFrom(stage.table)
        .selectAll()
        .where('status', '=', stage.status as never)
        .where('due_date', 'is not', null)
        .where('due_date', '<', today)
        .where('overdue', '=', 0)
        .execute()) as unknown as Row[];
      for (const row of late)
        if (
          await this.#once(stage, row, 'overdue_at', at, (trx) => this.#tell(trx, stage, row, 'overdue', at))
        )
          result.overdue++;
    }
    return result;
  }

  async #once(
    stage: (typeof STAGES)[number],
    row: Row,
    column: 'due_soon_noticed_at' | 'overdue_at',
    at: string,
    then: (trx: Executor) => Promise<void>,
  ): Promise<boolean> {
    return this.deps.db.transaction().execute(async (trx) => {
      const result = await disputeTables(trx)
        .updateTable(stage.table)
        .set(column === 'overdue_at' ? { overdue: 1, overdue_at: at } : { due_soon_noticed_at: at })
        .where('id', '=', row.id)
        .where('status', '=', stage.status as never)
        .where(column, 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await then(trx);
      return true;
    });
  }

  async #tell(
    trx: Executor,
    stage: (typeof STAGES)[number],
    row: Row,
    what: 'due_soon' | 'overdue',
    at: string,
  ): Promise<void> {
    const caseType = stage.table === 'sharing_dispute' ? 'dispute' : 'demand';
    const name = 'title' in row ? row.title : row.entry_name;
    const notice: Omit<NoticeInput, 'to'> = {
      ...DisputeNotices.notice(`${caseType}.${what}`, {
        stage: stage.label,
        number: row.number,
        due: row.due_date,
        name,
        body: lines(row.deadline_article),
      }),
      link: `/sharing/${caseType}s/${row.id}`,
      case: { type: caseType, id: row.id },
    };
    for (const party of what === 'due_soon' ? stage.dueSoon : stage.overdue)
      await this.deps.notices.send(trx, { ...notice, to: recipient(row, party) });
    await recordEvent(trx, {
      caseType,
      caseId: row.id,
      action: what,
      actor: SYSTEM_ACTOR,
      at,
      detail: { stage: stage.status, dueDate: row.due_date },
    });
    if (what === 'overdue') {
      const item = {
        item: EscalationTexts.text('dispute', { stage: stage.label, number: row.number, name }),
        due: row.due_date,
        article: row.deadline_article,
        link: notice.link,
        case: { type: caseType, id: row.id },
        target: { type: stage.table, id: row.id },
        at,
      } as const;
      if (stage.escalateTo === 'provider')
        await this.deps.escalation.escalate(trx, { ...item, departmentId: row.provider_department_id });
      else
        await this.deps.escalation.escalateToAuthority(
          trx,
          commonPath(row.consumer_jurisdiction_path, row.provider_jurisdiction_path),
          item,
        );
    }
    if (what === 'overdue')
      await this.deps.audit.record(
        trx,
        {},
        {
          action: `sharing.${caseType}.overdue`,
          targetType: stage.table,
          targetId: row.id,
          category: 'decision',
          detail: {
            number: row.number,
            stage: stage.status,
            dueDate: row.due_date,
            providerDepartmentId: row.provider_department_id,
          },
        },
      );
  }
}

function recipient(row: Row, party: Party): Recipient {
  if (party === 'consumer') return { departmentId: row.consumer_department_id };
  if (party === 'provider') return { departmentId: row.provider_department_id, role: 'resource_admin' };
  return { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path };
}
