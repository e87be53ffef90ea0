import type { Kysely } from 'kysely';
import type { AuditTrail } from '../../audit/index.js';
import { isAllowed } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { actedBy, type RequestContext } from '../../platform/context/index.js';
import { type Executor, newId } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import type { SharingDb } from '../db.js';
import { partiesOf } from '../grant-cases.js';
import { SharingActions } from '../policies.js';
import type { SharingGrantTable } from '../schema.js';
import { canReadUseRecords, RECORDS_ARTICLE, RETENTION_YEARS, retainUntil } from './access.js';
import { UseRecordErrors } from './errors.js';
import type { SharingUseRecordTable, UseRecordTables } from './schema.js';

export interface UseRecordDeps {
  db: SharingDb;
  audit: AuditTrail;
  clock: Clock;
}

export interface UseRecord {
  id: string;
  grantId: string;
  scenario: string;
  process: string;
  effect: string;
  storage: string;
  recordedBy: { id: string; name: string };
  recordedAt: string;
  retainUntil: string;
}

export interface UseRecordList {
  grantId: string;
  entry: { id: string; code: string; name: string };
  items: UseRecord[];
  retention: { years: number; article: string };
  /** Whether the reader may add a record (the requesting department's own users). */
  canAdd: boolean;
}

export interface UseRecordInput {
  scenario: string;
  process: string;
  effect: string;
  storage: string;
}

const db = (executor: Executor) =>
  executor as unknown as Kysely<UseRecordTables & { sharing_grant: SharingGrantTable }>;

/**
 * N21 (政务数据共享条例第二十九条第二款): the requesting department records the scenario, process,
 * effect and storage of its use of a grant's data, adding records over time; none is changed or
 * removed through the platform, and each is kept at least until `retain_until` (3 years from the
 * day it was made) whatever becomes of the grant: a record carries its own parties and refers to
 * the grant by id only. Every read is audited.
 */
export class UseRecordService {
  constructor(private readonly deps: UseRecordDeps) {}

  async add(ctx: RequestContext, grantId: string, input: UseRecordInput): Promise<UseRecord> {
    const { actor } = ctx;
    const grant = await this.deps.db
      .selectFrom('sharing_grant')
      .selectAll()
      .where('id', '=', grantId)
      .executeTakeFirst();
    if (!grant || !canReadUseRecords(actor, grant))
      throw UseRecordErrors.error('USE_RECORDS_NOT_FOUND', { id: grantId });
    const permission = SharingActions['sharing.use_record.write'];
    const own =
      actor.departmentId === grant.consumer_department_id &&
      isAllowed(actor, permission, {
        departmentId: grant.consumer_department_id,
        jurisdictionPath: grant.consumer_jurisdiction_path,
      });
    if (!own) throw CommonErrors.error('FORBIDDEN', { action: permission });
    const fields = {
      scenario: input.scenario.trim(),
      process: input.process.trim(),
      effect: input.effect.trim(),
      storage: input.storage.trim(),
    };
    for (const [field, value] of Object.entries(fields))
      if (value === '')
        throw CommonErrors.error('VALIDATION_FAILED', {
          field,
          reason: { zh: '不能为空', en: 'must not be blank' },
        });
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: SharingUseRecordTable = {
      id: newId(now),
      ...partiesOf(grant),
      ...fields,
      recorded_by: actor.id,
      recorded_by_name: actedBy(actor).name,
      recorded_at: at,
      retain_until: retainUntil(chinaDate(now)),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await db(trx).insertInto('sharing_use_record').values(row).execute();
      // Not on the grant's timeline: who may read a grant (an auditor) may not learn of its use records.
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.use_record.add',
        targetType: 'sharing_use_record',
        targetId: row.id,
        detail: { grantId, retainUntil: row.retain_until, article: RECORDS_ARTICLE },
      });
    });
    return present(row);
  }

  /** The grant's use records, newest first; for its parties and the authority only (404 to anyone else). */
  async list(ctx: RequestContext, grantId: string): Promise<UseRecordList> {
    const { actor } = ctx;
    const rows = await this.deps.db
      .selectFrom('sharing_use_record')
      .selectAll()
      .where('grant_id', '=', grantId)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const grant = await this.deps.db
      .selectFrom('sharing_grant')
      .selectAll()
      .where('id', '=', grantId)
      .executeTakeFirst();
    // The records name their own parties: they stay readable to them once the grant is gone.
    const parties = grant ? partiesOf(grant) : rows[0];
    if (!parties || !canReadUseRecords(actor, parties))
      throw UseRecordErrors.error('USE_RECORDS_NOT_FOUND', { id: grantId });
    await this.deps.audit.record(this.deps.db, ctx, {
      action: 'sharing.use_record.read',
      targetType: 'sharing_grant',
      targetId: grantId,
      detail: { count: rows.length },
    });
    return {
      grantId,
      entry: { id: parties.entry_id, code: parties.entry_code, name: parties.entry_name },
      items: rows.map(present),
      retention: { years: RETENTION_YEARS, article: RECORDS_ARTICLE },
      canAdd:
        actor.departmentId === parties.consumer_department_id &&
        isAllowed(actor, SharingActions['sharing.use_record.write'], {
          departmentId: parties.consumer_department_id,
          jurisdictionPath: parties.consumer_jurisdiction_path,
        }),
    };
  }
}

function present(row: SharingUseRecordTable): UseRecord {
  return {
    id: row.id,
    grantId: row.grant_id,
    scenario: row.scenario,
    process: row.process,
    effect: row.effect,
    storage: row.storage,
    recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
    recordedAt: row.recorded_at,
    retainUntil: row.retain_until,
  };
}
