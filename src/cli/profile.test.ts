import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InstancePlace, instancePlace, runCli } from '../app/backup/test-support/index.js';
import { createPlatform, type Platform } from '../app/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { loadEffectiveProfile } from '../platform/profiles/index.js';
import { profileLines } from './server.js';

// `govshare profile show|set` and the start-time refusal of a changed GOVSHARE_PROFILE (issue 13).
describe.each(DIALECTS)(
  'govshare profile on %s (R123, R133)',
  (dialect) => {
    let place: InstancePlace;
    beforeAll(async () => {
      place = instancePlace(dialect);
      const storage = await place.openStorage();
      const platform = await place.start(storage); // first start: national
      expect(platform.profileId).toBe('national');
      await platform.close();
      await storage.close();
    });
    afterAll(() => place.dispose());

    it('shows the effective values, their articles and sources in Chinese', async () => {
      const res = await runCli(['profile', 'show', '--effective', '--profile', 'inner-mongolia'], place.env);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain('生效规则：本地配置叠加政务数据共享条例（国务院令第809号）');
      expect(res.stdout).toMatch(
        /同意共享后提供数据的期限：20 个工作日（政务数据共享条例第二十二条；来源：国家规定/,
      );
      expect(res.stdout).toContain('本地规定较宽，适用国家规定（本地：15 个工作日，Art.9）');
      expect(res.stdout).toContain('【被国家规定取代的本地规定】');
      expect(res.stdout).not.toMatch(/provider_reply|not_specified|working_days/);
      // Transcribed provisions nothing reads yet are listed apart, each with the issue it waits for.
      const pending = res.stdout.slice(res.stdout.indexOf('【已录入但平台尚未实施的规定】'));
      expect(pending).toContain('仅供查阅，不是配置项');
      // Issue 17 put evaluations and department reports in force: nothing waits for it any more.
      expect(pending).not.toContain('部门报告');
      expect(pending).not.toContain('第 17 号');
      expect(pending).toMatch(/平台层级：本级建设管理政务数据平台（.*）— 待第 18 号开发任务/);
      // Issue 16 put the correction periods in force: they are configured values now, not pending.
      expect(pending).not.toContain('校核处理期限');
      // …and not among the configured values above them.
      const configured = res.stdout.slice(0, res.stdout.indexOf('【已录入但平台尚未实施的规定】'));
      expect(configured).toMatch(/校核处理期限：10 个工作日（Art\.21；来源：本地规定/);
      // Issue 17 put the department reports in force (the evaluation section), with their article.
      expect(configured).toMatch(
        /部门报告的周期与截止日期：每半年；.*年度报告次年 01-31 前.*（Art\.32；来源：本地规定/,
      );
      expect(configured).not.toContain('平台层级');
    });

    it('shows the instance’s own profile, and JSON on request', async () => {
      const res = await runCli(['profile', 'show', '--effective', '--json'], place.env);
      expect(res.code, res.stderr).toBe(0);
      const json = JSON.parse(res.stdout);
      expect(json.id).toBe('national');
      expect(json.deadlines.replyUnconditional).toMatchObject({
        value: 1,
        article: '第二十一条',
        source: 'national',
      });
    });

    it('refuses a changed GOVSHARE_PROFILE at start, naming govshare profile set', async () => {
      const storage = await place.openStorage();
      try {
        await expect(
          createPlatform(
            { ...place.config, profile: 'feicheng', profileRequested: true },
            { storage, jobs: false },
          ),
        ).rejects.toMatchObject({ code: 'PROFILE_SELECTION_CHANGED' });
      } finally {
        await storage.close();
      }
      const res = await runCli(['calendar', 'years'], { ...place.env, GOVSHARE_PROFILE: 'feicheng' });
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain('PROFILE_SELECTION_CHANGED');
      expect(res.stderr).toContain('govshare profile set feicheng --reason');
      expect(res.stderr).toContain('GOVSHARE_PROFILE');
    });

    it('changes the profile only by an explicit, audited setting with a reason', async () => {
      const noReason = await runCli(['profile', 'set', 'feicheng'], place.env);
      expect(noReason.code).not.toBe(0);
      const same = await runCli(['profile', 'set', 'national', '--reason', '无变化'], place.env);
      expect(same.stderr).toContain('PROFILE_UNCHANGED');
      const res = await runCli(['profile', 'set', 'feicheng', '--reason', '肥城市实例迁移'], place.env);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain('已将政策配置由 national 改为 feicheng');
      expect(res.stdout).toContain('已于 2020-04-30 期满失效');

      const storage = await place.openStorage();
      try {
        const platform = await createPlatform(
          { ...place.config, profile: 'feicheng', profileRequested: true },
          { storage, jobs: false },
        );
        expect(platform.profileId).toBe('feicheng');
        expect(platform.profile.effective).toMatchObject({ local: 'feicheng', national: 'national' });
        const entry = await storage.db
          .selectFrom('audit_entry')
          .selectAll()
          .where('action', '=', 'platform.profile.set')
          .executeTakeFirst();
        expect(entry).toBeDefined();
        expect(JSON.stringify(entry)).toContain('肥城市实例迁移');
        await platform.close();
      } finally {
        await storage.close();
      }
    });
  },
  300_000,
);

describe('start banner (R133)', () => {
  it('reports an expired profile in the banner and the log, and the overrides count', () => {
    const warnings: unknown[] = [];
    const http = { log: { warn: (obj: unknown) => warnings.push(obj) } } as unknown as Platform['http'];
    const lines = profileLines(
      { profile: loadEffectiveProfile('feicheng'), http },
      new Date('2026-12-06T02:00:00Z'),
    );
    expect(lines.join('\n')).toContain('已于 2020-04-30 期满失效');
    expect(lines.join('\n')).toContain('expired on 2020-04-30');
    expect(lines.join('\n')).toMatch(/\d+ 项本地规定由国家规定取代/);
    expect(warnings).toEqual([{ profile: 'feicheng', until: '2020-04-30' }]);
    const current = profileLines(
      { profile: loadEffectiveProfile('national'), http },
      new Date('2026-12-06T02:00:00Z'),
    );
    expect(current).toEqual([]);
  });
});
