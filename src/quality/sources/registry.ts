import { authorize } from '../../org/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import type { QualityDeps } from '../deps.js';
import { SourceErrors } from './errors.js';
import { SourceActions } from './policies.js';
import type { QualitySourceTable, SourceStatus } from './schema.js';

/** A designation as the API answers it. */
export interface SourceDesignation {
  id: string;
  jurisdictionPath: string;
  itemName: string;
  department: { id: string; name: string };
  entry: { id: string; code: string; name: string };
  basis: string | null;
  status: SourceStatus;
  designatedBy: string;
  designatedAt: string;
  endedAt: string | null;
  endReason: string | null;
}

/** A published resource the authority may name as a source, with its items (base items marked). */
export interface SourceCandidate {
  entry: { id: string; code: string; name: string };
  department: { id: string; name: string };
  items: { name: string; base: boolean; isKey: boolean }[];
}

export interface DesignateInput {
  itemName: string;
  departmentId: string;
  entryId: string;
  basis?: string | undefined;
}

const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** Required free text: trimmed, not empty (the schema already bounds its length). */
export function requiredText(value: string | undefined, field: { zh: string; en: string }): string {
  const text = value?.trim() ?? '';
  if (!text) throw SourceErrors.error('SOURCE_TEXT_REQUIRED', { what: field });
  return text;
}

/**
 * The registry of source departments (数源部门, 809 第十九条第二款, R76): the competent authority
 * designates, for a data item in its jurisdiction, the department and the published resource it
 * comes from. One source per item per jurisdiction while in force: a second designation is
 * refused until the first is ended. Everyone signed in reads the registry.
 */
export class SourceRegistry {
  constructor(private readonly deps: QualityDeps) {}

