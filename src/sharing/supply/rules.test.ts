import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { GrantService } from '../grants.js';
import type { GrantOrigin } from '../model.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';
import { caseDepsUnder, recordRulesUnder, switchedProfile } from '../test-support/profile-switch.js';
import { SupplyService } from './service.js';

type Supply = { dueDate: string; article: string; workingDaysLeft: number };

/**
 * Issue 13 and N12 (809 第二十二条第一款): the supply period of a grant is that of the rules the
 * case that agreed was opened under. The platform runs under profile A (national: 20 working
 * days); "switching" builds the grant and supply services again on the same database under
 * profile B (5 working days), as a restart after `govshare profile set` does.
 */
describe.each(DIALECTS)(
  'N12 a grant’s supply period keeps the rules of its case (issue 13) on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'national', '2026-11-16T02:00:00Z');
    let entry: { id: string; code: string; name: string };
    let profileB: Profile;
    let grantsB: GrantService;

    beforeAll(async () => {
      const id = await w.publish(threeItemContent());
      const published = (await w.police.request('GET', `/api/v1/catalog/entries/${id}`)).body;
      entry = { id, code: published.code, name: published.content.name };
      profileB = switchedProfile(w, (b) => {
        const supply = b.deadlines.supply;
        if (!supply) throw new Error('the national profile sets a supply period');
        b.deadlines.supply = { ...supply, value: 5, text: `${supply.text}（本地配置：5个工作日）` };
      });
      const services = w.platform.services;
      const supplyB = new SupplyService({
        ...caseDepsUnder(w, profileB),
        calendar: services.calendar,
        deadlines: services.deadlines,
        escalation: services.sharing.escalation,
      });
      grantsB = new GrantService({
        ...caseDepsUnder(w, profileB),
        departments: (executor, departmentId) => services.departments.lookup(departmentId, executor),
        supply: supplyB,
      });
    });

    /** An application of 人社, pending with 公安; answers its id. */
    const apply = async () => {
      const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry.id));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    /**
     * Records the rules a case was opened under, as its opening transaction does (under A: the
     * platform's kernel; under B: a kernel built with B), unless its opening recorded them already (under A).
     */
    const opened = async (type: string, id: string, under: 'A' | 'B') => {
      // Submitted on the platform (running A), it stands for a case opened under B.
      if (under === 'B') return recordRulesUnder(w, profileB, type, id);
      const db = w.platform.storage.db;
      const stored = await db
        .selectFrom('case_rules')
        .select('digest')
        .where('case_type', '=', type)
        .where('case_id', '=', id)
        .executeTakeFirst();
      if (!stored)
        await db.transaction().execute((trx) => w.platform.services.sharing.cases.recordRules(trx, type, id));
    };
    /** A grant agreed now, made by the services running under B. */
    const grantUnderB = (origin: GrantOrigin, originId: string) =>
      w.platform.storage.db.transaction().execute((trx) =>
        grantsB.create(
          trx,
          {
            consumer: { departmentId: w.departments.hrss, jurisdictionPath: w.city.path },
            provider: { departmentId: w.departments.police, jurisdictionPath: w.city.path },
            entry,
            items: ['公民身份号码', '参保状态'],
            purpose: 'data_verification',
            methods: ['interface'],
            validFrom: '2026-11-16',
            validUntil: '2027-12-31',
            origin,
            originId,
          },
          { id: null, name: 'test' },
        ),
      );
    const supplyOf = async (grantId: string) => {
      const res = await w.hrss.request('GET', `${API}/grants/${grantId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.supply as Supply;
    };

    it('N12 an application opened under A is supplied within A’s 20 working days after the switch; one opened after it, within B’s 5', async () => {
      const underA = await apply();
      await opened('application', underA, 'A');
      const a = await supplyOf(await grantUnderB('application', underA));
      expect(a.workingDaysLeft).toBe(20);
      expect(a.article).toContain('第二十二条');
      expect(a.article).not.toContain('本地配置');

      const underB = await apply();
      await opened('application', underB, 'B');
      const b = await supplyOf(await grantUnderB('application', underB));
      expect(b.workingDaysLeft).toBe(5);
      expect(b.article).toContain('本地配置：5个工作日');
      expect(b.dueDate < a.dueDate).toBe(true);

      // An unconditional grant keeps the rules of its application too.
      const unconditional = await supplyOf(await grantUnderB('unconditional', underA));
      expect(unconditional.dueDate).toBe(a.dueDate);
    });

    it('N12 a decision’s grant keeps the rules of its dispute or demand; an agreement’s, of the agreement', async () => {
      // A dispute filed on the platform (under A) records its rules when it is filed.
      const refusedId = await apply();
      const refused = await w.police.request('POST', `${API}/applications/${refusedId}/refuse`, {
        reason: '涉及个人隐私',
      });
      expect(refused.body.status, JSON.stringify(refused.body)).toBe('refused');
      const dispute = await w.hrss.request('POST', `${API}/disputes`, {
        applicationId: refusedId,
        reason: '社会救助资格审核确需核验参保状态',
      });
      expect(dispute.status, JSON.stringify(dispute.body)).toBe(201);
      const recorded = await w.platform.storage.db
        .selectFrom('case_rules')
        .select('case_type')
        .where('case_id', '=', dispute.body.id)
        .execute();
      expect(recorded).toEqual([{ case_type: 'dispute' }]);
      expect((await supplyOf(await grantUnderB('decision', dispute.body.id))).workingDaysLeft).toBe(20);

      // A demand decided after the switch and opened under B (no dispute bears its id): B's period.
      const demandId = `demand-${dialect}`;
      await opened('demand', demandId, 'B');
      expect((await supplyOf(await grantUnderB('decision', demandId))).workingDaysLeft).toBe(5);

      const agreementId = `agreement-${dialect}`;
      await opened('agreement', agreementId, 'A');
      expect((await supplyOf(await grantUnderB('agreement', agreementId))).workingDaysLeft).toBe(20);
    });
  },
);
