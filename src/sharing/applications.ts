import { CatalogErrors } from '../catalog/index.js';
import { type AccountableLookup, authorize } from '../org/index.js';
import { chinaDate } from '../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { newId, nextCaseNumber } from '../platform/db/index.js';
import { accessDecision, citation, type PathBasis } from './access-flow.js';
import { ApplicationCase } from './application-case.js';
import { periodText, presentApplications } from './application-present.js';
import { createCaseGrant } from './case-grants.js';
import { type SharingCaseKernel, type SharingPeriodCaseDeps, sharingCaseKernel } from './cases.js';
import { Completion, type ResubmitInput, type ReturnInput } from './completion.js';
import { type ApprovalInput, Decisions } from './decisions.js';
import { SharingErrors } from './errors.js';
import { applicationReplyPeriod } from './extensions/reply-periods.js';
import {
  draftAnswerOf,
  endorsementColumns,
  endorsementOf,
  HeadApproval,
  type HeadWord,
  type HeadWordInput,
  headWordDetail,
  NO_HEAD_WORD,
  providerHeadApplies,
  requesterHeadApplies,
} from './head-approval.js';
import type { Application, ApplicationStatus, CaseEvent } from './model.js';
import { SharingNotices } from './notice-texts.js';
import type { NoticeInput } from './notices.js';
import { SharingActions } from './policies.js';
import { checkRequest, type RequestInput, requireScenario } from './request.js';
import { type ApplicationRestrictions, refuseRestricted } from './restrictions.js';
import type { SharingApplicationTable } from './schema.js';
import { refuseStopped } from './stops/guard.js';
import {
  applicationVisibility,
  canReadApplication,
  pageOfCases,
  recordEvent,
  SYSTEM_ACTOR,
  tables,
  timeline,
} from './store.js';

/** The jurisdiction profile (`profile`) gives the workflow shape and the reply period. */
export interface ApplicationServiceDeps extends SharingPeriodCaseDeps {
  /** The department's sharing-office head and officer (N01), whose consent 809 第二十条 asks for. */
  accountable: AccountableLookup;
  /** R71: restrictions of late departments' new applications (data quality); none where not bound. */
  restrictions?: ApplicationRestrictions | undefined;
}

export const REPLY_SUBJECT = 'sharing.application.reply';

/** The steps a reader is offered (a draft answer is reached through approve and refuse). */
export type ApplicationAction = Exclude<keyof typeof ApplicationCase.actions, 'draft_answer'>;

export interface ApplicationDetail extends Application {
  timeline: CaseEvent[];
  allowedActions: ApplicationAction[];
  /** The requesting head's consent (809 第二十条第二款), once given. */
  endorsement: ReturnType<typeof endorsementOf>;
  /** The provider's drafted answer awaiting (or sent back by) its head; shown to the provider only. */
  draftAnswer: ReturnType<typeof draftAnswerOf>;
  /** Whether the profile asks for the heads' consent on each side (809 第二十条第二、三款). */
  internalApproval: { requester: boolean; provider: boolean };
}

export interface ApplicationFilter {
  /** `consumer`: my department's applications; `provider`: those to my department, by deadline; `all`: my scope. */
  as?: 'consumer' | 'provider' | 'all' | undefined;
  status?: ApplicationStatus | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * Applications for cataloged resources (R28, R29, R31–R33, R40): the request, the path the
 * profile gives it (granted at once or answered by the provider within the reply period), and
 * the case as each party and the authority read it. Decisions live in `decisions.ts`.
 */
export class ApplicationService {
  readonly #decisions: Decisions;
  readonly #completion: Completion;
  readonly #heads: HeadApproval;
  readonly #accountable: AccountableLookup;
  readonly #kernel: SharingCaseKernel;

