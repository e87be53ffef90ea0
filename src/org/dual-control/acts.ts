import type { Clock } from '../../platform/clock/index.js';
import type { AuditContext, AuditRecorder, RequestContext } from '../../platform/context/index.js';

import { generateOneTimePassword, hashPassword } from '../auth/passwords.js';
import { OrgErrors } from '../errors.js';
import { type Role, roleConflict } from '../roles.js';
import type { DualControlRequestTable } from '../schema.js';
import { OrgNotices } from './notice-texts.js';
import { type AccountNoticeSender, auditorIds, notifyAll } from './notify.js';
import { assertNotLastHolder } from './rules.js';
import type { DualControlEffects, DualControlPayload, Trx } from './service.js';

/** How an act came about, stamped on its audit entry. */
export type ActOrigin =
  | { via: 'api' }
  | { via: 'dual-control'; request: string; requestedBy: string; approvedBy: string | null }
  | { via: 'cli' };

/**
 * The account acts themselves (password and TOTP reset, roles, status, unlock), each in the
 * caller's transaction with its audit entry. They run directly for ordinary accounts, on approval
 * for privileged ones, and from the server console as break-glass.
 */
export class AccountActs implements DualControlEffects {
  constructor(
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    private readonly notices?: AccountNoticeSender,
  ) {}

  async executeApproved(
    trx: Trx,
    ctx: RequestContext,
    request: DualControlRequestTable,
  ): Promise<{ initialPassword?: string }> {
    const origin: ActOrigin = {
      via: 'dual-control',
      request: request.id,
      requestedBy: request.requested_by,
      approvedBy: request.decided_by,
    };
    const id = request.target_user_id;
    const payload = JSON.parse(request.payload) as DualControlPayload;
    const roles = await rolesOf(trx, id);
    switch (request.action) {
      case 'reset_password':
        return { initialPassword: await this.resetPassword(trx, ctx, id, origin) };
      case 'reset_totp':
        await this.resetTotp(trx, ctx, id, origin);
        return {};
      case 'unlock':
        await this.unlock(trx, ctx, id, origin);
        return {};
      case 'set_status':
        await this.setStatus(trx, ctx, id, payload.status ?? 'active', roles, origin);
        return {};
      case 'set_roles':
        await this.setRoles(trx, ctx, id, roles, payload.roles ?? [], origin);
        return {};
      case 'set_contact':
        await this.setContact(trx, ctx, id, payload, origin);
        return {};
    }
  }

  /** A new one-time password. The second factor stays: a reset password alone never signs anyone in. */
  async resetPassword(trx: Trx, ctx: AuditContext, id: string, origin: ActOrigin): Promise<string> {
    const initialPassword = generateOneTimePassword();
    await trx
      .updateTable('app_user')
      .set({
        password_hash: await hashPassword(initialPassword),
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        updated_at: this.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    await this.audit.record(trx, ctx, {
      action: 'user.resetPassword',
      targetType: 'user',
      targetId: id,
      detail: { ...origin, totpKept: true },
    });
    await this.#breakGlassNotice(trx, id, origin, { zh: '重置密码', en: 'password reset' });
    return initialPassword;
  }

  /** Clears the second factor: the holder enrols again at the next sign-in. */
  async resetTotp(trx: Trx, ctx: AuditContext, id: string, origin: ActOrigin): Promise<void> {
    await trx
      .updateTable('app_user')
      .set({ totp_secret: null, totp_enabled: 0, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    await this.audit.record(trx, ctx, {
      action: 'user.resetTotp',
      targetType: 'user',
      targetId: id,
      detail: { ...origin },
    });
    await this.#breakGlassNotice(trx, id, origin, { zh: '重置动态口令', en: 'TOTP reset' });
  }

  async unlock(trx: Trx, ctx: AuditContext, id: string, origin: ActOrigin): Promise<void> {
    await trx
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
    await this.audit.record(trx, ctx, {
      action: 'user.unlock',
      targetType: 'user',
      targetId: id,
      detail: { ...origin },
    });
    await this.#breakGlassNotice(trx, id, origin, { zh: '解除锁定', en: 'unlock' });
  }

  async setStatus(
    trx: Trx,
    ctx: AuditContext,
    id: string,
    status: 'active' | 'disabled',
    roles: Role[],
    origin: ActOrigin,
  ): Promise<void> {
    if (status === 'disabled') await assertNotLastHolder(trx, id, roles);
    await trx
      .updateTable('app_user')
      .set({ status, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    // Disabling an account ends its sessions at once.
    if (status === 'disabled') await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    await this.audit.record(trx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      detail: { patch: { status }, ...origin },
    });
  }

  /** A privileged account's e-mail address or phone: where its (and, for an auditor, the platform's) notices go. */
  async setContact(
    trx: Trx,
    ctx: AuditContext,
    id: string,
    contact: { email?: string | null; phone?: string | null },
    origin: ActOrigin,
  ): Promise<void> {
    const patch: { email?: string | null; phone?: string | null } = {};
    if (contact.email !== undefined) patch.email = contact.email;
    if (contact.phone !== undefined) patch.phone = contact.phone;
    await trx
      .updateTable('app_user')
      .set({ ...patch, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await this.audit.record(trx, ctx, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      detail: { patch, ...origin },
    });
  }

  async setRoles(
    trx: Trx,
    ctx: RequestContext,
    id: string,
    from: Role[],
    to: Role[],
    origin: ActOrigin,
  ): Promise<void> {
    const conflict = roleConflict(to);
    if (conflict) throw OrgErrors.error('ORG_ROLE_CONFLICT', { field: '/body/roles', reason: conflict });
    await assertNotLastHolder(
      trx,
      id,
      from.filter((r) => !to.includes(r)),
    );
    const now = this.clock.now().toISOString();
    await trx.deleteFrom('user_role').where('user_id', '=', id).execute();
    for (const role of to) {
      await trx
        .insertInto('user_role')
        .values({ user_id: id, role, granted_by: ctx.actor.id, granted_at: now })
        .execute();
    }
    // A change of roles takes effect at the next sign-in, never mid-session with stale rights.
    await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    await this.audit.record(trx, ctx, {
      action: 'user.grantRole',
      targetType: 'user',
      targetId: id,
      detail: { from, to, ...origin },
    });
    await this.#breakGlassNotice(trx, id, origin, { zh: '角色变更', en: 'role change' });
  }

  /**
   * The console's acts bypass dual control, so the owner and every auditor hear of them at once.
   * A department account's acts through the API (one administrator, no dual control) are told
   * to its owner; acts under dual control are told by the request's steps.
   */
  async #breakGlassNotice(
    trx: Trx,
    id: string,
    origin: ActOrigin,
    act: { zh: string; en: string },
  ): Promise<void> {
    if (origin.via === 'dual-control') return;
    const target = await trx
      .selectFrom('app_user')
      .select('username')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (origin.via === 'api') {
      await notifyAll(
        this.notices,
        trx,
        [id],
        OrgNotices.notice('org.account_act', { username: target.username, act }),
      );
      return;
    }
    await notifyAll(
      this.notices,
      trx,
      [id, ...(await auditorIds(trx))],
      OrgNotices.notice('org.break_glass', { username: target.username, act }),
    );
  }
}

export async function rolesOf(trx: Trx, id: string): Promise<Role[]> {
  const rows = await trx
    .selectFrom('user_role')
    .select('role')
    .where('user_id', '=', id)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}
