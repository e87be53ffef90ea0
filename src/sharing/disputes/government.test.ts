import { beforeAll, describe, expect, it } from 'vitest';
import { preparingSubmissions } from '../../catalog/test-support/preparation.js';
import { createDepartment, type OrgClient, signedInUser, USCCS } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { API, auditActions, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';

type Notice = { kind: string; case: { id: string } | null };
const HOSTILE = "<img src=x onerror=alert(1)>'; DELETE FROM sharing_dispute;-- \u202e 决定 %s {number}";

/**
 * N19, 809 第二十八条第二款: "同级政务数据需求部门、政务数据提供部门发生政务数据共享争议的，应当协商解决；
 * 协商不成的，应当按照程序向同级政务数据共享主管部门申请协调处理。跨层级、跨地域的政务数据共享发生争议的，由
 * 共同的上级政务数据共享主管部门协调处理。经政务数据共享主管部门协调处理仍未达成一致意见的，报政务数据共享
 * 主管部门的本级人民政府决定。" Two counties under one city: the city's authority coordinates, refers
 * the case to 示范市人民政府 and records its decision as the final step.
 */
describe.each(DIALECTS)('N19 government decision after coordination on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'national');
  let otherCounty: { department: string; admin: OrgClient; authority: OrgClient };
  let entry: string;
  const code = (res: { status: number; body: { error?: { code: string } } }) =>
    res.status >= 400 ? `${res.status} ${res.body.error?.code}` : res.status;
  const told = async (client: OrgClient, kind: string, id: string) =>
    ((await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[]).some(
      (n) => n.kind === kind && n.case?.id === id,
    );
  const step = async (client: OrgClient, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** 示范二县人社局 asks 示范县市场监督管理局 for a not-shared item; negotiation fails; coordination. */
  const coordinating = async () => {
    const opened = await otherCounty.admin.request('POST', `${API}/disputes`, {
      entryId: entry,
      reason: '跨县社会救助资格核验',
      items: ['参保状态', '个人病史'],
      purpose: 'data_verification',
      legalDuty: '社会救助对象资格审核（《社会救助暂行办法》第十一条）',
      methods: ['interface'],
      validUntil: '2027-12-31',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as string;
    expect(opened.body).toMatchObject({ status: 'negotiating', governmentReferral: true, referral: null });
    await step(w.countyAdmin, `${API}/disputes/${id}/fail`, { reason: '涉及个人病史，不同意共享' });
    const escalated = await step(otherCounty.admin, `${API}/disputes/${id}/escalate`, { reason: '请求协调' });
    expect(escalated.status).toBe('coordinating');
    return id;
  };

  beforeAll(async () => {
    const county2 = await w.platform.services.jurisdictions.create(undefined, {
      code: '990122',
      name: '示范二县',
      level: 'county',
      parentId: w.city.id,
    });
    const department = await createDepartment(
      w.platform,
      '示范二县人力资源和社会保障局',
      USCCS[11],
      county2.id,
    );
    otherCounty = {
      department,
      admin: await signedInUser(w.platform, 'county2.admin', department, ['resource_admin']),
      authority: await signedInUser(w.platform, 'county2.authority', department, ['authority']),
    };
    const created = await step(preparingSubmissions(w.platform, w.countyAdmin), '/api/v1/catalog/entries', {
      content: threeItemContent(),
    });
    entry = created.id;
    await step(preparingSubmissions(w.platform, w.countyAdmin), `/api/v1/catalog/entries/${entry}/submit`);
    await step(w.countyAuthority, `/api/v1/catalog/entries/${entry}/ratify`);
    await step(w.countyAdmin, `/api/v1/catalog/entries/${entry}/publish`);
  }, 240_000);

  it('N19 coordination without agreement between two counties goes to the city authority, which refers it to 示范市人民政府 and records its decision as the final step', async () => {
    const id = await coordinating();
    const url = `${API}/disputes/${id}`;
    // The common superior authority hears of it; neither county's authority is asked to coordinate.
    expect(await told(w.authority, 'dispute.coordination_requested', id)).toBe(true);
    expect(await told(w.countyAuthority, 'dispute.coordination_requested', id)).toBe(false);
    expect(await told(otherCounty.authority, 'dispute.coordination_requested', id)).toBe(false);
    expect((await w.authority.request('GET', url)).body.allowedActions).toEqual(['decide', 'refer']);
    for (const county of [w.countyAuthority, otherCounty.authority]) {
      expect(code(await county.request('POST', `${url}/refer`, { reason: '未达成一致' }))).toBe(
        '403 FORBIDDEN',
      );
      expect(code(await county.request('POST', `${url}/decide`, { share: false, decision: '不共享' }))).toBe(
        '403 FORBIDDEN',
      );
    }
    expect(code(await otherCounty.admin.request('POST', `${url}/refer`, { reason: '未达成一致' }))).toBe(
      '403 FORBIDDEN',
    );
    expect(code(await w.hrss.request('GET', url))).toBe('404 DISPUTE_NOT_FOUND');
    expect(code(await w.authority.request('POST', `${url}/refer`, { reason: '  ' }))).toBe(
      '422 SHARING_REASON_REQUIRED',
    );

    const referred = await w.authority.request('POST', `${url}/refer`, {
      reason: '经协调，双方对个人病史的共享范围仍未达成一致',
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    expect(referred.body).toMatchObject({
      status: 'referred',
      deadline: null,
      referral: { government: '示范市人民政府', jurisdictionPath: w.city.path },
      governmentDecision: null,
      allowedActions: ['record_government_decision'],
    });
    expect(referred.body.deadlineNote).toContain('第二十八条第二款');
    expect(referred.body.deadlineNote).not.toContain('the regulation sets no period');
    expect(await told(otherCounty.admin, 'dispute.referred', id)).toBe(true);
    expect(await told(w.countyAdmin, 'dispute.referred', id)).toBe(true);
    expect(code(await otherCounty.admin.request('POST', `${url}/withdraw`, {}))).toBe(
      '409 DISPUTE_INVALID_STATE',
    );
    expect(code(await w.authority.request('POST', `${url}/decide`, { share: true, decision: '共享' }))).toBe(
      '409 DISPUTE_INVALID_STATE',
    );

    const record = (body: Record<string, unknown>) =>
      w.authority.request('POST', `${url}/record-government-decision`, {
        share: true,
        decision: HOSTILE,
        reference: '示政函〔2026〕12号',
        decidedOn: '2026-09-30',
        items: ['参保状态'],
        ...body,
      });
    expect(code(await record({ reference: '  ' }))).toBe('422 DISPUTE_GOVERNMENT_DECISION_INVALID');
    expect((await record({ reference: '  ' })).body.error.message).toContain('须登记决定文号');
    const english = await w.authority.request(
      'POST',
      `${url}/record-government-decision`,
      { share: false, decision: '否', reference: ' ', decidedOn: '2026-09-30' },
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toContain('the document number is required');
    expect(english.body.error.message).not.toContain('文号');
    expect(code(await record({ decidedOn: '2026-10-01' }))).toBe('422 DISPUTE_GOVERNMENT_DECISION_INVALID');
    expect(code(await record({ decidedOn: '2026-09-29' }))).toBe('422 DISPUTE_GOVERNMENT_DECISION_INVALID');
    expect(code(await record({ decision: ' ' }))).toBe('422 DISPUTE_DECISION_REQUIRED');
    expect(code(await record({ items: ['不存在的项'] }))).toBe('422 DISPUTE_ITEMS_INVALID');
    expect(
      code(
        await w.countyAuthority.request('POST', `${url}/record-government-decision`, {
          share: false,
          decision: '不共享',
          reference: '示政函〔2026〕13号',
          decidedOn: '2026-09-30',
        }),
      ),
    ).toBe('403 FORBIDDEN');

    w.clock.set('2026-10-09T02:00:00Z');
    const decided = await record({});
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'government_granted',
      decision: HOSTILE,
      decidedItems: ['参保状态'],
      governmentDecision: {
        share: true,
        decidedBy: '示范市人民政府',
        decision: HOSTILE,
        reference: '示政函〔2026〕12号',
        decidedOn: '2026-09-30',
      },
      allowedActions: [],
    });
    const grant = (await otherCounty.admin.request('GET', `${API}/grants/${decided.body.grantId}`)).body;
    expect(grant).toMatchObject({ origin: 'decision', originId: id, items: ['参保状态'], status: 'active' });
    for (const client of [w.authority, w.countyAdmin, otherCounty.admin, w.countyAuthority])
      expect((await client.request('GET', url)).body.allowedActions).toEqual([]);
    // The final step: nothing after it.
    expect(code(await record({ share: false }))).toBe('409 DISPUTE_INVALID_STATE');
    expect(code(await w.authority.request('POST', `${url}/refer`, { reason: '再报' }))).toBe(
      '409 DISPUTE_INVALID_STATE',
    );
    expect(await told(otherCounty.admin, 'dispute.government_granted', id)).toBe(true);
    expect(await told(w.countyAdmin, 'dispute.government_granted', id)).toBe(true);
    expect(decided.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'open_negotiation',
      'fail',
      'escalate',
      'refer',
      'record_government_decision',
    ]);
    expect((await auditActions(w, id)).slice(-2)).toEqual([
      'sharing.dispute.refer',
      'sharing.dispute.record_government_decision',
    ]);
  }, 180_000);

  it('N19 a government decision not to share closes the case; two concurrent records: exactly one wins', async () => {
    w.clock.set('2026-10-09T02:00:00Z');
    const id = await coordinating();
    const url = `${API}/disputes/${id}`;
    await step(w.authority, `${url}/refer`, { reason: '协调未达成一致' });
    const body = (share: boolean) => ({
      share,
      decidedBy: '示范市人民政府办公室',
      decision: share ? '共享' : '涉及个人病史，不予共享',
      reference: share ? '示政函〔2026〕20号' : '示政函〔2026〕21号',
      decidedOn: '2026-10-09',
    });
    const [one, two] = await Promise.all([
      w.authority.request('POST', `${url}/record-government-decision`, body(false)),
      w.authority.request('POST', `${url}/record-government-decision`, body(true)),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const after = (await w.authority.request('GET', url)).body;
    expect(['government_closed', 'government_granted']).toContain(after.status);
    expect(
      after.timeline.filter((e: { action: string }) => e.action === 'record_government_decision'),
    ).toHaveLength(1);
    expect(after.governmentDecision.decidedBy).toBe('示范市人民政府办公室');
    expect(after.grantId === null).toBe(after.status === 'government_closed');
  }, 180_000);
});