  constructor(private readonly deps: ApplicationServiceDeps) {
    const kernel = sharingCaseKernel(deps);
    this.#kernel = kernel;
    this.#decisions = new Decisions(deps, this, kernel);
    this.#completion = new Completion(deps, this, kernel);
    this.#accountable = deps.accountable;
    this.#heads = new HeadApproval(deps, this, this.#decisions, kernel, this.#accountable);
  }

  async apply(ctx: RequestContext, input: RequestInput): Promise<ApplicationDetail> {
    const { actor } = ctx;
    authorize(actor, SharingActions['sharing.apply'], {
      departmentId: actor.departmentId,
      jurisdictionPath: actor.jurisdictionPath,
    });
    const entry = await this.deps.catalog.get(actor, input.entryId);
    if (entry.status !== 'published' || entry.publishedVersion === null)
      throw SharingErrors.error('SHARING_ENTRY_NOT_PUBLISHED', { field: 'entryId', code: entry.code });
    if (entry.provider.id === actor.departmentId)
      throw SharingErrors.error('SHARING_OWN_RESOURCE', { field: 'entryId' });
    const content = entry.publishedContent ?? entry.content;
    const now = this.deps.clock.now();
    const today = chinaDate(now);
    // R11: a stopped resource takes no application; a scheduled stop is a warning on the case.
    const stop = await refuseStopped(this.deps.db, entry, today);
    // R71: a department restricted for late data files no new application until it is lifted.
    await refuseRestricted(this.deps.restrictions, actor.departmentId, this.deps.db);
    const checked = checkRequest(content, input, { profile: this.deps.profile, today });
    requireScenario(input.scenario);
    const decision = accessDecision(this.deps.profile, checked.shareType);
    const provider = await this.deps.departments(this.deps.db, entry.provider.id);
    if (!provider)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', { field: 'entryId', reason: entry.provider.id });
    // 809 第二十条第二款: made only with the consent of the department's sharing-office head; the
    // head's own application carries it, anyone else's waits for it.
    const roster = requesterHeadApplies(this.deps.profile)
      ? await this.#accountable(actor.departmentId, this.deps.db)
      : null;
    if (roster && !roster.head) {
      const department = (await this.deps.departments(this.deps.db, actor.departmentId))?.name;
      throw SharingErrors.error('SHARING_HEAD_NOT_RECORDED', {
        department: department ?? actor.departmentId,
      });
    }
    const ownWord: HeadWord | null =
      roster?.head?.userId && roster.head.userId === actor.id
        ? { head: { id: actor.id, name: roster.head.name }, recordedBy: null, reference: null, opinion: null }
        : null;
    const endorsing = roster !== null && ownWord === null;
    const id = newId(now);
    const at = now.toISOString();
    const row: SharingApplicationTable = {
      id,
      number: '',
      consumer_department_id: actor.departmentId,
      consumer_jurisdiction_path: actor.jurisdictionPath,
      applicant_id: actor.id,
      applicant_name: actedBy(actor).name,
      provider_department_id: provider.id,
      provider_jurisdiction_path: provider.jurisdictionPath,
      entry_id: entry.id,
      entry_code: entry.code,
      entry_name: content.name,
      entry_version: entry.publishedVersion,
      share_type: checked.shareType,
      path: decision.path,
      items: JSON.stringify(checked.items),
      purpose: input.purpose,
      purpose_text: checked.purposeText,
      legal_duty: input.legalDuty.trim(),
      scenario: checked.scenario,
      scope: JSON.stringify(input.scope),
      methods: JSON.stringify([...new Set(input.methods)]),
      valid_from: checked.validFrom,
      valid_until: input.validUntil,
      status: endorsing ? 'endorsing' : 'pending',
      deadline_id: null,
      due_date: null,
      deadline_article: null,
      due_soon_noticed_at: null,
      overdue: 0,
      overdue_at: null,
      decided_items: null,
      refusal_reason: null,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      decided_late: 0,
      grant_id: null,
      return_points: null,
      return_note: null,
      returned_at: null,
      returned_by_name: null,
      resubmitted_at: null,
      ...NO_HEAD_WORD,
      ...(ownWord ? endorsementColumns(ownWord, at) : {}),
      created_at: at,
      updated_at: at,
    };
    const insert = async (trx: Executor) => {
      row.number = await nextNumber(trx, today.slice(0, 4));
      await tables(trx).insertInto('sharing_application').values(row).execute();
      // The case keeps the rules in force now: its reply, extension and supply periods (issue 13).
      await this.#kernel.recordRules(trx, ApplicationCase, id, at);
      await recordEvent(trx, {
        caseType: 'application',
        caseId: id,
        action: 'submit',
        actor: actedBy(actor),
        at,
        detail: {
          items: checked.items,
          purpose: input.purpose,
          path: decision.path,
          basis: decision.basis,
          ...(stop ? { pendingStop: { number: stop.number, effectiveDate: stop.effectiveDate } } : {}),
          // The head applied: the consent goes with the application (809 第二十条第二款).
          ...(ownWord ? { endorsement: headWordDetail(ownWord) } : {}),
          ...(endorsing ? { awaiting: 'endorsement' } : {}),
        },
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.apply',
        targetType: 'sharing_application',
        targetId: id,
        detail: {
          number: row.number,
          entryCode: entry.code,
          items: checked.items,
          path: decision.path,
          ...(ownWord ? { endorsedByHead: ownWord.head.name } : {}),
          ...(endorsing ? { awaiting: 'endorsement' } : {}),
        },
      });
      if (roster && endorsing) {
        const notice = this.#heads.endorsementNotice(row, roster);
        if (notice) await this.deps.notices.send(trx, notice);
        return;
      }
      if (decision.path === 'direct') await this.#grantAtOnce(trx, ctx, row, decision.basis);
      else await this.#sendToProvider(trx, row);
    };
    await this.deps.db.transaction().execute(insert);
    return this.get(actor, id);
  }

