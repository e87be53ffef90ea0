import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../org/index.js';
import { CaseRules } from '../../platform/cases/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { SharingDb } from '../db.js';
import {
  API,
  applicationBody,
  type SharingWorld,
  startSharingWorld,
  threeItemContent,
} from '../test-support/index.js';
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
    let w: SharingWorld;
    let entry: string;
    let underB: ExtensionService;
    let profileB: Profile;

    beforeAll(async () => {
      w = await startSharingWorld(dialect, 'national', '2026-09-16T02:00:00Z');
      entry = await w.publish(threeItemContent());
      profileB = structuredClone(w.platform.profile);
      const extension = profileB.deadlines.replyExtension;
      if (!extension) throw new Error('the national profile sets replyExtension');
      profileB.deadlines.replyExtension = {
        ...extension,
        value: 5,
        text: `${extension.text}（本地配置：5个工作日）`,
      };
      underB = new ExtensionService({
        db: w.platform.storage.db as unknown as SharingDb,
        dialect,
        audit: w.platform.services.audit,
        clock: w.clock,
        profile: profileB,
        deadlines: w.platform.services.deadlines,
        notices: w.platform.services.sharing.notices,
      });
    }, 180_000);
    afterAll(async () => w?.close());

    const apply = async () => {
      const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; number: string; deadline: { dueDate: string } };
    };

    /** The request context of an account, as the platform's session would build it. */
    const contextOf = async (username: string): Promise<RequestContext> => {
      const db = w.platform.storage.db;
      const user = await db
        .selectFrom('app_user')
        .innerJoin('department', 'department.id', 'app_user.department_id')
        .innerJoin('jurisdiction', 'jurisdiction.id', 'department.jurisdiction_id')
        .select(['app_user.id', 'app_user.username', 'app_user.department_id', 'jurisdiction.path'])
        .where('app_user.username', '=', username)
        .executeTakeFirstOrThrow();
      const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', user.id).execute();
      return {
        actor: {
          kind: 'user',
          id: user.id,
          name: user.username,
          departmentId: user.department_id,
          jurisdictionPath: user.path,
          roles: roles.map((r) => r.role as Role),
        },
      };
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
      const authority = await contextOf('city.authority');
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
      const police = await contextOf('police.admin');
      const second = await apply();
      // The platform under test runs A; the second application stands for one opened under B.
      await w.platform.storage.db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('case_rules')
          .where('case_type', '=', 'application')
          .where('case_id', '=', second.id)
          .execute();
        await new CaseRules({ db: trx, clock: w.clock, current: profileB }).record(
          trx,
          'application',
          second.id,
        );
      });
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
      const police = await contextOf('police.admin');
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
