import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/cases/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  type CorrectionWorld,
  nameClaim,
  startCorrectionWorld,
} from '../../quality/corrections/test-support/index.js';
import type { QualityServices } from '../../quality/index.js';
import { applicationBody, API as SHARING_API, threeItemContent } from '../../sharing/test-support/index.js';
import type { SupervisionServices } from '../index.js';
import { circularDigest } from './circulars.js';

const API = '/api/v1/supervision/violations';
const CIRCULARS = '/api/v1/supervision/circulars';
/** 2026-10-21 09:00 in China: the reply and verification periods begun on 2026-09-30 have run out. */
const AFTER = '2026-10-21T01:00:00Z';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
type Body = any;
type Client = CorrectionWorld['x']['w']['police'];

describe.each(DIALECTS)('R114 R40 R72 N20 N25 violation cases on %s (issue 17)', (dialect) => {
  let c: CorrectionWorld;
  let quality: QualityServices;
  let supervision: SupervisionServices;
  const cases = {} as Record<'reply' | 'stale' | 'verification', string>;

  beforeAll(async () => {
    c = await startCorrectionWorld(dialect);
    const services = c.x.platform.services as unknown as {
      quality: QualityServices;
      supervision: SupervisionServices;
    };
    quality = services.quality;
    supervision = services.supervision;
  }, 180_000);
  afterAll(() => c?.close());

  const call = async (client: Client, method: string, url: string, body?: unknown) => {
    const res = await client.request(method, url, body);
    return res as { status: number; body: Body };
  };
  const ok = async (client: Client, method: string, url: string, body?: unknown): Promise<Body> => {
    const res = await call(client, method, url, body);
    expect(res.status, `${method} ${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const list = async (client: Client, query = ''): Promise<Body[]> =>
    (await ok(client, 'GET', `${API}?pageSize=200${query}`)).items;
  const inbox = async (client: Client) => (await c.inbox(client)).filter((n) => n.case?.type === 'violation');
  const rows = (kind: string) =>
    c.x.platform.storage.db
      .selectFrom('supervision_violation' as never)
      .selectAll()
      .where('source_kind' as never, '=', kind as never)
      .execute();
  const runJob = async () => {
    const status = await c.x.platform.services.jobs.runNow('supervision.violations');
    expect(status.lastOutcome, status.lastError ?? '').toBe('success');
  };

  it('R40 R72 R114 the daily job opens a case from an overdue reply, stale data, an overdue verification request, an overdue catalog update and an upheld misuse, once each', async () => {
    const w = c.x.w;
    const entry = await w.publish(threeItemContent());
    await ok(w.hrss, 'POST', `${SHARING_API}/applications`, applicationBody(entry));
    const filed = await c.file({ ...nameClaim(c.keys[0] as string), entryId: c.x.entryId });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await quality.freshness.refresh();
    // 809 第十七条: the authority records a catalog update obligation of 公安, due in 10 working days.
    await ok(w.authority, 'POST', '/api/v1/catalog/obligations', {
      departmentId: w.departments.police,
      cause: 'law_change',
      description: '《户口登记条例》修订',
    });
    // Nothing is overdue yet: the job opens nothing.
    await runJob();
    expect(await list(w.authority)).toEqual([]);

    c.x.clock.set(AFTER);
    await c.x.platform.services.sharing.scheduler.sweep(c.x.clock.now());
    await quality.corrections.sweep();
    await quality.freshness.refresh();
    // 809 第二十七条第二款 (N17): 公安 finds 人社's misuse of a grant; the finding is upheld at once.
    const grantId = await c.x.grant();
    await ok(w.police, 'POST', `${SHARING_API}/complaints/misuse-findings`, {
      grantIds: [grantId],
      misuse: ['other_purpose'],
      facts: '人社局将共享的参保数据用于申请事由以外的招聘背景调查',
      rectification: { order: '停止超范围使用并删除已导出数据', workingDays: 5 },
    });
    await runJob();
    const opened = await list(w.authority);
    const bySource = new Map(opened.map((v) => [v.source.kind, v]));
    expect([...bySource.keys()].sort()).toEqual([
      'catalog_update_overdue',
      'data_stale',
      'misuse_upheld',
      'reply_overdue',
      'verification_overdue',
    ]);
    expect(bySource.get('misuse_upheld')).toMatchObject({
      category: { code: 'use_beyond_scope', party: 'requester', article: '第四十条第（二）项' },
      respondent: { departmentId: w.departments.hrss },
    });
    expect(bySource.get('catalog_update_overdue')).toMatchObject({
      category: { code: 'catalog_not_maintained', article: '第三十九条第（一）项' },
      respondent: { departmentId: w.departments.police },
    });
    expect(bySource.get('reply_overdue')).toMatchObject({
      status: 'open',
      number: expect.stringMatching(/^WG-2026-\d{6}$/),
      respondent: { departmentId: w.departments.police, name: '示范市公安局' },
      category: {
        code: 'reply_or_supply_late',
        party: 'provider',
        article: '第三十九条第（四）项',
        label: { zh: expect.stringContaining('未按时答复政务数据共享申请') },
      },
      openedBy: '平台自动立案',
      allowedActions: ['order', 'dismiss'],
    });
    expect(bySource.get('reply_overdue').facts).toContain('答复期限（2026-10-20）已届满');
    expect(bySource.get('verification_overdue').category).toMatchObject({
      code: 'verification_late',
      article: '第三十九条第（六）项',
    });
    expect(bySource.get('data_stale').category).toMatchObject({ code: 'source_update_not_supported' });
    cases.reply = bySource.get('reply_overdue').id;
    cases.stale = bySource.get('data_stale').id;
    cases.verification = bySource.get('verification_overdue').id;

    // Idempotent: a second run (and the service called again for the same record) opens nothing more.
    await runJob();
    expect((await list(w.authority)).length).toBe(5);
    for (const kind of [
      'reply_overdue',
      'data_stale',
      'verification_overdue',
      'catalog_update_overdue',
      'misuse_upheld',
    ])
      expect(await rows(kind)).toHaveLength(1);
    const again = await supervision.violations.openFromFact(
      'reply_overdue',
      {
        id: bySource.get('reply_overdue').source.id,
        departmentId: w.departments.police,
        facts: '重复',
        ref: null,
      },
      bySource.get('reply_overdue').category,
    );
    expect(again).toBeUndefined();

    const told = await inbox(w.police);
    expect(told.filter((n) => n.kind === 'violation.opened')).toHaveLength(4);
  });

  it('R114 N25 ordered with a due date on the working-day calendar, rectified, rejected once, rectified again, closed', async () => {
    const w = c.x.w;
    // The texts fix no period (责令改正): an order without one is refused; the authority gives it.
    const noPeriod = await call(w.authority, 'POST', `${API}/${cases.reply}/order`, { order: '立即答复' });
    expect(noPeriod.body.error.code).toBe('VIOLATION_NO_PERIOD');
    expect(
      (await call(w.authority, 'POST', `${API}/${cases.reply}/order`, { order: '立即答复', days: 7 })).status,
    ).toBe(400);
    const ordered = await ok(w.authority, 'POST', `${API}/${cases.reply}/order`, {
      order: '立即答复申请，并报告未按时答复的原因及整改措施',
      days: 15,
    });
    // Ordered 2026-10-21 (Wed): 15 working days → 2026-11-11.
    expect(ordered).toMatchObject({
      status: 'ordered',
      dueDate: '2026-11-11',
      overdue: false,
      order: { text: '立即答复申请，并报告未按时答复的原因及整改措施', count: 1 },
      deadline: { dueDate: '2026-11-11', workingDaysLeft: 15, provisional: false },
    });
    expect(ordered.deadline.article).toBe('第三十九条（主管部门确定：15 个工作日）');
    expect(
      (await inbox(w.police)).some((n) => n.kind === 'violation.ordered' && n.case?.id === cases.reply),
    ).toBe(true);
    const todo = await supervision.violations.toRectify({
      kind: 'user',
      id: 'police.admin',
      name: 'police.admin',
      departmentId: w.departments.police,
      jurisdictionPath: w.city.path,
      roles: ['resource_admin'],
    });
    expect(todo).toEqual([
      expect.objectContaining({ id: cases.reply, dueDate: '2026-11-11', overdue: false }),
    ]);
    // The respondent's home page lists it to rectify; another department's does not.
    const home = await ok(w.police, 'GET', '/api/v1/home');
    expect(home.todo.violations).toMatchObject({
      count: 1,
      link: '/supervision/violations',
      items: [{ id: cases.reply, dueDate: '2026-11-11', link: `/cases/violation/${cases.reply}` }],
    });
    expect((await ok(w.hrss, 'GET', '/api/v1/home')).todo.violations.count).toBe(0);

    const reported = await ok(w.police, 'POST', `${API}/${cases.reply}/report`, {
      report: '已于10月21日答复该申请，并建立答复期限提醒机制',
    });
    expect(reported).toMatchObject({
      status: 'rectified',
      report: { text: expect.stringContaining('已于10月21日') },
    });
    expect((await inbox(w.authority)).some((n) => n.kind === 'violation.reported')).toBe(true);
    // The respondent may not accept its own rectification.
    const own = await call(w.police, 'POST', `${API}/${cases.reply}/accept`, {});
    expect(own.status).toBe(403);

    c.x.clock.set('2026-10-22T01:00:00Z');
    const rejected = await ok(w.authority, 'POST', `${API}/${cases.reply}/reject`, {
      reason: '未说明原因，整改措施不具体',
      days: 15,
    });
    // The follow-up order runs from 2026-10-22 (Thu): 15 working days → 2026-11-12.
    expect(rejected).toMatchObject({
      status: 'ordered',
      dueDate: '2026-11-12',
      order: { count: 2 },
      decision: { text: '未说明原因，整改措施不具体' },
    });
    expect((await inbox(w.police)).some((n) => n.kind === 'violation.rejected')).toBe(true);
    await ok(w.police, 'POST', `${API}/${cases.reply}/report`, {
      report: '补充说明：经办人休假未交接；已指定AB角',
    });
    const closed = await ok(w.authority, 'POST', `${API}/${cases.reply}/accept`, { note: '整改到位' });
    expect(closed).toMatchObject({
      status: 'closed',
      decision: { text: '整改到位' },
      allowedActions: ['publish'],
    });
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual([
      'open',
      'order',
      'report',
      'reject',
      'report',
      'accept',
    ]);
    // Closed: nothing more to report, and no longer on the respondent's to-do.
    expect(
      (await call(w.police, 'POST', `${API}/${cases.reply}/report`, { report: '再次报告' })).body.error.code,
    ).toBe('VIOLATION_INVALID_STATE');
    const audited = await c.x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'category'])
      .where('target_id', '=', cases.reply)
      .where('outcome', '=', 'success')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'supervision.violation.open',
        'supervision.violation.order',
        'supervision.violation.report',
        'supervision.violation.reject',
        'supervision.violation.accept',
      ]),
    );
  });

  it('R114 open violations per department at the day’s end feed the indicators', async () => {
    // On 2026-10-22 the reply case was closed; the stale-data, verification and catalog cases stay open.
    await supervision.indicators.compute('2026-10-22');
    const police = c.x.w.departments.police;
    const stored = await c.x.platform.storage.db
      .selectFrom('supervision_indicator_day')
      .select(['subject_id', 'value'])
      .where('day', '=', '2026-10-22')
      .where('indicator', '=', 'open_violations')
      .where('subject_kind', '=', 'department')
      .execute();
    expect(stored.find((r) => r.subject_id === police)?.value).toBe(3);
    expect(stored.find((r) => r.subject_id === c.x.w.departments.hrss)?.value).toBe(1);
    expect(stored.find((r) => r.subject_id === c.x.w.departments.county)?.value).toBe(0);
    // On 2026-10-21 all four were open at the day's end.
    await supervision.indicators.compute('2026-10-21');
    const before = await c.x.platform.storage.db
      .selectFrom('supervision_indicator_day')
      .select(['value'])
      .where('day', '=', '2026-10-21')
      .where('indicator', '=', 'open_violations')
      .where('subject_id', '=', police)
      .executeTakeFirst();
    expect(before?.value).toBe(4);
  });

  it('R114 another department, an authority of another jurisdiction and a department user cannot read or act', async () => {
    const w = c.x.w;
    for (const client of [w.hrss, w.countyAuthority, w.policeUser]) {
      expect((await call(client, 'GET', `${API}/${cases.stale}`)).status).toBe(404);
      expect((await call(client, 'POST', `${API}/${cases.stale}/order`, { order: '越权' })).status).toBe(404);
    }
    // 人社 sees only the case against itself (the misuse finding), none of 公安's.
    expect((await list(w.hrss)).map((v) => v.respondent.departmentId)).toEqual([w.departments.hrss]);
    expect(await list(w.countyAuthority)).toEqual([]);
    expect((await call(w.policeUser, 'GET', API)).status).toBe(403);
    // The county authority cannot open a case against a city department either.
    const outside = await call(w.countyAuthority, 'POST', API, {
      categoryCode: 'sharing_obstructed',
      respondentDepartmentId: w.departments.police,
      facts: '越权立案',
    });
    expect(outside.body.error.code).toBe('VIOLATION_RESPONDENT_UNKNOWN');
    const hrssOpens = await call(w.hrss, 'POST', API, {
      categoryCode: 'sharing_obstructed',
      respondentDepartmentId: w.departments.police,
      facts: '越权立案',
    });
    expect(hrssOpens.status).toBe(403);
    const denied = await c.x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action'])
      .where('target_id', '=', cases.stale)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.action)).toEqual(
      expect.arrayContaining(['supervision.violation.read', 'supervision.violation.order']),
    );
    // The respondent reads its own case; the auditor and the operator read every case.
    expect((await call(w.police, 'GET', `${API}/${cases.stale}`)).status).toBe(200);
    expect((await call(w.auditadmin, 'GET', `${API}/${cases.stale}`)).status).toBe(200);
    expect(
      (await call(w.sysadmin, 'POST', `${API}/${cases.stale}/order`, { order: '运维越权' })).status,
    ).toBe(403);
  });

  it('R114 hostile strings: a clear 400 or 422, never a 500; odd text stored exactly', async () => {
    const w = c.x.w;
    const open = (facts: unknown, extra: Record<string, unknown> = {}) =>
      call(w.authority, 'POST', API, {
        categoryCode: 'sharing_obstructed',
        respondentDepartmentId: w.departments.hrss,
        facts,
        ...extra,
      });
    for (const facts of ['坏\ud800字', '空\u0000字', 'x'.repeat(100_001), '', 42])
      expect((await open(facts)).status).toBe(400);
    expect((await open('   ')).body.error.code).toBe('VIOLATION_TEXT_REQUIRED');
    expect((await open('事实', { categoryCode: 'no_such_kind' })).body.error.code).toBe(
      'VIOLATION_CATEGORY_UNKNOWN',
    );
    expect((await open('事实', { respondentDepartmentId: 'missing' })).body.error.code).toBe(
      'VIOLATION_RESPONDENT_UNKNOWN',
    );
    expect((await open('事实', { respondentDepartmentId: w.cityDepartmentId })).body.error.code).toBe(
      'VIOLATION_OWN_DEPARTMENT',
    );
    expect((await open('事实', { extra: 1 })).status).toBe(400);
    const odd = `<script>alert(1)</script>'; DROP TABLE supervision_violation; -- 𠀀 ${'长'.repeat(5000)}`;
    const opened = await open(odd);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.facts).toBe(odd);
    expect(opened.body.openedBy).not.toBe('平台自动立案');
    const id = opened.body.id;
    for (const order of ['坏\udfff', '\u0000', 'y'.repeat(4001)])
      expect((await call(w.authority, 'POST', `${API}/${id}/order`, { order })).status).toBe(400);
    expect((await call(w.authority, 'POST', `${API}/${id}/order`, { order: ' \n ' })).body.error.code).toBe(
      'VIOLATION_TEXT_REQUIRED',
    );
    const ordered = await ok(w.authority, 'POST', `${API}/${id}/order`, {
      order: odd.slice(0, 4000),
      days: 5,
    });
    expect(ordered.order.text).toBe(odd.slice(0, 4000).trim());
    expect((await call(w.authority, 'GET', `${API}/${id}/attachments/none`)).status).toBe(404);
    const bad = await call(w.hrss, 'POST', `${API}/${id}/attachments`, {
      name: 'a.exe',
      mediaType: 'application/x-msdownload',
      contentBase64: 'TVo=',
    });
    expect(bad.body.error.code).toBe('VIOLATION_ATTACHMENT_REFUSED');
    const attached = await ok(w.hrss, 'POST', `${API}/${id}/attachments`, {
      name: '整改报告.txt',
      mediaType: 'text/plain',
      contentBase64: Buffer.from('整改报告').toString('base64'),
    });
    expect(attached.attachments).toEqual([
      expect.objectContaining({
        name: '整改报告.txt',
        digest: createHash('sha256').update('整改报告').digest('hex'),
      }),
    ]);
    const dismissed = await ok(w.authority, 'POST', `${API}/${id}/dismiss`, {
      reason: '经核查系系统故障所致',
    });
    expect(dismissed.status).toBe('dismissed');
  });

  it('N20 a circular: frozen text sealed by a digest of its canonical JSON, read by the jurisdiction’s users', async () => {
    const w = c.x.w;
    // An open case cannot be published; an ordered or closed one can.
    expect((await call(w.authority, 'POST', `${API}/${cases.stale}/publish`, {})).body.error.code).toBe(
      'VIOLATION_INVALID_STATE',
    );
    await ok(w.authority, 'POST', `${API}/${cases.stale}/order`, {
      order: '按目录规定的更新周期更新数据',
      days: 10,
    });
    const published = await ok(w.authority, 'POST', `${API}/${cases.stale}/publish`, {
      title: '关于数据更新不及时的通报',
    });
    expect(published.status).toBe('ordered');
    expect(published.circulars).toHaveLength(1);
    const circularId = published.circulars[0].id;
    const circular = await ok(w.hrssUser, 'GET', `${CIRCULARS}/${circularId}`);
    expect(circular).toMatchObject({
      number: expect.stringMatching(/^TB-2026-\d{6}$/),
      title: '关于数据更新不及时的通报',
      intact: true,
      content: {
        respondent: '示范市公安局',
        category: { code: 'source_update_not_supported', article: '第三十九条第（三）项' },
        order: { text: '按目录规定的更新周期更新数据', count: 1 },
        outcome: { status: 'ordered' },
      },
    });
    expect(circular.digest).toBe(createHash('sha256').update(circular.canonical).digest('hex'));
    expect(circular.canonical).toBe(canonicalJson(circular.content));
    // The digest changes with the text.
    const changed = canonicalJson({ ...circular.content, facts: `${circular.content.facts}。` });
    expect(circularDigest(changed)).not.toBe(circular.digest);

    // The case goes on; the published circular does not change.
    await ok(w.police, 'POST', `${API}/${cases.stale}/report`, { report: '已恢复每日更新' });
    await ok(w.authority, 'POST', `${API}/${cases.stale}/accept`, {});
    const later = await ok(w.authority, 'GET', `${CIRCULARS}/${circularId}`);
    expect(later.canonical).toBe(circular.canonical);
    expect(later.digest).toBe(circular.digest);
    expect(later.content.outcome.status).toBe('ordered');
    const second = await ok(w.authority, 'POST', `${API}/${cases.stale}/publish`, {});
    expect(second.circulars).toHaveLength(2);

    // Every signed-in user of the city (and the county under it) reads the list; the operator too.
    for (const client of [w.hrssUser, w.policeUser, w.countyAdmin, w.sysadmin]) {
      const items = (await ok(client, 'GET', CIRCULARS)).items as Body[];
      expect(items.map((i) => i.id)).toContain(circularId);
    }
    const audited = await c.x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'detail'])
      .where('action', '=', 'supervision.violation.publish')
      .execute();
    expect(audited.length).toBe(2);

    // A stored text changed behind the platform's back no longer matches its digest.
    await c.x.platform.storage.db
      .updateTable('supervision_circular' as never)
      .set({ body: changed } as never)
      .where('id' as never, '=', circularId as never)
      .execute();
    expect((await ok(w.authority, 'GET', `${CIRCULARS}/${circularId}`)).intact).toBe(false);
    expect((await call(w.authority, 'GET', `${CIRCULARS}/missing`)).body.error.code).toBe(
      'CIRCULAR_NOT_FOUND',
    );
  });

  it('R114 an order past its due date is flagged overdue once; the verification case is dismissed with reasons', async () => {
    const w = c.x.w;
    await ok(w.authority, 'POST', `${API}/${cases.verification}/order`, {
      order: '十日内完成核实更正',
      days: 10,
    });
    c.x.clock.set('2026-11-20T01:00:00Z');
    expect(await supervision.violations.sweepOverdue()).toBe(1);
    expect(await supervision.violations.sweepOverdue()).toBe(0);
    const overdue = await list(w.authority, '&overdue=true');
    expect(overdue.map((v) => v.id)).toEqual([cases.verification]);
    expect(overdue[0].deadline.workingDaysLeft).toBeLessThan(0);
    expect((await inbox(w.police)).some((n) => n.kind === 'violation.overdue')).toBe(true);
    const dismissed = await ok(w.authority, 'POST', `${API}/${cases.verification}/dismiss`, {
      reason: '校核申请已由申请部门撤回，不构成违规',
    });
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      decision: { text: expect.stringContaining('撤回') },
    });
    const types = await ok(w.police, 'GET', '/api/v1/cases/types');
    expect(types.items.find((t: { type: string }) => t.type === 'violation')).toMatchObject({
      api: API,
      deadlines: [{ profileFields: ['violations.rectification'], runsIn: ['ordered'] }],
    });
    expect((await ok(w.authority, 'GET', `${API}/categories`)).items).toHaveLength(19);
    // The step dialog asks for the period as a choice of numbers and sends a number (not '10').
    const order = types.items.find((t: { type: string }) => t.type === 'violation').actions.order;
    expect(order.fields.find((f: { name: string }) => f.name === 'days')).toMatchObject({
      numeric: true,
      choices: expect.arrayContaining([{ value: '10', label: { zh: '10 个工作日', en: '10 working days' } }]),
    });
  });

  it('R114 at once: one record opened by three runs makes one case; of two orders at once, one wins', async () => {
    const w = c.x.w;
    const category = (await list(w.authority))[0].category;
    const fact = {
      id: crypto.randomUUID(),
      departmentId: w.departments.police,
      facts: '同时发现的逾期答复',
      ref: null,
    };
    const opened = await Promise.all(
      [1, 2, 3].map(() => supervision.violations.openFromFact('reply_overdue', fact, category)),
    );
    const ids = opened.filter((id): id is string => id !== undefined);
    expect(ids).toHaveLength(1);
    expect((await list(w.authority)).filter((v) => v.source?.id === fact.id)).toHaveLength(1);
    const orders = await Promise.all([
      call(w.authority, 'POST', `${API}/${ids[0]}/order`, { order: '五日内答复', days: 5 }),
      call(w.authority, 'POST', `${API}/${ids[0]}/order`, { order: '十日内答复', days: 10 }),
    ]);
    expect(orders.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(orders.find((r) => r.status === 409)?.body.error.code).toBe('VIOLATION_INVALID_STATE');
    const after = await ok(w.authority, 'GET', `${API}/${ids[0]}`);
    expect(after.timeline.filter((e: { action: string }) => e.action === 'order')).toHaveLength(1);
    expect(after.order.count).toBe(1);
  });
});
