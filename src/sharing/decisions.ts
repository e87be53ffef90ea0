import './errors.js';
import type { RequestContext } from '../org/context.js';
import { chinaDate } from '../platform/calendar/index.js';
import type { Executor } from '../platform/db/index.js';
import { AppError } from '../platform/errors/index.js';
import { nextStepForNotShared } from './access-flow.js';
import type { ApplicationDetail, ApplicationService, ApplicationServiceDeps } from './applications.js';
import { applicationRow, mayDecide, mayWithdraw } from './applications.js';
import type { AccessMethod } from './model.js';
import { SharingActions } from './policies.js';
import type { SharingApplicationTable } from './schema.js';
import { canReadCase, recordEvent, tables } from './store.js';

type Action = 'withdraw' | 'approve' | 'refuse';

const LABELS: Record<Action, { zh: string; en: string }> = {
  withdraw: { zh: '撤回', en: 'withdrawn' },
  approve: { zh: '同意', en: 'approved' },
  refuse: { zh: '不予共享', en: 'refused' },
};

const STATUS_LABELS: Record<string, string> = {
  pending: '待答复 / pending',
  approved: '已同意 / approved',
  partially_approved: '部分同意 / partially approved',
  refused: '不予共享 / refused',
  withdrawn: '已撤回 / withdrawn',
};

type Step = (
  trx: Executor,
  row: SharingApplicationTable,
  at: { now: string; today: string; late: boolean },
) => Promise<Record<string, unknown>>;

/**
 * The steps that close an application: the consumer withdraws it, the provider approves all or
 * some items (a grant for exactly those) or refuses with a reason (R32). Each runs in one
 * transaction that locks the case, checks who may act (FORBIDDEN / SHARING_SELF_DECISION) and
 * whether the state allows it (SHARING_INVALID_STATE), then writes the change, the timeline
 * event, the audit entry and the notice. A decision after the deadline is accepted and
 * recorded as late: the case stays overdue (R40).
 */
export class Decisions {
  constructor(
    private readonly deps: ApplicationServiceDeps,
    private readonly service: ApplicationService,
  ) {}

