import type { AuditTrail } from '../audit/index.js';
import { authorize, scopeOf } from '../org/index.js';
import { type CalendarService, chinaDate, type DeadlineService } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { newId } from '../platform/db/index.js';

import type { Profile } from '../platform/profiles/index.js';
import { CatalogErrors } from './errors.js';
import { CatalogActions } from './policies.js';
import type { CatalogObligationTable } from './schema.js';
import type { ProviderLookup } from './service.js';
import { tables } from './store.js';
import { scopeFilter } from './visibility.js';

export const OBLIGATION_CAUSES = ['law_change', 'duty_change'] as const;
export type ObligationCause = (typeof OBLIGATION_CAUSES)[number];
export type ObligationState = 'due' | 'overdue' | 'fulfilled';

export interface Obligation {
  id: string;
  department: { id: string; name: string };
  cause: ObligationCause;
  description: string;
  article: string | null;
  dueDate: string;
  status: 'open' | 'fulfilled';
  state: ObligationState;
  /** Working days from today to the due date; negative once overdue. */
  workingDaysLeft: number;
  recordedAt: string;
  fulfilledAt: string | null;
  fulfilledNote: string | null;
}

export interface ObligationServiceDeps {
  db: Executor;
  audit: AuditTrail;
  clock: Clock;
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  departments: ProviderLookup;
  profile: Profile;
}

const SUBJECT = 'catalog.obligation';
const COLUMNS = {
  providerDepartmentId: 'catalog_obligation.department_id',
  jurisdictionPath: 'catalog_obligation.jurisdiction_path',
};

/**
 * Catalog update obligations (R09): when a law or a department's duties change, the department
 * must update its catalog within the profile's period (15 working days in Inner Mongolia Art.9,
 * Feicheng Art.10). The due date comes from the working-day calendar and is kept with the
 * calendar data that computed it; publishing any entry of the department afterwards fulfils it.
 */
export class ObligationService {
  constructor(private readonly deps: ObligationServiceDeps) {}

