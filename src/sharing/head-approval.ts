import { type Accountable, type AccountableLookup, headReach, headSigner } from '../org/index.js';
import { type Actor, actedBy, type RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { type Label, lines } from '../platform/messages/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { accessDecision } from './access-flow.js';
import { ApplicationCase } from './application-case.js';
import type { ApplicationDetail, ApplicationService, ApplicationServiceDeps } from './applications.js';
import type { SharingCaseKernel } from './cases.js';
import type { ApprovalInput, Decisions } from './decisions.js';
import { requiredText, SharingErrors } from './errors.js';
import { SharingNotices, SharingTexts } from './notice-texts.js';
import type { NoticeInput, Recipient } from './notices.js';
import type { SharingApplicationTable } from './schema.js';

/** 809 第二十条第二款: the requesting department's head consents before the application is made. */
export const requesterHeadApplies = (profile: Profile): boolean =>
  profile.workflow.requesterHeadApproval?.value === true;

/** 809 第二十条第三款: the provider answers after its head consents. */
export const providerHeadApplies = (profile: Profile): boolean =>
  profile.workflow.providerHeadApproval?.value === true;

/** Whom a question for the head reaches (org's `headReach`): the head's account, else the officer's. */
function headRecipient(roster: Accountable): Recipient | null {
  const reach = headReach(roster);
  return reach.to === null ? null : { userId: reach.userId };
}

/** The head's word as recorded on a step: who the head is, who recorded it for a head without an account. */
export interface HeadWord {
  head: { id: string | null; name: string };
  recordedBy: { id: string; name: string } | null;
  reference: string | null;
  opinion: string | null;
}

export interface HeadWordInput {
  reference?: string | undefined;
  opinion?: string | undefined;
}

const trimmed = (text: string | undefined): string | null => text?.trim() || null;

/** The head's word as the step's timeline and audit entry carry it. */
export function headWordDetail(word: HeadWord): Record<string, unknown> {
  return {
    head: word.head.name,
    onBehalfOf: word.recordedBy ? word.head.name : null,
    reference: word.reference,
    opinion: word.opinion,
    ...(word.recordedBy
      ? {
          recorded: SharingTexts.text('recordedForHead', {
            officer: word.recordedBy.name,
            head: word.head.name,
            reference: word.reference ?? '—',
          }),
        }
      : {}),
  };
}

/** A new application's N09 columns: no consent and no draft yet. */
export const NO_HEAD_WORD = {
  endorsed_at: null,
  endorsed_by: null,
  endorsed_by_name: null,
  endorsement_recorded_by: null,
  endorsement_recorded_by_name: null,
  endorsement_reference: null,
  endorsement_opinion: null,
  draft_decision: null,
  draft_items: null,
  draft_clear_items: null,
  draft_comment: null,
  draft_reason: null,
  draft_by: null,
  draft_by_name: null,
  draft_at: null,
} satisfies Partial<SharingApplicationTable>;

/** The columns of the requesting head's consent. */
export function endorsementColumns(word: HeadWord, at: string): Partial<SharingApplicationTable> {
  return {
    endorsed_at: at,
    endorsed_by: word.head.id,
    endorsed_by_name: word.head.name,
    endorsement_recorded_by: word.recordedBy?.id ?? null,
    endorsement_recorded_by_name: word.recordedBy?.name ?? null,
    endorsement_reference: word.reference,
    endorsement_opinion: word.opinion,
  };
}

/** The endorsement as the application's detail shows it. */
export function endorsementOf(row: SharingApplicationTable) {
  if (row.endorsed_at === null) return null;
  return {
    by: { id: row.endorsed_by, name: row.endorsed_by_name ?? '—' },
    ...(row.endorsement_recorded_by
      ? {
          recordedBy: {
            id: row.endorsement_recorded_by,
            name: row.endorsement_recorded_by_name ?? row.endorsement_recorded_by,
          },
        }
      : {}),
    reference: row.endorsement_reference,
    opinion: row.endorsement_opinion,
    at: row.endorsed_at,
  };
}

/**
 * The provider's draft answer as the detail shows it, to the provider's own accounts only: it is
 * the department's internal word until its head consents.
 */
export function draftAnswerOf(actor: Actor, row: SharingApplicationTable) {
  if (row.draft_decision === null || actor.departmentId !== row.provider_department_id) return null;
  return {
    decision: row.draft_decision,
    ...(row.draft_items ? { items: JSON.parse(row.draft_items) as string[] } : {}),
    ...(row.draft_reason ? { reason: row.draft_reason } : {}),
    draftedBy: { id: row.draft_by ?? '', name: row.draft_by_name ?? '—' },
    draftedAt: row.draft_at ?? '',
  };
}

export type DraftInput = ({ decision: 'approve' } & ApprovalInput) | { decision: 'refuse'; reason: string };

/**
 * 809 第二十条第二、三款 (N09) as steps of the application case: the requesting head consents
 * (endorse) or not (decline) before the application reaches the provider, and the reply deadline
 * starts at the consent, when the provider receives it (第二十一条); a resource administrator who
 * is not the provider's head drafts the answer, which the head confirms (the decision then runs
 * as the head's own approve or refuse) or sends back. Where the head has no account, the officer
 * records the head's written word with its document number (书面意见文号).
 */
export class HeadApproval {
  readonly #step;
  constructor(
    private readonly deps: ApplicationServiceDeps,
    private readonly service: ApplicationService,
    private readonly decisions: Decisions,
    kernel: SharingCaseKernel,
    private readonly accountable: AccountableLookup,
  ) {
    this.#step = kernel.stepper(ApplicationCase, (actor, id) => service.get(actor, id));
  }

  /** The head's word given by the actor for the department, or the reason it cannot be. */
  async word(
    trx: Executor,
    actor: Actor,
    departmentId: string,
    input: HeadWordInput,
  ): Promise<HeadWord & { roster: Accountable }> {
    const roster = await this.accountable(departmentId, trx);
    const { head } = roster;
    if (!head) {
      const department = (await this.deps.departments(trx, departmentId))?.name ?? departmentId;
      throw SharingErrors.error('SHARING_HEAD_NOT_RECORDED', { department });
    }
    const signer = headSigner(actor, departmentId, roster);
    if (!signer) throw SharingErrors.error('SHARING_NOT_HEAD', { head: head.name });
    const reference = trimmed(input.reference);
    if (signer === 'officer' && reference === null)
      throw SharingErrors.error('SHARING_APPROVAL_REFERENCE_REQUIRED', { field: 'reference' });
    return {
      roster,
      head: { id: head.userId, name: head.name },
      recordedBy: signer === 'officer' ? actedBy(actor) : null,
      reference,
      opinion: trimmed(input.opinion),
    };
  }

  /** Whether the actor signs for the department's head (the detail's `allowedActions`). */
  async signs(actor: Actor, departmentId: string, executor: Executor = this.deps.db): Promise<boolean> {
    if (actor.departmentId !== departmentId) return false;
    return headSigner(actor, departmentId, await this.accountable(departmentId, executor)) !== null;
  }

  /** Whether the actor's approve or refuse is a draft for the head rather than the answer itself. */
  async drafts(actor: Actor, id: string): Promise<boolean> {
    if (!providerHeadApplies(this.deps.profile)) return false;
    const row = await this.deps.db
      .selectFrom('sharing_application')
      .select('provider_department_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return false;
    const { head } = await this.accountable(row.provider_department_id, this.deps.db);
    return !(head?.userId && head.userId === actor.id);
  }

  /** The notice asking the requesting head (or the officer, for a head without an account) to consent. */
  endorsementNotice(row: SharingApplicationTable, roster: Accountable): NoticeInput | null {
    const to = headRecipient(roster);
    if (!to) return null;
    return {
      to,
      ...SharingNotices.notice('application.endorsement_requested', {
        number: row.number,
        entry: row.entry_name,
        body: lines(
          SharingTexts.text('applicant', { name: row.applicant_name }),
          SharingTexts.text('scenario', { scenario: row.scenario }),
          roster.head?.userId === null && SharingTexts.text('headWithoutAccount', { head: roster.head.name }),
        ),
      }),
      link: `/sharing/applications/${row.id}`,
      case: { type: 'application', id: row.id },
    };
  }

  /**
   * The requesting head consents: the application is received by the provider now, so its reply
   * deadline starts today (第二十一条); where the profile grants the request at once, it is granted.
   */
  endorse(ctx: RequestContext, id: string, input: HeadWordInput) {
    return this.#step(ctx, id, 'endorse', async (scope) => {
      const { trx, row, at, today } = scope;
      const word = await this.word(trx, ctx.actor, row.consumer_department_id, input);
      const consent = endorsementColumns(word, at);
      if (row.path === 'direct') {
        const { basis } = accessDecision(this.deps.profile, row.share_type);
        const granted = await this.service.grantAtOnce(trx, ctx, row, basis, at);
        return {
          status: 'approved',
          set: { ...consent, ...granted.set },
          detail: { ...headWordDetail(word), grantedAtOnce: { grantId: granted.grantId, basis } },
        };
      }
      const deadline = await this.service.restartReplyDeadline(trx, row, today);
      return {
        status: 'pending',
        set: { ...consent, ...deadline },
        detail: { ...headWordDetail(word), replyFrom: today, dueDate: deadline.due_date },
        notices: [this.service.receivedNotice(row, deadline.due_date)],
      };
    });
  }

  /** The requesting head does not consent: the application is not made; the applicant is told why. */
  decline(ctx: RequestContext, id: string, input: HeadWordInput & { reason: string }) {
    return this.#step(ctx, id, 'decline', async ({ trx, row }) => {
      const word = await this.word(trx, ctx.actor, row.consumer_department_id, input);
      const reason = requiredText(input.reason, 'reason');
      return {
        detail: { ...headWordDetail(word), reason },
        notices: [
          {
            to: { userId: row.applicant_id },
            ...SharingNotices.notice('application.not_endorsed', {
              number: row.number,
              entry: row.entry_name,
              body: lines(SharingTexts.text('reason', { reason }), word.opinion),
            }),
            link: `/sharing/applications/${id}`,
            case: { type: 'application', id },
          },
        ],
      };
    });
  }

  /**
   * A resource administrator who is not the head drafts the answer: checked as the answer would
   * be, kept on the case, and put before the head (the reply deadline keeps running).
   */
  async draft(ctx: RequestContext, id: string, input: DraftInput): Promise<ApplicationDetail> {
    await this.decisions.refuseSelfDecision(ctx, id);
    return this.#step(ctx, id, 'draft_answer', async ({ trx, row, at }) => {
      const roster = await this.accountable(row.provider_department_id, trx);
      if (!roster.head) {
        const department =
          (await this.deps.departments(trx, row.provider_department_id))?.name ?? row.provider_department_id;
        throw SharingErrors.error('SHARING_HEAD_NOT_RECORDED', { department });
      }
      let set: Partial<SharingApplicationTable>;
      let summary: Label;
      if (input.decision === 'approve') {
        const items = this.decisions.approvedItems(row, input.items);
        const clearItems = await this.decisions.clearItems(ctx, trx, row, items, input.clearItems ?? []);
        set = {
          draft_decision: 'approve',
          draft_items: JSON.stringify(items),
          draft_clear_items: JSON.stringify(clearItems),
          draft_comment: trimmed(input.comment),
          draft_reason: null,
        };
        summary = SharingTexts.text('draftApprove', { items: items.join('、') });
      } else {
        const reason = this.decisions.refusalReason(input.reason);
        set = {
          draft_decision: 'refuse',
          draft_items: null,
          draft_clear_items: null,
          draft_comment: null,
          draft_reason: reason,
        };
        summary = SharingTexts.text('draftRefuse', { reason });
      }
      const to = headRecipient(roster);
      return {
        set: { ...set, draft_by: ctx.actor.id, draft_by_name: actedBy(ctx.actor).name, draft_at: at },
        detail: {
          decision: input.decision,
          items: set.draft_items ? (JSON.parse(set.draft_items) as string[]) : null,
          clearItems: set.draft_clear_items ? (JSON.parse(set.draft_clear_items) as string[]) : null,
          comment: set.draft_comment ?? null,
          reason: set.draft_reason ?? null,
        },
        notices: to
          ? [
              {
                to,
                ...SharingNotices.notice('application.answer_review', {
                  number: row.number,
                  entry: row.entry_name,
                  due: row.due_date ?? '—',
                  body: lines(
                    summary,
                    SharingTexts.text('draftedBy', { name: ctx.actor.name }),
                    roster.head.userId === null &&
                      SharingTexts.text('headWithoutAccount', { head: roster.head.name }),
                  ),
                }),
                link: `/sharing/applications/${id}`,
                case: { type: 'application', id },
              },
            ]
          : [],
      };
    });
  }

  /** The provider's head consents to the drafted answer: it is given as drafted, as of now. */
  confirmAnswer(ctx: RequestContext, id: string, input: HeadWordInput) {
    return this.#step(ctx, id, 'confirm_answer', async (scope) => {
      const { trx, row } = scope;
      const word = await this.word(trx, ctx.actor, row.provider_department_id, input);
      const outcome =
        row.draft_decision === 'approve'
          ? await this.decisions.approveOutcome(ctx, scope, {
              items: row.draft_items ? (JSON.parse(row.draft_items) as string[]) : undefined,
              clearItems: row.draft_clear_items ? (JSON.parse(row.draft_clear_items) as string[]) : undefined,
              comment: row.draft_comment ?? undefined,
            })
          : this.decisions.refuseOutcome(ctx, scope, row.draft_reason ?? '');
      return {
        ...outcome,
        detail: {
          ...outcome.detail,
          ...headWordDetail(word),
          decision: row.draft_decision,
          draftedBy: { id: row.draft_by, name: row.draft_by_name },
        },
      };
    });
  }

  /** The provider's head sends the draft back with an opinion: pending again, the draft kept for its drafter. */
  sendBackAnswer(ctx: RequestContext, id: string, input: HeadWordInput & { opinion: string }) {
    return this.#step(ctx, id, 'send_back_answer', async ({ trx, row }) => {
      const word = await this.word(trx, ctx.actor, row.provider_department_id, input);
      if (word.opinion === null) throw SharingErrors.error('SHARING_REASON_REQUIRED', { field: 'opinion' });
      return {
        detail: {
          ...headWordDetail(word),
          decision: row.draft_decision,
          draftedBy: { id: row.draft_by, name: row.draft_by_name },
        },
        notices: row.draft_by
          ? [
              {
                to: { userId: row.draft_by },
                ...SharingNotices.notice('application.answer_sent_back', {
                  number: row.number,
                  entry: row.entry_name,
                  body: SharingTexts.text('headOpinion', { opinion: word.opinion }),
                }),
                link: `/sharing/applications/${id}`,
                case: { type: 'application', id },
              },
            ]
          : [],
      };
    });
  }
}
