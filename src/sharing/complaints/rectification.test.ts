import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { API, auditActions } from '../test-support/index.js';

type Notice = { kind: string; case: { id: string } | null };
const HOSTILE = "<script>alert('x')</script>'; DROP TABLE sharing_complaint;-- \u202e 🙂 %s {id}";
const PURPOSE = { 'x-govshare-purpose': 'data_verification' };

/**
 * N17, 809 第二十七条第二款: "政务数据需求部门存在擅自超出使用范围、共享目的使用政务数据，或者擅自将政务数据
 * 提供给第三方的，政务数据共享主管部门或者政务数据提供部门应当暂停其政务数据共享权限，并督促限期整改，对拒不
 * 整改或者整改不到位的，可以终止共享。" On the complaint case (Neixiang, whose Art.25 has complaints).
 */
describe.each(DIALECTS)('N17 suspension, rectification, termination on %s', (dialect) => {
  let x: ExchangeWorld;
  let reader: ApiRequester;
  let grantId: string;
  const code = (res: { status: number; body: { error?: { code: string } } }) =>
    res.status >= 400 ? `${res.status} ${res.body.error?.code}` : res.status;
  const told = async (client: OrgClient, kind: string, id: string) =>
    ((await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[]).some(
      (n) => n.kind === kind && n.case?.id === id,
    );
  const read = () =>
    reader.request(
      'POST',
      `${EXCHANGE_API}/resources/${x.entryId}/query`,
      { keys: [x.records[0]?.公民身份号码] },
      PURPOSE,
    );
  /** A misuse complaint of 公安 against 人社 on a grant, under investigation. */
  const investigated = async (grant: string) => {
    const filed = await x.w.police.request('POST', `${API}/complaints`, {
      kind: 'misuse',
      respondentDepartmentId: x.w.departments.hrss,
      subject: { type: 'grant', id: grant },
      description: '人社局将共享的户籍数据提供给第三方',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    await x.w.authority.request('POST', `${API}/complaints/${filed.body.id}/investigate`, {});
    return filed.body as { id: string; number: string };
  };

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { profile: 'neixiang', exchange: { readCacheMs: 0 } });
    grantId = await x.grant();
    reader = await x.apiClient(x.w.departments.hrss);
  }, 240_000);
  afterAll(async () => x?.close());

  it('N17 misuse suspends the grant with a rectification order due 5 working days after National Day; reported, found not rectified, reported again and accepted: the grant resumes', async () => {
    expect((await read()).status).toBe(200);
    const c = await investigated(grantId);
    const url = `${API}/complaints/${c.id}`;
    const answer = (rectification: unknown, suspend = [grantId]) =>
      x.w.authority.request('POST', `${url}/answer`, {
        outcome: 'upheld',
        reply: '经调查，投诉成立。',
        suspendGrantIds: suspend,
        rectification,
      });
    expect(code(await answer({ order: '删除', workingDays: 5 }, []))).toBe(
      '422 COMPLAINT_RECTIFICATION_INVALID',
    );
    expect(code(await answer({ order: '删除', workingDays: 5, dueDate: '2026-10-20' }))).toBe(
      '422 COMPLAINT_RECTIFICATION_INVALID',
    );
    expect(code(await answer({ order: '删除', dueDate: '2026-09-30' }))).toBe(
      '422 COMPLAINT_RECTIFICATION_INVALID',
    );
    expect(code(await answer({ order: '   ', workingDays: 5 }))).toBe('422 COMPLAINT_RECTIFICATION_INVALID');
    // The reason in the reader's language only.
    const noDate = { order: '删除', dueDate: '2026-09-30' };
    expect((await answer(noDate)).body.error.message).toContain('须为 2026-09-30 之后的日期');
    const english = await x.w.authority.request(
      'POST',
      `${url}/answer`,
      { outcome: 'upheld', reply: '成立', suspendGrantIds: [grantId], rectification: noDate },
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toContain('a date after 2026-09-30');
    expect(english.body.error.message).not.toContain('须为');
    // A failed answer leaves the grant alone: the step is one transaction.
    expect((await read()).status).toBe(200);

    const answered = await answer({ order: `停止向第三方提供并删除已提供数据 ${HOSTILE}`, workingDays: 5 });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    // 2026-09-30 + 5 working days: 10-01..07 are the National Day holiday, 10-10 (Sat) is worked.
    expect(answered.body).toMatchObject({
      status: 'rectifying',
      suspendedGrants: [grantId],
      rectification: {
        order: `停止向第三方提供并删除已提供数据 ${HOSTILE}`,
        deadline: { dueDate: '2026-10-13', workingDaysLeft: 5, provisional: false },
        report: null,
      },
      termination: null,
      allowedActions: ['terminate'],
    });
    expect(answered.body.rectification.deadline.article).toContain('第二十七条第二款');
    const grant = (await x.w.hrss.request('GET', `${API}/grants/${grantId}`)).body;
    expect(grant.status).toBe('suspended');
    expect(grant.statusReason).toBe(`投诉 ${c.number} 成立：经调查，投诉成立。`);
    expect(code(await read())).toBe('403 GRANT_SUSPENDED');
    expect(await told(x.w.hrss, 'complaint.upheld', c.id)).toBe(true);
    expect(answered.body.timeline.at(-1).detail.rectification.text).toEqual({
      zh: `整改要求：停止向第三方提供并删除已提供数据 ${HOSTILE}\n整改期限：2026-10-13`,
      en: `To rectify: 停止向第三方提供并删除已提供数据 ${HOSTILE}\nRectify by: 2026-10-13`,
    });

    // Who may act: the department complained about reports; the complainant, the county and a
    // department of neither side may not; the authority reviews.
    expect((await x.w.hrss.request('GET', url)).body.allowedActions).toEqual(['report_rectification']);
    expect(code(await x.w.police.request('POST', `${url}/report-rectification`, { report: '已整改' }))).toBe(
      '403 FORBIDDEN',
    );
    expect(
      code(await x.w.countyAdmin.request('POST', `${url}/report-rectification`, { report: '已整改' })),
    ).toBe('404 COMPLAINT_NOT_FOUND');
    expect(code(await x.w.countyAuthority.request('POST', `${url}/terminate`, { reason: '终止' }))).toBe(
      '404 COMPLAINT_NOT_FOUND',
    );
    expect(code(await x.w.hrss.request('POST', `${url}/accept-rectification`, {}))).toBe('403 FORBIDDEN');
    expect(code(await x.w.hrss.request('POST', `${url}/report-rectification`, { report: '  ' }))).toBe(
      '422 SHARING_REASON_REQUIRED',
    );

    x.clock.set('2026-10-09T02:00:00Z');
    const reported = await x.w.hrss.request('POST', `${url}/report-rectification`, { report: HOSTILE });
    expect(reported.body).toMatchObject({
      status: 'rectification_reported',
      rectification: { report: HOSTILE, deadline: { dueDate: '2026-10-13', workingDaysLeft: 3 } },
    });
    expect(await told(x.w.authority, 'complaint.rectification_reported', c.id)).toBe(true);
    expect((await x.w.authority.request('GET', url)).body.allowedActions).toEqual([
      'accept_rectification',
      'reject_rectification',
      'terminate',
    ]);
    // Found not rectified before the date: the department rectifies on.
    const rejected = await x.w.authority.request('POST', `${url}/reject-rectification`, {
      reason: '第三方处仍留存数据',
    });
    expect(rejected.body).toMatchObject({ status: 'rectifying', termination: null });
    expect(await told(x.w.hrss, 'complaint.not_rectified', c.id)).toBe(true);
    expect(code(await read())).toBe('403 GRANT_SUSPENDED');
    await x.w.hrss.request('POST', `${url}/report-rectification`, { report: '第三方已出具删除证明' });
    const accepted = await x.w.authority.request('POST', `${url}/accept-rectification`, { note: '整改到位' });
    expect(accepted.body).toMatchObject({ status: 'rectified', allowedActions: [] });
    expect(accepted.body.rectification.deadline.workingDaysLeft).toBeNull();
    const resumed = (await x.w.hrss.request('GET', `${API}/grants/${grantId}`)).body;
    expect(resumed.status).toBe('active');
    expect(resumed.statusReason).toBe(`投诉 ${c.number} 整改到位：整改到位`);
    expect((await read()).status).toBe(200);
    expect(await told(x.w.police, 'complaint.rectified', c.id)).toBe(true);
    expect(accepted.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'file',
      'investigate',
      'answer',
      'report_rectification',
      'reject_rectification',
      'report_rectification',
      'accept_rectification',
    ]);
    expect((await auditActions(x, c.id)).slice(-4)).toEqual([
      'sharing.complaint.report_rectification',
      'sharing.complaint.reject_rectification',
      'sharing.complaint.report_rectification',
      'sharing.complaint.accept_rectification',
    ]);
  });

  it('N17 not rectified by the date: the sweep terminates the grant once and tells both parties and the authority; reads stay refused', async () => {
    x.clock.set('2026-10-09T02:00:00Z');
    const c = await investigated(grantId);
    const url = `${API}/complaints/${c.id}`;
    const answered = await x.w.authority.request('POST', `${url}/answer`, {
      outcome: 'upheld',
      reply: '投诉成立',
      suspendGrantIds: [grantId],
      rectification: { order: '停止超范围使用', dueDate: '2026-10-12' },
    });
    expect(answered.body.rectification.deadline).toMatchObject({ dueDate: '2026-10-12', workingDaysLeft: 2 });
    const sweep = (iso: string) => x.platform.services.sharing.scheduler.sweep(new Date(iso));
    expect((await sweep('2026-10-12T15:00:00Z')).steps?.rectification).toBeUndefined();
    x.clock.set('2026-10-13T02:00:00Z');
    expect(code(await x.w.hrss.request('POST', `${url}/report-rectification`, { report: '已整改' }))).toBe(
      '409 COMPLAINT_RECTIFICATION_OVERDUE',
    );
    expect((await sweep('2026-10-13T02:00:00Z')).steps?.rectification).toBe(1);
    expect((await sweep('2026-10-13T03:00:00Z')).steps?.rectification).toBeUndefined();
    const terminated = (await x.w.police.request('GET', url)).body;
    expect(terminated).toMatchObject({
      status: 'terminated',
      allowedActions: [],
      termination: { by: { id: null } },
    });
    // Kept in Chinese, the record's language; the platform named as itself (id null).
    expect(terminated.termination.reason).toBe('逾期未整改（整改期限 2026-10-12）');
    expect(terminated.termination.by.name).toBe('共享交换平台');
    expect(terminated.timeline.at(-1)).toMatchObject({
      action: 'terminate',
      actor: { id: null, name: '共享交换平台' },
    });
    const grant = (await x.w.hrss.request('GET', `${API}/grants/${grantId}`)).body;
    expect(grant.status).toBe('revoked');
    expect(grant.statusReason).toBe(
      `终止共享（第二十七条第二款）：投诉 ${c.number}，逾期未整改（整改期限 2026-10-12）`,
    );
    expect(grant.timeline.at(-1)).toMatchObject({ action: 'terminate', detail: { complaintId: c.id } });
    expect(code(await read())).toBe('403 GRANT_REVOKED');
    for (const client of [x.w.police, x.w.hrss, x.w.authority])
      expect(await told(client, 'complaint.terminated', c.id)).toBe(true);
    const notices = await x.platform.storage.db
      .selectFrom('notice')
      .select('id')
      .where('kind', '=', 'complaint.terminated')
      .where('case_id', '=', c.id)
      .execute();
    expect(notices).toHaveLength(3);
    // The notices say it in each language.
    const said = await x.platform.storage.db
      .selectFrom('notice')
      .select(['body', 'body_en'])
      .where('kind', '=', 'complaint.terminated')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(said.body).toContain('逾期未整改（整改期限 2026-10-12）');
    expect(said.body_en).toContain('not rectified by the date (2026-10-12)');
    expect(said.body_en).not.toContain('逾期');
    // A terminated grant is not resumed by anyone.
    expect(
      code(await x.w.police.request('POST', `${API}/grants/${grantId}/resume`, { reason: '恢复' })),
    ).toBe('409 GRANT_INVALID_STATE');
  });

  it('N17 the authority terminates at once, or on a report found wanting past the date; two concurrent reviews: exactly one wins', async () => {
    x.clock.set('2026-10-13T02:00:00Z');
    const second = await x.grant();
    const third = await x.grant();
    const open = async (grant: string, due: string) => {
      const c = await investigated(grant);
      await x.w.authority.request('POST', `${API}/complaints/${c.id}/answer`, {
        outcome: 'upheld',
        reply: '投诉成立',
        suspendGrantIds: [grant],
        rectification: { order: '整改', dueDate: due },
      });
      return c;
    };
    const a = await open(second, '2026-10-14');
    const urlA = `${API}/complaints/${a.id}`;
    expect(code(await x.w.authority.request('POST', `${urlA}/terminate`, { reason: ' ' }))).toBe(
      '422 SHARING_REASON_REQUIRED',
    );
    await x.w.hrss.request('POST', `${urlA}/report-rectification`, { report: '已整改' });
    const [one, two] = await Promise.all([
      x.w.authority.request('POST', `${urlA}/accept-rectification`, {}),
      x.w.authority.request('POST', `${urlA}/reject-rectification`, { reason: '不到位' }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect([one, two].find((r) => r.status === 409)?.body.error.code).toBe('COMPLAINT_INVALID_STATE');
    const after = (await x.w.authority.request('GET', urlA)).body;
    expect(
      after.timeline.filter((e: { action: string }) => e.action.endsWith('_rectification')),
    ).toHaveLength(2);

    const b = await open(third, '2026-10-14');
    const urlB = `${API}/complaints/${b.id}`;
    await x.w.hrss.request('POST', `${urlB}/report-rectification`, { report: '已整改' });
    // Past the date a report found wanting ends the sharing in the same step.
    x.clock.set('2026-10-15T02:00:00Z');
    const rejected = await x.w.authority.request('POST', `${urlB}/reject-rectification`, { reason: HOSTILE });
    expect(rejected.body).toMatchObject({
      status: 'terminated',
      termination: { by: { name: expect.any(String) } },
    });
    expect(rejected.body.termination.reason).toBe(`整改不到位：${HOSTILE}`);
    expect((await x.w.hrss.request('GET', `${API}/grants/${third}`)).body.status).toBe('revoked');

    if (after.status === 'rectifying') {
      const ended = await x.w.authority.request('POST', `${urlA}/terminate`, { reason: '拒不整改' });
      expect(ended.body.status).toBe('terminated');
      expect((await x.w.hrss.request('GET', `${API}/grants/${second}`)).body.status).toBe('revoked');
    } else {
      expect(after.status).toBe('rectified');
      expect(code(await x.w.authority.request('POST', `${urlA}/terminate`, { reason: '拒不整改' }))).toBe(
        '409 COMPLAINT_INVALID_STATE',
      );
    }
  });
});
