import type { StepOutcome, StepScope } from '../../platform/cases/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';

import { citation } from '../access-flow.js';
import { partyNotice, type SharingCaseKernel } from '../cases.js';
import { SharingErrors } from '../errors.js';
import type { AccessMethod } from '../model.js';
import type { NoticeInput } from '../notices.js';
import { DisputeCase } from './case.js';
import type { DisputeService, DisputeServiceDeps } from './disputes.js';
import { DisputeErrors } from './errors.js';
import {
  type DisputeAction,
  type DisputeDetail,
  type DisputeStatus,
  disputeShape,
  fixedPeriod,
} from './model.js';
import type { SharingDisputeTable } from './schema.js';
import { COORDINATION_SUBJECT, lapsed } from './store.js';

type Effect = (
  scope: StepScope<RequestContext, SharingDisputeTable>,
) => Promise<StepOutcome<SharingDisputeTable, DisputeStatus, NoticeInput>>;

/**
 * The steps of a negotiation / coordination case, run by the case kernel (`DisputeCase`: who may
 * take which step from which state). Each effect keeps the domain's rules: an agreement in
 * negotiation and a coordination decision to share are carried out as a grant (origin
 * `decision`) in the step's transaction; escalation starts the coordination period.
 */
export class DisputeSteps {
  constructor(
    private readonly deps: DisputeServiceDeps,
    private readonly service: DisputeService,
    private readonly kernel: SharingCaseKernel,
  ) {}

