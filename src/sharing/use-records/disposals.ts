import type { Kysely } from 'kysely';
import {
  type CalendarService,
  chinaDate,
  type DeadlineView,
  deadlineView,
  type WorkingCalendar,
} from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { type Executor, newId } from '../../platform/db/index.js';
import { type Label, lines } from '../../platform/messages/index.js';
import {
  caseDetail,
  partyNotice,
  type SharingCaseDeps,
  type SharingCaseKernel,
  sharingCaseKernel,
} from '../cases.js';
import { requiredText, SharingErrors } from '../errors.js';
import { flagEach, type OverdueEscalation, recordOverdue } from '../escalation.js';
import { EscalationTexts } from '../escalation-texts.js';
import { type GrantCaseHead, grantCaseHead, lockedGrant, partiesOf, readableGrant } from '../grant-cases.js';
import { grantStatusAt } from '../grants.js';
import type { CaseEvent, CaseType } from '../model.js';
import { SharingNotices, SharingTexts } from '../notice-texts.js';
import type { NoticeInput } from '../notices.js';
import type { SharingGrantTable } from '../schema.js';
import { recordEvent } from '../store.js';
import { canReadUseRecords, retainUntil } from './access.js';
import { DisposalCase } from './case.js';
import { UseRecordErrors } from './errors.js';
import type { DisposalGround, DisposalStatus, SharingDisposalTable, UseRecordTables } from './schema.js';

export interface DisposalDeps extends SharingCaseDeps {
  calendar: Pick<CalendarService, 'calendar'>;
  /** Tells the requester's sharing-office head of a disposal record overdue (R128). */
  escalation: Pick<OverdueEscalation, 'escalate'>;
}

export const DISPOSALS_PATH = '/cases/disposal';
/**
 * The article of a disposal's due date. The regulation sets no period for disposal; the date is
 * the provider's requirement ("按照政务数据提供部门的要求"), and the article says so.
 */
export const DISPOSAL_ARTICLE =
  '《政务数据共享条例》第二十七条第一款：共享目的已实现、无法实现或者为实现共享目的不再必要的，应当按照政务数据提供部门的要求妥善处置（条例未规定处置期限，期限由提供部门确定）';

export interface Disposal extends GrantCaseHead<DisposalStatus> {
  ground: DisposalGround;
  /** The ground in words (共享目的已实现…), as the generic case page shows it. */
  groundText: string;
  requirement: string;
  /** dueDate, workingDaysLeft (null once filed), article, provisional. */
  deadline: DeadlineView;
  requiredBy: { id: string; name: string };
  record: {
    what: string;
    how: string;
    on: string;
    by: string;
    filedBy: { id: string; name: string };
    filedAt: string;
    late: boolean;
    retainUntil: string | null;
  } | null;
  overdue: boolean;
  overdueAt: string | null;
  createdAt: string;
  timeline: CaseEvent[];
  allowedActions: 'file'[];
}

export interface DisposalRequirement {
  grantId: string;
  ground: DisposalGround;
  requirement: string;
  dueDate: string;
}

export interface DisposalRecord {
  what: string;
  how: string;
  on: string;
  by: string;
}

const db = (executor: Executor) =>
  executor as unknown as Kysely<UseRecordTables & { sharing_grant: SharingGrantTable }>;
const KIND = 'disposal' as CaseType;
const GROUND_ZH: Record<DisposalGround, string> = {
  grant_ended: '共享授权已终止',
  purpose_achieved: '共享目的已实现',
  purpose_unachievable: '共享目的无法实现',
  no_longer_necessary: '为实现共享目的不再必要',
};
const GRANT_STATUS_ZH = { active: '有效', suspended: '暂停', revoked: '已撤销', expired: '已过期' } as const;

/**
 * N16 on the case kernel (第二十七条第一款): the provider requires disposal of a grant's data, with
 * its requirement and the date by which the record is due, once the grant has ended (expired or
 * revoked) or on one of the article's grounds; the requesting department files its record (what,
 * how, when, who), which is then kept like a use record (第二十九条第二款, 3 years). A record still
 * missing after its date is flagged once by the daily sweep, to the provider and the authority.
 */
export class DisposalService {
  readonly #kernel: SharingCaseKernel;
  readonly #step;
  constructor(private readonly deps: DisposalDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#step = this.#kernel.stepper(DisposalCase, (actor, id) => this.get(actor, id));
  }

