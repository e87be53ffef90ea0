import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  createDepartment,
  createUser,
  type OrgClient,
  type OrgWorld,
  signedIn,
  startOrgWorld,
  USCCS,
} from './test-support/index.js';

const DAY = 24 * 60 * 60 * 1000;

describe.each(DIALECTS)('N01 R126 R128 sharing office, head and officer of a department on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let w: OrgWorld;
  let health: string;
  let land: string;
  let healthAdmin: OrgClient;
  let landAdmin: OrgClient;
  const users = {} as Record<'head' | 'officer' | 'deputy' | 'outsider' | 'gone', string>;

  const office = (departmentId: string) => `/api/v1/departments/${departmentId}/office`;
  const body = (overrides: Record<string, unknown> = {}) => ({
    officeName: '示范市卫生健康委员会数据共享办公室',
    officePhone: '0371-12345678',
    officeEmail: 'share@health.example.gov.cn',
    headUserId: users.head,
    headTitle: '副主任',
    officerUserId: users.officer,
    ...overrides,
  });
  const history = async (departmentId: string, reader?: OrgClient) =>
    (await (reader ?? w.auditadmin).request('GET', `${office(departmentId)}/history`)).body;
  const audited = (action: string, departmentId: string) =>
    w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['actor_name', 'detail', 'outcome'])
      .where('action', '=', action)
      .where('target_id', '=', departmentId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    w = await startOrgWorld(dialect, { clock });
    health = await createDepartment(w.platform, '示范市卫生健康委员会', USCCS[2], w.city.id);
    land = await createDepartment(w.platform, '示范市自然资源局', USCCS[4], w.city.id);
    users.head = await createUser(w.platform, 'n01_head', health, ['dept_user']);
    users.officer = await createUser(w.platform, 'n01_officer', health, ['dept_user']);
    users.deputy = await createUser(w.platform, 'n01_deputy', health, ['dept_user']);
    users.gone = await createUser(w.platform, 'n01_gone', health, ['dept_user']);
    users.outsider = await createUser(w.platform, 'n01_outsider', land, ['dept_user']);
    await createUser(w.platform, 'n01_health_ra', health, ['resource_admin']);
    await createUser(w.platform, 'n01_land_ra', land, ['resource_admin']);
    healthAdmin = await signedIn(w.platform, 'n01_health_ra');
    landAdmin = await signedIn(w.platform, 'n01_land_ra');
    expect(
      (await w.sysadmin.request('PATCH', `/api/v1/users/${users.gone}`, { status: 'disabled' })).status,
    ).toBe(200);
  });
  afterAll(() => w.t.close());

  it('N01 R126 R128 the department’s resource administrator records the office, head and officer; each change is kept and audited', async () => {
    const empty = await healthAdmin.request('GET', office(health));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ roster: null, confirmedAt: null, stale: false, canManage: true });

    const first = await healthAdmin.request(
      'PUT',
      office(health),
      body({ officeName: '  数据共享办公室  ' }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.roster).toEqual({
      office: { name: '数据共享办公室', phone: '0371-12345678', email: 'share@health.example.gov.cn' },
      head: { userId: users.head, name: 'n01_head', title: '副主任' },
      officer: { userId: users.officer, name: 'n01_officer' },
    });
    expect(first.body.confirmedAt).toBe(clock.now().toISOString());

    // The head has no account: name and title; a new officer.
    const second = await healthAdmin.request(
      'PUT',
      office(health),
      body({ headUserId: null, headName: ' 王主任 ', headTitle: '主任', officerUserId: users.deputy }),
    );
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.roster.head).toEqual({ userId: null, name: '王主任', title: '主任' });
    expect(second.body.roster.officer).toEqual({ userId: users.deputy, name: 'n01_deputy' });

    const h = await history(health);
    expect(h.total).toBe(2);
    expect(h.items.map((i: { kind: string }) => i.kind)).toEqual(['set', 'set']);
    const [latest, earliest] = h.items;
    expect(latest.by.name).toBe('n01_health_ra');
    expect(latest.changed).toEqual(['officeName', 'head', 'headTitle', 'officer']);
    expect(latest.before).toEqual(first.body.roster);
    expect(latest.after).toEqual(second.body.roster);
    expect(earliest.before).toBeNull();
    expect(earliest.changed).toEqual([
      'officeName',
      'officePhone',
      'officeEmail',
      'head',
      'headTitle',
      'officer',
    ]);

    const entries = await audited('department.office.update', health);
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.actor_name)).toEqual(['n01_health_ra', 'n01_health_ra']);
    expect(JSON.parse(entries[1]?.detail ?? '{}')).toMatchObject({
      changed: latest.changed,
      before: { officer: { userId: users.officer } },
      after: { head: { name: '王主任' }, officer: { userId: users.deputy } },
    });
  });

  it('N01 another department’s administrator cannot change it, nor the security administrator or auditor (三员分立); the operator can', async () => {
    const before = (await history(health)).total;
    for (const [who, client] of [
      ['other department', landAdmin],
      ['security admin', w.secadmin],
      ['auditor', w.auditadmin],
    ] as const) {
      const res = await client.request('PUT', office(health), body());
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe('FORBIDDEN');
      expect((await client.request('POST', `${office(health)}/confirm`)).status, who).toBe(403);
      expect((await client.request('GET', office(health))).body.canManage, who).toBe(false);
    }
    expect((await history(health)).total).toBe(before);

    const byOperator = await w.sysadmin.request('PUT', office(health), body());
    expect(byOperator.status).toBe(200);
    expect(byOperator.body.canManage).toBe(true);
    const h = await history(health);
    expect(h.total).toBe(before + 1);
    // By the name people read, not the account's (sysadmin).
    expect(h.items[0].by.name).toBe('系统管理员');
  });

  it('R128 R126 a user of another department, or a disabled account, cannot be made head or officer', async () => {
    const before = (await history(health)).total;
    for (const [field, overrides] of [
      ['/body/headUserId', { headUserId: users.outsider }],
      ['/body/officerUserId', { officerUserId: users.outsider }],
      ['/body/headUserId', { headUserId: users.gone }],
      ['/body/officerUserId', { officerUserId: 'no-such-user' }],
    ] as const) {
      const res = await healthAdmin.request('PUT', office(health), body(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'ORG_OFFICE_MEMBER_INVALID', field });
    }
    // The other department's own administrator cannot name its user to this department either.
    const res = await landAdmin.request('PUT', office(land), body({ headUserId: users.head }));
    expect(res.body.error).toMatchObject({ code: 'ORG_OFFICE_MEMBER_INVALID', field: '/body/headUserId' });
    expect((await history(health)).total).toBe(before);
    expect((await history(land)).total).toBe(0);
  });

  it('N01 input is checked: names trimmed and non-empty up to 100 characters, phone and e-mail formats, the head by account or by name', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ officeName: '   ' }, '/body/officeName'],
      [{ officeName: '办'.repeat(101) }, '/body/officeName'],
      [{ headTitle: ' ' }, '/body/headTitle'],
      [{ officePhone: '电话 12345' }, '/body/officePhone'],
      [{ officePhone: '123' }, '/body/officePhone'],
      [{ officeEmail: 'share@' }, '/body/officeEmail'],
      [{ headName: '王主任' }, '/body/headName'],
      [{ headUserId: null }, '/body/headUserId'],
      [{ headUserId: null, headName: '  ' }, '/body/headName'],
    ];
    for (const [overrides, field] of cases) {
      const res = await healthAdmin.request('PUT', office(health), body(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(res.body.error, JSON.stringify(overrides)).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    // The reason in the reader's language only, not both in one string.
    const blank = body({ headTitle: ' ' });
    const zh = (await healthAdmin.request('PUT', office(health), blank)).body.error.message;
    expect(zh).toBe('输入无效：/body/headTitle 不能为空');
    const en = (await healthAdmin.request('PUT', office(health), blank, { 'accept-language': 'en' })).body
      .error.message;
    expect(en).toBe('Invalid input: /body/headTitle must not be blank');
    const ok = await healthAdmin.request(
      'PUT',
      office(health),
      body({ officeName: '办'.repeat(100), officePhone: '+86 371 1234 5678' }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.roster.office.phone).toBe('+86 371 1234 5678');
    const missing = await healthAdmin.request('PUT', office('no-such-department'), body());
    expect(missing.status).toBe(403);
    expect((await w.sysadmin.request('PUT', office('no-such-department'), body())).body.error.code).toBe(
      'ORG_DEPARTMENT_NOT_FOUND',
    );
  });

  it('R128 accountable() names the head, the officer and the office for escalations; null until recorded', async () => {
    const { departments } = w.platform.services;
    expect(await departments.accountable(land)).toEqual({ head: null, officer: null, office: null });
    const recorded = await healthAdmin.request(
      'PUT',
      office(health),
      body({ headUserId: users.head, headTitle: '主任', officerUserId: users.officer }),
    );
    expect(recorded.status).toBe(200);
    expect(await departments.accountable(health)).toEqual({
      head: { userId: users.head, name: 'n01_head', title: '主任' },
      officer: { userId: users.officer, name: 'n01_officer' },
      office: recorded.body.roster.office,
    });
  });

  it('R126 contacts not confirmed for 180 days are stale; confirming re-stamps them, is kept and audited', async () => {
    const notRecorded = await landAdmin.request('POST', `${office(land)}/confirm`);
    expect(notRecorded.status).toBe(409);
    expect(notRecorded.body.error.code).toBe('ORG_OFFICE_NOT_RECORDED');

    const recordedAt = (await healthAdmin.request('GET', office(health))).body.confirmedAt;
    clock.advance(180 * DAY - 60_000);
    const admin = await signedIn(w.platform, 'n01_health_ra');
    expect((await admin.request('GET', office(health))).body).toMatchObject({
      stale: false,
      staleAfterDays: 180,
    });
    clock.advance(2 * 60_000);
    const stale = await admin.request('GET', office(health));
    expect(stale.body).toMatchObject({ stale: true, confirmedAt: recordedAt });

    const confirmed = await admin.request('POST', `${office(health)}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ stale: false, confirmedAt: clock.now().toISOString() });
    const h = await history(health, admin);
    expect(h.items[0]).toMatchObject({ kind: 'confirm', changed: [], by: { name: 'n01_health_ra' } });
    expect(h.items[0].after).toEqual(h.items[0].before);
    const entries = await audited('department.office.confirm', health);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({
      previouslyConfirmedAt: recordedAt,
      confirmedAt: clock.now().toISOString(),
    });
  });
});
