import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { AuditRecorder, RequestContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { lines } from '../../platform/messages/index.js';
import { authorize } from '../authz/index.js';
import { OrgErrors } from '../errors.js';
import { OrgActions } from '../policies.js';
import type { Role } from '../roles.js';
import type { DualControlAction, DualControlRequestTable, DualControlStatus, OrgTables } from '../schema.js';
import { OrgNotices, OrgTexts } from './notice-texts.js';
import {
  type AccountNoticeSender,
  auditorIds,
  DUAL_CONTROL_LINK,
  notifyAll,
  possibleApproverIds,
} from './notify.js';
import { assertMayDecide, assertOtherFactorNotResetBy, REQUEST_TTL_MS, separatedRoleOf } from './rules.js';

type Db = Kysely<OrgTables>;
export type Trx = Transaction<OrgTables>;

export interface DualControlPayload {
  roles?: Role[];
  status?: 'active' | 'disabled';
  /** set_contact: the new e-mail address and/or phone (null clears it). */
  email?: string | null;
  phone?: string | null;
}

export interface DualControlRequest {
  id: string;
  action: DualControlAction;
  target: { id: string; username: string; displayName: string };
  payload: DualControlPayload;
  status: DualControlStatus;
  requestedBy: { id: string; username: string };
  requestedByRole: Role;
  reason: string | null;
  requestedAt: string;
  expiresAt: string;
  decidedBy: { id: string; username: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  executedAt: string | null;
}

/** Carries out an approved act inside the approving transaction; a password reset answers its one-time password. */
export interface DualControlEffects {
  executeApproved(
    trx: Trx,
    ctx: RequestContext,
    request: DualControlRequestTable,
  ): Promise<{ initialPassword?: string }>;
}

const ACTION_LABELS: Record<DualControlAction, { zh: string; en: string }> = {
  reset_password: { zh: '重置密码', en: 'password reset' },
  reset_totp: { zh: '重置动态口令', en: 'TOTP reset' },
  set_roles: { zh: '变更角色', en: 'role change' },
  set_status: { zh: '启用/停用账号', en: 'account enable/disable' },
  set_contact: { zh: '修改电子邮箱/电话', en: 'e-mail/phone change' },
  unlock: { zh: '解除锁定', en: 'unlock' },
};

/** A step of a request; each is told as the notice `org.dual_control.<step>`. */
type Step = 'request' | 'approve' | 'refuse' | 'withdraw' | 'expire' | 'execute';

/**
 * Dual control (双人审批) of acts on privileged accounts (the three administrators', and those
 * that read the audit trail): a request waits for a
 * second administrator of another kind, expires after a day, and every step is audited and told
 * to the account's owner and every auditor. See docs/separation-of-duties.md.
 */
export class DualControlService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    private readonly effects: DualControlEffects,
    private readonly notices?: AccountNoticeSender,
  ) {}

  /** Files a request; the caller has already checked that the requester may ask for this act. */
  async request(
    ctx: RequestContext,
    input: { action: DualControlAction; targetUserId: string; payload?: DualControlPayload; reason?: string },
  ): Promise<DualControlRequest> {
    const role = separatedRoleOf(ctx.actor);
    if (ctx.actor.kind !== 'user' || !role) throw CommonErrors.error('FORBIDDEN', { action: input.action });
    await this.expireDue();
    const now = this.clock.now();
    const id = newId(now);
    await this.db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('dual_control_request')
        .select('id')
        .where('target_user_id', '=', input.targetUserId)
        .where('action', '=', input.action)
        .where('status', 'in', ['pending', 'approved'])
        .executeTakeFirst();
      if (open) throw OrgErrors.error('ORG_DUAL_CONTROL_DUPLICATE', { id: open.id });
      if (input.action === 'reset_password' || input.action === 'reset_totp')
        await assertOtherFactorNotResetBy(trx, ctx.actor.id, input.targetUserId, input.action, now);
      await trx
        .insertInto('dual_control_request')
        .values({
          id,
          action: input.action,
          target_user_id: input.targetUserId,
          payload: JSON.stringify(input.payload ?? {}),
          status: 'pending',
          requested_by: ctx.actor.id,
          requested_by_role: role,
          reason: input.reason ?? null,
          requested_at: now.toISOString(),
          expires_at: new Date(now.getTime() + REQUEST_TTL_MS).toISOString(),
          decided_by: null,
          decided_at: null,
          decision_note: null,
          executed_at: null,
        })
        .execute();
      const row = await this.#row(trx, id);
      await this.#trace(trx, ctx, 'request', row, { payload: input.payload ?? {}, reason: input.reason });
      await this.#tell(trx, 'request', row, await possibleApproverIds(trx, role, input.targetUserId));
    });
    return this.#read(id);
  }

  async list(
    ctx: RequestContext,
    filter: { status?: DualControlStatus | undefined; limit: number; offset: number },
  ): Promise<{ items: DualControlRequest[]; total: number }> {
    authorize(ctx.actor, OrgActions['dualControl.read']);
    await this.expireDue();
    let query = this.db.selectFrom('dual_control_request');
    if (filter.status) query = query.where('status', '=', filter.status);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .select('id')
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    const items = await Promise.all(rows.map((r) => this.#read(r.id)));
    return { items, total: Number(total.n) };
  }

  async get(ctx: RequestContext, id: string): Promise<DualControlRequest> {
    authorize(ctx.actor, OrgActions['dualControl.read']);
    await this.expireDue();
    return this.#read(id);
  }

  /**
   * A second administrator approves: the act is carried out in the same transaction, except a
   * password reset, whose one-time password only the requester collects (once).
   */
  async approve(ctx: RequestContext, id: string, note?: string): Promise<DualControlRequest> {
    authorize(ctx.actor, OrgActions['dualControl.decide']);
    await this.expireDue();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#pending(trx, id);
      assertMayDecide(ctx.actor, row);
      if (row.action === 'reset_password' || row.action === 'reset_totp')
        await assertOtherFactorNotResetBy(
          trx,
          ctx.actor.id,
          row.target_user_id,
          row.action,
          this.clock.now(),
        );
      const now = this.clock.now();
      const collectable = row.action === 'reset_password';
      const decided = {
        decided_by: ctx.actor.id,
        decided_at: now.toISOString(),
        decision_note: note ?? null,
      };
      await this.#move(trx, row, 'pending', {
        ...decided,
        ...(collectable
          ? { status: 'approved', expires_at: new Date(now.getTime() + REQUEST_TTL_MS).toISOString() }
          : { status: 'executed', executed_at: now.toISOString() }),
      });
      await this.#trace(trx, ctx, 'approve', row, { note });
      if (!collectable) {
        await this.effects.executeApproved(trx, ctx, { ...row, ...decided });
        await this.#tell(trx, 'execute', await this.#row(trx, id), [row.requested_by]);
      } else {
        await this.#tell(trx, 'approve', await this.#row(trx, id), [row.requested_by]);
      }
    });
    return this.#read(id);
  }

  /** A second administrator refuses; the requester may withdraw its own request. */
  async refuse(ctx: RequestContext, id: string, note?: string): Promise<DualControlRequest> {
    authorize(ctx.actor, OrgActions['dualControl.decide']);
    await this.expireDue();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#pending(trx, id);
      const withdraw = ctx.actor.id === row.requested_by;
      if (!withdraw) assertMayDecide(ctx.actor, row);
      await this.#move(trx, row, 'pending', {
        status: withdraw ? 'withdrawn' : 'refused',
        decided_by: ctx.actor.id,
        decided_at: this.clock.now().toISOString(),
        decision_note: note ?? null,
      });
      const step = withdraw ? 'withdraw' : 'refuse';
      await this.#trace(trx, ctx, step, row, { note });
      await this.#tell(trx, step, await this.#row(trx, id), [row.requested_by]);
    });
    return this.#read(id);
  }

  /** The requester of an approved password reset carries it out and sees the one-time password, once. */
  async collect(
    ctx: RequestContext,
    id: string,
  ): Promise<{ initialPassword: string; request: DualControlRequest }> {
    authorize(ctx.actor, OrgActions['dualControl.read']);
    await this.expireDue();
    let initialPassword = '';
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#row(trx, id);
      if (row.requested_by !== ctx.actor.id) throw OrgErrors.error('ORG_DUAL_CONTROL_NOT_FOUND', { id });
      if (row.status === 'expired')
        throw OrgErrors.error('ORG_DUAL_CONTROL_EXPIRED', { expiresAt: row.expires_at });
      if (row.status !== 'approved')
        throw OrgErrors.error('ORG_DUAL_CONTROL_NOT_PENDING', { status: row.status });
      await this.#move(trx, row, 'approved', {
        status: 'executed',
        executed_at: this.clock.now().toISOString(),
      });
      const done = await this.effects.executeApproved(trx, ctx, row);
      initialPassword = done.initialPassword ?? '';
      await this.#trace(trx, ctx, 'execute', row, {});
      await this.#tell(trx, 'execute', await this.#row(trx, id), []);
    });
    return { initialPassword, request: await this.#read(id) };
  }

  /** Marks overdue requests expired, each with its own audit entry and notices (run before every read or step). */
  async expireDue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const due = await this.db
      .selectFrom('dual_control_request')
      .selectAll()
      .where('status', 'in', ['pending', 'approved'])
      .where('expires_at', '<=', now)
      .execute();
    for (const row of due) {
      await this.db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('dual_control_request')
          .set({ status: 'expired' })
          .where('id', '=', row.id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        // Another node expired it first.
        if (Number(moved.numUpdatedRows) === 0) return;
        await this.#trace(trx, {}, 'expire', row, { was: row.status });
        await this.#tell(trx, 'expire', { ...row, status: 'expired' }, [row.requested_by]);
      });
    }
    return due.length;
  }

  async #row(db: Db | Trx, id: string): Promise<DualControlRequestTable> {
    const row = await db
      .selectFrom('dual_control_request')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw OrgErrors.error('ORG_DUAL_CONTROL_NOT_FOUND', { id });
    return row;
  }

  async #pending(trx: Trx, id: string): Promise<DualControlRequestTable> {
    const row = await this.#row(trx, id);
    if (row.status === 'expired')
      throw OrgErrors.error('ORG_DUAL_CONTROL_EXPIRED', { expiresAt: row.expires_at });
    if (row.status !== 'pending')
      throw OrgErrors.error('ORG_DUAL_CONTROL_NOT_PENDING', { status: row.status });
    return row;
  }

  /** Moves a request on only from the state it was read in: two approvers at once cannot both win. */
  async #move(
    trx: Trx,
    row: DualControlRequestTable,
    from: DualControlStatus,
    set: Partial<DualControlRequestTable>,
  ): Promise<void> {
    const moved = await trx
      .updateTable('dual_control_request')
      .set(set)
      .where('id', '=', row.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw OrgErrors.error('ORG_DUAL_CONTROL_NOT_PENDING', { status: 'changed' });
  }

  async #trace(
    trx: Trx,
    ctx: RequestContext | Record<string, never>,
    step: Step,
    row: DualControlRequestTable,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(trx, ctx, {
      action: `dualControl.${step}`,
      targetType: 'user',
      targetId: row.target_user_id,
      category: step === 'approve' || step === 'refuse' ? 'decision' : 'admin',
      detail: {
        request: row.id,
        act: row.action,
        requestedBy: row.requested_by,
        requestedByRole: row.requested_by_role,
        ...detail,
      },
    });
  }

  /** Tells the account's owner and every auditor (plus `also`) about a step, in the step's transaction. */
  async #tell(trx: Trx, step: Step, row: DualControlRequestTable, also: string[]): Promise<void> {
    const ids = [row.target_user_id, row.requested_by, ...(row.decided_by ? [row.decided_by] : [])];
    const names = new Map(
      (await trx.selectFrom('app_user').select(['id', 'username']).where('id', 'in', ids).execute()).map(
        (u) => [u.id, u.username],
      ),
    );
    const target = names.get(row.target_user_id) ?? row.target_user_id;
    const decidedBy = row.decided_by ? names.get(row.decided_by) : undefined;
    await notifyAll(this.notices, trx, [row.target_user_id, ...(await auditorIds(trx)), ...also], {
      ...OrgNotices.notice(`org.dual_control.${step}`, {
        target,
        act: ACTION_LABELS[row.action],
        body: lines(
          OrgTexts.text('requestedBy', { name: names.get(row.requested_by), role: row.requested_by_role }),
          decidedBy && OrgTexts.text('decidedBy', { name: decidedBy }),
          OrgTexts.text('detail', { payload: row.payload }),
          OrgTexts.text('request', { id: row.id }),
        ),
      }),
      link: DUAL_CONTROL_LINK,
    });
  }

  async #read(id: string): Promise<DualControlRequest> {
    const row = await this.db
      .selectFrom('dual_control_request as r')
      .innerJoin('app_user as t', 't.id', 'r.target_user_id')
      .innerJoin('app_user as q', 'q.id', 'r.requested_by')
      .leftJoin('app_user as d', 'd.id', 'r.decided_by')
      .selectAll('r')
      .select([
        't.username as target_username',
        't.display_name as target_display_name',
        'q.username as requester_username',
        'd.username as decider_username',
      ])
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!row) throw OrgErrors.error('ORG_DUAL_CONTROL_NOT_FOUND', { id });
    return {
      id: row.id,
      action: row.action,
      target: { id: row.target_user_id, username: row.target_username, displayName: row.target_display_name },
      payload: JSON.parse(row.payload) as DualControlPayload,
      status: row.status,
      requestedBy: { id: row.requested_by, username: row.requester_username },
      requestedByRole: row.requested_by_role,
      reason: row.reason,
      requestedAt: row.requested_at,
      expiresAt: row.expires_at,
      decidedBy:
        row.decided_by && row.decider_username
          ? { id: row.decided_by, username: row.decider_username }
          : null,
      decidedAt: row.decided_at,
      decisionNote: row.decision_note,
      executedAt: row.executed_at,
    };
  }
}
