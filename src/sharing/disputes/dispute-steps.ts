import { jurisdictionByCode } from '../../org/index.js';
import { isIsoDate } from '../../platform/calendar/index.js';
import type { StepEffect } from '../../platform/cases/index.js';
import { actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { LocalizedParam } from '../../platform/errors/index.js';
import { lines } from '../../platform/messages/index.js';

import { citation } from '../access-flow.js';
import { createCaseGrant } from '../case-grants.js';
import { partyNotice, type SharingCaseKernel, type SharingCaseStepper } from '../cases.js';
import { commonPath } from '../complaints/store.js';
import { requiredText } from '../errors.js';
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
import { DisputeNotices, DisputeTexts } from './notice-texts.js';
import type { SharingDisputeTable } from './schema.js';
import { COORDINATION_SUBJECT, disputeRow, lapsed, startPeriod } from './store.js';

/** The government's decision as the authority records it (N19). */
export interface GovernmentDecisionInput {
  share: boolean;
  /** 作出决定的人民政府; by default the government named at referral. */
  decidedBy?: string | undefined;
  decision: string;
  /** 文号 */
  reference: string;
  decidedOn: string;
  items?: string[] | undefined;
}

type Effect = StepEffect<RequestContext, SharingDisputeTable, DisputeStatus, NoticeInput>;

/**
 * The steps of a negotiation / coordination case, run by the case kernel (`DisputeCase`: who may
 * take which step from which state). Each effect keeps the domain's rules: an agreement in
 * negotiation and a coordination decision to share are carried out as a grant (origin
 * `decision`) in the step's transaction; escalation starts the coordination period.
 */
export class DisputeSteps {
  readonly #step: SharingCaseStepper<SharingDisputeTable, DisputeStatus, DisputeAction, DisputeDetail>;
  constructor(
    private readonly deps: DisputeServiceDeps,
    private readonly service: DisputeService,
    private readonly kernel: SharingCaseKernel,
  ) {
    this.#step = kernel.stepper(DisputeCase, (actor, id) => service.get(actor, id));
  }

  /** A step whose audit entry also names the state it was taken from. */
  #run(ctx: RequestContext, id: string, step: DisputeAction, effect: Effect): Promise<DisputeDetail> {
    return this.#step(ctx, id, step, async (scope) => ({
      ...(await effect(scope)),
      auditDetail: { from: scope.row.status },
    }));
  }

  /** R37: either party records how the negotiation went (minutes). */
  minutes(ctx: RequestContext, id: string, text: string) {
    return this.#run(ctx, id, 'minutes', async () => ({ detail: { text: requiredText(text, 'text') } }));
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
        set: decidedColumns(ctx, at, items, grantId, comment),
        detail: { items, grantId, comment, late: late(row, today) },
        notices: [
          notice(
            row,
            'consumer',
            DisputeNotices.notice('dispute.agreed', {
              number: row.number,
              entry: row.entry_name,
              body: lines(DisputeTexts.text('items', { items: items.join('、') }), comment),
            }),
          ),
        ],
      };
    });
  }

  /** R37: either party declares the negotiation failed, with the reason; the consumer may then escalate. */
  fail(ctx: RequestContext, id: string, reason: string) {
    return this.#run(ctx, id, 'fail', async ({ row }) => {
      const why = requiredText(reason, 'reason');
      const other = ctx.actor.departmentId === row.consumer_department_id ? 'provider' : 'consumer';
      return {
        set: { failure_reason: why },
        detail: { reason: why },
        notices: [
          notice(
            row,
            other,
            DisputeNotices.notice('dispute.negotiation_failed', {
              number: row.number,
              entry: row.entry_name,
              body: why,
            }),
          ),
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
      // The rules the case was filed under, not those of a profile switched to since (issue 13).
      const rules = (await this.kernel.rulesOf(DisputeCase, row.id, trx)) ?? this.deps.profile;
      if (row.status === 'negotiating' && !lapsed(row, today))
        throw DisputeErrors.error('DISPUTE_NEGOTIATION_PENDING', {
          dueDate: row.due_date ?? this.service.stageText('negotiating', rules),
        });
      if (!disputeShape(rules).coordination)
        throw DisputeErrors.error('DISPUTE_STEP_NOT_IN_PROFILE', {
          step: '协调',
          stepEn: 'coordination',
          text: rules.deadlines.coordination.text,
          article: rules.deadlines.coordination.article ?? '—',
        });
      const period = fixedPeriod(rules.deadlines.coordination);
      let due: string | null = null;
      if (period)
        due = await startPeriod(
          this.deps.deadlines,
          trx,
          { type: COORDINATION_SUBJECT, id: row.id, start: today },
          period,
        );
      const why = reason?.trim() || null;
      const requested: Omit<NoticeInput, 'to'> = DisputeNotices.notice('dispute.coordination_requested', {
        number: row.number,
        entry: row.entry_name,
        body: lines(
          why ?? row.reason,
          due ? DisputeTexts.text('coordinationDue', { due }) : this.service.stageText('coordinating', rules),
        ),
      });
      return {
        set: {
          due_date: due,
          deadline_article: period ? citation(period) : null,
          due_soon_noticed_at: null,
          overdue: 0,
          overdue_at: null,
          // Kept in Chinese, the record's language; the step's detail names the lapsed due date.
          ...(row.status === 'negotiating'
            ? { failure_reason: DisputeTexts.text('negotiationLapsed').zh }
            : {}),
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
      const decision: Omit<NoticeInput, 'to'> = DisputeNotices.notice(
        items ? 'dispute.granted' : 'dispute.closed',
        {
          number: row.number,
          entry: row.entry_name,
          body: lines(text, items && DisputeTexts.text('items', { items: items.join('、') })),
        },
      );
      return {
        status: items ? 'granted' : 'closed',
        set: decidedColumns(ctx, at, items, grantId, text),
        detail: { share: input.share, decision: text, items, grantId, late: late(row, today) },
        notices: [notice(row, 'consumer', decision), notice(row, 'provider', decision)],
      };
    });
  }

  /**
   * N19, 809 第二十八条第二款: "经政务数据共享主管部门协调处理仍未达成一致意见的，报政务数据共享主管部门的
   * 本级人民政府决定". The coordinating authority (over both parties; for two jurisdictions their
   * common superior) refers the case to the government of its level, named from the jurisdiction
   * over both parties.
   */
  async refer(ctx: RequestContext, id: string, reason: string) {
    // Named before the step's transaction: org answers on its own connection, and a case's parties
    // never change. A case the actor may not read is refused by the step below, as ever.
    const parties = await disputeRow(this.deps.db, id);
    const path = parties
      ? commonPath(parties.consumer_jurisdiction_path, parties.provider_jurisdiction_path)
      : '/';
    const government = parties ? await this.#government(path) : '';
    return this.#run(ctx, id, 'refer', async ({ row, at }) => {
      const why = requiredText(reason, 'reason');
      const referred: Omit<NoticeInput, 'to'> = DisputeNotices.notice('dispute.referred', {
        number: row.number,
        entry: row.entry_name,
        government,
        body: lines(why, DisputeTexts.text('governmentDecision')),
      });
      return {
        set: {
          referral_reason: why,
          referred_at: at,
          referred_by: ctx.actor.id,
          referred_by_name: actedBy(ctx.actor).name,
          government_name: government,
          government_jurisdiction_path: path,
          // The government's decision has no period in 809: no countdown while it is referred.
          due_date: null,
          deadline_article: null,
          overdue: 0,
          overdue_at: null,
        },
        detail: { reason: why, government, jurisdictionPath: path },
        notices: [notice(row, 'consumer', referred), notice(row, 'provider', referred)],
      };
    });
  }

  /**
   * N19: the authority records the government's decision — who decided, the decision, its document
   * number (文号) and date — as the case's final step; a decision to share is carried out as a grant.
   */
  recordGovernmentDecision(ctx: RequestContext, id: string, input: GovernmentDecisionInput) {
    return this.#run(ctx, id, 'record_government_decision', async ({ trx, row, at, today }) => {
      const text = input.decision.trim();
      if (text === '') throw DisputeErrors.error('DISPUTE_DECISION_REQUIRED', { field: 'decision' });
      const invalid = (field: string, reason: LocalizedParam) =>
        DisputeErrors.error('DISPUTE_GOVERNMENT_DECISION_INVALID', { field, reason });
      const reference = input.reference.trim();
      if (reference === '')
        throw invalid('reference', { zh: '须登记决定文号', en: 'the document number is required' });
      const decidedBy = input.decidedBy?.trim() || row.government_name || '';
      if (decidedBy === '')
        throw invalid('decidedBy', { zh: '须写明作出决定的人民政府', en: 'name the government' });
      const referredOn = (row.referred_at ?? at).slice(0, 10);
      if (!isIsoDate(input.decidedOn) || input.decidedOn > today || input.decidedOn < referredOn)
        throw invalid('decidedOn', {
          zh: `决定日期须在 ${referredOn} 至 ${today} 之间`,
          en: `between the referral (${referredOn}) and today (${today})`,
        });
      const items = input.share ? chosenItems(row, input.items) : null;
      const grantId = items ? await this.#grant(trx, ctx, row, items) : null;
      const decided: Omit<NoticeInput, 'to'> = DisputeNotices.notice(
        items ? 'dispute.government_granted' : 'dispute.government_closed',
        {
          number: row.number,
          entry: row.entry_name,
          decidedBy,
          reference,
          body: lines(text, items && DisputeTexts.text('items', { items: items.join('、') })),
        },
      );
      return {
        status: items ? 'government_granted' : 'government_closed',
        set: {
          ...decidedColumns(ctx, at, items, grantId, text),
          government_decided_by: decidedBy,
          government_decision: text,
          government_reference: reference,
          government_decided_on: input.decidedOn,
        },
        detail: {
          share: input.share,
          decidedBy,
          decision: text,
          reference,
          decidedOn: input.decidedOn,
          items,
          grantId,
        },
        notices: [
          notice(row, 'consumer', decided),
          notice(row, 'provider', decided),
          notice(row, 'authority', decided),
        ],
      };
    });
  }

  /** 本级人民政府: the government of the jurisdiction at `path` (its last division code). */
  async #government(path: string): Promise<string> {
    const code = path.split('/').filter(Boolean).at(-1) ?? '';
    const found = code ? await jurisdictionByCode(this.deps.db, code) : undefined;
    const name = found && this.deps.jurisdictions ? (await this.deps.jurisdictions.get(found.id)).name : code;
    return `${name}人民政府`;
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async ({ row }) => {
      const withdrawn: Omit<NoticeInput, 'to'> = DisputeNotices.notice('dispute.withdrawn', {
        number: row.number,
        body: lines(reason),
      });
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
    return createCaseGrant(this.deps, trx, ctx, actedBy(ctx.actor), {
      row,
      origin: 'decision',
      items,
      detail: { disputeId: row.id, items },
    });
  }
}

