import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  createUser,
  type OrgClient,
  type OrgWorld,
  signedIn,
  signedInId,
  startOrgWorld,
} from './test-support/index.js';

type Kind = 'operator' | 'security_admin' | 'auditor';
type Act = 'reset-password' | 'reset-totp' | 'unlock' | 'roles' | 'disable';
const KINDS: Kind[] = ['operator', 'security_admin', 'auditor'];
const ACTS: Act[] = ['reset-password', 'reset-totp', 'unlock', 'roles', 'disable'];

/** What an administrator of one kind gets for an act on another administrator's account. */
function expected(actor: Kind, act: Act, self: boolean): { status: number; code?: string } {
  if (actor === 'auditor') return { status: 403, code: 'FORBIDDEN' };
  if (actor === 'operator')
    return act === 'disable'
      ? self
        ? { status: 403, code: 'ORG_SELF_ACTION' }
        : { status: 202 }
      : { status: 403, code: 'FORBIDDEN' };
  // security_admin
  if (act === 'disable') return { status: 403, code: 'FORBIDDEN' };
  if (self) return { status: 403, code: act === 'roles' ? 'ORG_ROLE_SELF_GRANT' : 'ORG_SELF_ACTION' };
  // Having asked for the password reset, the same administrator may not also ask for the TOTP reset.
  if (act === 'reset-totp') return { status: 403, code: 'ORG_FACTOR_RESET_SAME_ADMIN' };
  return { status: 202 };
}

/**
 * Issue 12, every path from one of the three administrators (三员) to another's powers: each kind
 * of administrator tries each account act (password reset, TOTP reset, unlock, role change,
 * disabling) on an account of each kind and on its own. None takes effect alone: it is refused,
 * or it waits for a second administrator of another kind, and the account is unchanged.
 */
