import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { Role } from './roles.js';
import {
  createDepartment,
  createUser,
  OrgClient,
  type OrgWorld,
  PASSWORD,
  startOrgWorld,
  USCCS,
} from './test-support/index.js';

const DAY = 86_400_000;
const WRONG = 'Wr0ng!Password';
const URL = '/api/v1/security/accounts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Item = any;

/**
 * Issue 22: the security administrator's 账号安全 view, on a fixture whose answers are known:
 * `lockee` locked by failed sign-ins, `slipper` with two failures, `oldfail` with one failure ten
 * days ago, `nototp` holding a role that needs TOTP without one, `norole` without a role (in
 * another department), `gone` disabled, `fine` with nothing to see, and tries of a name that is
 * no account.
 */
describe.each(DIALECTS)('issue 22 account security view on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let w: OrgWorld;
  let security: OrgClient;
  const ids = new Map<string, string>();
  const addresses = new Map<string, string>();

  const fresh = () => new OrgClient(w.platform);
  const failSignIn = (client: OrgClient, username: string) =>
    client.request('POST', '/api/v1/auth/login', { username, password: WRONG });
  const view = async (query = '', client = security) => {
    const res = await client.request('GET', `${URL}${query ? `?${query}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: Item[]; total: number; summary: Record<string, number>; days: number };
  };
  const names = (body: { items: Item[] }) => body.items.map((i) => i.username as string);
  const signedInAs = async (username: string, role: Role | null) => {
    await createUser(w.platform, username, w.cityDepartmentId, role ? [role] : []);
    const client = fresh();
    await client.signIn(username, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    w = await startOrgWorld(dialect, { clock });
    const other = await createDepartment(w.platform, '邻市数据局', USCCS[3], w.otherCity.id);
    for (const [username, roles, department] of [
      ['lockee', ['dept_user'], w.cityDepartmentId],
      ['slipper', ['dept_user'], w.cityDepartmentId],
      ['oldfail', ['dept_user'], w.cityDepartmentId],
      ['nototp', ['authority'], w.cityDepartmentId],
      ['norole', [], other],
      ['gone', ['dept_user'], w.cityDepartmentId],
      ['fine', ['dept_user'], w.cityDepartmentId],
    ] as const) {
      ids.set(username, await createUser(w.platform, username, department, [...roles]));
    }
    // Ten days ago: one failure of oldfail, and gone disabled by the operator.
    expect((await failSignIn(fresh(), 'oldfail')).status).toBe(401);
    const disabled = await w.sysadmin.request('PATCH', `/api/v1/users/${ids.get('gone')}`, {
      status: 'disabled',
    });
    expect(disabled.status).toBe(200);
    clock.advance(10 * DAY);

    // Now: lockee fails until locked, slipper twice, and someone tries a name that is no account.
    const fromLockee = fresh();
    for (let i = 0; i < w.platform.config.login.maxFailures; i++)
      expect((await failSignIn(fromLockee, 'lockee')).status).toBe(401);
    addresses.set('lockee', fromLockee.ip);
    clock.advance(60_000);
    const fromSlipper = fresh();
    for (let i = 0; i < 2; i++) expect((await failSignIn(fromSlipper, 'slipper')).status).toBe(401);
    addresses.set('slipper', fromSlipper.ip);
    expect((await failSignIn(fresh(), 'ghost')).status).toBe(401);

    security = await signedInAs('sec_view', 'security_admin');
  });
  afterAll(() => w.t.close());

  it('counts each concern across all accounts: locked, failed in 7 days, TOTP missing, no role, disabled', async () => {
    const body = await view();
    expect(body.days).toBe(7);
    expect(body.summary).toEqual({ locked: 1, failedSignIns: 2, totpMissing: 1, noRole: 1, disabled: 1 });
    expect(body.total).toBe(5);
    expect(names(body)).toEqual(['slipper', 'lockee', 'gone', 'norole', 'nototp']);
    expect(names(body)).not.toContain('fine');
    expect(names(body)).not.toContain('ghost');
  });

  it('each filter finds exactly its accounts', async () => {
    expect(names(await view('concern=locked'))).toEqual(['lockee']);
    expect(names(await view('concern=failedSignIns'))).toEqual(['slipper', 'lockee']);
    expect(names(await view('concern=totpMissing'))).toEqual(['nototp']);
    expect(names(await view('concern=noRole'))).toEqual(['norole']);
    expect(names(await view('concern=disabled'))).toEqual(['gone']);
    // A wider window reaches oldfail's failure of ten days ago.
    const month = await view('concern=failedSignIns&days=30');
    expect(names(month)).toEqual(['slipper', 'lockee', 'oldfail']);
    expect(month.summary.failedSignIns).toBe(3);
  });

  it('says until when an account is locked, after how many failures, and where the failures came from', async () => {
    const [lockee] = (await view('concern=locked')).items;
    const { maxFailures, lockMinutes } = w.platform.config.login;
    expect(lockee).toMatchObject({
      id: ids.get('lockee'),
      locked: true,
      lockedAfterFailures: maxFailures,
      failureRun: 0,
      privileged: false,
      concerns: ['locked', 'failedSignIns'],
      failedSignIns: { count: maxFailures, lastAddress: addresses.get('lockee') },
    });
    expect(Date.parse(lockee.lockedUntil) - clock.now().getTime()).toBeGreaterThan(
      (lockMinutes - 2) * 60_000,
    );
    const [slipper] = (await view('q=slip')).items;
    // `%` and `_` typed in the search are letters, not LIKE wildcards.
    expect((await view('q=%25')).total).toBe(0);
    expect((await view('q=s_ip')).total).toBe(0);
    expect(slipper).toMatchObject({
      locked: false,
      lockedUntil: null,
      lockedAfterFailures: null,
      failureRun: 2,
      failedSignIns: { count: 2, lastAddress: addresses.get('slipper') },
      concerns: ['failedSignIns'],
    });
    expect(slipper.failedSignIns.lastAt > lockee.failedSignIns.lastAt).toBe(true);
    const [nototp] = (await view('concern=totpMissing')).items;
    expect(nototp).toMatchObject({ roles: ['authority'], totpRequired: true, totpEnabled: false });
  });

  it('sorts and pages on the server, the filter applied before the page is cut', async () => {
    const first = await view('sort=username&order=asc&limit=2&offset=0');
    expect(first.total).toBe(5);
    expect(names(first)).toEqual(['gone', 'lockee']);
    expect(names(await view('sort=username&order=asc&limit=2&offset=2'))).toEqual(['norole', 'nototp']);
    expect(names(await view('sort=username&order=asc&limit=2&offset=4'))).toEqual(['slipper']);
    expect(names(await view('sort=username&order=desc'))).toEqual([
      'slipper',
      'nototp',
      'norole',
      'lockee',
      'gone',
    ]);
    // By count, the accounts without failures (0) first when ascending; ties by username.
    expect(names(await view('sort=failedSignIns&order=desc'))).toEqual([
      'lockee',
      'slipper',
      'gone',
      'norole',
      'nototp',
    ]);
    expect(names(await view('sort=failedSignIns&order=asc'))).toEqual([
      'gone',
      'norole',
      'nototp',
      'slipper',
      'lockee',
    ]);
    const otherDepartment = (await view('concern=noRole')).items[0].departmentId;
    expect(names(await view(`departmentId=${otherDepartment}`))).toEqual(['norole']);
    expect((await security.request('GET', `${URL}?days=0`)).status).toBe(400);
    expect((await security.request('GET', `${URL}?sort=password`)).status).toBe(400);
  });

  it('the read is audited, naming the reader and what was asked', async () => {
    await view('concern=locked&days=14');
    const entry = await w.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'security.accounts.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(await idOf('sec_view'));
    expect(entry.outcome).toBe('success');
    expect(JSON.parse(entry.detail)).toMatchObject({ concern: 'locked', days: 14, total: 1, returned: 1 });
  });

  it('the operator, the auditor and department roles are refused; signed out is 401', async () => {
    for (const role of ['operator', 'auditor', 'authority', 'resource_admin', 'dept_user'] as const) {
      const client = await signedInAs(`refused_${role}`, role);
      const res = await client.request('GET', URL);
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const roleless = await signedInAs('refused_none', null);
    expect((await roleless.request('GET', URL)).status).toBe(403);
    expect((await fresh().request('GET', URL)).status).toBe(401);
  });

  it('unlocking goes through the existing flow: a department account at once, an administrator account waits for a second administrator', async () => {
    const unlocked = await security.request('POST', `/api/v1/users/${ids.get('lockee')}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(names(await view('concern=locked'))).toEqual([]);

    const attacker = fresh();
    for (let i = 0; i < w.platform.config.login.maxFailures; i++) await failSignIn(attacker, 'auditadmin');
    const [auditor] = (await view('concern=locked')).items;
    expect(auditor).toMatchObject({ username: 'auditadmin', privileged: true, roles: ['auditor'] });
    const asked = await security.request('POST', `/api/v1/users/${auditor.id}/unlock`);
    expect(asked.status).toBe(202);
    expect(names(await view('concern=locked'))).toEqual(['auditadmin']);
  });

  const idOf = async (username: string) =>
    (
      await w.platform.storage.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
});
