import { CatalogErrors } from '../../catalog/index.js';
import { authorize } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { citation } from '../access-flow.js';
import { caseDetail, type SharingCaseKernel, sharingCaseKernel } from '../cases.js';
import { SharingErrors } from '../errors.js';
import { SharingActions } from '../policies.js';
import { checkValidity, type NeedInput, statedPurposeText } from '../request.js';
import { DepartmentNames, pageOfCases, recordEvent, statedNeed } from '../store.js';
import { DemandCase } from './case.js';
import { DemandSteps } from './demand-steps.js';
import type { DisputeServiceDeps } from './disputes.js';
import {
  type Demand,
  type DemandAction,
  type DemandDecider,
  type DemandDetail,
  type DemandStatus,
  disputeShape,
  fixedPeriod,
} from './model.js';
import { DisputeNotices, DisputeTexts } from './notice-texts.js';
import type { SharingDemandTable } from './schema.js';
import { disputeTables, json, nextCaseNumber, presentDeadline, REPLY_SUBJECT, startPeriod } from './store.js';

/** What a consumer states when it needs data that no catalog entry lists. */
export interface DemandInput extends NeedInput {
  providerDepartmentId: string;
  title: string;
  description: string;
}

export interface DemandFilter {
  as?: 'consumer' | 'provider' | 'all' | undefined;
  status?: DemandStatus | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * Out-of-catalog demands (目录外需求, R34; Neixiang Art.16(2)): the consumer names the provider
 * and the data; the profile says who decides (the authority, recording the government's
 * decision under Guangzhou Art.19 ¶2; the provider within the reply period under Neixiang; the
 * authority elsewhere). A decision to share obliges the provider to catalog the data and supply
 * it within `deadlines.supplyAfterGovernmentDecision`; supplying names the published entry and
 * produces the grant. The steps live in `demand-steps.ts`.
 */
export class DemandService {
  readonly steps: DemandSteps;
  readonly #kernel: SharingCaseKernel;

  constructor(private readonly deps: DisputeServiceDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.steps = new DemandSteps(deps, this, this.#kernel);
  }

  get decider(): DemandDecider {
    return disputeShape(this.deps.profile).demandDecider;
  }

  async open(ctx: RequestContext, input: DemandInput): Promise<DemandDetail> {
    const { actor } = ctx;
    authorize(actor, SharingActions['sharing.apply'], {
      departmentId: actor.departmentId,
      jurisdictionPath: actor.jurisdictionPath,
    });
    if (input.providerDepartmentId === actor.departmentId)
      throw SharingErrors.error('SHARING_OWN_RESOURCE', { field: 'providerDepartmentId' });
    const provider = await this.deps.departments(this.deps.db, input.providerDepartmentId);
    if (!provider)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', {
        field: 'providerDepartmentId',
        reason: input.providerDepartmentId,
      });
    const purposeText = statedPurposeText(input.purpose, input.purposeText);
    const now = this.deps.clock.now();
    const today = chinaDate(now);
    const validFrom = checkValidity(input.validFrom, input.validUntil, today);
    const decider = this.decider;
    const id = newId(now);
    const at = now.toISOString();
    const row: SharingDemandTable = {
      id,
      number: '',
      consumer_department_id: actor.departmentId,
      consumer_jurisdiction_path: actor.jurisdictionPath,
      applicant_id: actor.id,
      applicant_name: actedBy(actor).name,
      provider_department_id: provider.id,
      provider_jurisdiction_path: provider.jurisdictionPath,
      title: input.title.trim(),
      description: input.description.trim(),
      items: JSON.stringify([...new Set(input.items.map((i) => i.trim()))]),
      purpose: input.purpose,
      purpose_text: purposeText,
      legal_duty: input.legalDuty.trim(),
      methods: JSON.stringify([...new Set(input.methods)]),
      valid_from: validFrom,
      valid_until: input.validUntil,
      decider,
      status: 'pending',
      due_date: null,
      deadline_article: null,
      due_soon_noticed_at: null,
      overdue: 0,
      overdue_at: null,
      decision: null,
      decision_reason: null,
      decision_reference: null,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      supplied_entry_id: null,
      supplied_entry_code: null,
      supplied_items: null,
      supplied_at: null,
      supplied_late: 0,
      grant_id: null,
      created_at: at,
      updated_at: at,
    };
    // Only the provider's answer has a period (Neixiang Art.16(2): the reply period).
    const period = decider === 'provider' ? fixedPeriod(this.deps.profile.deadlines.reply) : null;
    const insert = async (trx: Executor) => {
      row.number = await nextCaseNumber(trx, 'sharing_demand', `XQ-${today.slice(0, 4)}-`);
      if (period) {
        row.due_date = await startPeriod(
          this.deps.deadlines,
          trx,
          { type: REPLY_SUBJECT, id: id, start: today },
          period,
        );
        row.deadline_article = citation(period);
      }
      await disputeTables(trx).insertInto('sharing_demand').values(row).execute();
      // The demand keeps the rules it was submitted under: its decision later runs by them (issue 13).
      await this.#kernel.recordRules(trx, DemandCase, id, at);
      await recordEvent(trx, {
        caseType: 'demand',
        caseId: id,
        action: 'submit',
        actor: actedBy(actor),
        at,
        detail: {
          title: row.title,
          items: JSON.parse(row.items),
          decider,
          basis: disputeShape(this.deps.profile).rule,
        },
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.demand.open',
        targetType: 'sharing_demand',
        targetId: id,
        category: 'decision',
        detail: { number: row.number, providerDepartmentId: provider.id, decider },
      });
      await this.deps.notices.send(trx, {
        to:
          decider === 'provider'
            ? { departmentId: row.provider_department_id, role: 'resource_admin' }
            : { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
        ...DisputeNotices.notice('demand.received', {
          number: row.number,
          title: row.title,
          body: row.due_date
            ? DisputeTexts.text('replyBy', { due: row.due_date })
            : this.decisionText(this.deps.profile), // submitted just now, under today's profile
        }),
        link: `/sharing/demands/${id}`,
        case: { type: 'demand', id },
      });
    };
    await this.deps.db.transaction().execute(insert);
    return this.get(actor, id);
  }

