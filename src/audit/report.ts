import type { Kysely } from 'kysely';
import { authorize } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import { AuditViewActions } from './policies.js';
import type { TrailAccess } from './query.js';
import { filterTerms, type ResolvedFilter, resolveFilter } from './query-filter.js';
import {
  type DepartmentDirectory,
  type DepartmentRef,
  entryScopeFilter,
  resolveScope,
} from './query-scope.js';
import { type Count, countBy, countByActor, countByDay, type EntryWhere, totals } from './report-sql.js';
import type { AccessMethod, AuditOutcome, AuditTables } from './schema.js';

/**
 * Which cataloged resources a department provides. The catalog module answers; the audit
 * module never reads its tables.
 */
export interface ResourceDirectory {
  providedBy(ctx: RequestContext, departmentId: string): Promise<string[]>;
}

/** The part of the catalog service the report asks: entries of one provider, page by page. */
export interface CatalogLister {
  list(
    actor: Actor,
    filters: { providerDepartmentId: string },
    page: { page: number; pageSize: number },
  ): Promise<{ items: { id: string }[]; total: number }>;
}

/**
 * Resources a department provides, as the catalog lists them to the reader (published and
 * withdrawn entries, which are the only ones anyone can have read).
 */
export function catalogResources(catalog: CatalogLister): ResourceDirectory {
  return {
    async providedBy(ctx, departmentId) {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const { items, total } = await catalog.list(
          ctx.actor,
          { providerDepartmentId: departmentId },
          { page, pageSize: 200 },
        );
        ids.push(...items.map((e) => e.id));
        if (items.length === 0 || ids.length >= total) return ids;
      }
    },
  };
}

export interface ReportDeps {
  db: Kysely<AuditTables>;
  audit: TrailAccess;
  directory: DepartmentDirectory;
  clock: Clock;
  /** Absent until the catalog module is wired: the provider side of the report is then empty. */
  resources?: ResourceDirectory | undefined;
}

export interface TimeRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** A count with the department's name, where the directory knows it. */
export type NamedCount = Count & { name: string | null };

/** How a set of accesses breaks down. */
export interface AccessBreakdown {
  accesses: number;
  records: number;
  failures: number;
  firstAt: string | null;
  lastAt: string | null;
  byResource: Count[];
  byMethod: Count[];
  byPurpose: Count[];
  byDay: Count[];
}

export interface DepartmentAccessReport {
  department: { id: string; name: string };
  from: string;
  to: string;
  /** Reads of this department's resources by others (and itself): who read what. */
  provided: AccessBreakdown & {
    resourceIds: string[];
    byConsumer: NamedCount[];
    byReader: {
      kind: string;
      id: string | null;
      name: string | null;
      departmentId: string | null;
      count: number;
    }[];
  };
  /** What this department itself read. */
  consumed: AccessBreakdown;
}

export interface PersonAccess {
  seq: number;
  at: string;
  actor: { kind: string; id: string | null; name: string | null };
  department: { id: string; name: string | null } | null;
  resourceId: string | null;
  method: AccessMethod | null;
  purpose: string | null;
  caseNumber: string | null;
  grantId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
}

export interface PersonAccessReport {
  from: string | null;
  to: string | null;
  accesses: number;
  byDepartment: NamedCount[];
  items: PersonAccess[];
  /** More accesses than the report lists; narrow the time range. */
  truncated: boolean;
}

const DAY_MS = 86_400_000;
/** A department report without a range covers the last 30 days. */
const DEFAULT_DAYS = 30;
const PERSON_LIMIT = 1000;

const named = (counts: Count[], departments: Map<string, DepartmentRef>): NamedCount[] =>
  counts.map((c) => ({ ...c, name: c.key ? (departments.get(c.key)?.name ?? null) : null }));

/**
 * Access reports (R85, R88, R117): what happened to one department's resources and what it read
 * itself, and who read one person's records. Each report writes an `audit.report` entry in the
 * transaction that reads it.
 */
export class AccessReports {
  constructor(private readonly deps: ReportDeps) {}

