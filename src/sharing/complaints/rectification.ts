import { chinaDate, isIsoDate } from '../../platform/calendar/index.js';
import { actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { LocalizedParam } from '../../platform/errors/index.js';
import { type Label, lines } from '../../platform/messages/index.js';
import type { SharingCaseStepper } from '../cases.js';
import { requiredText } from '../errors.js';
import { EscalationTexts } from '../escalation-texts.js';
import type { NoticeInput, Recipient } from '../notices.js';
import { recordEvent, SYSTEM_ACTOR } from '../store.js';
import { ComplaintErrors } from './errors.js';
import { ComplaintNotices, ComplaintTexts } from './notice-texts.js';
import type { ComplaintDetail } from './present.js';
import type { ComplaintAction, ComplaintStatus, SharingComplaintTable } from './schema.js';
import type { ComplaintDeps } from './service.js';
import { commonPath, complaintTables as db } from './store.js';

/**
 * 809 第二十七条第二款, quoted: "政务数据需求部门存在擅自超出使用范围、共享目的使用政务数据，或者擅自将
 * 政务数据提供给第三方的，政务数据共享主管部门或者政务数据提供部门应当暂停其政务数据共享权限，并督促限期
 * 整改，对拒不整改或者整改不到位的，可以终止共享。"
 */
export const RECTIFICATION_ARTICLE =
  '政务数据共享条例 第二十七条第二款：暂停其政务数据共享权限，并督促限期整改，对拒不整改或者整改不到位的，可以终止共享';

/** The subject of a rectification deadline computed in working days (DeadlineService). */
export const RECTIFICATION_SUBJECT = 'sharing.complaint.rectification';

/** A complaint's rectification and termination columns before any order: how every case starts. */
export const NO_RECTIFICATION = {
  rectification_order: null,
  rectification_due_date: null,
  rectification_article: null,
  rectification_report: null,
  rectification_reported_at: null,
  termination_reason: null,
  terminated_at: null,
  terminated_by: null,
  terminated_by_name: null,
} as const satisfies Partial<SharingComplaintTable>;

/** What the authority orders with a suspension: what to put right, and a date or a number of working days. */
export interface RectificationOrder {
  order: string;
  dueDate?: string | undefined;
  workingDays?: number | undefined;
}

/**
 * N17 on the complaint case: a suspension with a rectification order (整改要求) and date (限期);
 * the department complained about reports what it put right; the authority that answered the
 * complaint (the decider of today's complaint, R118) accepts — the grants resume — or finds it not
 * rectified: the department may report again until the date, after it the grants are terminated.
 * Not reported by the date, the sweep terminates them, once.
 */
export class Rectification {
  constructor(
    private readonly deps: ComplaintDeps,
    /** The complaint case's steps (`ComplaintService`), each answering the complaint's detail. */
    private readonly step: SharingCaseStepper<
      SharingComplaintTable,
      ComplaintStatus,
      ComplaintAction,
      ComplaintDetail
    >,
  ) {}

  /**
   * Checks an order given with the answer and fixes its due date (a date after today, or working
   * days from today across the holiday notice): the columns to set and the timeline detail.
   */
  async order(
    trx: Executor,
    row: SharingComplaintTable,
    input: RectificationOrder,
    suspended: number,
    today: string,
  ): Promise<{
    set: Partial<SharingComplaintTable>;
    detail: { order: string; dueDate: string; text: Label };
  }> {
    const invalid = (field: string, reason: LocalizedParam) =>
      ComplaintErrors.error('COMPLAINT_RECTIFICATION_INVALID', { field, reason });
    if (suspended === 0)
      throw invalid('rectification', {
        zh: '整改须随暂停授权一并作出',
        en: 'an order comes with a suspension',
      });
    const order = input.order.trim();
    if (order === '')
      throw invalid('rectification.order', { zh: '须写明整改要求', en: 'say what to put right' });
    if ((input.dueDate === undefined) === (input.workingDays === undefined))
      throw invalid('rectification', {
        zh: '整改期限须给出日期或工作日数之一',
        en: 'give a date or working days',
      });
    let dueDate: string;
    if (input.dueDate !== undefined) {
      if (!isIsoDate(input.dueDate) || input.dueDate <= today)
        throw invalid('rectification.dueDate', {
          zh: `须为 ${today} 之后的日期`,
          en: `a date after ${today}`,
        });
      dueDate = input.dueDate;
    } else {
      const deadline = await this.deps.deadlines.set(
        {
          subjectType: RECTIFICATION_SUBJECT,
          subjectId: row.id,
          start: today,
          amount: input.workingDays as number,
          unit: 'working_days',
          article: RECTIFICATION_ARTICLE,
        },
        trx,
      );
      dueDate = deadline.dueDate;
    }
    return {
      set: {
        rectification_order: order,
        rectification_due_date: dueDate,
        rectification_article: RECTIFICATION_ARTICLE,
      },
      detail: {
        order,
        dueDate,
        // In both languages, as the portal reads a stored text of the platform's (detail.recorded).
        text: lines(
          ComplaintTexts.text('rectificationOrder', { order }),
          ComplaintTexts.text('rectificationDue', { due: dueDate }),
        ),
      },
    };
  }

  /** The department complained about reports what it put right, by the date. */
  report(ctx: RequestContext, id: string, text: string) {
    return this.step(ctx, id, 'report_rectification', async ({ row, at, today }) => {
      const report = requiredText(text, 'report');
      if (row.rectification_due_date !== null && today > row.rectification_due_date)
        throw ComplaintErrors.error('COMPLAINT_RECTIFICATION_OVERDUE', {
          dueDate: row.rectification_due_date,
        });
      return {
        set: { rectification_report: report, rectification_reported_at: at },
        detail: { report },
        notices: reviewers(row).map((to) => notice(row, to, 'rectification_reported', report)),
      };
    });
  }

  /** The authority finds the misuse put right: every grant the answer suspended resumes. */
  accept(ctx: RequestContext, id: string, note: string | undefined) {
    return this.step(ctx, id, 'accept_rectification', async ({ trx, row }) => {
      const why = note?.trim() || null;
      const resumed: string[] = [];
      for (const grantId of this.#suspended(row)) {
        const grant = await db(trx)
          .selectFrom('sharing_grant')
          .select('status')
          .where('id', '=', grantId)
          .executeTakeFirst();
        // A grant revoked meanwhile by its provider stays revoked.
        if (grant?.status !== 'suspended') continue;
        await this.deps.grants.changeIn(
          trx,
          ctx,
          grantId,
          'resume',
          why
            ? ComplaintTexts.text('grantRectifiedNote', { number: row.number, note: why }).zh
            : ComplaintTexts.text('grantRectified', { number: row.number }).zh,
          { complaintId: id },
        );
        resumed.push(grantId);
      }
      return {
        detail: { note: why, resumedGrants: resumed },
        notices: parties(row).map((to) => notice(row, to, 'rectified', why)),
      };
    });
  }

  /**
   * The authority finds it not rectified: before the date the department may report again; past
   * it, "整改不到位的，可以终止共享" — the grants are terminated in this step.
   */
  reject(ctx: RequestContext, id: string, reason: string) {
    return this.step(ctx, id, 'reject_rectification', async ({ trx, row, at, today }) => {
      const why = requiredText(reason, 'reason');
      if (row.rectification_due_date === null || today <= row.rectification_due_date)
        return {
          status: 'rectifying',
          detail: { reason: why, dueDate: row.rectification_due_date },
          notices: [notice(row, { departmentId: row.respondent_department_id }, 'not_rectified', why)],
        };
      const outcome = await this.#terminate(
        trx,
        ctx,
        row,
        at,
        ComplaintTexts.text('notRectified', { reason: why }),
        false,
      );
      return { status: 'terminated', ...outcome, detail: { ...outcome.detail, reason: why } };
    });
  }

  /** The authority ends the sharing at once: 拒不整改 or 整改不到位. */
  terminate(ctx: RequestContext, id: string, reason: string) {
    return this.step(ctx, id, 'terminate', async ({ trx, row, at }) => {
      const why = requiredText(reason, 'reason');
      const outcome = await this.#terminate(trx, ctx, row, at, why, false);
      return { ...outcome, detail: { ...outcome.detail, reason: why } };
    });
  }

  /**
   * The sweep on the jobs kernel (registered with the sharing scheduler): a complaint still
   * `rectifying` past its date is terminated, once — a conditional update on the state; only the
   * sweep that moved it terminates the grants and tells the parties, the authority and the
   * department's sharing-office head (R128). A report
   * waiting for the authority's review is left to the review.
   */
  async sweep(now: Date): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const due = await this.deps.db
      .selectFrom('sharing_complaint')
      .selectAll()
      .where('status', '=', 'rectifying')
      .where('rectification_due_date', '<', today)
      .execute();
    let terminated = 0;
    for (const row of due) {
      const done = await this.deps.db.transaction().execute(async (trx) => {
        const reason = ComplaintTexts.text('notRectifiedByDate', { due: row.rectification_due_date });
        const moved = await db(trx)
          .updateTable('sharing_complaint')
          .set({ status: 'terminated', updated_at: at })
          .where('id', '=', row.id)
          .where('status', '=', 'rectifying')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return false;
        const outcome = await this.#terminate(trx, {}, row, at, reason, true);
        await db(trx).updateTable('sharing_complaint').set(outcome.set).where('id', '=', row.id).execute();
        // The department that did not rectify by the date: its sharing-office head hears of it (R128).
        await this.deps.escalation.escalate(trx, {
          departmentId: row.respondent_department_id,
          item: EscalationTexts.text('rectification', { number: row.number }),
          due: row.rectification_due_date,
          article: row.rectification_article,
          link: `/sharing/complaints/${row.id}`,
          case: { type: 'complaint', id: row.id },
          target: { type: 'sharing_complaint', id: row.id },
          at,
        });
        await recordEvent(trx, {
          caseType: 'complaint',
          caseId: row.id,
          action: 'terminate',
          actor: SYSTEM_ACTOR,
          at,
          detail: outcome.detail,
        });
        await this.deps.audit.record(
          trx,
          {},
          {
            action: 'sharing.complaint.terminate',
            targetType: 'sharing_complaint',
            targetId: row.id,
            category: 'decision',
            detail: { number: row.number, ...outcome.detail },
          },
        );
        for (const n of outcome.notices) await this.deps.notices.send(trx, n);
        return true;
      });
      if (done) terminated++;
    }
    return terminated;
  }

  /** Terminates the suspended grants (stored as revoked, so reads stay refused) and says so to all. */
  async #terminate(
    trx: Executor,
    ctx: RequestContext | Record<string, never>,
    row: SharingComplaintTable,
    at: string,
    /** What a user wrote, or the platform's words in both languages; kept in Chinese on the complaint. */
    reason: string | Label,
    byPlatform: boolean,
  ) {
    const terminated: string[] = [];
    const providers = new Set<string>();
    for (const grantId of this.#suspended(row)) {
      const grant = await db(trx)
        .selectFrom('sharing_grant')
        .select(['status', 'provider_department_id'])
        .where('id', '=', grantId)
        .executeTakeFirst();
      if (grant?.status !== 'suspended' && grant?.status !== 'active') continue;
      await this.deps.grants.changeIn(
        trx,
        ctx as RequestContext,
        grantId,
        'terminate',
        ComplaintTexts.text('grantTerminated', { number: row.number, reason }).zh,
        { complaintId: row.id, complaintNumber: row.number },
        byPlatform,
      );
      terminated.push(grantId);
      providers.add(grant.provider_department_id);
    }
    const actor = byPlatform ? SYSTEM_ACTOR : (ctx as RequestContext).actor;
    const recipients: Recipient[] = [
      ...parties(row),
      ...[...providers]
        .filter((p) => p !== row.complainant_department_id)
        .map((departmentId) => ({ departmentId })),
      authorityOf(row),
    ];
    return {
      set: {
        termination_reason: typeof reason === 'string' ? reason : reason.zh,
        terminated_at: at,
        terminated_by: actor.id,
        terminated_by_name: actedBy(actor).name,
      } satisfies Partial<SharingComplaintTable>,
      detail: { terminatedGrants: terminated, dueDate: row.rectification_due_date },
      notices: recipients.map((to) => notice(row, to, 'terminated', reason)),
    };
  }

  #suspended(row: SharingComplaintTable): string[] {
    return JSON.parse(row.suspended_grants) as string[];
  }
}

