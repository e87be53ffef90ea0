import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { listProfiles } from '../../platform/profiles/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';
import { disputeShape, fixedPeriod } from './model.js';

type Res = { status: number; body: { error?: { code: string } } };
const code = (res: Res) => `${res.status} ${res.body.error?.code ?? ''}`.trim();

describe('the dispute shape of every profile (REQUIREMENTS §3, §4 items 1–3)', () => {
  it('R34 R37 R38 reads negotiation, coordination and the demand decider from workflow.outOfCatalog', () => {
    const shapes = Object.fromEntries(
      listProfiles().map((p) => {
        const s = disputeShape(p);
        return [
          p.id,
          [
            s.negotiation,
            s.coordination,
            s.demandDecider,
            fixedPeriod(p.deadlines.negotiation)?.value ?? null,
            fixedPeriod(p.deadlines.coordination)?.value ?? null,
            fixedPeriod(p.deadlines.supplyAfterGovernmentDecision)?.value ?? null,
          ],
        ];
      }),
    );
    expect(shapes).toEqual({
      feicheng: [true, true, 'authority', null, null, null],
      guangzhou: [false, false, 'government', null, null, 5],
      'inner-mongolia': [true, true, 'authority', 10, 30, null],
      lianyungang: [false, true, 'authority', null, null, null],
      national: [true, true, 'authority', null, null, null],
      neixiang: [false, true, 'provider', null, null, null],
    });
  });
});

/** A dispute over an item the catalog does not share (个人病史) of an entry. */
const notSharedItemDispute = (entryId: string) => ({
  entryId,
  items: ['个人病史'],
  purpose: 'data_verification',
  legalDuty: '资格审核',
  methods: ['interface'],
  validUntil: '2027-12-31',
  reason: '确需',
});

const demandBody = (provider: string, overrides: Record<string, unknown> = {}) => ({
  providerDepartmentId: provider,
  title: '流动人口居住登记',
  description: '目录未列出，用于社保待遇资格认证',
  items: ['公民身份号码', '参保状态'],
  purpose: 'data_verification',
  legalDuty: '社会保险待遇资格认证',
  methods: ['interface'],
  validUntil: '2027-12-31',
  ...overrides,
});

