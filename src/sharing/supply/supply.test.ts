import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { loadEffectiveProfile } from '../../platform/profiles/index.js';
import { API, applicationBody } from '../test-support/index.js';
import { supplyPeriod } from './service.js';

type Supply = {
  dueDate: string | null;
  article: string | null;
  suppliedAt: string | null;
  overdue: boolean;
  late: boolean;
  workingDaysLeft: number | null;
  provisional: boolean | null;
};

describe('N12 the supply period comes from the profile', () => {
  it('N12 national: 20 working days, 第二十二条; a profile without a fixed period gives none', () => {
    const national = loadEffectiveProfile('national');
    expect(supplyPeriod(national)).toMatchObject({ value: 20, unit: 'working_days', article: '第二十二条' });
    const silent = {
      ...national,
      deadlines: {
        ...national.deadlines,
        supply: {
          value: null,
          unit: 'working_days',
          qualifier: 'not_specified',
          article: null,
          text: '未规定',
        },
      },
    } as typeof national;
    expect(supplyPeriod(silent)).toBeNull();
  });
});

/**
 * N12 (政务数据共享条例第二十二条第一款): after agreeing, the provider supplies within 20 working
 * days; the first successful read through the exchange meets it; the sweep flags what is late.
 */
describe.each(DIALECTS)('N12 supply after agreeing on %s', (dialect) => {
  let x: ExchangeWorld;
  let client: ApiRequester;

  beforeAll(async () => {
    // Approved on 2026-09-30, the last working day before the National Day holiday.
    x = await startExchangeWorld(dialect, { exchange: { readCacheMs: 0 } });
    client = await x.apiClient(x.w.departments.hrss);
  }, 180_000);
  afterAll(async () => x?.close());

  /** Applies over HTTP as 人社 for `purpose` and approves as 公安; answers the grant id. */
  const approvedGrant = async (purpose: string) => {
    const applied = await x.w.hrss.request(
      'POST',
      `${API}/applications`,
      applicationBody(x.entryId, { items: ['公民身份号码', '参保状态'], methods: ['online_query'], purpose }),
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const approved = await x.w.police.request('POST', `${API}/applications/${applied.body.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return approved.body.grantId as string;
  };
  const grant = async (id: string) => {
    const res = await x.w.hrss.request('GET', `${API}/grants/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { supply: Supply; timeline: { action: string }[] };
  };
  const read = async (purpose: string) => {
    await client.renew();
    return client.request(
      'POST',
      `${EXCHANGE_API}/resources/${x.entryId}/query`,
      { keys: [x.records[0]?.公民身份号码 as string] },
      { 'x-govshare-purpose': purpose },
    );
  };
  const sweep = (iso: string) => x.platform.services.sharing.scheduler.sweep(new Date(iso));
  const notices = async (who: ApiRequester | typeof x.w.police, grantId: string) =>
    (
      (await who.request('GET', `${API}/notices?pageSize=200`)).body.items as {
        kind: string;
        case: { id: string } | null;
      }[]
    ).filter((n) => n.kind === 'grant.supply_overdue' && n.case?.id === grantId);

  it('N12 the approval opens a supply obligation due 20 working days later across the National Day holiday', async () => {
    const id = await approvedGrant('data_verification');
    const { supply, timeline } = await grant(id);
    // Oct 1–7 off, Oct 10 (Saturday) a make-up working day: Oct 8 is the first, Nov 3 the 20th.
    expect(supply).toEqual({
      dueDate: '2026-11-03',
      article: expect.stringContaining('第二十二条'),
      note: null,
      suppliedAt: null,
      overdue: false,
      late: false,
      workingDaysLeft: 20,
      provisional: false,
    });
    expect(timeline.map((e) => e.action)).not.toContain('supplied');
  });

  it('N12 the first successful read meets it once; a second read changes nothing; the sweep leaves it alone', async () => {
    const id = await approvedGrant('business_coordination');
    x.clock.set('2026-10-12T02:00:00Z');
    const first = await read('business_coordination');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.grantId).toBe(id);
    const met = (await grant(id)).supply;
    expect(met).toMatchObject({
      dueDate: '2026-11-03',
      suppliedAt: '2026-10-12T02:00:00.000Z',
      overdue: false,
    });
    expect(met.workingDaysLeft).toBeNull();

    x.clock.set('2026-10-13T02:00:00Z');
    expect((await read('business_coordination')).status).toBe(200);
    const again = await grant(id);
    expect(again.supply.suppliedAt).toBe('2026-10-12T02:00:00.000Z');
    expect(again.timeline.filter((e) => e.action === 'supplied')).toHaveLength(1);

    // A refused read (a purpose no grant covers) is no delivery: nothing else is marked supplied.
    expect((await read('other')).status).toBe(403);

    x.clock.set('2026-11-10T02:00:00Z');
    await sweep('2026-11-10T01:00:00Z');
    expect((await grant(id)).supply.overdue).toBe(false);
    expect(await notices(x.w.police, id)).toHaveLength(0);
  });

  it('N12 past due without a read the sweep flags it once, tells the provider and the authority; a late read keeps it late', async () => {
    x.clock.set('2026-09-30T02:00:00Z');
    const id = await approvedGrant('work_reference');
    expect((await grant(id)).supply.dueDate).toBe('2026-11-03');

    // On the due date it is not yet late.
    await sweep('2026-11-03T09:00:00Z');
    x.clock.set('2026-11-03T09:00:00Z');
    expect((await grant(id)).supply).toMatchObject({ overdue: false, workingDaysLeft: 0 });
    expect(await notices(x.w.police, id)).toHaveLength(0);

    const swept = await sweep('2026-11-04T01:00:00Z');
    expect(swept.steps?.supply).toBeGreaterThanOrEqual(1);
    expect((await sweep('2026-11-04T02:00:00Z')).steps?.supply).toBeUndefined();
    x.clock.set('2026-11-04T02:00:00Z');
    const flagged = await grant(id);
    expect(flagged.supply).toMatchObject({
      overdue: true,
      late: false,
      suppliedAt: null,
      workingDaysLeft: -1,
    });
    expect(flagged.timeline.filter((e) => e.action === 'supply_overdue')).toHaveLength(1);
    expect(await notices(x.w.police, id)).toHaveLength(1);
    expect(await notices(x.w.authority, id)).toHaveLength(1);
    // The consumer is not the one told.
    expect(await notices(x.w.hrss, id)).toHaveLength(0);

    const list = await x.w.police.request('GET', `${API}/grants?as=given&pageSize=200`);
    const listed = (list.body.items as { id: string; supply: Supply }[]).find((g) => g.id === id);
    expect(listed?.supply).toMatchObject({ overdue: true, dueDate: '2026-11-03' });

    x.clock.set('2026-11-05T02:00:00Z');
    expect((await read('work_reference')).status).toBe(200);
    const late = (await grant(id)).supply;
    expect(late).toMatchObject({ suppliedAt: '2026-11-05T02:00:00.000Z', overdue: true, late: true });
  });
});