const parties = (row: SharingComplaintTable): Recipient[] => [
  { departmentId: row.complainant_department_id },
  { departmentId: row.respondent_department_id },
];

/**
 * Who reviews a reported rectification: the authority over both departments; on a misuse finding
 * of the provider (N17), the provider's resource administrators too.
 */
const reviewers = (row: SharingComplaintTable): Recipient[] => [
  authorityOf(row),
  ...(row.found_by === 'provider'
    ? [{ departmentId: row.complainant_department_id, role: 'resource_admin' as const }]
    : []),
];

/** The authority over both departments: the one that answered and reviews the rectification. */
const authorityOf = (row: SharingComplaintTable): Recipient => ({
  role: 'authority',
  jurisdictionPath: commonPath(row.complainant_jurisdiction_path, row.respondent_jurisdiction_path),
});

function notice(
  row: SharingComplaintTable,
  to: Recipient,
  what: 'rectification_reported' | 'rectified' | 'not_rectified' | 'terminated',
  body: string | Label | null,
): NoticeInput {
  const due = row.rectification_due_date;
  return {
    to,
    ...ComplaintNotices.notice(`complaint.${what}`, {
      number: row.number,
      body: lines(body, due && ComplaintTexts.text('rectificationDue', { due })),
    }),
    link: `/sharing/complaints/${row.id}`,
    case: { type: 'complaint', id: row.id },
  };
}
