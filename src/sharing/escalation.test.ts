import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeWorld, startExchangeWorld } from '../exchange/test-support/index.js';
import { createDepartment, createUser, type OrgClient, signedIn, USCCS } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { API, applicationBody, violationsFrom } from './test-support/index.js';

type Notice = {
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  case: { type: string; id: string } | null;
};
type Event = { action: string; detail: Record<string, unknown> };

/**
 * N01/R128 (809 第十一条: each department's sharing office, its head and officer; "the head is the
 * escalation target for overdue items") and N12 (第二十二条第一款: "overdue supply is flagged to the
 * provider's head and the authority, on the case, the grant and the inbox"): every sweep that
 * flags an item overdue also tells the responsible department's head — by the head's account,
 * else the officer's, else it records on the item that nobody could be reached — once.
 */
describe.each(DIALECTS)('N01 R128 N12 overdue items escalate to the sharing-office head on %s', (dialect) => {
  let x: ExchangeWorld;
  let head: OrgClient;
  let officer: OrgClient;
  let hrssHead: OrgClient;
  const ids = {} as Record<'head' | 'officer' | 'hrssHead', string>;

  const sweep = (iso: string) => x.platform.services.sharing.scheduler.sweep(new Date(iso));
  const escalations = async (client: OrgClient, caseId: string) =>
    ((await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[]).filter(
      (n) => n.kind === 'overdue.escalated' && n.case?.id === caseId,
    );
  const office = (head: { headUserId: string | null; headName?: string }) =>
    x.w.police.request('PUT', `/api/v1/departments/${x.w.departments.police}/office`, {
      officeName: '示范市公安局数据共享办公室',
      officePhone: '0371-12345678',
      officeEmail: 'share@police.example.gov.cn',
      headTitle: '副局长',
      officerUserId: ids.officer,
      ...head,
    });
  /** A step that must succeed; answers the case after it. */
  const step = async (client: OrgClient, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const events = (body: { timeline: Event[] }, action: string) =>
    body.timeline.filter((e) => e.action === action);
  /**
   * Applies over HTTP as 人社 for `purpose`, with its head's consent where the profile asks for it
   * (809 第二十条第二款); answers the application, pending with the provider.
   */
  const apply = async (purpose: string) => {
    const applied = await x.w.hrss.request(
      'POST',
      `${API}/applications`,
      applicationBody(x.entryId, {
        items: ['公民身份号码', '参保状态'],
        methods: ['online_query'],
        purpose,
        scenario: '社会救助对象资格核验',
      }),
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const id = applied.body.id as string;
    if (applied.body.status === 'endorsing') await step(hrssHead, `${API}/applications/${id}/endorse`);
    return applied.body as { id: string; number: string };
  };
  /** 公安 approves, its head confirming the answer where the profile asks for it (第二十条第三款). */
  const approve = async (id: string) => {
    let answered = await step(x.w.police, `${API}/applications/${id}/approve`);
    if (answered.status === 'answer_review')
      answered = await step(head, `${API}/applications/${id}/confirm-answer`);
    expect(answered.grantId).toEqual(expect.any(String));
    return answered.grantId as string;
  };

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { exchange: { readCacheMs: 0 } });
    // The tests sweep by hand (and run the catalog's job by name): the background loop, waking on
    // its own with whatever time the manual clock shows then, would race them.
    await x.platform.services.jobs.stop();
    const police = x.w.departments.police;
    ids.head = await createUser(x.platform, 'police.head', police, ['dept_user']);
    ids.officer = await createUser(x.platform, 'police.officer', police, ['dept_user']);
    head = await signedIn(x.platform, 'police.head');
    officer = await signedIn(x.platform, 'police.officer');
    // 人社 records its own head (the requester's consent to apply, N09); 公安 records its office per test.
    ids.hrssHead = await createUser(x.platform, 'hrss.head', x.w.departments.hrss, ['dept_user']);
    hrssHead = await signedIn(x.platform, 'hrss.head');
    const hrssOffice = await x.w.hrss.request('PUT', `/api/v1/departments/${x.w.departments.hrss}/office`, {
      officeName: '示范市人力资源和社会保障局数据共享办公室',
      officePhone: '0371-87654321',
      officeEmail: 'share@hrss.example.gov.cn',
      headUserId: ids.hrssHead,
      headTitle: '局长',
      officerUserId: ids.hrssHead,
    });
    expect(hrssOffice.status, JSON.stringify(hrssOffice.body)).toBe(200);
  }, 240_000);
  afterAll(async () => x?.close());

  it('N12 N01 R128 supply overdue reaches the provider head by account, once; it shows on the application, the grant and the inbox', async () => {
    x.clock.set('2026-09-30T02:00:00Z');
    expect((await office({ headUserId: ids.head })).status).toBe(200);
    const application = await apply('data_verification');
    const grantId = await approve(application.id);

    // Due 2026-11-03 (20 working days across National Day): flagged the day after, once.
    expect((await sweep('2026-11-04T01:00:00Z')).steps?.supply).toBe(1);
    expect((await sweep('2026-11-04T02:00:00Z')).steps?.supply).toBeUndefined();
    x.clock.set('2026-11-04T02:00:00Z');

    const told = await escalations(head, grantId);
    expect(told).toHaveLength(1);
    expect(told[0]?.title.zh).toContain('超期提醒（报共享工作机构负责人）');
    expect(told[0]?.body.zh).toContain('2026-11-03');
    expect(told[0]?.body.zh).toContain('第二十二条');
    expect(told[0]?.body.zh).toContain('副局长');
    expect(told[0]?.body.en).toContain('head of the sharing office');
    expect(await escalations(officer, grantId)).toHaveLength(0);
    expect(await escalations(x.w.hrss, grantId)).toHaveLength(0);

    const grant = (await x.w.police.request('GET', `${API}/grants/${grantId}`)).body;
    expect(grant.supply).toMatchObject({ overdue: true, dueDate: '2026-11-03' });
    expect(events(grant, 'supply_overdue')).toHaveLength(1);
    expect(events(grant, 'escalated')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ reached: 'head', userId: ids.head }) }),
    ]);
    const onCase = (await x.w.hrss.request('GET', `${API}/applications/${application.id}`)).body;
    expect(events(onCase, 'supply_overdue')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ grantId, dueDate: '2026-11-03' }) }),
    ]);
    for (const client of [x.w.police, x.w.authority]) {
      const inbox = (await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[];
      expect(inbox.filter((n) => n.kind === 'grant.supply_overdue' && n.case?.id === grantId)).toHaveLength(
        1,
      );
    }
    // R114: the nightly supervision job opens one violation case against the provider (第三十九条第（四）项).
    expect(await violationsFrom(x.w, 'supply_overdue')).toEqual([
      expect.objectContaining({
        respondent: expect.objectContaining({ departmentId: x.w.departments.police }),
        source: expect.objectContaining({ id: grantId }),
        category: expect.objectContaining({ party: 'provider', article: '第三十九条第（四）项' }),
        facts: expect.stringContaining('提供期限（2026-11-03）已届满'),
      }),
    ]);
    expect(await violationsFrom(x.w, 'supply_overdue')).toHaveLength(1);
  });

  it('N01 R128 a reply overdue: the head has no account, so the officer is told, once, naming the head', async () => {
    const noAccount = await office({ headUserId: null, headName: '王局长' });
    expect(noAccount.status, JSON.stringify(noAccount.body)).toBe(200);
    x.clock.set('2026-11-05T02:00:00Z');
    const application = await apply('work_reference');
    expect((await sweep('2026-12-21T02:00:00Z')).overdue).toBe(1);
    expect((await sweep('2026-12-21T03:00:00Z')).overdue).toBe(0);
    x.clock.set('2026-12-21T03:00:00Z');

    const told = await escalations(officer, application.id);
    expect(told).toHaveLength(1);
    expect(told[0]?.title.zh).toContain(application.number);
    expect(told[0]?.body.zh).toContain('王局长');
    expect(told[0]?.body.zh).toContain('未开通平台账号');
    expect(await escalations(head, application.id)).toHaveLength(0);
    const detail = (await x.w.police.request('GET', `${API}/applications/${application.id}`)).body;
    expect(events(detail, 'overdue')).toHaveLength(1);
    expect(events(detail, 'escalated')).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ reached: 'officer', userId: ids.officer }),
      }),
    ]);
  });

  it('N01 R128 nobody to reach: a disposal record overdue at a requester without a sharing office is recorded on the item, once', async () => {
    x.clock.set('2026-12-21T02:00:00Z');
    // A requester that has recorded no sharing office.
    const county = await createDepartment(x.platform, '示范市民政局', USCCS[4] as string, x.w.city.id);
    const grantId = await x.grant(undefined, undefined, { consumerDepartmentId: county });
    const required = await x.w.police.request('POST', `${API}/disposals`, {
      grantId,
      ground: 'purpose_achieved',
      requirement: '删除核验库中全部数据',
      dueDate: '2026-12-25',
    });
    expect(required.status, JSON.stringify(required.body)).toBe(201);
    const disposalId = required.body.id as string;
    expect((await sweep('2026-12-28T02:00:00Z')).steps?.disposals).toBe(1);
    expect((await sweep('2026-12-28T03:00:00Z')).steps?.disposals).toBeUndefined();
    x.clock.set('2026-12-28T03:00:00Z');

    const disposal = (await x.w.police.request('GET', `${API}/disposals/${disposalId}`)).body;
    expect(disposal.overdue).toBe(true);
    expect(events(disposal, 'escalation_unreachable')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ departmentId: county, reached: null }) }),
    ]);
    for (const client of [x.w.police, head, officer, hrssHead])
      expect(await escalations(client, disposalId)).toHaveLength(0);
    const audited = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', '=', disposalId)
      .where('action', 'like', 'sharing.overdue.%')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['sharing.overdue.escalation_unreachable']);
  });

  it('N01 R128 a catalog update obligation past its date is flagged once and escalated to the department head', async () => {
    expect((await office({ headUserId: ids.head })).status).toBe(200);
    x.clock.set('2027-01-04T02:00:00Z');
    const recorded = await x.w.authority.request('POST', '/api/v1/catalog/obligations', {
      departmentId: x.w.departments.police,
      cause: 'duty_change',
      description: '机构改革职责调整',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const due = recorded.body.dueDate as string;
    // The catalog's sweep job flags and escalates it (jobs kernel); a later sweep finds nothing new.
    x.clock.set('2027-02-26T02:00:00Z');
    const job = await x.platform.services.jobs.runNow('catalog.review-sweep');
    expect(job).toMatchObject({ lastOutcome: 'success' });
    x.clock.set('2027-02-26T03:00:00Z');
    expect(await x.platform.services.catalogObligations.sweepOverdue(new Date('2027-02-26T03:00:00Z'))).toBe(
      0,
    );
    const inbox = (await head.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[];
    const told = inbox.filter(
      (n) => n.kind === 'overdue.escalated' && n.title.zh.includes('机构改革职责调整'),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.body.zh).toContain(due);
    expect(told[0]?.body.zh).toContain('第十七条');
    const row = await x.platform.storage.db
      .selectFrom('catalog_obligation')
      .selectAll()
      .where('id', '=', recorded.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ overdue_at: '2027-02-26T02:00:00.000Z', overdue_escalation: 'head' });
    // The obligation's answer shows the flag and whom the escalation reached.
    const listed = (await x.w.police.request('GET', '/api/v1/catalog/obligations?status=overdue')).body as {
      id: string;
    }[];
    expect(listed.find((o) => o.id === recorded.body.id)).toMatchObject({
      state: 'overdue',
      overdueFlaggedAt: '2027-02-26T02:00:00.000Z',
      escalation: 'head',
    });
  });
});
