import type { StepOutcome, StepScope } from '../platform/cases/index.js';
import { actedBy, type RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { lines } from '../platform/messages/index.js';

import { nextStepForNotShared } from './access-flow.js';
import { ApplicationCase } from './application-case.js';
import type { ApplicationService, ApplicationServiceDeps } from './applications.js';
import { createCaseGrant } from './case-grants.js';
import type { SharingCaseKernel } from './cases.js';
import { SharingErrors } from './errors.js';
import type { ApplicationStatus } from './model.js';
import { SharingNotices, SharingTexts } from './notice-texts.js';
import type { NoticeInput } from './notices.js';
import type { SharingApplicationTable } from './schema.js';
import { canReadApplication, INTERNAL_APPLICATION_STATUSES } from './store.js';

export type Outcome = StepOutcome<SharingApplicationTable, ApplicationStatus, NoticeInput>;

export interface ApprovalInput {
  items?: string[] | undefined;
  comment?: string | undefined;
  clearItems?: string[] | undefined;
}

/**
 * The steps that close an application: the consumer withdraws it, the provider approves all or
 * some items (a grant for exactly those) or refuses with a reason (R32). The case kernel runs
 * each (lock, who may act, state, timeline, audit, notices) as `ApplicationCase` declares it; the
 * applying department is told it may not decide its own case (SHARING_SELF_DECISION) before the
 * kernel's FORBIDDEN. A decision after the deadline is accepted and recorded as late: the case
 * stays overdue (R40).
 */
export class Decisions {
  readonly #run;
  constructor(
    private readonly deps: ApplicationServiceDeps,
    service: ApplicationService,
    kernel: SharingCaseKernel,
  ) {
    this.#run = kernel.stepper(ApplicationCase, (actor, id) => service.get(actor, id));
  }

  /** The applying department may not answer its own application, whatever its office may do. */
  async refuseSelfDecision(ctx: RequestContext, id: string): Promise<void> {
    // Who applied never changes: read outside the step's transaction, no lock needed.
    const row = await this.deps.db
      .selectFrom('sharing_application')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row && canReadApplication(ctx.actor, row) && ctx.actor.departmentId === row.consumer_department_id)
      throw SharingErrors.error('SHARING_SELF_DECISION');
  }

  /** A decision after the reply deadline: accepted, marked late, and the case stays overdue (R40). */
  #decided(row: SharingApplicationTable, scope: { today: string; at: string }, outcome: Outcome): Outcome {
    if (row.due_date === null || scope.today <= row.due_date) return outcome;
    return {
      ...outcome,
      set: { ...outcome.set, decided_late: 1, overdue: 1, overdue_at: row.overdue_at ?? scope.at },
      detail: { ...outcome.detail, late: true, dueDate: row.due_date },
    };
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async ({ row }) => ({
      detail: { reason: reason?.trim() || null },
      // Withdrawn before its head consented, it never reached the provider: nobody there to tell.
      notices: (INTERNAL_APPLICATION_STATUSES as readonly string[]).includes(row.status)
        ? []
        : [
            {
              to: { departmentId: row.provider_department_id, role: 'resource_admin' },
              ...SharingNotices.notice('application.withdrawn', {
                number: row.number,
                body: reason?.trim() || '—',
              }),
              link: `/sharing/applications/${id}`,
              case: { type: 'application', id },
            },
          ],
    }));
  }

  async approve(ctx: RequestContext, id: string, input: ApprovalInput) {
    await this.refuseSelfDecision(ctx, id);
    return this.#run(ctx, id, 'approve', (scope) => this.approveOutcome(ctx, scope, input));
  }

  /** The items approved: those asked for by default; each one asked for, at least one. */
  approvedItems(row: SharingApplicationTable, requested: readonly string[] | undefined): string[] {
    const applied = JSON.parse(row.items) as string[];
    const items = requested ? [...new Set(requested)] : applied;
    if (items.length === 0)
      throw SharingErrors.error('SHARING_APPROVED_ITEMS_INVALID', { field: 'items', item: '—' });
    items.forEach((item, index) => {
      if (!applied.includes(item))
        throw SharingErrors.error('SHARING_APPROVED_ITEMS_INVALID', { field: `items[${index}]`, item });
    });
    return items;
  }

  /**
   * The approval as a step's outcome (approve, or the head's consent to a drafted approval): a
   * grant for exactly the approved items, the consumer told which items it got.
   */
  async approveOutcome(
    ctx: RequestContext,
    { trx, row, today, at }: StepScope<RequestContext, SharingApplicationTable>,
    input: ApprovalInput,
  ): Promise<Outcome> {
    const id = row.id;
    const applied = JSON.parse(row.items) as string[];
    const items = this.approvedItems(row, input.items);
    const clearItems = await this.clearItems(ctx, trx, row, items, input.clearItems ?? []);
    const partial = items.length < applied.length;
    const grantId = await createCaseGrant(this.deps, trx, ctx, actedBy(ctx.actor), {
      row,
      origin: 'application',
      items,
      clearItems,
      detail: { applicationId: id, items, clearItems },
    });
    const refused = applied.filter((i) => !items.includes(i));
    return this.#decided(
      row,
      { today, at },
      {
        status: partial ? 'partially_approved' : 'approved',
        set: {
          decided_items: JSON.stringify(items),
          decided_by: ctx.actor.id,
          decided_by_name: actedBy(ctx.actor).name,
          decided_at: at,
          grant_id: grantId,
        },
        detail: { items, clearItems, partial, grantId, comment: input.comment?.trim() || null },
        notices: [
          {
            to: { departmentId: row.consumer_department_id },
            ...SharingNotices.notice(partial ? 'application.partially_approved' : 'application.approved', {
              number: row.number,
              entry: row.entry_name,
              body: lines(
                SharingTexts.text('approvedItems', { items: items.join('、') }),
                refused.length > 0 && SharingTexts.text('refusedItems', { items: refused.join('、') }),
                input.comment?.trim(),
              ),
            }),
            link: `/sharing/applications/${id}`,
            case: { type: 'application', id },
          },
        ],
      },
    );
  }

  /**
   * The personal items the provider gives in clear (R100: masked unless the provider decides
   * otherwise): each must be approved and personal in the entry's published items.
   */
  async clearItems(
    ctx: RequestContext,
    trx: Executor,
    row: SharingApplicationTable,
    items: readonly string[],
    requested: readonly string[],
  ): Promise<string[]> {
    const clear = [...new Set(requested)];
    if (clear.length === 0) return [];
    const entry = await this.deps.catalog.get(ctx.actor, row.entry_id, trx);
    const content = entry.publishedContent ?? entry.content;
    const personal = new Set(content.items.filter((i) => i.personal).map((i) => i.name));
    clear.forEach((item, index) => {
      if (!items.includes(item) || !personal.has(item))
        throw SharingErrors.error('SHARING_CLEAR_ITEMS_INVALID', { field: `clearItems[${index}]`, item });
    });
    return clear;
  }

  async refuse(ctx: RequestContext, id: string, reason: string) {
    await this.refuseSelfDecision(ctx, id);
    return this.#run(ctx, id, 'refuse', async (scope) => this.refuseOutcome(ctx, scope, reason));
  }

  /** The refusal's reason, trimmed; a refusal without one is refused. */
  refusalReason(reason: string): string {
    if (reason.trim() === '')
      throw SharingErrors.error('SHARING_REFUSAL_REASON_REQUIRED', { field: 'reason' });
    return reason.trim();
  }

  /** The refusal as a step's outcome (refuse, or the head's consent to a drafted refusal). */
  refuseOutcome(
    ctx: RequestContext,
    { row, today, at }: StepScope<RequestContext, SharingApplicationTable>,
    reason: string,
  ): Outcome {
    const id = row.id;
    const why = this.refusalReason(reason);
    const next = nextStepForNotShared(this.deps.profile);
    return this.#decided(
      row,
      { today, at },
      {
        status: 'refused',
        set: {
          refusal_reason: why,
          decided_by: ctx.actor.id,
          decided_by_name: actedBy(ctx.actor).name,
          decided_at: at,
        },
        detail: { reason: why },
        notices: [
          {
            to: { departmentId: row.consumer_department_id },
            ...SharingNotices.notice('application.refused', {
              number: row.number,
              entry: row.entry_name,
              reason: why,
              next: next.next,
              nextEn: next.nextEn,
              article: next.article,
            }),
            link: `/sharing/applications/${id}`,
            case: { type: 'application', id },
          },
        ],
      },
    );
  }
}
