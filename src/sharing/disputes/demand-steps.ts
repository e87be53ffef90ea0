import './errors.js';
import type { RequestContext } from '../../org/context.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { citation } from '../access-flow.js';
import type { AccessMethod } from '../model.js';
import type { NoticeInput } from '../notices.js';
import { SharingActions } from '../policies.js';
import { checkRequest } from '../request.js';
import { canReadCase, recordDecisionStep } from '../store.js';
import type { DemandService } from './demands.js';
import type { DisputeServiceDeps } from './disputes.js';
import { type DemandDetail, type DemandStatus, fixedPeriod } from './model.js';
import type { SharingDemandTable } from './schema.js';
import { actsFor, demandRow, disputeTables, later, SUPPLY_SUBJECT } from './store.js';

type Step = 'decide' | 'supply' | 'withdraw';

const STEPS: Record<Step, { from: DemandStatus; zh: string; en: string }> = {
  decide: { from: 'pending', zh: '作出决定', en: 'decided' },
  supply: { from: 'awaiting_supply', zh: '编目并提供', en: 'supplied' },
  withdraw: { from: 'pending', zh: '撤回', en: 'withdrawn' },
};

export const DEMAND_STATUS_LABELS: Record<DemandStatus, { zh: string; en: string }> = {
  pending: { zh: '待决定', en: 'pending a decision' },
  refused: { zh: '决定不予共享', en: 'decided: not shared' },
  awaiting_supply: { zh: '待编目提供', en: 'awaiting cataloging and supply' },
  supplied: { zh: '已编目提供，已授权', en: 'supplied and granted' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

interface Moment {
  now: string;
  today: string;
}

/**
 * The steps of an out-of-catalog demand, each in one transaction that locks the case, checks the
 * actor and the state (DEMAND_INVALID_STATE), and writes the change, the timeline, the audit
 * entry and the notices.
 */
export class DemandSteps {
  constructor(
    private readonly deps: DisputeServiceDeps,
    private readonly service: DemandService,
  ) {}

  async #run(
    ctx: RequestContext,
    id: string,
    step: Step,
    body: (trx: Executor, row: SharingDemandTable, at: Moment) => Promise<Record<string, unknown>>,
  ): Promise<DemandDetail> {
    const { actor } = ctx;
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await demandRow(trx, id, this.deps.dialect === 'postgres').catch(() => undefined);
      if (!row || !canReadCase(actor, row)) throw new AppError('DEMAND_NOT_FOUND', { id });
      const may =
        step === 'decide'
          ? this.service.mayDecide(actor, row)
          : step === 'supply'
            ? actsFor(
                actor,
                SharingActions['sharing.decide'],
                row.provider_department_id,
                row.provider_jurisdiction_path,
              )
            : actsFor(
                actor,
                SharingActions['sharing.apply'],
                row.consumer_department_id,
                row.consumer_jurisdiction_path,
              );
      if (!may) {
        const action =
          step === 'decide' && row.decider !== 'provider'
            ? SharingActions['sharing.demand.decide']
            : step === 'withdraw'
              ? SharingActions['sharing.apply']
              : SharingActions['sharing.decide'];
        throw new AppError('FORBIDDEN', { action });
      }
      const spec = STEPS[step];
      if (row.status !== spec.from) {
        const label = DEMAND_STATUS_LABELS[row.status];
        throw new AppError('DEMAND_INVALID_STATE', {
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
        caseType: 'demand',
        caseId: id,
        number: row.number,
        action: step,
        at: at.now,
        detail,
      });
    });
    return this.service.get(actor, id);
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
    return this.#run(ctx, id, 'decide', async (trx, row, at) => {
      const reason = input.reason.trim();
      if (reason === '') throw new AppError('SHARING_REASON_REQUIRED', { field: 'reason' });
      const reference = input.reference?.trim() || null;
      if (row.decider === 'government' && !reference)
        throw new AppError('DEMAND_REFERENCE_REQUIRED', {
          field: 'reference',
          article: this.deps.profile.workflow.outOfCatalog.article ?? '—',
        });
      const lateReply = row.due_date !== null && at.today > row.due_date;
      const period = input.share
        ? fixedPeriod(this.deps.profile.deadlines.supplyAfterGovernmentDecision)
        : null;
      let due: string | null = null;
      if (period)
        due = (
          await this.deps.deadlines.set(
            {
              subjectType: SUPPLY_SUBJECT,
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
          status: input.share ? 'awaiting_supply' : 'refused',
          decision: input.share ? 'share' : 'not_share',
          decision_reason: reason,
          decision_reference: reference,
          decided_by: ctx.actor.id,
          decided_by_name: ctx.actor.name,
          decided_at: at.now,
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
        at,
      );
      const notice: Omit<NoticeInput, 'to'> = {
        kind: input.share ? 'demand.share_decided' : 'demand.refused',
        title: input.share
          ? {
              zh: `目录外需求 ${row.number} 决定共享：${row.title}`,
              en: `Demand ${row.number} to be shared: ${row.title}`,
            }
          : {
              zh: `目录外需求 ${row.number} 决定不予共享：${row.title}`,
              en: `Demand ${row.number} not shared: ${row.title}`,
            },
        body: [
          reason,
          ...(reference ? [`决定文号 / decision: ${reference}`] : []),
          ...(input.share
            ? [
                due
                  ? `请于 ${due} 前编目并提供 / catalog and supply by ${due}（${citation(period ?? { article: null, text: '' })}）`
                  : this.service.supplyText(),
              ]
            : []),
        ].join('\n'),
      };
      await this.#tell(trx, row, 'consumer', notice);
      if (row.decider !== 'provider' || input.share) await this.#tell(trx, row, 'provider', notice);
      return {
        share: input.share,
        reason,
        reference,
        supplyDueDate: due,
        ...(lateReply ? { late: true, dueDate: row.due_date } : {}),
      };
    });
  }

  /**
   * The provider has cataloged the data: it names its published entry and the items, checked as
   * an application would be; the grant (origin `decision`) is created in the same transaction.
   */
  supply(ctx: RequestContext, id: string, input: { entryId: string; items: string[] }) {
    return this.#run(ctx, id, 'supply', async (trx, row, at) => {
      const entry = await this.deps.catalog.get(ctx.actor, input.entryId, trx);
      if (entry.provider.id !== row.provider_department_id)
        throw new AppError('DEMAND_ENTRY_INVALID', {
          field: 'entryId',
          reason: `${entry.code} 非本部门资源 / not the provider's`,
        });
      if (entry.status !== 'published' || entry.publishedVersion === null)
        throw new AppError('DEMAND_ENTRY_INVALID', {
          field: 'entryId',
          reason: `${entry.code} 未发布 / not published`,
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
          validFrom: later(row.valid_from, at.today),
          validUntil: row.valid_until,
        },
        { profile: this.deps.profile, today: at.today },
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
        { id: ctx.actor.id, name: ctx.actor.name },
      );
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.grant.create',
        targetType: 'sharing_grant',
        targetId: grantId,
        category: 'decision',
        detail: { origin: 'decision', demandId: row.id, entryCode: entry.code, items: checked.items },
      });
      const late = row.due_date !== null && at.today > row.due_date;
      await this.#touch(
        trx,
        row.id,
        {
          status: 'supplied',
          supplied_entry_id: entry.id,
          supplied_entry_code: entry.code,
          supplied_items: JSON.stringify(checked.items),
          supplied_at: at.now,
          supplied_late: late ? 1 : 0,
          grant_id: grantId,
          ...(late ? { overdue: 1, overdue_at: row.overdue_at ?? at.now } : {}),
        },
        at,
      );
      await this.#tell(trx, row, 'consumer', {
        kind: 'demand.supplied',
        title: {
          zh: `目录外需求 ${row.number} 已编目提供并授权：${content.name}（${entry.code}）`,
          en: `Demand ${row.number} cataloged, supplied and granted: ${content.name} (${entry.code})`,
        },
        body: `信息项 / items: ${checked.items.join('、')}`,
      });
      return {
        entryId: entry.id,
        entryCode: entry.code,
        items: checked.items,
        grantId,
        ...(late ? { late: true, dueDate: row.due_date } : {}),
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, reason: string | undefined) {
    return this.#run(ctx, id, 'withdraw', async (trx, row, at) => {
      await this.#touch(trx, row.id, { status: 'withdrawn' }, at);
      await this.#tell(trx, row, row.decider === 'provider' ? 'provider' : 'authority', {
        kind: 'demand.withdrawn',
        title: { zh: `目录外需求 ${row.number} 已被撤回`, en: `Demand ${row.number} was withdrawn` },
        body: reason?.trim() || '—',
      });
      return { reason: reason?.trim() || null };
    });
  }

  async #touch(trx: Executor, id: string, set: Partial<SharingDemandTable>, at: Moment): Promise<void> {
    await disputeTables(trx)
      .updateTable('sharing_demand')
      .set({ ...set, updated_at: at.now })
      .where('id', '=', id)
      .execute();
  }

  async #tell(
    trx: Executor,
    row: SharingDemandTable,
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
      link: `/sharing/demands/${row.id}`,
      case: { type: 'demand', id: row.id },
    });
  }
}
