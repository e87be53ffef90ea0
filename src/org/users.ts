import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { AuditRecorder, RequestContext } from '../platform/context/index.js';
import { type Executor, newId } from '../platform/db/index.js';

import { generateOneTimePassword, hashPassword } from './auth/passwords.js';
import { authorize, scopeOf } from './authz/index.js';
import { bodyDepartment } from './departments.js';
import { AccountActs, type ActOrigin } from './dual-control/acts.js';
import type { AccountNoticeSender } from './dual-control/notify.js';
import { assertNotLastHolder, isPrivileged } from './dual-control/rules.js';
import {
  type DualControlPayload,
  type DualControlRequest,
  DualControlService,
} from './dual-control/service.js';
import { OrgErrors } from './errors.js';
import { OrgActions } from './policies.js';
import { type Role, roleConflict } from './roles.js';
import type { OrgTables, UserTable } from './schema.js';
import { userScopeFilter } from './scope-filter.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentName: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
  status: 'active' | 'disabled';
  locked: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  departmentId: string;
  email?: string | undefined;
  phone?: string | undefined;
  roles?: Role[] | undefined;
  /** Only the CLI and the demo set a password; otherwise a one-time password is generated. */
  password?: string | undefined;
}

type Db = Kysely<OrgTables>;

/** An act on a privileged account is not done but asked for: it waits for a second administrator. */
export interface Pending {
  pending: DualControlRequest;
}

