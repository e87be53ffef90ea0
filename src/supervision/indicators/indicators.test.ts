import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_API, type ExchangeWorld, startExchangeWorld } from '../../exchange/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { QualityServices } from '../../quality/index.js';
import { applicationBody, API as SHARING_API, threeItemContent } from '../../sharing/test-support/index.js';
import type { SupervisionServices } from '../index.js';

const API = '/api/v1/supervision/indicators';
const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
/** 2026-09-30 (China): applications answered in time, reads, scores; obligations recorded. */
const DAY1 = '2026-09-30';
/** 2026-10-21 (China): one application answered late, one obligation overdue, the data stale. */
const DAY2 = '2026-10-21';

interface Point {
  day: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
interface Series {
  subject: { kind: string; id: string; name: string };
  indicator: string;
  points: Point[];
}

describe.each(DIALECTS)('R111 R113 supervision indicators on %s (issue 17)', (dialect) => {
  let x: ExchangeWorld;
  let quality: QualityServices;
  let supervision: SupervisionServices;
  let police: string;
  let hrss: string;
  let county: string;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
    const services = x.platform.services as unknown as {
      quality: QualityServices;
      supervision: SupervisionServices;
    };
    quality = services.quality;
    supervision = services.supervision;
    ({ police, hrss, county } = x.w.departments);
  }, 180_000);
  afterAll(() => x?.close());

