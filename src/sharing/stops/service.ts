import type { Kysely } from 'kysely';
import type { CatalogService, ProviderLookup } from '../../catalog/index.js';
import { CatalogErrors } from '../../catalog/index.js';
import { authorize } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import { lines } from '../../platform/messages/index.js';
import { nextNumber, withNumber } from '../agreements/numbers.js';
import { caseEvents, type SharingCaseDeps, type SharingCaseKernel, sharingCaseKernel } from '../cases.js';
import { requiredText, SharingErrors } from '../errors.js';
import type { CaseEvent } from '../model.js';
import { SharingNotices } from '../notice-texts.js';
import { SharingActions } from '../policies.js';
import type { SharingTables } from '../schema.js';
import { pageOfCases, recordEvent, SYSTEM_ACTOR } from '../store.js';
import { StopCase } from './case.js';
import { StopErrors } from './errors.js';
import type { SharingStopTable, StopStatus, StopTables } from './schema.js';

export interface StopDeps extends SharingCaseDeps {
  catalog: Pick<CatalogService, 'get'>;
  departments: ProviderLookup;
}

export type StopAction = 'withdraw' | 'approve' | 'reject';

export interface Stop {
  id: string;
  number: string;
  entry: { id: string; code: string; name: string };
  provider: { departmentId: string };
  reason: string;
  effectiveDate: string;
  rule: { value: string; article: string | null; text: string };
  status: StopStatus;
  decisionNote: string | null;
  holdersNoticed: number;
  grantsEnded: number;
  createdAt: string;
  timeline: CaseEvent[];
  allowedActions: StopAction[];
}

const db = (executor: Executor) => executor as unknown as Kysely<StopTables & SharingTables>;

/**
 * Stopping a published resource (停止提供, R11). The provider gives the reason and the date it
 * takes effect, which must be later than today: the stop is filed in advance. Under the profile's
 * `removal` rule it is filed with the authority at once (`prior_filing`, Inner Mongolia Art.18 ¶3;
 * also where the profile says nothing, citing its text) or waits for the authority to record the
 * government's approval (`government_approval`, Guangzhou Art.9). Once filed (or approved), every
 * department holding a live grant on the resource is told, before the date; on the date the sweep
 * ends those grants (revoked with the stop's reason).
 */
export class StopService {
  readonly #kernel: SharingCaseKernel;
  readonly #step;
  constructor(private readonly deps: StopDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#step = this.#kernel.stepper(StopCase, (actor, id) => this.get(actor, id));
  }

  async file(
    ctx: RequestContext,
    input: { entryId: string; reason: string; effectiveDate: string },
  ): Promise<Stop> {
    const { actor } = ctx;
    const entry = await this.deps.catalog.get(actor, input.entryId);
    if (entry.provider.id !== actor.departmentId)
      throw StopErrors.error('STOP_NOT_PROVIDER', { field: 'entryId' });
    const provider = await this.deps.departments(this.deps.db, entry.provider.id);
    if (!provider)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', { field: 'entryId', reason: entry.provider.id });
    const target = { departmentId: provider.id, jurisdictionPath: provider.jurisdictionPath };
    authorize(actor, SharingActions['sharing.stop.file'], target);
    if (entry.status !== 'published' || entry.publishedVersion === null)
      throw SharingErrors.error('SHARING_ENTRY_NOT_PUBLISHED', { field: 'entryId', code: entry.code });
    const reason = requiredText(input.reason, 'reason');
    const now = this.deps.clock.now();
    const today = chinaDate(now);
    if (input.effectiveDate <= today)
      throw StopErrors.error('STOP_NOT_IN_ADVANCE', { field: 'effectiveDate', today });
    const rule = this.deps.profile.removal;
    const needsApproval = rule.value === 'government_approval';
    const at = now.toISOString();
    const row: SharingStopTable = {
      id: newId(now),
      number: '',
      entry_id: entry.id,
      entry_code: entry.code,
      entry_name: (entry.publishedContent ?? entry.content).name,
      consumer_department_id: provider.id,
      consumer_jurisdiction_path: provider.jurisdictionPath,
      provider_department_id: provider.id,
      provider_jurisdiction_path: provider.jurisdictionPath,
      reason,
      effective_date: input.effectiveDate,
      rule: rule.value,
      rule_article: rule.article,
      status: needsApproval ? 'pending_approval' : 'filed',
      filed_by: actor.id,
      filed_by_name: actedBy(actor).name,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      holders_noticed: 0,
      grants_ended: 0,
      created_at: at,
      updated_at: at,
    };
    await withNumber(this.deps.db, async (trx) => {
      const pending = await db(trx)
        .selectFrom('sharing_stop')
        .select('number')
        .where('entry_id', '=', entry.id)
        .where('status', 'in', ['pending_approval', 'filed'])
        .executeTakeFirst();
      if (pending) throw StopErrors.error('STOP_ALREADY_PENDING', { number: pending.number });
      row.number = await nextNumber(trx, 'sharing_stop', `TZ-${today.slice(0, 4)}-`);
      await db(trx).insertInto('sharing_stop').values(row).execute();
      const detail = { reason, effectiveDate: input.effectiveDate, rule: rule.value, article: rule.article };
      await recordEvent(trx, {
        caseType: 'stop',
        caseId: row.id,
        action: 'file',
        actor: actedBy(actor),
        at,
        detail,
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.stop.file',
        targetType: 'sharing_stop',
        targetId: row.id,
        category: 'decision',
        detail: { number: row.number, entryCode: entry.code, ...detail },
      });
      await this.deps.notices.send(trx, {
        to: { role: 'authority', jurisdictionPath: provider.jurisdictionPath },
        ...SharingNotices.notice(needsApproval ? 'stop.approval_requested' : 'stop.filed', {
          number: row.number,
          entry: row.entry_name,
          date: input.effectiveDate,
          body: lines(reason, rule.text),
        }),
        link: `/sharing/stops/${row.id}`,
        case: { type: 'stop', id: row.id },
      });
      if (!needsApproval) await this.#noticeHolders(trx, row, today);
    });
    return this.get(actor, row.id);
  }

