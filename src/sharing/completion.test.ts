import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from './test-support/index.js';

type Event = { action: string; detail: Record<string, unknown> };
type NoticeRow = { kind: string; body: { zh: string; en: string }; case: { id: string } | null };

/**
 * 补正 (809 Art.21, N11) under the national profile, over HTTP: the provider returns an
 * incomplete application once with every missing point in one notice, the consumer completes
 * and resubmits it, and the 10-working-day reply period runs afresh from the resubmission date.
 */
describe.each(DIALECTS)('N11 return for completion (national) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'national');
  let entry: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
  });

  const url = (id: string, step = '') => `${API}/applications/${id}${step ? `/${step}` : ''}`;
  const apply = async (overrides: Record<string, unknown> = {}) => {
    const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry, overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const notices = async (client = w.hrss): Promise<NoticeRow[]> =>
    (await client.request('GET', `${API}/notices?pageSize=200`)).body.items;
  const sweep = (iso: string) => w.platform.services.sharing.scheduler.sweep(new Date(iso));
  const points = ['缺少《社会救助暂行办法》具体条款的引用', '使用用途“其他”未写明具体业务场景'];

  it('N11 the provider returns once listing every point; the reply period restarts on resubmission across National Day', async () => {
    w.clock.set('2026-09-30T02:00:00Z');
    const app = await apply({ purpose: 'other', purposeText: '核对' });
    // Received 2026-09-30: 10 working days past the 10-01..07 holiday and the 10-10 make-up day.
    expect(app.deadline).toMatchObject({ dueDate: '2026-10-20' });
    expect(app.allowedActions).toEqual(['withdraw']);

    const returned = await w.police.request('POST', url(app.id, 'return'), {
      points,
      note: '补正后请重新提交',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', deadline: null, overdue: false });
    expect(returned.body.timeline.at(-1)).toMatchObject({
      action: 'return',
      detail: { points, note: '补正后请重新提交' },
    });

    // The consumer reads every point in the case and in one notice.
    const seen = await w.hrss.request('GET', url(app.id));
    expect(seen.body).toMatchObject({ status: 'returned', deadline: null });
    expect(seen.body.allowedActions.sort()).toEqual(['resubmit', 'withdraw']);
    const ret = (seen.body.timeline as Event[]).find((e) => e.action === 'return');
    expect(ret?.detail.points).toEqual(points);
    const told = (await notices()).filter((n) => n.kind === 'application.returned' && n.case?.id === app.id);
    expect(told).toHaveLength(1);
    for (const p of points) expect(told[0]?.body.zh).toContain(p);
    expect(told[0]?.body.en).toContain('Complete all of the following');

    // While returned nothing is owed: the sweep long past the first due date flags nothing.
    expect(await sweep('2026-10-21T01:00:00Z')).toMatchObject({ overdue: 0 });
    const overdueInbox = await w.police.request('GET', `${API}/applications?as=provider&overdue=true`);
    expect(overdueInbox.body.items.some((a: { id: string }) => a.id === app.id)).toBe(false);

    // The completed statement is checked as on application: "other" still needs its text.
    w.clock.set('2026-10-09T02:00:00Z');
    const blank = await w.hrss.request('POST', url(app.id, 'resubmit'), { purposeText: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('SHARING_PURPOSE_TEXT_REQUIRED');

    const resubmitted = await w.hrss.request('POST', url(app.id, 'resubmit'), {
      note: '已补充依据与场景',
      purposeText: '低保对象资格审核中核对身份信息',
      legalDuty: '社会救助对象资格审核（《社会救助暂行办法》第十一条第一项）',
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    // Received complete on Friday 2026-10-09: 10-10 (make-up Saturday), 12–16, 19–22 → 2026-10-22.
    expect(resubmitted.body).toMatchObject({
      status: 'pending',
      purposeText: '低保对象资格审核中核对身份信息',
      legalDuty: '社会救助对象资格审核（《社会救助暂行办法》第十一条第一项）',
      deadline: { dueDate: '2026-10-22', workingDaysLeft: 10 },
    });
    expect(resubmitted.body.deadline.article).toContain('第二十一条');
    expect(resubmitted.body.timeline.at(-1)).toMatchObject({
      action: 'resubmit',
      detail: { replyFrom: '2026-10-09', dueDate: '2026-10-22', note: '已补充依据与场景' },
    });
    const providerInbox = await notices(w.police);
    const resubmittedNotice = providerInbox.find(
      (n) => n.kind === 'application.resubmitted' && n.case?.id === app.id,
    );
    expect(resubmittedNotice?.body.zh).toContain('2026-10-22');

    // The old due date 2026-10-20 passed, the new one not: a reminder for the new date, nothing
    // overdue; the day after 2026-10-22 it is.
    expect(await sweep('2026-10-21T01:00:00Z')).toMatchObject({ dueSoon: 1, overdue: 0 });
    expect(await sweep('2026-10-23T01:00:00Z')).toMatchObject({ overdue: 1 });

    // A second return is not offered and is refused, even after resubmission; the provider decides.
    const afterResubmit = await w.police.request('GET', url(app.id));
    expect(afterResubmit.body.allowedActions.sort()).toEqual(['approve', 'refuse']);
    const again = await w.police.request('POST', url(app.id, 'return'), { points: ['再补充一份材料'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SHARING_ALREADY_RETURNED');
    expect(again.body.error.message).toContain(app.number);
    const refused = await w.police.request('POST', url(app.id, 'refuse'), { reason: '补正后仍不符合条件' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.status).toBe('refused');
    expect(refused.body.timeline.map((e: Event) => e.action)).toEqual([
      'submit',
      'return',
      'resubmit',
      'due_soon',
      'overdue',
      // R128: the overdue reply is reported to the provider's head in the same sweep.
      'escalated',
      'refuse',
    ]);
  });

  it('N11 the consumer cannot return, the provider cannot resubmit, and points are required', async () => {
    w.clock.set('2026-11-02T02:00:00Z');
    const app = await apply();
    const byConsumer = await w.hrss.request('POST', url(app.id, 'return'), { points: ['x'] });
    expect(byConsumer.status).toBe(403);
    expect(byConsumer.body.error.code).toBe('FORBIDDEN');

    const empty = await w.police.request('POST', url(app.id, 'return'), { points: [] });
    expect(empty.status).toBe(400);
    const tooMany = await w.police.request('POST', url(app.id, 'return'), {
      points: Array.from({ length: 21 }, (_, i) => `第 ${i + 1} 项`),
    });
    expect(tooMany.status).toBe(400);
    const whitespace = await w.police.request('POST', url(app.id, 'return'), { points: ['材料一', '   '] });
    expect(whitespace.status).toBe(422);
    expect(whitespace.body.error.code).toBe('SHARING_RETURN_POINTS_INVALID');

    // Resubmitting what was never returned is a state error, not a silent restart of the period.
    const early = await w.hrss.request('POST', url(app.id, 'resubmit'), {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SHARING_INVALID_STATE');

    const ok = await w.police.request('POST', url(app.id, 'return'), { points: ['缺少使用范围说明'] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const byProvider = await w.police.request('POST', url(app.id, 'resubmit'), {});
    expect(byProvider.status).toBe(403);
    expect(byProvider.body.error.code).toBe('FORBIDDEN');
    const decideWhileReturned = await w.police.request('POST', url(app.id, 'approve'), {});
    expect(decideWhileReturned.status).toBe(409);
    expect(decideWhileReturned.body.error.code).toBe('SHARING_INVALID_STATE');
  });

  it('N11 a returned application can still be withdrawn', async () => {
    w.clock.set('2026-11-03T02:00:00Z');
    const app = await apply();
    const ret = await w.police.request('POST', url(app.id, 'return'), { points: ['缺少使用时限说明'] });
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    const withdrawn = await w.hrss.request('POST', url(app.id, 'withdraw'), { reason: '不再需要' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', deadline: null, allowedActions: [] });
  });
});