  async require(ctx: RequestContext, input: DisposalRequirement): Promise<Disposal> {
    const { actor } = ctx;
    const grant = await readableGrant(this.deps, actor, input.grantId, canReadUseRecords);
    const requirement = requiredText(input.requirement, 'requirement');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: SharingDisposalTable = {
      id: newId(now),
      number: '',
      status: 'awaiting_record',
      ...partiesOf(grant),
      ground: input.ground,
      requirement,
      due_date: input.dueDate,
      article: DISPOSAL_ARTICLE,
      required_by: actor.id,
      required_by_name: actedBy(actor).name,
      disposed_what: null,
      disposed_how: null,
      disposed_on: null,
      disposed_by: null,
      filed_by: null,
      filed_by_name: null,
      filed_at: null,
      overdue: 0,
      overdue_at: null,
      retain_until: null,
      created_at: at,
      updated_at: at,
    };
    const opened = await this.#kernel.open(DisposalCase, ctx, row, async ({ trx, today }) => {
      if (input.dueDate < today)
        throw UseRecordErrors.error('DISPOSAL_DUE_DATE_PAST', {
          dueDate: input.dueDate,
          today,
          field: 'dueDate',
        });
      const current = await lockedGrant(trx, this.deps.dialect, grant.id);
      const status = grantStatusAt(current, today);
      if (input.ground === 'grant_ended' && status !== 'expired' && status !== 'revoked')
        throw UseRecordErrors.error('DISPOSAL_GRANT_NOT_ENDED', {
          status: GRANT_STATUS_ZH[status],
          statusEn: status,
        });
      const earlier = await db(trx)
        .selectFrom('sharing_disposal')
        .select('number')
        .where('grant_id', '=', grant.id)
        .executeTakeFirst();
      if (earlier) throw UseRecordErrors.error('DISPOSAL_ALREADY_REQUIRED', { number: earlier.number });
      await recordEvent(trx, {
        caseType: 'grant',
        caseId: grant.id,
        action: 'disposal_required',
        actor: actedBy(actor),
        at,
        detail: { disposalId: row.id, ground: input.ground, dueDate: input.dueDate },
      });
      const required = (body: Label | string) =>
        SharingNotices.notice('disposal.required', {
          due: input.dueDate,
          entry: grant.entry_name,
          ground: SharingTexts.text(`ground_${input.ground}`),
          body,
        });
      return {
        detail: {
          grantId: grant.id,
          ground: input.ground,
          requirement,
          dueDate: input.dueDate,
          article: DISPOSAL_ARTICLE,
        },
        notices: [
          this.#notice(row, 'consumer', required(lines(requirement, SharingTexts.text('disposalArticle')))),
          this.#notice(row, 'provider', required(requirement)),
        ],
      };
    });
    return this.get(actor, opened.id);
  }

  file(ctx: RequestContext, id: string, record: DisposalRecord) {
    return this.#step(ctx, id, 'file', async ({ row, at, today }) => {
      const fields = { what: record.what.trim(), how: record.how.trim(), by: record.by.trim() };
      for (const [field, value] of Object.entries(fields))
        if (value === '') throw SharingErrors.error('SHARING_REASON_REQUIRED', { field });
      if (record.on > today)
        throw UseRecordErrors.error('DISPOSAL_DATE_IN_FUTURE', { date: record.on, today, field: 'on' });
      const late = today > row.due_date;
      const keep = retainUntil(today);
      const filed = SharingNotices.notice('disposal.filed', {
        number: row.number,
        entry: row.entry_name,
        late: late ? SharingTexts.text('filedLate') : '',
        body: SharingTexts.text('disposalRecord', { ...fields, on: record.on }),
      });
      return {
        set: {
          disposed_what: fields.what,
          disposed_how: fields.how,
          disposed_on: record.on,
          disposed_by: fields.by,
          filed_by: ctx.actor.id,
          filed_by_name: actedBy(ctx.actor).name,
          filed_at: at,
          retain_until: keep,
        },
        detail: { ...fields, on: record.on, late, retainUntil: keep },
        notices: [this.#notice(row, 'provider', filed), this.#notice(row, 'consumer', filed)],
      };
    });
  }

  async get(actor: Actor, id: string): Promise<Disposal> {
    return caseDetail(this.#kernel, DisposalCase, actor, id, {
      present: async (row) =>
        present(row, await this.deps.calendar.calendar(), chinaDate(this.deps.clock.now())),
    });
  }

  /** The disposal of a grant, if one was required (what the grant's page shows). */
  async ofGrant(actor: Actor, grantId: string): Promise<Disposal | null> {
    const row = await this.deps.db
      .selectFrom('sharing_disposal')
      .selectAll()
      .where('grant_id', '=', grantId)
      .executeTakeFirst();
    if (row) return canReadUseRecords(actor, row) ? this.get(actor, row.id) : null;
    // No disposal yet: null to who may read the grant's records, not found to anyone else.
    await readableGrant(this.deps, actor, grantId, canReadUseRecords);
    return null;
  }

  /**
   * The daily sweep (a step of the sharing deadline sweep, a job of the jobs kernel): a record
   * still missing after its due date is flagged overdue once (a conditional update; only the
   * sweep that set the flag tells anyone) and told to the provider and the authority over it.
   */
  async sweep(now: Date): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const rows = await this.deps.db
      .selectFrom('sharing_disposal')
      .selectAll()
      .where('status', '=', 'awaiting_record')
      .where('overdue', '=', 0)
      .where('due_date', '<', today)
      .execute();
    return flagEach(
      this.deps.db,
      rows,
      (trx, row) =>
        db(trx)
          .updateTable('sharing_disposal')
          .set({ overdue: 1, overdue_at: at })
          .where('id', '=', row.id)
          .where('overdue', '=', 0)
          .where('status', '=', 'awaiting_record')
          .executeTakeFirst(),
      (trx, row) => this.#flagOverdue(trx, row, at),
    );
  }

  async #flagOverdue(trx: Executor, row: SharingDisposalTable, at: string): Promise<void> {
    const overdue = SharingNotices.notice('disposal.overdue', {
      number: row.number,
      entry: row.entry_name,
      due: row.due_date,
      body: lines(row.article),
    });
    for (const to of ['provider', 'authority', 'consumer'] as const)
      await this.deps.notices.send(trx, this.#notice(row, to, overdue));
    // The requester owes the record: its sharing-office head hears of it (R128).
    await recordOverdue(trx, this.deps, {
      departmentId: row.consumer_department_id,
      item: EscalationTexts.text('disposal', { number: row.number, entry: row.entry_name }),
      due: row.due_date,
      article: row.article,
      link: `${DISPOSALS_PATH}/${row.id}`,
      case: { type: KIND, id: row.id },
      target: { type: 'sharing_disposal', id: row.id },
      at,
      event: 'overdue',
      audit: {
        action: 'sharing.disposal.overdue',
        detail: { number: row.number, dueDate: row.due_date, grantId: row.grant_id },
      },
    });
  }

  #notice(
    row: SharingDisposalTable,
    to: 'consumer' | 'provider' | 'authority',
    content: Omit<NoticeInput, 'to'>,
  ): NoticeInput {
    return partyNotice(row, { type: KIND, path: DISPOSALS_PATH }, to, content);
  }
}

function present(
  row: SharingDisposalTable,
  calendar: WorkingCalendar,
  today: string,
): Omit<Disposal, 'timeline' | 'allowedActions'> {
  const filed = row.status === 'filed' && row.filed_at !== null;
  return {
    ...grantCaseHead(row),
    ground: row.ground,
    groundText: GROUND_ZH[row.ground],
    requirement: row.requirement,
    deadline: deadlineView(calendar, today, { dueDate: row.due_date, article: row.article }, !filed),
    requiredBy: { id: row.required_by, name: row.required_by_name },
    record: filed
      ? {
          what: row.disposed_what ?? '',
          how: row.disposed_how ?? '',
          on: row.disposed_on ?? '',
          by: row.disposed_by ?? '',
          filedBy: { id: row.filed_by ?? '', name: row.filed_by_name ?? '' },
          filedAt: row.filed_at ?? '',
          late: chinaDate(new Date(row.filed_at ?? '')) > row.due_date,
          retainUntil: row.retain_until,
        }
      : null,
    overdue: row.overdue === 1 || (!filed && today > row.due_date),
    overdueAt: row.overdue_at,
    createdAt: row.created_at,
  };
}
