import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { AuditRecorder, RequestContext } from '../platform/context/index.js';
import { newId } from '../platform/db/index.js';
import { absentOn } from '../platform/errors/index.js';
import { authorize } from './authz/index.js';
import { OrgErrors } from './errors.js';
import { OrgActions } from './policies.js';
import type { JurisdictionLevel, JurisdictionTable, OrgTables } from './schema.js';

export interface Jurisdiction {
  id: string;
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentId: string | null;
  path: string;
}

const CHILD_LEVEL: Record<JurisdictionLevel, JurisdictionLevel | undefined> = {
  province: 'city',
  city: 'county',
  county: undefined,
};

/** Digits of the division code that identify a jurisdiction of each level (GB/T 2260 layout). */
const PREFIX: Record<JurisdictionLevel, number> = { province: 2, city: 4, county: 6 };

export function toJurisdiction(row: JurisdictionTable): Jurisdiction {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    parentId: row.parent_id,
    path: row.path,
  };
}

/** Checks a division code against its level and parent: 440000 province, 440100 city, 440103 county. */
export function checkDivisionCode(code: string, level: JurisdictionLevel, parent?: Jurisdiction): void {
  const fail = (reason: string) => {
    throw OrgErrors.error('ORG_JURISDICTION_CODE_INVALID', { field: '/body/code', reason });
  };
  if (!/^[1-9]\d{5}$/.test(code)) fail('6 digits');
  const significant = PREFIX[level];
  if (!/^0*$/.test(code.slice(significant))) fail(`${level} code ends in ${6 - significant} zeros`);
  if (/^0+$/.test(code.slice(significant - 2, significant)))
    fail(`${level} code is not all zeros at its level`);
  if (parent) {
    const expectedChild = CHILD_LEVEL[parent.level];
    if (expectedChild !== level) {
      throw OrgErrors.error('ORG_JURISDICTION_LEVEL_INVALID', {
        field: '/body/level',
        level,
        parentLevel: parent.level,
      });
    }
    if (!code.startsWith(parent.code.slice(0, PREFIX[parent.level])))
      fail(`starts with ${parent.code.slice(0, PREFIX[parent.level])}`);
  }
}

export class JurisdictionService {
  constructor(
    private readonly db: Kysely<OrgTables>,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext): Promise<Jurisdiction[]> {
    authorize(ctx.actor, OrgActions['jurisdiction.read']);
    const rows = await this.db.selectFrom('jurisdiction').selectAll().orderBy('path').execute();
    return rows.map(toJurisdiction);
  }

  async get(id: string): Promise<Jurisdiction> {
    const row = await this.db.selectFrom('jurisdiction').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw OrgErrors.error('ORG_JURISDICTION_NOT_FOUND', { id });
    return toJurisdiction(row);
  }

  async create(
    ctx: RequestContext | undefined,
    input: { code: string; name: string; level: JurisdictionLevel; parentId?: string | null | undefined },
  ): Promise<Jurisdiction> {
    if (ctx) authorize(ctx.actor, OrgActions['jurisdiction.manage']);
    const parent = input.parentId
      ? await absentOn(this.get(input.parentId), 'ORG_JURISDICTION_NOT_FOUND')
      : undefined;
    if (input.parentId && !parent) {
      throw OrgErrors.error('ORG_JURISDICTION_NOT_FOUND', { id: input.parentId, field: '/body/parentId' });
    }
    checkDivisionCode(input.code, input.level, parent);
    const now = this.clock.now();
    const row: JurisdictionTable = {
      id: newId(now),
      code: input.code,
      name: input.name.trim(),
      level: input.level,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${input.code}/`,
      created_at: now.toISOString(),
    };
    return this.db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('jurisdiction')
        .select('id')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (clash) throw OrgErrors.error('ORG_JURISDICTION_EXISTS', { code: input.code, field: '/body/code' });
      await trx.insertInto('jurisdiction').values(row).execute();
      await this.audit.record(trx, ctx ?? {}, {
        action: 'jurisdiction.create',
        targetType: 'jurisdiction',
        targetId: row.id,
        detail: { code: row.code, name: row.name, level: row.level },
      });
      return toJurisdiction(row);
    });
  }

  async rename(ctx: RequestContext, id: string, name: string): Promise<Jurisdiction> {
    authorize(ctx.actor, OrgActions['jurisdiction.manage']);
    const before = await this.get(id);
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('jurisdiction').set({ name: name.trim() }).where('id', '=', id).execute();
      await this.audit.record(trx, ctx, {
        action: 'jurisdiction.update',
        targetType: 'jurisdiction',
        targetId: id,
        detail: { name: { from: before.name, to: name.trim() } },
      });
      return { ...before, name: name.trim() };
    });
  }
}
