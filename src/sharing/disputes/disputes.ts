import type { EntryContent } from '../../catalog/index.js';
import { CatalogErrors } from '../../catalog/index.js';
import { authorize } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import { AppError, CommonErrors } from '../../platform/errors/index.js';
import { lines } from '../../platform/messages/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { citation } from '../access-flow.js';
import { applicationRow, mayWithdraw } from '../applications.js';
import {
  caseDetail,
  type SharingCaseKernel,
  type SharingPeriodCaseDeps,
  sharingCaseKernel,
} from '../cases.js';
import { commonPath } from '../complaints/store.js';
import { SharingErrors } from '../errors.js';
import { SharingActions } from '../policies.js';
import { checkMethods, checkValidity, type NeedInput, statedPurposeText } from '../request.js';
import { canReadCase, DepartmentNames, pageOfCases, recordEvent, statedNeed } from '../store.js';
import { DisputeCase } from './case.js';
import { DisputeSteps } from './dispute-steps.js';
import { DisputeErrors } from './errors.js';
import {
  type Dispute,
  type DisputeAction,
  type DisputeDetail,
  type DisputeStatus,
  disputeShape,
  fixedPeriod,
} from './model.js';
import { DisputeNotices, DisputeTexts } from './notice-texts.js';
import type { SharingDisputeTable } from './schema.js';
import {
  COORDINATION_SUBJECT,
  disputeTables,
  json,
  lapsed,
  later,
  NEGOTIATION_SUBJECT,
  nextCaseNumber,
  presentDeadline,
  startPeriod,
} from './store.js';

export interface DisputeServiceDeps extends SharingPeriodCaseDeps {
  /**
   * A jurisdiction by its id (org's `JurisdictionService.get`), to name 本级人民政府 of the level
   * over both parties (N19); without it the government is named by its division code.
   */
  jurisdictions?: { get(id: string): Promise<{ name: string }> } | undefined;
}

/** A need for a not-shared cataloged resource, stated as an application would state it. */
export interface NotSharedNeed extends NeedInput {
  entryId: string;
}

export type OpenDisputeInput = { reason: string } & ({ applicationId: string } | NotSharedNeed);

export interface DisputeFilter {
  as?: 'consumer' | 'provider' | 'all' | undefined;
  status?: DisputeStatus | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** Stages a case is undecided in; the consumer may withdraw it, the sweep watches its deadline. */
export const OPEN_DISPUTE: readonly DisputeStatus[] = [
  'negotiating',
  'negotiation_failed',
  'coordinating',
  'referred',
];

/**
 * Negotiation and coordination cases (R37, R38): opened by the consumer after a refusal or for a
 * not-shared resource, in the shape of the profile (`disputeShape`); the steps that move a case
 * live in `dispute-steps.ts`.
 */
export class DisputeService {
  readonly #steps: DisputeSteps;
  readonly #kernel: SharingCaseKernel;

  constructor(private readonly deps: DisputeServiceDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#steps = new DisputeSteps(deps, this, this.#kernel);
  }

  get steps(): DisputeSteps {
    return this.#steps;
  }

