import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  createDepartment,
  createUser,
  decideRequest,
  noticeKindsOf,
  OrgClient,
  type OrgWorld,
  PASSWORD,
  signedIn,
  signedInId,
  startOrgWorld,
  USCCS,
} from './test-support/index.js';

const HOUR = 60 * 60 * 1000;

/**
 * Issue 12: every path from one of the three administrators (三员) to another's powers, and the
 * dual control (双人审批) that closes it. The world's clock stands still until a test moves it.
 */
describe.each(DIALECTS)('issue 12 separation of duties cannot be walked around on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let w: OrgWorld;
  let departmentId: string;
  const id = {} as Record<'sysadmin' | 'secadmin' | 'auditadmin' | 'sec2' | 'aud2', string>;
  let sec2: OrgClient;
  let aud2: OrgClient;
  /** The password-reset request on auditadmin that the first tests walk through. */
  let resetId = '';

  const user = async (userId: string) => (await w.sysadmin.request('GET', `/api/v1/users/${userId}`)).body;
  /** What aud2, an auditor who is not the target, sees in the audit trail for an action on a user. */
  const traced = async (action: string, targetId: string) =>
    (
      (await aud2.request('GET', `/api/v1/audit/entries?action=${action}&limit=500`)).body.items as {
        target: { id: string };
        detail: Record<string, unknown>;
      }[]
    ).filter((e) => e.target?.id === targetId);
  const noticeKinds = async (c: OrgClient) =>
    ((await c.request('GET', '/api/v1/sharing/notices?pageSize=200')).body.items as { kind: string }[]).map(
      (n) => n.kind,
    );

  beforeAll(async () => {
    w = await startOrgWorld(dialect, {
      clock,
      // The expiry test moves the clock a day on; sessions must outlive it.
      config: { session: { idleMinutes: 7 * 24 * 60, absoluteHours: 30 * 24 } },
    });
    departmentId = await createDepartment(w.platform, '示范市审计局', USCCS[3], w.city.id);
    id.sysadmin = await signedInId(w.sysadmin);
    id.secadmin = await signedInId(w.secadmin);
    id.auditadmin = await signedInId(w.auditadmin);
    id.sec2 = await createUser(w.platform, 'sd_sec2', w.cityDepartmentId, ['security_admin']);
    id.aud2 = await createUser(w.platform, 'sd_aud2', w.cityDepartmentId, ['auditor']);
    sec2 = await signedIn(w.platform, 'sd_sec2');
    aud2 = await signedIn(w.platform, 'sd_aud2');
  });
  afterAll(() => w.t.close());

  it('rule 1: a password reset keeps the second factor of a department account; a TOTP reset is its own act', async () => {
    const target = await createUser(w.platform, 'sd_authority', departmentId, ['authority']);
    await new OrgClient(w.platform).signIn('sd_authority', PASSWORD);
    // It enrolled its second factor as an authority; as a resource administrator it is a department
    // account again, reset by one administrator (an authority account is privileged: privileged-accounts.test.ts).
    await w.platform.storage.db
      .updateTable('user_role')
      .set({ role: 'resource_admin' })
      .where('user_id', '=', target)
      .execute();
    const reset = await w.secadmin.request('POST', `/api/v1/users/${target}/reset-password`);
    expect(reset.status).toBe(200);
    const client = new OrgClient(w.platform);
    let step = await client.request('POST', '/api/v1/auth/login', {
      username: 'sd_authority',
      password: reset.body.initialPassword,
    });
    if (step.body.stage === 'password_change')
      step = await client.request('POST', '/api/v1/auth/password', {
        currentPassword: reset.body.initialPassword,
        newPassword: 'Fresh!Passw0rd2',
      });
    // Before issue 12 the reset cleared TOTP, and whoever held the new password enrolled their own.
    expect(step.body).toEqual({ stage: 'totp_verify' });
    expect((await user(target)).totpEnabled).toBe(true);
    const totp = await w.secadmin.request('POST', `/api/v1/users/${target}/reset-totp`);
    expect(totp.status).toBe(200);
    expect(totp.body.totpEnabled).toBe(false);
  });

  it('attack: the security administrator resets the auditor’s password — nothing happens without a second administrator of another kind', async () => {
    const res = await w.secadmin.request('POST', `/api/v1/users/${id.auditadmin}/reset-password`);
    expect(res.status).toBe(202);
    expect(res.body.initialPassword).toBeUndefined();
    expect(res.body.request).toMatchObject({
      action: 'reset_password',
      status: 'pending',
      target: { id: id.auditadmin },
      requestedBy: { id: id.secadmin },
      requestedByRole: 'security_admin',
    });
    resetId = res.body.request.id;
    // A reset would have ended the auditor's sessions.
    expect((await w.auditadmin.request('GET', '/api/v1/auth/me')).status).toBe(200);

    const own = await decideRequest(w.secadmin, resetId, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('ORG_DUAL_CONTROL_SELF_APPROVAL');
    const target = await decideRequest(w.auditadmin, resetId, 'approve');
    expect(target.body.error.code).toBe('ORG_DUAL_CONTROL_SELF_APPROVAL');
    const sameRole = await decideRequest(sec2, resetId, 'approve');
    expect(sameRole.status).toBe(403);
    expect(sameRole.body.error.code).toBe('ORG_DUAL_CONTROL_SAME_ROLE');
    const early = await decideRequest(w.secadmin, resetId, 'collect');
    expect(early.body.error.code).toBe('ORG_DUAL_CONTROL_NOT_PENDING');
    const again = await w.secadmin.request('POST', `/api/v1/users/${id.auditadmin}/reset-password`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORG_DUAL_CONTROL_DUPLICATE');
    expect((await w.sysadmin.request('GET', `/api/v1/dual-control-requests/${resetId}`)).body.status).toBe(
      'pending',
    );
  });

  it('attack: once approved, only the requester collects the one-time password, once — and signing in as the auditor still stops at its TOTP', async () => {
    const approved = await decideRequest(w.sysadmin, resetId, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { id: id.sysadmin } });
    const byApprover = await decideRequest(w.sysadmin, resetId, 'collect');
    expect(byApprover.status).toBe(404);
    const collected = await decideRequest(w.secadmin, resetId, 'collect');
    expect(collected.status).toBe(200);
    expect(collected.body.request.status).toBe('executed');
    const password = collected.body.initialPassword as string;
    expect(password.length).toBeGreaterThan(8);
    expect((await decideRequest(w.secadmin, resetId, 'collect')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_NOT_PENDING',
    );
    expect((await w.auditadmin.request('GET', '/api/v1/auth/me')).status).toBe(401);

    const intruder = new OrgClient(w.platform);
    let step = await intruder.request('POST', '/api/v1/auth/login', { username: 'auditadmin', password });
    expect(step.status).toBe(200);
    if (step.body.stage === 'password_change')
      step = await intruder.request('POST', '/api/v1/auth/password', {
        currentPassword: password,
        newPassword: 'Intrud3r!Passw0rd',
      });
    expect(step.body).toEqual({ stage: 'totp_verify' });
    const audit = await intruder.request('GET', '/api/v1/audit/entries');
    expect(audit.status).toBe(403);
    expect(audit.body.error.code).toBe('AUTH_SIGN_IN_INCOMPLETE');
    expect((await user(id.auditadmin)).totpEnabled).toBe(true);
  });

  it('attack: the same security administrator then resets the auditor’s TOTP — refused; the other factor needs other administrators', async () => {
    const same = await w.secadmin.request('POST', `/api/v1/users/${id.auditadmin}/reset-totp`);
    expect(same.status).toBe(403);
    expect(same.body.error.code).toBe('ORG_FACTOR_RESET_SAME_ADMIN');
    const other = await sec2.request('POST', `/api/v1/users/${id.auditadmin}/reset-totp`);
    expect(other.status).toBe(202);
    const requestId = other.body.request.id as string;
    // The operator approved the password reset: it may not also approve the TOTP reset.
    const approver = await decideRequest(w.sysadmin, requestId, 'approve');
    expect(approver.status).toBe(403);
    expect(approver.body.error.code).toBe('ORG_FACTOR_RESET_SAME_ADMIN');
    expect((await user(id.auditadmin)).totpEnabled).toBe(true);
    const done = await decideRequest(aud2, requestId, 'approve');
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('executed');
    expect((await user(id.auditadmin)).totpEnabled).toBe(false);
  });

  it('every step is audited and told to the account’s owner and every auditor', async () => {
    for (const action of ['dualControl.request', 'dualControl.approve', 'dualControl.execute']) {
      const entries = await traced(action, id.auditadmin);
      expect(
        entries.map((e) => e.detail.request),
        action,
      ).toContain(resetId);
    }
    const executed = await traced('user.resetPassword', id.auditadmin);
    expect(executed.at(-1)?.detail).toMatchObject({
      via: 'dual-control',
      request: resetId,
      requestedBy: id.secadmin,
      approvedBy: id.sysadmin,
      totpKept: true,
    });
    const told = ['org.dual_control.request', 'org.dual_control.approve', 'org.dual_control.execute'];
    expect(await noticeKinds(aud2)).toEqual(expect.arrayContaining(told));
    expect(await noticeKindsOf(w.platform, id.auditadmin)).toEqual(expect.arrayContaining(told));
    // Administrators who could approve hear of a request; the requester's own kind does not.
    expect(await noticeKinds(w.sysadmin)).toContain('org.dual_control.request');
    expect(await noticeKinds(sec2)).toEqual(expect.arrayContaining(['org.dual_control.execute']));
  });

  it('attack: the security administrator grants an account the operator or auditor role — waits for another kind of administrator', async () => {
    const plain = await createUser(w.platform, 'sd_plain', departmentId, ['dept_user']);
    const grant = await w.secadmin.request('PUT', `/api/v1/users/${plain}/roles`, { roles: ['operator'] });
    expect(grant.status).toBe(202);
    expect(grant.body.request).toMatchObject({ action: 'set_roles', payload: { roles: ['operator'] } });
    expect((await user(plain)).roles).toEqual(['dept_user']);
    const approved = await decideRequest(w.sysadmin, grant.body.request.id, 'approve');
    expect(approved.body.status).toBe('executed');
    expect((await user(plain)).roles).toEqual(['operator']);

    const other = await createUser(w.platform, 'sd_plain2', departmentId, ['dept_user']);
    const auditor = await w.secadmin.request('PUT', `/api/v1/users/${other}/roles`, { roles: ['auditor'] });
    expect(auditor.status).toBe(202);
    const refused = await decideRequest(w.sysadmin, auditor.body.request.id, 'refuse');
    expect(refused.body.status).toBe('refused');
    expect((await user(other)).roles).toEqual(['dept_user']);

    const self = await w.secadmin.request('PUT', `/api/v1/users/${id.secadmin}/roles`, {
      roles: ['operator'],
    });
    expect(self.body.error.code).toBe('ORG_ROLE_SELF_GRANT');
    // Department roles stay the security administrator's own act.
    const department = await w.secadmin.request('PUT', `/api/v1/users/${other}/roles`, {
      roles: ['resource_admin'],
    });
    expect(department.status).toBe(200);
    expect(department.body.roles).toEqual(['resource_admin']);
  });

  it('attack: the operator disables an auditor alone — waits for a second administrator, who may refuse', async () => {
    const auditor = await createUser(w.platform, 'sd_aud3', w.cityDepartmentId, ['auditor']);
    const asked = await w.sysadmin.request('PATCH', `/api/v1/users/${auditor}`, {
      status: 'disabled',
      displayName: '审计员三',
    });
    expect(asked.status).toBe(202);
    expect(asked.body.request).toMatchObject({ action: 'set_status', payload: { status: 'disabled' } });
    expect(asked.body.user).toMatchObject({ status: 'active', displayName: '审计员三' });
    expect((await decideRequest(w.sysadmin, asked.body.request.id, 'approve')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_SELF_APPROVAL',
    );
    expect((await decideRequest(w.secadmin, asked.body.request.id, 'refuse')).body.status).toBe('refused');
    expect((await user(auditor)).status).toBe('active');

    const again = await w.sysadmin.request('PATCH', `/api/v1/users/${auditor}`, { status: 'disabled' });
    expect(again.status).toBe(202);
    expect((await decideRequest(w.secadmin, again.body.request.id, 'approve')).body.status).toBe('executed');
    expect((await user(auditor)).status).toBe('disabled');
    // A department account is still disabled at once.
    const plain = await createUser(w.platform, 'sd_leaver', departmentId, ['dept_user']);
    expect((await w.sysadmin.request('PATCH', `/api/v1/users/${plain}`, { status: 'disabled' })).status).toBe(
      200,
    );
  });

  it('attack: the security administrator unlocks an administrator account alone — waits for approval', async () => {
    const operator = await createUser(w.platform, 'sd_op2', w.cityDepartmentId, ['operator']);
    const unlock = await w.secadmin.request('POST', `/api/v1/users/${operator}/unlock`);
    expect(unlock.status).toBe(202);
    expect(unlock.body.request.action).toBe('unlock');
    // The target cannot approve what concerns itself, even as another kind of administrator.
    const self = await signedIn(w.platform, 'sd_op2');
    expect((await decideRequest(self, unlock.body.request.id, 'approve')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_SELF_APPROVAL',
    );
    expect((await decideRequest(w.sysadmin, unlock.body.request.id, 'approve')).body.status).toBe('executed');
  });

  it('rule 4: no administrator acts on its own account through the admin routes', async () => {
    for (const path of ['reset-totp', 'unlock', 'reset-password']) {
      const res = await w.secadmin.request('POST', `/api/v1/users/${id.secadmin}/${path}`);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code, path).toBe('ORG_SELF_ACTION');
    }
    const enable = await w.sysadmin.request('PATCH', `/api/v1/users/${id.sysadmin}`, { status: 'active' });
    expect(enable.body.error.code).toBe('ORG_SELF_ACTION');
  });

  it('break-glass: the server console resets at once, keeps TOTP, and tells the owner and every auditor', async () => {
    const operator = await createUser(w.platform, 'sd_console', w.cityDepartmentId, ['operator']);
    const done = await w.platform.services.users.resetPassword(undefined, operator);
    expect('initialPassword' in done).toBe(true);
    const entries = await traced('user.resetPassword', operator);
    expect(entries.at(-1)?.detail).toMatchObject({ via: 'cli', totpKept: true });
    expect(await noticeKinds(aud2)).toContain('org.break_glass');
    expect(await noticeKindsOf(w.platform, operator)).toContain('org.break_glass');
  });

  it('attack: the operator disables the last active security administrator — refused, at request and at approval', async () => {
    const first = await w.sysadmin.request('PATCH', `/api/v1/users/${id.sec2}`, { status: 'disabled' });
    const second = await w.sysadmin.request('PATCH', `/api/v1/users/${id.secadmin}`, { status: 'disabled' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect((await decideRequest(aud2, first.body.request.id, 'approve')).body.status).toBe('executed');
    const late = await decideRequest(aud2, second.body.request.id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ORG_LAST_ADMINISTRATOR');
    expect((await user(id.secadmin)).status).toBe('active');
    // The refused approval left the request pending; withdrawn, a new request is refused at once.
    expect((await decideRequest(w.sysadmin, second.body.request.id, 'refuse')).body.status).toBe('withdrawn');
    const now = await w.sysadmin.request('PATCH', `/api/v1/users/${id.secadmin}`, { status: 'disabled' });
    expect(now.status).toBe(409);
    expect(now.body.error).toMatchObject({ code: 'ORG_LAST_ADMINISTRATOR', message: expect.any(String) });
  });

  it('an expired request cannot be approved; its expiry is audited and told', async () => {
    const target = await createUser(w.platform, 'sd_aud4', w.cityDepartmentId, ['auditor']);
    const asked = await w.secadmin.request('POST', `/api/v1/users/${target}/reset-totp`);
    expect(asked.status).toBe(202);
    clock.advance(25 * HOUR);
    const late = await decideRequest(w.sysadmin, asked.body.request.id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ORG_DUAL_CONTROL_EXPIRED');
    expect(
      (await w.sysadmin.request('GET', `/api/v1/dual-control-requests/${asked.body.request.id}`)).body.status,
    ).toBe('expired');
    expect((await traced('dualControl.expire', target)).map((e) => e.detail.request)).toContain(
      asked.body.request.id,
    );
    expect(await noticeKindsOf(w.platform, target)).toContain('org.dual_control.expire');
    const pending = await aud2.request('GET', '/api/v1/dual-control-requests?status=pending');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((r: { id: string }) => r.id)).not.toContain(asked.body.request.id);
  });
});
