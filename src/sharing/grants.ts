import type { AuditTrail } from '../audit/index.js';
import type { ProviderLookup } from '../catalog/index.js';
import { authorize, isAllowed } from '../org/index.js';
import { chinaDate, type WorkingCalendar } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import { type Actor, actedBy, type RequestContext } from '../platform/context/index.js';
import type { DialectName, Executor } from '../platform/db/index.js';
import { lockRow, newId } from '../platform/db/index.js';
import { type AppError, CommonErrors } from '../platform/errors/index.js';
import { lines } from '../platform/messages/index.js';
import type { SharingDb } from './db.js';
import { SharingErrors } from './errors.js';
import type { AccessMethod, CaseEvent, Grant, GrantOrigin, GrantStatus, Purpose } from './model.js';
import { SharingNotices, SharingTexts } from './notice-texts.js';
import type { NoticeService } from './notices.js';
import { SharingActions } from './policies.js';
import type { SharingGrantTable } from './schema.js';
import { refuseStopped } from './stops/guard.js';
import {
  canReadCase,
  caseScopeFilter,
  DepartmentNames,
  newestPage,
  readScope,
  recordEvent,
  SYSTEM_ACTOR,
  tables,
  timeline,
} from './store.js';
import type { SupplyService } from './supply/service.js';
import { coveredPurposes } from './use-changes/consents.js';

export interface GrantServiceDeps {
  db: SharingDb;
  dialect: DialectName;
  audit: AuditTrail;
  clock: Clock;
  notices: NoticeService;
  departments: ProviderLookup;
  /** N12: the supply obligation every new grant opens. */
  supply?: SupplyService;
}

export interface NewGrant {
  consumer: { departmentId: string; jurisdictionPath: string };
  clientIds?: string[];
  provider: { departmentId: string; jurisdictionPath: string };
  entry: { id: string; code: string; name: string };
  items: string[];
  /** Personal items granted in clear; default none (masked). */
  clearItems?: string[];
  purpose: Purpose;
  methods: AccessMethod[];
  validFrom: string;
  validUntil: string;
  origin: GrantOrigin;
  originId: string;
}

/** What the exchange asks before data leaves: may this department (system) do this now? */
export interface AccessQuestion {
  consumerDepartmentId: string;
  clientId?: string | undefined;
  entryId: string;
  items: string[];
  purpose: Purpose;
  method: AccessMethod;
  at: Date;
}

export type AccessAnswer =
  | {
      allowed: true;
      grant: Grant;
      /** N12: what the exchange calls once a read under the grant succeeded; absent once supply is met. */
      delivered?: (() => Promise<void>) | undefined;
    }
  | { allowed: false; error: AppError };

const CHANGE_LABELS = {
  suspend: { zh: '暂停', en: 'suspended', to: 'suspended', from: ['active'] },
  resume: { zh: '恢复', en: 'resumed', to: 'active', from: ['suspended'] },
  revoke: { zh: '撤销', en: 'revoked', to: 'revoked', from: ['active', 'suspended'] },
  // 809 第二十七条第二款: "对拒不整改或者整改不到位的，可以终止共享" — stored as revoked, which reads refuse.
  terminate: { zh: '终止', en: 'terminated', to: 'revoked', from: ['active', 'suspended'] },
} as const;
/** The changes a person asks for on the grant's page; termination comes only from a rectification case (N17). */
export type GrantChange = Exclude<keyof typeof CHANGE_LABELS, 'terminate'>;

