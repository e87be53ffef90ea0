import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { SupervisionServices } from '../index.js';

const API = '/api/v1/supervision/alerts';
const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const MINUTE = 60_000;
/** 2026-10-03 10:00 in China: a Saturday of the National Day holiday. */
const HOLIDAY_MORNING = '2026-10-03T02:00:00Z';

interface Alert {
  id: string;
  kind: string;
  subject: { kind: string; id: string; name: string; label: string | null; departmentName: string | null };
  evidence: { count: number; sampleEntryIds: string[] } & Record<string, unknown>;
  summary: { zh: string; en: string };
  occurrences: number;
  status: string;
  suspension: string;
  acknowledged: { by: { name: string }; note: string | null } | null;
  lifted: { by: { name: string } } | null;
}

describe.each(DIALECTS)('R65 R89 security alerts on the access trail on %s (issue 17)', (dialect) => {
  let x: ExchangeWorld;
  let supervision: SupervisionServices;
  let client: ApiRequester;
  let key: (i: number) => string;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 30 });
    supervision = (x.platform.services as unknown as { supervision: SupervisionServices }).supervision;
    // The sweep runs when each test says, on the manual clock, not also on the runner's tick.
    await x.platform.services.jobs.stop();
    key = (i) => String(x.records[i]?.公民身份号码);
    await x.grant(undefined, ['online_query']);
    client = await x.apiClient(x.w.departments.hrss, '人社业务系统');
  }, 180_000);
  afterAll(() => x?.close());

  const query = (reader: ExchangeWorld['w']['hrss'], keys: string[]) =>
    reader.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/query`, { keys }, PURPOSE);
  /** Sweeps a minute after the last reads: the window ends now, and an entry of this very instant is in the next. */
  const sweep = async () => {
    x.clock.advance(MINUTE);
    return supervision.alerts.sweep();
  };
  const alertsOf = async (subjectId: string, reader = x.w.secadmin): Promise<Alert[]> => {
    const res = await reader.request('GET', `${API}?subjectId=${subjectId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  };
  const auditActions = async (targetId: string) =>
    (
      await x.platform.storage.db
        .selectFrom('audit_entry')
        .select(['action', 'actor_name', 'detail'])
        .where('target_id', '=', targetId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);

  it('the sweep is a job of the jobs kernel, every minute, once for the cluster', async () => {
    const job = (await x.platform.services.jobs.status()).find((j) => j.name === 'supervision.alerts');
    expect(job).toMatchObject({ scope: 'cluster', every: 60_000 });
  });

  it('the operator sets thresholds and enables automatic suspension (audited); a department may not', async () => {
    const change = {
      enumerationDistinctKeys: 10,
      refusalCount: 5,
      offHoursMinReads: 3,
      autoSuspend: true,
    };
    const refused = await x.w.hrss.request('PUT', `${API}/settings`, change);
    expect(refused.status).toBe(403);
    const res = await x.w.sysadmin.request('PUT', `${API}/settings`, change);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.values).toMatchObject({ ...change, volumeFloor: 500, enumerationWindowMinutes: 10 });
    const bad = await x.w.sysadmin.request('PUT', `${API}/settings`, { refusalCount: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ALERT_SETTINGS_INVALID');
    const hours = await x.w.sysadmin.request('PUT', `${API}/settings`, {
      workingHoursStart: 18,
      workingHoursEnd: 9,
    });
    expect(hours.body.error.code).toBe('ALERT_WORKING_HOURS_INVALID');
    expect(await auditActions('supervision.alerts')).toEqual(['supervision.alert.settings.update']);
  });

  it('R65 raises nothing for the client at its normal rate in working hours', async () => {
    for (const i of [0, 1, 2]) expect((await query(client, [key(i)])).status).toBe(200);
    const result = await sweep();
    expect(result).toEqual({ raised: 0, updated: 0, suspended: 0 });
    expect(await alertsOf(client.id)).toEqual([]);
  });

  let enumeration: Alert;

  it('R65 an enumeration of keys raises an alert, suspends the client and tells the authority and the security administrator', async () => {
    x.clock.advance(10 * MINUTE);
    for (let i = 3; i < 15; i++) expect((await query(client, [key(i)])).status).toBe(200);
    expect(await sweep()).toEqual({ raised: 1, updated: 0, suspended: 1 });
    const alerts = await alertsOf(client.id);
    expect(alerts).toHaveLength(1);
    enumeration = alerts[0] as Alert;
    expect(enumeration).toMatchObject({
      kind: 'enumeration',
      status: 'open',
      suspension: 'suspended',
      subject: { kind: 'client', label: '人社业务系统', departmentName: '示范市人力资源和社会保障局' },
      evidence: { count: 12, entries: 12, threshold: 10 },
    });
    expect(enumeration.evidence.sampleEntryIds).toHaveLength(10);
    expect(enumeration.summary.zh).toContain('12 个不同的记录键');

    // Its next call is refused with a clear error, like a revoked client but reversible.
    const next = await query(client, [key(20)]);
    expect(next.status).toBe(403);
    expect(next.body.error.code).toBe('AUTH_CLIENT_SUSPENDED');
    expect(next.body.error.message).toContain('12 个不同的记录键');
    const token = await client.renew().catch((e: Error) => e.message);
    expect(token).toContain('AUTH_CLIENT_SUSPENDED');
    const clients = await x.w.hrss.request('GET', '/api/v1/api-clients');
    expect(clients.body.items.find((c: { id: string }) => c.id === client.id)?.status).toBe('suspended');

    for (const reader of [x.w.authority, x.w.secadmin]) {
      const notices = await reader.request('GET', '/api/v1/sharing/notices');
      const told = notices.body.items.filter(
        (n: { kind: string }) => n.kind === 'supervision.alert.suspended',
      );
      expect(told, JSON.stringify(notices.body.items.map((n: { kind: string }) => n.kind))).toHaveLength(1);
      expect(told[0].title.zh).toContain('疑似遍历查询');
    }
    // The department whose system it is does not receive the alert's notice.
    const own = await x.w.hrss.request('GET', '/api/v1/sharing/notices');
    expect(own.body.items.some((n: { kind: string }) => n.kind.startsWith('supervision.alert'))).toBe(false);
    expect(await auditActions(client.id)).toContain('apiClient.suspend');
  });

  it('dedupe: the detector run again updates the one open alert and suspends nothing twice', async () => {
    expect(await sweep()).toEqual({ raised: 0, updated: 1, suspended: 0 });
    const alerts = await alertsOf(client.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: enumeration.id, occurrences: 2, suspension: 'suspended' });
  });

  it('R89 the authority over the jurisdiction and the auditor read the alert; departments and other jurisdictions do not', async () => {
    expect((await x.w.authority.request('GET', `${API}/${enumeration.id}`)).status).toBe(200);
    expect((await x.w.auditadmin.request('GET', `${API}/${enumeration.id}`)).status).toBe(200);
    expect((await x.w.countyAuthority.request('GET', `${API}/${enumeration.id}`)).status).toBe(404);
    expect(await alertsOf(client.id, x.w.countyAuthority)).toEqual([]);
    for (const department of [x.w.hrss, x.w.hrssUser, x.w.police]) {
      expect((await department.request('GET', API)).status).toBe(403);
      expect((await department.request('GET', `${API}/${enumeration.id}`)).status).toBe(403);
      expect((await department.request('POST', `${API}/${enumeration.id}/acknowledge`, {})).status).toBe(403);
    }
    // The auditor reads but neither acknowledges nor lifts; the authority does not lift.
    expect((await x.w.auditadmin.request('POST', `${API}/${enumeration.id}/acknowledge`, {})).status).toBe(
      403,
    );
    expect((await x.w.auditadmin.request('POST', `${API}/${enumeration.id}/lift`)).status).toBe(403);
    expect((await x.w.authority.request('POST', `${API}/${enumeration.id}/lift`)).status).toBe(403);
    const reads = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_name'])
      .where('action', 'in', ['supervision.alert.read', 'supervision.alert.list'])
      .execute();
    expect(reads.filter((r) => r.action === 'supervision.alert.read').map((r) => r.actor_name)).toEqual(
      expect.arrayContaining(['auditadmin']),
    );
  });

  it('R65 one click of the security administrator lifts the suspension (audited) and the client works again', async () => {
    const res = await x.w.secadmin.request('POST', `${API}/${enumeration.id}/lift`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ suspension: 'lifted', lifted: { by: { name: expect.any(String) } } });
    const again = await x.w.secadmin.request('POST', `${API}/${enumeration.id}/lift`);
    expect(again.body.error.code).toBe('ALERT_NOT_SUSPENDED');
    await client.renew();
    expect((await query(client, [key(0)])).status).toBe(200);
    expect(await auditActions(client.id)).toEqual(
      expect.arrayContaining(['apiClient.suspend', 'apiClient.liftSuspension']),
    );
    expect(await auditActions(enumeration.id)).toContain('supervision.alert.lift');
    // A continuing pattern on the open alert does not suspend the client a person let go.
    expect((await sweep()).suspended).toBe(0);
    expect((await query(client, [key(1)])).status).toBe(200);
  });

  it('acknowledge is audited with the note; hostile notes get a clear 400; a second acknowledgement is refused', async () => {
    for (const note of ['x'.repeat(100_000), 'a\u0000b', 'a\ud800b']) {
      const res = await x.w.secadmin.request('POST', `${API}/${enumeration.id}/acknowledge`, { note });
      expect(res.status, note.slice(0, 5)).toBe(400);
    }
    const res = await x.w.secadmin.request('POST', `${API}/${enumeration.id}/acknowledge`, {
      note: '已联系人社局核实：批量核验任务配置错误，已整改',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'acknowledged',
      acknowledged: { note: '已联系人社局核实：批量核验任务配置错误，已整改' },
    });
    const again = await x.w.authority.request('POST', `${API}/${enumeration.id}/acknowledge`, {});
    expect(again.body.error.code).toBe('ALERT_ALREADY_ACKNOWLEDGED');
    const entry = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['actor_name', 'detail'])
      .where('action', '=', 'supervision.alert.acknowledge')
      .where('target_id', '=', enumeration.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('secadmin');
    expect(JSON.parse(entry.detail).note).toContain('批量核验任务配置错误');
    // The acknowledged alert covers its accesses: the same reads raise nothing again.
    expect((await sweep()).raised).toBe(0);
  });

  it('a refusal burst: many refused reads by a user of another department raise an alert (no suspension: a person)', async () => {
    for (let i = 0; i < 5; i++) expect((await query(x.w.countyAdmin, [key(0)])).status).toBe(403);
    const result = await sweep();
    expect(result.raised).toBe(1);
    const [refusals] = await alertsOf((await x.w.countyAdmin.request('GET', '/api/v1/auth/me')).body.me.id);
    expect(refusals).toMatchObject({
      kind: 'refusals',
      suspension: 'none',
      subject: { kind: 'user', departmentName: '示范县市场监督管理局' },
      evidence: { count: 5, threshold: 5 },
    });
    expect(refusals?.evidence.sampleEntryIds).toHaveLength(5);
  });

  it('off hours: reads on a non-working day (the National Day holiday, manual clock) raise an alert', async () => {
    x.clock.set(HOLIDAY_MORNING);
    for (const i of [3, 4, 5]) expect((await query(x.w.hrss, [key(i)])).status).toBe(200);
    const result = await sweep();
    expect(result.raised).toBe(1);
    const me = (await x.w.hrss.request('GET', '/api/v1/auth/me')).body.me.id;
    const [offHours] = await alertsOf(me);
    expect(offHours).toMatchObject({
      kind: 'off_hours',
      evidence: {
        count: 3,
        nonWorkingDay: true,
        hours: [{ date: '2026-10-03', hour: 10, workingDay: false }],
      },
    });
    expect(offHours?.summary.zh).toContain('非工作日');
  });

  it('open alerts by kind appear in /api/metrics', async () => {
    const res = await x.platform.http.inject({
      method: 'GET',
      url: '/api/metrics',
      remoteAddress: x.w.sysadmin.ip,
      headers: { cookie: x.w.sysadmin.cookie ?? '' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('govshare_security_alerts_open{kind="refusals"} 1');
    expect(res.body).toContain('govshare_security_alerts_open{kind="off_hours"} 1');
    expect(res.body).toContain('govshare_security_alerts_open{kind="enumeration"} 0');
    expect(res.body).toContain('govshare_security_alerts_open{kind="volume"} 0');
  });
});
