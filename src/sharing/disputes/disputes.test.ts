import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  auditActions,
  sharingWorldForSuite,
  threeItemContent,
} from '../test-support/index.js';

type Event = { action: string; detail: Record<string, unknown> };

/**
 * Negotiation and coordination under Inner Mongolia's profile (negotiation 10 WD, coordination
 * 30 WD, both Art.19), end to end over HTTP. The clock walks forward, so the cases run in order.
 */
describe.each(DIALECTS)('sharing disputes (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');

  const refused = async () => {
    const entry = await w.publish(threeItemContent());
    const app = (await w.hrss.request('POST', `${API}/applications`, applicationBody(entry))).body;
    const res = await w.police.request('POST', `${API}/applications/${app.id}/refuse`, {
      reason: '涉及个人隐私',
    });
    expect(res.body.status).toBe('refused');
    return { entry, app };
  };
  const post = async (client = w.hrss, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    return res;
  };
  const code = (res: { status: number; body: { error?: { code: string } } }) =>
    `${res.status} ${res.body.error?.code ?? ''}`.trim();
  const sweep = (iso: string) => w.platform.services.sharing.disputes.disputeScheduler.sweep(new Date(iso));
  const notices = async (client = w.hrss) =>
    (await client.request('GET', `${API}/notices?pageSize=200`)).body.items as {
      kind: string;
      case: { id: string } | null;
    }[];

  it('R37 R38 R39 a refusal goes to negotiation (10 WD past National Day), fails, and the binding coordination decision is carried out as a grant', async () => {
    const { entry, app } = await refused();
    const opened = await post(w.hrss, `${API}/disputes`, {
      applicationId: app.id,
      reason: '社会救助资格审核确需核验参保状态',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const d = opened.body;
    expect(d).toMatchObject({ status: 'negotiating', origin: 'refused_application', applicationId: app.id });
    expect(d.number).toMatch(/^XS-2026-\d{6}$/);
    // Opened 2026-09-30: 10 working days skip the 10-01..07 holiday and count the 10-10 make-up day.
    expect(d.deadline).toMatchObject({ dueDate: '2026-10-20', workingDaysLeft: 10 });
    expect(d.deadline.article).toContain('Art.19');
    expect(d.allowedActions).toEqual(['minutes', 'fail', 'withdraw']);
    expect((await w.police.request('GET', `${API}/disputes/${d.id}`)).body.allowedActions).toEqual([
      'minutes',
      'fail',
      'agree',
    ]);
    expect(
      (await notices(w.police)).some((n) => n.kind === 'dispute.negotiation_opened' && n.case?.id === d.id),
    ).toBe(true);

    // Coordination waits for the negotiation to end.
    expect(code(await post(w.hrss, `${API}/disputes/${d.id}/escalate`))).toBe(
      '409 DISPUTE_NEGOTIATION_PENDING',
    );
    expect(
      code(await post(w.authority, `${API}/disputes/${d.id}/decide`, { share: true, decision: '共享' })),
    ).toBe('409 DISPUTE_INVALID_STATE');
    expect(
      (await post(w.police, `${API}/disputes/${d.id}/minutes`, { text: '双方会商一次，分歧在使用范围' }))
        .status,
    ).toBe(200);
    const failed = await post(w.police, `${API}/disputes/${d.id}/fail`, { reason: '无法就使用范围达成一致' });
    expect(failed.body).toMatchObject({
      status: 'negotiation_failed',
      failureReason: '无法就使用范围达成一致',
    });

    w.clock.set('2026-10-09T02:00:00Z');
    const escalated = await post(w.hrss, `${API}/disputes/${d.id}/escalate`, { reason: '请主管部门协调' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    expect(escalated.body).toMatchObject({ status: 'coordinating', overdue: false });
    expect(escalated.body.deadline.workingDaysLeft).toBe(30);
    expect(escalated.body.deadline.article).toContain('30个工作日');
    expect(
      (await notices(w.authority)).some(
        (n) => n.kind === 'dispute.coordination_requested' && n.case?.id === d.id,
      ),
    ).toBe(true);
    expect((await w.authority.request('GET', `${API}/disputes/${d.id}`)).body.allowedActions).toEqual([
      'decide',
    ]);

    const blank = await post(w.authority, `${API}/disputes/${d.id}/decide`, { share: true, decision: '  ' });
    expect(code(blank)).toBe('422 DISPUTE_DECISION_REQUIRED');
    const wrong = await post(w.authority, `${API}/disputes/${d.id}/decide`, {
      share: true,
      decision: '决定共享',
      items: ['个人病史'],
    });
    expect(code(wrong)).toBe('422 DISPUTE_ITEMS_INVALID');
    const decided = await post(w.authority, `${API}/disputes/${d.id}/decide`, {
      share: true,
      decision: '经协调，提供部门应共享参保状态用于资格审核',
      items: ['参保状态'],
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'granted', decidedItems: ['参保状态'] });
    const grant = (await w.hrss.request('GET', `${API}/grants/${decided.body.grantId}`)).body;
    expect(grant).toMatchObject({
      origin: 'decision',
      originId: d.id,
      items: ['参保状态'],
      status: 'active',
    });
    const check = (items: string[]) =>
      w.hrss.request('POST', `${API}/grants/check`, {
        entryId: entry,
        items,
        purpose: 'data_verification',
        method: 'interface',
      });
    expect((await check(['参保状态'])).body.allowed).toBe(true);
    expect((await check(['公民身份号码'])).body.code).toBe('GRANT_ITEM_NOT_GRANTED');

    // Deciding after coordination closed is refused.
    const again = await post(w.authority, `${API}/disputes/${d.id}/decide`, {
      share: false,
      decision: '改为不予共享',
    });
    expect(code(again)).toBe('409 DISPUTE_INVALID_STATE');
    expect(code(await post(w.hrss, `${API}/disputes/${d.id}/withdraw`))).toBe('409 DISPUTE_INVALID_STATE');

    const detail = (await w.hrss.request('GET', `${API}/disputes/${d.id}`)).body;
    expect(detail.timeline.map((e: Event) => e.action)).toEqual([
      'open_negotiation',
      'minutes',
      'fail',
      'escalate',
      'decide',
    ]);
    expect(detail.allowedActions).toEqual([]);
    const kinds = (await notices()).filter((n) => n.case?.id === d.id).map((n) => n.kind);
    expect(kinds).toContain('dispute.negotiation_failed');
    expect(kinds).toContain('dispute.granted');
    expect(await auditActions(w, d.id, decided.body.grantId)).toEqual([
      'sharing.dispute.open',
      'sharing.dispute.minutes',
      'sharing.dispute.fail',
      'sharing.dispute.escalate',
      'sharing.grant.create',
      'sharing.dispute.decide',
    ]);
  });

  it('R37 an agreement in negotiation becomes a grant; bad openings and steps are refused with their codes', async () => {
    const { app } = await refused();
    const pendingEntry = await w.publish(threeItemContent());
    const pending = (await w.hrss.request('POST', `${API}/applications`, applicationBody(pendingEntry))).body;
    expect(code(await post(w.hrss, `${API}/disputes`, { applicationId: pending.id, reason: '需要' }))).toBe(
      '409 DISPUTE_APPLICATION_NOT_REFUSED',
    );
    expect(code(await post(w.police, `${API}/disputes`, { applicationId: app.id, reason: '需要' }))).toBe(
      '403 FORBIDDEN',
    );
    const d = (await post(w.hrssUser, `${API}/disputes`, { applicationId: app.id, reason: '确需使用' })).body;
    expect(d.status).toBe('negotiating');
    expect(code(await post(w.hrss, `${API}/disputes`, { applicationId: app.id, reason: '再次' }))).toBe(
      '409 DISPUTE_ALREADY_OPEN',
    );
    expect(code(await post(w.hrss, `${API}/disputes/${d.id}/agree`))).toBe('403 FORBIDDEN');
    expect(code(await post(w.policeUser, `${API}/disputes/${d.id}/agree`))).toBe('403 FORBIDDEN');
    expect(code(await post(w.countyAdmin, `${API}/disputes/${d.id}/agree`))).toBe('404 DISPUTE_NOT_FOUND');
    const agreed = await post(w.police, `${API}/disputes/${d.id}/agree`, {
      comment: '协商同意，限资格审核使用',
    });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect(agreed.body).toMatchObject({ status: 'agreed', decidedItems: ['公民身份号码', '参保状态'] });
    expect((await w.hrss.request('GET', `${API}/grants/${agreed.body.grantId}`)).body).toMatchObject({
      origin: 'decision',
      originId: d.id,
    });
    expect(code(await post(w.police, `${API}/disputes/${d.id}/fail`, { reason: '反悔' }))).toBe(
      '409 DISPUTE_INVALID_STATE',
    );
    expect(code(await post(w.hrss, `${API}/disputes/${d.id}/escalate`))).toBe('409 DISPUTE_INVALID_STATE');
  });

  it('R37 R38 R40 a not-shared item: the sweep reminds and flags a lapsed negotiation, the consumer escalates, the authority closes the case', async () => {
    w.clock.set('2026-11-02T02:00:00Z');
    const entry = await w.publish(threeItemContent());
    const need = {
      entryId: entry,
      items: ['公民身份号码', '个人病史'],
      purpose: 'data_verification',
      legalDuty: '残疾人补贴资格审核',
      methods: ['interface'],
      validUntil: '2027-12-31',
      reason: '补贴审核需核验病史',
    };
    expect(code(await post(w.hrss, `${API}/disputes`, { ...need, items: ['参保状态'] }))).toBe(
      '409 DISPUTE_ENTRY_SHAREABLE',
    );
    expect(code(await post(w.hrss, `${API}/disputes`, { ...need, items: ['住址'] }))).toBe(
      '422 SHARING_ITEM_UNKNOWN',
    );
    const opened = await post(w.hrss, `${API}/disputes`, need);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const d = opened.body;
    expect(d).toMatchObject({ origin: 'not_shared', status: 'negotiating', applicationId: null });
    expect(d.deadline.dueDate).toBe('2026-11-16');

    expect(await sweep('2026-11-11T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await sweep('2026-11-12T01:00:00Z')).toEqual({ dueSoon: 1, overdue: 0 });
    expect(await sweep('2026-11-12T05:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    // The registered step runs with every sharing sweep.
    const main = await w.platform.services.sharing.scheduler.sweep(new Date('2026-11-17T01:00:00Z'));
    expect(main.steps?.disputes).toBe(1);
    expect(await sweep('2026-11-18T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    const lapsed = (await w.hrss.request('GET', `${API}/disputes/${d.id}`)).body;
    expect(lapsed.overdue).toBe(true);
    // The lapsed negotiation escalates to the provider's sharing-office head (N01/R128).
    expect(lapsed.timeline.map((e: Event) => e.action)).toEqual([
      'open_negotiation',
      'due_soon',
      'overdue',
      'escalated',
    ]);
    expect((await notices()).filter((n) => n.case?.id === d.id).map((n) => n.kind)).toContain(
      'dispute.overdue',
    );

    w.clock.set('2026-11-18T02:00:00Z');
    expect(lapsed.allowedActions).toContain('escalate');
    const escalated = await post(w.hrss, `${API}/disputes/${d.id}/escalate`);
    expect(escalated.body).toMatchObject({ status: 'coordinating', overdue: false });
    expect(escalated.body.timeline.at(-1).detail).toMatchObject({ lapsedNegotiationDueDate: '2026-11-16' });
    // Kept in Chinese, the record's language; the sweep's steps are the platform's (id null).
    expect(escalated.body.failureReason).toBe('协商期满未果');
    expect(lapsed.timeline.find((e: Event) => e.action === 'overdue').actor).toEqual({
      id: null,
      name: '共享交换平台',
    });
    expect(
      code(await post(w.countyAuthority, `${API}/disputes/${d.id}/decide`, { share: false, decision: '否' })),
    ).toBe('404 DISPUTE_NOT_FOUND');
    const closed = await post(w.authority, `${API}/disputes/${d.id}/decide`, {
      share: false,
      decision: '病史属敏感个人信息，依法不予共享',
    });
    expect(closed.body).toMatchObject({
      status: 'closed',
      grantId: null,
      decision: '病史属敏感个人信息，依法不予共享',
    });
    expect(
      code(await post(w.authority, `${API}/disputes/${d.id}/decide`, { share: true, decision: '改判' })),
    ).toBe('409 DISPUTE_INVALID_STATE');
    const listed = await w.authority.request('GET', `${API}/disputes?as=all&status=closed`);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const county = await w.countyAdmin.request('GET', `${API}/disputes?as=all`);
    expect(county.body.items.map((x: { id: string }) => x.id)).not.toContain(d.id);
  });

  it('R34 an out-of-catalog demand: the authority decides, the provider catalogs and supplies, the grant follows', async () => {
    const body = {
      providerDepartmentId: w.departments.police,
      title: '出入境记录',
      description: '核验救助对象是否长期出境',
      items: ['公民身份号码', '参保状态'],
      purpose: 'data_verification',
      legalDuty: '社会救助对象资格审核',
      methods: ['interface'],
      validUntil: '2027-12-31',
    };
    const opened = await post(w.hrss, `${API}/demands`, body);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const m = opened.body;
    expect(m).toMatchObject({ status: 'pending', decider: 'authority', deadline: null });
    expect(m.number).toMatch(/^XQ-2026-\d{6}$/);
    expect(m.deadlineNote).toContain('Art.19');
    expect(code(await post(w.police, `${API}/demands/${m.id}/decide`, { share: true, reason: '同意' }))).toBe(
      '403 FORBIDDEN',
    );
    expect(code(await post(w.police, `${API}/demands/${m.id}/supply`, { entryId: 'x', items: ['a'] }))).toBe(
      '409 DEMAND_INVALID_STATE',
    );
    const decided = await post(w.authority, `${API}/demands/${m.id}/decide`, {
      share: true,
      reason: '履职确需，应予共享',
    });
    expect(decided.body).toMatchObject({ status: 'awaiting_supply', decision: 'share', deadline: null });
    // Inner Mongolia sets no supply period: the case shows the profile's text instead of a date.
    expect(decided.body.deadlineNote).toContain('无政府决定环节');
    expect(decided.body.allowedActions).toEqual([]);
    expect((await w.police.request('GET', `${API}/demands/${m.id}`)).body.allowedActions).toEqual(['supply']);
    const entry = await w.publish(threeItemContent());
    const bad = await post(w.police, `${API}/demands/${m.id}/supply`, {
      entryId: entry,
      items: ['个人病史'],
    });
    expect(code(bad)).toBe('422 SHARING_ITEM_NOT_SHARED');
    const supplied = await post(w.police, `${API}/demands/${m.id}/supply`, {
      entryId: entry,
      items: ['公民身份号码', '参保状态'],
    });
    expect(supplied.status, JSON.stringify(supplied.body)).toBe(200);
    expect(supplied.body).toMatchObject({
      status: 'supplied',
      suppliedLate: false,
      suppliedItems: ['公民身份号码', '参保状态'],
    });
    const grant = (await w.hrss.request('GET', `${API}/grants/${supplied.body.grantId}`)).body;
    expect(grant).toMatchObject({ origin: 'decision', originId: m.id, entry: { id: entry } });
    expect(supplied.body.timeline.map((e: Event) => e.action)).toEqual(['submit', 'decide', 'supply']);
    expect(code(await post(w.hrss, `${API}/demands/${m.id}/withdraw`))).toBe('409 DEMAND_INVALID_STATE');
    const refusedDemand = (await post(w.hrss, `${API}/demands`, { ...body, title: '交通违法记录' })).body;
    const noReason = await post(w.authority, `${API}/demands/${refusedDemand.id}/decide`, {
      share: false,
      reason: ' ',
    });
    expect(code(noReason)).toBe('422 SHARING_REASON_REQUIRED');
    const refusedRes = await post(w.authority, `${API}/demands/${refusedDemand.id}/decide`, {
      share: false,
      reason: '与履职无关',
    });
    expect(refusedRes.body.status).toBe('refused');
    expect(
      (await notices()).some((n) => n.kind === 'demand.refused' && n.case?.id === refusedDemand.id),
    ).toBe(true);
  });
});
