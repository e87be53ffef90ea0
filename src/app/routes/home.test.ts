import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_API, type ExchangeWorld, startExchangeWorld } from '../../exchange/test-support/index.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { applicationBody, API as SHARING_API, threeItemContent } from '../../sharing/test-support/index.js';
import { RANKING_INDICATORS } from '../home/statistics.js';
import { NEAR_DEADLINE_WORKING_DAYS } from '../home/todo.js';

const HOME = '/api/v1/home';
const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
/** The day of the fixture's answers and reads (China date). */
const DAY1 = '2026-09-30';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Body = any;

describe.each(DIALECTS)('issue 17 the home page summary on %s (R111 R113)', (dialect) => {
  let x: ExchangeWorld;
  let pending: string;
  let late: string;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
  }, 180_000);
  afterAll(() => x?.close());

  const step = async (client: OrgClient, url: string, body: unknown = {}, headers = {}) => {
    const res = await client.request('POST', url, body, headers);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const home = async (client: OrgClient): Promise<Body> => {
    const res = await client.request('GET', HOME);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const db = () => x.platform.storage.db;

  it('builds the fixture: applications answered in time and pending, reads by 人社, indicators of the day', async () => {
    const entry = await x.w.publish(threeItemContent());
    const apply = () => step(x.w.hrss, `${SHARING_API}/applications`, applicationBody(entry));
    const [a1, a2, a3, a4] = [await apply(), await apply(), await apply(), await apply()];
    pending = a3.id;
    late = a4.id;
    await step(x.w.police, `${SHARING_API}/applications/${a1.id}/approve`, {});
    await step(x.w.police, `${SHARING_API}/applications/${a2.id}/refuse`, {
      reason: '申请事由与所需数据无关',
    });
    await x.grant(undefined, ['online_query', 'batch_download']);
    for (const r of x.records.slice(0, 2))
      await step(
        x.w.hrss,
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys: [r.公民身份号码] },
        PURPOSE,
      );
    const download = await x.platform.http.inject({
      method: 'GET',
      url: `${EXCHANGE_API}/resources/${x.entryId}/download?format=csv`,
      remoteAddress: x.w.hrss.ip,
      headers: { cookie: x.w.hrss.cookie ?? '', ...PURPOSE },
    });
    expect(download.statusCode).toBe(200);
    await x.platform.services.quality.freshness.refresh();
    await x.platform.services.supervision.indicators.compute(DAY1);
  });

  it('to-do: an application waiting for 公安 shows to its resource administrator, never to another department', async () => {
    const waiting = await db()
      .selectFrom('sharing_application')
      .select('id')
      .where('provider_department_id', '=', x.w.departments.police)
      .where('status', 'in', ['pending', 'answer_review'])
      .execute();
    expect(waiting.map((r) => r.id).sort()).toEqual([pending, late].sort());

    const police = await home(x.w.police);
    expect(police.todo.approvals.count).toBe(waiting.length);
    expect(police.todo.approvals.items.map((i: Body) => i.id).sort()).toEqual([pending, late].sort());
    expect(police.todo.approvals.items[0]).toMatchObject({
      link: `/sharing/applications/${police.todo.approvals.items[0].id}`,
      overdue: false,
    });
    expect(police.todo.approvals.items[0].dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(police.todo.approvals.link).toBe('/sharing/approvals');
    // Nothing to rectify yet (the violations' own test fills it): an empty list for an administrator.
    expect(police.todo.violations).toEqual({ count: 0, items: [], link: '/supervision/violations' });

    // 人社 answers nothing of 公安's; the county's administrator sees none of either.
    const hrss = await home(x.w.hrss);
    expect(hrss.todo.approvals).toEqual({ count: 0, items: [], link: '/sharing/approvals' });
    const county = await home(x.w.countyAdmin);
    expect(county.todo.approvals.count).toBe(0);
    expect(county.todo.deadlines.count).toBe(0);
    // A department user decides nothing: no approvals list at all; nor jobs, which are the operator's.
    const policeUser = await home(x.w.policeUser);
    expect(policeUser.todo.approvals).toBeNull();
    expect(policeUser.todo.jobs).toBeNull();
    expect(policeUser.todo.violations).toBeNull();
    const operator = await home(x.w.sysadmin);
    expect(operator.todo.jobs).not.toBeNull();
    expect(operator.todo.nodes).toEqual({ count: 0, items: [], link: '/exchange/nodes' });
  });

  it('to-do: 人社 sees its own applications near their deadline, as the deadline counts its working days', async () => {
    // A working day or two before the due date, the reply is near for the requester.
    const due = (await x.w.hrss.request('GET', `${SHARING_API}/applications/${pending}`)).body.deadline
      .dueDate;
    const calendar = await x.platform.services.calendar.calendar();
    let day = due as string;
    while (calendar.countWorkingDays(day, due).count < NEAR_DEADLINE_WORKING_DAYS - 1)
      day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    x.clock.set(`${day}T01:00:00Z`);
    const views = await Promise.all(
      [pending, late].map(
        async (id) => (await x.w.hrss.request('GET', `${SHARING_API}/applications/${id}`)).body,
      ),
    );
    const near = views.filter(
      (a) =>
        a.overdue ||
        (a.deadline.workingDaysLeft !== null && a.deadline.workingDaysLeft <= NEAR_DEADLINE_WORKING_DAYS),
    );
    expect(near.length).toBe(2);
    const hrss = await home(x.w.hrss);
    expect(hrss.todo.deadlines.count).toBe(near.length);
    expect(hrss.todo.deadlines.items.map((i: Body) => i.id).sort()).toEqual(near.map((a) => a.id).sort());
    expect(hrss.todo.deadlines.items[0].dueDate).toBe(due);
    // 公安 asked for nothing: nothing of 人社's shows on its deadlines.
    expect((await home(x.w.police)).todo.deadlines.count).toBe(0);
  });

  it('R111 statistics: resources, applications per month, reply times, usage, top resources, freshness, against the fixture', async () => {
    // One answer late: past its deadline, swept, then approved.
    x.clock.set('2026-10-21T01:00:00Z');
    await x.platform.services.sharing.scheduler.sweep(x.clock.now());
    // Freshness as of the new day, before the page reads it (the freshness job, running beside
    // the test, would otherwise change it between the page's answer and the check below).
    await x.platform.services.quality.freshness.refresh();
    await step(x.w.police, `${SHARING_API}/applications/${late}/approve`, {});
    const police = (await home(x.w.police)).statistics;
    const { police: policeId, hrss: hrssId } = x.w.departments;

    expect(police.scope).toMatchObject({ kind: 'department', name: '示范市公安局' });
    // Resources: as the catalog holds them for the provider.
    const published = await db()
      .selectFrom('catalog_entry')
      .select(['catalog_class', 'share_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'published')
      .where('provider_department_id', '=', policeId)
      .groupBy(['catalog_class', 'share_type'])
      .execute();
    expect(published.length).toBeGreaterThan(0);
    expect(
      police.resources.map((r: Body) => `${r.catalogClass}/${r.shareType}/${r.resources}`).sort(),
    ).toEqual(published.map((r) => `${r.catalog_class}/${r.share_type}/${Number(r.n)}`).sort());
    // Nothing of 人社's: it publishes nothing.
    expect((await home(x.w.hrss)).statistics.resources).toEqual([]);

    // Applications per month: the twelve months up to October, each as made in it.
    expect(police.applicationsPerMonth).toHaveLength(12);
    expect(police.applicationsPerMonth.at(-1).month).toBe('2026-10');
    expect(police.applicationsPerMonth[0].month).toBe('2025-11');
    const made = await db()
      .selectFrom('sharing_application')
      .select('created_at')
      .where((eb) =>
        eb.or([eb('provider_department_id', '=', policeId), eb('consumer_department_id', '=', policeId)]),
      )
      .execute();
    const september = made.filter((r) => r.created_at.startsWith('2026-09')).length;
    expect(september).toBe(4);
    expect(police.applicationsPerMonth.find((m: Body) => m.month === '2026-09').applications).toBe(september);
    expect(police.applicationsPerMonth.reduce((n: number, m: Body) => n + m.applications, 0)).toBe(
      made.length,
    );

    // Reply times: approved and refused on the day of application (within half), one late.
    expect(police.replyTimes).toEqual({ half: 2, within: 0, late: 1 });
    // 人社 is the requester of the same applications: the same answers are in its scope.
    expect((await home(x.w.hrss)).statistics.replyTimes).toEqual({ half: 2, within: 0, late: 1 });
    // The county sees none of them.
    const county = (await home(x.w.countyAdmin)).statistics;
    expect(county.replyTimes).toEqual({ half: 0, within: 0, late: 0 });
    expect(county.applicationsPerMonth.every((m: Body) => m.applications === 0)).toBe(true);

    // Usage: the reads of 人社 on day 1, counted for the reader from the stored indicators.
    const hrss = (await home(x.w.hrssUser)).statistics;
    expect(hrss.usage).toHaveLength(30);
    expect(hrss.usage.at(-1).day).toBe('2026-10-20');
    expect(hrss.usage.find((d: Body) => d.day === DAY1)).toEqual({
      day: DAY1,
      queries: 2,
      downloads: 1,
      serviceCalls: 0,
    });
    expect(police.usage.find((d: Body) => d.day === DAY1)).toMatchObject({ queries: 0, downloads: 0 });
    const city = (await home(x.w.authority)).statistics;
    expect(city.scope.kind).toBe('jurisdiction');
    expect(city.usage.find((d: Body) => d.day === DAY1)).toMatchObject({ queries: 2, downloads: 1 });

    // Top resources: the hosted resource, read 3 times (2 queries, 1 download), by 人社 from 公安.
    const reads = await db()
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('category', '=', 'access')
      .where('outcome', '=', 'success')
      .where('resource_id', '=', x.entryId)
      .executeTakeFirstOrThrow();
    expect(Number(reads.n)).toBe(3);
    for (const view of [police, hrss, city])
      expect(view.topResources[0]).toMatchObject({ id: x.entryId, reads: Number(reads.n) });
    expect(county.topResources).toEqual([]);

    // Freshness: as the quality module holds it for the provider.
    const fresh = await db()
      .selectFrom('quality_freshness')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('provider_department_id', '=', policeId)
      .groupBy('status')
      .execute();
    expect(police.freshness).toEqual({
      fresh: 0,
      due: 0,
      late: 0,
      unknown: 0,
      ...Object.fromEntries(fresh.map((r) => [r.status, Number(r.n)])),
    });
    expect(hrss.freshness).toEqual({ fresh: 0, due: 0, late: 0, unknown: 0 });
    expect(hrssId).not.toBe(policeId);
  });

  it('R111 the ranking: the authority ranks its departments by their stored indicators; a department has none', async () => {
    expect((await home(x.w.police)).statistics.ranking).toBeNull();
    expect((await home(x.w.policeUser)).statistics.ranking).toBeNull();
    const ranking = (await home(x.w.authority)).statistics.ranking;
    const rows = await db()
      .selectFrom('supervision_indicator_day')
      .select(['subject_id', 'indicator', 'numerator', 'denominator'])
      .where('subject_kind', '=', 'department')
      .where('indicator', 'in', [...RANKING_INDICATORS])
      .where('day', '>=', '2026-09-21')
      .where('day', '<=', '2026-10-20')
      .where('jurisdiction_path', 'like', `${x.w.city.path}%`)
      .execute();
    const sums = new Map<string, Map<string, { n: number; d: number }>>();
    for (const r of rows) {
      const dept = sums.get(r.subject_id) ?? new Map();
      sums.set(r.subject_id, dept);
      const s = dept.get(r.indicator) ?? { n: 0, d: 0 };
      s.n += Number(r.numerator ?? 0);
      s.d += Number(r.denominator ?? 0);
      dept.set(r.indicator, s);
    }
    const expected = [...sums.entries()]
      .map(([id, shares]) => {
        const measured = [...shares.values()].filter((s) => s.d > 0);
        return {
          id,
          measured: measured.length,
          score: measured.length
            ? (100 * measured.reduce((a, s) => a + s.n / s.d, 0)) / measured.length
            : null,
        };
      })
      .filter((e) => e.score !== null);
    expect(expected.some((e) => e.id === x.w.departments.police)).toBe(true);
    expect(ranking.map((r: Body) => r.departmentId).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const e of expected) {
      const row = ranking.find((r: Body) => r.departmentId === e.id);
      expect(row.measured).toBe(e.measured);
      expect(row.score).toBeCloseTo(e.score as number, 1);
    }
    const scores = ranking.map((r: Body) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The operator and the auditor see every department: the same ranking and more.
    for (const wide of [x.w.sysadmin, x.w.auditadmin]) {
      const all = (await home(wide)).statistics;
      expect(all.scope.kind).toBe('all');
      expect(all.ranking.map((r: Body) => r.departmentId)).toEqual(
        expect.arrayContaining(ranking.map((r: Body) => r.departmentId)),
      );
      expect(all.topResources[0]).toMatchObject({ id: x.entryId });
    }
    // The county's authority ranks only the county's departments.
    const countyRanking = (await home(x.w.countyAuthority)).statistics.ranking;
    expect(countyRanking.some((r: Body) => r.departmentId === x.w.departments.police)).toBe(false);
  });

  it('the read is audited once per summary; unauthenticated 401; unknown or hostile query 400; security admin has no statistics', async () => {
    const before = await db()
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'home.summary.read')
      .executeTakeFirstOrThrow();
    await home(x.w.policeUser);
    const after = await db()
      .selectFrom('audit_entry')
      .select(['actor_name', 'department_id', 'target_type'])
      .where('action', '=', 'home.summary.read')
      .orderBy('seq', 'desc')
      .execute();
    expect(after.length).toBe(Number(before.n) + 1);
    expect(after[0]).toMatchObject({
      actor_name: 'police.user',
      department_id: x.w.departments.police,
      target_type: 'home',
    });
    expect((await x.platform.http.inject({ url: HOME })).statusCode).toBe(401);
    for (const query of ['x=1', `x=${'a'.repeat(100_000)}`, 'x=%00', 'x=%ED%A0%80']) {
      const res = await x.w.police.request('GET', `${HOME}?${query}`);
      expect(res.status, query).toBe(400);
    }
    const secadmin = await home(x.w.secadmin);
    expect(secadmin.statistics).toBeNull();
    expect(secadmin.todo.approvals).toBeNull();
  });
});
