import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';

type Notice = { kind: string; case: { id: string } | null };
const inbox = async (client: OrgClient) =>
  (await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[];
const told = async (client: OrgClient, kind: string, id: string) =>
  (await inbox(client)).some((n) => n.kind === kind && n.case?.id === id);
const status = async (client: OrgClient, method: string, url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  return res.status >= 400 ? `${res.status} ${res.body.error.code}` : res.status;
};
const ids = async (client: OrgClient, query = '') =>
  (
    (await client.request('GET', `${API}/complaints?pageSize=200${query}`)).body.items as { id: string }[]
  ).map((c) => c.id);

/** Neixiang Art.25: complaints to the county's information authority, answered in writing. */
describe.each(DIALECTS)('complaints (neixiang) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'neixiang');
  let entry: string;
  let grantId: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
    // Neixiang Art.16(2): in-catalog requests are granted at once.
    const applied = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
    grantId = applied.body.grantId;
  });

  const misuse = () =>
    w.police.request('POST', `${API}/complaints`, {
      kind: 'misuse',
      respondentDepartmentId: w.departments.hrss,
      subject: { type: 'grant', id: grantId },
      description: '人社局将共享的户籍数据用于授权用途以外的商业合作',
    });
  const check = () =>
    w.hrss.request('POST', `${API}/grants/check`, {
      entryId: entry,
      items: ['参保状态'],
      purpose: 'data_verification',
      method: 'interface',
    });

  it('R118 a misuse complaint is investigated and answered in writing; upheld, it suspends the named grant', async () => {
    expect((await check()).body.allowed).toBe(true);
    const filed = await misuse();
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'received',
      kind: 'misuse',
      subject: { type: 'grant', id: grantId },
      deadline: null,
      overdue: false,
      basis: { article: 'Art.25' },
      allowedActions: ['withdraw'],
    });
    // No profile sets a number: no due date, the profile's own words instead.
    expect(filed.body.deadlineNote).toContain('第二十五条');
    expect(filed.body.number).toMatch(/^TS-2026-\d{6}$/);
    const id = filed.body.id;
    const url = `${API}/complaints/${id}`;
    expect(await told(w.authority, 'complaint.received', id)).toBe(true);

    // The department complained about learns of it when the authority takes it up.
    expect(await status(w.hrss, 'GET', url)).toBe('404 COMPLAINT_NOT_FOUND');
    expect(await ids(w.hrss)).not.toContain(id);
    expect(await told(w.hrss, 'complaint.investigating', id)).toBe(false);
    expect(await status(w.authority, 'POST', `${url}/answer`, { outcome: 'upheld', reply: '成立' })).toBe(
      '409 COMPLAINT_INVALID_STATE',
    );
    expect((await w.authority.request('GET', url)).body.allowedActions).toEqual(['investigate']);
    const investigating = await w.authority.request('POST', `${url}/investigate`, { note: '已立案调查' });
    expect(investigating.body).toMatchObject({ status: 'investigating' });
    expect(await told(w.hrss, 'complaint.investigating', id)).toBe(true);
    expect(await told(w.police, 'complaint.investigating', id)).toBe(true);
    expect(await status(w.hrss, 'GET', url)).toBe(200);
    expect(await ids(w.hrss, '&as=respondent')).toContain(id);
    expect((await w.hrss.request('GET', url)).body.allowedActions).toEqual(['note']);
    const stated = await w.hrss.request('POST', `${url}/notes`, { note: '该合作项目已终止，数据已删除' });
    expect(stated.body.timeline.at(-1)).toMatchObject({ action: 'note', detail: { by: 'party' } });
    expect(await told(w.authority, 'complaint.statement', id)).toBe(true);

    expect(await status(w.authority, 'POST', `${url}/answer`, { outcome: 'upheld', reply: '  ' })).toBe(
      '422 COMPLAINT_REPLY_REQUIRED',
    );
    const answered = await w.authority.request('POST', `${url}/answer`, {
      outcome: 'upheld',
      reply: '经调查，投诉成立。暂停人社局对该资源的共享授权，责令整改。',
      suspendGrantIds: [grantId],
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      outcome: 'upheld',
      suspendedGrants: [grantId],
      allowedActions: [],
    });
    expect(answered.body.reply).toContain('投诉成立');
    expect(answered.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'file',
      'investigate',
      'note',
      'answer',
    ]);
    const grant = (await w.hrss.request('GET', `${API}/grants/${grantId}`)).body;
    expect(grant.status).toBe('suspended');
    expect(grant.statusReason).toContain(filed.body.number);
    expect(grant.timeline.at(-1)).toMatchObject({ action: 'suspend', detail: { complaintId: id } });
    expect((await check()).body).toMatchObject({ allowed: false, code: 'GRANT_SUSPENDED' });
    expect(await told(w.hrss, 'grant.suspend', grantId)).toBe(true);
    expect(await told(w.hrss, 'complaint.upheld', id)).toBe(true);
    expect(await told(w.police, 'complaint.upheld', id)).toBe(true);
    const audit = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', 'in', [id, grantId])
      .where('action', 'not like', 'sharing.grant.create')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'sharing.complaint.file',
      'sharing.complaint.investigate',
      'sharing.complaint.note',
      'sharing.grant.suspend',
      'sharing.complaint.answer',
    ]);
    expect(await status(w.authority, 'POST', `${url}/answer`, { outcome: 'upheld', reply: '再次' })).toBe(
      '409 COMPLAINT_INVALID_STATE',
    );
    expect(await status(w.police, 'POST', `${url}/withdraw`, {})).toBe('409 COMPLAINT_INVALID_STATE');
    // Resumed by the authority once the department has put it right.
    await w.authority.request('POST', `${API}/grants/${grantId}/resume`, { reason: '已整改' });
  });

  it('R118 only an upheld misuse complaint suspends grants, and only grants of the department complained about', async () => {
    const delay = await w.hrss.request('POST', `${API}/complaints`, {
      kind: 'delay',
      respondentDepartmentId: w.departments.police,
      description: '公安局逾期未提供数据',
    });
    const url = `${API}/complaints/${delay.body.id}`;
    await w.authority.request('POST', `${url}/investigate`, {});
    expect(
      await status(w.authority, 'POST', `${url}/answer`, {
        outcome: 'upheld',
        reply: '成立',
        suspendGrantIds: [grantId],
      }),
    ).toBe('422 COMPLAINT_SUSPENSION_NOT_ALLOWED');
    expect((await w.hrss.request('GET', url)).body.status).toBe('investigating');
    const answered = await w.authority.request('POST', `${url}/answer`, {
      outcome: 'not_upheld',
      reply: '经查，公安局已在规定期限内答复，投诉不成立。',
    });
    expect(answered.body).toMatchObject({ status: 'answered', outcome: 'not_upheld', suspendedGrants: [] });
    expect(await told(w.hrss, 'complaint.not_upheld', delay.body.id)).toBe(true);

    // A misuse complaint naming a grant the complained-about department does not hold.
    const wrong = await w.hrss.request('POST', `${API}/complaints`, {
      kind: 'misuse',
      respondentDepartmentId: w.departments.police,
      description: '公安局滥用数据',
    });
    const wrongUrl = `${API}/complaints/${wrong.body.id}`;
    await w.authority.request('POST', `${wrongUrl}/investigate`, {});
    expect(
      await status(w.authority, 'POST', `${wrongUrl}/answer`, {
        outcome: 'upheld',
        reply: '成立',
        suspendGrantIds: [grantId],
      }),
    ).toBe('422 COMPLAINT_GRANT_INVALID');
    expect((await w.hrss.request('GET', `${API}/grants/${grantId}`)).body.status).toBe('active');
  });

  it('R118 filing is checked: not against oneself, an existing department, a case between the two', async () => {
    const body = (overrides: Record<string, unknown>) => ({
      kind: 'refusal',
      respondentDepartmentId: w.departments.police,
      description: '无正当理由拒绝共享',
      ...overrides,
    });
    expect(
      await status(
        w.police,
        'POST',
        `${API}/complaints`,
        body({ respondentDepartmentId: w.departments.police }),
      ),
    ).toBe('422 COMPLAINT_RESPONDENT_INVALID');
    expect(await status(w.hrss, 'POST', `${API}/complaints`, body({ respondentDepartmentId: 'nope' }))).toBe(
      '422 COMPLAINT_RESPONDENT_INVALID',
    );
    expect(
      await status(
        w.countyAdmin,
        'POST',
        `${API}/complaints`,
        body({ subject: { type: 'grant', id: grantId } }),
      ),
    ).toBe('422 COMPLAINT_SUBJECT_INVALID');
    expect(
      await status(
        w.hrss,
        'POST',
        `${API}/complaints`,
        body({ respondentDepartmentId: w.departments.county, subject: { type: 'entry', id: entry } }),
      ),
    ).toBe('422 COMPLAINT_SUBJECT_INVALID');
    expect(await status(w.hrss, 'POST', `${API}/complaints`, body({ description: ' ' }))).toBe(
      '422 SHARING_REASON_REQUIRED',
    );
    expect(await status(w.authority, 'POST', `${API}/complaints`, body({}))).toBe('403 FORBIDDEN');
    const onEntry = await w.hrssUser.request(
      'POST',
      `${API}/complaints`,
      body({ kind: 'failure_to_update', subject: { type: 'entry', id: entry } }),
    );
    expect(onEntry.body).toMatchObject({ status: 'received', subject: { type: 'entry', id: entry } });
    // Withdrawn before the investigation: the department complained about never hears of it.
    const withdrawn = await w.hrss.request('POST', `${API}/complaints/${onEntry.body.id}/withdraw`, {
      note: '已沟通解决',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await told(w.authority, 'complaint.withdrawn', onEntry.body.id)).toBe(true);
    expect(await told(w.police, 'complaint.withdrawn', onEntry.body.id)).toBe(false);
    expect(await status(w.police, 'GET', `${API}/complaints/${onEntry.body.id}`)).toBe(
      '404 COMPLAINT_NOT_FOUND',
    );
    expect(await status(w.authority, 'POST', `${API}/complaints/${onEntry.body.id}/investigate`, {})).toBe(
      '409 COMPLAINT_INVALID_STATE',
    );
  });
});

describe.each(DIALECTS)('complaints (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');

  it('R118 R133 a profile without complaints refuses one, citing its text', async () => {
    const res = await w.hrss.request('POST', `${API}/complaints`, {
      kind: 'refusal',
      respondentDepartmentId: w.departments.police,
      description: '拒绝共享',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('COMPLAINT_NOT_AVAILABLE');
    expect(res.body.error.message).toContain('未规定');
  });
});