/** The grant's row; `forUpdate` holds it for the caller's step (platform `lockRow`). */
export async function grantRow(
  executor: Executor,
  dialect: DialectName,
  id: string,
  forUpdate = false,
): Promise<SharingGrantTable | undefined> {
  if (forUpdate) return lockRow<SharingGrantTable>(executor, dialect, 'sharing_grant', id);
  return tables(executor).selectFrom('sharing_grant').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A grant's status now: `expired` is a fact of `valid_until` and the clock, never a stored state. */
export function grantStatusAt(
  row: Pick<SharingGrantTable, 'status' | 'valid_until'>,
  today: string,
): GrantStatus {
  if (row.status === 'revoked') return 'revoked';
  if (today > row.valid_until) return 'expired';
  return row.status;
}

/**
 * Grants (R33, R58): the single thing the exchange checks. Created by an approved application
 * (and, in the next part, by agreements and coordination decisions); suspended, resumed and
 * revoked with a reason by the provider's resource administrators or the authority, each step
 * audited, on the grant's timeline, and told to the holder.
 */
export class GrantService {
  constructor(private readonly deps: GrantServiceDeps) {}

  /** Creates a grant in the caller's transaction (the approving one). */
  async create(trx: Executor, input: NewGrant, by: { id: string | null; name: string }): Promise<string> {
    const now = this.deps.clock.now();
    // R11: whatever produces it (approval, agreement, decision), no grant on a stopped resource.
    await refuseStopped(trx, input.entry, chinaDate(now));
    const id = newId(now);
    await tables(trx)
      .insertInto('sharing_grant')
      .values({
        id,
        consumer_department_id: input.consumer.departmentId,
        consumer_jurisdiction_path: input.consumer.jurisdictionPath,
        client_ids: JSON.stringify(input.clientIds ?? []),
        provider_department_id: input.provider.departmentId,
        provider_jurisdiction_path: input.provider.jurisdictionPath,
        entry_id: input.entry.id,
        entry_code: input.entry.code,
        entry_name: input.entry.name,
        items: JSON.stringify(input.items),
        clear_items: JSON.stringify(input.clearItems ?? []),
        purpose: input.purpose,
        methods: JSON.stringify(input.methods),
        valid_from: input.validFrom,
        valid_until: input.validUntil,
        origin: input.origin,
        origin_id: input.originId,
        status: 'active',
        status_reason: null,
        status_changed_at: null,
        status_changed_by: null,
        created_at: now.toISOString(),
        created_by: by.id,
      })
      .execute();
    await recordEvent(trx, {
      caseType: 'grant',
      caseId: id,
      action: 'create',
      actor: by,
      at: now.toISOString(),
      detail: { origin: input.origin, originId: input.originId, items: input.items },
    });
    await this.deps.supply?.open(trx, id, now);
    return id;
  }

  /**
   * Answers whether a grant allows the access. With several grants on the resource, the first
   * that allows it wins; otherwise the refusal of the grant that came closest is given, so that a
   * department learns the one thing to fix.
   */
  async check(question: AccessQuestion, executor: Executor = this.deps.db): Promise<AccessAnswer> {
    const rows = await tables(executor)
      .selectFrom('sharing_grant')
      .selectAll()
      .where('consumer_department_id', '=', question.consumerDepartmentId)
      .where('entry_id', '=', question.entryId)
      .orderBy('created_at', 'desc')
      .execute();
    const today = chinaDate(question.at);
    let best: { stage: number; error: AppError } = { stage: -1, error: SharingErrors.error('GRANT_MISSING') };
    for (const row of rows) {
      const verdict = judge(row, question, today);
      if (verdict === 'allowed')
        return {
          allowed: true,
          grant: await this.#present(executor, row, today),
          delivered: this.deps.supply?.recorder(row),
        };
      if (verdict.stage > best.stage) best = verdict;
    }
    return { allowed: false, error: best.error };
  }

  /** `check`, throwing the refusal: for callers that stop at the first no. */
  async require(question: AccessQuestion, executor?: Executor): Promise<Grant> {
    const answer = await this.check(question, executor);
    if (!answer.allowed) throw answer.error;
    return answer.grant;
  }

  /** A department system (or user) testing its own department's access. */
  async checkAs(actor: Actor, question: Omit<AccessQuestion, 'consumerDepartmentId' | 'at' | 'clientId'>) {
    authorize(actor, SharingActions['sharing.grant.check'], { departmentId: actor.departmentId });
    return this.check({
      ...question,
      consumerDepartmentId: actor.departmentId,
      clientId: actor.kind === 'client' ? actor.id : undefined,
      at: this.deps.clock.now(),
    });
  }

  async get(actor: Actor, id: string): Promise<Grant & { timeline: CaseEvent[] }> {
    const row = await this.#row(this.deps.db, id);
    if (!canReadCase(actor, row)) throw SharingErrors.error('GRANT_NOT_FOUND', { id });
    const calendar = await this.#calendar();
    return {
      ...(await this.#present(this.deps.db, row, chinaDate(this.deps.clock.now()), undefined, calendar)),
      timeline: await timeline(this.deps.db, 'grant', id),
    };
  }

  /** Grants the actor may see: `held` by its department, `given` by it, or all in its scope. */
  async list(
    actor: Actor,
    filter: {
      as?: 'held' | 'given' | 'all' | undefined;
      entryId?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<{ items: Grant[]; total: number }> {
    const scope = readScope(actor);
    if (scope.kind === 'none') authorize(actor, SharingActions['sharing.case.read']);
    let query = this.deps.db.selectFrom('sharing_grant').where((eb) => caseScopeFilter(eb, scope));
    if (filter.as === 'held') query = query.where('consumer_department_id', '=', actor.departmentId);
    if (filter.as === 'given') query = query.where('provider_department_id', '=', actor.departmentId);
    if (filter.entryId) query = query.where('entry_id', '=', filter.entryId);
    const { rows, total } = await newestPage(query, filter);
    const today = chinaDate(this.deps.clock.now());
    const names = new DepartmentNames(this.deps.departments, this.deps.db);
    const calendar = await this.#calendar();
    const items: Grant[] = [];
    for (const row of rows) items.push(await this.#present(this.deps.db, row, today, names, calendar));
    return { items, total };
  }

  /** Suspends, resumes or revokes a grant with a reason; audited and told to the holder. */
  async change(ctx: RequestContext, id: string, change: GrantChange, reason: string) {
    await this.deps.db.transaction().execute((trx) => this.changeIn(trx, ctx, id, change, reason));
    return this.get(ctx.actor, id);
  }

  /**
   * `change` in the caller's transaction, for a decision that suspends grants as its outcome (an
   * upheld complaint): the same checks, audit entry, timeline step and notice to the holder.
   */
  async changeIn(
    trx: Executor,
    ctx: RequestContext,
    id: string,
    change: keyof typeof CHANGE_LABELS,
    reason: string,
    detail: Record<string, unknown> = {},
    /** The platform acts (a sweep terminating an unrectified grant, 809 第二十七条第二款): no actor to check. */
    byPlatform = false,
  ): Promise<void> {
    const actor = byPlatform ? SYSTEM_ACTOR : ctx.actor;
    if (reason.trim() === '') throw SharingErrors.error('SHARING_REASON_REQUIRED', { field: 'reason' });
    const label = CHANGE_LABELS[change];
    const row = await this.#row(trx, id, true);
    if (!byPlatform && !canReadCase(ctx.actor, row)) throw SharingErrors.error('GRANT_NOT_FOUND', { id });
    const manages =
      byPlatform ||
      isAllowed(ctx.actor, SharingActions['sharing.grant.manage'], {
        departmentId: row.provider_department_id,
        jurisdictionPath: row.provider_jurisdiction_path,
      });
    if (!manages) throw CommonErrors.error('FORBIDDEN', { action: SharingActions['sharing.grant.manage'] });
    const now = this.deps.clock.now();
    const status = grantStatusAt(row, chinaDate(now));
    if (!(label.from as readonly string[]).includes(status))
      throw SharingErrors.error('GRANT_INVALID_STATE', { status, action: label.zh, actionEn: label.en });
    const at = now.toISOString();
    await tables(trx)
      .updateTable('sharing_grant')
      .set({ status: label.to, status_reason: reason, status_changed_at: at, status_changed_by: actor.id })
      .where('id', '=', id)
      .execute();
    await recordEvent(trx, {
      caseType: 'grant',
      caseId: id,
      action: change,
      actor: actedBy(actor),
      at,
      detail: { reason, from: status, ...detail },
    });
    await this.deps.audit.record(trx, ctx, {
      action: `sharing.grant.${change}`,
      targetType: 'sharing_grant',
      targetId: id,
      category: 'decision',
      detail: {
        reason,
        entryCode: row.entry_code,
        consumerDepartmentId: row.consumer_department_id,
        ...detail,
      },
    });
    await this.deps.notices.send(trx, {
      to: { departmentId: row.consumer_department_id },
      ...SharingNotices.notice('grant.change', {
        change: label.zh,
        changeEn: label.en,
        entry: row.entry_name,
        body: reason,
      }),
      kind: `grant.${change}`,
      link: `/sharing/grants/${id}`,
      case: { type: 'grant', id },
    });
  }

  /**
   * R11: an approved reduction of a cataloged resource is told, in the approving transaction, to
   * every department holding an active grant on it, before the reduction takes effect.
   */
  async noticeReduction(
    trx: Executor,
    event: { entryId: string; version: number; reductions: string[]; reason: string | null },
  ): Promise<number> {
    const today = chinaDate(this.deps.clock.now());
    const rows = await tables(trx)
      .selectFrom('sharing_grant')
      .select(['id', 'consumer_department_id', 'entry_name', 'entry_code'])
      .where('entry_id', '=', event.entryId)
      .where('status', '=', 'active')
      .where('valid_until', '>=', today)
      .execute();
    const holders = new Map<string, (typeof rows)[number]>();
    for (const row of rows)
      if (!holders.has(row.consumer_department_id)) holders.set(row.consumer_department_id, row);
    for (const [departmentId, row] of holders) {
      await this.deps.notices.send(trx, {
        to: { departmentId },
        ...SharingNotices.notice('catalog.reduction', {
          entry: row.entry_name,
          code: row.entry_code,
          body: lines(
            event.reductions.join('；'),
            event.reason && SharingTexts.text('reason', { reason: event.reason }),
          ),
        }),
        link: `/catalog/entries/${event.entryId}`,
        case: { type: 'grant', id: row.id },
      });
      await recordEvent(trx, {
        caseType: 'grant',
        caseId: row.id,
        action: 'reduction_noticed',
        actor: SYSTEM_ACTOR,
        at: this.deps.clock.now().toISOString(),
        detail: { version: event.version, reductions: event.reductions },
      });
    }
    return holders.size;
  }

  async #row(executor: Executor, id: string, forUpdate = false): Promise<SharingGrantTable> {
    const row = await grantRow(executor, this.deps.dialect, id, forUpdate);
    if (!row) throw SharingErrors.error('GRANT_NOT_FOUND', { id });
    return row;
  }

  /** The working calendar for supply countdowns, read only when a supply service is wired. */
  async #calendar(): Promise<WorkingCalendar | undefined> {
    return this.deps.supply ? this.deps.supply.calendar() : undefined;
  }

  async #present(
    executor: Executor,
    row: SharingGrantTable,
    today: string,
    names = new DepartmentNames(this.deps.departments, executor),
    calendar?: WorkingCalendar,
  ): Promise<Grant> {
    return {
      id: row.id,
      consumer: await names.department(row.consumer_department_id),
      clientIds: JSON.parse(row.client_ids) as string[],
      provider: await names.department(row.provider_department_id),
      entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
      items: JSON.parse(row.items) as string[],
      clearItems: JSON.parse(row.clear_items) as string[],
      purpose: row.purpose,
      methods: JSON.parse(row.methods) as AccessMethod[],
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      origin: row.origin,
      originId: row.origin_id,
      status: grantStatusAt(row, today),
      statusReason: row.status_reason,
      statusChangedAt: row.status_changed_at,
      createdAt: row.created_at,
      supply: this.deps.supply?.present(row, today, calendar) ?? null,
    };
  }
}

/** One grant against the question: allowed, or how far it got and why it stopped. */
function judge(
  row: SharingGrantTable,
  q: AccessQuestion,
  today: string,
): 'allowed' | { stage: number; error: AppError } {
  const clients = JSON.parse(row.client_ids) as string[];
  if (clients.length > 0 && !(q.clientId && clients.includes(q.clientId)))
    return { stage: 0, error: SharingErrors.error('GRANT_MISSING') };
  const status = grantStatusAt(row, today);
  if (status === 'revoked')
    return { stage: 1, error: SharingErrors.error('GRANT_REVOKED', { reason: row.status_reason ?? '' }) };
  if (status === 'expired')
    return { stage: 2, error: SharingErrors.error('GRANT_EXPIRED', { validUntil: row.valid_until }) };
  if (status === 'suspended')
    return { stage: 3, error: SharingErrors.error('GRANT_SUSPENDED', { reason: row.status_reason ?? '' }) };
  if (today < row.valid_from)
    return { stage: 4, error: SharingErrors.error('GRANT_NOT_YET_VALID', { validFrom: row.valid_from }) };
  // N14 (809 第二十五条第一款): another purpose only with the provider's consent, recorded on the grant.
  const purposes = coveredPurposes(row);
  if (!purposes.includes(q.purpose))
    return {
      stage: 5,
      error: SharingErrors.error('GRANT_PURPOSE_MISMATCH', { granted: purposes.join('、') }),
    };
  if (!(JSON.parse(row.methods) as string[]).includes(q.method))
    return { stage: 6, error: SharingErrors.error('GRANT_METHOD_NOT_ALLOWED', { method: q.method }) };
  const granted = new Set(JSON.parse(row.items) as string[]);
  const missing = q.items.filter((i) => !granted.has(i));
  if (missing.length > 0)
    return {
      stage: 7,
      error: SharingErrors.error('GRANT_ITEM_NOT_GRANTED', { items: missing.join('、'), missing }),
    };
  return 'allowed';
}
