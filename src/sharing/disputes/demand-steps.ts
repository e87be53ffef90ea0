import { actedBy, type RequestContext } from '../../platform/context/index.js';
import { lines } from '../../platform/messages/index.js';

import { citation } from '../access-flow.js';
import { partyNotice, type SharingCaseKernel, type SharingCaseStepper } from '../cases.js';
import { requiredText } from '../errors.js';
import type { AccessMethod } from '../model.js';
import type { NoticeInput } from '../notices.js';
import { checkRequest } from '../request.js';
import { DemandCase } from './case.js';
import type { DemandService } from './demands.js';
import type { DisputeServiceDeps } from './disputes.js';
import { DisputeErrors } from './errors.js';
import { type DemandAction, type DemandDetail, type DemandStatus, fixedPeriod } from './model.js';
import { DisputeNotices, DisputeTexts } from './notice-texts.js';
import type { SharingDemandTable } from './schema.js';
import { later, SUPPLY_SUBJECT, startPeriod } from './store.js';

/**
 * The steps of an out-of-catalog demand, run by the case kernel (`DemandCase`: who may take
 * which step from which state); each effect keeps the domain's rules (the government decision's
 * document number, the supply period, the supplied entry checked as an application would be).
 */
export class DemandSteps {
  readonly #run: SharingCaseStepper<SharingDemandTable, DemandStatus, DemandAction, DemandDetail>;
  constructor(
    private readonly deps: DisputeServiceDeps,
    private readonly service: DemandService,
    private readonly kernel: SharingCaseKernel,
  ) {
    this.#run = kernel.stepper(DemandCase, (actor, id) => service.get(actor, id));
  }