  async designate(ctx: RequestContext, input: DesignateInput): Promise<SourceDesignation> {
    const { actor } = ctx;
    const jurisdictionPath = actor.jurisdictionPath;
    authorize(actor, SourceActions['quality.source.manage'], { jurisdictionPath });
    const itemName = requiredText(input.itemName, { zh: '数据项', en: 'the data item' });
    const department = await this.deps.departments(this.deps.db, input.departmentId);
    // A department outside the authority's jurisdiction is not its to designate.
    if (!department?.jurisdictionPath.startsWith(jurisdictionPath))
      throw CommonErrors.error('FORBIDDEN', { action: SourceActions['quality.source.manage'] });
    const entry = await this.deps.catalog.get(actor, input.entryId);
    const content = entry.publishedContent ?? entry.content;
    if (entry.status !== 'published' || entry.publishedVersion === null)
      throw SourceErrors.error('SOURCE_RESOURCE_NOT_PUBLISHED', { field: 'entryId', code: entry.code });
    if (entry.provider.id !== department.id)
      throw SourceErrors.error('SOURCE_NOT_PROVIDER', { field: 'entryId', code: entry.code });
    if (!content.items.some((i) => i.name === itemName))
      throw SourceErrors.error('SOURCE_ITEM_NOT_IN_RESOURCE', {
        field: 'itemName',
        code: entry.code,
        item: itemName,
      });
    const at = this.deps.clock.now().toISOString();
    const row: QualitySourceTable = {
      id: newId(this.deps.clock.now()),
      jurisdiction_path: jurisdictionPath,
      item_name: itemName,
      active_key: `${jurisdictionPath}|${itemName}`,
      department_id: department.id,
      department_name: department.name,
      department_jurisdiction_path: department.jurisdictionPath,
      entry_id: entry.id,
      entry_code: entry.code,
      entry_name: content.name,
      basis: input.basis?.trim() || null,
      status: 'active',
      designated_by: actor.id,
      designated_by_name: actedBy(actor).name,
      designated_at: at,
      ended_by: null,
      ended_at: null,
      end_reason: null,
    };
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await this.#refuseSecond(trx, row);
        await trx.insertInto('quality_source').values(row).execute();
        await this.deps.audit.record(trx, ctx, {
          action: 'quality.source.designate',
          targetType: 'quality_source',
          targetId: row.id,
          category: 'decision',
          detail: { item: itemName, department: department.id, entryCode: entry.code, jurisdictionPath },
        });
      });
    } catch (error) {
      // Two designations racing past the check: the unique index refuses the second (R76).
      if (!isUniqueViolation(error)) throw error;
      await this.#refuseSecond(this.deps.db, row);
      throw error;
    }
    return present(row);
  }

  async end(ctx: RequestContext, id: string, reason: string): Promise<SourceDesignation> {
    const text = requiredText(reason, { zh: '终止理由', en: 'the reason' });
    const at = this.deps.clock.now().toISOString();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom('quality_source')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!found) throw SourceErrors.error('SOURCE_NOT_FOUND', { id });
      authorize(ctx.actor, SourceActions['quality.source.manage'], {
        jurisdictionPath: found.jurisdiction_path,
      });
      const ended = await trx
        .updateTable('quality_source')
        .set({ status: 'ended', active_key: null, ended_by: ctx.actor.id, ended_at: at, end_reason: text })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) === 0) throw SourceErrors.error('SOURCE_ALREADY_ENDED', { id });
      await this.deps.audit.record(trx, ctx, {
        action: 'quality.source.end',
        targetType: 'quality_source',
        targetId: id,
        category: 'decision',
        detail: { item: found.item_name, department: found.department_id, reason: text },
      });
      return { ...found, status: 'ended' as const, ended_by: ctx.actor.id, ended_at: at, end_reason: text };
    });
    return present(row);
  }

  /** The registry, newest first: every designation is public to the signed in (the filter narrows it). */
  async list(
    actor: Actor,
    filter: {
      status?: SourceStatus | undefined;
      item?: string | undefined;
      departmentId?: string | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<{ items: SourceDesignation[]; total: number }> {
    authorize(actor, SourceActions['quality.source.read']);
    let query = this.deps.db.selectFrom('quality_source');
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.item) query = query.where('item_name', '=', filter.item.trim());
    if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('designated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(present), total: Number(total.n) };
  }

  /** The designations in force (for the jobs). */
  active(): Promise<QualitySourceTable[]> {
    return this.deps.db.selectFrom('quality_source').selectAll().where('status', '=', 'active').execute();
  }

  async get(id: string): Promise<QualitySourceTable> {
    const row = await this.deps.db
      .selectFrom('quality_source')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw SourceErrors.error('SOURCE_NOT_FOUND', { id });
    return row;
  }

  /**
   * What the designate form offers: the published resources of departments in the authority's
   * jurisdiction, with their items (the base items of base resources first).
   */
  async candidates(actor: Actor): Promise<SourceCandidate[]> {
    authorize(actor, SourceActions['quality.source.manage'], { jurisdictionPath: actor.jurisdictionPath });
    const published = await this.deps.catalog.listPublished();
    return published
      .filter((e) => e.jurisdictionPath.startsWith(actor.jurisdictionPath))
      .map((e) => ({
        entry: { id: e.id, code: e.code, name: e.content.name },
        department: { id: e.provider.id, name: e.provider.name },
        items: e.content.items
          .map((i) => ({ name: i.name, base: i.base === true, isKey: i.isKey }))
          .sort((a, b) => Number(b.base) - Number(a.base)),
      }));
  }

  async #refuseSecond(executor: QualityDeps['db'], row: QualitySourceTable): Promise<void> {
    const first = await executor
      .selectFrom('quality_source')
      .select(['department_name', 'entry_code', 'entry_name'])
      .where('active_key', '=', row.active_key)
      .executeTakeFirst();
    if (first)
      throw SourceErrors.error('SOURCE_ALREADY_DESIGNATED', {
        field: 'itemName',
        item: row.item_name,
        department: first.department_name,
        entry: `${first.entry_code} ${first.entry_name}`,
      });
  }
}

function present(row: QualitySourceTable): SourceDesignation {
  return {
    id: row.id,
    jurisdictionPath: row.jurisdiction_path,
    itemName: row.item_name,
    department: { id: row.department_id, name: row.department_name },
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
    basis: row.basis,
    status: row.status,
    designatedBy: row.designated_by_name,
    designatedAt: row.designated_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}
