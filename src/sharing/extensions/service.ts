import type { Kysely } from 'kysely';
import { authorize } from '../../org/index.js';
import type { DeadlineService } from '../../platform/calendar/index.js';
import type { GoverningProfile } from '../../platform/cases/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { lockRow, newId } from '../../platform/db/index.js';
import type { NoticeText } from '../../platform/messages/index.js';
import { citation } from '../access-flow.js';
import { REPLY_RUNS_IN } from '../application-case.js';
import {
  caseEvents,
  partyNotice,
  type SharingCaseDeps,
  type SharingCaseKernel,
  sharingCaseKernel,
} from '../cases.js';
import { requiredText, SharingErrors } from '../errors.js';
import type { CaseEvent, CaseType } from '../model.js';
import { SharingNotices } from '../notice-texts.js';
import type { NoticeInput } from '../notices.js';
import { SharingActions } from '../policies.js';
import type { SharingApplicationTable, SharingTables } from '../schema.js';
import { canReadApplication, canReadCase, recordEvent } from '../store.js';
import { ExtensionCase } from './case.js';
import { ExtensionErrors } from './errors.js';
import { extensionLimit } from './reply-periods.js';
import type { ExtensionStatus, ExtensionTables, SharingReplyExtensionTable } from './schema.js';

export interface ExtensionDeps extends SharingCaseDeps {
  deadlines: Pick<DeadlineService, 'set'>;
}

/** The deadline an approved extension sets, one per extension (the original reply deadline stays). */
export const EXTENSION_SUBJECT = 'sharing.application.reply_extension';
export const EXTENSIONS_PATH = '/cases/extension';

export type ExtensionAction = 'approve' | 'refuse';

export interface Extension {
  id: string;
  number: string;
  status: ExtensionStatus;
  application: { id: string; number: string; entryName: string };
  consumer: { departmentId: string };
  provider: { departmentId: string };
  reason: string;
  workingDays: number;
  dueDateBefore: string;
  dueDateAfter: string | null;
  article: string;
  requestedBy: { id: string; name: string };
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
  timeline: CaseEvent[];
  allowedActions: ExtensionAction[];
  /** The profile the extension was asked for under (that of its application, issue 13); null where none is recorded. */
  rules: GoverningProfile | null;
}

const db = (executor: Executor) => executor as unknown as Kysely<ExtensionTables & SharingTables>;

/**
 * 延期答复 (政务数据共享条例第二十一条第一款): "因特殊原因需要延长答复期限的，政务数据提供部门应当报经同级
 * 政务数据共享主管部门同意，并告知政务数据需求部门，延长的期限最长不得超过10个工作日". The provider's
 * resource administrator asks while the application awaits its reply, on or before its due date,
 * once per application; the authority over the provider approves or refuses with a reason. On
 * approval the application's reply deadline moves by the working days asked for, counted on the
 * working-day calendar from the old due date, in the same transaction, and both parties are told.
 */
export class ExtensionService {
  readonly #kernel: SharingCaseKernel;
  readonly #step;
  constructor(private readonly deps: ExtensionDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#step = this.#kernel.stepper(ExtensionCase, (actor, id) => this.get(actor, id));
  }

