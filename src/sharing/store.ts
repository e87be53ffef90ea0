import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { authorize, isAllowed, type Scope, scopeOf } from '../org/index.js';
import type { Actor } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { escapeLike, newId } from '../platform/db/index.js';
import type { AccessMethod, CaseEvent, CaseType, StatedNeed } from './model.js';
import { SharingActions } from './policies.js';
import type { SharingApplicationTable, SharingTables } from './schema.js';

export const tables = (executor: Executor): Kysely<SharingTables> =>
  executor as unknown as Kysely<SharingTables>;

/** The parties of a case, as authorization and list filters see them. */
export interface Parties {
  consumer_department_id: string;
  consumer_jurisdiction_path: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
}

/** Whether the actor may do `action` on a case: as a party's department or over either party's jurisdiction. */
export function allowedOnCase(actor: Actor, action: string, row: Parties): boolean {
  return (
    isAllowed(actor, action, {
      departmentId: row.consumer_department_id,
      jurisdictionPath: row.consumer_jurisdiction_path,
    }) ||
    isAllowed(actor, action, {
      departmentId: row.provider_department_id,
      jurisdictionPath: row.provider_jurisdiction_path,
    })
  );
}

export const canReadCase = (actor: Actor, row: Parties): boolean =>
  allowedOnCase(actor, SharingActions['sharing.case.read'], row);

/**
 * 809 第二十条第二款 (N09): an application awaiting its own department's head (`endorsing`) or not
 * endorsed by it has not been made to the provider yet; the provider and the authority do not see
 * it, the requesting department and the auditor do.
 */
export const INTERNAL_APPLICATION_STATUSES = ['endorsing', 'not_endorsed'] as const;

const seesInternal = (actor: Actor, row: { consumer_department_id: string }): boolean =>
  actor.departmentId === row.consumer_department_id || actor.roles.includes('auditor');

/** Whether the actor may read the application: a case reader, and for one not yet made, its own department. */
export const canReadApplication = (actor: Actor, row: Parties & { status: string }): boolean =>
  canReadCase(actor, row) &&
  (!(INTERNAL_APPLICATION_STATUSES as readonly string[]).includes(row.status) || seesInternal(actor, row));

/** `canReadApplication` as a list condition: the applications not yet made only to their own department. */
export function applicationVisibility(
  eb: ExpressionBuilder<SharingTables, 'sharing_application'>,
  actor: Actor,
): Expression<SqlBool> {
  if (actor.roles.includes('auditor')) return sql<SqlBool>`1 = 1`;
  return eb.or([
    eb('status', 'not in', [...INTERNAL_APPLICATION_STATUSES]),
    eb('consumer_department_id', '=', actor.departmentId),
  ]);
}

/**
 * The read scope as a WHERE clause over a table with the four party columns, so that lists and
 * counts never include a case the reader is no party to (filtered before paging).
 */
export function caseScopeFilter<TB extends 'sharing_application' | 'sharing_grant'>(
  eb: ExpressionBuilder<SharingTables, TB>,
  scope: Scope,
): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
  const terms: Expression<SqlBool>[] = [];
  for (const prefix of scope.jurisdictionPaths) {
    const like = `${escapeLike(prefix)}%`;
    terms.push(sql<SqlBool>`consumer_jurisdiction_path like ${like} escape '\\'`);
    terms.push(sql<SqlBool>`provider_jurisdiction_path like ${like} escape '\\'`);
  }
  if (scope.departmentIds.length > 0) {
    terms.push(sql<SqlBool>`consumer_department_id in (${sql.join(scope.departmentIds)})`);
    terms.push(sql<SqlBool>`provider_department_id in (${sql.join(scope.departmentIds)})`);
  }
  return terms.length > 0 ? eb.or(terms) : sql<SqlBool>`1 = 0`;
}

export const readScope = (actor: Actor): Scope => scopeOf(actor, SharingActions['sharing.case.read']);