  async #breakdown(trx: Kysely<AuditTables>, where: EntryWhere): Promise<AccessBreakdown> {
    return {
      ...(await totals(trx, where)),
      byResource: await countBy(trx, where, 'resource_id'),
      byMethod: await countBy(trx, where, 'method'),
      byPurpose: await countBy(trx, where, 'purpose', 50),
      byDay: await countByDay(trx, where),
    };
  }

  async departmentAccessReport(
    ctx: RequestContext,
    departmentId: string,
    range: TimeRange,
  ): Promise<DepartmentAccessReport> {
    const department = await this.deps.directory.get(departmentId);
    authorize(ctx.actor, AuditViewActions['audit.departmentReport'], {
      departmentId,
      jurisdictionPath: department.jurisdictionPath,
    });
    const to = range.to ?? this.deps.clock.now().toISOString();
    const from = range.from ?? new Date(Date.parse(to) - DEFAULT_DAYS * DAY_MS).toISOString();
    const filter = await resolveFilter({ from, to, category: 'access' }, () => '');
    const resourceIds = (await this.deps.resources?.providedBy(ctx, departmentId)) ?? [];
    const departments = await this.deps.directory.all(ctx);
    const inRange =
      (f: ResolvedFilter): EntryWhere =>
      (eb) =>
        eb.and(filterTerms(eb, f));
    const providedWhere: EntryWhere = (eb) =>
      resourceIds.length === 0
        ? eb.lit(false)
        : eb.and([inRange(filter)(eb), eb('audit_entry.resource_id', 'in', resourceIds)]);
    const consumedWhere = inRange({ ...filter, departmentId });
    return this.deps.db.transaction().execute(async (trx) => {
      const provided = await this.#breakdown(trx, providedWhere);
      const report: DepartmentAccessReport = {
        department: { id: department.id, name: department.name },
        from: filter.from as string,
        to: filter.to as string,
        provided: {
          ...provided,
          resourceIds,
          byConsumer: named(await countBy(trx, providedWhere, 'department_id'), departments),
          byReader: await countByActor(trx, providedWhere),
        },
        consumed: await this.#breakdown(trx, consumedWhere),
      };
      await this.deps.audit.record(trx, ctx, {
        action: 'audit.report',
        targetType: 'department',
        targetId: departmentId,
        detail: { report: 'department', from: report.from, to: report.to },
      });
      return report;
    });
  }

  /**
   * Every access to one person's records (who, when, which department, resource, purpose, case),
   * found through the keyed digest of the ID number; the number itself is never stored.
   */
  async personAccessReport(
    ctx: RequestContext,
    idNumber: string,
    range: TimeRange,
  ): Promise<PersonAccessReport> {
    const departments = await this.deps.directory.all(ctx);
    const scope = await resolveScope(
      ctx,
      AuditViewActions['audit.personReport'],
      this.deps.directory,
      departments,
    );
    const filter = await resolveFilter(
      { ...range, idNumber },
      (id) => this.deps.audit.subjectDigest('resident_id', id),
      '/body',
    );
    const where: EntryWhere = (eb) => eb.and([entryScopeFilter(eb, scope), ...filterTerms(eb, filter)]);
    return this.deps.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('audit_entry')
        .selectAll()
        .where(where)
        .orderBy('seq', 'desc')
        .limit(PERSON_LIMIT + 1)
        .execute();
      const { accesses } = await totals(trx, where);
      const report: PersonAccessReport = {
        from: filter.from ?? null,
        to: filter.to ?? null,
        accesses,
        byDepartment: named(await countBy(trx, where, 'department_id'), departments),
        items: rows.slice(0, PERSON_LIMIT).map((r) => ({
          seq: Number(r.seq),
          at: r.at,
          actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
          department: r.department_id
            ? { id: r.department_id, name: departments.get(r.department_id)?.name ?? null }
            : null,
          resourceId: r.resource_id,
          method: r.method,
          purpose: r.purpose,
          caseNumber: r.case_number,
          grantId: r.grant_id,
          outcome: r.outcome,
          requestId: r.request_id,
        })),
        truncated: rows.length > PERSON_LIMIT,
      };
      await this.deps.audit.record(trx, ctx, {
        action: 'audit.report',
        targetType: 'person',
        detail: { report: 'person', subjectDigest: filter.subjectDigest, from: report.from, to: report.to },
      });
      return report;
    });
  }
}