  /**
   * The text for the decision step (the rule read by `disputeShape`) of the demand's rules
   * (`rulesOf`: the profile it was submitted under, issue 13), not of a profile switched to since.
   */
  decisionText(rules: Profile): string {
    const rule = disputeShape(rules).rule;
    return citation(rule);
  }

  /** The supply period's text where it sets no fixed period: of the demand's rules where given. */
  supplyText(rules: Profile = this.deps.profile): string {
    const period = rules.deadlines.supplyAfterGovernmentDecision;
    return citation(period);
  }

  get(actor: Actor, id: string): Promise<DemandDetail> {
    return caseDetail(this.#kernel, DemandCase, actor, id, {
      present: async (row) => (await this.present(this.deps.db, [row]))[0] as Demand,
    });
  }

  async list(actor: Actor, filter: DemandFilter): Promise<{ items: Demand[]; total: number }> {
    // Undecided and unsupplied demands first, the nearest deadline on top.
    const { rows, total } = await pageOfCases<SharingDemandTable>(
      this.deps.db,
      'sharing_demand',
      actor,
      filter,
      {
        urgentFirst: ['pending', 'awaiting_supply'],
      },
    );
    return { items: await this.present(this.deps.db, rows), total };
  }

  allowedActions(actor: Actor, row: SharingDemandTable): DemandAction[] {
    return DemandCase.allowedActions(actor, row);
  }

  async present(executor: Executor, rows: SharingDemandTable[]): Promise<Demand[]> {
    const today = chinaDate(this.deps.clock.now());
    const calendar = await this.deps.calendar.calendar(executor);
    const names = new DepartmentNames(this.deps.departments, executor);
    const out: Demand[] = [];
    for (const r of rows) {
      // The texts of the demand's own rules (issue 13), read only where a text is shown.
      const rules = async () => (await this.#kernel.rulesOf(DemandCase, r.id, executor)) ?? this.deps.profile;
      const note =
        r.due_date !== null
          ? null
          : r.status === 'pending'
            ? this.decisionText(await rules())
            : r.status === 'awaiting_supply'
              ? this.supplyText(await rules())
              : null;
      out.push({
        id: r.id,
        number: r.number,
        consumer: await names.department(r.consumer_department_id),
        applicant: { id: r.applicant_id, name: r.applicant_name },
        provider: await names.department(r.provider_department_id),
        title: r.title,
        description: r.description,
        ...statedNeed(r),
        decider: r.decider,
        status: r.status,
        deadline: presentDeadline(r, today, calendar),
        deadlineNote: note,
        overdue: r.overdue === 1,
        decision: r.decision,
        decisionReason: r.decision_reason,
        decisionReference: r.decision_reference,
        decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? r.decided_by } : null,
        decidedAt: r.decided_at,
        suppliedEntry:
          r.supplied_entry_id && r.supplied_entry_code
            ? { id: r.supplied_entry_id, code: r.supplied_entry_code }
            : null,
        suppliedItems: json<string[]>(r.supplied_items),
        suppliedAt: r.supplied_at,
        suppliedLate: r.supplied_late === 1,
        grantId: r.grant_id,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      });
    }
    return out;
  }
}
