import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import { type AuditRecorder, actedBy, type RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { newId } from '../platform/db/index.js';
import { type AppError, CommonErrors, type LocalizedParam } from '../platform/errors/index.js';
import { authorize, isAllowed } from './authz/index.js';
import { OrgErrors } from './errors.js';
import { OrgActions } from './policies.js';
import type { DepartmentOfficeChangeTable, DepartmentOfficeTable, OrgTables } from './schema.js';

/**
 * Contacts not confirmed for this long are shown as stale (R126 "stale-contact alerts"). No
 * regulation sets the period: it is the platform's own reminder, not a statutory deadline.
 */
export const OFFICE_CONFIRMATION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who answers for a department's data sharing (809 Art.11; R126, R128), as recorded. */
export interface OfficeRoster {
  office: { name: string; phone: string; email: string };
  /** 负责人: the escalation target. `userId` null where the head has no account. */
  head: { userId: string | null; name: string; title: string };
  /** 共享工作专人: always an account of the department. */
  officer: { userId: string; name: string };
}

export interface DepartmentOffice {
  departmentId: string;
  /** Null until the department records its office. */
  roster: OfficeRoster | null;
  confirmedAt: string | null;
  /** The contacts were last confirmed more than `staleAfterDays` ago. */
  stale: boolean;
  staleAfterDays: number;
  /** Whether the reader may change or confirm the record. */
  canManage: boolean;
}

export interface OfficeChange {
  id: string;
  kind: 'set' | 'confirm';
  at: string;
  by: { id: string | null; name: string | null };
  before: OfficeRoster | null;
  after: OfficeRoster;
  /** The fields that differ between `before` and `after` (none for a confirmation). */
  changed: OfficeField[];
}

export type OfficeField = 'officeName' | 'officePhone' | 'officeEmail' | 'head' | 'headTitle' | 'officer';

export interface OfficeInput {
  officeName: string;
  officePhone: string;
  officeEmail: string;
  /** The head's account; or, where the head has none, `headName`. Exactly one of the two. */
  headUserId?: string | null | undefined;
  headName?: string | null | undefined;
  headTitle: string;
  officerUserId: string;
}

type Db = Kysely<OrgTables>;

const PHONE = /^\+?[0-9][0-9 -]{3,18}[0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function invalid(field: string, reason: LocalizedParam): AppError {
  return CommonErrors.error('VALIDATION_FAILED', { field: `/body/${field}`, reason });
}

function text(field: string, value: string, max = 100): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalid(field, { zh: '不能为空', en: 'must not be blank' });
  if ([...trimmed].length > max)
    throw invalid(field, { zh: `最多 ${max} 个字符`, en: `at most ${max} characters` });
  return trimmed;
}

function rosterOf(row: DepartmentOfficeTable): OfficeRoster {
  return {
    office: { name: row.office_name, phone: row.office_phone, email: row.office_email },
    head: { userId: row.head_user_id, name: row.head_name, title: row.head_title },
    officer: { userId: row.officer_user_id, name: row.officer_name },
  };
}

function changedFields(before: OfficeRoster | null, after: OfficeRoster): OfficeField[] {
  const pairs: [OfficeField, (r: OfficeRoster) => unknown][] = [
    ['officeName', (r) => r.office.name],
    ['officePhone', (r) => r.office.phone],
    ['officeEmail', (r) => r.office.email],
    ['head', (r) => `${r.head.userId ?? ''}|${r.head.name}`],
    ['headTitle', (r) => r.head.title],
    ['officer', (r) => r.officer.userId],
  ];
  return pairs.filter(([, get]) => !before || get(before) !== get(after)).map(([field]) => field);
}

/**
 * A department's sharing office, head and officer (N01, R126, R128): every change and every
 * confirmation is kept in `department_office_change` and audited in the same transaction.
 */
export class DepartmentOffices {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  async get(ctx: RequestContext, departmentId: string): Promise<DepartmentOffice> {
    authorize(ctx.actor, OrgActions['department.read']);
    await this.#department(this.db, departmentId);
    const row = await this.db
      .selectFrom('department_office')
      .selectAll()
      .where('department_id', '=', departmentId)
      .executeTakeFirst();
    return this.#view(ctx, departmentId, row);
  }

  async history(
    ctx: RequestContext,
    departmentId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: OfficeChange[]; total: number }> {
    authorize(ctx.actor, OrgActions['department.read']);
    await this.#department(this.db, departmentId);
    const query = this.db.selectFrom('department_office_change').where('department_id', '=', departmentId);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map((r) => this.#change(r)), total: Number(total.n) };
  }

  /** Records or replaces the department's office, head and officer. */
  async set(ctx: RequestContext, departmentId: string, input: OfficeInput): Promise<DepartmentOffice> {
    authorize(ctx.actor, OrgActions['department.office.manage'], { departmentId });
    const office = {
      name: text('officeName', input.officeName),
      phone: input.officePhone.trim(),
      email: input.officeEmail.trim(),
    };
    if (!PHONE.test(office.phone))
      throw invalid('officePhone', { zh: '电话格式不正确', en: 'not a phone number' });
    if (office.email.length > 100 || !EMAIL.test(office.email))
      throw invalid('officeEmail', { zh: '电子邮箱格式不正确', en: 'not an e-mail address' });
    const headTitle = text('headTitle', input.headTitle);
    const headName = input.headName == null ? undefined : text('headName', input.headName);
    const headUserId = input.headUserId ?? undefined;
    if (headName !== undefined && headUserId !== undefined)
      throw invalid('headName', {
        zh: '负责人为本部门账号时不另填姓名',
        en: 'give the head’s account or a name, not both',
      });
    if (headName === undefined && headUserId === undefined)
      throw invalid('headUserId', { zh: '请指定负责人', en: 'name the head' });
    const now = this.clock.now().toISOString();

    return this.db.transaction().execute(async (trx) => {
      await this.#department(trx, departmentId, true);
      const head = headUserId
        ? { userId: headUserId, name: await this.#member(trx, departmentId, 'headUserId', headUserId) }
        : { userId: null, name: headName as string };
      const officerName = await this.#member(trx, departmentId, 'officerUserId', input.officerUserId);
      const after: OfficeRoster = {
        office,
        head: { ...head, title: headTitle },
        officer: { userId: input.officerUserId, name: officerName },
      };
      const current = await this.#row(trx, departmentId);
      const before = current ? rosterOf(current) : null;
      const row: DepartmentOfficeTable = {
        department_id: departmentId,
        office_name: office.name,
        office_phone: office.phone,
        office_email: office.email,
        head_user_id: after.head.userId,
        head_name: after.head.name,
        head_title: after.head.title,
        officer_user_id: after.officer.userId,
        officer_name: after.officer.name,
        confirmed_at: now,
        confirmed_by: ctx.actor.id,
        updated_at: now,
      };
      if (current) {
        const { department_id: _, ...set } = row;
        await trx
          .updateTable('department_office')
          .set(set)
          .where('department_id', '=', departmentId)
          .execute();
      } else {
        await trx.insertInto('department_office').values(row).execute();
      }
      const changed = changedFields(before, after);
      await this.#remember(trx, ctx, departmentId, 'set', before, after, now);
      await this.audit.record(trx, ctx, {
        action: 'department.office.update',
        targetType: 'department',
        targetId: departmentId,
        detail: { changed, before, after },
      });
      return this.#view(ctx, departmentId, row);
    });
  }

  /** The department says its recorded contacts are still current: re-stamps `confirmedAt`. */
  async confirm(ctx: RequestContext, departmentId: string): Promise<DepartmentOffice> {
    authorize(ctx.actor, OrgActions['department.office.manage'], { departmentId });
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await this.#department(trx, departmentId, true);
      const current = await this.#row(trx, departmentId);
      if (!current) throw OrgErrors.error('ORG_OFFICE_NOT_RECORDED', { id: departmentId });
      await trx
        .updateTable('department_office')
        .set({ confirmed_at: now, confirmed_by: ctx.actor.id })
        .where('department_id', '=', departmentId)
        .execute();
      const roster = rosterOf(current);
      await this.#remember(trx, ctx, departmentId, 'confirm', roster, roster, now);
      await this.audit.record(trx, ctx, {
        action: 'department.office.confirm',
        targetType: 'department',
        targetId: departmentId,
        detail: { previouslyConfirmedAt: current.confirmed_at, confirmedAt: now },
      });
      return this.#view(ctx, departmentId, { ...current, confirmed_at: now, confirmed_by: ctx.actor.id });
    });
  }

  /**
   * The recorded roster for another module (escalations of overdue items go to the head, R128),
   * in the caller's transaction when given. No authorization: the caller decides who learns it.
   */
  async roster(departmentId: string, executor?: Executor): Promise<OfficeRoster | null> {
    const row = await this.#row(executor ?? this.db, departmentId);
    return row ? rosterOf(row) : null;
  }

  #row(executor: Executor, departmentId: string) {
    return (executor as unknown as Db)
      .selectFrom('department_office')
      .selectAll()
      .where('department_id', '=', departmentId)
      .executeTakeFirst();
  }

  /**
   * The department must exist. With `lock`, its row is held until the transaction ends (a no-op
   * update takes the row lock on PostgreSQL; SQLite has one writer): two changes of one
   * department's office queue, so each history entry's "before" is the previous one's "after".
   */
  async #department(executor: Executor, departmentId: string, lock = false): Promise<void> {
    const db = executor as unknown as Db;
    const found = lock
      ? Number(
          (
            await db
              .updateTable('department')
              .set((eb) => ({ id: eb.ref('id') }))
              .where('id', '=', departmentId)
              .executeTakeFirst()
          ).numUpdatedRows,
        ) > 0
      : (await db.selectFrom('department').select('id').where('id', '=', departmentId).executeTakeFirst()) !==
        undefined;
    if (!found) throw OrgErrors.error('ORG_DEPARTMENT_NOT_FOUND', { id: departmentId });
  }

  /** The display name of an active account of the department; any other id is refused alike. */
  async #member(executor: Executor, departmentId: string, field: string, userId: string): Promise<string> {
    const user = await (executor as unknown as Db)
      .selectFrom('app_user')
      .select('display_name')
      .where('id', '=', userId)
      .where('department_id', '=', departmentId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!user) throw OrgErrors.error('ORG_OFFICE_MEMBER_INVALID', { field: `/body/${field}`, id: userId });
    return user.display_name;
  }

  async #remember(
    trx: Executor,
    ctx: RequestContext,
    departmentId: string,
    kind: DepartmentOfficeChangeTable['kind'],
    before: OfficeRoster | null,
    after: OfficeRoster,
    at: string,
  ): Promise<void> {
    const db = trx as unknown as Db;
    const last = await db
      .selectFrom('department_office_change')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('department_id', '=', departmentId)
      .executeTakeFirst();
    await db
      .insertInto('department_office_change')
      .values({
        id: newId(this.clock.now()),
        department_id: departmentId,
        seq: Number(last?.seq ?? 0) + 1,
        kind,
        roster_before: before ? JSON.stringify(before) : null,
        roster_after: JSON.stringify(after),
        changed_by_id: ctx.actor.id,
        changed_by_name: actedBy(ctx.actor).name,
        changed_at: at,
      })
      .execute();
  }

  #change(row: DepartmentOfficeChangeTable): OfficeChange {
    const before = row.roster_before ? (JSON.parse(row.roster_before) as OfficeRoster) : null;
    const after = JSON.parse(row.roster_after) as OfficeRoster;
    return {
      id: row.id,
      kind: row.kind,
      at: row.changed_at,
      by: { id: row.changed_by_id, name: row.changed_by_name },
      before,
      after,
      changed: row.kind === 'confirm' ? [] : changedFields(before, after),
    };
  }

  #view(ctx: RequestContext, departmentId: string, row: DepartmentOfficeTable | undefined): DepartmentOffice {
    const confirmedAt = row?.confirmed_at ?? null;
    const age = confirmedAt ? this.clock.now().getTime() - new Date(confirmedAt).getTime() : 0;
    return {
      departmentId,
      roster: row ? rosterOf(row) : null,
      confirmedAt,
      stale: confirmedAt !== null && age > OFFICE_CONFIRMATION_DAYS * DAY_MS,
      staleAfterDays: OFFICE_CONFIRMATION_DAYS,
      canManage: isAllowed(ctx.actor, OrgActions['department.office.manage'], { departmentId }),
    };
  }
}