export class UserService {
  readonly dualControl: DualControlService;
  readonly #acts: AccountActs;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    notices?: AccountNoticeSender,
  ) {
    this.#acts = new AccountActs(audit, clock, notices);
    this.dualControl = new DualControlService(db, audit, clock, this.#acts, notices);
  }

  #select() {
    return this.db
      .selectFrom('app_user')
      .innerJoin('department as d', 'd.id', 'app_user.department_id')
      .innerJoin('jurisdiction as j', 'j.id', 'd.jurisdiction_id');
  }

  async #withRoles(rows: (UserTable & { department_name: string })[]): Promise<User[]> {
    const ids = rows.map((r) => r.id);
    const roles = ids.length
      ? await this.db
          .selectFrom('user_role')
          .select(['user_id', 'role'])
          .where('user_id', 'in', ids)
          .orderBy('role')
          .execute()
      : [];
    const now = this.clock.now().toISOString();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      email: r.email,
      phone: r.phone,
      roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
      status: r.status,
      locked: r.locked_until !== null && r.locked_until > now,
      lockedUntil: r.locked_until,
      totpEnabled: r.totp_enabled === 1,
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
    }));
  }

  async list(
    ctx: RequestContext,
    filter: { departmentId?: string | undefined; q?: string | undefined; limit: number; offset: number },
  ): Promise<{ items: User[]; total: number }> {
    const scope = scopeOf(ctx.actor, OrgActions['user.read']);
    let query = this.#select().where((eb) => userScopeFilter(eb, scope));
    if (filter.departmentId) query = query.where('app_user.department_id', '=', filter.departmentId);
    if (filter.q) {
      const like = `%${filter.q}%`;
      query = query.where((eb) =>
        eb.or([eb('app_user.username', 'like', like), eb('app_user.display_name', 'like', like)]),
      );
    }
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('app_user')
      .select('d.name as department_name')
      .orderBy('app_user.username')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { items: await this.#withRoles(rows), total: Number(total.n) };
  }

  /** Reads one user; with a context, only if the reader may see it (else it does not exist for them). */
  async get(ctx: RequestContext | undefined, id: string): Promise<User & { jurisdictionPath: string }> {
    const row = await this.#select()
      .selectAll('app_user')
      .select(['d.name as department_name', 'j.path as jurisdiction_path'])
      .where('app_user.id', '=', id)
      .executeTakeFirst();
    if (!row) throw OrgErrors.error('ORG_USER_NOT_FOUND', { id });
    const [user] = await this.#withRoles([row]);
    const target = {
      userId: row.id,
      departmentId: row.department_id,
      jurisdictionPath: row.jurisdiction_path,
    };
    if (ctx) {
      try {
        authorize(ctx.actor, OrgActions['user.read'], target);
      } catch {
        throw OrgErrors.error('ORG_USER_NOT_FOUND', { id });
      }
    }
    return { ...(user as User), jurisdictionPath: row.jurisdiction_path };
  }

  async findIdByUsername(username: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    return row?.id;
  }

  /** Creates an account; returns the one-time password the person must change at first login. */
  async create(
    ctx: RequestContext | undefined,
    input: NewUser,
  ): Promise<{ user: User; initialPassword: string }> {
    const department = await bodyDepartment(this.db, input.departmentId);
    const roles = [...new Set(input.roles ?? [])];
    if (ctx) {
      authorize(ctx.actor, OrgActions['user.manage'], department);
      // Creating an account with roles is a role grant: it needs the security administrator unless none is given.
      if (roles.length > 0) authorize(ctx.actor, OrgActions['user.grantRole']);
    }
    const conflict = roleConflict(roles);
    if (conflict) throw OrgErrors.error('ORG_ROLE_CONFLICT', { field: '/body/roles', reason: conflict });
    const initialPassword = input.password ?? generateOneTimePassword();
    const passwordHash = await hashPassword(initialPassword);
    const now = this.clock.now().toISOString();
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (clash)
        throw OrgErrors.error('ORG_USERNAME_TAKEN', { field: '/body/username', username: input.username });
      await trx
        .insertInto('app_user')
        .values({
          id,
          username: input.username,
          display_name: input.displayName.trim(),
          department_id: department.departmentId,
          email: input.email ?? null,
          phone: input.phone ?? null,
          password_hash: passwordHash,
          must_change_password: input.password ? 0 : 1,
          password_changed_at: input.password ? now : null,
          failed_logins: 0,
          locked_until: null,
          totp_secret: null,
          totp_enabled: 0,
          oidc_subject: null,
          status: 'active',
          last_login_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const role of roles) {
        await trx
          .insertInto('user_role')
          .values({ user_id: id, role, granted_by: ctx?.actor.id ?? null, granted_at: now })
          .execute();
      }
      await this.audit.record(trx, ctx ?? {}, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        detail: { username: input.username, departmentId: department.departmentId, roles },
      });
    });
    return { user: await this.get(undefined, id), initialPassword };
  }

  /**
   * Changes an account's details, or enables/disables it. For a privileged account, enabling or
   * disabling it and changing its e-mail address or phone (where its notices go) are asked for,
   * not done (dual control); its display name changes at once.
   */
  async update(
    ctx: RequestContext,
    id: string,
    patch: {
      displayName?: string;
      email?: string | null;
      phone?: string | null;
      status?: 'active' | 'disabled';
    },
  ): Promise<User | (Pending & { user: User; also: DualControlRequest[] })> {
    const user = await this.get(ctx, id);
    authorize(ctx.actor, OrgActions['user.manage'], {
      userId: id,
      departmentId: user.departmentId,
      jurisdictionPath: user.jurisdictionPath,
    });
    if (patch.status !== undefined && ctx.actor.id === id)
      throw OrgErrors.error('ORG_SELF_ACTION', {
        action: patch.status === 'disabled' ? 'disable' : 'enable',
      });
    const statusChange = patch.status !== undefined && patch.status !== user.status;
    if (statusChange && patch.status === 'disabled') await assertNotLastHolder(this.db, id, user.roles);
    const privileged = isPrivileged(user.roles);
    const dual = statusChange && privileged;
    const contact: DualControlPayload = {};
    if (patch.email !== undefined && patch.email !== user.email) contact.email = patch.email;
    if (patch.phone !== undefined && patch.phone !== user.phone) contact.phone = patch.phone;
    const dualContact = privileged && Object.keys(contact).length > 0;
    const { status, email, phone, ...name } = patch;
    const direct: typeof patch = {
      ...name,
      ...(dual ? {} : status !== undefined ? { status } : {}),
      ...(dualContact || email === undefined ? {} : { email }),
      ...(dualContact || phone === undefined ? {} : { phone }),
    };
    // Filed first: a refused request (a duplicate, say) leaves the account untouched.
    const filed: DualControlRequest[] = [];
    if (dual)
      filed.push(
        await this.dualControl.request(ctx, {
          action: 'set_status',
          targetUserId: id,
          payload: { status: status as 'active' | 'disabled' },
        }),
      );
    if (dualContact)
      filed.push(
        await this.dualControl.request(ctx, { action: 'set_contact', targetUserId: id, payload: contact }),
      );
    const [pending, ...also] = filed;
    if (Object.keys(direct).length > 0) {
      const set: Partial<UserTable> = { updated_at: this.clock.now().toISOString() };
      if (direct.displayName !== undefined) set.display_name = direct.displayName.trim();
      if (direct.email !== undefined) set.email = direct.email;
      if (direct.phone !== undefined) set.phone = direct.phone;
      if (direct.status !== undefined) set.status = direct.status;
      await this.db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set(set).where('id', '=', id).execute();
        // Disabling an account ends its sessions at once.
        if (direct.status === 'disabled')
          await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
        await this.audit.record(trx, ctx, {
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          detail: { patch: direct },
        });
      });
    }
    const updated = await this.get(undefined, id);
    return pending ? { pending, also, user: updated } : updated;
  }

  /**
   * Replaces a user's roles. Nobody changes their own roles; separated roles are held alone; a
   * change that touches a separated role (granting or removing one) waits for dual control.
   */
  async setRoles(ctx: RequestContext, id: string, roles: Role[]): Promise<User | Pending> {
    const user = await this.get(ctx, id);
    authorize(ctx.actor, OrgActions['user.grantRole'], {
      userId: id,
      departmentId: user.departmentId,
      jurisdictionPath: user.jurisdictionPath,
    });
    if (ctx.actor.kind === 'user' && ctx.actor.id === id) throw OrgErrors.error('ORG_ROLE_SELF_GRANT');
    const wanted = [...new Set(roles)];
    const conflict = roleConflict(wanted);
    if (conflict) throw OrgErrors.error('ORG_ROLE_CONFLICT', { field: '/body/roles', reason: conflict });
    await assertNotLastHolder(
      this.db,
      id,
      user.roles.filter((r) => !wanted.includes(r)),
    );
    if (isPrivileged(user.roles) || isPrivileged(wanted))
      return {
        pending: await this.dualControl.request(ctx, {
          action: 'set_roles',
          targetUserId: id,
          payload: { roles: wanted },
        }),
      };
    await this.db
      .transaction()
      .execute((trx) => this.#acts.setRoles(trx, ctx, id, user.roles, wanted, { via: 'api' }));
    return this.get(undefined, id);
  }

  /** Clears a failed-login lock; without a context it is the server console's break-glass. */
  async unlock(ctx: RequestContext | undefined, id: string): Promise<User | Pending> {
    const pending = await this.#dualControlled(ctx, id, 'user.unlock', 'unlock');
    if (pending) return pending;
    const origin: ActOrigin = { via: ctx ? 'api' : 'cli' };
    await this.db.transaction().execute((trx) => this.#acts.unlock(trx, ctx ?? {}, id, origin));
    return this.get(undefined, id);
  }

  /**
   * Issues a new one-time password the holder must change. The second factor is kept: resetting
   * it is a separate act (resetTotp), so a reset password alone never opens an account.
   */
  async resetPassword(
    ctx: RequestContext | undefined,
    id: string,
  ): Promise<{ initialPassword: string } | Pending> {
    const pending = await this.#dualControlled(ctx, id, 'user.resetPassword', 'reset_password');
    if (pending) return pending;
    const origin: ActOrigin = { via: ctx ? 'api' : 'cli' };
    const initialPassword = await this.db
      .transaction()
      .execute((trx) => this.#acts.resetPassword(trx, ctx ?? {}, id, origin));
    return { initialPassword };
  }

  /** Clears the account's TOTP: the holder enrols a new authenticator at the next sign-in. */
  async resetTotp(ctx: RequestContext | undefined, id: string): Promise<User | Pending> {
    const pending = await this.#dualControlled(ctx, id, 'user.resetTotp', 'reset_totp');
    if (pending) return pending;
    const origin: ActOrigin = { via: ctx ? 'api' : 'cli' };
    await this.db.transaction().execute((trx) => this.#acts.resetTotp(trx, ctx ?? {}, id, origin));
    return this.get(undefined, id);
  }

  /**
   * Authorizes an account act through the API and, for a privileged account, files it for dual
   * control instead of doing it. Without a context (the console) the act is done at once.
   */
  async #dualControlled(
    ctx: RequestContext | undefined,
    id: string,
    action: 'user.unlock' | 'user.resetPassword' | 'user.resetTotp',
    act: 'unlock' | 'reset_password' | 'reset_totp',
  ): Promise<Pending | undefined> {
    const user = await this.get(ctx, id);
    if (!ctx) return undefined;
    authorize(ctx.actor, OrgActions[action], {
      userId: id,
      departmentId: user.departmentId,
      jurisdictionPath: user.jurisdictionPath,
    });
    if (ctx.actor.id === id) throw OrgErrors.error('ORG_SELF_ACTION', { action: act.replace('_', '-') });
    if (!isPrivileged(user.roles)) return undefined;
    return { pending: await this.dualControl.request(ctx, { action: act, targetUserId: id }) };
  }
}

/**
 * A user's e-mail address for another module's transaction (the notice outbox addresses a
 * notice to one user): org owns `app_user`, others ask it here instead of reading the table.
 */
export async function userEmail(executor: Executor, userId: string): Promise<string | null> {
  const row = await (executor as unknown as Kysely<OrgTables>)
    .selectFrom('app_user')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.email ?? null;
}
