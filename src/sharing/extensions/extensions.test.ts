import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { loadEffectiveProfile } from '../../platform/profiles/index.js';
import {
  API,
  applicationBody,
  auditActions,
  sampleContent,
  sharingWorldForSuite,
  threeItemContent,
} from '../test-support/index.js';
import { applicationReplyPeriod, extensionLimit } from './reply-periods.js';

const EXTENSIONS = `${API}/extensions`;

describe('N10 reply periods of 政务数据共享条例第二十一条第一款', () => {
  it('N10 unconditional data is answered within 1 working day, conditional within 10, each citing its article', () => {
    const national = loadEffectiveProfile('national');
    expect(applicationReplyPeriod(national, 'unconditional')).toMatchObject({
      value: 1,
      article: '第二十一条',
    });
    expect(applicationReplyPeriod(national, 'conditional')).toMatchObject({
      value: 10,
      article: '第二十一条',
    });
    expect(extensionLimit(national)).toMatchObject({
      value: 10,
      unit: 'working_days',
      article: '第二十一条',
    });
    // A local profile silent on both gets the national ones by precedence (R123).
    const local = loadEffectiveProfile('inner-mongolia');
    expect(applicationReplyPeriod(local, 'unconditional')?.value).toBe(1);
    expect(extensionLimit(local)?.value).toBe(10);
  });

  it('N10 a profile with no fixed extension allows none', () => {
    const national = loadEffectiveProfile('national');
    const { replyExtension, ...rest } = national.deadlines;
    expect(extensionLimit({ ...national, deadlines: rest })).toBeNull();
    if (!replyExtension) throw new Error('the national profile sets replyExtension');
    const timely = { ...replyExtension, qualifier: 'timely' as const, value: null };
    expect(extensionLimit({ ...national, deadlines: { ...rest, replyExtension: timely } })).toBeNull();
  });
});

/**
 * N10 over HTTP under the national profile. The clock starts on 2026-09-16 and only walks
 * forward: 2026-09-25 (中秋) and 2026-10-01..07 (国庆) are holidays, 2026-09-20 (Sunday) and
 * 2026-10-10 (Saturday) make-up working days.
 */