  const step = async (
    client: ExchangeWorld['w']['police'],
    url: string,
    body: unknown = {},
    headers: Record<string, string> = {},
  ) => {
    const res = await client.request('POST', url, body, headers);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const read = async (client: ExchangeWorld['w']['police'], query: string): Promise<Series[]> => {
    const res = await client.request('GET', `${API}?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.series;
  };
  /** One stored figure of a department (or jurisdiction) on a day, as the operator reads it. */
  const figure = async (day: string, subjectId: string, indicator: string) => {
    const series = await read(x.w.sysadmin, `from=${day}&to=${day}&indicator=${indicator}`);
    const s = series.find((e) => e.subject.id === subjectId);
    return s?.points[0];
  };
  let late: string;
  let obligations: string[];

  it('builds a day of known answers: replies in time, a refusal, reads, scores, obligations', async () => {
    const conditional = await x.w.publish(threeItemContent());
    const apply = () => step(x.w.hrss, `${SHARING_API}/applications`, applicationBody(conditional));
    const [a1, a2, a3] = [await apply(), await apply(), await apply()];
    late = a3.id;
    await step(x.w.police, `${SHARING_API}/applications/${a1.id}/approve`, {});
    await step(x.w.police, `${SHARING_API}/applications/${a2.id}/refuse`, {
      reason: '申请事由与所需数据无关',
    });
    // Reads by 人社 under a grant on the hosted resource: 2 queries of one record each, 1 download of 5.
    await x.grant(undefined, ['online_query', 'batch_download']);
    for (const r of x.records.slice(0, 2))
      await step(
        x.w.hrss,
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys: [r['公民身份号码']] },
        PURPOSE,
      );
    const download = await x.platform.http.inject({
      method: 'GET',
      url: `${EXCHANGE_API}/resources/${x.entryId}/download?format=csv`,
      remoteAddress: x.w.hrss.ip,
      headers: { cookie: x.w.hrss.cookie ?? '', ...PURPOSE },
    });
    expect(download.statusCode).toBe(200);
    await quality.scores.refreshAll();
    await quality.freshness.refresh();
    obligations = [];
    for (const description of ['《户口登记条例》修订', '《居民身份证法》修订'])
      obligations.push(
        (
          await step(x.w.authority, '/api/v1/catalog/obligations', {
            departmentId: police,
            cause: 'law_change',
            description,
          })
        ).id,
      );
    const computed = await step(x.w.authority, `${API}/compute`, { day: DAY1 });
    expect(computed.values).toBeGreaterThan(0);
  });

  it('R111 day 1: replies in time per share type, refusals, supply, usage by the reader, score and freshness', async () => {
    const f = (subject: string, indicator: string) => figure(DAY1, subject, indicator);
    expect(await f(police, 'reply_timeliness')).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(await f(police, 'reply_timeliness_conditional')).toMatchObject({ numerator: 2, denominator: 2 });
    // No unconditional application: nothing to measure is null, not 0 % nor 100 %.
    expect(await f(police, 'reply_timeliness_unconditional')).toMatchObject({ value: null, denominator: 0 });
    expect((await f(police, 'refusals'))?.value).toBe(1);
    expect((await f(police, 'reply_overdue'))?.value).toBe(0);
    expect(await f(police, 'supply_timeliness')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    // Usage counts the reading department (人社), from the audit trail's access entries.
    expect((await f(hrss, 'usage_queries'))?.value).toBe(2);
    expect((await f(hrss, 'usage_downloads'))?.value).toBe(1);
    expect((await f(hrss, 'usage_rows_read'))?.value).toBe(2);
    expect((await f(police, 'usage_queries'))?.value).toBe(0);
    expect((await f(police, 'quality_score'))?.value).toBe(100);
    // 人社 hosts nothing: it has no score, and none is invented.
    expect((await f(hrss, 'quality_score'))?.value).toBeNull();
    expect(await f(police, 'freshness')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(await f(police, 'catalog_coverage')).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    // Obligations recorded today are not yet due.
    expect(await f(police, 'catalog_update_timeliness')).toMatchObject({ value: null, denominator: 0 });
    // Not offered yet (verification answered): stored empty, not invented. No violation case is open.
    expect((await f(police, 'verification_on_time'))?.value).toBeNull();
    expect((await f(police, 'open_violations'))?.value).toBe(0);
    expect((await f(police, 'verification_overdue'))?.value).toBe(0);
  });

  it('R111 R113 day 2: a late answer, an overdue obligation, stale data; the jurisdiction sums its departments', async () => {
    x.clock.set('2026-10-15T02:00:00Z');
    await step(x.w.authority, `/api/v1/catalog/obligations/${obligations[0]}/fulfil`, { note: '已更新目录' });
    x.clock.set('2026-10-21T01:00:00Z');
    await x.platform.services.sharing.scheduler.sweep(x.clock.now());
    await step(x.w.police, `${SHARING_API}/applications/${late}/approve`, {});
    await quality.freshness.refresh();
    await quality.scores.refreshAll();
    await supervision.indicators.compute(DAY2);
    const f = (subject: string, indicator: string) => figure(DAY2, subject, indicator);
    expect(await f(police, 'reply_timeliness')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect((await f(police, 'reply_overdue'))?.value).toBe(1);
    expect((await f(police, 'refusals'))?.value).toBe(0);
    // Both obligations fell due on 2026-10-20 (10 working days); one was fulfilled on 10-15.
    expect(await f(police, 'catalog_update_timeliness')).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
    });
    expect((await f(police, 'catalog_obligations_overdue'))?.value).toBe(1);
    // The daily resource has not changed for three weeks.
    expect(await f(police, 'freshness')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect((await f(police, 'quality_score'))?.value).toBe(100);
    expect((await f(hrss, 'usage_queries'))?.value).toBe(0);
    const city = (
      await read(
        x.w.sysadmin,
        `from=${DAY2}&to=${DAY2}&subject=jurisdiction&indicator=catalog_obligations_overdue`,
      )
    ).filter((e) => e.points[0]?.value !== null);
    expect(city.map((e) => [e.subject.name, e.points[0]?.value])).toEqual(
      expect.arrayContaining([
        ['示范市', 1],
        ['示范县', 0],
      ]),
    );
  });

  it('R113 scope: a department sees only its own; an authority its jurisdiction; the range is one series per figure', async () => {
    const own = await read(x.w.policeUser, `from=${DAY1}&to=${DAY2}`);
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((e) => `${e.subject.kind}:${e.subject.id}`))).toEqual(
      new Set([`department:${police}`]),
    );
    // One series per figure over the range, in day order (the daily job may have added days between).
    const days = own.find((e) => e.indicator === 'reply_timeliness')?.points.map((p) => p.day) ?? [];
    expect(days).toEqual(expect.arrayContaining([DAY1, DAY2]));
    expect(days).toEqual([...days].sort());
    expect(await read(x.w.policeUser, `from=${DAY1}&to=${DAY2}&departmentId=${hrss}`)).toEqual([]);
    const hrssOwn = await read(x.w.hrssUser, `from=${DAY1}&to=${DAY1}&indicator=usage_queries`);
    expect(hrssOwn.map((e) => [e.subject.id, e.points[0]?.value])).toEqual([[hrss, 2]]);
    const countyView = await read(x.w.countyAuthority, `from=${DAY1}&to=${DAY1}&indicator=refusals`);
    expect(countyView.map((e) => e.subject.name).sort()).toEqual(
      countyView
        .filter((e) => e.subject.id === county || e.subject.kind === 'jurisdiction')
        .map((e) => e.subject.name)
        .sort(),
    );
    expect(countyView.some((e) => e.subject.id === police || e.subject.name === '示范市')).toBe(false);
    expect(countyView.some((e) => e.subject.id === county)).toBe(true);
    const cityView = await read(
      x.w.authority,
      `from=${DAY1}&to=${DAY1}&indicator=refusals&subject=jurisdiction`,
    );
    expect(cityView.map((e) => e.subject.name).sort()).toEqual(['示范县', '示范市']);
    expect(cityView.find((e) => e.subject.name === '示范市')?.points[0]?.value).toBe(1);
    const auditor = await read(
      x.w.auditadmin,
      `from=${DAY1}&to=${DAY1}&indicator=refusals&subject=jurisdiction`,
    );
    expect(auditor.map((e) => e.subject.name)).toContain('邻市');
    const refused = await x.w.policeUser.request('POST', `${API}/compute`, { day: DAY1 });
    expect(refused.status).toBe(403);
    const future = await x.w.sysadmin.request('POST', `${API}/compute`, { day: '2026-10-22' });
    expect(future.body.error.code).toBe('SUPERVISION_DAY_INVALID');
    const range = await x.w.sysadmin.request('GET', `${API}?from=${DAY2}&to=${DAY1}`);
    expect(range.body.error.code).toBe('SUPERVISION_RANGE_INVALID');
  });

  it('R111 recomputing a day replaces it: the same figures, no duplicates, each run audited', async () => {
    const stored = () =>
      x.platform.storage.db
        .selectFrom('supervision_indicator_day')
        .select(['subject_kind', 'subject_id', 'indicator', 'value', 'numerator', 'denominator'])
        .where('day', '=', DAY1)
        .orderBy('subject_kind')
        .orderBy('subject_id')
        .orderBy('indicator')
        .execute();
    const before = await stored();
    await step(x.w.sysadmin, `${API}/compute`, { day: DAY1 });
    await supervision.indicators.compute(DAY1);
    const after = await stored();
    expect(after).toEqual(before);
    // Freshness is a state, not a history: a past day keeps the value recorded then.
    expect(after.find((r) => r.subject_id === police && r.indicator === 'freshness')?.value).toBe(1);
    const audited = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['actor_name', 'detail'])
      .where('action', '=', 'supervision.indicators.compute')
      .where('target_id', '=', DAY1)
      .execute();
    expect(audited.length).toBe(3);

    // The nightly job and two recomputations of the same day at once (PostgreSQL: three
    // connections) queue one after the other: every run succeeds, the day holds one set of figures.
    const job = x.platform.services.jobs.runNow('supervision.indicators');
    await Promise.all([
      supervision.indicators.compute(DAY1),
      step(x.w.sysadmin, `${API}/compute`, { day: DAY1 }),
    ]);
    expect((await job).lastOutcome).toBe('success');
    expect(await stored()).toEqual(before);
  });
});