  /**
   * R34: the decision. Where the government decides, the authority records its decision with the
   * document number. A decision to share starts the provider's supply period (the profile's
   * `supplyAfterGovernmentDecision`, from the day of the decision); a refusal needs its reason.
   */
  decide(
    ctx: RequestContext,
    id: string,
    input: { share: boolean; reason: string; reference?: string | undefined },
  ) {
    return this.#run(ctx, id, 'decide', async ({ trx, row, at, today }) => {
      const reason = requiredText(input.reason, 'reason');
      const reference = input.reference?.trim() || null;
      // The rules the demand was submitted under, not those of a profile switched to since (issue 13).
      const rules = (await this.kernel.rulesOf(DemandCase, row.id, trx)) ?? this.deps.profile;
      if (row.decider === 'government' && !reference)
        throw DisputeErrors.error('DEMAND_REFERENCE_REQUIRED', {
          field: 'reference',
          article: rules.workflow.outOfCatalog.article ?? '—',
        });
      const lateReply = row.due_date !== null && today > row.due_date;
      const period = input.share ? fixedPeriod(rules.deadlines.supplyAfterGovernmentDecision) : null;
      let due: string | null = null;
      if (period)
        due = await startPeriod(
          this.deps.deadlines,
          trx,
          { type: SUPPLY_SUBJECT, id: row.id, start: today },
          period,
        );
      const supply = due
        ? DisputeTexts.text('supplyBy', { due, article: citation(period ?? { article: null, text: '' }) })
        : this.service.supplyText(rules);
      const decided: Omit<NoticeInput, 'to'> = DisputeNotices.notice(
        input.share ? 'demand.share_decided' : 'demand.refused',
        {
          number: row.number,
          title: row.title,
          body: lines(
            reason,
            reference && DisputeTexts.text('decisionReference', { reference }),
            input.share && supply,
          ),
        },
      );
      return {
        status: input.share ? 'awaiting_supply' : 'refused',
        set: {
          decision: input.share ? 'share' : 'not_share',
          decision_reason: reason,
          decision_reference: reference,
          decided_by: ctx.actor.id,
          decided_by_name: actedBy(ctx.actor).name,
          decided_at: at,
          // The supply stage has a deadline of its own; the reply's overdue mark stays on the timeline.
          ...(input.share
            ? {
                due_date: due,
                deadline_article: period ? citation(period) : null,
                due_soon_noticed_at: null,
                overdue: 0,
                overdue_at: null,
              }
            : {}),
        },
        detail: {
          share: input.share,
          reason,
          reference,
          supplyDueDate: due,
          ...(lateReply ? { late: true, dueDate: row.due_date } : {}),
        },
        notices: [
          notice(row, 'consumer', decided),
          ...(row.decider !== 'provider' || input.share ? [notice(row, 'provider', decided)] : []),
        ],
      };
    });
  }

  /**
   * The provider has cataloged the data: it names its published entry and the items, checked as
   * an application would be; the grant (origin `decision`) is created in the same transaction.
   */
  supply(ctx: RequestContext, id: string, input: { entryId: string; items: string[] }) {
    return this.#run(ctx, id, 'supply', async ({ trx, row, at, today }) => {
      const entry = await this.deps.catalog.get(ctx.actor, input.entryId, trx);
      if (entry.provider.id !== row.provider_department_id)
        throw DisputeErrors.error('DEMAND_ENTRY_INVALID', {
          field: 'entryId',
          reason: { zh: `${entry.code} 非本部门资源`, en: `${entry.code} is not the provider's` },
        });
      if (entry.status !== 'published' || entry.publishedVersion === null)
        throw DisputeErrors.error('DEMAND_ENTRY_INVALID', {
          field: 'entryId',
          reason: { zh: `${entry.code} 未发布`, en: `${entry.code} is not published` },
        });
      const content = entry.publishedContent ?? entry.content;
      const checked = checkRequest(
        content,
        {
          entryId: entry.id,
          items: input.items,
          purpose: row.purpose,
          purposeText: row.purpose_text ?? undefined,
          legalDuty: row.legal_duty,
          scope: { kind: 'all' },
          methods: JSON.parse(row.methods) as AccessMethod[],
          validFrom: later(row.valid_from, today),
          validUntil: row.valid_until,
        },
        { profile: (await this.kernel.rulesOf(DemandCase, row.id, trx)) ?? this.deps.profile, today },
      );
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
          entry: { id: entry.id, code: entry.code, name: content.name },
          items: checked.items,
          purpose: row.purpose,
          methods: JSON.parse(row.methods) as AccessMethod[],
          validFrom: checked.validFrom,
          validUntil: row.valid_until,
          origin: 'decision',
          originId: row.id,
        },
        actedBy(ctx.actor),
      );
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.grant.create',
        targetType: 'sharing_grant',
        targetId: grantId,
        category: 'decision',
        detail: { origin: 'decision', demandId: row.id, entryCode: entry.code, items: checked.items },
      });
      const late = row.due_date !== null && today > row.due_date;
      return {
        set: {
          supplied_entry_id: entry.id,
          supplied_entry_code: entry.code,
          supplied_items: JSON.stringify(checked.items),
          supplied_at: at,
          supplied_late: late ? 1 : 0,
          grant_id: grantId,
          ...(late ? { overdue: 1, overdue_at: row.overdue_at ?? at } : {}),
        },
        detail: {
          entryId: entry.id,
          entryCode: entry.code,
          items: checked.items,
          grantId,
          ...(late ? { late: true, dueDate: row.due_date } : {}),
        },
        notices: [
          notice(
            row,
            'consumer',
            DisputeNotices.notice('demand.supplied', {
              number: row.number,
              entry: content.name,
              code: entry.code,
              body: DisputeTexts.text('items', { items: checked.items.join('、') }),
            }),
          ),
        ],
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async ({ row }) => ({
      detail: { reason: reason?.trim() || null },
      notices: [
        notice(
          row,
          row.decider === 'provider' ? 'provider' : 'authority',
          DisputeNotices.notice('demand.withdrawn', { number: row.number, body: lines(reason) }),
        ),
      ],
    }));
  }
}

/** A notice of the demand to one of its parties or to the authority over the provider. */
const notice = (
  row: SharingDemandTable,
  to: 'consumer' | 'provider' | 'authority',
  content: Omit<NoticeInput, 'to'>,
) => partyNotice(row, { type: 'demand', path: '/sharing/demands' }, to, content);
