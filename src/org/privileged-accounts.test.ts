import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { policyOf } from './authz/index.js';
import { isPrivileged, PRIVILEGED_ROLES } from './dual-control/rules.js';
import { OrgActions } from './policies.js';
import { ROLES } from './roles.js';
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

describe('issue 12: privileged roles come from the permission table', () => {
  it('the three administrators and every role that reads the audit trail are privileged, no other', () => {
    const readsTrail = ROLES.filter((r) => policyOf(OrgActions['audit.read'])[r] !== undefined);
    expect(readsTrail).toContain('authority');
    expect([...PRIVILEGED_ROLES].sort()).toEqual(
      [...new Set(['operator', 'security_admin', 'auditor', ...readsTrail])].sort(),
    );
    expect(isPrivileged(['dept_user', 'resource_admin'])).toBe(false);
    expect(isPrivileged(['resource_admin', 'authority'])).toBe(true);
  });
});

/**
 * Issue 12, the last gaps of separation of duties (三员分立): the security administrator alone
 * could reset a department `authority` account (which reads its jurisdiction's audit trail, the
 * auditor's power), or grant that role, and sign in as a puppet auditor; the operator alone could
 * redirect an administrator's e-mailed notices. Acts on privileged accounts, and granting a
 * privileged role, now wait for a second administrator of another kind.
 */