  /** R28/R29: the profile grants this request at once, recorded like every other grant. */
  async #grantAtOnce(trx: Executor, ctx: RequestContext, row: SharingApplicationTable, basis: PathBasis) {
    const at = this.deps.clock.now().toISOString();
    const { grantId, set } = await this.grantAtOnce(trx, ctx, row, basis, at);
    await tables(trx)
      .updateTable('sharing_application')
      .set({ ...set, status: 'approved', updated_at: at })
      .where('id', '=', row.id)
      .execute();
    await recordEvent(trx, {
      caseType: 'application',
      caseId: row.id,
      action: 'granted_at_once',
      actor: SYSTEM_ACTOR,
      at,
      detail: { grantId, basis },
    });
  }

  /**
   * The grant a request the profile grants at once gets (R28, R29), with its audit entry; answers
   * the columns the case sets with the state `approved`.
   */
  async grantAtOnce(
    trx: Executor,
    ctx: RequestContext,
    row: SharingApplicationTable,
    basis: PathBasis,
    at: string,
  ): Promise<{ grantId: string; set: Partial<SharingApplicationTable> }> {
    const grantId = await createCaseGrant(this.deps, trx, ctx, SYSTEM_ACTOR, {
      row,
      origin: 'unconditional',
      detail: { applicationId: row.id, basis },
    });
    return { grantId, set: { decided_items: row.items, decided_at: at, grant_id: grantId } };
  }

