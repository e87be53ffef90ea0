import type { Kysely } from 'kysely';
import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import type { Actor, AuditContext, RequestContext } from '../../platform/context/index.js';
import { actedBy } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import type { RestrictionInfo } from '../../sharing/index.js';
import type { QualityDeps } from '../deps.js';
import { FreshnessErrors } from './errors.js';
import { FRESHNESS_PAGE } from './monitor.js';
import { FreshnessNotices } from './notice-texts.js';
import { FreshnessActions } from './policies.js';
import type { FreshnessTables, QualityFreshnessRestrictionTable, RestrictionStatus } from './schema.js';

export interface Restriction {
  id: string;
  department: { id: string; name: string };
  status: RestrictionStatus;
  reason: string;
  lateEntries: { id: string; code: string; name: string }[];
  article: string | null;
  createdAt: string;
  createdBy: { id: string; name: string };
  liftedAt: string | null;
  liftedBy: { id: string; name: string } | null;
  /** `authority`: lifted by hand; `caught_up`: the monitor found no late resource left. */
  liftKind: 'authority' | 'caught_up' | null;
  liftNote: string | null;
}

const tables = (executor: Executor) => executor as unknown as Kysely<FreshnessTables>;

/**
 * R71 (Feicheng Art.21 "对不按照《共享目录》公布的更新时限提供和更新信息的政务部门……有权对其享受权益进行必要的限制"):
 * where the effective profile allows it, the authority restricts a late department's new
 * applications within its jurisdiction. The restriction ends when the authority lifts it, or by
 * itself when the monitor finds none of the department's resources late (it "catches up"): the
 * text restricts a department for not updating, so it lasts no longer than the lateness.
 */
export class Restrictions {
  constructor(private readonly deps: QualityDeps) {}

  /** The profile's cited permission (`updateTimeliness.restrictLate`). */
  get allowed() {
    return this.deps.profile.updateTimeliness.restrictLate;
  }

