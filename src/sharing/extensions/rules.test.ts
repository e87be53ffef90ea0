import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';
import {
  caseDepsUnder,
  contextOf,
  recordRulesUnder,
  switchedProfile,
} from '../test-support/profile-switch.js';
import { ExtensionService } from './service.js';

const EXTENSIONS = `${API}/extensions`;

/**
 * Issue 13: a case keeps the rules in force when it was opened. The platform runs under profile A
 * (national: an extension of at most 10 working days, 第二十一条); "switching" builds the
 * extension service again on the same database under profile B (at most 5), as a restart after
 * `govshare profile set` does: services read the profile once, when they are built.
 */
describe.each(DIALECTS)(
  'a reply extension keeps the rules it was opened under (issue 13) on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'national', '2026-09-16T02:00:00Z');
    let entry: string;
    let underB: ExtensionService;
    let profileB: Profile;

    beforeAll(async () => {
      entry = await w.publish(threeItemContent());
      profileB = switchedProfile(w, (b) => {
        const extension = b.deadlines.replyExtension;
        if (!extension) throw new Error('the national profile sets replyExtension');
        b.deadlines.replyExtension = {
          ...extension,
          value: 5,
          text: `${extension.text}（本地配置：5个工作日）`,
        };
      });
      underB = new ExtensionService({
        ...caseDepsUnder(w, profileB),
        deadlines: w.platform.services.deadlines,
      });
    });

    const apply = async () => {
      const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; number: string; deadline: { dueDate: string } };
    };

    it('a case opened under A is approved under A’s period after the switch; one opened after the switch runs under B', async () => {
      const app = await apply();
      const asked = await w.police.request('POST', EXTENSIONS, {
        applicationId: app.id,
        reason: '需调取历史档案核对',
        workingDays: 8,
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const governedByA = asked.body.rules;
      expect(governedByA).toMatchObject({
        id: 'national',
        name: { zh: '全国（政务数据共享条例）' },
        current: true,
        recordedAt: expect.any(String),
      });

      // The switch: B allows at most 5 working days. The open case keeps A's 10.
      const authority = await contextOf(w, 'city.authority');
      const approved = await underB.approve(authority, asked.body.id, undefined);
      expect(approved).toMatchObject({
        status: 'approved',
        workingDays: 8,
        dueDateAfter: expect.any(String),
      });
      expect(approved.rules).toMatchObject({ digest: governedByA.digest, current: false });
      const after = (await w.hrss.request('GET', `${API}/applications/${app.id}`)).body;
      expect(after.deadline.dueDate).toBe(approved.dueDateAfter);

      // A case opened after the switch runs under B: 8 working days is more than B allows.
      const police = await contextOf(w, 'police.admin');
      const second = await apply();
      // The platform under test runs A; the second application stands for one opened under B.
      await recordRulesUnder(w, profileB, 'application', second.id);
      const request = (workingDays: number) =>
        underB.request(police, { applicationId: second.id, reason: '需调取历史档案核对', workingDays });
      await expect(request(8)).rejects.toMatchObject({ code: 'EXTENSION_TOO_LONG', params: { max: 5 } });
      const underBRules = await request(5);
      expect(underBRules.rules).toMatchObject({ id: 'national', current: true });
      expect(underBRules.rules?.digest).not.toBe(governedByA.digest);
      // The platform (still running A) says which profile governs it: not the one it runs under.
      const read = await w.authority.request('GET', `${EXTENSIONS}/${underBRules.id}`);
      expect(read.status).toBe(200);
      expect(read.body.rules).toMatchObject({ digest: underBRules.rules?.digest, current: false });

      // Each distinct effective profile is stored once.
      const versions = await w.platform.storage.db
        .selectFrom('profile_version')
        .select(['digest', 'profile_id'])
        .execute();
      expect(versions.map((v) => v.digest).sort()).toEqual(
        [governedByA.digest, underBRules.rules?.digest].sort(),
      );
    });

    it('an extension of an application keeps the rules the application was opened under', async () => {
      // The application's submission records its rules in its transaction, under A.
      const app = await apply();
      const police = await contextOf(w, 'police.admin');
      // Under B, but the application was opened under A: up to 10 working days.
      const ext = await underB.request(police, {
        applicationId: app.id,
        reason: '需调取历史档案核对',
        workingDays: 8,
      });
      expect(ext.workingDays).toBe(8);
      expect(ext.article).toContain('第二十一条');
      expect(ext.rules).toMatchObject({ current: false });
      const applicationRules = await w.platform.services.sharing.cases.rulesOf('application', app.id);
      expect(applicationRules?.deadlines.replyExtension?.value).toBe(10);
    });
  },
);
