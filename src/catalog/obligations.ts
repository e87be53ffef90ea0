import type { Kysely } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import { authorize, isAllowed, scopeOf } from '../org/index.js';
import {
  type CalendarService,
  chinaDate,
  type DeadlineService,
  deadlineView,
} from '../platform/calendar/index.js';
import { CaseRules } from '../platform/cases/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import { type Executor, newId } from '../platform/db/index.js';
import type { Label } from '../platform/messages/index.js';

import type { Profile, ProfilePeriod } from '../platform/profiles/index.js';
import { CatalogErrors } from './errors.js';
import { CatalogTexts } from './notice-texts.js';
import { CatalogActions } from './policies.js';
import type { CatalogObligationTable } from './schema.js';
import type { ProviderLookup } from './service.js';
import type { CatalogDb } from './store.js';
import { scopeFilter } from './visibility.js';

export const OBLIGATION_CAUSES = ['law_change', 'duty_change'] as const;
export type ObligationCause = (typeof OBLIGATION_CAUSES)[number];
export type ObligationState = 'due' | 'overdue' | 'fulfilled';
export type ObligationAction = 'fulfil' | 'requestExtension' | 'decideExtension';

/** 809 第十七条第二款: one extension, asked by the department, decided by the authority. */
export interface ObligationExtension {
  status: 'requested' | 'granted' | 'refused';
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** The extension's period and article, from the profile. */
  days: number | null;
  article: string | null;
}

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
  /** The due date's year has no holiday notice loaded yet (「暂定」). */
  provisional: boolean;
  /** The due date before a granted extension moved it. */
  originalDueDate: string | null;
  extension: ObligationExtension | null;
  /** What the reader may do now. */
  allowedActions: ObligationAction[];
  recordedAt: string;
  fulfilledAt: string | null;
  fulfilledNote: string | null;
  /** When the sweep flagged it overdue (once), and whom the escalation reached (R128). */
  overdueFlaggedAt: string | null;
  escalation: 'head' | 'officer' | 'unreachable' | null;
}

/**
 * Tells a department's sharing-office head of an item just flagged overdue, in the flagging
 * transaction (N01/R128); answers whom it reached (null: nobody in the platform). The composition
 * root passes the inbox's escalation: the catalog does not send notices itself.
 */
export type OverdueEscalator = (
  trx: Executor,
  item: {
    departmentId: string;
    item: Label;
    due: string | null;
    article: string | null;
    link?: string;
    target: { type: string; id: string };
    at: string;
  },
) => Promise<{ to: 'head' | 'officer' | null }>;

/**
 * Tells the head of the competent authority's department over `jurisdictionPath` of an item the
 * authority itself owes and has let pass its date (N06: the review of an updated catalog), in the
 * flagging transaction (R128); answers whom it reached (null: nobody in the platform).
 */
export type AuthorityEscalator = (
  trx: Executor,
  jurisdictionPath: string,
  item: Omit<Parameters<OverdueEscalator>[1], 'departmentId'>,
) => Promise<{ to: 'head' | 'officer' | null; departmentId: string | null }>;

/** The obligation's overdue columns (migration 341), beside the table the catalog schema declares. */
interface OverdueColumns {
  /** When the sweep found it past its date, once. */
  overdue_at: string | null;
  /** Whom the escalation reached: head | officer | unreachable. */
  overdue_escalation: string | null;
}
type ObligationRow = CatalogObligationTable & OverdueColumns;
const withOverdue = (executor: Executor) =>
  executor as unknown as Kysely<{ catalog_obligation: ObligationRow }>;

export interface ObligationServiceDeps {
  /** N01/R128: an overdue obligation escalates to the department's sharing-office head. */
  escalate?: OverdueEscalator;
  db: CatalogDb;
  audit: AuditTrail;
  clock: Clock;
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  departments: ProviderLookup;
  profile: Profile;
}

