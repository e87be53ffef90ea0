import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { loadEffectiveProfile } from '../../platform/profiles/index.js';
import { API } from '../test-support/index.js';

type Notice = { kind: string; body: { zh: string }; case: { id: string } | null };
type Event = { action: string; detail: Record<string, unknown> };
const HOSTILE = "<script>alert('x')</script>'; DROP TABLE sharing_complaint;-- \u202e 🙂 %s {id}";
const FINDINGS = `${API}/complaints/misuse-findings`;

/**
 * N17, 809 第二十七条第二款: "政务数据需求部门存在擅自超出使用范围、共享目的使用政务数据，或者擅自将政务数据
 * 提供给第三方的，政务数据共享主管部门或者政务数据提供部门应当暂停其政务数据共享权限，并督促限期整改，对拒不
 * 整改或者整改不到位的，可以终止共享。" Under the national profile, which has no inter-department
 * complaints: the provider or the authority finds the misuse itself and the one rectification path runs.
 */
describe.each(DIALECTS)('N17 misuse finding by the authority or the provider (national) on %s', (dialect) => {
  let x: ExchangeWorld;
  let reader: ApiRequester;
  /** The grant of the refusals' test, left active: the provider's finding suspends it with a second. */
  let earlier: string;
  const code = (res: { status: number; body: { error?: { code: string } } }) =>
    res.status >= 400 ? `${res.status} ${res.body.error?.code}` : res.status;
  const told = async (client: OrgClient, kind: string, id: string) =>
    ((await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[]).filter(
      (n) => n.kind === kind && n.case?.id === id,
    );
  const grantStatus = async (id: string) =>
    (await x.w.hrss.request('GET', `${API}/grants/${id}`)).body.status;
  const finding = (grantIds: string[], overrides: Record<string, unknown> = {}) => ({
    grantIds,
    misuse: ['third_party', 'other_purpose'],
    facts: `人社局将共享的户籍数据提供给第三方公司用于营销 ${HOSTILE}`,
    rectification: { order: '停止向第三方提供并收回、删除已提供数据', workingDays: 5 },
    ...overrides,
  });
  const read = () =>
    reader.request(
      'POST',
      `${EXCHANGE_API}/resources/${x.entryId}/query`,
      { keys: [x.records[0]?.公民身份号码] },
      { 'x-govshare-purpose': 'data_verification' },
    );

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { exchange: { readCacheMs: 0 } });
    reader = await x.apiClient(x.w.departments.hrss);
  }, 240_000);
  afterAll(async () => x?.close());

  it('N17 the national profile has no inter-department complaints, yet the finding is open', async () => {
    expect(loadEffectiveProfile('national').features.complaints.value).toBe(false);
    const complaint = await x.w.police.request('POST', `${API}/complaints`, {
      kind: 'misuse',
      respondentDepartmentId: x.w.departments.hrss,
      description: '投诉',
    });
    expect(code(complaint)).toBe('409 COMPLAINT_NOT_AVAILABLE');
  });

  it('N17 who may open one: the provider for its own grants and the authority in scope; not the requester against itself, another department, a department user or the three administrators; inputs checked', async () => {
    x.clock.set('2026-09-30T02:00:00Z');
    const grantId = await x.grant();
    earlier = grantId;
    for (const client of [x.w.sysadmin, x.w.secadmin, x.w.auditadmin, x.w.policeUser])
      expect(code(await client.request('POST', FINDINGS, finding([grantId])))).toBe('403 FORBIDDEN');
    expect(code(await x.w.countyAdmin.request('POST', FINDINGS, finding([grantId])))).toBe(
      '404 GRANT_NOT_FOUND',
    );
    expect(code(await x.w.countyAuthority.request('POST', FINDINGS, finding([grantId])))).toBe(
      '404 GRANT_NOT_FOUND',
    );
    expect(code(await x.w.hrss.request('POST', FINDINGS, finding([grantId])))).toBe(
      '422 COMPLAINT_RESPONDENT_INVALID',
    );
    expect(code(await x.w.police.request('POST', FINDINGS, finding(['nope'])))).toBe('404 GRANT_NOT_FOUND');
    for (const bad of [
      finding([]),
      finding([grantId], { misuse: [] }),
      finding([grantId], { misuse: ['leaked'] }),
      finding([grantId], { facts: '' }),
      finding([grantId], { rectification: undefined }),
      finding([grantId], { extra: 1 }),
    ])
      expect((await x.w.police.request('POST', FINDINGS, bad)).status).toBe(400);
    expect(code(await x.w.police.request('POST', FINDINGS, finding([grantId], { facts: '   ' })))).toBe(
      '422 SHARING_REASON_REQUIRED',
    );
    for (const rectification of [
      { order: '删除', workingDays: 5, dueDate: '2026-10-20' },
      { order: '删除', dueDate: '2026-09-30' },
    ])
      expect(code(await x.w.police.request('POST', FINDINGS, finding([grantId], { rectification })))).toBe(
        '422 COMPLAINT_RECTIFICATION_INVALID',
      );
    // Nothing was suspended by the refused attempts.
    expect(await grantStatus(grantId)).toBe('active');
  });

  it('N17 the provider finds misuse: the grant is suspended at once, the requester told, the timeline cites 第二十七条第二款; reported and accepted by the provider, the grant resumes', async () => {
    x.clock.set('2026-09-30T02:00:00Z');
    const grantId = await x.grant();
    expect((await read()).status).toBe(200);
    const opened = await x.w.police.request('POST', FINDINGS, finding([grantId, earlier]));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const c = opened.body;
    expect(c.number).toMatch(/^TS-2026-\d{6}$/);
    expect(c).toMatchObject({
      kind: 'misuse_finding',
      status: 'rectifying',
      finding: { by: 'provider', misuse: ['third_party', 'other_purpose'] },
      complainant: { departmentId: x.w.departments.police },
      respondent: { departmentId: x.w.departments.hrss },
      description: `人社局将共享的户籍数据提供给第三方公司用于营销 ${HOSTILE}`,
      suspendedGrants: [grantId, earlier],
      // 2026-09-30 + 5 working days across National Day (10-10, a Saturday, is worked).
      rectification: { deadline: { dueDate: '2026-10-13', workingDaysLeft: 5 }, report: null },
      allowedActions: ['terminate'],
    });
    expect(c.finding.article).toContain('第二十七条第二款');
    expect(c.basis.text).toContain('第二十七条第二款');
    const opening = (c.timeline as Event[])[0];
    expect(opening?.action).toBe('find_misuse');
    expect(opening?.detail).toMatchObject({ foundBy: 'provider', suspendedGrants: [grantId, earlier] });
    expect(String(opening?.detail.article)).toContain('第二十七条第二款');
    expect(await grantStatus(grantId)).toBe('suspended');
    expect(await grantStatus(earlier)).toBe('suspended');
    expect(code(await read())).toBe('403 GRANT_SUSPENDED');

    const notice = await told(x.w.hrss, 'complaint.misuse_found', c.id);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.body.zh).toContain('擅自将政务数据提供给第三方');
    expect(notice[0]?.body.zh).toContain('2026-10-13');
    expect(await told(x.w.authority, 'complaint.misuse_found', c.id)).toHaveLength(1);
    const audited = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_name'])
      .where('target_id', '=', c.id)
      .execute();
    expect(audited).toContainEqual({ action: 'sharing.complaint.find_misuse', actor_name: 'police.admin' });

    const url = `${API}/complaints/${c.id}`;
    expect((await x.w.hrss.request('GET', url)).body.allowedActions).toEqual(['report_rectification']);
    expect(code(await x.w.countyAdmin.request('GET', url))).toBe('404 COMPLAINT_NOT_FOUND');
    expect(code(await x.w.police.request('POST', `${url}/report-rectification`, { report: '已整改' }))).toBe(
      '403 FORBIDDEN',
    );
    x.clock.set('2026-10-09T02:00:00Z');
    const reported = await x.w.hrss.request('POST', `${url}/report-rectification`, {
      report: '已停止提供并删除第三方处数据',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(await told(x.w.police, 'complaint.rectification_reported', c.id)).toHaveLength(1);
    expect((await x.w.police.request('GET', url)).body.allowedActions).toEqual([
      'accept_rectification',
      'reject_rectification',
      'terminate',
    ]);
    const accepted = await x.w.police.request('POST', `${url}/accept-rectification`, { note: '核查到位' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('rectified');
    expect(await grantStatus(grantId)).toBe('active');
    expect(await grantStatus(earlier)).toBe('active');
    expect((await read()).status).toBe(200);
  });

  it('N17 the authority finds misuse on a provider grant in its jurisdiction; not rectified by the date, the sweep terminates the sharing once', async () => {
    x.clock.set('2026-10-14T02:00:00Z');
    const grantId = await x.grant();
    const opened = await x.w.authority.request(
      'POST',
      FINDINGS,
      finding([grantId], {
        misuse: ['beyond_scope'],
        rectification: { order: '限期说明超范围使用情况并删除', dueDate: '2026-10-20' },
      }),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const c = opened.body;
    expect(c).toMatchObject({
      kind: 'misuse_finding',
      status: 'rectifying',
      finding: { by: 'authority', misuse: ['beyond_scope'] },
      complainant: { departmentId: x.w.departments.police },
      rectification: { deadline: { dueDate: '2026-10-20' } },
    });
    expect(await grantStatus(grantId)).toBe('suspended');
    expect(await told(x.w.hrss, 'complaint.misuse_found', c.id)).toHaveLength(1);
    expect(await told(x.w.police, 'complaint.misuse_found', c.id)).toHaveLength(1);
    // The provider did not find this one: the authority reviews it.
    expect((await x.w.police.request('GET', `${API}/complaints/${c.id}`)).body.allowedActions).toEqual([]);

    const sweep = (iso: string) => x.platform.services.sharing.scheduler.sweep(new Date(iso));
    expect((await sweep('2026-10-20T09:00:00Z')).steps?.rectification).toBeUndefined();
    expect((await sweep('2026-10-21T01:00:00Z')).steps?.rectification).toBe(1);
    expect((await sweep('2026-10-21T02:00:00Z')).steps?.rectification).toBeUndefined();
    x.clock.set('2026-10-21T02:00:00Z');
    const ended = (await x.w.hrss.request('GET', `${API}/complaints/${c.id}`)).body;
    expect(ended.status).toBe('terminated');
    expect(ended.termination.by.id).toBeNull();
    expect(await grantStatus(grantId)).toBe('revoked');
    expect(await told(x.w.hrss, 'complaint.terminated', c.id)).toHaveLength(1);
    // The requester's head hears of the missed date (R128): reached or recorded as unreachable, once.
    const escalations = (ended.timeline as Event[]).filter((e) =>
      ['escalated', 'escalation_unreachable'].includes(e.action),
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.detail.departmentId).toBe(x.w.departments.hrss);
  });
});
