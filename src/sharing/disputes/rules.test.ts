import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { Profile, ProfilePeriod } from '../../platform/profiles/index.js';
import { API, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';
import { contextOf, disputeDepsUnder, switchedProfile } from '../test-support/profile-switch.js';
import { DemandService } from './demands.js';
import { DisputeService } from './disputes.js';

/** A profile text as a case without a fixed period shows it: the text, then its article. */
const cite = (p: Pick<ProfilePeriod, 'text' | 'article'>) =>
  p.article ? `${p.text}（${p.article}）` : p.text;

/**
 * Issue 13: a case keeps the rules in force when it was opened, the texts it shows for a stage
 * without a fixed period as well. The platform runs under profile A (national: negotiation,
 * coordination and the decision on an out-of-catalog demand have no fixed period, so each shows
 * its text); "switching" builds the dispute and demand services again on the same database under
 * profile B, whose texts differ, as a restart after `govshare profile set` does.
 */
describe.each(DIALECTS)(
  'dispute and demand stage texts keep the rules they were opened under (issue 13) on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'national', '2026-09-16T02:00:00Z');
    let entry: string;
    let profileA: Profile;
    let profileB: Profile;
    let disputesB: DisputeService;
    let demandsB: DemandService;

    beforeAll(async () => {
      entry = await w.publish(threeItemContent());
      profileA = w.platform.profile;
      profileB = switchedProfile(w, (b) => {
        const { negotiation, coordination } = b.deadlines;
        b.deadlines.negotiation = { ...negotiation, text: `${negotiation.text}（本地配置：协商）` };
        b.deadlines.coordination = { ...coordination, text: `${coordination.text}（本地配置：协调）` };
        const rule = b.workflow.outOfCatalog;
        b.workflow.outOfCatalog = { ...rule, text: `${rule.text}（本地配置：目录外需求）` };
      });
      const deps = disputeDepsUnder(w, profileB);
      disputesB = new DisputeService(deps);
      demandsB = new DemandService(deps);
    });

    const need = {
      items: ['个人病史'],
      purpose: 'data_verification' as const,
      legalDuty: '社会救助对象资格审核',
      methods: ['interface' as const],
      validUntil: '2027-12-31',
      reason: '资格审核确需核验病史',
    };

    it('a dispute filed under A shows A’s negotiation and coordination texts after the switch; one filed under B, B’s', async () => {
      const filed = await w.hrss.request('POST', `${API}/disputes`, { entryId: entry, ...need });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = filed.body.id as string;
      expect(filed.body).toMatchObject({ status: 'negotiating', deadline: null });
      expect(filed.body.deadlineNote).toBe(cite(profileA.deadlines.negotiation));

      const hrss = await contextOf(w, 'hrss.admin');
      const read = await disputesB.get(hrss.actor, id);
      expect(read.deadlineNote).toBe(cite(profileA.deadlines.negotiation));
      expect(read.deadlineNote).not.toContain('本地配置');

      const failed = await w.police.request('POST', `${API}/disputes/${id}/fail`, { reason: '涉及个人病史' });
      expect(failed.status, JSON.stringify(failed.body)).toBe(200);
      const coordinating = await disputesB.steps.escalate(hrss, id, '请主管部门协调');
      expect(coordinating).toMatchObject({ status: 'coordinating', deadline: null });
      expect(coordinating.deadlineNote).toBe(cite(profileA.deadlines.coordination));
      const listed = await disputesB.list(hrss.actor, { as: 'consumer', page: 1, pageSize: 50 });
      expect(listed.items.find((d) => d.id === id)?.deadlineNote).toBe(cite(profileA.deadlines.coordination));

      // Filed after the switch: B's texts.
      const underB = await disputesB.open(hrss, { entryId: await w.publish(threeItemContent()), ...need });
      expect(underB.deadlineNote).toBe(cite(profileB.deadlines.negotiation));
      expect(underB.deadlineNote).toContain('本地配置：协商');
      // The platform (still running A) shows the text of the rules the case was filed under.
      const onA = await w.hrss.request('GET', `${API}/disputes/${underB.id}`);
      expect(onA.body.deadlineNote).toBe(cite(profileB.deadlines.negotiation));
    });

    it('an out-of-catalog demand submitted under A shows A’s decision text after the switch; one submitted under B, B’s', async () => {
      const body = {
        providerDepartmentId: w.departments.police,
        title: '出入境记录',
        description: '核验救助对象是否长期出境',
        items: ['公民身份号码', '出入境状态'],
        purpose: 'data_verification' as const,
        legalDuty: '社会救助对象资格审核',
        methods: ['interface' as const],
        validUntil: '2027-12-31',
      };
      const submitted = await w.hrss.request('POST', `${API}/demands`, body);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      const ruleA = profileA.workflow.outOfCatalog;
      expect(submitted.body).toMatchObject({ status: 'pending', decider: 'authority', deadline: null });
      expect(submitted.body.deadlineNote).toBe(cite(ruleA));

      const hrss = await contextOf(w, 'hrss.admin');
      const read = await demandsB.get(hrss.actor, submitted.body.id);
      expect(read.deadlineNote).toBe(cite(ruleA));
      expect(read.deadlineNote).not.toContain('本地配置');

      const underB = await demandsB.open(hrss, body);
      expect(underB.deadlineNote).toBe(cite(profileB.workflow.outOfCatalog));
      expect(underB.deadlineNote).toContain('本地配置：目录外需求');
      const onA = await w.hrss.request('GET', `${API}/demands/${underB.id}`);
      expect(onA.body.deadlineNote).toBe(cite(profileB.workflow.outOfCatalog));
    });
  },
);