const SUBJECT = 'catalog.obligation';
/** The case type under which an obligation keeps the rules it was recorded under (issue 13). */
export const OBLIGATION_CASE = 'catalog_obligation';
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
  /**
   * The rules each obligation keeps (issue 13): its extension runs by the profile in force when it
   * was recorded, whatever the platform runs under when the extension is asked for or decided.
   */
  readonly #rules: CaseRules;

  constructor(private readonly deps: ObligationServiceDeps) {
    this.#rules = new CaseRules({ db: deps.db, clock: deps.clock, current: deps.profile });
  }

  async record(
    ctx: RequestContext,
    input: {
      departmentId: string;
      cause: ObligationCause;
      description: string;
      /** 第十七条: the period runs from the day the law or mandate changed (default: today). */
      occurredOn?: string | undefined;
    },
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
    const start = input.occurredOn ?? chinaDate(now);
    if (start > chinaDate(now))
      throw CatalogErrors.error('CATALOG_FIELD_INVALID', {
        field: 'occurredOn',
        reason: { zh: '变化发生日不能晚于今天', en: 'the change cannot lie in the future' },
      });
    const id = newId(now);
    const article = period.article ? `${period.text}（${period.article}）` : period.text;
    await this.deps.db.transaction().execute(async (trx) => {
      const deadline = await this.deps.deadlines.set(
        {
          subjectType: SUBJECT,
          subjectId: id,
          start,
          amount: period.value as number,
          unit: period.unit,
          article,
        },
        trx,
      );
      await trx
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
      await this.#rules.record(trx, OBLIGATION_CASE, id, now.toISOString(), profile);
      await this.deps.audit.record(trx, ctx, {
        action: 'catalog.obligation.record',
        targetType: 'catalog_obligation',
        targetId: id,
        detail: {
          departmentId: department.id,
          cause: input.cause,
          occurredOn: start,
          dueDate: deadline.dueDate,
          article,
        },
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
      await trx
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

  /**
   * 809 第十七条第二款: the department asks once, for a special reason, to extend the update period
   * by the profile's extension; the authority decides.
   */
  async requestExtension(ctx: RequestContext, id: string, input: { reason: string }): Promise<Obligation> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#row(trx, id);
      authorize(ctx.actor, CatalogActions['catalog.manage'], target(row));
      if (!fixedExtension(await this.#rules.rulesOf(OBLIGATION_CASE, id, trx)))
        throw CatalogErrors.error('CATALOG_EXTENSION_UNDEFINED');
      if (row.status === 'fulfilled')
        throw CatalogErrors.error('CATALOG_OBLIGATION_FULFILLED', { at: row.fulfilled_at });
      if (row.extension_status !== null) throw CatalogErrors.error('CATALOG_EXTENSION_ALREADY_REQUESTED');
      const at = this.deps.clock.now().toISOString();
      const result = await trx
        .updateTable('catalog_obligation')
        .set({
          extension_status: 'requested',
          extension_reason: input.reason,
          extension_requested_by: ctx.actor.id,
          extension_requested_at: at,
        })
        .where('id', '=', id)
        .where('extension_status', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw CatalogErrors.error('CATALOG_EXTENSION_ALREADY_REQUESTED');
      await this.deps.audit.record(trx, ctx, {
        action: 'catalog.obligation.extension.request',
        targetType: 'catalog_obligation',
        targetId: id,
        detail: { departmentId: row.department_id, reason: input.reason, dueDate: row.due_date },
      });
    });
    return this.#one(ctx.actor, id);
  }

  /** The authority consents (the due date moves by the extension from the original one) or refuses. */
  async decideExtension(
    ctx: RequestContext,
    id: string,
    input: { consent: boolean; comment?: string | undefined },
  ): Promise<Obligation> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#row(trx, id);
      authorize(ctx.actor, CatalogActions['catalog.ratify'], target(row));
      // The extension of the rules the obligation was recorded under (issue 13).
      const extension = fixedExtension(await this.#rules.rulesOf(OBLIGATION_CASE, id, trx));
      if (!extension) throw CatalogErrors.error('CATALOG_EXTENSION_UNDEFINED');
      if (row.extension_status !== 'requested') throw CatalogErrors.error('CATALOG_EXTENSION_NOT_PENDING');
      const at = this.deps.clock.now().toISOString();
      let moved:
        | { due_date: string; deadline_id: string; original_due_date: string; article: string }
        | undefined;
      if (input.consent) {
        const article = extension.article ? `${extension.text}（${extension.article}）` : extension.text;
        const deadline = await this.deps.deadlines.set(
          {
            subjectType: SUBJECT,
            subjectId: id,
            start: row.due_date,
            amount: extension.value,
            unit: extension.unit,
            article,
          },
          trx,
        );
        moved = {
          due_date: deadline.dueDate,
          deadline_id: deadline.id,
          original_due_date: row.due_date,
          article,
        };
      }
      const result = await trx
        .updateTable('catalog_obligation')
        .set({
          extension_status: input.consent ? 'granted' : 'refused',
          extension_decided_by: ctx.actor.id,
          extension_decided_at: at,
          extension_comment: input.comment?.trim() ? input.comment : null,
          ...(moved ?? {}),
        })
        .where('id', '=', id)
        .where('extension_status', '=', 'requested')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw CatalogErrors.error('CATALOG_EXTENSION_NOT_PENDING');
      await this.deps.audit.record(trx, ctx, {
        action: input.consent ? 'catalog.obligation.extension.grant' : 'catalog.obligation.extension.refuse',
        targetType: 'catalog_obligation',
        targetId: id,
        category: 'decision',
        detail: {
          departmentId: row.department_id,
          comment: input.comment ?? null,
          dueDate: moved?.due_date ?? row.due_date,
          originalDueDate: row.due_date,
        },
      });
    });
    return this.#one(ctx.actor, id);
  }

  /**
   * The sweep (a step of the deadline sweep): an open obligation past its date is flagged once — a
   * conditional update; only the sweep that set the flag acts — with an audit entry, and escalated
   * to the department's sharing-office head (N01/R128); the row keeps whom it reached, or that the
   * head could not be reached in the platform. Answers how many it flagged.
   */
  async sweepOverdue(now: Date): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const late = await withOverdue(this.deps.db)
      .selectFrom('catalog_obligation')
      .selectAll()
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .where('overdue_at', 'is', null)
      .execute();
    let flagged = 0;
    for (const row of late) {
      const set = await this.deps.db.transaction().execute(async (trx) => {
        const result = await withOverdue(trx)
          .updateTable('catalog_obligation')
          .set({ overdue_at: at })
          .where('id', '=', row.id)
          .where('status', '=', 'open')
          .where('overdue_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const reached = this.deps.escalate
          ? await this.deps.escalate(trx, {
              departmentId: row.department_id,
              item: CatalogTexts.text('obligationOverdue', { description: row.description }),
              due: row.due_date,
              article: row.article,
              link: '/catalog/obligations',
              target: { type: 'catalog_obligation', id: row.id },
              at,
            })
          : null;
        const escalation = reached ? (reached.to ?? 'unreachable') : null;
        if (escalation)
          await withOverdue(trx)
            .updateTable('catalog_obligation')
            .set({ overdue_escalation: escalation })
            .where('id', '=', row.id)
            .execute();
        await this.deps.audit.record(
          trx,
          {},
          {
            action: 'catalog.obligation.overdue',
            targetType: 'catalog_obligation',
            targetId: row.id,
            category: 'decision',
            detail: { departmentId: row.department_id, dueDate: row.due_date, escalation },
          },
        );
        return true;
      });
      if (set) flagged++;
    }
    return flagged;
  }

  /** Obligations the actor may read, optionally in one state; state is computed from the clock. */
  async list(actor: Actor, filter: { status?: ObligationState | undefined } = {}): Promise<Obligation[]> {
    const scope = scopeOf(actor, CatalogActions['catalog.obligation.read']);
    if (scope.kind === 'none') authorize(actor, CatalogActions['catalog.obligation.read']);
    const today = chinaDate(this.deps.clock.now());
    let query = this.deps.db
      .selectFrom('catalog_obligation')
      .selectAll()
      .where((eb) => scopeFilter(eb, scope, COLUMNS));
    if (filter.status === 'fulfilled') query = query.where('status', '=', 'fulfilled');
    if (filter.status === 'due') query = query.where('status', '=', 'open').where('due_date', '>=', today);
    if (filter.status === 'overdue') query = query.where('status', '=', 'open').where('due_date', '<', today);
    const rows = await query.orderBy('due_date').orderBy('id').limit(1000).execute();
    return this.#present(actor, rows, today);
  }

  async #row(executor: CatalogDb, id: string): Promise<CatalogObligationTable> {
    const row = await executor
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
    const [one] = await this.#present(actor, [row], chinaDate(this.deps.clock.now()));
    return one as Obligation;
  }

  async #present(actor: Actor, rows: CatalogObligationTable[], today: string): Promise<Obligation[]> {
    const calendar = await this.deps.calendar.calendar();
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.department_id)))
      names.set(id, (await this.deps.departments(this.deps.db, id))?.name ?? id);
    // Each obligation's extension is that of the rules it was recorded under (issue 13), read at once.
    const rules = await this.#rules.rulesOfMany(
      OBLIGATION_CASE,
      rows.map((row) => row.id),
    );
    const extensions = new Map<string, ProfilePeriod & { value: number }>();
    for (const [id, profile] of rules) {
      const extension = fixedExtension(profile);
      if (extension) extensions.set(id, extension);
    }
    return rows.map((row) => {
      const extension = extensions.get(row.id);
      const extensionDays = extension?.value ?? null;
      const state: ObligationState =
        row.status === 'fulfilled' ? 'fulfilled' : today > row.due_date ? 'overdue' : 'due';
      const view = deadlineView(calendar, today, { dueDate: row.due_date, article: row.article });
      const open = row.status === 'open';
      const allowedActions: ObligationAction[] = [];
      if (open && isAllowed(actor, CatalogActions['catalog.obligation.manage'], target(row)))
        allowedActions.push('fulfil');
      if (
        open &&
        row.extension_status === null &&
        extensionDays !== null &&
        isAllowed(actor, CatalogActions['catalog.manage'], target(row))
      )
        allowedActions.push('requestExtension');
      if (
        row.extension_status === 'requested' &&
        isAllowed(actor, CatalogActions['catalog.ratify'], target(row))
      )
        allowedActions.push('decideExtension');
      return {
        id: row.id,
        department: { id: row.department_id, name: names.get(row.department_id) ?? row.department_id },
        cause: row.cause as ObligationCause,
        description: row.description,
        article: row.article,
        dueDate: row.due_date,
        status: row.status as 'open' | 'fulfilled',
        state,
        workingDaysLeft: view.workingDaysLeft as number,
        provisional: view.provisional,
        originalDueDate: row.original_due_date,
        extension:
          row.extension_status === null
            ? null
            : {
                status: row.extension_status as ObligationExtension['status'],
                reason: row.extension_reason ?? '',
                requestedBy: row.extension_requested_by ?? '',
                requestedAt: row.extension_requested_at ?? '',
                decidedBy: row.extension_decided_by,
                decidedAt: row.extension_decided_at,
                comment: row.extension_comment,
                days: extensionDays,
                article: extension?.article ?? null,
              },
        allowedActions,
        recordedAt: row.recorded_at,
        fulfilledAt: row.fulfilled_at,
        fulfilledNote: row.fulfilled_note,
        overdueFlaggedAt: (row as ObligationRow).overdue_at ?? null,
        escalation: ((row as ObligationRow).overdue_escalation ?? null) as Obligation['escalation'],
      };
    });
  }
}

/** The profile's fixed extension of the update period (809 第十七条第二款), or null where it sets none. */
function fixedExtension(profile: Profile): (ProfilePeriod & { value: number }) | null {
  const extension = profile.deadlines.catalogUpdateExtension;
  if (extension?.qualifier !== 'fixed' || extension.value === null) return null;
  return extension as ProfilePeriod & { value: number };
}

function target(row: CatalogObligationTable) {
  return { departmentId: row.department_id, jurisdictionPath: row.jurisdiction_path };
}

/**
 * Publishing an entry updates its department's catalog, which fulfils the department's open
 * obligations recorded before it; runs in the publishing transaction.
 */
export async function fulfilByPublication(
  trx: CatalogDb,
  departmentId: string,
  publication: { code: string; at: string },
): Promise<number> {
  const result = await trx
    .updateTable('catalog_obligation')
    .set({
      status: 'fulfilled',
      fulfilled_at: publication.at,
      // A record note, shown as written (like the note of a fulfilment by hand): Chinese only.
      fulfilled_note: `发布目录条目 ${publication.code}`,
    })
    .where('department_id', '=', departmentId)
    .where('status', '=', 'open')
    .where('recorded_at', '<', publication.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