  async #run(ctx: RequestContext, id: string, action: Action, step: Step): Promise<ApplicationDetail> {
    const { actor } = ctx;
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await applicationRow(trx, id, this.deps.dialect === 'postgres').catch(() => undefined);
      if (!row || !canReadCase(actor, row)) throw new AppError('SHARING_APPLICATION_NOT_FOUND', { id });
      if (action === 'withdraw') {
        if (!mayWithdraw(actor, row))
          throw new AppError('FORBIDDEN', { action: SharingActions['sharing.apply'] });
      } else {
        if (actor.departmentId === row.consumer_department_id) throw new AppError('SHARING_SELF_DECISION');
        if (!mayDecide(actor, row))
          throw new AppError('FORBIDDEN', { action: SharingActions['sharing.decide'] });
      }
      if (row.status !== 'pending')
        throw new AppError('SHARING_INVALID_STATE', {
          status: STATUS_LABELS[row.status] ?? row.status,
          action: LABELS[action].zh,
          actionEn: LABELS[action].en,
        });
      const now = this.deps.clock.now();
      const today = chinaDate(now);
      const late = action !== 'withdraw' && row.due_date !== null && today > row.due_date;
      const at = { now: now.toISOString(), today, late };
      const detail = await step(trx, row, at);
      if (late)
        await tables(trx)
          .updateTable('sharing_application')
          .set({ decided_late: 1, overdue: 1, overdue_at: row.overdue_at ?? at.now })
          .where('id', '=', id)
          .execute();
      await recordEvent(trx, {
        caseType: 'application',
        caseId: id,
        action,
        actor: { id: actor.id, name: actor.name },
        at: at.now,
        detail: { ...detail, ...(late ? { late: true, dueDate: row.due_date } : {}) },
      });
      await this.deps.audit.record(trx, ctx, {
        action: `sharing.${action}`,
        targetType: 'sharing_application',
        targetId: id,
        category: 'decision',
        detail: { number: row.number, ...detail, ...(late ? { late: true } : {}) },
      });
    });
    return this.service.get(actor, id);
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async (trx, row, at) => {
      await tables(trx)
        .updateTable('sharing_application')
        .set({ status: 'withdrawn', updated_at: at.now })
        .where('id', '=', id)
        .execute();
      await this.deps.notices.send(trx, {
        to: { departmentId: row.provider_department_id, role: 'resource_admin' },
        kind: 'application.withdrawn',
        title: {
          zh: `共享申请 ${row.number} 已被申请部门撤回`,
          en: `Sharing application ${row.number} was withdrawn`,
        },
        body: reason?.trim() || '—',
        link: `/sharing/applications/${id}`,
        case: { type: 'application', id },
      });
      return { reason: reason?.trim() || null };
    });
  }

  approve(
    ctx: RequestContext,
    id: string,
    input: { items?: string[] | undefined; comment?: string | undefined; clearItems?: string[] | undefined },
  ) {
    return this.#run(ctx, id, 'approve', async (trx, row, at) => {
      const applied = JSON.parse(row.items) as string[];
      const items = input.items ? [...new Set(input.items)] : applied;
      if (items.length === 0)
        throw new AppError('SHARING_APPROVED_ITEMS_INVALID', { field: 'items', item: '—' });
      items.forEach((item, index) => {
        if (!applied.includes(item))
          throw new AppError('SHARING_APPROVED_ITEMS_INVALID', { field: `items[${index}]`, item });
      });
      const clearItems = await this.#clearItems(ctx, trx, row, items, input.clearItems ?? []);
      const partial = items.length < applied.length;
      const grantId = await this.deps.grants.create(
        trx,
        {
          consumer: {
            departmentId: row.consumer_department_id,
            jurisdictionPath: row.consumer_jurisdiction_path,
          },
          provider: {
            departmentId: row.provider_department_id,
            jurisdictionPath: row.provider_jurisdiction_path,
          },
          entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
          items,
          clearItems,
          purpose: row.purpose,
          methods: JSON.parse(row.methods) as AccessMethod[],
          validFrom: row.valid_from,
          validUntil: row.valid_until,
          origin: 'application',
          originId: row.id,
        },
        { id: ctx.actor.id, name: ctx.actor.name },
      );
      await tables(trx)
        .updateTable('sharing_application')
        .set({
          status: partial ? 'partially_approved' : 'approved',
          decided_items: JSON.stringify(items),
          decided_by: ctx.actor.id,
          decided_by_name: ctx.actor.name,
          decided_at: at.now,
          grant_id: grantId,
          updated_at: at.now,
        })
        .where('id', '=', id)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.grant.create',
        targetType: 'sharing_grant',
        targetId: grantId,
        category: 'decision',
        detail: { origin: 'application', applicationId: id, items, clearItems },
      });
      const refused = applied.filter((i) => !items.includes(i));
      await this.deps.notices.send(trx, {
        to: { departmentId: row.consumer_department_id },
        kind: partial ? 'application.partially_approved' : 'application.approved',
        title: {
          zh: `共享申请 ${row.number} 已${partial ? '部分' : ''}同意：${row.entry_name}`,
          en: `Sharing application ${row.number} ${partial ? 'partly ' : ''}approved: ${row.entry_name}`,
        },
        body: [
          `同意的信息项 / approved items: ${items.join('、')}`,
          ...(refused.length ? [`未同意 / not approved: ${refused.join('、')}`] : []),
          ...(input.comment?.trim() ? [input.comment.trim()] : []),
        ].join('\n'),
        link: `/sharing/applications/${id}`,
        case: { type: 'application', id },
      });
      return { items, clearItems, partial, grantId, comment: input.comment?.trim() || null };
    });
  }

  /**
   * The personal items the provider gives in clear (R100: masked unless the provider decides
   * otherwise): each must be approved and personal in the entry's published items.
   */
  async #clearItems(
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
        throw new AppError('SHARING_CLEAR_ITEMS_INVALID', { field: `clearItems[${index}]`, item });
    });
    return clear;
  }

  refuse(ctx: RequestContext, id: string, reason: string) {
    return this.#run(ctx, id, 'refuse', async (trx, row, at) => {
      if (reason.trim() === '') throw new AppError('SHARING_REFUSAL_REASON_REQUIRED', { field: 'reason' });
      await tables(trx)
        .updateTable('sharing_application')
        .set({
          status: 'refused',
          refusal_reason: reason.trim(),
          decided_by: ctx.actor.id,
          decided_by_name: ctx.actor.name,
          decided_at: at.now,
          updated_at: at.now,
        })
        .where('id', '=', id)
        .execute();
      const next = nextStepForNotShared(this.deps.profile);
      await this.deps.notices.send(trx, {
        to: { departmentId: row.consumer_department_id },
        kind: 'application.refused',
        title: {
          zh: `共享申请 ${row.number} 不予共享：${row.entry_name}`,
          en: `Sharing application ${row.number} refused: ${row.entry_name}`,
        },
        body: `${reason.trim()}\n因履行职责确需使用的，可${next.next}（${next.article}）/ if your duties need it, ${next.nextEn}`,
        link: `/sharing/applications/${id}`,
        case: { type: 'application', id },
      });
      return { reason: reason.trim() };
    });
  }
}
