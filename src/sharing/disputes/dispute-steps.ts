import './errors.js';
import type { RequestContext } from '../../org/context.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { citation } from '../access-flow.js';
import type { AccessMethod } from '../model.js';
import type { NoticeInput } from '../notices.js';
import { SharingActions } from '../policies.js';
import { canReadCase, recordDecisionStep } from '../store.js';
import type { DisputeService, DisputeServiceDeps } from './disputes.js';
import { type DisputeDetail, type DisputeStatus, disputeShape, fixedPeriod } from './model.js';
import type { SharingDisputeTable } from './schema.js';
import {
  actsFor,
  authorityOverBoth,
  COORDINATION_SUBJECT,
  disputeRow,
  disputeTables,
  lapsed,
} from './store.js';

type Step = 'minutes' | 'agree' | 'fail' | 'escalate' | 'decide' | 'withdraw';
/** Who may take a step: a party's department or the coordinating authority. */
type Actor = 'consumer' | 'provider' | 'party' | 'authority';

const STEPS: Record<Step, { from: readonly DisputeStatus[]; by: Actor; zh: string; en: string }> = {
  minutes: { from: ['negotiating'], by: 'party', zh: '记录协商情况', en: 'minuted' },
  agree: { from: ['negotiating'], by: 'provider', zh: '协商同意共享', en: 'agreed' },
  fail: { from: ['negotiating'], by: 'party', zh: '确认协商未果', en: 'declared failed' },
  escalate: { from: ['negotiating', 'negotiation_failed'], by: 'consumer', zh: '提请协调', en: 'escalated' },
  decide: { from: ['coordinating'], by: 'authority', zh: '作出协调决定', en: 'decided' },
  withdraw: {
    from: ['negotiating', 'negotiation_failed', 'coordinating'],
    by: 'consumer',
    zh: '撤回',
    en: 'withdrawn',
  },
};

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, { zh: string; en: string }> = {
  negotiating: { zh: '协商中', en: 'negotiating' },
  negotiation_failed: { zh: '协商未果', en: 'negotiation failed' },
  agreed: { zh: '协商达成，已授权', en: 'agreed and granted' },
  coordinating: { zh: '协调中', en: 'under coordination' },
  granted: { zh: '协调决定共享，已授权', en: 'decided: shared' },
  closed: { zh: '协调决定不予共享，已办结', en: 'decided: closed' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

interface Moment {
  now: string;
  today: string;
}

/**
 * The steps of a negotiation / coordination case. Each runs in one transaction that locks the
 * case, checks who may act (FORBIDDEN; a case the reader cannot see is not found) and whether
 * the state allows it (DISPUTE_INVALID_STATE: e.g. deciding after coordination closed), then
 * writes the change, the timeline event, the audit entry and the notices. An agreement in
 * negotiation and a coordination decision to share are carried out as a grant (origin
 * `decision`) in the same transaction.
 */
export class DisputeSteps {
  constructor(
    private readonly deps: DisputeServiceDeps,
    private readonly service: DisputeService,
  ) {}

  async #run(
    ctx: RequestContext,
    id: string,
    step: Step,
    body: (trx: Executor, row: SharingDisputeTable, at: Moment) => Promise<Record<string, unknown>>,
  ): Promise<DisputeDetail> {
    const { actor } = ctx;
    const spec = STEPS[step];
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await disputeRow(trx, id, this.deps.dialect === 'postgres').catch(() => undefined);
      if (!row || !canReadCase(actor, row)) throw new AppError('DISPUTE_NOT_FOUND', { id });
      const consumer = actsFor(
        actor,
        SharingActions['sharing.apply'],
        row.consumer_department_id,
        row.consumer_jurisdiction_path,
      );
      const provider = actsFor(
        actor,
        SharingActions['sharing.decide'],
        row.provider_department_id,
        row.provider_jurisdiction_path,
      );
      const allowed = {
        consumer,
        provider,
        party: consumer || provider,
        authority: authorityOverBoth(actor, SharingActions['sharing.coordinate'], row),
      }[spec.by];
      if (!allowed) {
        const action = {
          consumer: SharingActions['sharing.apply'],
          provider: SharingActions['sharing.decide'],
          party: SharingActions['sharing.apply'],
          authority: SharingActions['sharing.coordinate'],
        }[spec.by];
        throw new AppError('FORBIDDEN', { action });
      }
      if (!spec.from.includes(row.status)) {
        const label = DISPUTE_STATUS_LABELS[row.status];
        throw new AppError('DISPUTE_INVALID_STATE', {
          status: label.zh,
          statusEn: label.en,
          action: spec.zh,
          actionEn: spec.en,
        });
      }
      const now = this.deps.clock.now();
      const at = { now: now.toISOString(), today: chinaDate(now) };
      const detail = await body(trx, row, at);
      await recordDecisionStep(trx, this.deps.audit, ctx, {
        caseType: 'dispute',
        caseId: id,
        number: row.number,
        action: step,
        at: at.now,
        detail,
        auditDetail: { from: row.status },
      });
    });
    return this.service.get(actor, id);
  }

  /** R37: either party records how the negotiation went (minutes). */
  minutes(ctx: RequestContext, id: string, text: string) {
    return this.#run(ctx, id, 'minutes', async (trx, row, at) => {
      const minutes = required(text, 'text');
      await this.#touch(trx, row.id, {}, at);
      return { text: minutes };
    });
  }

  /** R37: the provider agrees in negotiation (to all or some items): carried out as a grant. */
  agree(
    ctx: RequestContext,
    id: string,
    input: { items?: string[] | undefined; comment?: string | undefined },
  ) {
    return this.#run(ctx, id, 'agree', async (trx, row, at) => {
      const items = chosenItems(row, input.items);
      const grantId = await this.#grant(trx, ctx, row, items);
      await this.#touch(
        trx,
        row.id,
        decided('agreed', ctx, at, items, grantId, input.comment?.trim() || null),
        at,
      );
      await this.#tell(trx, row, 'consumer', {
        kind: 'dispute.agreed',
        title: {
          zh: `协商 ${row.number} 达成，已授权：${row.entry_name}`,
          en: `Negotiation ${row.number} agreed; access granted: ${row.entry_name}`,
        },
        body: `信息项 / items: ${items.join('、')}${input.comment?.trim() ? `\n${input.comment.trim()}` : ''}`,
      });
      return { items, grantId, comment: input.comment?.trim() || null, late: late(row, at) };
    });
  }

  /** R37: either party declares the negotiation failed, with the reason; the consumer may then escalate. */
  fail(ctx: RequestContext, id: string, reason: string) {
    return this.#run(ctx, id, 'fail', async (trx, row, at) => {
      const why = required(reason, 'reason');
      await this.#touch(trx, row.id, { status: 'negotiation_failed', failure_reason: why }, at);
      const other = ctx.actor.departmentId === row.consumer_department_id ? 'provider' : 'consumer';
      await this.#tell(trx, row, other, {
        kind: 'dispute.negotiation_failed',
        title: {
          zh: `协商 ${row.number} 未果：${row.entry_name}`,
          en: `Negotiation ${row.number} failed: ${row.entry_name}`,
        },
        body: why,
      });
      return { reason: why };
    });
  }

  /**
   * R38: the consumer asks the competent authority to coordinate, once the negotiation failed or
   * its period lapsed; the coordination period (if the profile sets one) starts today.
   */
  escalate(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'escalate', async (trx, row, at) => {
      if (row.status === 'negotiating' && !lapsed(row, at.today))
        throw new AppError('DISPUTE_NEGOTIATION_PENDING', {
          dueDate: row.due_date ?? this.service.stageText('negotiating'),
        });
      if (!disputeShape(this.deps.profile).coordination)
        throw new AppError('DISPUTE_STEP_NOT_IN_PROFILE', {
          step: '协调',
          stepEn: 'coordination',
          text: this.deps.profile.deadlines.coordination.text,
          article: this.deps.profile.deadlines.coordination.article ?? '—',
        });
      const period = fixedPeriod(this.deps.profile.deadlines.coordination);
      let due: string | null = null;
      if (period)
        due = (
          await this.deps.deadlines.set(
            {
              subjectType: COORDINATION_SUBJECT,
              subjectId: row.id,
              start: at.today,
              amount: period.value,
              unit: period.unit,
              article: citation(period),
            },
            trx,
          )
        ).dueDate;
      await this.#touch(
        trx,
        row.id,
        {
          status: 'coordinating',
          due_date: due,
          deadline_article: period ? citation(period) : null,
          due_soon_noticed_at: null,
          overdue: 0,
          overdue_at: null,
          ...(row.status === 'negotiating' ? { failure_reason: '协商期满未果 / negotiation lapsed' } : {}),
        },
        at,
      );
      const why = reason?.trim() || null;
      const notice: Omit<NoticeInput, 'to'> = {
        kind: 'dispute.coordination_requested',
        title: {
          zh: `提请协调 ${row.number}：${row.entry_name}`,
          en: `Coordination ${row.number} requested: ${row.entry_name}`,
        },
        body: [
          why ?? row.reason,
          due ? `协调期限 / due ${due}` : this.service.stageText('coordinating'),
        ].join('\n'),
      };
      await this.#tell(trx, row, 'authority', notice);
      await this.#tell(trx, row, 'provider', notice);
      return {
        reason: why,
        dueDate: due,
        ...(row.status === 'negotiating' ? { lapsedNegotiationDueDate: row.due_date } : {}),
      };
    });
  }

  /**
   * R38: the authority's binding decision: to share (all or some items; a grant in the same
   * transaction) or not (the case is closed). Either way the case is finished.
   */
  decide(
    ctx: RequestContext,
    id: string,
    input: { share: boolean; decision: string; items?: string[] | undefined },
  ) {
    return this.#run(ctx, id, 'decide', async (trx, row, at) => {
      const text = input.decision.trim();
      if (text === '') throw new AppError('DISPUTE_DECISION_REQUIRED', { field: 'decision' });
      const items = input.share ? chosenItems(row, input.items) : null;
      const grantId = items ? await this.#grant(trx, ctx, row, items) : null;
      await this.#touch(
        trx,
        row.id,
        decided(items ? 'granted' : 'closed', ctx, at, items, grantId, text),
        at,
      );
      const notice: Omit<NoticeInput, 'to'> = {
        kind: items ? 'dispute.granted' : 'dispute.closed',
        title: items
          ? {
              zh: `协调决定共享 ${row.number}：${row.entry_name}`,
              en: `Coordination ${row.number} decided to share: ${row.entry_name}`,
            }
          : {
              zh: `协调决定不予共享 ${row.number}：${row.entry_name}`,
              en: `Coordination ${row.number} decided not to share: ${row.entry_name}`,
            },
        body: items ? `${text}\n信息项 / items: ${items.join('、')}` : text,
      };
      await this.#tell(trx, row, 'consumer', notice);
      await this.#tell(trx, row, 'provider', notice);
      return { share: input.share, decision: text, items, grantId, late: late(row, at) };
    });
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async (trx, row, at) => {
      await this.#touch(trx, row.id, { status: 'withdrawn' }, at);
      const notice: Omit<NoticeInput, 'to'> = {
        kind: 'dispute.withdrawn',
        title: {
          zh: `协商协调案件 ${row.number} 已被使用部门撤回`,
          en: `Case ${row.number} was withdrawn by the consumer`,
        },
        body: reason?.trim() || '—',
      };
      await this.#tell(trx, row, 'provider', notice);
      if (row.status === 'coordinating') await this.#tell(trx, row, 'authority', notice);
      return { reason: reason?.trim() || null };
    });
  }

  async #grant(
    trx: Executor,
    ctx: RequestContext,
    row: SharingDisputeTable,
    items: string[],
  ): Promise<string> {
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
        purpose: row.purpose,
        methods: JSON.parse(row.methods) as AccessMethod[],
        validFrom: row.valid_from,
        validUntil: row.valid_until,
        origin: 'decision',
        originId: row.id,
      },
      { id: ctx.actor.id, name: ctx.actor.name },
    );
    await this.deps.audit.record(trx, ctx, {
      action: 'sharing.grant.create',
      targetType: 'sharing_grant',
      targetId: grantId,
      category: 'decision',
      detail: { origin: 'decision', disputeId: row.id, items },
    });
    return grantId;
  }

  async #touch(trx: Executor, id: string, set: Partial<SharingDisputeTable>, at: Moment): Promise<void> {
    await disputeTables(trx)
      .updateTable('sharing_dispute')
      .set({ ...set, updated_at: at.now })
      .where('id', '=', id)
      .execute();
  }

  async #tell(
    trx: Executor,
    row: SharingDisputeTable,
    to: 'consumer' | 'provider' | 'authority',
    notice: Omit<NoticeInput, 'to'>,
  ): Promise<void> {
    await this.deps.notices.send(trx, {
      ...notice,
      to:
        to === 'consumer'
          ? { departmentId: row.consumer_department_id }
          : to === 'provider'
            ? { departmentId: row.provider_department_id, role: 'resource_admin' }
            : { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
      link: `/sharing/disputes/${row.id}`,
      case: { type: 'dispute', id: row.id },
    });
  }
}

function required(text: string, field: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new AppError('SHARING_REASON_REQUIRED', { field });
  return trimmed;
}

function chosenItems(row: SharingDisputeTable, chosen: string[] | undefined): string[] {
  const asked = JSON.parse(row.items) as string[];
  const items = chosen ? [...new Set(chosen)] : asked;
  items.forEach((item, index) => {
    if (!asked.includes(item))
      throw new AppError('DISPUTE_ITEMS_INVALID', { field: `items[${index}]`, item });
  });
  return items;
}

function decided(
  status: DisputeStatus,
  ctx: RequestContext,
  at: Moment,
  items: string[] | null,
  grantId: string | null,
  decision: string | null,
): Partial<SharingDisputeTable> {
  return {
    status,
    decision,
    decided_items: items ? JSON.stringify(items) : null,
    decided_by: ctx.actor.id,
    decided_by_name: ctx.actor.name,
    decided_at: at.now,
    grant_id: grantId,
  };
}

/** A stage decided after its due date is accepted and recorded late: the overdue flag stays. */
function late(row: SharingDisputeTable, at: Moment): boolean {
  return row.due_date !== null && at.today > row.due_date;
}
