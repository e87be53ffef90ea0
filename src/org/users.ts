import './errors.js';
import type { Kysely } from 'kysely';
import type { AuditTables, AuditTrail } from '../audit/index.js';
import type { Clock } from '../platform/clock/index.js';
import { newId } from '../platform/db/ids.js';
import { AppError } from '../platform/errors/index.js';
import { generateOneTimePassword, hashPassword } from './auth/passwords.js';
import { authorize, scopeOf } from './authz/index.js';
import type { RequestContext } from './context.js';
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

type Db = Kysely<OrgTables & AuditTables>;

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

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
    if (!row) throw new AppError('ORG_USER_NOT_FOUND', { id });
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
        throw new AppError('ORG_USER_NOT_FOUND', { id });
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
    const department = await this.db
      .selectFrom('department')
      .innerJoin('jurisdiction as j', 'j.id', 'department.jurisdiction_id')
      .select(['department.id', 'j.path'])
      .where('department.id', '=', input.departmentId)
      .executeTakeFirst();
    if (!department)
      throw new AppError('ORG_DEPARTMENT_NOT_FOUND', { id: input.departmentId, field: '/body/departmentId' });
    const roles = [...new Set(input.roles ?? [])];
    if (ctx) {
      authorize(ctx.actor, OrgActions['user.manage'], {
        departmentId: department.id,
        jurisdictionPath: department.path,
      });
      // Creating an account with roles is a role grant: it needs the security administrator unless none is given.
      if (roles.length > 0) authorize(ctx.actor, OrgActions['user.grantRole']);
    }
    const conflict = roleConflict(roles);
    if (conflict) throw new AppError('ORG_ROLE_CONFLICT', { field: '/body/roles', reason: conflict });
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
        throw new AppError('ORG_USERNAME_TAKEN', { field: '/body/username', username: input.username });
      await trx
        .insertInto('app_user')
        .values({
          id,
          username: input.username,
          display_name: input.displayName.trim(),
          department_id: department.id,
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
        detail: { username: input.username, departmentId: department.id, roles },
      });
    });
    return { user: await this.get(undefined, id), initialPassword };
  }

  async update(
    ctx: RequestContext,
    id: string,
    patch: {
      displayName?: string;
      email?: string | null;
      phone?: string | null;
      status?: 'active' | 'disabled';
    },
  ): Promise<User> {
    const user = await this.get(ctx, id);
    authorize(ctx.actor, OrgActions['user.manage'], {
      userId: id,
      departmentId: user.departmentId,
      jurisdictionPath: user.jurisdictionPath,
    });
    if (patch.status === 'disabled' && ctx.actor.id === id)
      throw new AppError('ORG_SELF_ACTION', { action: 'disable' });
    const set: Partial<UserTable> = { updated_at: this.clock.now().toISOString() };
    if (patch.displayName !== undefined) set.display_name = patch.displayName.trim();
    if (patch.email !== undefined) set.email = patch.email;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (patch.status !== undefined) set.status = patch.status;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set(set).where('id', '=', id).execute();
      // Disabling an account ends its sessions at once.
      if (patch.status === 'disabled')
        await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
      await this.audit.record(trx, ctx, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        detail: { patch },
      });
    });
    return this.get(undefined, id);
  }

  /** Replaces a user's roles. Nobody changes their own roles; separated roles are held alone. */
  async setRoles(ctx: RequestContext, id: string, roles: Role[]): Promise<User> {
    const user = await this.get(ctx, id);
    authorize(ctx.actor, OrgActions['user.grantRole'], {
      userId: id,
      departmentId: user.departmentId,
      jurisdictionPath: user.jurisdictionPath,
    });
    if (ctx.actor.kind === 'user' && ctx.actor.id === id) throw new AppError('ORG_ROLE_SELF_GRANT');
    const wanted = [...new Set(roles)];
    const conflict = roleConflict(wanted);
    if (conflict) throw new AppError('ORG_ROLE_CONFLICT', { field: '/body/roles', reason: conflict });
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_role').where('user_id', '=', id).execute();
      for (const role of wanted) {
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
        detail: { from: user.roles, to: wanted },
      });
    });
    return this.get(undefined, id);
  }

  /** Clears a failed-login lock; without a context it is the server's own shell (CLI recovery). */
  async unlock(ctx: RequestContext | undefined, id: string): Promise<User> {
    const user = await this.get(ctx, id);
    if (ctx) {
      authorize(ctx.actor, OrgActions['user.unlock'], {
        userId: id,
        departmentId: user.departmentId,
        jurisdictionPath: user.jurisdictionPath,
      });
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, ctx ?? {}, {
        action: 'user.unlock',
        targetType: 'user',
        targetId: id,
        detail: { via: ctx ? 'api' : 'cli' },
      });
    });
    return this.get(undefined, id);
  }

  /** Issues a new one-time password; the holder must change it, and must enrol TOTP again if required. */
  async resetPassword(ctx: RequestContext | undefined, id: string): Promise<{ initialPassword: string }> {
    if (ctx) {
      const user = await this.get(ctx, id);
      authorize(ctx.actor, OrgActions['user.resetPassword'], {
        userId: id,
        departmentId: user.departmentId,
        jurisdictionPath: user.jurisdictionPath,
      });
      if (ctx.actor.id === id) throw new AppError('ORG_SELF_ACTION', { action: 'reset-password' });
    } else {
      await this.get(undefined, id);
    }
    const initialPassword = generateOneTimePassword();
    const hash = await hashPassword(initialPassword);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          password_hash: hash,
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          // Whoever lost the password may have lost the phone too: the second factor is enrolled again.
          totp_secret: null,
          totp_enabled: 0,
          updated_at: this.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
      await this.audit.record(trx, ctx ?? {}, {
        action: 'user.resetPassword',
        targetType: 'user',
        targetId: id,
      });
    });
    return { initialPassword };
  }
}
