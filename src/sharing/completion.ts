import { chinaDate } from '../platform/calendar/index.js';
import { actedBy, type RequestContext } from '../platform/context/index.js';
import { CommonErrors, defineErrors } from '../platform/errors/index.js';
import { lines } from '../platform/messages/index.js';
import { ApplicationCase } from './application-case.js';
import type { ApplicationDetail, ApplicationService, ApplicationServiceDeps } from './applications.js';
import type { SharingCaseKernel } from './cases.js';
import type { AccessMethod, Scope } from './model.js';
import { SharingNotices, SharingTexts } from './notice-texts.js';
import { checkRequest, requireScenario } from './request.js';

export const CompletionErrors = defineErrors('sharing', {
  SHARING_ALREADY_RETURNED: {
    status: 409,
    zh: '共享申请 {number} 已于 {returnedAt} 退回补正过一次，不能再次退回；请作出同意或不予共享的答复',
    en: 'Sharing application {number} was already returned for completion on {returnedAt}; it may be returned only once: approve or refuse it',
  },
  SHARING_RETURN_POINTS_INVALID: {
    status: 422,
    zh: '退回补正须一次性列明需补正的全部事项（1 至 20 项，每项不得为空）',
    en: 'A return for completion lists every missing point at once (1 to 20 points, none empty)',
  },
});

/** The most points one return may list: one notice the consumer can act on, not a questionnaire. */
export const MAX_RETURN_POINTS = 20;

export interface ReturnInput {
  points: string[];
  note?: string | undefined;
}

export interface ResubmitInput {
  note?: string | undefined;
  purposeText?: string | undefined;
  legalDuty?: string | undefined;
  /** 使用场景 (N09): an application made before it was asked states it when completed. */
  scenario?: string | undefined;
}

/**
 * 补正 (809 Art.21 ¶2, N11): the provider returns an incomplete application once, listing in one
 * notice everything that is missing (一次性告知), and the consumer completes and resubmits it. A
 * second return is refused even after resubmission: the provider answers the completed
 * application with a decision, it does not ask again.
 */
export class Completion {
  constructor(
    private readonly deps: ApplicationServiceDeps,
    private readonly service: ApplicationService,
    private readonly kernel: SharingCaseKernel,
  ) {}

  async return(ctx: RequestContext, id: string, input: ReturnInput): Promise<ApplicationDetail> {
    const points = input.points.map((p) => p.trim());
    if (points.length === 0 || points.length > MAX_RETURN_POINTS || points.some((p) => p === ''))
      throw CompletionErrors.error('SHARING_RETURN_POINTS_INVALID', { field: 'points' });
    const note = input.note?.trim() || null;
    await this.kernel.step(ApplicationCase, ctx, id, 'return', async ({ row, at }) => {
      if (row.returned_at !== null)
        throw CompletionErrors.error('SHARING_ALREADY_RETURNED', {
          number: row.number,
          returnedAt: row.returned_at,
        });
      return {
        // While returned the provider owes no reply: no deadline, no countdown, nothing to sweep.
        set: {
          return_points: JSON.stringify(points),
          return_note: note,
          returned_at: at,
          returned_by_name: actedBy(ctx.actor).name,
          deadline_id: null,
          due_date: null,
          deadline_article: null,
          due_soon_noticed_at: null,
        },
        detail: { points, note },
        notices: [
          {
            to: { departmentId: row.consumer_department_id },
            ...SharingNotices.notice('application.returned', {
              number: row.number,
              entry: row.entry_name,
              body: lines(...points.map((p, i) => `${i + 1}. ${p}`), note),
            }),
            link: `/sharing/applications/${id}`,
            case: { type: 'application', id },
          },
        ],
      };
    });
    return this.service.get(ctx.actor, id);
  }

  async resubmit(ctx: RequestContext, id: string, input: ResubmitInput): Promise<ApplicationDetail> {
    await this.kernel.step(ApplicationCase, ctx, id, 'resubmit', async ({ trx, row, at }) => {
      const today = chinaDate(new Date(at));
      const entry = await this.deps.catalog.get(ctx.actor, row.entry_id, trx);
      const legalDuty = input.legalDuty?.trim() ?? row.legal_duty;
      if (legalDuty === '')
        throw CommonErrors.error('VALIDATION_FAILED', {
          field: 'legalDuty',
          reason: { zh: '不得为空', en: 'must not be empty' },
        });
      // The same checks as the application itself, on the completed statement; the validity
      // period is checked from today, as it must not have ended before the resubmission.
      const checked = checkRequest(
        entry.publishedContent ?? entry.content,
        {
          entryId: row.entry_id,
          items: JSON.parse(row.items) as string[],
          purpose: row.purpose,
          purposeText: input.purposeText ?? row.purpose_text ?? undefined,
          legalDuty,
          scenario: input.scenario ?? row.scenario,
          scope: JSON.parse(row.scope) as Scope,
          methods: JSON.parse(row.methods) as AccessMethod[],
          validUntil: row.valid_until,
        },
        { profile: this.deps.profile, today },
      );
      requireScenario(checked.scenario);
      const completed = {
        ...row,
        purpose_text: checked.purposeText,
        legal_duty: legalDuty,
        scenario: checked.scenario,
      };
      // 809 Art.21 counts the reply period from receipt of the application (自收到政务数据共享申请
      // 之日起). An application returned as incomplete is received, complete, on its resubmission:
      // the period runs afresh from the resubmission date, not from the first submission.
      const deadline = await this.service.restartReplyDeadline(trx, completed, today);
      const note = input.note?.trim() || null;
      return {
        set: {
          purpose_text: checked.purposeText,
          legal_duty: legalDuty,
          scenario: checked.scenario,
          resubmitted_at: at,
          ...deadline,
        },
        detail: {
          note,
          purposeText: checked.purposeText,
          legalDuty,
          scenario: checked.scenario,
          replyFrom: today,
          dueDate: deadline.due_date,
        },
        notices: [
          {
            to: { departmentId: row.provider_department_id, role: 'resource_admin' },
            ...SharingNotices.notice('application.resubmitted', {
              number: row.number,
              entry: row.entry_name,
              body: lines(
                deadline.due_date
                  ? SharingTexts.text('replyAfresh', { due: deadline.due_date })
                  : this.deps.profile.deadlines.reply.text,
                note,
              ),
            }),
            link: `/sharing/applications/${id}`,
            case: { type: 'application', id },
          },
        ],
      };
    });
    return this.service.get(ctx.actor, id);
  }
}
