import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment, createUser, PASSWORD, USCCS } from '../../src/org/test-support/index.ts';
import { tablesOf } from '../../src/platform/db/index.ts';
import type { SupervisionTables } from '../../src/supervision/indicators/schema.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { choose } from './support/antd.ts';
import {
  BROWSER_DIALECTS,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/** The authority over the city evaluates; 公安's resource administrator reports. */
const AUTHORITY = { username: 'zg.kaohe', password: PASSWORD };
const POLICE = { username: 'ga.baosong', password: PASSWORD };
const SUGGESTION = '答复及时率偏低，请于下半年建立申请答复台账，确保在十个工作日内答复。';

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'R111 R112 R115 R116 evaluations, department reports and compliance reports in the portal on %s (issue 17)',
  (dialect) => {
    let server: TestPlatform;
    let browser: Browser;
    let authority: BrowserContext;
    let police: BrowserContext;
    let policeId: string;
    let evaluationUrl = '';

    beforeAll(async () => {
      server = await startTestPlatform({
        dialect,
        listen: true,
        config: { profile: 'inner-mongolia', session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      browser = await launchBrowser();
      const { platform } = server;
      const city = await platform.storage.db
        .selectFrom('jurisdiction')
        .select(['id', 'path'])
        .where('code', '=', '990100')
        .executeTakeFirstOrThrow();
      policeId = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
      const hrss = await createDepartment(platform, '示范市人力资源和社会保障局', USCCS[2], city.id);
      const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
      await createUser(platform, AUTHORITY.username, bureau, ['authority']);
      await createUser(platform, POLICE.username, policeId, ['resource_admin']);
      // Stored daily indicators of the first half of 2026: 公安 answers 3 of 5 in time, 人社 all.
      const row = (department: string, day: string, indicator: string, n: number, d: number) => ({
        day,
        subject_kind: 'department' as const,
        subject_id: department,
        subject_name: department,
        department_id: department,
        jurisdiction_id: city.id,
        jurisdiction_path: city.path,
        indicator,
        value: n / d,
        numerator: n,
        denominator: d,
        computed_at: '2026-07-01T00:00:00Z',
      });
      await tablesOf<SupervisionTables>(platform.storage.db)
        .insertInto('supervision_indicator_day')
        .values([
          row(policeId, '2026-03-02', 'reply_timeliness', 3, 5),
          row(policeId, '2026-03-02', 'catalog_coverage', 4, 5),
          row(hrss, '2026-03-02', 'reply_timeliness', 4, 4),
          row(hrss, '2026-03-02', 'catalog_coverage', 2, 2),
        ])
        .execute();
      authority = await newContext(browser, server.url);
      await signInThroughApi(authority, AUTHORITY);
      police = await newContext(browser, server.url);
      await signInThroughApi(police, POLICE);
      // Two cores shared with other suites: a step may take longer than the usual 15 s here.
      for (const context of [authority, police]) context.setDefaultTimeout(30_000);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('R111 the authority runs an evaluation, edits a suggestion, reviews and publishes it; the ranking is drawn', async () => {
      const page = await authority.newPage();
      const shot = screenshots(page, `evaluations-${dialect}`);
      await page.goto('/supervision/evaluations');
      await page.getByTestId('evaluation-run').click();
      await dialogSettled(page);
      await choose(page, 'evaluation-period', '2026 年上半年');
      await page.getByTestId('evaluation-run-ok').click();
      await page.getByTestId('evaluation-lines').waitFor();
      evaluationUrl = new URL(page.url()).pathname;
      expect(await page.getByTestId('evaluation-state').textContent()).toBe('草稿');
      // 人社 100, 公安 (80 % coverage, 60 % replies) second.
      const rows = page.getByTestId('evaluation-lines').locator('tbody tr.ant-table-row');
      expect(await rows.first().textContent()).toContain('示范市人力资源和社会保障局');
      expect(await rows.nth(1).textContent()).toContain('示范市公安局');
      // The chart is drawn: a canvas with painted pixels.
      const canvas = page.getByTestId('evaluation-chart').locator('canvas').first();
      await canvas.waitFor();
      await expect
        .poll(() =>
          canvas.evaluate((c: HTMLCanvasElement) => {
            const ctx = c.getContext('2d');
            if (!ctx) return 0;
            const data = ctx.getImageData(0, 0, c.width, c.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
            return painted;
          }),
        )
        .toBeGreaterThan(100);
      const drafted = page.getByTestId('evaluation-suggestions');
      expect(await drafted.textContent()).toContain('共享申请按时答复率 60%');
      await shot('draft');

      await page.getByTestId(`suggestion-edit-${policeId}`).click();
      await dialogSettled(page);
      await page.getByTestId('suggestion-text').fill(SUGGESTION);
      await page.getByTestId('suggestion-save').click();
      await expect.poll(() => drafted.textContent()).toContain(SUGGESTION);

      await page.getByTestId('evaluation-review').click();
      await expect.poll(() => page.getByTestId('evaluation-state').textContent()).toBe('已审核');
      await page.getByTestId('evaluation-publish').click();
      await page.getByTestId('evaluation-publish-ok').click();
      await expect.poll(() => page.getByTestId('evaluation-state').textContent()).toBe('已发布');
      expect(await page.getByTestId('evaluation-digest').textContent()).toMatch(/^[0-9a-f]{64}$/);
      await page.getByRole('button', { name: '校验摘要值' }).click();
      await expect.poll(() => page.getByTestId('evaluation-verified').textContent()).toContain('校验通过');
      await shot('published');
      await page.close();
    }, 120_000);

    it('R111 the printable A4 page renders without the menus and prints to PDF pages with the chart', async () => {
      const page = await authority.newPage();
      const shot = screenshots(page, `evaluations-${dialect}`);
      await page.goto(`${evaluationUrl}/print`);
      const sheet = page.getByTestId('evaluation-sheet');
      await sheet.waitFor();
      expect(await sheet.textContent()).toContain(SUGGESTION);
      await sheet.locator('canvas').first().waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.gs-sider').first().isVisible()).toBe(false);
      expect(await page.getByTestId('evaluation-print').isVisible()).toBe(false);
      expect(await sheet.locator('canvas').first().isVisible()).toBe(true);
      await shot('print');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(1);
      await page.close();
    }, 90_000);

    it('R112 the authority opens the half-year reports; the department fills and submits its own', async () => {
      const page = await authority.newPage();
      screenshots(page, `evaluations-${dialect}-open`);
      await page.goto('/supervision/reports');
      await page.getByTestId('reports-open').click();
      await dialogSettled(page);
      await choose(page, 'reports-period', '2026 年上半年');
      await page.getByTestId('reports-open-ok').click();
      await page.getByTestId('reports-table').getByText('示范市公安局').waitFor();
      await page.close();

      const own = await police.newPage();
      const shot = screenshots(own, `evaluations-${dialect}`);
      await own.goto('/supervision/reports');
      const table = own.getByTestId('reports-table');
      await table.getByText('示范市公安局').click();
      await own.getByTestId('report-form').waitFor();
      // Pre-filled from the indicators: 3 of 5 in time.
      expect(await own.getByTestId('report-figures').textContent()).toContain('60.0%（3/5）');
      await own.getByTestId('report-work').fill('上半年完成目录编制 12 项，答复共享申请 5 件。');
      await own.getByTestId('report-problems').fill('2 件申请逾期答复。');
      await own.getByTestId('report-plans').fill('建立答复台账。');
      await shot('report-filled');
      await own.getByTestId('report-submit').click();
      await expect.poll(() => own.getByTestId('report-state').textContent()).toBe('已报送');
      expect(await own.getByTestId('report-sheet').textContent()).toContain('建立答复台账。');
      // The department reads the published internal evaluation: its own line only.
      await own.goto(evaluationUrl);
      await own.getByTestId('evaluation-lines').waitFor();
      const lines = await own.getByTestId('evaluation-lines').locator('tbody tr.ant-table-row').count();
      expect(lines).toBe(1);
      expect(await own.getByTestId('evaluation-suggestions').textContent()).toContain(SUGGESTION);
      await shot('report-submitted');
      await own.close();
    }, 90_000);

    it('R116 the department issues a compliance report for an IT project; the authority verifies it by number and digest', async () => {
      const own = await police.newPage();
      const shot = screenshots(own, `compliance-${dialect}`);
      await own.goto('/supervision/compliance');
      await own.getByTestId('compliance-issue').click();
      await own.locator('.ant-modal').last().waitFor();
      await dialogSettled(own);
      // antd's range picker: its two inputs, each typed and confirmed with Enter.
      const range = own.locator('.ant-modal .ant-picker-range');
      await range.locator('input').first().click();
      await range.locator('input').first().fill('2026-01-01');
      await range.locator('input').first().press('Enter');
      await range.locator('input').last().fill('2026-06-30');
      await range.locator('input').last().press('Enter');
      await own.getByTestId('compliance-project').fill('户籍管理系统升级改造项目');
      await shot('issue-form');
      await own.getByTestId('compliance-issue-ok').click();
      const sheet = own.getByTestId('compliance-sheet');
      await sheet.waitFor();
      const text = (await sheet.textContent()) ?? '';
      // The figures of the period from the stored indicators: 3 of 5 answered in time.
      expect(await own.getByTestId('compliance-figures').textContent()).toContain('60.0%（3/5）');
      expect(text).toContain('户籍管理系统升级改造项目');
      expect(text).toContain('2026-01-01 — 2026-06-30');
      // Inner Mongolia Art.33: the basis is quoted on the report.
      expect(text).toContain('不予审批建设项目');
      expect(await own.getByTestId('compliance-no-violations').textContent()).toBe('无未办结的违规事项');
      const number = (await sheet.locator('.gs-sheet-number').textContent()) ?? '';
      expect(number).toMatch(/^HG-\d{4}-\d{6}$/);
      const digest = (await own.getByTestId('compliance-digest').locator('code').textContent()) ?? '';
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      await shot('sheet');
      await own.setViewportSize({ width: 390, height: 844 });
      await expect
        .poll(() => own.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
        .toBeLessThanOrEqual(0);
      await shot('sheet-phone');
      await own.close();

      // The authority reviewing the project checks the paper it was handed.
      const page = await authority.newPage();
      await page.goto('/supervision/compliance');
      await page.getByTestId(`compliance-link-${number}`).waitFor();
      await page.getByTestId('compliance-verify-number').fill(number);
      await page.getByTestId('compliance-verify-digest').fill(digest);
      await page.getByTestId('compliance-verify').click();
      const result = page.getByTestId('compliance-verify-result');
      await expect.poll(() => result.textContent()).toContain('核验通过');
      expect(await result.textContent()).toContain('示范市公安局');
      const wrong = `${digest.slice(0, 63)}${digest.endsWith('0') ? '1' : '0'}`;
      await page.getByTestId('compliance-verify-digest').fill(wrong);
      await page.getByTestId('compliance-verify').click();
      await expect.poll(() => result.textContent()).toContain('核验未通过');
      await page.close();
    }, 90_000);
  },
);
