import type { Kysely } from 'kysely';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { Clock } from '../../platform/clock/index.js';
import type { Actor, AuditContext, AuditRecorder } from '../../platform/context/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { AppError } from '../../platform/errors/index.js';
import { knownActions, policyOf } from '../authz/index.js';
import { OrgErrors } from '../errors.js';
import { type Role, SECOND_FACTOR_ROLES } from '../roles.js';
import type { OrgTables, SessionStage, SessionTable, UserTable } from '../schema.js';
import { checkPasswordStrength, decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { SessionStore } from './sessions.js';
import { claimTotpStep, type FactorProof, totpStep } from './totp.js';

export type { FactorProof };

// One 30-second step either side absorbs clock drift between phone and server.
authenticator.options = { window: 1 };

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  department: { id: string; name: string };
  jurisdiction: { id: string; name: string; level: string };
  roles: Role[];
  totpEnabled: boolean;
  permissions: string[];
}

export interface SignInState {
  stage: SessionStage;
  me?: Me;
}

type Db = Kysely<OrgTables>;

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionStore,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly policy: LoginPolicy,
  ) {}

  async #roles(userId: string): Promise<Role[]> {
    const rows = await this.db
      .selectFrom('user_role')
      .select('role')
      .where('user_id', '=', userId)
      .orderBy('role')
      .execute();
    return rows.map((r) => r.role);
  }

  #needsSecondFactor(roles: Role[]): boolean {
    return roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
  }

  /**
   * The step after the password: an enrolled second factor first, then the change of a one-time
   * password, then enrolling a second factor the roles need. The second factor comes before the
   * change so that whoever holds a reset's one-time password cannot set a new password (and lock
   * the owner out) without the owner's TOTP device.
   */
  #nextStage(
    user: UserTable,
    roles: Role[],
    done: { passwordChanged: boolean; totpVerified: boolean },
  ): SessionStage {
    if (user.totp_enabled === 1 && !done.totpVerified) return 'totp_verify';
    if (user.must_change_password === 1 && !done.passwordChanged) return 'password_change';
    if (user.totp_enabled !== 1 && this.#needsSecondFactor(roles)) return 'totp_enrol';
    return 'done';
  }

  /**
   * Records a failed step and answers with the error to show. `revealLock` is false at the
   * password step: there an unknown name never locks, so "locked" would tell a guesser the account
   * exists. The lock still holds and is audited; the person learns it from the generic message.
   */
  async #failure(
    ctx: AuditContext,
    user: UserTable | undefined,
    username: string,
    reason: string,
    revealLock = true,
  ): Promise<AppError> {
    const now = this.clock.now();
    let error = OrgErrors.error('AUTH_INVALID_CREDENTIALS');
    await this.db.transaction().execute(async (trx) => {
      if (user && reason === 'password') {
        const failures = user.failed_logins + 1;
        const lock = failures >= this.policy.maxFailures;
        const lockedUntil = lock
          ? new Date(now.getTime() + this.policy.lockMinutes * 60_000).toISOString()
          : null;
        await trx
          .updateTable('app_user')
          .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil })
          .where('id', '=', user.id)
          .execute();
        if (lockedUntil) error = OrgErrors.error('AUTH_ACCOUNT_LOCKED', { until: lockedUntil });
      }
      if (user && reason === 'locked')
        error = OrgErrors.error('AUTH_ACCOUNT_LOCKED', { until: user.locked_until });
      if (user && reason === 'disabled') error = OrgErrors.error('AUTH_ACCOUNT_DISABLED');
      const locked = error.code === 'AUTH_ACCOUNT_LOCKED';
      if (locked && !revealLock) error = OrgErrors.error('AUTH_INVALID_CREDENTIALS');
      await this.audit.record(trx, ctx, {
        action: 'auth.login',
        outcome: 'failure',
        targetType: 'user',
        targetId: user?.id ?? username,
        actor: { kind: 'user', id: user?.id ?? '', name: username, departmentId: user?.department_id ?? '' },
        detail: { reason, locked },
      });
    });
    return error;
  }

  /** Opens the session of a sign-in that passed, with its audit entry; answers the session token. */
  async #openSession(
    trx: Executor,
    ctx: AuditContext & { userAgent?: string | undefined },
    user: Pick<UserTable, 'id' | 'username' | 'department_id'>,
    stage: SessionStage,
    detail: Record<string, unknown>,
  ): Promise<string> {
    const token = await this.sessions.create(trx, user.id, stage, {
      ip: ctx.clientIp,
      userAgent: ctx.userAgent,
    });
    await this.audit.record(trx, ctx, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      actor: { kind: 'user', id: user.id, name: user.username, departmentId: user.department_id },
      detail,
    });
    return token;
  }

  /** Checks username and password; returns the session token and the next sign-in step. */
  async login(
    ctx: AuditContext & { userAgent?: string | undefined },
    username: string,
    password: string,
  ): Promise<{ token: string; state: SignInState }> {
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    const now = this.clock.now().toISOString();
    if (!user?.password_hash) {
      await verifyPassword(await decoyHash(), password);
      throw await this.#failure(ctx, user, username, 'unknown', false);
    }
    // The hash is computed for a locked account too: a quick refusal would tell it exists.
    const passwordOk = await verifyPassword(user.password_hash, password);
    if (user.locked_until && user.locked_until > now)
      throw await this.#failure(ctx, user, username, 'locked', false);
    if (!passwordOk) throw await this.#failure(ctx, user, username, 'password', false);
    if (user.status !== 'active') throw await this.#failure(ctx, user, username, 'disabled');
    const roles = await this.#roles(user.id);
    const stage = this.#nextStage(user, roles, { passwordChanged: false, totpVerified: false });
    const token = await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          // The failure count survives until the second factor is passed, or every password
          // sign-in would hand a guesser a fresh budget of TOTP codes.
          ...(stage === 'totp_verify' ? {} : { failed_logins: 0 }),
          locked_until: null,
          ...(stage === 'done' ? { last_login_at: now } : {}),
        })
        .where('id', '=', user.id)
        .execute();
      return this.#openSession(trx, ctx, user, stage, { stage });
    });
    return { token, state: await this.state(user.id, stage) };
  }

  /** Signs in a person whose identity the jurisdiction's SSO vouched for; the second factor is the IdP's. */
  async loginVerified(
    ctx: AuditContext & { userAgent?: string | undefined },
    userId: string,
    via: string,
  ): Promise<string> {
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (user.status !== 'active') throw await this.#failure(ctx, user, user.username, 'disabled');
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ last_login_at: this.clock.now().toISOString() })
        .where('id', '=', userId)
        .execute();
      return this.#openSession(trx, ctx, user, 'done', { stage: 'done', via });
    });
  }

  async state(userId: string, stage: SessionStage): Promise<SignInState> {
    return stage === 'done' ? { stage, me: await this.me(userId) } : { stage };
  }

  /** Accounts joined to their department (`d`) and its jurisdiction (`j`). */
  #placedUsers() {
    return this.db
      .selectFrom('app_user')
      .innerJoin('department as d', 'd.id', 'app_user.department_id')
      .innerJoin('jurisdiction as j', 'j.id', 'd.jurisdiction_id');
  }

  async actorFor(session: SessionTable): Promise<Actor | undefined> {
    const row = await this.#placedUsers()
      .select([
        'app_user.id',
        'app_user.username',
        'app_user.display_name',
        'app_user.department_id',
        'app_user.status',
        'j.path',
      ])
      .where('app_user.id', '=', session.user_id)
      .executeTakeFirst();
    if (row?.status !== 'active') return undefined;
    return {
      kind: 'user',
      id: row.id,
      name: row.username,
      // What the timelines and case records show of the person; the audit trail keeps the account.
      displayName: row.display_name.trim() || row.username,
      departmentId: row.department_id,
      jurisdictionPath: row.path,
      roles: await this.#roles(row.id),
      sessionId: session.id,
    };
  }

  async me(userId: string): Promise<Me> {
    const row = await this.#placedUsers()
      .select([
        'app_user.id',
        'app_user.username',
        'app_user.display_name',
        'app_user.totp_enabled',
        'd.id as department_id',
        'd.name as department_name',
        'j.id as jurisdiction_id',
        'j.name as jurisdiction_name',
        'j.level as jurisdiction_level',
      ])
      .where('app_user.id', '=', userId)
      .executeTakeFirstOrThrow();
    const roles = await this.#roles(userId);
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      department: { id: row.department_id, name: row.department_name },
      jurisdiction: { id: row.jurisdiction_id, name: row.jurisdiction_name, level: row.jurisdiction_level },
      roles,
      totpEnabled: row.totp_enabled === 1,
      permissions: knownActions().filter((action) =>
        roles.some((role) => policyOf(action)[role] !== undefined),
      ),
    };
  }

  async changePassword(
    ctx: AuditContext,
    session: SessionTable,
    currentPassword: string,
    newPassword: string,
  ): Promise<SignInState> {
    if (session.stage !== 'password_change' && session.stage !== 'done') {
      throw OrgErrors.error('AUTH_STAGE_INVALID', { stage: session.stage });
    }
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', session.user_id)
      .executeTakeFirstOrThrow();
    if (!user.password_hash || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw OrgErrors.error('AUTH_INVALID_CREDENTIALS', { field: '/body/currentPassword' });
    }
    checkPasswordStrength(newPassword, user.username);
    if (newPassword === currentPassword)
      throw OrgErrors.error('AUTH_PASSWORD_REUSED', { field: '/body/newPassword' });
    const hash = await hashPassword(newPassword);
    const roles = await this.#roles(user.id);
    const stage =
      session.stage === 'done'
        ? 'done'
        : // The password step comes after an enrolled second factor was verified.
          this.#nextStage(user, roles, { passwordChanged: true, totpVerified: true });
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          password_hash: hash,
          must_change_password: 0,
          password_changed_at: now,
          updated_at: now,
          ...(stage === 'done' ? { last_login_at: now } : {}),
        })
        .where('id', '=', user.id)
        .execute();
      // Other sessions of this account end: whoever knew the old password is out.
      await trx
        .deleteFrom('user_session')
        .where('user_id', '=', user.id)
        .where('id', '!=', session.id)
        .execute();
      await trx.updateTable('user_session').set({ stage }).where('id', '=', session.id).execute();
      await this.audit.record(trx, ctx, {
        action: 'auth.passwordChange',
        targetType: 'user',
        targetId: user.id,
      });
    });
    return this.state(user.id, stage);
  }

  /**
   * Starts binding a TOTP app. During sign-in (stage `totp_enrol`) the password was just given;
   * a signed-in person replacing the factor proves the password again, and the current code when a
   * factor is bound, so a borrowed or stolen session cannot move the second factor to its own phone.
   */
  async startTotpEnrolment(
    ctx: AuditContext,
    session: SessionTable,
    proof?: FactorProof,
  ): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    // Once signed in, only the replacement route (which carries the proof) starts an enrolment.
    const allowed = proof ? session.stage === 'done' : session.stage === 'totp_enrol';
    if (!allowed) throw OrgErrors.error('AUTH_STAGE_INVALID', { stage: session.stage });
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', session.user_id)
      .executeTakeFirstOrThrow();
    if (proof) await this.#proveFactor(ctx, session, user, proof);
    const secret = authenticator.generateSecret(20);
    const otpauthUrl = authenticator.keyuri(user.username, 'govshare 政务共享平台', secret);
    await this.sessions.update(session.id, { pending_totp_secret: this.box.seal(secret) });
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  }

  async #proveFactor(ctx: AuditContext, session: SessionTable, user: UserTable, proof: FactorProof) {
    const refuse = async (error: AppError): Promise<never> => {
      // A wrong proof counts toward the lockout like a wrong password at sign-in.
      const failure = await this.#failure(ctx, user, user.username, 'password');
      if (failure.code === 'AUTH_ACCOUNT_LOCKED') {
        await this.sessions.end(session.id);
        throw failure;
      }
      throw error;
    };
    const passwordOk =
      proof.currentPassword !== undefined &&
      user.password_hash !== null &&
      (await verifyPassword(user.password_hash, proof.currentPassword));
    if (!passwordOk)
      await refuse(OrgErrors.error('AUTH_INVALID_CREDENTIALS', { field: '/body/currentPassword' }));
    if (user.totp_enabled !== 1 || user.totp_secret === null) return;
    const step = proof.code === undefined ? undefined : totpStep(proof.code, this.box.open(user.totp_secret));
    if (step === undefined || !(await claimTotpStep(this.db, user.id, step)))
      await refuse(OrgErrors.error('AUTH_TOTP_INVALID', { field: '/body/code' }));
  }

  async confirmTotpEnrolment(ctx: AuditContext, session: SessionTable, code: string): Promise<SignInState> {
    if (!session.pending_totp_secret) throw OrgErrors.error('AUTH_TOTP_NOT_STARTED');
    const secret = this.box.open(session.pending_totp_secret);
    const step = totpStep(code, secret);
    if (step === undefined) throw OrgErrors.error('AUTH_TOTP_INVALID', { field: '/body/code' });
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          totp_secret: session.pending_totp_secret,
          totp_enabled: 1,
          // The confirming code is spent: it cannot sign in a second time.
          totp_last_step: step,
          last_login_at: now,
          updated_at: now,
        })
        .where('id', '=', session.user_id)
        .execute();
      await trx
        .updateTable('user_session')
        .set({ stage: 'done', pending_totp_secret: null })
        .where('id', '=', session.id)
        .execute();
      await this.audit.record(trx, ctx, {
        action: 'auth.totpEnrol',
        targetType: 'user',
        targetId: session.user_id,
      });
    });
    return this.state(session.user_id, 'done');
  }

  async verifyTotp(ctx: AuditContext, session: SessionTable, code: string): Promise<SignInState> {
    if (session.stage !== 'totp_verify')
      throw OrgErrors.error('AUTH_STAGE_INVALID', { stage: session.stage });
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', session.user_id)
      .executeTakeFirstOrThrow();
    const step = user.totp_secret === null ? undefined : totpStep(code, this.box.open(user.totp_secret));
    const now = this.clock.now().toISOString();
    const next = this.#nextStage(user, await this.#roles(user.id), {
      passwordChanged: false,
      totpVerified: true,
    });
    const accepted =
      step !== undefined &&
      (await this.db.transaction().execute(async (trx) => {
        if (!(await claimTotpStep(trx, user.id, step))) return false;
        await trx
          .updateTable('app_user')
          .set({ failed_logins: 0, ...(next === 'done' ? { last_login_at: now } : {}) })
          .where('id', '=', user.id)
          .execute();
        await trx.updateTable('user_session').set({ stage: next }).where('id', '=', session.id).execute();
        await this.audit.record(trx, ctx, {
          action: 'auth.totpVerify',
          targetType: 'user',
          targetId: user.id,
        });
        return true;
      }));
    if (!accepted) {
      // A wrong second factor counts toward the lockout like a wrong password.
      const error = await this.#failure(ctx, user, user.username, 'password');
      if (error.code === 'AUTH_ACCOUNT_LOCKED') {
        await this.sessions.end(session.id);
        throw error;
      }
      throw OrgErrors.error('AUTH_TOTP_INVALID', { field: '/body/code' });
    }
    return this.state(user.id, next);
  }

  async logout(ctx: AuditContext, session: SessionTable): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_session').where('id', '=', session.id).execute();
      await this.audit.record(trx, ctx, {
        action: 'auth.logout',
        targetType: 'user',
        targetId: session.user_id,
      });
    });
  }
}