  async open(ctx: RequestContext, input: OpenDisputeInput): Promise<DisputeDetail> {
    const { actor } = ctx;
    authorize(actor, SharingActions['sharing.apply'], {
      departmentId: actor.departmentId,
      jurisdictionPath: actor.jurisdictionPath,
    });
    if (input.reason.trim() === '') throw SharingErrors.error('SHARING_REASON_REQUIRED', { field: 'reason' });
    const shape = disputeShape(this.deps.profile);
    if (!shape.negotiation && !shape.coordination)
      throw DisputeErrors.error('DISPUTE_STEP_NOT_IN_PROFILE', {
        step: '协商、协调',
        stepEn: 'negotiation or coordination',
        text: this.deps.profile.deadlines.coordination.text,
        article: this.deps.profile.deadlines.coordination.article ?? '—',
      });
    const now = this.deps.clock.now();
    const today = chinaDate(now);
    const at = now.toISOString();
    const base = await this.#subject(actor, input, today);
    const id = newId(now);
    const period = fixedPeriod(
      shape.negotiation ? this.deps.profile.deadlines.negotiation : this.deps.profile.deadlines.coordination,
    );
    const row: SharingDisputeTable = {
      ...base,
      id,
      number: '',
      opened_by: actor.id,
      opened_by_name: actedBy(actor).name,
      reason: input.reason.trim(),
      status: shape.negotiation ? 'negotiating' : 'coordinating',
      due_date: null,
      deadline_article: null,
      due_soon_noticed_at: null,
      overdue: 0,
      overdue_at: null,
      failure_reason: null,
      decision: null,
      decided_items: null,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      grant_id: null,
      government_referral: shape.governmentDecision ? 1 : 0,
      referral_reason: null,
      referred_at: null,
      referred_by: null,
      referred_by_name: null,
      government_name: null,
      government_jurisdiction_path: null,
      government_decided_by: null,
      government_decision: null,
      government_reference: null,
      government_decided_on: null,
      created_at: at,
      updated_at: at,
    };
    const insert = async (trx: Executor) => {
      const open = await disputeTables(trx)
        .selectFrom('sharing_dispute')
        .select('number')
        .where('consumer_department_id', '=', row.consumer_department_id)
        .where('entry_id', '=', row.entry_id)
        .where('status', 'in', OPEN_DISPUTE)
        .executeTakeFirst();
      if (open) throw DisputeErrors.error('DISPUTE_ALREADY_OPEN', { number: open.number });
      row.number = await nextCaseNumber(trx, 'sharing_dispute', `XS-${today.slice(0, 4)}-`);
      if (period) {
        row.due_date = await startPeriod(
          this.deps.deadlines,
          trx,
          { type: shape.negotiation ? NEGOTIATION_SUBJECT : COORDINATION_SUBJECT, id: id, start: today },
          period,
        );
        row.deadline_article = citation(period);
      }
      await disputeTables(trx).insertInto('sharing_dispute').values(row).execute();
      // The case keeps the rules it was filed under: its coordination later runs by them (issue 13).
      await this.#kernel.recordRules(trx, DisputeCase, id, at);
      await recordEvent(trx, {
        caseType: 'dispute',
        caseId: id,
        action: shape.negotiation ? 'open_negotiation' : 'request_coordination',
        actor: actedBy(actor),
        at,
        detail: {
          origin: row.origin,
          applicationId: row.application_id,
          items: JSON.parse(row.items),
          reason: row.reason,
          dueDate: row.due_date,
          basis: shape.rule,
        },
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.dispute.open',
        targetType: 'sharing_dispute',
        targetId: id,
        category: 'decision',
        detail: { number: row.number, status: row.status, entryCode: row.entry_code, origin: row.origin },
      });
      await this.#tellOpened(trx, row);
    };
    await this.deps.db.transaction().execute(insert);
    return this.get(actor, id);
  }

