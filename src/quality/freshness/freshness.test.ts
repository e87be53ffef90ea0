import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryContent } from '../../catalog/model.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  sampleRecords,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { applicationBody, API as SHARING_API } from '../../sharing/test-support/index.js';

const API = '/api/v1/quality/freshness';

/** Publishes an entry of the client's department (ratified by the city authority) and hosts it. */
async function publishAndHost(x: ExchangeWorld, client: OrgClient, content: EntryContent): Promise<string> {
  const step = async (who: OrgClient, url: string, body: unknown = {}) => {
    const res = await who.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const id = (await step(client, '/api/v1/catalog/entries', { content })).id as string;
  await step(client, `/api/v1/catalog/entries/${id}/submit`);
  await step(x.w.authority, `/api/v1/catalog/entries/${id}/ratify`);
  await step(client, `/api/v1/catalog/entries/${id}/publish`);
  await step(client, `${EXCHANGE_API}/resources`, { entryId: id });
  return id;
}

async function write(client: OrgClient, entryId: string, from: number) {
  const res = await client.request('POST', `${EXCHANGE_API}/resources/${entryId}/batches`, {
    ops: sampleRecords(1, from).map((record) => ({ op: 'upsert', record })),
  });
  expect(res.status).toBe(200);
}

const refresh = (x: ExchangeWorld) => x.platform.services.quality.freshness.refresh();

async function statusOf(x: ExchangeWorld, entryId: string, client: OrgClient = x.w.police) {
  const res = await client.request('GET', `${API}/${entryId}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function notices(x: ExchangeWorld, kind: string, departmentId: string) {
  return x.platform.storage.db
    .selectFrom('notice')
    .selectAll()
    .where('kind', '=', kind)
    .where('recipient_department_id', '=', departmentId)
    .execute();
}

describe.each(DIALECTS)('R16 R68–R70 freshness monitor, Guangzhou profile, on %s', (dialect) => {
  let x: ExchangeWorld;
  beforeAll(async () => {
    // 2026-09-30 10:00 China: the sample records are written now.
    x = await startExchangeWorld(dialect, { profile: 'guangzhou' });
  });
  afterAll(() => x.close());

  it('R69 other data: fresh, due on the 3rd calendar day, late after 24:00 of it; one notice per transition', async () => {
    await refresh(x);
    let s = await statusOf(x, x.entryId);
    expect(s).toMatchObject({
      status: 'fresh',
      lastChangeSource: 'change_log',
      rule: { kind: 'days', days: 3, basis: 'statutory', article: 'Art.17', source: 'guangzhou' },
      // 2026-09-30 + 3 calendar days (National Day holidays count): 24:00 of 10-03 China time.
      dueBy: '2026-10-03T15:59:59.999Z',
    });
    x.clock.set('2026-10-03T01:00:00Z');
    await refresh(x);
    expect((await statusOf(x, x.entryId)).status).toBe('due');
    x.clock.set('2026-10-03T15:59:00Z');
    await refresh(x);
    expect((await statusOf(x, x.entryId)).status).toBe('due');
    expect(await notices(x, 'quality.freshness.late', x.w.departments.police)).toHaveLength(0);
    x.clock.set('2026-10-03T16:00:00Z');
    await refresh(x);
    await refresh(x);
    x.clock.set('2026-10-04T08:00:00Z');
    await refresh(x);
    s = await statusOf(x, x.entryId);
    expect(s.status).toBe('late');
    expect(s.history.map((h: { to: string }) => h.to)).toEqual(['late', 'due', 'fresh']);
    expect(s.history[0]).toMatchObject({ from: 'due', reason: 'deadline_passed', article: 'Art.17' });
    // Once per transition, to the provider's resource administrators.
    const late = await notices(x, 'quality.freshness.late', x.w.departments.police);
    expect(late).toHaveLength(1);
    expect(late[0]?.recipient_role).toBe('resource_admin');
    // The authority's list: late first, filterable; another department sees nothing of it.
    const list = await x.w.authority.request('GET', `${API}?status=late`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { entry: { id: string } }) => i.entry.id)).toContain(x.entryId);
    expect(list.body.counts.late).toBeGreaterThanOrEqual(1);
    const other = await x.w.hrss.request('GET', API);
    expect(other.body.items.map((i: { entry: { id: string } }) => i.entry.id)).not.toContain(x.entryId);
    expect((await x.w.hrss.request('GET', `${API}/${x.entryId}`)).status).toBe(404);
    // An update brings it back: fresh, and the history says why.
    await write(x.w.police, x.entryId, 100);
    await refresh(x);
    s = await statusOf(x, x.entryId);
    expect(s).toMatchObject({ status: 'fresh', dueBy: '2026-10-07T15:59:59.999Z' });
    expect(s.history[0]).toMatchObject({ from: 'late', to: 'fresh', reason: 'updated' });
    const audited = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', '=', x.entryId)
      .where('action', 'like', 'quality.freshness.%')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['quality.freshness.late', 'quality.freshness.fresh']),
    );
  });

  it('R69 e-licence data in real time: a caught-up front-end node keeps it fresh, silence makes it late', async () => {
    x.clock.set('2026-10-08T02:00:00Z');
    const id = await publishAndHost(
      x,
      x.w.police,
      exchangeContent({ name: '居民身份证电子证照核验信息', keywords: ['电子证照'], updateCycle: 'daily' }),
    );
    await refresh(x);
    expect(await statusOf(x, id)).toMatchObject({
      status: 'fresh',
      lastChangeSource: 'none',
      rule: { kind: 'real_time', article: 'Art.17' },
    });
    x.clock.advance(20 * 60_000);
    await refresh(x);
    expect((await statusOf(x, id)).status).toBe('due');
    const node = await x.apiClient(x.w.departments.police);
    const beat = await node.request('POST', '/api/v1/exchange/nodes/heartbeat', {
      nodeName: '公安前置机',
      version: '1.0.0',
      startedAt: '2026-10-08T00:00:00.000Z',
      mappings: [
        {
          name: 'licence',
          direction: 'outbound',
          entryId: id,
          lagSeconds: 0,
          lastSyncedAt: x.clock.now().toISOString(),
          rowsSynced: 0,
          lastError: null,
        },
      ],
      lastError: null,
    });
    expect(beat.status).toBe(200);
    await refresh(x);
    expect(await statusOf(x, id)).toMatchObject({ status: 'fresh', lastChangeSource: 'node' });
    // The node falls silent: 31 minutes later the data can no longer be said to be real time.
    x.clock.advance(31 * 60_000);
    await refresh(x);
    expect((await statusOf(x, id)).status).toBe('late');
  });

  it('R70 quarterly cycle (filed with the authority): due inside days 1–10 of the quarter, late outside', async () => {
    x.clock.set('2026-09-20T02:00:00Z');
    const updated = await publishAndHost(
      x,
      x.w.police,
      exchangeContent({ name: '出租屋登记季报', updateCycle: 'quarterly' }),
    );
    const silent = await publishAndHost(
      x,
      x.w.police,
      exchangeContent({ name: '流动人口登记季报', updateCycle: 'yearly' }),
    );
    await refresh(x);
    for (const id of [updated, silent])
      expect(await statusOf(x, id)).toMatchObject({
        status: 'fresh',
        rule: { kind: 'quarterly_window', firstMonthDays: 10, article: 'Art.17' },
        dueBy: '2026-10-10T15:59:59.999Z',
      });
    // 2026-10-05: the fourth quarter's window is open and neither has been updated in it.
    x.clock.set('2026-10-05T02:00:00Z');
    await refresh(x);
    expect((await statusOf(x, updated)).status).toBe('due');
    await write(x.w.police, updated, 200);
    await refresh(x);
    expect(await statusOf(x, updated)).toMatchObject({ status: 'fresh', dueBy: '2027-01-10T15:59:59.999Z' });
    expect((await statusOf(x, silent)).status).toBe('due');
    // 2026-10-11 09:00 China: outside the window.
    x.clock.set('2026-10-11T01:00:00Z');
    await refresh(x);
    expect((await statusOf(x, updated)).status).toBe('fresh');
    expect(await statusOf(x, silent)).toMatchObject({ status: 'late', dueBy: '2026-10-10T15:59:59.999Z' });
    // Guangzhou does not allow restricting a late department (no text says so).
    const res = await x.w.authority.request('POST', `${API}/restrictions`, {
      departmentId: x.w.departments.police,
      reason: '季报逾期',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('FRESHNESS_RESTRICTION_NOT_ALLOWED');
  });
});

describe.each(DIALECTS)('R68 freshness against the catalog cycle, national profile, on %s', (dialect) => {
  let x: ExchangeWorld;
  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { content: exchangeContent({ updateCycle: 'monthly' }) });
  });
  afterAll(() => x.close());

  it('R68 a monthly entry is fresh for a month, due on its last day, then late; cycle "other" is not judged', async () => {
    const other = await publishAndHost(
      x,
      x.w.police,
      exchangeContent({ name: '不定期数据', updateCycle: 'other', updateCycleNote: '随案件办理不定期产生' }),
    );
    await refresh(x);
    expect(await statusOf(x, x.entryId)).toMatchObject({
      status: 'fresh',
      rule: { kind: 'months', months: 1, basis: 'catalog', article: '第十三条', source: 'national' },
      dueBy: '2026-10-30T15:59:59.999Z',
    });
    expect(await statusOf(x, other)).toMatchObject({ status: 'unknown', dueBy: null });
    x.clock.set('2026-10-30T00:00:00Z');
    await refresh(x);
    expect((await statusOf(x, x.entryId)).status).toBe('due');
    x.clock.set('2026-10-31T00:00:00Z');
    await refresh(x);
    expect((await statusOf(x, x.entryId)).status).toBe('late');
    expect(await notices(x, 'quality.freshness.late', x.w.departments.police)).toHaveLength(1);
    const list = await x.w.authority.request('GET', `${API}?pageSize=1&page=1`);
    expect(list.body).toMatchObject({ total: 2, counts: { late: 1, unknown: 1 } });
    expect(list.body.items[0].entry.id).toBe(x.entryId);
  });
});

describe.each(DIALECTS)('R71 restricting a late department, Feicheng profile (Art.21), on %s', (dialect) => {
  let x: ExchangeWorld;
  let hrssEntry: string;
  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { profile: 'feicheng' });
    hrssEntry = await publishAndHost(
      x,
      x.w.hrss,
      exchangeContent({ name: '人社就业登记信息', updateCycle: 'daily' }),
    );
    // Two days later: 人社's daily resource is late; 公安 keeps its own data fresh.
    x.clock.set('2026-10-02T02:00:00Z');
    await write(x.w.police, x.entryId, 50);
    await refresh(x);
  });
  afterAll(() => x.close());

  const restrict = (client: OrgClient, departmentId: string) =>
    client.request('POST', `${API}/restrictions`, { departmentId, reason: '就业登记信息逾期未更新' });

  it('R71 only the authority over the department restricts, only a late department, once', async () => {
    expect((await statusOf(x, hrssEntry, x.w.hrss)).status).toBe('late');
    const byAdmin = await restrict(x.w.police, x.w.departments.hrss);
    expect(byAdmin.status).toBe(403);
    const byCounty = await restrict(x.w.countyAuthority, x.w.departments.hrss);
    expect(byCounty.status).toBe(403);
    const notLate = await restrict(x.w.authority, x.w.departments.police);
    expect(notLate.status).toBe(409);
    expect(notLate.body.error.code).toBe('FRESHNESS_DEPARTMENT_NOT_LATE');
    const done = await restrict(x.w.authority, x.w.departments.hrss);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      status: 'active',
      article: 'Art.21',
      department: { id: x.w.departments.hrss },
      lateEntries: [{ id: hrssEntry }],
    });
    const again = await restrict(x.w.authority, x.w.departments.hrss);
    expect(again.body.error.code).toBe('FRESHNESS_ALREADY_RESTRICTED');
    expect(await notices(x, 'quality.freshness.restricted', x.w.departments.hrss)).toHaveLength(1);
    const seen = await x.w.hrss.request('GET', `${API}/restrictions?status=active`);
    expect(seen.body).toMatchObject({ total: 1, allowed: { value: true, article: 'Art.21' } });
    expect((await x.w.countyAdmin.request('GET', `${API}/restrictions`)).body.total).toBe(0);
  });

  it('R71 applications refused while restricted, accepted after the authority lifts it; audited', async () => {
    const refused = await x.w.hrss.request('POST', `${SHARING_API}/applications`, applicationBody(x.entryId));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SHARING_DEPARTMENT_RESTRICTED');
    expect(refused.body.error.message).toContain('Art.21');
    const active = await x.w.authority.request('GET', `${API}/restrictions?status=active`);
    const id = active.body.items[0].id as string;
    expect(
      (await x.w.hrss.request('POST', `${API}/restrictions/${id}/lift`, { note: '自行解除' })).status,
    ).toBe(403);
    const lifted = await x.w.authority.request('POST', `${API}/restrictions/${id}/lift`, {
      note: '已承诺三日内更新',
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({
      status: 'lifted',
      liftKind: 'authority',
      liftNote: '已承诺三日内更新',
    });
    const twice = await x.w.authority.request('POST', `${API}/restrictions/${id}/lift`, {});
    expect(twice.body.error.code).toBe('FRESHNESS_RESTRICTION_NOT_ACTIVE');
    const accepted = await x.w.hrss.request(
      'POST',
      `${SHARING_API}/applications`,
      applicationBody(x.entryId),
    );
    expect(accepted.status).toBe(201);
    const audited = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', '=', x.w.departments.hrss)
      .where('action', 'in', ['quality.freshness.restrict', 'quality.freshness.lift'])
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'quality.freshness.lift',
      'quality.freshness.restrict',
    ]);
  });

  it('R71 a restriction ends by itself once the department has no late resource', async () => {
    x.clock.advance(60_000);
    expect((await restrict(x.w.authority, x.w.departments.hrss)).status).toBe(201);
    await refresh(x);
    expect((await x.w.authority.request('GET', `${API}/restrictions?status=active`)).body.total).toBe(1);
    await write(x.w.hrss, hrssEntry, 300);
    // This run lifts it, unless the platform's own monitor run (the jobs kernel) got there first.
    await refresh(x);
    const restriction = async () =>
      (await x.w.authority.request('GET', `${API}/restrictions?departmentId=${x.w.departments.hrss}`)).body
        .items[0];
    await expect.poll(async () => (await restriction())?.status).toBe('lifted');
    expect(await restriction()).toMatchObject({ status: 'lifted', liftKind: 'caught_up', liftedBy: null });
    expect(await notices(x, 'quality.freshness.caught_up', x.w.departments.hrss)).toHaveLength(1);
  });
});