  /**
   * R31/R32/R127: the application goes to the provider's resource administrators with its reply
   * deadline: 1 working day for unconditional data, 10 for conditional under the national profile
   * (809 第二十一条第一款). A grant at once (`#grantAtOnce`) is the answer itself and has no deadline.
   */
  async #sendToProvider(trx: Executor, row: SharingApplicationTable): Promise<void> {
    const deadline = await this.restartReplyDeadline(trx, row, chinaDate(new Date(row.created_at)));
    if (deadline.deadline_id !== null)
      await tables(trx).updateTable('sharing_application').set(deadline).where('id', '=', row.id).execute();
    await this.deps.notices.send(trx, this.receivedNotice(row, deadline.due_date));
  }

  /** The provider's resource administrators are told of an application they must answer, and by when. */
  receivedNotice(row: SharingApplicationTable, due: string | null): NoticeInput {
    return {
      to: { departmentId: row.provider_department_id, role: 'resource_admin' },
      ...(due
        ? SharingNotices.notice('application.received', { number: row.number, entry: row.entry_name, due })
        : SharingNotices.notice('application.received_no_period', {
            number: row.number,
            entry: row.entry_name,
            body: periodText(this.deps.profile, row),
          })),
      link: `/sharing/applications/${row.id}`,
      case: { type: 'application', id: row.id },
    };
  }

  /**
   * The reply deadline counted from `start`: the submission, the requesting head's consent (N09:
   * the provider receives the application then) or a resubmission (N11: see `completion.ts` for
   * why). Answers the columns the step sets with the state. The period is chosen as on first submission (`applicationReplyPeriod`, by share type).
   */
  async restartReplyDeadline(
    trx: Executor,
    row: SharingApplicationTable,
    start: string,
  ): Promise<
    Pick<SharingApplicationTable, 'deadline_id' | 'due_date' | 'deadline_article' | 'due_soon_noticed_at'>
  > {
    const period = applicationReplyPeriod(this.deps.profile, row.share_type);
    if (!period)
      return { deadline_id: null, due_date: null, deadline_article: null, due_soon_noticed_at: null };
    const article = citation(period);
    const deadline = await this.deps.deadlines.set(
      {
        subjectType: REPLY_SUBJECT,
        subjectId: row.id,
        start,
        amount: period.value,
        unit: period.unit,
        article,
      },
      trx,
    );
    return {
      deadline_id: deadline.id,
      due_date: deadline.dueDate,
      deadline_article: article,
      due_soon_noticed_at: null,
    };
  }

  async get(actor: Actor, id: string, executor: Executor = this.deps.db): Promise<ApplicationDetail> {
    const row = await applicationRow(executor, id);
    if (!canReadApplication(actor, row)) throw SharingErrors.error('SHARING_APPLICATION_NOT_FOUND', { id });
    const calendar = await this.deps.calendar.calendar(executor);
    const [application] = await presentApplications(this.deps, executor, [row], calendar);
    const signs = {
      consumer:
        row.status === 'endorsing' && (await this.#heads.signs(actor, row.consumer_department_id, executor)),
      provider:
        row.status === 'answer_review' &&
        (await this.#heads.signs(actor, row.provider_department_id, executor)),
    };
    return {
      ...(application as Application),
      timeline: await timeline(executor, 'application', id),
      allowedActions: this.allowedActions(actor, row, signs),
      endorsement: endorsementOf(row),
      draftAnswer: draftAnswerOf(actor, row),
      internalApproval: {
        requester: requesterHeadApplies(this.deps.profile),
        provider: providerHeadApplies(this.deps.profile),
      },
    };
  }

  async list(actor: Actor, filter: ApplicationFilter): Promise<{ items: Application[]; total: number }> {
    // The provider's approval inbox holds what it must answer: undecided first, the nearest
    // deadline on top (a grant at once is no case for it).
    const { rows, total } = await pageOfCases<SharingApplicationTable>(
      this.deps.db,
      'sharing_application',
      actor,
      filter,
      {
        narrow: (query) => {
          // 809 第二十条第二款: not made to the provider before the requesting head consents.
          const visible = query.where((eb: Parameters<typeof applicationVisibility>[0]) =>
            applicationVisibility(eb, actor),
          );
          return filter.as === 'provider' ? visible.where('path', '=', 'application') : visible;
        },
        urgentFirst: ['pending', 'answer_review'],
        urgentWhen: (f) => f.as === 'provider',
      },
    );
    const calendar = await this.deps.calendar.calendar();
    return { items: await presentApplications(this.deps, this.deps.db, rows, calendar), total };
  }

  withdraw(ctx: RequestContext, id: string, input: { reason?: string | undefined }) {
    return this.#decisions.withdraw(ctx, id, input.reason);
  }

  /** The provider approves; where its head's consent is asked for and the actor is not the head, a draft for the head. */
  async approve(ctx: RequestContext, id: string, input: ApprovalInput) {
    if (await this.#heads.drafts(ctx.actor, id))
      return this.#heads.draft(ctx, id, { decision: 'approve', ...input });
    return this.#decisions.approve(ctx, id, input);
  }

  async refuse(ctx: RequestContext, id: string, input: { reason: string }) {
    if (await this.#heads.drafts(ctx.actor, id))
      return this.#heads.draft(ctx, id, { decision: 'refuse', reason: input.reason });
    return this.#decisions.refuse(ctx, id, input.reason);
  }

  /** N09: the requesting head consents; the application reaches the provider (or is granted at once). */
  endorse(ctx: RequestContext, id: string, input: HeadWordInput) {
    return this.#heads.endorse(ctx, id, input);
  }

  /** N09: the requesting head does not consent, with a reason. */
  decline(ctx: RequestContext, id: string, input: HeadWordInput & { reason: string }) {
    return this.#heads.decline(ctx, id, input);
  }

  /** N09: the provider's head consents to the drafted answer, which is then given. */
  confirmAnswer(ctx: RequestContext, id: string, input: HeadWordInput) {
    return this.#heads.confirmAnswer(ctx, id, input);
  }

  /** N09: the provider's head sends the drafted answer back with an opinion. */
  sendBackAnswer(ctx: RequestContext, id: string, input: HeadWordInput & { opinion: string }) {
    return this.#heads.sendBackAnswer(ctx, id, input);
  }

  /** N11: the provider returns the application once for completion, listing every missing point. */
  returnForCompletion(ctx: RequestContext, id: string, input: ReturnInput) {
    return this.#completion.return(ctx, id, input);
  }

  /** N11: the consumer completes the returned application and resubmits it. */
  resubmit(ctx: RequestContext, id: string, input: ResubmitInput) {
    return this.#completion.resubmit(ctx, id, input);
  }

  /**
   * What the actor may do with the case now: the consumer withdraws, the provider decides, and
   * where they sign for their department's head (`signs`), the heads consent (N09).
   */
  allowedActions(
    actor: Actor,
    row: SharingApplicationTable,
    signs: { consumer: boolean; provider: boolean } = { consumer: false, provider: false },
  ): ApplicationAction[] {
    return ApplicationCase.allowedActions(actor, row).filter((a): a is ApplicationAction => {
      // N11: returned once, never again (SHARING_ALREADY_RETURNED), so not offered.
      if (a === 'return') return row.returned_at === null;
      // Reached through approve and refuse, never offered as a step of its own.
      if (a === 'draft_answer') return false;
      if (a === 'endorse' || a === 'decline') return signs.consumer;
      if (a === 'confirm_answer' || a === 'send_back_answer') return signs.provider;
      return true;
    });
  }
}

/** Whether the actor may act for the applying department (withdraw, or take the case further). */
export function mayWithdraw(actor: Actor, row: SharingApplicationTable): boolean {
  return ApplicationCase.may(actor, 'withdraw', row);
}

export async function applicationRow(executor: Executor, id: string): Promise<SharingApplicationTable> {
  const row = await tables(executor)
    .selectFrom('sharing_application')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw SharingErrors.error('SHARING_APPLICATION_NOT_FOUND', { id });
  return row;
}

/** SQ-2026-000123: the year's next number. */
function nextNumber(trx: Executor, year: string): Promise<string> {
  return nextCaseNumber(trx, 'sharing_application', `SQ-${year}-`);
}