describe.each(DIALECTS)('N10 reply periods and extensions (national) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'national', '2026-09-16T02:00:00Z');
  let conditional: string;
  let unconditional: string;

  beforeAll(async () => {
    conditional = await w.publish(threeItemContent());
    unconditional = await w.publish(sampleContent());
  });

  const apply = async (entryId = conditional, overrides: Record<string, unknown> = {}) => {
    const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entryId, overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const ask = (
    client: typeof w.police,
    applicationId: string,
    workingDays = 10,
    reason = '需调取历史档案核对',
  ) => client.request('POST', EXTENSIONS, { applicationId, reason, workingDays });
  const kinds = async (client: typeof w.police, caseId: string) =>
    (await client.request('GET', `${API}/notices?pageSize=200`)).body.items
      .filter((n: { case: { id: string } | null }) => n.case?.id === caseId)
      .map((n: { kind: string }) => n.kind);

  it('N10 a conditional application is due 10 working days later, across 中秋; an unconditional request is granted at once', async () => {
    const app = await apply();
    expect(app).toMatchObject({ status: 'pending', path: 'application', shareType: 'conditional' });
    expect(app.deadline).toMatchObject({ dueDate: '2026-09-30', workingDaysLeft: 10 });
    expect(app.deadline.article).toContain('第二十一条');
    expect(app.deadline.article).toContain('10个工作日');
    // No profile sends unconditional data to the provider: the automatic grant is the answer at once.
    const direct = await apply(unconditional, { items: ['公民身份号码'] });
    expect(direct).toMatchObject({ status: 'approved', path: 'direct', deadline: null });
    expect(direct.grantId).toEqual(expect.any(String));
    expect(direct.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'granted_at_once']);
    // The 1-working-day period, on the platform's calendar and deadlines: 2026-09-24 + 1 WD skips 中秋.
    const deadline = await w.platform.services.deadlines.set({
      subjectType: 'test.unconditional',
      subjectId: direct.id,
      start: '2026-09-24',
      amount: applicationReplyPeriod(w.platform.profile, 'unconditional')?.value ?? 0,
      unit: 'working_days',
    });
    expect(deadline.dueDate).toBe('2026-09-28');
  });

  it('N10 the provider asks once; the authority approves; the deadline moves 10 working days across 国庆 and both parties are told', async () => {
    const app = await apply();
    expect(app.deadline.dueDate).toBe('2026-09-30');
    w.clock.set('2026-09-29T02:00:00Z');

    const byConsumer = await ask(w.hrss, app.id);
    expect(byConsumer.status).toBe(403);
    expect(byConsumer.body.error.code).toBe('FORBIDDEN');
    const byUser = await ask(w.policeUser, app.id);
    expect(byUser.status).toBe(403);
    const tooLong = await ask(w.police, app.id, 11);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('EXTENSION_TOO_LONG');
    const noDays = await ask(w.police, app.id, 0);
    expect(noDays.status).toBe(400);

    const asked = await ask(w.police, app.id, 10);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const ext = asked.body;
    expect(ext).toMatchObject({
      status: 'requested',
      workingDays: 10,
      dueDateBefore: '2026-09-30',
      dueDateAfter: null,
      application: { id: app.id, number: app.number },
    });
    expect(ext.number).toMatch(/^YQ-2026-\d{6}$/);
    expect(ext.article).toContain('第二十一条');
    expect(ext.timeline.map((e: { action: string }) => e.action)).toEqual(['request']);
    expect(await kinds(w.authority, ext.id)).toEqual(['extension.requested']);

    const again = await ask(w.police, app.id, 3);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXTENSION_ALREADY_REQUESTED');

    // Another jurisdiction's authority does not see the case; the provider does not decide it.
    const county = await w.countyAuthority.request('POST', `${EXTENSIONS}/${ext.id}/approve`, {});
    expect(county.status).toBe(404);
    expect(county.body.error.code).toBe('EXTENSION_NOT_FOUND');
    const byProvider = await w.police.request('POST', `${EXTENSIONS}/${ext.id}/approve`, {});
    expect(byProvider.status).toBe(403);
    expect(byProvider.body.error.code).toBe('FORBIDDEN');

    const approved = await w.authority.request('POST', `${EXTENSIONS}/${ext.id}/approve`, { note: '同意' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // 2026-09-30 + 10 working days: 10-01..07 are holidays, 10-10 a make-up day (not 2026-10-14).
    expect(approved.body).toMatchObject({
      status: 'approved',
      dueDateAfter: '2026-10-20',
      decisionNote: '同意',
    });
    expect(approved.body.allowedActions).toEqual([]);

    const after = (await w.hrss.request('GET', `${API}/applications/${app.id}`)).body;
    expect(after.status).toBe('pending');
    expect(after.deadline.dueDate).toBe('2026-10-20');
    expect(after.deadline.article).toContain('延长的期限最长不得超过10个工作日');
    expect(after.timeline.at(-1)).toMatchObject({
      action: 'deadline_extended',
      detail: { extensionId: ext.id, from: '2026-09-30', to: '2026-10-20', workingDays: 10 },
    });
    expect(await kinds(w.hrss, ext.id)).toEqual(['extension.approved']);
    expect(await kinds(w.police, ext.id)).toContain('extension.approved');

    const listed = await w.hrss.request('GET', `${EXTENSIONS}?applicationId=${app.id}`);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([ext.id]);
    const third = await ask(w.police, app.id, 2);
    expect(third.body.error.code).toBe('EXTENSION_ALREADY_REQUESTED');

    expect((await auditActions(w, ext.id)).sort()).toEqual([
      'sharing.extension.approve',
      'sharing.extension.request',
    ]);

    // The provider still answers the application, now on time until the new date.
    w.clock.set('2026-10-19T02:00:00Z');
    const answered = await w.police.request('POST', `${API}/applications/${app.id}/approve`, {});
    expect(answered.body).toMatchObject({ status: 'approved', decidedLate: false });
  });

  it('N10 refusing needs a reason; a refused extension leaves the deadline and is not asked for again', async () => {
    const app = await apply();
    const ext = (await ask(w.police, app.id, 5)).body;
    expect(ext.status).toBe('requested');
    const empty = await w.authority.request('POST', `${EXTENSIONS}/${ext.id}/refuse`, { reason: '' });
    expect(empty.status).toBe(400);
    const blank = await w.authority.request('POST', `${EXTENSIONS}/${ext.id}/refuse`, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('SHARING_REASON_REQUIRED');
    const refused = await w.authority.request('POST', `${EXTENSIONS}/${ext.id}/refuse`, {
      reason: '理由不属于特殊原因',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      decisionNote: '理由不属于特殊原因',
      dueDateAfter: null,
    });
    const twice = await w.authority.request('POST', `${EXTENSIONS}/${ext.id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('EXTENSION_INVALID_STATE');
    const after = (await w.hrss.request('GET', `${API}/applications/${app.id}`)).body;
    expect(after.deadline.dueDate).toBe(app.deadline.dueDate);
    expect(await kinds(w.police, ext.id)).toContain('extension.refused');
    const again = await ask(w.police, app.id, 5);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXTENSION_ALREADY_REQUESTED');
    expect(again.body.error.message).toContain('不同意延期');
  });

  it('N10 the extension is a case type the portal shows at /cases/extension/<id>', async () => {
    const res = await w.hrss.request('GET', '/api/v1/cases/types');
    const type = res.body.items.find((t: { type: string }) => t.type === 'extension');
    expect(type).toMatchObject({
      api: EXTENSIONS,
      statuses: { requested: { zh: '待主管部门同意' } },
      actions: { approve: { from: ['requested'] }, refuse: { from: ['requested'], danger: true } },
      events: { request: { zh: '申请延期答复' } },
    });
    expect(type.actions.refuse.fields).toEqual([expect.objectContaining({ name: 'reason', required: true })]);
  });

  it('N10 an extension is asked for before the reply period ends, and only on a pending application', async () => {
    const app = await apply();
    const decided = await apply();
    await w.hrss.request('POST', `${API}/applications/${decided.id}/withdraw`, { reason: '不再需要' });
    const closed = await ask(w.police, decided.id);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('EXTENSION_APPLICATION_NOT_PENDING');
    w.clock.set(`${app.deadline.dueDate}T16:30:00Z`);
    const late = await ask(w.police, app.id);
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('EXTENSION_TOO_LATE');
  });
});
