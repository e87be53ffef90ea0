import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { Role } from '../roles.js';
import {
  createUser,
  OrgClient,
  type OrgWorld,
  PASSWORD,
  signedIn,
  startOrgWorld,
} from '../test-support/index.js';

const MINUTE = 60_000;

describe.each(DIALECTS)('R90 sign-in, second factor and sessions on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let w: OrgWorld;
  let departmentId: string;
  const totp = new Map<string, string>();

  const fresh = () => new OrgClient(w.platform);
  const login = (username: string, password: string, client = fresh()) =>
    client.request('POST', '/api/v1/auth/login', { username, password });
  const db = () => w.platform.storage.db;
  const userRow = (username: string) =>
    db().selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  /** An administrator signed in now: sessions of earlier tests may have idled out on the moved clock. */
  const admin = async (username: 'op_auth' | 'sec_auth') => {
    const client = fresh();
    await client.signIn(username, PASSWORD, totp.get(username));
    return client;
  };
  /** Fails maxFailures times; the sign-in answer never says "locked" (it would reveal the name exists). */
  const lockOut = async (username: string) => {
    for (let i = 1; i <= w.platform.config.login.maxFailures; i++) {
      const res = await login(username, 'Wr0ng!Password');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    expect((await userRow(username)).locked_until).not.toBeNull();
  };
  const otherCode = () => authenticator.generate(authenticator.generateSecret(20));

  beforeAll(async () => {
    w = await startOrgWorld(dialect, { clock });
    departmentId = w.cityDepartmentId;
    for (const [username, role] of [
      ['op_auth', 'operator'],
      ['sec_auth', 'security_admin'],
    ] as const) {
      await createUser(w.platform, username, departmentId, [role]);
      totp.set(username, (await fresh().signIn(username, PASSWORD)).totpSecret as string);
    }
  });
  afterAll(() => w.t.close());

  it('R90 signs in with username and password; a wrong password and an unknown user are refused alike', async () => {
    await createUser(w.platform, 'alice', departmentId, ['dept_user']);
    expect((await fresh().request('GET', '/api/v1/departments')).body.error.code).toBe('UNAUTHENTICATED');
    const client = fresh();
    const res = await login('alice', PASSWORD, client);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'done', me: { username: 'alice', roles: ['dept_user'] } });
    expect(res.headers['set-cookie']).toMatch(/HttpOnly/);
    expect((await client.request('GET', '/api/v1/departments')).status).toBe(200);
    for (const [username, password] of [
      ['alice', 'Wr0ng!Password'],
      ['nobody', PASSWORD],
    ] as const) {
      const refused = await login(username, password);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
  });

  it('R90 a one-time password must be changed first, to one that passes the complexity rule', async () => {
    const created = await (await admin('op_auth')).request('POST', '/api/v1/users', {
      username: 'bob',
      displayName: '鲍勃',
      departmentId,
    });
    expect(created.status).toBe(201);
    const granted = await (await admin('sec_auth')).request(
      'PUT',
      `/api/v1/users/${created.body.user.id}/roles`,
      { roles: ['dept_user'] },
    );
    expect(granted.status).toBe(200);
    const oneTime = created.body.initialPassword as string;
    const client = fresh();
    expect((await login('bob', oneTime, client)).body).toEqual({ stage: 'password_change' });
    const blocked = await client.request('GET', '/api/v1/departments');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('AUTH_SIGN_IN_INCOMPLETE');
    expect((await client.request('GET', '/api/v1/auth/me')).body).toEqual({ stage: 'password_change' });

    const change = (currentPassword: string, newPassword: string) =>
      client.request('POST', '/api/v1/auth/password', { currentPassword, newPassword });
    expect((await change('Wr0ng!Password', 'Good!Passw0rd1')).body.error.code).toBe(
      'AUTH_INVALID_CREDENTIALS',
    );
    for (const weak of ['Sh0rt!pw', 'alllowercase123', 'Xx9!bobby-Secret']) {
      const res = await change(oneTime, weak);
      expect(res.status, weak).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'AUTH_PASSWORD_WEAK', field: '/body/newPassword' });
    }
    expect((await change(oneTime, oneTime)).body.error.code).toBe('AUTH_PASSWORD_REUSED');
    expect((await change(oneTime, 'Good!Passw0rd1')).body).toMatchObject({
      stage: 'done',
      me: { username: 'bob' },
    });
    expect((await client.request('GET', '/api/v1/departments')).status).toBe(200);
    expect((await login('bob', oneTime)).status).toBe(401);
    expect((await login('bob', 'Good!Passw0rd1')).body.stage).toBe('done');
  });

  it('R90 locks the account after config.login.maxFailures failures, even for the right password, until the lock passes', async () => {
    await createUser(w.platform, 'carol', departmentId, ['dept_user']);
    await lockOut('carol');
    const right = await login('carol', PASSWORD);
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    clock.advance((w.platform.config.login.lockMinutes - 1) * MINUTE);
    expect((await login('carol', PASSWORD)).status).toBe(401);
    clock.advance(2 * MINUTE);
    expect((await login('carol', PASSWORD)).status).toBe(200);
  });

  it('R90 the security administrator unlocks a locked account', async () => {
    const id = await createUser(w.platform, 'dave', departmentId, ['dept_user']);
    await lockOut('dave');
    const sec = await admin('sec_auth');
    expect((await sec.request('GET', `/api/v1/users/${id}`)).body.locked).toBe(true);
    const unlocked = await sec.request('POST', `/api/v1/users/${id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect((await login('dave', PASSWORD)).status).toBe(200);
  });

  it('R90 a disabled account cannot sign in', async () => {
    const id = await createUser(w.platform, 'dora', departmentId, ['dept_user']);
    expect(
      (await (await admin('op_auth')).request('PATCH', `/api/v1/users/${id}`, { status: 'disabled' })).status,
    ).toBe(200);
    const res = await login('dora', PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('R90 TOTP is required for operator, security_admin, auditor and authority, not for resource_admin or dept_user', async () => {
    const expected: Record<Role, string> = {
      operator: 'totp_enrol',
      security_admin: 'totp_enrol',
      auditor: 'totp_enrol',
      authority: 'totp_enrol',
      resource_admin: 'done',
      dept_user: 'done',
    };
    for (const [role, stage] of Object.entries(expected) as [Role, string][]) {
      await createUser(w.platform, `second_${role}`, departmentId, [role]);
      const client = fresh();
      expect((await login(`second_${role}`, PASSWORD, client)).body.stage, role).toBe(stage);
      const departments = await client.request('GET', '/api/v1/departments');
      expect(departments.status, role).toBe(stage === 'done' ? 200 : 403);
    }
  });

  it('R90 TOTP enrolment gives a QR data URL and an otpauth URL; a code from another secret is refused', async () => {
    await createUser(w.platform, 'gina', departmentId, ['operator']);
    const client = fresh();
    await login('gina', PASSWORD, client);
    expect(
      (await client.request('POST', '/api/v1/auth/totp/confirm', { code: '123456' })).body.error.code,
    ).toBe('AUTH_TOTP_NOT_STARTED');
    const enrol = await client.request('POST', '/api/v1/auth/totp/enrol');
    expect(enrol.status).toBe(200);
    const secret = enrol.body.secret as string;
    expect(enrol.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrol.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*gina/);
    expect(enrol.body.otpauthUrl).toContain(`secret=${secret}`);
    const wrong = await client.request('POST', '/api/v1/auth/totp/confirm', { code: otherCode() });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('AUTH_TOTP_INVALID');
    const confirmed = await client.request('POST', '/api/v1/auth/totp/confirm', {
      code: authenticator.generate(secret),
    });
    expect(confirmed.body).toMatchObject({ stage: 'done', me: { totpEnabled: true, roles: ['operator'] } });

    const again = fresh();
    expect((await login('gina', PASSWORD, again)).body).toEqual({ stage: 'totp_verify' });
    expect((await again.request('GET', '/api/v1/users')).body.error.code).toBe('AUTH_SIGN_IN_INCOMPLETE');
    expect(
      (await again.request('POST', '/api/v1/auth/totp/verify', { code: otherCode() })).body.error.code,
    ).toBe('AUTH_TOTP_INVALID');
    // The confirming code is spent; the next step's code (inside the accepted window) signs in.
    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    expect((await again.request('POST', '/api/v1/auth/totp/verify', { code: next })).body.stage).toBe('done');
  });

  it('R90 a wrong TOTP code counts toward the lockout, also across a fresh password sign-in', async () => {
    await createUser(w.platform, 'erin', departmentId, ['authority']);
    const secret = (await fresh().signIn('erin', PASSWORD)).totpSecret as string;
    const max = w.platform.config.login.maxFailures;
    const client = fresh();
    expect((await login('erin', PASSWORD, client)).body.stage).toBe('totp_verify');
    for (let i = 1; i < max; i++) {
      const res = await client.request('POST', '/api/v1/auth/totp/verify', { code: otherCode() });
      expect(res.body.error.code).toBe('AUTH_TOTP_INVALID');
    }
    // Signing in with the password again must not give the guesser a fresh budget of codes.
    const retry = fresh();
    expect((await login('erin', PASSWORD, retry)).body.stage).toBe('totp_verify');
    const locked = await retry.request('POST', '/api/v1/auth/totp/verify', { code: otherCode() });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect((await retry.request('GET', '/api/v1/auth/me')).body.error.code).toBe('AUTH_SESSION_EXPIRED');
    expect((await login('erin', PASSWORD)).status).toBe(401);
    clock.advance((w.platform.config.login.lockMinutes + 1) * MINUTE);
    const after = fresh();
    await after.signIn('erin', PASSWORD, secret);
    expect((await after.request('GET', '/api/v1/auth/me')).body.stage).toBe('done');
  });

  it('R90 after a password reset the second factor stays, and is asked before the new password', async () => {
    // It enrols its second factor as an authority, then holds a department role only: a department
    // account with TOTP, reset at once by one administrator (an authority account waits for dual control).
    const id = await createUser(w.platform, 'hank', departmentId, ['authority']);
    const { totpSecret } = await fresh().signIn('hank', PASSWORD);
    await db().updateTable('user_role').set({ role: 'resource_admin' }).where('user_id', '=', id).execute();
    const reset = await (await admin('sec_auth')).request('POST', `/api/v1/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    const client = fresh();
    // Whoever holds the one-time password cannot set a new one without the owner's device.
    expect((await login('hank', reset.body.initialPassword, client)).body.stage).toBe('totp_verify');
    const early = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: reset.body.initialPassword,
      newPassword: 'Fresh!Passw0rd2',
    });
    expect(early.body.error.code).toBe('AUTH_STAGE_INVALID');
    await db().updateTable('app_user').set({ totp_last_step: null }).where('id', '=', id).execute();
    const verified = await client.request('POST', '/api/v1/auth/totp/verify', {
      code: authenticator.generate(totpSecret as string),
    });
    expect(verified.body).toEqual({ stage: 'password_change' });
    expect((await client.request('GET', '/api/v1/users')).body.error.code).toBe('AUTH_SIGN_IN_INCOMPLETE');
    const changed = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: reset.body.initialPassword,
      newPassword: 'Fresh!Passw0rd2',
    });
    expect(changed.body.stage).toBe('done');
  });

  it('R96 a session ends after config.session.idleMinutes without use', async () => {
    const idle = w.platform.config.session.idleMinutes;
    await createUser(w.platform, 'ivy', departmentId, ['dept_user']);
    const client = await signedIn(w.platform, 'ivy');
    clock.advance((idle - 1) * MINUTE);
    expect((await client.request('GET', '/api/v1/departments')).status).toBe(200);
    clock.advance((idle - 1) * MINUTE);
    expect((await client.request('GET', '/api/v1/departments')).status).toBe(200);
    clock.advance((idle + 1) * MINUTE);
    const expired = await client.request('GET', '/api/v1/departments');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('R90 logout ends the session on the server, not only in the browser', async () => {
    await createUser(w.platform, 'jack', departmentId, ['dept_user']);
    const client = await signedIn(w.platform, 'jack');
    const cookie = client.cookie;
    expect((await client.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    client.cookie = cookie;
    const res = await client.request('GET', '/api/v1/departments');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('R90 failed and successful sign-ins leave auth.login rows in the audit trail', async () => {
    await createUser(w.platform, 'kate', departmentId, ['dept_user']);
    const client = fresh();
    await login('kate', 'Wr0ng!Password', client);
    await login('kate', PASSWORD, client);
    await login('ghost', PASSWORD, client);
    const rows = await db()
      .selectFrom('audit_entry')
      .select(['actor_name', 'outcome', 'detail', 'client_ip'])
      .where('action', '=', 'auth.login')
      .where('actor_name', 'in', ['kate', 'ghost'])
      .execute();
    const summary = rows.map((r) => [
      r.actor_name,
      r.outcome,
      JSON.parse(r.detail).reason ?? JSON.parse(r.detail).stage,
    ]);
    expect(summary.sort()).toEqual([
      ['ghost', 'failure', 'unknown'],
      ['kate', 'failure', 'password'],
      ['kate', 'success', 'done'],
    ]);
    expect(rows.every((r) => r.client_ip === client.ip)).toBe(true);
  });

  it('R96 passwords, TOTP secrets and session tokens are never stored in clear', async () => {
    await createUser(w.platform, 'lucy', departmentId, ['authority']);
    const client = fresh();
    const { totpSecret } = await client.signIn('lucy', PASSWORD);
    const row = await userRow('lucy');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(row.totp_secret).toMatch(/^v1\.sm\./);
    expect(row.totp_secret).not.toContain(totpSecret);
    const token = client.cookie.split('=')[1] as string;
    const sessions = await db()
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', row.id)
      .execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((s) => s.id)).not.toContain(token);
  });
});