  approve(ctx: RequestContext, id: string, note: string) {
    return this.#step(ctx, id, 'approve', async ({ trx, row, today, at }) => {
      // Holders must hear of the stop before it takes effect: an approval on or after the date is too late.
      if (row.effective_date <= today)
        throw StopErrors.error('STOP_NOT_IN_ADVANCE', { field: 'effectiveDate', today });
      const decision = { decided_by: ctx.actor.id, decided_at: at, decision_note: note.trim() || null };
      const holders = await this.#noticeHolders(trx, row, today);
      return { set: decision, detail: { note: decision.decision_note, holders } };
    });
  }

  reject(ctx: RequestContext, id: string, reason: string) {
    return this.#step(ctx, id, 'reject', async ({ row, at }) => {
      const text = requiredText(reason, 'reason');
      return {
        set: { decided_by: ctx.actor.id, decided_at: at, decision_note: text },
        detail: { reason: text },
        notices: [
          {
            to: { departmentId: row.provider_department_id, role: 'resource_admin' },
            ...SharingNotices.notice('stop.rejected', { number: row.number, body: text }),
            link: `/sharing/stops/${id}`,
            case: { type: 'stop', id },
          },
        ],
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'withdraw', async ({ trx, row, today }) => {
      const holders = row.status === 'filed' ? await this.#holders(trx, row.entry_id, today) : [];
      return {
        detail: { note: note?.trim() || null },
        notices: holders.map((departmentId) => ({
          to: { departmentId },
          ...SharingNotices.notice('stop.withdrawn', {
            number: row.number,
            entry: row.entry_name,
            body: note?.trim() || '—',
          }),
          link: `/sharing/stops/${id}`,
          case: { type: 'stop', id },
        })),
      };
    });
  }

  /** The sweep step: filed stops whose date has come take effect and end the grants on the resource. */
  async sweep(now: Date): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const due = await this.deps.db
      .selectFrom('sharing_stop')
      .selectAll()
      .where('status', '=', 'filed')
      .where('effective_date', '<=', today)
      .execute();
    let acted = 0;
    for (const row of due) {
      const done = await this.deps.db.transaction().execute(async (trx) => {
        const claimed = await db(trx)
          .updateTable('sharing_stop')
          .set({ status: 'effective', updated_at: at })
          .where('id', '=', row.id)
          .where('status', '=', 'filed')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) return false;
        const grants = await db(trx)
          .selectFrom('sharing_grant')
          .select(['id', 'consumer_department_id', 'entry_name'])
          .where('entry_id', '=', row.entry_id)
          .where('status', 'in', ['active', 'suspended'])
          .execute();
        const reason = `停止提供 ${row.number}：${row.reason}`;
        for (const grant of grants) {
          await db(trx)
            .updateTable('sharing_grant')
            .set({ status: 'revoked', status_reason: reason, status_changed_at: at, status_changed_by: null })
            .where('id', '=', grant.id)
            .execute();
          await recordEvent(trx, {
            caseType: 'grant',
            caseId: grant.id,
            action: 'ended_by_stop',
            actor: SYSTEM_ACTOR,
            at,
            detail: { stopId: row.id, reason: row.reason },
          });
          await this.deps.notices.send(trx, {
            to: { departmentId: grant.consumer_department_id },
            ...SharingNotices.notice('grant.ended_by_stop', { entry: grant.entry_name, body: reason }),
            link: `/sharing/grants/${grant.id}`,
            case: { type: 'grant', id: grant.id },
          });
        }
        await db(trx)
          .updateTable('sharing_stop')
          .set({ grants_ended: grants.length })
          .where('id', '=', row.id)
          .execute();
        await recordEvent(trx, {
          caseType: 'stop',
          caseId: row.id,
          action: 'effective',
          actor: SYSTEM_ACTOR,
          at,
          detail: { grantsEnded: grants.length },
        });
        await this.deps.audit.record(
          trx,
          {},
          {
            action: 'sharing.stop.effective',
            targetType: 'sharing_stop',
            targetId: row.id,
            category: 'decision',
            detail: { number: row.number, entryCode: row.entry_code, grantsEnded: grants.map((g) => g.id) },
          },
        );
        return true;
      });
      if (done) acted++;
    }
    return acted;
  }

  async get(actor: Actor, id: string): Promise<Stop> {
    const view = await this.#kernel.get(StopCase, actor, id);
    return this.#present(view.row, caseEvents(view.timeline), view.allowedActions);
  }

  async list(actor: Actor, filter: { status?: StopStatus | undefined; page: number; pageSize: number }) {
    const { rows, total } = await pageOfCases<SharingStopTable>(this.deps.db, 'sharing_stop', actor, filter, {
      orderBy: 'effective_date',
    });
    return { items: rows.map((r) => this.#present(r, [], this.allowedActions(actor, r))), total };
  }

  allowedActions(actor: Actor, row: SharingStopTable): StopAction[] {
    return StopCase.allowedActions(actor, row);
  }

  async #holders(trx: Executor, entryId: string, today: string): Promise<string[]> {
    const rows = await db(trx)
      .selectFrom('sharing_grant')
      .select('consumer_department_id')
      .distinct()
      .where('entry_id', '=', entryId)
      .where('status', 'in', ['active', 'suspended'])
      .where('valid_until', '>=', today)
      .execute();
    return rows.map((r) => r.consumer_department_id);
  }

  /** R11: every department holding a live grant on the resource is told before the stop takes effect. */
  async #noticeHolders(trx: Executor, row: SharingStopTable, today: string): Promise<number> {
    const holders = await this.#holders(trx, row.entry_id, today);
    for (const departmentId of holders)
      await this.deps.notices.send(trx, {
        to: { departmentId },
        ...SharingNotices.notice('stop.announced', {
          date: row.effective_date,
          entry: row.entry_name,
          code: row.entry_code,
          reason: row.reason,
        }),
        link: `/sharing/stops/${row.id}`,
        case: { type: 'stop', id: row.id },
      });
    await db(trx)
      .updateTable('sharing_stop')
      .set({ holders_noticed: holders.length })
      .where('id', '=', row.id)
      .execute();
    return holders.length;
  }

  #present(row: SharingStopTable, events: CaseEvent[], allowedActions: StopAction[]): Stop {
    const rule = this.deps.profile.removal;
    return {
      id: row.id,
      number: row.number,
      entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
      provider: { departmentId: row.provider_department_id },
      reason: row.reason,
      effectiveDate: row.effective_date,
      rule: {
        value: row.rule,
        article: row.rule_article,
        text: rule.value === row.rule ? rule.text : row.rule,
      },
      status: row.status,
      decisionNote: row.decision_note,
      holdersNoticed: row.holders_noticed,
      grantsEnded: row.grants_ended,
      createdAt: row.created_at,
      timeline: events,
      allowedActions,
    };
  }
}