/**
 * A notice of the dispute to one of its parties or to the authority over both: for parties in two
 * jurisdictions their common superior authority (809 第二十八条第二款 "跨层级、跨地域的政务数据共享发生
 * 争议的，由共同的上级政务数据共享主管部门协调处理").
 */
const notice = (
  row: SharingDisputeTable,
  to: 'consumer' | 'provider' | 'authority',
  content: Omit<NoticeInput, 'to'>,
): NoticeInput => {
  const out = partyNotice(row, { type: 'dispute', path: '/sharing/disputes' }, to, content);
  return to === 'authority'
    ? {
        ...out,
        to: {
          role: 'authority',
          jurisdictionPath: commonPath(row.consumer_jurisdiction_path, row.provider_jurisdiction_path),
        },
      }
    : out;
};

function chosenItems(row: SharingDisputeTable, chosen: string[] | undefined): string[] {
  const asked = JSON.parse(row.items) as string[];
  const items = chosen ? [...new Set(chosen)] : asked;
  items.forEach((item, index) => {
    if (!asked.includes(item))
      throw DisputeErrors.error('DISPUTE_ITEMS_INVALID', { field: `items[${index}]`, item });
  });
  return items;
}

function decidedColumns(
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
    decided_by_name: actedBy(ctx.actor).name,
    decided_at: at,
    grant_id: grantId,
  };
}

/** A stage decided after its due date is accepted and recorded late: the overdue flag stays. */
function late(row: SharingDisputeTable, today: string): boolean {
  return row.due_date !== null && today > row.due_date;
}