  /** The parties, the resource and the need: copied from a refused application, or checked against the entry. */
  async #subject(
    actor: Actor,
    input: OpenDisputeInput,
    today: string,
  ): Promise<
    Pick<
      SharingDisputeTable,
      | 'origin'
      | 'application_id'
      | 'consumer_department_id'
      | 'consumer_jurisdiction_path'
      | 'provider_department_id'
      | 'provider_jurisdiction_path'
      | 'entry_id'
      | 'entry_code'
      | 'entry_name'
      | 'items'
      | 'purpose'
      | 'purpose_text'
      | 'legal_duty'
      | 'methods'
      | 'valid_from'
      | 'valid_until'
    >
  > {
    if ('applicationId' in input) {
      const app = await applicationRow(this.deps.db, input.applicationId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'SHARING_APPLICATION_NOT_FOUND') return undefined;
        throw error;
      });
      if (!app || !canReadCase(actor, app))
        throw SharingErrors.error('SHARING_APPLICATION_NOT_FOUND', { id: input.applicationId });
      if (!mayWithdraw(actor, app))
        throw CommonErrors.error('FORBIDDEN', { action: SharingActions['sharing.apply'] });
      if (app.status !== 'refused')
        throw DisputeErrors.error('DISPUTE_APPLICATION_NOT_REFUSED', {
          field: 'applicationId',
          status: app.status,
        });
      return {
        origin: 'refused_application',
        application_id: app.id,
        consumer_department_id: app.consumer_department_id,
        consumer_jurisdiction_path: app.consumer_jurisdiction_path,
        provider_department_id: app.provider_department_id,
        provider_jurisdiction_path: app.provider_jurisdiction_path,
        entry_id: app.entry_id,
        entry_code: app.entry_code,
        entry_name: app.entry_name,
        items: app.items,
        purpose: app.purpose,
        purpose_text: app.purpose_text,
        legal_duty: app.legal_duty,
        methods: app.methods,
        valid_from: later(app.valid_from, today),
        valid_until: app.valid_until,
      };
    }
    const entry = await this.deps.catalog.get(actor, input.entryId);
    if (entry.status !== 'published' || entry.publishedVersion === null)
      throw SharingErrors.error('SHARING_ENTRY_NOT_PUBLISHED', { field: 'entryId', code: entry.code });
    if (entry.provider.id === actor.departmentId)
      throw SharingErrors.error('SHARING_OWN_RESOURCE', { field: 'entryId' });
    const content = entry.publishedContent ?? entry.content;
    const need = checkNeed(content, input, today);
    const provider = await this.deps.departments(this.deps.db, entry.provider.id);
    if (!provider)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', { field: 'entryId', reason: entry.provider.id });
    return {
      origin: 'not_shared',
      application_id: null,
      consumer_department_id: actor.departmentId,
      consumer_jurisdiction_path: actor.jurisdictionPath,
      provider_department_id: provider.id,
      provider_jurisdiction_path: provider.jurisdictionPath,
      entry_id: entry.id,
      entry_code: entry.code,
      entry_name: content.name,
      items: JSON.stringify(need.items),
      purpose: input.purpose,
      purpose_text: need.purposeText,
      legal_duty: input.legalDuty.trim(),
      methods: JSON.stringify([...new Set(input.methods)]),
      valid_from: need.validFrom,
      valid_until: input.validUntil,
    };
  }

  async #tellOpened(trx: Executor, row: SharingDisputeTable): Promise<void> {
    const due = row.due_date
      ? DisputeTexts.text('dueWithArticle', { due: row.due_date, article: row.deadline_article })
      : this.stageText(row.status, this.deps.profile); // filed just now, under today's profile
    const link = `/sharing/disputes/${row.id}`;
    const negotiating = row.status === 'negotiating';
    const notice = {
      ...DisputeNotices.notice(
        negotiating ? 'dispute.negotiation_opened' : 'dispute.coordination_requested',
        {
          number: row.number,
          entry: row.entry_name,
          body: lines(row.reason, due),
        },
      ),
      link,
      case: { type: 'dispute', id: row.id },
    };
    await this.deps.notices.send(trx, {
      ...notice,
      to: { departmentId: row.provider_department_id, role: 'resource_admin' },
    });
    // The authority over both parties: for two jurisdictions, their common superior (809 第二十八条第二款).
    if (!negotiating)
      await this.deps.notices.send(trx, {
        ...notice,
        to: {
          role: 'authority',
          jurisdictionPath: commonPath(row.consumer_jurisdiction_path, row.provider_jurisdiction_path),
        },
      });
  }

  /**
   * The text for a stage without a fixed period, of the case's rules (`rulesOf`: the profile it
   * was filed under, issue 13), not of a profile switched to since.
   */
  stageText(status: DisputeStatus, rules: Profile): string {
    // In Chinese, as the profile's texts of the other stages are.
    if (status === 'referred') return DisputeTexts.text('governmentDecision').zh;
    const { negotiation, coordination } = rules.deadlines;
    const period = status === 'negotiating' ? negotiation : coordination;
    return citation(period);
  }

  get(actor: Actor, id: string): Promise<DisputeDetail> {
    return caseDetail(this.#kernel, DisputeCase, actor, id, {
      present: async (row) => (await this.present(this.deps.db, [row]))[0] as Dispute,
      allowedActions: (row) => this.allowedActions(actor, row),
    });
  }

  async list(actor: Actor, filter: DisputeFilter): Promise<{ items: Dispute[]; total: number }> {
    // Undecided cases first, the nearest deadline on top.
    const { rows, total } = await pageOfCases<SharingDisputeTable>(
      this.deps.db,
      'sharing_dispute',
      actor,
      filter,
      {
        urgentFirst: ['negotiating', 'negotiation_failed', 'coordinating', 'referred'],
      },
    );
    return { items: await this.present(this.deps.db, rows), total };
  }

  /**
   * What the reader may do now: the parties negotiate, the consumer escalates (from the
   * negotiation once its period lapsed), the authority decides.
   */
  allowedActions(actor: Actor, row: SharingDisputeTable): DisputeAction[] {
    const today = chinaDate(this.deps.clock.now());
    return DisputeCase.allowedActions(actor, row).filter(
      (action) => action !== 'escalate' || row.status !== 'negotiating' || lapsed(row, today),
    );
  }

  async present(executor: Executor, rows: SharingDisputeTable[]): Promise<Dispute[]> {
    const today = chinaDate(this.deps.clock.now());
    const calendar = await this.deps.calendar.calendar(executor);
    const names = new DepartmentNames(this.deps.departments, executor);
    const out: Dispute[] = [];
    for (const r of rows) {
      const open = OPEN_DISPUTE.includes(r.status);
      out.push({
        id: r.id,
        number: r.number,
        origin: r.origin,
        applicationId: r.application_id,
        consumer: await names.department(r.consumer_department_id),
        openedBy: { id: r.opened_by, name: r.opened_by_name },
        provider: await names.department(r.provider_department_id),
        entry: { id: r.entry_id, code: r.entry_code, name: r.entry_name },
        ...statedNeed(r),
        reason: r.reason,
        status: r.status,
        deadline: presentDeadline(r, today, calendar),
        deadlineNote:
          open && !r.due_date && r.status !== 'negotiation_failed'
            ? this.stageText(
                r.status,
                (await this.#kernel.rulesOf(DisputeCase, r.id, executor)) ?? this.deps.profile,
              )
            : null,
        overdue: r.overdue === 1,
        failureReason: r.failure_reason,
        decision: r.decision,
        decidedItems: json<string[]>(r.decided_items),
        decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? r.decided_by } : null,
        decidedAt: r.decided_at,
        grantId: r.grant_id,
        governmentReferral: r.government_referral === 1,
        referral:
          r.referred_at && r.referral_reason
            ? {
                reason: r.referral_reason,
                at: r.referred_at,
                by: { id: r.referred_by ?? '', name: r.referred_by_name ?? '' },
                government: r.government_name ?? '',
                jurisdictionPath: r.government_jurisdiction_path ?? '',
              }
            : null,
        governmentDecision:
          r.government_decision && r.government_decided_on
            ? {
                share: r.status === 'government_granted',
                decidedBy: r.government_decided_by ?? '',
                decision: r.government_decision,
                reference: r.government_reference ?? '',
                decidedOn: r.government_decided_on,
                recordedBy: { id: r.decided_by ?? '', name: r.decided_by_name ?? '' },
                recordedAt: r.decided_at ?? '',
              }
            : null,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      });
    }
    return out;
  }
}

/**
 * Checks a need for a not-shared resource against its published content: known items, at least
 * one of them (or the entry) not shared — otherwise the consumer applies — a described "other"
 * purpose, methods the entry's share methods carry, and a validity period from today on.
 */
export function checkNeed(
  content: EntryContent,
  input: NotSharedNeed,
  today: string,
): { items: string[]; purposeText: string | null; validFrom: string } {
  const byName = new Map(content.items.map((i) => [i.name, i]));
  const items = [...new Set(input.items)];
  let blocked = content.share.type === 'not_shared';
  items.forEach((name, index) => {
    const item = byName.get(name);
    if (!item) throw SharingErrors.error('SHARING_ITEM_UNKNOWN', { field: `items[${index}]`, item: name });
    if ((item.shareType ?? content.share.type) === 'not_shared') blocked = true;
  });
  if (!blocked) throw DisputeErrors.error('DISPUTE_ENTRY_SHAREABLE', { field: 'items' });
  const purposeText = statedPurposeText(input.purpose, input.purposeText);
  checkMethods(content, input.methods);
  return { items, purposeText, validFrom: checkValidity(input.validFrom, input.validUntil, today) };
}
