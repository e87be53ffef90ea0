import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { AuditRecorder, RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { newId } from '../platform/db/index.js';

import { validateSocialCreditCode } from '../platform/identifiers/index.js';
import { authorize } from './authz/index.js';
import { DepartmentOffices, type OfficeRoster } from './department-office.js';
import { OrgErrors } from './errors.js';
import { OrgActions } from './policies.js';
import type { DepartmentKind, DepartmentTable, OrgTables } from './schema.js';

export interface Department {
  id: string;
  name: string;
  shortName: string;
  uscc: string;
  jurisdictionId: string;
  jurisdictionName: string;
  kind: DepartmentKind;
  status: 'active' | 'disabled';
}

export interface DepartmentInput {
  name: string;
  shortName: string;
  uscc: string;
  jurisdictionId: string;
  kind: DepartmentKind;
}

type Db = Kysely<OrgTables>;

/**
 * The department a new account or API client is filed under, as the scope its creation is
 * authorized against; one that does not exist is refused at `/body/departmentId`.
 * @example authorize(ctx.actor, OrgActions['user.manage'], await bodyDepartment(db, input.departmentId));
 */
export async function bodyDepartment(
  db: Db,
  departmentId: string,
): Promise<{ departmentId: string; jurisdictionPath: string }> {
  const department = await db
    .selectFrom('department')
    .innerJoin('jurisdiction as j', 'j.id', 'department.jurisdiction_id')
    .select(['department.id', 'j.path'])
    .where('department.id', '=', departmentId)
    .executeTakeFirst();
  if (!department)
    throw OrgErrors.error('ORG_DEPARTMENT_NOT_FOUND', { id: departmentId, field: '/body/departmentId' });
  return { departmentId: department.id, jurisdictionPath: department.path };
}

function checkUscc(uscc: string): string {
  const result = validateSocialCreditCode(uscc);
  if (!result.valid)
    throw OrgErrors.error('ORG_USCC_INVALID', { field: '/body/uscc', reason: result.reason ?? 'invalid' });
  return result.normalized ?? uscc;
}

/** Who answers for a department's data sharing, for escalations (R128: the head is the target). */
export interface Accountable {
  head: OfficeRoster['head'] | null;
  officer: OfficeRoster['officer'] | null;
  office: OfficeRoster['office'] | null;
}

export class DepartmentService {
  /** The sharing office, head and officer of each department (N01, R126, R128). */
  readonly offices: DepartmentOffices;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {
    this.offices = new DepartmentOffices(db, audit, clock);
  }

  /**
   * The department's recorded head (负责人), sharing officer (共享工作专人) and sharing office, each
   * null until recorded; in the caller's transaction when `executor` is given. No authorization:
   * for modules escalating an overdue item to the head (R128), e.g.
   * `const { head } = await departments.accountable(providerId, trx)`; `head.userId` is null where
   * the head has no account (then notify the office's e-mail, or the officer).
   */
  async accountable(departmentId: string, executor?: Executor): Promise<Accountable> {
    const roster = await this.offices.roster(departmentId, executor);
    return { head: roster?.head ?? null, officer: roster?.officer ?? null, office: roster?.office ?? null };
  }

  /**
   * The competent authority (主管部门) over a jurisdiction path: the department whose active
   * accounts hold the `authority` role nearest above the path (its own level first, then each
   * level up), as the authority's reach runs down its jurisdiction's subtree. Where several
   * departments of that level have holders, the one with most holders, then the earliest
   * recorded. No authorization: for modules escalating an item the authority owes (N06 review,
   * N19 coordination) to its sharing-office head (R128), in the caller's transaction.
   *
   * @example const authority = await departments.authorityOver(commonPath(a, b), trx);
   */
  async authorityOver(
    jurisdictionPath: string,
    executor: Executor = this.db,
  ): Promise<{ id: string; name: string; jurisdictionPath: string } | undefined> {
    // `/990100/990121/` lies under `/990100/` and `/990100/990121/`.
    const codes = jurisdictionPath.split('/').filter(Boolean);
    const levels = codes.map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`);
    if (levels.length === 0) return undefined;
    const rows = await (executor as unknown as Db)
      .selectFrom('user_role')
      .innerJoin('app_user as u', 'u.id', 'user_role.user_id')
      .innerJoin('department as d', 'd.id', 'u.department_id')
      .innerJoin('jurisdiction as j', 'j.id', 'd.jurisdiction_id')
      .select(['d.id', 'd.name', 'd.created_at', 'j.path'])
      .select((eb) => eb.fn.countAll<number>().as('holders'))
      .where('user_role.role', '=', 'authority')
      .where('u.status', '=', 'active')
      .where('d.status', '=', 'active')
      .where('j.path', 'in', levels)
      .groupBy(['d.id', 'd.name', 'd.created_at', 'j.path'])
      .execute();
    // The nearest level above the path: the longest jurisdiction path that is a prefix of it.
    const [nearest] = rows.sort(
      (a, b) =>
        b.path.length - a.path.length ||
        Number(b.holders) - Number(a.holders) ||
        a.created_at.localeCompare(b.created_at) ||
        a.id.localeCompare(b.id),
    );
    return nearest && { id: nearest.id, name: nearest.name, jurisdictionPath: nearest.path };
  }

  #select(executor: Executor = this.db) {
    return (executor as unknown as Db)
      .selectFrom('department')
      .innerJoin('jurisdiction as j', 'j.id', 'department.jurisdiction_id')
      .selectAll('department')
      .select(['j.name as jurisdiction_name', 'j.path as jurisdiction_path']);
  }

  #map(row: DepartmentTable & { jurisdiction_name: string }): Department {
    return {
      id: row.id,
      name: row.name,
      shortName: row.short_name,
      uscc: row.uscc,
      jurisdictionId: row.jurisdiction_id,
      jurisdictionName: row.jurisdiction_name,
      kind: row.kind,
      status: row.status,
    };
  }

  async list(
    ctx: RequestContext,
    filter: { jurisdictionId?: string | undefined; q?: string | undefined; limit: number; offset: number },
  ): Promise<{ items: Department[]; total: number }> {
    authorize(ctx.actor, OrgActions['department.read']);
    let query = this.#select();
    if (filter.jurisdictionId) {
      const j = await this.db
        .selectFrom('jurisdiction')
        .select('path')
        .where('id', '=', filter.jurisdictionId)
        .executeTakeFirst();
      query = query.where('j.path', 'like', `${j?.path ?? '/nonexistent/'}%`);
    }
    if (filter.q) {
      const like = `%${filter.q}%`;
      query = query.where((eb) =>
        eb.or([
          eb('department.name', 'like', like),
          eb('department.short_name', 'like', like),
          eb('department.uscc', 'like', like),
        ]),
      );
    }
    const total = await query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .orderBy('j.path')
      .orderBy('department.name')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { items: rows.map((r) => this.#map(r)), total: Number(total.n) };
  }

  async get(ctx: RequestContext | undefined, id: string): Promise<Department & { jurisdictionPath: string }> {
    if (ctx) authorize(ctx.actor, OrgActions['department.read']);
    const row = await this.#select().where('department.id', '=', id).executeTakeFirst();
    if (!row) throw OrgErrors.error('ORG_DEPARTMENT_NOT_FOUND', { id });
    return { ...this.#map(row), jurisdictionPath: row.jurisdiction_path };
  }

  /**
   * A department's name, code and jurisdiction for another module's own transaction (`executor`):
   * on SQLite a second connection would wait for that transaction to end. No authorization: the
   * caller has already decided the reader may act on this department.
   */
  async lookup(
    id: string,
    executor?: Executor,
  ): Promise<{ id: string; name: string; uscc: string; jurisdictionPath: string } | undefined> {
    const row = await this.#select(executor).where('department.id', '=', id).executeTakeFirst();
    return row && { id: row.id, name: row.name, uscc: row.uscc, jurisdictionPath: row.jurisdiction_path };
  }

  /** The department's designated resource administrators (信息资源管理员, R127). */
  async resourceAdmins(id: string): Promise<{ id: string; username: string; displayName: string }[]> {
    const rows = await this.db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.username', 'app_user.display_name'])
      .where('app_user.department_id', '=', id)
      .where('user_role.role', '=', 'resource_admin')
      .where('app_user.status', '=', 'active')
      .orderBy('app_user.username')
      .execute();
    return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }

  async create(ctx: RequestContext | undefined, input: DepartmentInput): Promise<Department> {
    if (ctx) authorize(ctx.actor, OrgActions['department.manage']);
    const uscc = checkUscc(input.uscc);
    const jurisdiction = await this.db
      .selectFrom('jurisdiction')
      .select(['id', 'name'])
      .where('id', '=', input.jurisdictionId)
      .executeTakeFirst();
    if (!jurisdiction)
      throw OrgErrors.error('ORG_JURISDICTION_NOT_FOUND', {
        id: input.jurisdictionId,
        field: '/body/jurisdictionId',
      });
    const now = this.clock.now().toISOString();
    const row: DepartmentTable = {
      id: newId(),
      jurisdiction_id: jurisdiction.id,
      name: input.name.trim(),
      short_name: input.shortName.trim(),
      uscc,
      kind: input.kind,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    return this.db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('department')
        .select(['name', 'uscc'])
        .where((eb) => eb.or([eb('name', '=', row.name), eb('uscc', '=', uscc)]))
        .executeTakeFirst();
      if (clash) {
        const field = clash.uscc === uscc ? '/body/uscc' : '/body/name';
        throw OrgErrors.error('ORG_DEPARTMENT_EXISTS', {
          field,
          value: clash.uscc === uscc ? uscc : row.name,
        });
      }
      await trx.insertInto('department').values(row).execute();
      await this.audit.record(trx, ctx ?? {}, {
        action: 'department.create',
        targetType: 'department',
        targetId: row.id,
        detail: { name: row.name, uscc, jurisdictionId: row.jurisdiction_id },
      });
      return this.#map({ ...row, jurisdiction_name: jurisdiction.name });
    });
  }

  async update(
    ctx: RequestContext,
    id: string,
    patch: Partial<Pick<DepartmentInput, 'name' | 'shortName' | 'uscc' | 'kind'>> & {
      status?: 'active' | 'disabled';
    },
  ): Promise<Department> {
    authorize(ctx.actor, OrgActions['department.manage']);
    const before = await this.get(undefined, id);
    const set: Partial<DepartmentTable> = { updated_at: this.clock.now().toISOString() };
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.shortName !== undefined) set.short_name = patch.shortName.trim();
    if (patch.uscc !== undefined) set.uscc = checkUscc(patch.uscc);
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.status !== undefined) set.status = patch.status;
    await this.db.transaction().execute(async (trx) => {
      if (set.name || set.uscc) {
        const clash = await trx
          .selectFrom('department')
          .select(['name', 'uscc'])
          .where('id', '!=', id)
          .where((eb) =>
            eb.or([eb('name', '=', set.name ?? before.name), eb('uscc', '=', set.uscc ?? before.uscc)]),
          )
          .executeTakeFirst();
        if (clash) {
          const byUscc = clash.uscc === (set.uscc ?? before.uscc);
          throw OrgErrors.error('ORG_DEPARTMENT_EXISTS', {
            field: byUscc ? '/body/uscc' : '/body/name',
            value: byUscc ? clash.uscc : clash.name,
          });
        }
      }
      await trx.updateTable('department').set(set).where('id', '=', id).execute();
      await this.audit.record(trx, ctx, {
        action: 'department.update',
        targetType: 'department',
        targetId: id,
        detail: { patch },
      });
    });
    return this.get(undefined, id);
  }
}