describe.each(DIALECTS)(
  'Guangzhou: no negotiation; the government decides out-of-catalog data, 5 WD to supply, on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'guangzhou');

    it('R34 R39 R40 the authority records the government decision with its number; supply is due 5 WD later; the sweep flags it; a late supply is recorded late', async () => {
      const entry = await w.publish(threeItemContent());
      const dispute = await w.hrss.request('POST', `${API}/disputes`, notSharedItemDispute(entry));
      expect(code(dispute)).toBe('409 DISPUTE_STEP_NOT_IN_PROFILE');
      expect(dispute.body.error.message).toContain('Art.32');

      const m = (await w.hrss.request('POST', `${API}/demands`, demandBody(w.departments.police))).body;
      expect(m).toMatchObject({ decider: 'government', status: 'pending', deadline: null });
      expect(m.deadlineNote).toContain('提请同级人民政府做出决定');
      const noRef = await w.authority.request('POST', `${API}/demands/${m.id}/decide`, {
        share: true,
        reason: '政府决定共享',
      });
      expect(code(noRef)).toBe('422 DEMAND_REFERENCE_REQUIRED');
      // Decided on 2026-09-30, the last working day before National Day: 5 WD run to 2026-10-13.
      const decided = await w.authority.request('POST', `${API}/demands/${m.id}/decide`, {
        share: true,
        reason: '市政府决定由公安局共享',
        reference: '穗府函〔2026〕88号',
      });
      expect(decided.body).toMatchObject({
        status: 'awaiting_supply',
        decisionReference: '穗府函〔2026〕88号',
      });
      expect(decided.body.deadline).toMatchObject({ dueDate: '2026-10-13', workingDaysLeft: 5 });
      expect(decided.body.deadline.article).toContain('Art.19');
      const sweep = (iso: string) =>
        w.platform.services.sharing.disputes.disputeScheduler.sweep(new Date(iso));
      expect(await sweep('2026-10-09T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
      expect(await sweep('2026-10-12T01:00:00Z')).toEqual({ dueSoon: 1, overdue: 0 });
      expect(await sweep('2026-10-14T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 1 });
      expect(await sweep('2026-10-15T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
      const told = (await w.authority.request('GET', `${API}/notices?pageSize=200`)).body.items.filter(
        (n: { case: { id: string } | null }) => n.case?.id === m.id,
      );
      expect(told.map((n: { kind: string }) => n.kind).sort()).toEqual(['demand.overdue', 'demand.received']);

      w.clock.set('2026-10-15T02:00:00Z');
      const supplied = await w.police.request('POST', `${API}/demands/${m.id}/supply`, {
        entryId: entry,
        items: ['公民身份号码', '参保状态'],
      });
      expect(supplied.status, JSON.stringify(supplied.body)).toBe(200);
      expect(supplied.body).toMatchObject({ status: 'supplied', suppliedLate: true, overdue: true });
      expect(supplied.body.timeline.at(-1)).toMatchObject({ action: 'supply', detail: { late: true } });
      const overdue = await w.authority.request('GET', `${API}/demands?as=all&overdue=true`);
      expect(overdue.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    });
  },
);

describe.each(DIALECTS)(
  'Neixiang: objections go straight to coordination; the provider answers out-of-catalog demands in 7 WD, on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'neixiang');

    it('R38 a not-shared item goes to coordination without a deadline, showing the profile text', async () => {
      const entry = await w.publish(threeItemContent());
      const res = await w.hrss.request('POST', `${API}/disputes`, notSharedItemDispute(entry));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ status: 'coordinating', deadline: null });
      expect(res.body.deadlineNote).toContain('未规定期限');
      expect(res.body.timeline[0]).toMatchObject({ action: 'request_coordination' });
      expect(code(await w.police.request('POST', `${API}/disputes/${res.body.id}/agree`, {}))).toBe(
        '409 DISPUTE_INVALID_STATE',
      );
      const decided = await w.authority.request('POST', `${API}/disputes/${res.body.id}/decide`, {
        share: true,
        decision: '协调决定共享',
      });
      expect(decided.body).toMatchObject({ status: 'granted', decidedItems: ['个人病史'] });
    });

    it('R31 R32 R34 the provider answers a demand within 7 WD (Art.16(2)); the authority cannot answer for it', async () => {
      const m = (await w.hrss.request('POST', `${API}/demands`, demandBody(w.departments.police))).body;
      expect(m).toMatchObject({ decider: 'provider', status: 'pending' });
      expect(m.deadline.article).toContain('Art.16(2)');
      expect(m.deadline.workingDaysLeft).toBe(7);
      expect(
        code(
          await w.authority.request('POST', `${API}/demands/${m.id}/decide`, { share: true, reason: '同意' }),
        ),
      ).toBe('403 FORBIDDEN');
      expect((await w.police.request('GET', `${API}/demands/${m.id}`)).body.allowedActions).toEqual([
        'decide',
      ]);
      const answered = await w.police.request('POST', `${API}/demands/${m.id}/decide`, {
        share: false,
        reason: '数据尚未采集',
      });
      expect(answered.body).toMatchObject({ status: 'refused', decisionReason: '数据尚未采集' });
      const again = await w.police.request('POST', `${API}/demands/${m.id}/decide`, {
        share: true,
        reason: '改为同意',
      });
      expect(code(again)).toBe('409 DEMAND_INVALID_STATE');
      // Reading: the parties and the authority; the auditor reads; an outside department does not.
      expect((await w.auditadmin.request('GET', `${API}/demands/${m.id}`)).status).toBe(200);
      expect(code(await w.countyAdmin.request('GET', `${API}/demands/${m.id}`))).toBe('404 DEMAND_NOT_FOUND');
      const app = (
        await w.hrss.request(
          'POST',
          `${API}/applications`,
          applicationBody(await w.publish(threeItemContent())),
        )
      ).body;
      expect(app.path).toBe('direct');
    });
  },
);