describe.each(DIALECTS)('issue 12: privileged accounts need a second administrator, on %s', (dialect) => {
  let w: OrgWorld;
  let departmentId: string;
  let sec2: OrgClient;
  let op2: OrgClient;
  const id = {} as Record<'sysadmin' | 'secadmin' | 'auditadmin', string>;

  const row = (userId: string) =>
    w.platform.storage.db
      .selectFrom('app_user')
      .select(['password_hash', 'email', 'phone', 'display_name', 'totp_enabled', 'status'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
  const roles = async (userId: string) =>
    (
      await w.platform.storage.db
        .selectFrom('user_role')
        .select('role')
        .where('user_id', '=', userId)
        .orderBy('role')
        .execute()
    ).map((r) => r.role);
  /** Neither the requester nor a second holder of its role can approve; the request still waits. */
  const nobodyAloneApproves = async (requestId: string, requester: OrgClient, peer: OrgClient) => {
    expect((await decideRequest(requester, requestId, 'approve')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_SELF_APPROVAL',
    );
    expect((await decideRequest(peer, requestId, 'approve')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_SAME_ROLE',
    );
    expect(
      (await w.auditadmin.request('GET', `/api/v1/dual-control-requests/${requestId}`)).body.status,
    ).toBe('pending');
  };

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    departmentId = await createDepartment(w.platform, '示范市统计局', USCCS[4], w.city.id);
    id.sysadmin = await signedInId(w.sysadmin);
    id.secadmin = await signedInId(w.secadmin);
    id.auditadmin = await signedInId(w.auditadmin);
    await createUser(w.platform, 'pa_sec2', w.cityDepartmentId, ['security_admin']);
    sec2 = await signedIn(w.platform, 'pa_sec2');
    await createUser(w.platform, 'pa_op2', w.cityDepartmentId, ['operator']);
    op2 = await signedIn(w.platform, 'pa_op2');
  });
  afterAll(() => w.t.close());

  it('attack: the security administrator resets an authority account without TOTP to take it over — waits; with approval the requester collects', async () => {
    // An authority account that has not enrolled its second factor yet.
    const target = await createUser(w.platform, 'pa_authority', departmentId, ['authority']);
    const before = await row(target);
    expect(before.totp_enabled).toBe(0);
    const reset = await w.secadmin.request('POST', `/api/v1/users/${target}/reset-password`);
    expect(reset.status).toBe(202);
    expect(reset.body.initialPassword).toBeUndefined();
    expect(reset.body.request).toMatchObject({
      action: 'reset_password',
      status: 'pending',
      target: { id: target },
      requestedByRole: 'security_admin',
    });
    expect(await row(target)).toEqual(before);
    // The owner still signs in with the old password: nothing was reset.
    const owner = new OrgClient(w.platform);
    const ownerLogin = await owner.request('POST', '/api/v1/auth/login', {
      username: 'pa_authority',
      password: PASSWORD,
    });
    expect(ownerLogin.status).toBe(200);
    await nobodyAloneApproves(reset.body.request.id, w.secadmin, sec2);
    expect((await decideRequest(w.secadmin, reset.body.request.id, 'collect')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_NOT_PENDING',
    );

    const approved = await decideRequest(w.sysadmin, reset.body.request.id, 'approve');
    expect(approved.body.status).toBe('approved');
    expect((await decideRequest(w.sysadmin, reset.body.request.id, 'collect')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_NOT_FOUND',
    );
    const collected = await decideRequest(w.secadmin, reset.body.request.id, 'collect');
    expect(collected.status).toBe(200);
    expect((await row(target)).password_hash).not.toBe(before.password_hash);
    const signIn = await new OrgClient(w.platform).request('POST', '/api/v1/auth/login', {
      username: 'pa_authority',
      password: collected.body.initialPassword,
    });
    expect(signIn.status).toBe(200);
    // The owner and every auditor heard of each step.
    for (const who of [target, id.auditadmin])
      expect(await noticeKindsOf(w.platform, who)).toEqual(
        expect.arrayContaining([
          'org.dual_control.request',
          'org.dual_control.approve',
          'org.dual_control.execute',
        ]),
      );
  });

  it('every other act on an authority account waits too: TOTP reset, unlock, role change, disabling', async () => {
    const target = await createUser(w.platform, 'pa_authority2', departmentId, ['authority']);
    const own = await signedIn(w.platform, 'pa_authority2');
    const before = { ...(await row(target)), roles: await roles(target) };
    const asks = [
      await w.secadmin.request('POST', `/api/v1/users/${target}/reset-totp`),
      await w.secadmin.request('POST', `/api/v1/users/${target}/unlock`),
      await w.secadmin.request('PUT', `/api/v1/users/${target}/roles`, { roles: ['dept_user'] }),
      await w.sysadmin.request('PATCH', `/api/v1/users/${target}`, { status: 'disabled' }),
    ];
    expect(asks.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(asks.map((a) => a.body.request.action)).toEqual([
      'reset_totp',
      'unlock',
      'set_roles',
      'set_status',
    ]);
    expect({ ...(await row(target)), roles: await roles(target) }).toEqual(before);
    // The authority itself holds no separated role: it decides nothing, not even about itself.
    for (const a of asks) expect((await decideRequest(own, a.body.request.id, 'approve')).status).toBe(403);
    expect((await own.request('GET', '/api/v1/auth/me')).body.me.id).toBe(target);
  });

  it('attack: the security administrator grants the authority role to a department user — waits; the requester cannot approve; an auditor’s approval carries it out', async () => {
    const plain = await createUser(w.platform, 'pa_plain', departmentId, ['dept_user']);
    const grant = await w.secadmin.request('PUT', `/api/v1/users/${plain}/roles`, {
      roles: ['dept_user', 'authority'],
    });
    expect(grant.status).toBe(202);
    expect(grant.body.request).toMatchObject({
      action: 'set_roles',
      payload: { roles: ['dept_user', 'authority'] },
    });
    expect(await roles(plain)).toEqual(['dept_user']);
    await nobodyAloneApproves(grant.body.request.id, w.secadmin, sec2);
    const approved = await decideRequest(w.auditadmin, grant.body.request.id, 'approve');
    expect(approved.body.status).toBe('executed');
    expect(await roles(plain)).toEqual(['authority', 'dept_user']);
    expect(await noticeKindsOf(w.platform, plain)).toEqual(
      expect.arrayContaining(['org.dual_control.execute']),
    );
  });

  it('attack: nobody alone creates an account holding the authority role; the only way is a bare account, then a grant under dual control', async () => {
    const body = { username: 'pa-puppet', displayName: '傀儡主管部门', departmentId, roles: ['authority'] };
    for (const admin of [w.secadmin, w.sysadmin, w.auditadmin]) {
      const res = await admin.request('POST', '/api/v1/users', body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await w.platform.services.users.findIdByUsername('pa-puppet')).toBeUndefined();
    const { roles: _, ...bare } = body;
    const created = await w.sysadmin.request('POST', '/api/v1/users', bare);
    expect(created.status).toBe(201);
    expect(created.body.user.roles).toEqual([]);
    const grant = await w.secadmin.request('PUT', `/api/v1/users/${created.body.user.id}/roles`, {
      roles: ['authority'],
    });
    expect(grant.status).toBe(202);
    expect(await roles(created.body.user.id)).toEqual([]);
    expect((await decideRequest(w.sysadmin, grant.body.request.id, 'approve')).body.status).toBe('executed');
    expect(await roles(created.body.user.id)).toEqual(['authority']);
  });

  it('attack: the operator changes the auditor’s or an authority’s e-mail and phone — waits; the name changes at once; with approval it is changed', async () => {
    const authority = await createUser(w.platform, 'pa_authority3', departmentId, ['authority']);
    for (const target of [id.auditadmin, authority]) {
      const before = await row(target);
      const res = await w.sysadmin.request('PATCH', `/api/v1/users/${target}`, {
        email: 'attacker@example.com',
        phone: '13800000000',
        displayName: '新名字',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.request).toMatchObject({
        action: 'set_contact',
        status: 'pending',
        payload: { email: 'attacker@example.com', phone: '13800000000' },
        requestedByRole: 'operator',
      });
      const after = await row(target);
      expect(after).toEqual({ ...before, display_name: '新名字' });
      await nobodyAloneApproves(res.body.request.id, w.sysadmin, op2);
      for (const who of [target, id.auditadmin])
        expect(await noticeKindsOf(w.platform, who)).toContain('org.dual_control.request');
    }
    // The auditor cannot approve the change of its own address; the security administrator can.
    const asked = (
      await w.auditadmin.request('GET', '/api/v1/dual-control-requests?status=pending&limit=100')
    ).body.items.filter((r: { action: string }) => r.action === 'set_contact') as {
      id: string;
      target: { id: string };
    }[];
    expect(asked).toHaveLength(2);
    const onAuditor = asked.find((r) => r.target.id === id.auditadmin);
    expect((await decideRequest(w.auditadmin, onAuditor?.id as string, 'approve')).body.error.code).toBe(
      'ORG_DUAL_CONTROL_SELF_APPROVAL',
    );
    for (const r of asked)
      expect((await decideRequest(w.secadmin, r.id, 'approve')).body.status).toBe('executed');
    for (const target of [id.auditadmin, authority])
      expect(await row(target)).toMatchObject({ email: 'attacker@example.com', phone: '13800000000' });
  });

  it('an ordinary department account is still reset, granted a department role and edited by one administrator, and its owner is told', async () => {
    const plain = await createUser(w.platform, 'pa_ordinary', departmentId, ['dept_user']);
    const before = await row(plain);
    const reset = await w.secadmin.request('POST', `/api/v1/users/${plain}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.initialPassword).toEqual(expect.any(String));
    expect((await row(plain)).password_hash).not.toBe(before.password_hash);
    const grant = await w.secadmin.request('PUT', `/api/v1/users/${plain}/roles`, {
      roles: ['resource_admin'],
    });
    expect(grant.status).toBe(200);
    expect(grant.body.roles).toEqual(['resource_admin']);
    const edit = await w.sysadmin.request('PATCH', `/api/v1/users/${plain}`, { email: 'new@example.com' });
    expect(edit.status).toBe(200);
    expect(edit.body.email).toBe('new@example.com');
    expect((await noticeKindsOf(w.platform, plain)).filter((k) => k === 'org.account_act')).toHaveLength(2);
  });
});