/** Appends one step to a case's timeline, in the caller's transaction. */
export async function recordEvent(
  trx: Executor,
  event: {
    caseType: CaseType;
    caseId: string;
    action: string;
    actor: { id: string | null; name: string };
    at: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const last = await tables(trx)
    .selectFrom('sharing_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_type', '=', event.caseType)
    .where('case_id', '=', event.caseId)
    .executeTakeFirst();
  await tables(trx)
    .insertInto('sharing_event')
    .values({
      id: newId(new Date(event.at)),
      case_type: event.caseType,
      case_id: event.caseId,
      seq: Number(last?.seq ?? 0) + 1,
      action: event.action,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      at: event.at,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export async function timeline(executor: Executor, caseType: CaseType, caseId: string): Promise<CaseEvent[]> {
  const rows = await tables(executor)
    .selectFrom('sharing_event')
    .selectAll()
    .where('case_type', '=', caseType)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    actor: { id: r.actor_id, name: r.actor_name },
    at: r.at,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}

/** The need a case row stores (its items and methods as JSON), as the case's answer gives it. */
export function statedNeed(
  row: Pick<
    SharingApplicationTable,
    'items' | 'purpose' | 'purpose_text' | 'legal_duty' | 'methods' | 'valid_from' | 'valid_until'
  >,
): StatedNeed {
  return {
    items: JSON.parse(row.items) as string[],
    purpose: row.purpose,
    purposeText: row.purpose_text,
    legalDuty: row.legal_duty,
    methods: JSON.parse(row.methods) as AccessMethod[],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  };
}

/**
 * The platform itself, when the sweep or a profile rule acts. Its name is stored with each step
 * like a person's, in Chinese (the record's language); `id: null` tells a reader it is the
 * platform, to be named in the reader's own language. Rows written before keep their old name.
 */
export const SYSTEM_ACTOR = { id: null, name: '共享交换平台' } as const;

/** Department names for a page of rows, asked once per department. */
export class DepartmentNames {
  readonly #cache = new Map<string, string>();
  constructor(
    private readonly lookup: (executor: Executor, id: string) => Promise<{ name: string } | undefined>,
    private readonly executor: Executor,
  ) {}
  async name(id: string): Promise<string> {
    let name = this.#cache.get(id);
    if (name === undefined) {
      name = (await this.lookup(this.executor, id))?.name ?? id;
      this.#cache.set(id, name);
    }
    return name;
  }
  /** A department as a case or grant names it: its id and its name. */
  async department(id: string): Promise<{ departmentId: string; name: string }> {
    return { departmentId: id, name: await this.name(id) };
  }
}

/**
 * One page of a filtered list, the newest first, with how many rows the whole list has (counted
 * before paging).
 *
 * @example const { rows, total } = await newestPage(db.selectFrom('notice').where(...), filter);
 */
export async function newestPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: { page: number; pageSize: number },
): Promise<{ rows: Selectable<DB[TB]>[]; total: number }> {
  // The count's row type depends on the generic tables, which the compiler cannot resolve here.
  const total = (await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()) as unknown as { n: number | string };
  const rows = await query
    .selectAll()
    .orderBy(sql.ref('created_at'), 'desc')
    .orderBy(sql.ref('id'), 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows: rows as Selectable<DB[TB]>[], total: Number(total.n) };
}

/** What every list of cases takes: whose side the reader asks as, a state, and the page. */
export interface CaseListFilter {
  as?: 'consumer' | 'provider' | 'all' | undefined;
  status?: string | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * A page of cases of one table as its reader may see them: the read scope filters before paging
 * (FORBIDDEN for a reader with none), then the reader's side (`as`), the state and the overdue flag;
 * the newest first. `narrow` adds a case type's own conditions; `urgentFirst` puts cases still in
 * those states first, the nearest due date on top (an inbox), where `urgentWhen` allows.
 *
 * @example const { rows, total } = await pageOfCases<SharingStopTable>(db, 'sharing_stop', actor, filter);
 */
export async function pageOfCases<Row>(
  executor: Executor,
  table: string,
  actor: Actor,
  filter: CaseListFilter,
  options: {
    // biome-ignore lint/suspicious/noExplicitAny: each case table has its own columns beyond the parties
    narrow?: (query: any) => any;
    urgentFirst?: readonly string[];
    urgentWhen?: (filter: CaseListFilter) => boolean;
    orderBy?: string;
  } = {},
): Promise<{ rows: Row[]; total: number }> {
  const scope = readScope(actor);
  if (scope.kind === 'none') authorize(actor, SharingActions['sharing.case.read']);
  let query = (executor as Kysely<SharingTables>)
    .selectFrom(table as 'sharing_application')
    .where((eb) => caseScopeFilter(eb, scope));
  if (filter.as === 'consumer') query = query.where('consumer_department_id', '=', actor.departmentId);
  if (filter.as === 'provider') query = query.where('provider_department_id', '=', actor.departmentId);
  if (filter.status) query = query.where('status', '=', filter.status as never);
  if (filter.overdue !== undefined) query = query.where('overdue', '=', filter.overdue ? 1 : 0);
  if (options.narrow) query = options.narrow(query);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let ordered = query.selectAll();
  if (options.urgentFirst && (options.urgentWhen?.(filter) ?? true))
    ordered = ordered
      .orderBy(sql`case when status in (${sql.join([...options.urgentFirst])}) then 0 else 1 end`)
      .orderBy(sql`coalesce(due_date, '9999-12-31')`);
  const rows = await ordered
    .orderBy(sql.ref(options.orderBy ?? 'created_at'), 'desc')
    .orderBy('id', 'desc')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { rows: rows as Row[], total: Number(total.n) };
}
