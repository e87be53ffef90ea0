import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  sharingWorldForSuite,
  threeItemContent,
  userId,
} from '../test-support/index.js';
import { contextOf, disputeDepsUnder, switchedProfile } from '../test-support/profile-switch.js';
import { DisputeService } from './disputes.js';

type Event = { action: string; detail: Record<string, unknown> };
type Notice = { kind: string; title: { zh: string }; body: { zh: string }; case: { id: string } | null };

/**
 * Issue 13, N19 (809 第二十八条) and R128 under Inner Mongolia's profile (coordination within 30
 * working days, Art.19). A dispute keeps the rules it was filed under: its coordination period is
 * theirs, whatever the platform runs under when it is escalated ("switching" builds the dispute
 * service again on the same database under profile B, 5 working days). When coordination passes
 * its date, the overdue party is the competent authority over both parties: the sweep escalates
 * to the head of that authority's department, once.
 */
describe.each(DIALECTS)(
  'N19 R128 coordination keeps its rules and escalates to the authority’s head on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'inner-mongolia', '2026-11-16T02:00:00Z');
    let underB: DisputeService;
    let authorityId: string;

    beforeAll(async () => {
      const profileB = switchedProfile(w, (b) => {
        const coordination = b.deadlines.coordination;
        b.deadlines.coordination = {
          ...coordination,
          value: 5,
          qualifier: 'fixed',
          text: `${coordination.text}（本地配置：5个工作日）`,
        };
      });
      underB = new DisputeService(disputeDepsUnder(w, profileB));
      authorityId = await userId(w, 'city.authority');
      const office = await w.sysadmin.request('PUT', `/api/v1/departments/${w.cityDepartmentId}/office`, {
        officeName: '示范市政务数据共享办公室',
        officePhone: '0471-7654321',
        officeEmail: 'share@data.example.gov.cn',
        headUserId: authorityId,
        headTitle: '主任',
        officerUserId: authorityId,
      });
      expect(office.status, JSON.stringify(office.body)).toBe(200);
    });

    /** A refused application of 人社 on a new entry of 公安; answers its id. */
    const refused = async () => {
      const entry = await w.publish(threeItemContent());
      const app = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
      expect(app.status, JSON.stringify(app.body)).toBe(201);
      const res = await w.police.request('POST', `${API}/applications/${app.body.id}/refuse`, {
        reason: '涉及个人隐私',
      });
      expect(res.body.status, JSON.stringify(res.body)).toBe('refused');
      return app.body.id as string;
    };
    const failed = async (disputeId: string) => {
      const res = await w.police.request('POST', `${API}/disputes/${disputeId}/fail`, {
        reason: '无法就使用范围达成一致',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const timeline = async (id: string) =>
      (await w.authority.request('GET', `${API}/disputes/${id}`)).body.timeline as Event[];

    it('N19 a dispute filed under A is coordinated within A’s 30 working days after the switch; one filed after it, within B’s 5; overdue coordination reaches the authority’s head once (R128)', async () => {
      const hrss = await contextOf(w, 'hrss.admin');
      // Filed on the platform (A): the dispute records its rules when it is filed.
      const filed = await w.hrss.request('POST', `${API}/disputes`, {
        applicationId: await refused(),
        reason: '社会救助资格审核确需核验参保状态',
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      await failed(filed.body.id);
      const underA = await underB.steps.escalate(hrss, filed.body.id, '请主管部门协调');
      expect(underA).toMatchObject({ status: 'coordinating' });
      expect(underA.deadline?.workingDaysLeft).toBe(30);
      expect(underA.deadline?.article).not.toContain('本地配置');

      // Filed after the switch (under B): B's 5 working days.
      const second = await underB.open(hrss, {
        applicationId: await refused(),
        reason: '资格审核确需核验参保状态',
      });
      await failed(second.id);
      const coordinating = await underB.steps.escalate(hrss, second.id, '请主管部门协调');
      expect(coordinating.deadline).toMatchObject({ dueDate: '2026-11-23', workingDaysLeft: 5 });
      expect(coordinating.deadline?.article).toContain('本地配置：5个工作日');

      // The authority lets the coordination pass its date: the sweep escalates it to the head of the
      // authority's department over both parties (the city's), once.
      const sweep = (iso: string) =>
        w.platform.services.sharing.disputes.disputeScheduler.sweep(new Date(iso));
      expect((await sweep('2026-11-24T02:00:00Z')).overdue).toBe(1);
      expect((await sweep('2026-11-24T03:00:00Z')).overdue).toBe(0);
      w.clock.set('2026-11-24T03:00:00Z');

      const inbox = (await w.authority.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[];
      const told = inbox.filter((n) => n.kind === 'overdue.escalated' && n.case?.id === second.id);
      expect(told).toHaveLength(1);
      expect(told[0]?.title.zh).toContain(second.number);
      expect(told[0]?.body.zh).toContain('2026-11-23');
      expect(told[0]?.body.zh).toContain('主任');
      const events = await timeline(second.id);
      expect(events.filter((e) => e.action === 'escalated')).toEqual([
        expect.objectContaining({
          detail: expect.objectContaining({
            departmentId: w.cityDepartmentId,
            reached: 'head',
            userId: authorityId,
          }),
        }),
      ]);
      // The provider is not the one that owes coordination: its head is not told.
      const police = (await w.police.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[];
      expect(police.filter((n) => n.kind === 'overdue.escalated' && n.case?.id === second.id)).toHaveLength(
        0,
      );
      // The dispute filed under A is still within its 30 working days.
      expect((await timeline(filed.body.id)).map((e) => e.action)).not.toContain('escalated');
    });
  },
);