  async #run(ctx: RequestContext, id: string, step: DisputeAction, effect: Effect): Promise<DisputeDetail> {
    await this.kernel.step(DisputeCase, ctx, id, step, async (scope) => {
      const outcome = await effect(scope);
      return { ...outcome, auditDetail: { from: scope.row.status } };
    });
    return this.service.get(ctx.actor, id);
  }

  /** R37: either party records how the negotiation went (minutes). */
  minutes(ctx: RequestContext, id: string, text: string) {
    return this.#run(ctx, id, 'minutes', async () => ({ detail: { text: required(text, 'text') } }));
  }

  /** R37: the provider agrees in negotiation (to all or some items): carried out as a grant. */
  agree(
    ctx: RequestContext,
    id: string,
    input: { items?: string[] | undefined; comment?: string | undefined },
  ) {
    return this.#run(ctx, id, 'agree', async ({ trx, row, at, today }) => {
      const items = chosenItems(row, input.items);
      const comment = input.comment?.trim() || null;
      const grantId = await this.#grant(trx, ctx, row, items);
      return {
        set: decided(ctx, at, items, grantId, comment),
        detail: { items, grantId, comment, late: late(row, today) },
        notices: [
          notice(row, 'consumer', {
            kind: 'dispute.agreed',
            title: {
              zh: `协商 ${row.number} 达成，已授权：${row.entry_name}`,
              en: `Negotiation ${row.number} agreed; access granted: ${row.entry_name}`,
            },
            body: `信息项 / items: ${items.join('、')}${comment ? `\n${comment}` : ''}`,
          }),
        ],
      };
    });
  }

  /** R37: either party declares the negotiation failed, with the reason; the consumer may then escalate. */
  fail(ctx: RequestContext, id: string, reason: string) {
    return this.#run(ctx, id, 'fail', async ({ row }) => {
      const why = required(reason, 'reason');
      const other = ctx.actor.departmentId === row.consumer_department_id ? 'provider' : 'consumer';
      return {
        set: { failure_reason: why },
        detail: { reason: why },
        notices: [
          notice(row, other, {
            kind: 'dispute.negotiation_failed',
            title: {
              zh: `协商 ${row.number} 未果：${row.entry_name}`,
              en: `Negotiation ${row.number} failed: ${row.entry_name}`,
            },
            body: why,
          }),
        ],
      };
    });
  }

  /**
   * R38: the consumer asks the competent authority to coordinate, once the negotiation failed or
   * its period lapsed; the coordination period (if the profile sets one) starts today.
   */
  escalate(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'escalate', async ({ trx, row, today }) => {
      if (row.status === 'negotiating' && !lapsed(row, today))
        throw DisputeErrors.error('DISPUTE_NEGOTIATION_PENDING', {
          dueDate: row.due_date ?? this.service.stageText('negotiating'),
        });
      if (!disputeShape(this.deps.profile).coordination)
        throw DisputeErrors.error('DISPUTE_STEP_NOT_IN_PROFILE', {
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
              start: today,
              amount: period.value,
              unit: period.unit,
              article: citation(period),
            },
            trx,
          )
        ).dueDate;
      const why = reason?.trim() || null;
      const requested: Omit<NoticeInput, 'to'> = {
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
      return {
        set: {
          due_date: due,
          deadline_article: period ? citation(period) : null,
          due_soon_noticed_at: null,
          overdue: 0,
          overdue_at: null,
          ...(row.status === 'negotiating' ? { failure_reason: '协商期满未果 / negotiation lapsed' } : {}),
        },
        detail: {
          reason: why,
          dueDate: due,
          ...(row.status === 'negotiating' ? { lapsedNegotiationDueDate: row.due_date } : {}),
        },
        notices: [notice(row, 'authority', requested), notice(row, 'provider', requested)],
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
    return this.#run(ctx, id, 'decide', async ({ trx, row, at, today }) => {
      const text = input.decision.trim();
      if (text === '') throw DisputeErrors.error('DISPUTE_DECISION_REQUIRED', { field: 'decision' });
      const items = input.share ? chosenItems(row, input.items) : null;
      const grantId = items ? await this.#grant(trx, ctx, row, items) : null;
      const decision: Omit<NoticeInput, 'to'> = {
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
      return {
        status: items ? 'granted' : 'closed',
        set: decided(ctx, at, items, grantId, text),
        detail: { share: input.share, decision: text, items, grantId, late: late(row, today) },
        notices: [notice(row, 'consumer', decision), notice(row, 'provider', decision)],
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async ({ row }) => {
      const withdrawn: Omit<NoticeInput, 'to'> = {
        kind: 'dispute.withdrawn',
        title: {
          zh: `协商协调案件 ${row.number} 已被使用部门撤回`,
          en: `Case ${row.number} was withdrawn by the consumer`,
        },
        body: reason?.trim() || '—',
      };
      return {
        detail: { reason: reason?.trim() || null },
        notices: [
          notice(row, 'provider', withdrawn),
          ...(row.status === 'coordinating' ? [notice(row, 'authority', withdrawn)] : []),
        ],
      };
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
}

/** A notice of the dispute to one of its parties or to the authority over the provider. */
const notice = (
  row: SharingDisputeTable,
  to: 'consumer' | 'provider' | 'authority',
  content: Omit<NoticeInput, 'to'>,
) => partyNotice(row, { type: 'dispute', path: '/sharing/disputes' }, to, content);

function required(text: string, field: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw SharingErrors.error('SHARING_REASON_REQUIRED', { field });
  return trimmed;
}

function chosenItems(row: SharingDisputeTable, chosen: string[] | undefined): string[] {
  const asked = JSON.parse(row.items) as string[];
  const items = chosen ? [...new Set(chosen)] : asked;
  items.forEach((item, index) => {
    if (!asked.includes(item))
      throw DisputeErrors.error('DISPUTE_ITEMS_INVALID', { field: `items[${index}]`, item });
  });
  return items;
}

function decided(
  ctx: RequestContext,
  at: string,
  items: string[] | null,
  grantId: string | null,
  decision: string | null,
): Partial<SharingDisputeTable> {
  return {
    decision,
    decided_items: items ? JSON.stringify(items) : null,
    decided_by: ctx.actor.id,
    decided_by_name: ctx.actor.name,
    decided_at: at,
    grant_id: grantId,
  };
}

/** A stage decided after its due date is accepted and recorded late: the overdue flag stays. */
function late(row: SharingDisputeTable, today: string): boolean {
  return row.due_date !== null && today > row.due_date;
}