  async record(
    ctx: RequestContext,
    input: { departmentId: string; cause: ObligationCause; description: string },
  ): Promise<Obligation> {
    const department = await this.deps.departments(this.deps.db, input.departmentId);
    if (!department)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', {
        field: 'departmentId',
        reason: input.departmentId,
      });
    authorize(ctx.actor, CatalogActions['catalog.obligation.manage'], {
      departmentId: department.id,
      jurisdictionPath: department.jurisdictionPath,
    });
    const { profile } = this.deps;
    const period = profile.deadlines.catalogUpdateAfterLawChange;
    if (period.value === null || period.qualifier !== 'fixed')
      throw CatalogErrors.error('CATALOG_OBLIGATION_PERIOD_UNDEFINED', {
        profile: profile.id,
        text: period.text,
      });
    const now = this.deps.clock.now();
    const id = newId(now);
    const article = period.article ? `${period.text}（${period.article}）` : period.text;
    await this.deps.db.transaction().execute(async (trx) => {
      const deadline = await this.deps.deadlines.set(
        {
          subjectType: SUBJECT,
          subjectId: id,
          start: chinaDate(now),
          amount: period.value as number,
          unit: period.unit,
          article,
        },
        trx,
      );
      await tables(trx)
        .insertInto('catalog_obligation')
        .values({
          id,
          department_id: department.id,
          jurisdiction_path: department.jurisdictionPath,
          cause: input.cause,
          description: input.description.trim(),
          article,
          due_date: deadline.dueDate,
          deadline_id: deadline.id,
          status: 'open',
          recorded_by: ctx.actor.id,
          recorded_at: now.toISOString(),
          fulfilled_at: null,
          fulfilled_note: null,
        })
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'catalog.obligation.record',
        targetType: 'catalog_obligation',
        targetId: id,
        detail: { departmentId: department.id, cause: input.cause, dueDate: deadline.dueDate, article },
      });
    });
    return this.#one(ctx.actor, id);
  }

  async fulfil(ctx: RequestContext, id: string, input: { note: string }): Promise<Obligation> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#row(trx, id);
      authorize(ctx.actor, CatalogActions['catalog.obligation.manage'], {
        departmentId: row.department_id,
        jurisdictionPath: row.jurisdiction_path,
      });
      if (row.status === 'fulfilled')
        throw CatalogErrors.error('CATALOG_OBLIGATION_FULFILLED', { at: row.fulfilled_at });
      const at = this.deps.clock.now().toISOString();
      await tables(trx)
        .updateTable('catalog_obligation')
        .set({ status: 'fulfilled', fulfilled_at: at, fulfilled_note: input.note })
        .where('id', '=', id)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'catalog.obligation.fulfil',
        targetType: 'catalog_obligation',
        targetId: id,
        detail: { note: input.note },
      });
    });
    return this.#one(ctx.actor, id);
  }

  /** Obligations the actor may read, optionally in one state; state is computed from the clock. */
  async list(actor: Actor, filter: { status?: ObligationState | undefined } = {}): Promise<Obligation[]> {
    const scope = scopeOf(actor, CatalogActions['catalog.obligation.read']);
    if (scope.kind === 'none') authorize(actor, CatalogActions['catalog.obligation.read']);
    const today = chinaDate(this.deps.clock.now());
    let query = tables(this.deps.db)
      .selectFrom('catalog_obligation')
      .selectAll()
      .where((eb) => scopeFilter(eb, scope, COLUMNS));
    if (filter.status === 'fulfilled') query = query.where('status', '=', 'fulfilled');
    if (filter.status === 'due') query = query.where('status', '=', 'open').where('due_date', '>=', today);
    if (filter.status === 'overdue') query = query.where('status', '=', 'open').where('due_date', '<', today);
    const rows = await query.orderBy('due_date').orderBy('id').limit(1000).execute();
    return this.#present(rows, today);
  }

  async #row(executor: Executor, id: string): Promise<CatalogObligationTable> {
    const row = await tables(executor)
      .selectFrom('catalog_obligation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw CatalogErrors.error('CATALOG_OBLIGATION_NOT_FOUND', { id });
    return row;
  }

  async #one(actor: Actor, id: string): Promise<Obligation> {
    const row = await this.#row(this.deps.db, id);
    authorize(actor, CatalogActions['catalog.obligation.read'], {
      departmentId: row.department_id,
      jurisdictionPath: row.jurisdiction_path,
    });
    const [one] = await this.#present([row], chinaDate(this.deps.clock.now()));
    return one as Obligation;
  }

  async #present(rows: CatalogObligationTable[], today: string): Promise<Obligation[]> {
    const calendar = await this.deps.calendar.calendar();
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.department_id)))
      names.set(id, (await this.deps.departments(this.deps.db, id))?.name ?? id);
    return rows.map((row) => {
      const state: ObligationState =
        row.status === 'fulfilled' ? 'fulfilled' : today > row.due_date ? 'overdue' : 'due';
      const workingDaysLeft =
        today <= row.due_date
          ? calendar.countWorkingDays(today, row.due_date).count
          : -calendar.countWorkingDays(row.due_date, today).count;
      return {
        id: row.id,
        department: { id: row.department_id, name: names.get(row.department_id) ?? row.department_id },
        cause: row.cause as ObligationCause,
        description: row.description,
        article: row.article,
        dueDate: row.due_date,
        status: row.status as 'open' | 'fulfilled',
        state,
        workingDaysLeft,
        recordedAt: row.recorded_at,
        fulfilledAt: row.fulfilled_at,
        fulfilledNote: row.fulfilled_note,
      };
    });
  }
}

/**
 * Publishing an entry updates its department's catalog, which fulfils the department's open
 * obligations recorded before it; runs in the publishing transaction.
 */
export async function fulfilByPublication(
  trx: Executor,
  departmentId: string,
  publication: { code: string; at: string },
): Promise<number> {
  const result = await tables(trx)
    .updateTable('catalog_obligation')
    .set({
      status: 'fulfilled',
      fulfilled_at: publication.at,
      fulfilled_note: `发布目录条目 ${publication.code} / published ${publication.code}`,
    })
    .where('department_id', '=', departmentId)
    .where('status', '=', 'open')
    .where('recorded_at', '<', publication.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