  async restrict(ctx: RequestContext, input: { departmentId: string; reason: string }): Promise<Restriction> {
    const department = await this.deps.departments(this.deps.db, input.departmentId);
    authorize(ctx.actor, FreshnessActions['quality.freshness.restrict'], {
      departmentId: input.departmentId,
      jurisdictionPath: department?.jurisdictionPath ?? '\u0000',
    });
    const name = department?.name ?? input.departmentId;
    if (this.allowed.value !== true)
      throw FreshnessErrors.error('FRESHNESS_RESTRICTION_NOT_ALLOWED', { text: this.allowed.text });
    const now = this.deps.clock.now();
    const id = newId(now);
    await this.deps.db.transaction().execute(async (trx) => {
      const active = await this.#active(trx, input.departmentId);
      if (active)
        throw FreshnessErrors.error('FRESHNESS_ALREADY_RESTRICTED', {
          department: name,
          since: active.created_at,
        });
      const late = await tables(trx)
        .selectFrom('quality_freshness')
        .select(['entry_id as id', 'entry_code as code', 'entry_name as name'])
        .where('provider_department_id', '=', input.departmentId)
        .where('status', '=', 'late')
        .orderBy('entry_code')
        .execute();
      if (late.length === 0)
        throw FreshnessErrors.error('FRESHNESS_DEPARTMENT_NOT_LATE', { department: name });
      const by = actedBy(ctx.actor);
      await tables(trx)
        .insertInto('quality_freshness_restriction')
        .values({
          id,
          department_id: input.departmentId,
          department_name: name,
          jurisdiction_path: department?.jurisdictionPath ?? '',
          status: 'active',
          reason: input.reason.trim(),
          late_entries: JSON.stringify(late),
          article: this.allowed.article,
          created_at: now.toISOString(),
          created_by: by.id,
          created_by_name: by.name,
          lifted_at: null,
          lifted_by: null,
          lifted_by_name: null,
          lift_kind: null,
          lift_note: null,
        })
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'quality.freshness.restrict',
        targetType: 'department',
        targetId: input.departmentId,
        detail: {
          restriction: id,
          reason: input.reason.trim(),
          late: late.map((e) => e.code),
          article: this.allowed.article,
        },
      });
      await this.deps.sharing.notices.send(trx, {
        to: { departmentId: input.departmentId },
        ...FreshnessNotices.notice('quality.freshness.restricted', {
          article: this.allowed.article ?? '—',
          reason: input.reason.trim(),
        }),
        link: FRESHNESS_PAGE,
      });
    });
    return this.get(ctx.actor, id);
  }

  /** The authority lifts a restriction in its jurisdiction. */
  async lift(ctx: RequestContext, id: string, note: string): Promise<Restriction> {
    const row = await this.#row(this.deps.db, id);
    authorize(ctx.actor, FreshnessActions['quality.freshness.restrict'], {
      departmentId: row.department_id,
      jurisdictionPath: row.jurisdiction_path,
    });
    await this.deps.db.transaction().execute(async (trx) => {
      const by = actedBy(ctx.actor);
      const ended = await this.#end(trx, row, { kind: 'authority', by, note: note.trim() });
      if (!ended) throw FreshnessErrors.error('FRESHNESS_RESTRICTION_NOT_ACTIVE');
      await this.deps.audit.record(trx, ctx, {
        action: 'quality.freshness.lift',
        targetType: 'department',
        targetId: row.department_id,
        detail: { restriction: id, note: note.trim() },
      });
      await this.deps.sharing.notices.send(trx, {
        to: { departmentId: row.department_id },
        ...FreshnessNotices.notice('quality.freshness.lifted', { note: note.trim() || '—' }),
        link: FRESHNESS_PAGE,
      });
    });
    return this.get(ctx.actor, id);
  }

  /** Ends the restrictions of departments with no late resource left; one audit entry and notice each. */
  async liftCaughtUp(): Promise<number> {
    const db = tables(this.deps.db);
    const active = await db
      .selectFrom('quality_freshness_restriction')
      .selectAll()
      .where('status', '=', 'active')
      .execute();
    let lifted = 0;
    for (const row of active) {
      await this.deps.db.transaction().execute(async (trx) => {
        const late = await tables(trx)
          .selectFrom('quality_freshness')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('provider_department_id', '=', row.department_id)
          .where('status', '=', 'late')
          .executeTakeFirstOrThrow();
        if (Number(late.n) > 0) return;
        if (!(await this.#end(trx, row, { kind: 'caught_up', by: null, note: null }))) return;
        lifted += 1;
        const system: AuditContext = {};
        await this.deps.audit.record(trx, system, {
          action: 'quality.freshness.lift',
          targetType: 'department',
          targetId: row.department_id,
          detail: { restriction: row.id, kind: 'caught_up' },
        });
        await this.deps.sharing.notices.send(trx, {
          to: { departmentId: row.department_id },
          ...FreshnessNotices.notice('quality.freshness.caught_up', {}),
          link: FRESHNESS_PAGE,
        });
      });
    }
    return lifted;
  }

  /** The sharing port (R71): the department's active restriction, if any. */
  async restricted(
    departmentId: string,
    executor: Executor = this.deps.db,
  ): Promise<RestrictionInfo | undefined> {
    const row = await this.#active(executor, departmentId);
    return row ? { id: row.id, since: row.created_at, article: row.article, reason: row.reason } : undefined;
  }

  async get(actor: Actor, id: string): Promise<Restriction> {
    const row = await this.#row(this.deps.db, id);
    const scope = scopeOf(actor, FreshnessActions['quality.freshness.read']);
    const visible =
      scope.kind === 'all' ||
      (scope.kind === 'within' &&
        (scope.departmentIds.includes(row.department_id) ||
          scope.jurisdictionPaths.some((p) => row.jurisdiction_path.startsWith(p))));
    if (!visible) throw FreshnessErrors.error('FRESHNESS_RESTRICTION_NOT_FOUND');
    return toRestriction(row);
  }

  /** Restrictions the reader may see, filtered in SQL before paging. */
  async list(
    actor: Actor,
    filter: {
      status?: RestrictionStatus | undefined;
      departmentId?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<{ items: Restriction[]; total: number }> {
    const scope = scopeOf(actor, FreshnessActions['quality.freshness.read']);
    if (scope.kind === 'none') authorize(actor, FreshnessActions['quality.freshness.read']);
    let query = tables(this.deps.db).selectFrom('quality_freshness_restriction');
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'department_id', path: 'jurisdiction_path' }),
    );
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
    const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(toRestriction), total: Number(n) };
  }

  async #active(executor: Executor, departmentId: string) {
    return tables(executor)
      .selectFrom('quality_freshness_restriction')
      .selectAll()
      .where('department_id', '=', departmentId)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  async #row(executor: Executor, id: string): Promise<QualityFreshnessRestrictionTable> {
    const row = await tables(executor)
      .selectFrom('quality_freshness_restriction')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw FreshnessErrors.error('FRESHNESS_RESTRICTION_NOT_FOUND');
    return row;
  }

  /** Conditional on still being active, so that two lifts (or a lift and the monitor) end it once. */
  async #end(
    trx: Executor,
    row: QualityFreshnessRestrictionTable,
    how: { kind: 'authority' | 'caught_up'; by: { id: string; name: string } | null; note: string | null },
  ): Promise<boolean> {
    const result = await tables(trx)
      .updateTable('quality_freshness_restriction')
      .set({
        status: 'lifted',
        lifted_at: this.deps.clock.now().toISOString(),
        lifted_by: how.by?.id ?? null,
        lifted_by_name: how.by?.name ?? null,
        lift_kind: how.kind,
        lift_note: how.note,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRestriction(row: QualityFreshnessRestrictionTable): Restriction {
  return {
    id: row.id,
    department: { id: row.department_id, name: row.department_name },
    status: row.status,
    reason: row.reason,
    lateEntries: JSON.parse(row.late_entries) as Restriction['lateEntries'],
    article: row.article,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: row.created_by_name },
    liftedAt: row.lifted_at,
    liftedBy: row.lifted_by ? { id: row.lifted_by, name: row.lifted_by_name ?? row.lifted_by } : null,
    liftKind: row.lift_kind as Restriction['liftKind'],
    liftNote: row.lift_note,
  };
}
