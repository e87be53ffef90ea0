import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  auditActions,
  sampleContent,
  sharingWorldForSuite,
  violationsFrom,
} from '../test-support/index.js';
import { retainUntil } from './access.js';

const DISPOSALS = `${API}/disposals`;
const records = (grantId: string) => `${API}/grants/${grantId}/use-records`;
const RECORD = {
  scenario: '城乡低保对象资格复核',
  process: '经办人按身份证号逐条核验参保状态',
  effect: '核减不符合条件对象 12 户',
  storage: '存于业务系统核验库，访问仅限经办科室',
};

describe('N21 retention', () => {
  it('N21 a record is kept 3 years from the day it was made, never shorter (29 Feb to 1 Mar)', () => {
    expect(retainUntil('2026-09-16')).toBe('2029-09-16');
    expect(retainUntil('2028-02-29')).toBe('2031-03-01');
  });
});

/**
 * N21 (政务数据共享条例第二十九条第二款) use records and N16 (第二十七条第一款) disposal over HTTP under the
 * national profile: 人社 (hrss) holds grants on 公安's (police) unconditional entry, granted at
 * once. The clock starts on 2026-09-29 and walks across 国庆 (10-01..07, 10-10 a make-up working day).
 */
describe.each(DIALECTS)('N16 N21 use records and disposal on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'national', '2026-09-29T02:00:00Z');
  let entryId: string;

  beforeAll(async () => {
    entryId = await w.publish(sampleContent());
  });

  const grant = async () => {
    const res = await w.hrss.request(
      'POST',
      `${API}/applications`,
      applicationBody(entryId, { items: ['公民身份号码'] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.grantId).toEqual(expect.any(String));
    return res.body.grantId as string;
  };
  const status = async (client: OrgClient, method: string, url: string, body?: unknown) => {
    const res = await client.request(method, url, body);
    return res.status < 300 ? res.status : `${res.status} ${res.body.error?.code}`;
  };
  const kinds = async (as: OrgClient, caseId: string) =>
    (await as.request('GET', `${API}/notices?pageSize=200`)).body.items
      .filter((n: { case: { id: string } | null }) => n.case?.id === caseId)
      .map((n: { kind: string }) => n.kind);
  const audits = (targetId: string) => auditActions(w, targetId);

  it('N21 the requesting department adds use records over time; it, the provider and the authority read them, nobody else', async () => {
    const grantId = await grant();
    const first = await w.hrss.request('POST', records(grantId), RECORD);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ ...RECORD, grantId, retainUntil: '2029-09-29' });
    w.clock.set('2026-09-30T03:00:00Z');
    const second = await w.hrssUser.request('POST', records(grantId), { ...RECORD, effect: '复核完成' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);

    expect(await status(w.police, 'POST', records(grantId), RECORD)).toBe('403 FORBIDDEN');
    expect(await status(w.authority, 'POST', records(grantId), RECORD)).toBe('403 FORBIDDEN');
    expect(await status(w.countyAdmin, 'POST', records(grantId), RECORD)).toBe('404 USE_RECORDS_NOT_FOUND');
    expect(await status(w.hrss, 'POST', records(grantId), { ...RECORD, storage: '   ' })).toBe(
      '400 VALIDATION_FAILED',
    );
    expect(await status(w.hrss, 'POST', records(grantId), { scenario: '只填场景' })).toBe(
      '400 VALIDATION_FAILED',
    );

    for (const client of [w.hrss, w.hrssUser, w.police, w.policeUser, w.authority]) {
      const res = await client.request('GET', records(grantId));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.map((r: { effect: string }) => r.effect)).toEqual(['复核完成', RECORD.effect]);
      expect(res.body.retention).toMatchObject({ years: 3 });
      expect(res.body.retention.article).toContain('第二十九条第二款');
      expect(res.body.canAdd).toBe(client === w.hrss || client === w.hrssUser);
    }
    // Not the other county's offices, not the platform's auditor, who reads the grant itself.
    for (const client of [w.countyAdmin, w.countyAuthority, w.auditadmin])
      expect(await status(client, 'GET', records(grantId))).toBe('404 USE_RECORDS_NOT_FOUND');
    expect(await status(w.auditadmin, 'GET', `${API}/grants/${grantId}`)).toBe(200);
    expect(await status(w.hrss, 'GET', records('no-such-grant'))).toBe('404 USE_RECORDS_NOT_FOUND');

    expect(await audits(first.body.id)).toEqual(['sharing.use_record.add']);
    expect((await audits(grantId)).filter((a) => a === 'sharing.use_record.read')).toHaveLength(5);
  });

  it('N21 the records outlive the grant: revoked, then gone, its parties still read them; none is removed', async () => {
    const grantId = await grant();
    expect((await w.hrss.request('POST', records(grantId), RECORD)).status).toBe(201);
    const revoked = await w.police.request('POST', `${API}/grants/${grantId}/revoke`, {
      reason: '共享目的已实现',
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    // Storage after the end of use is recorded too.
    expect(
      (await w.hrss.request('POST', records(grantId), { ...RECORD, storage: '已封存待处置' })).status,
    ).toBe(201);
    await w.platform.storage.db.deleteFrom('sharing_grant').where('id', '=', grantId).execute();
    for (const client of [w.hrss, w.police, w.authority]) {
      const res = await client.request('GET', records(grantId));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.canAdd).toBe(client === w.hrss);
      for (const item of res.body.items) expect(item.retainUntil >= '2029-09-30').toBe(true);
    }
    expect(await status(w.countyAdmin, 'GET', records(grantId))).toBe('404 USE_RECORDS_NOT_FOUND');
    // No route changes or removes a record.
    expect((await w.hrss.request('DELETE', records(grantId))).status).toBe(404);
  });

  it('N16 the provider requires disposal by a date it sets; a missing record is flagged once; the requester files what, how, when, who', async () => {
    w.clock.set('2026-09-30T02:00:00Z');
    const grantId = await grant();
    const require = (client: OrgClient, body: Record<string, unknown>) =>
      client.request('POST', DISPOSALS, {
        grantId,
        ground: 'purpose_achieved',
        requirement: '删除核验库中全部数据',
        dueDate: '2026-10-09',
        ...body,
      });

    expect(
      await status(w.police, 'POST', DISPOSALS, {
        grantId,
        ground: 'grant_ended',
        requirement: '删除',
        dueDate: '2026-10-09',
      }),
    ).toBe('409 DISPOSAL_GRANT_NOT_ENDED');
    expect((await require(w.hrss, {})).status).toBe(403);
    expect((await require(w.policeUser, {})).status).toBe(403);
    const stranger = await require(w.countyAdmin, {});
    expect(`${stranger.status} ${stranger.body.error.code}`).toBe('404 GRANT_NOT_FOUND');
    const past = await require(w.police, { dueDate: '2026-09-29' });
    expect(`${past.status} ${past.body.error.code}`).toBe('422 DISPOSAL_DUE_DATE_PAST');

    const required = await require(w.police, {});
    expect(required.status, JSON.stringify(required.body)).toBe(201);
    const disposal = required.body;
    expect(disposal.number).toMatch(/^CZ-2026-\d{6}$/);
    expect(disposal.groundText).toBe('共享目的已实现');
    expect(disposal).toMatchObject({
      status: 'awaiting_record',
      ground: 'purpose_achieved',
      record: null,
      overdue: false,
    });
    // 2026-09-30 → 10-09: 10-01..07 are 国庆 holidays: 09-30 is today, so 10-08 and 10-09 are left.
    expect(disposal.deadline).toMatchObject({ dueDate: '2026-10-09', workingDaysLeft: 2 });
    expect(typeof disposal.deadline.provisional).toBe('boolean');
    expect(disposal.deadline.article).toContain('第二十七条第一款');
    expect(disposal.deadline.article).toContain('条例未规定处置期限');
    expect(await kinds(w.hrss, disposal.id)).toEqual(['disposal.required']);
    expect(
      await status(w.police, 'POST', DISPOSALS, {
        grantId,
        ground: 'no_longer_necessary',
        requirement: '再要求',
        dueDate: '2026-10-20',
      }),
    ).toBe('409 DISPOSAL_ALREADY_REQUIRED');
    const ofGrant = await w.hrss.request('GET', `${DISPOSALS}?grantId=${grantId}`);
    expect(ofGrant.body.items.map((d: { id: string }) => d.id)).toEqual([disposal.id]);
    expect(await status(w.auditadmin, 'GET', `${DISPOSALS}/${disposal.id}`)).toBe('404 DISPOSAL_NOT_FOUND');
    expect(await status(w.authority, 'GET', `${DISPOSALS}/${disposal.id}`)).toBe(200);

    const sweep = (iso: string) => w.platform.services.sharing.scheduler.sweep(new Date(iso));
    expect((await sweep('2026-10-09T09:00:00Z')).steps?.disposals).toBeUndefined();
    w.clock.set('2026-10-10T02:00:00Z');
    expect((await sweep('2026-10-10T02:00:00Z')).steps?.disposals).toBe(1);
    expect((await sweep('2026-10-10T03:00:00Z')).steps?.disposals).toBeUndefined();
    expect(await kinds(w.police, disposal.id)).toEqual(['disposal.overdue', 'disposal.required']);
    expect(await kinds(w.authority, disposal.id)).toEqual(['disposal.overdue']);
    const overdue = await w.hrss.request('GET', `${DISPOSALS}/${disposal.id}`);
    expect(overdue.body).toMatchObject({ overdue: true, allowedActions: ['file'] });
    expect(overdue.body.deadline.workingDaysLeft).toBeLessThan(0);
    // R114: the nightly supervision job opens one violation case against the requester (第四十条).
    expect(await violationsFrom(w, 'disposal_missing')).toEqual([
      expect.objectContaining({
        respondent: expect.objectContaining({ departmentId: w.departments.hrss }),
        source: expect.objectContaining({ id: disposal.id }),
        category: expect.objectContaining({ party: 'requester' }),
        facts: expect.stringContaining(`处置要求 ${disposal.number}`),
      }),
    ]);
    expect(await violationsFrom(w, 'disposal_missing')).toHaveLength(1);

    const record = {
      what: '核验库中该授权的全部数据及备份',
      how: '数据库删除并覆写，备份介质粉碎',
      on: '2026-10-09',
      by: '人社局信息科 张三',
    };
    expect(await status(w.police, 'POST', `${DISPOSALS}/${disposal.id}/file`, record)).toBe('403 FORBIDDEN');
    expect(await status(w.countyAdmin, 'POST', `${DISPOSALS}/${disposal.id}/file`, record)).toBe(
      '404 DISPOSAL_NOT_FOUND',
    );
    expect(
      await status(w.hrss, 'POST', `${DISPOSALS}/${disposal.id}/file`, { ...record, on: '2026-10-11' }),
    ).toBe('422 DISPOSAL_DATE_IN_FUTURE');
    expect(
      await status(w.hrss, 'POST', `${DISPOSALS}/${disposal.id}/file`, { ...record, by: undefined }),
    ).toBe('400 VALIDATION_FAILED');
    const filed = await w.hrssUser.request('POST', `${DISPOSALS}/${disposal.id}/file`, record);
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body).toMatchObject({
      status: 'filed',
      record: { ...record, late: true, retainUntil: '2029-10-10' },
      deadline: { dueDate: '2026-10-09', workingDaysLeft: null },
      allowedActions: [],
    });
    // The missing record escalated to the requester's sharing-office head (N01/R128).
    expect(filed.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'require',
      'overdue',
      'escalated',
      'file',
    ]);
    expect(await status(w.hrss, 'POST', `${DISPOSALS}/${disposal.id}/file`, record)).toBe(
      '409 DISPOSAL_INVALID_STATE',
    );
    expect(await kinds(w.police, disposal.id)).toEqual(
      expect.arrayContaining(['disposal.overdue', 'disposal.filed']),
    );
    expect(await audits(disposal.id)).toEqual([
      'sharing.disposal.require',
      'sharing.overdue.escalate',
      'sharing.disposal.overdue',
      'sharing.disposal.file',
    ]);
    const types = await w.hrss.request('GET', '/api/v1/cases/types');
    expect(types.body.items.find((t: { type: string }) => t.type === 'disposal')).toMatchObject({
      api: DISPOSALS,
      actions: {
        file: { fields: expect.arrayContaining([expect.objectContaining({ name: 'what', required: true })]) },
      },
    });
  });

  it('N16 a grant that ended takes a disposal on that ground', async () => {
    const grantId = await grant();
    await w.police.request('POST', `${API}/grants/${grantId}/revoke`, { reason: '授权终止' });
    const res = await w.police.request('POST', DISPOSALS, {
      grantId,
      ground: 'grant_ended',
      requirement: '退回并删除',
      dueDate: '2026-12-31',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.deadline.workingDaysLeft).toBeGreaterThan(0);
  });

  it('N16 N21 hostile text (lone surrogate, NUL, 100k characters) is refused and nothing is stored', async () => {
    const grantId = await grant();
    for (const body of [
      { ...RECORD, scenario: 'a\ud800b' },
      { ...RECORD, process: 'a\u0000b' },
      { ...RECORD, effect: '效'.repeat(100_000) },
    ]) {
      const res = await w.hrss.request('POST', records(grantId), body);
      expect([400, 413]).toContain(res.status);
    }
    expect((await w.hrss.request('GET', records(grantId))).body.items).toEqual([]);
    const required = await w.police.request('POST', DISPOSALS, {
      grantId,
      ground: 'no_longer_necessary',
      requirement: '删除',
      dueDate: '2026-12-31',
    });
    expect(required.status).toBe(201);
    for (const body of [
      { what: 'x\udfff', how: '删除', on: '2026-10-10', by: '张三' },
      { what: '数据', how: '删\u0000除', on: '2026-10-10', by: '张三' },
      { what: '数'.repeat(100_000), how: '删除', on: '2026-10-10', by: '张三' },
    ]) {
      const res = await w.hrss.request('POST', `${DISPOSALS}/${required.body.id}/file`, body);
      expect([400, 413]).toContain(res.status);
    }
    expect((await w.hrss.request('GET', `${DISPOSALS}/${required.body.id}`)).body.status).toBe(
      'awaiting_record',
    );
    const emoji = await w.hrss.request('POST', records(grantId), { ...RECORD, scenario: '核验😀"\'<>' });
    expect(emoji.body.scenario).toBe('核验😀"\'<>');
  });

  it('N16 concurrent filings of one disposal: exactly one is recorded', async () => {
    const grantId = await grant();
    const requires = await Promise.all(
      [0, 1].map(() =>
        w.police.request('POST', DISPOSALS, {
          grantId,
          ground: 'purpose_unachievable',
          requirement: '删除',
          dueDate: '2026-12-31',
        }),
      ),
    );
    expect(requires.map((r) => r.status).sort()).toEqual([201, 409]);
    const id = requires.find((r) => r.status === 201)?.body.id as string;
    const record = { what: '全部数据', how: '删除', on: '2026-10-10', by: '张三' };
    const results = await Promise.all(
      [0, 1, 2].map(() => w.hrss.request('POST', `${DISPOSALS}/${id}/file`, record)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    expect((await w.hrss.request('GET', `${DISPOSALS}/${id}`)).body.timeline).toHaveLength(2);
  });
});