describe.each(DIALECTS)('issue 12: no administrator reaches another’s powers alone, on %s', (dialect) => {
  let w: OrgWorld;
  const actors = {} as Record<Kind, OrgClient & { userId: string }>;
  /** Targets of each kind, one per acting kind (so that requests of different actors never clash). */
  const targets = {} as Record<Kind, Record<Kind, string>>;
  /** A second holder of each kind who is never a target: the "same role" approver. */
  const peers = {} as Record<Kind, OrgClient>;
  const pending: { id: string; requester: Kind; target: string }[] = [];
  /** Each target's own signed-in session. */
  const sessions = new Map<string, OrgClient>();

  const state = async (userId: string) => {
    const user = await w.platform.storage.db
      .selectFrom('app_user')
      .select([
        'password_hash',
        'totp_enabled',
        'totp_secret',
        'status',
        'locked_until',
        'must_change_password',
      ])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const roles = await w.platform.storage.db
      .selectFrom('user_role')
      .select('role')
      .where('user_id', '=', userId)
      .orderBy('role')
      .execute();
    const sessions = await w.platform.storage.db
      .selectFrom('user_session')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { ...user, roles: roles.map((r) => r.role), sessions: Number(sessions.n) };
  };
  const attempt = (as: OrgClient, act: Act, target: string, targetKind: Kind) => {
    switch (act) {
      case 'roles':
        return as.request('PUT', `/api/v1/users/${target}/roles`, {
          roles: [targetKind === 'auditor' ? 'operator' : 'auditor'],
        });
      case 'disable':
        return as.request('PATCH', `/api/v1/users/${target}`, { status: 'disabled' });
      default:
        return as.request('POST', `/api/v1/users/${target}/${act}`);
    }
  };

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    const bootstrap: Record<Kind, OrgClient> = {
      operator: w.sysadmin,
      security_admin: w.secadmin,
      auditor: w.auditadmin,
    };
    for (const kind of KINDS) {
      actors[kind] = Object.assign(bootstrap[kind], { userId: await signedInId(bootstrap[kind]) });
      targets[kind] = {} as Record<Kind, string>;
      for (const of of KINDS)
        targets[kind][of] = await createUser(w.platform, `sp_${kind}_${of}`, w.cityDepartmentId, [of]);
      await createUser(w.platform, `sp_peer_${kind}`, w.cityDepartmentId, [kind]);
      peers[kind] = await signedIn(w.platform, `sp_peer_${kind}`);
    }
    // Every target is signed in with its second factor bound, as a working administrator would be.
    for (const kind of KINDS)
      for (const of of KINDS) sessions.set(targets[kind][of], await signedIn(w.platform, `sp_${kind}_${of}`));
  });
  afterAll(() => w.t.close());

  for (const actor of KINDS) {
    it(`the ${actor} acting alone on each kind of administrator account changes nothing`, async () => {
      for (const of of KINDS) {
        const target = targets[actor][of];
        const before = await state(target);
        for (const act of ACTS) {
          const res = await attempt(actors[actor], act, target, of);
          const want = expected(actor, act, false);
          const label = `${actor} ${act} ${of}: ${JSON.stringify(res.body)}`;
          expect(res.status, label).toBe(want.status);
          if (want.code) expect(res.body.error.code, label).toBe(want.code);
          expect(JSON.stringify(res.body), label).not.toMatch(/initialPassword|"secret"/);
          if (res.status === 202) {
            expect(res.body.request, label).toMatchObject({ status: 'pending', requestedByRole: actor });
            pending.push({ id: res.body.request.id, requester: actor, target });
          }
        }
        expect(await state(target), `${actor} on ${of}`).toEqual(before);
      }
    });

    it(`the ${actor} acting on its own account changes nothing`, async () => {
      const before = await state(actors[actor].userId);
      for (const act of ACTS) {
        const res = await attempt(actors[actor], act, actors[actor].userId, actor);
        const want = expected(actor, act, true);
        const label = `${actor} ${act} self: ${JSON.stringify(res.body)}`;
        expect(res.status, label).toBe(want.status);
        if (want.code) expect(res.body.error.code, label).toBe(want.code);
      }
      expect(await state(actors[actor].userId)).toEqual(before);
    });
  }

  it('no administrator creates an account holding an administrator role (a puppet to approve with)', async () => {
    for (const actor of KINDS) {
      for (const role of KINDS) {
        const res = await actors[actor].request('POST', '/api/v1/users', {
          username: `sp-new-${KINDS.indexOf(actor)}${KINDS.indexOf(role)}`,
          displayName: '傀儡账号',
          departmentId: w.cityDepartmentId,
          roles: [role],
        });
        expect(res.status, `${actor} creates ${role}`).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    const made = await w.platform.storage.db
      .selectFrom('app_user')
      .select('id')
      .where('username', 'like', 'sp-new-%')
      .execute();
    expect(made).toEqual([]);
  });

  it('a waiting act is approved by no one of the requester’s kind, nor by the target, nor by the requester', async () => {
    // operator: 3 disables; security administrator: password reset, unlock and role change of 3 accounts.
    expect(pending.filter((p) => p.requester === 'operator')).toHaveLength(3);
    expect(pending.filter((p) => p.requester === 'security_admin')).toHaveLength(9);
    for (const p of pending) {
      const decide = (c: OrgClient) => c.request('POST', `/api/v1/dual-control-requests/${p.id}/approve`, {});
      const own = await decide(actors[p.requester]);
      expect(own.body.error?.code, p.id).toBe('ORG_DUAL_CONTROL_SELF_APPROVAL');
      const peer = await decide(peers[p.requester]);
      expect(peer.body.error?.code, p.id).toBe('ORG_DUAL_CONTROL_SAME_ROLE');
      const target = sessions.get(p.target) as OrgClient;
      expect((await decide(target)).body.error?.code, p.id).toBe('ORG_DUAL_CONTROL_SELF_APPROVAL');
      expect((await w.sysadmin.request('GET', `/api/v1/dual-control-requests/${p.id}`)).body.status).toBe(
        'pending',
      );
    }
    // A department account may not decide at all.
    await createUser(w.platform, 'sp_plain', w.cityDepartmentId, ['resource_admin']);
    const dept = await signedIn(w.platform, 'sp_plain');
    const res = await dept.request('POST', `/api/v1/dual-control-requests/${pending[0]?.id}/approve`, {});
    expect(res.status).toBe(403);
  });
});