  async request(
    ctx: RequestContext,
    input: { applicationId: string; reason: string; workingDays: number },
  ): Promise<Extension> {
    const { actor } = ctx;
    const application = await this.deps.db
      .selectFrom('sharing_application')
      .selectAll()
      .where('id', '=', input.applicationId)
      .executeTakeFirst();
    if (!application || !canReadApplication(actor, application))
      throw SharingErrors.error('SHARING_APPLICATION_NOT_FOUND', { id: input.applicationId });
    authorize(actor, SharingActions['sharing.extension.request'], {
      departmentId: application.provider_department_id,
      jurisdictionPath: application.provider_jurisdiction_path,
    });
    // The application keeps the rules it was submitted under, whatever the platform runs under now.
    const rules = (await this.#kernel.rulesOf('application', application.id)) ?? this.deps.profile;
    const limit = extensionLimit(rules);
    if (!limit)
      throw ExtensionErrors.error('EXTENSION_NOT_PROVIDED', {
        text: rules.deadlines.replyExtension?.text ?? '—',
      });
    const article = citation(limit);
    if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > limit.value)
      throw ExtensionErrors.error('EXTENSION_TOO_LONG', {
        field: 'workingDays',
        max: limit.value,
        article: limit.article ?? limit.text,
      });
    const reason = requiredText(input.reason, 'reason');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: SharingReplyExtensionTable = {
      id: newId(now),
      number: '',
      status: 'requested',
      application_id: application.id,
      application_number: application.number,
      entry_name: application.entry_name,
      consumer_department_id: application.consumer_department_id,
      consumer_jurisdiction_path: application.consumer_jurisdiction_path,
      provider_department_id: application.provider_department_id,
      provider_jurisdiction_path: application.provider_jurisdiction_path,
      reason,
      working_days: input.workingDays,
      due_date_before: application.due_date ?? '',
      due_date_after: null,
      article,
      requested_by: actor.id,
      requested_by_name: actedBy(actor).name,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      decision_note: null,
      created_at: at,
      updated_at: at,
    };
    const opened = await this.#kernel.open(
      ExtensionCase,
      ctx,
      row,
      async ({ trx, today }) => {
        const current = await this.#pendingApplication(trx, application.id);
        if (current.due_date === null)
          throw ExtensionErrors.error('EXTENSION_NO_DEADLINE', { number: current.number });
        if (today > current.due_date)
          throw ExtensionErrors.error('EXTENSION_TOO_LATE', { dueDate: current.due_date });
        const earlier = await db(trx)
          .selectFrom('sharing_reply_extension')
          .select(['number', 'status'])
          .where('application_id', '=', application.id)
          .executeTakeFirst();
        if (earlier) {
          const status = ExtensionCase.statuses[earlier.status];
          throw ExtensionErrors.error('EXTENSION_ALREADY_REQUESTED', {
            number: earlier.number,
            status: status.zh,
            statusEn: status.en,
          });
        }
        return {
          set: { due_date_before: current.due_date },
          detail: {
            applicationId: application.id,
            applicationNumber: application.number,
            workingDays: input.workingDays,
            reason,
            dueDate: current.due_date,
            article,
          },
          notices: [
            this.#notice(
              row,
              'authority',
              SharingNotices.notice('extension.requested', {
                number: application.number,
                entry: application.entry_name,
                days: input.workingDays,
                reason,
                article,
              }),
            ),
          ],
        };
      },
      { rules },
    );
    return this.get(actor, opened.id);
  }

  approve(ctx: RequestContext, id: string, note: string | undefined) {
    return this.#step(ctx, id, 'approve', async ({ trx, row, at, today }) => {
      // The limit of the rules the case was opened under, not of a profile switched to since.
      const rules = (await this.#kernel.rulesOf(ExtensionCase, row.id, trx)) ?? this.deps.profile;
      const limit = extensionLimit(rules);
      if (!limit || row.working_days > limit.value)
        throw ExtensionErrors.error('EXTENSION_TOO_LONG', {
          field: 'workingDays',
          max: limit?.value ?? 0,
          article: limit?.article ?? rules.deadlines.replyExtension?.text ?? '—',
        });
      const application = await this.#pendingApplication(trx, row.application_id);
      const from = application.due_date ?? row.due_date_before;
      const deadline = await this.deps.deadlines.set(
        {
          subjectType: EXTENSION_SUBJECT,
          subjectId: row.id,
          start: from,
          amount: row.working_days,
          unit: 'working_days',
          article: row.article,
        },
        trx,
      );
      const stillOpen = deadline.dueDate >= today;
      await db(trx)
        .updateTable('sharing_application')
        .set({
          deadline_id: deadline.id,
          due_date: deadline.dueDate,
          deadline_article: row.article,
          // The reminder is due again before the new date; an approval after the old date lifts the flag.
          due_soon_noticed_at: null,
          ...(stillOpen ? { overdue: 0, overdue_at: null } : {}),
          updated_at: at,
        })
        .where('id', '=', application.id)
        .execute();
      const moved = {
        extensionId: row.id,
        extensionNumber: row.number,
        from,
        to: deadline.dueDate,
        workingDays: row.working_days,
        reason: row.reason,
        article: row.article,
        provisional: deadline.provisional,
      };
      await recordEvent(trx, {
        caseType: 'application',
        caseId: application.id,
        action: 'deadline_extended',
        actor: actedBy(ctx.actor),
        at,
        detail: moved,
      });
      const text = note?.trim() || null;
      const approved = SharingNotices.notice('extension.approved', {
        number: row.application_number,
        days: row.working_days,
        due: deadline.dueDate,
        reason: row.reason,
        article: row.article,
      });
      return {
        set: {
          due_date_after: deadline.dueDate,
          decided_by: ctx.actor.id,
          decided_by_name: actedBy(ctx.actor).name,
          decided_at: at,
          decision_note: text,
        },
        detail: { note: text, from, to: deadline.dueDate, workingDays: row.working_days },
        notices: [this.#notice(row, 'consumer', approved), this.#notice(row, 'provider', approved)],
      };
    });
  }

  refuse(ctx: RequestContext, id: string, reason: string) {
    return this.#step(ctx, id, 'refuse', async ({ row, at }) => {
      const text = requiredText(reason, 'reason');
      return {
        set: {
          decided_by: ctx.actor.id,
          decided_by_name: actedBy(ctx.actor).name,
          decided_at: at,
          decision_note: text,
        },
        detail: { reason: text },
        notices: [
          this.#notice(
            row,
            'provider',
            SharingNotices.notice('extension.refused', {
              number: row.number,
              application: row.application_number,
              due: row.due_date_before,
              body: text,
            }),
          ),
        ],
      };
    });
  }

  async get(actor: Actor, id: string): Promise<Extension> {
    const view = await this.#kernel.get(ExtensionCase, actor, id);
    return present(view.row, caseEvents(view.timeline), view.allowedActions, view.rules);
  }

  /** The extension of an application, if one was asked for (what the application's page shows). */
  async ofApplication(actor: Actor, applicationId: string): Promise<Extension | null> {
    const row = await this.deps.db
      .selectFrom('sharing_reply_extension')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    return row && canReadCase(actor, row) ? this.get(actor, row.id) : null;
  }

  /** The application, locked for the step: it must still await its reply. */
  async #pendingApplication(trx: Executor, id: string): Promise<SharingApplicationTable> {
    // Concurrent decisions on the application queue behind this step.
    const application = await lockRow<SharingApplicationTable>(
      trx,
      this.deps.dialect,
      'sharing_application',
      id,
    );
    if (!application) throw SharingErrors.error('SHARING_APPLICATION_NOT_FOUND', { id });
    // The reply period runs while pending and while an answer awaits the head (N09): both may be extended.
    if (!(REPLY_RUNS_IN as readonly string[]).includes(application.status))
      throw ExtensionErrors.error('EXTENSION_APPLICATION_NOT_PENDING', { number: application.number });
    return application;
  }

  #notice(
    row: SharingReplyExtensionTable,
    to: 'consumer' | 'provider' | 'authority',
    text: NoticeText & { kind: string },
  ): NoticeInput {
    return partyNotice(row, { type: 'extension' as CaseType, path: EXTENSIONS_PATH }, to, text);
  }
}

function present(
  row: SharingReplyExtensionTable,
  events: CaseEvent[],
  allowedActions: ExtensionAction[],
  rules: GoverningProfile | null,
): Extension {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    application: { id: row.application_id, number: row.application_number, entryName: row.entry_name },
    consumer: { departmentId: row.consumer_department_id },
    provider: { departmentId: row.provider_department_id },
    reason: row.reason,
    workingDays: row.working_days,
    dueDateBefore: row.due_date_before,
    dueDateAfter: row.due_date_after,
    article: row.article,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decided_by_name ?? row.decided_by } : null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    createdAt: row.created_at,
    timeline: events,
    allowedActions,
    rules,
  };
}
