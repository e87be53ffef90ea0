import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import { STALE_AFTER_MS } from '../../src/exchange/hosting/loads/recovery.ts';
import { exchangeContent, residentId } from '../../src/exchange/test-support/index.ts';
import {
  createDepartment,
  createUser,
  type OrgClient,
  PASSWORD,
  signedIn,
  USCCS,
} from '../../src/org/test-support/index.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import {
  BROWSER_DIALECTS,
  bootstrapAccount,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/** 公安's resource administrator, whose upload's process died. */
const PROVIDER = { username: 'ga.ziyuan', password: PASSWORD };
const ITEMS = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];
const ROWS: string[][] = [
  [residentId('19800101', 11), '张三', '1980-01-01', '正常', '5000.50', '2026-09-01T08:00:00Z', 'true'],
  [residentId('19851231', 12), '李四', '1985-12-31', '暂停', '6200', '2026-09-01T08:00:00Z', 'false'],
  [residentId('19900615', 13), '王五', '1990-06-15', '正常', '7300.25', '2026-09-01T08:00:00Z', 'true'],
];
/** The file the administrator uploads, both times. */
const FILE = Buffer.from(`\ufeff${[ITEMS, ...ROWS].map((r) => r.join(',')).join('\r\n')}\r\n`);

/**
 * Issue 15 in the portal: an upload whose process died is shown 已中断 in the load history, with
 * the offer to upload again; the same file chosen again loads in full, and the trace holds the
 * interruption.
 *
 * How the load comes to be interrupted — the most real path without a child process: the load is
 * started by the platform's own `LoadService.start` (the call the upload route makes: its row is
 * `running`, owned by this process, and audited as started), and its spooled upload is written
 * part-way; then nothing runs it any more — as after its process died — so its heartbeat goes
 * stale. The server's clock moves past `STALE_AFTER_MS` and the platform's recovery job
 * (`exchange.load-recovery`, run through the job runner) finds it silent and interrupts it. The
 * test never writes the load's status. (Killing a real uploading process is covered by
 * src/exchange/hosting/loads-crash.test.ts, which spawns and SIGKILLs one.)
 */
describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'an interrupted upload retried in the portal on %s (issue 15)',
  (dialect) => {
    let server: TestPlatform;
    let browser: Browser;
    let provider: BrowserContext;
    let auditor: BrowserContext;
    let entryId: string;
    let loadId: string;
    const clock = new ManualClock(new Date());

    const step = async (client: OrgClient, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    beforeAll(async () => {
      server = await startTestPlatform({
        dialect,
        listen: true,
        clock,
        config: {
          session: { idleMinutes: 10_000_000, absoluteHours: 200_000 },
        },
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      browser = await launchBrowser();
      const { platform } = server;
      const city = await platform.storage.db
        .selectFrom('jurisdiction')
        .select(['id', 'path'])
        .where('code', '=', '990100')
        .executeTakeFirstOrThrow();
      const police = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
      const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
      const providerId = await createUser(platform, PROVIDER.username, police, ['resource_admin']);
      await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
      await createUser(platform, 'zg.heding', bureau, ['authority']);
      // 809 第十三条: the assessments and approval are recorded before the submission.
      const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
      const ratifier = await signedIn(platform, 'zg.heding');
      const created = await step(cataloguer, '/api/v1/catalog/entries', { content: exchangeContent() });
      entryId = created.id as string;
      await step(cataloguer, `/api/v1/catalog/entries/${entryId}/submit`);
      await step(ratifier, `/api/v1/catalog/entries/${entryId}/ratify`);
      await step(cataloguer, `/api/v1/catalog/entries/${entryId}/publish`);
      await step(cataloguer, '/api/v1/exchange/resources', { entryId });

      // The administrator's upload starts as the route starts it, its file half spooled…
      const loads = platform.services.exchange.hosting.loads;
      const started = await loads.start(
        {
          actor: {
            kind: 'user',
            id: providerId,
            name: PROVIDER.username,
            departmentId: police,
            jurisdictionPath: city.path,
            roles: ['resource_admin'],
          },
          requestId: 'load-retry-test',
        },
        entryId,
        { format: 'csv', mode: 'all_or_nothing', totalBytes: FILE.length },
      );
      loadId = started.id;
      const spooled = loads.spoolPath(started);
      writeFileSync(spooled, FILE.subarray(0, Math.floor(FILE.length / 2)));
      // …and then its process is gone: no heartbeat for longer than the recovery waits.
      clock.advance(STALE_AFTER_MS + 1_000);
      await platform.services.jobs.runNow('exchange.load-recovery');
      expect(existsSync(spooled)).toBe(false);

      provider = await newContext(browser, server.url);
      await signInThroughApi(provider, PROVIDER);
      auditor = await newContext(browser, server.url);
      await signInThroughApi(auditor, bootstrapAccount(server.bootstrap, 'auditadmin'));
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the load history marks the load 已中断 and offers to upload again; the same file then loads in full', async () => {
      const page = await provider.newPage();
      const shot = screenshots(page, `load-retry-${dialect}`);
      // From the menu: no resource picked yet, the history lists every load of the department.
      await page.goto('/');
      await page.getByTestId('menu-exchangeUploads').click();
      const history = page.getByTestId('load-history');
      const interrupted = history.locator(`tr[data-row-key="${loadId}"]`);
      await interrupted.waitFor();
      const status = interrupted.locator('[data-status]');
      expect(await status.getAttribute('data-status')).toBe('interrupted');
      expect((await status.textContent())?.trim()).toBe('已中断');
      // Nothing of the interrupted load was kept: all or nothing.
      expect(await interrupted.textContent()).toContain('0 / 0 / 0');

      // The offer: a button, explained as choosing the same file again.
      const retry = page.getByTestId(`load-retry-${loadId}`);
      expect((await retry.textContent())?.trim()).toBe('重新上传');
      await retry.hover();
      await page.locator('.ant-tooltip', { hasText: '请重新选择同一文件上传' }).waitFor();
      await shot('interrupted');
      expect(await page.getByTestId('upload-resource').textContent()).not.toContain('人员参保核验信息');
      await retry.click();
      await page.locator('.ant-message', { hasText: '请重新选择同一文件' }).waitFor();
      // The retry picks the resource, format and mode of the interrupted load; the file is chosen again.
      await expect
        .poll(() => page.getByTestId('upload-resource').textContent())
        .toContain('人员参保核验信息');
      expect(await page.getByTestId('upload-start').isDisabled()).toBe(true);
      await page.locator('input[type=file]').setInputFiles({
        name: '参保核验.csv',
        mimeType: 'text/csv',
        buffer: FILE,
      });
      await page.getByTestId('upload-start').click();
      await page.locator('[data-testid=upload-result][data-outcome=done]').waitFor();
      await page.locator('[data-testid=upload-progress][data-finished=true]').waitFor();
      expect(
        await page.getByTestId('upload-applied').locator('.ant-statistic-content-value').textContent(),
      ).toBe('3');
      expect(await page.getByTestId('upload-stage').textContent()).toBe('处理完成，共 3 行');

      // The history: the new load done on top, the interrupted one still there below it.
      const rows = history.locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).locator('[data-status]').getAttribute('data-status')).toBe('done');
      expect(await rows.nth(0).textContent()).toContain('3 / 0 / 0');
      expect(await rows.nth(1).getAttribute('data-row-key')).toBe(loadId);
      await shot('retried');

      // The resource holds the three rows.
      await page.goto(`/exchange/resources/${entryId}`);
      await expect.poll(() => page.getByTestId('resource-rows').textContent()).toBe('3');
      await page.close();
    }, 90_000);

    it('the trace holds the interruption: a failure entry of the load, written by the platform', async () => {
      const res = await auditor.request.get('/api/v1/audit/entries?action=exchange.load&limit=500');
      expect(res.status(), await res.text()).toBe(200);
      const { items } = (await res.json()) as {
        items: {
          outcome: string;
          actor: { id: string | null; name: string | null };
          target: { type: string; id: string | null } | null;
          detail: Record<string, unknown>;
        }[];
      };
      // Newest first: the start by the administrator, then the interruption by no one but the platform.
      const ofLoad = items.filter((e) => e.detail.loadId === loadId).reverse();
      expect(ofLoad.map((e) => [e.detail.status, e.outcome])).toEqual([
        ['running', 'success'],
        ['interrupted', 'failure'],
      ]);
      expect(ofLoad[0]?.actor.name).toBe(PROVIDER.username);
      expect(ofLoad[1]).toMatchObject({
        actor: { id: null },
        target: { type: 'catalog_entry', id: entryId },
        detail: { format: 'csv', mode: 'all_or_nothing' },
      });
    });

    it('on a 390 px screen the load history does not scroll sideways', async () => {
      const page = await provider.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      const shot = screenshots(page, `load-retry-phone-${dialect}`);
      await page.goto(`/exchange/uploads?entryId=${entryId}`);
      await page.getByTestId(`load-retry-${loadId}`).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot('history');
      // The table scrolls inside its card: the offer, in its last column, is reached there.
      const retry = page.getByTestId(`load-retry-${loadId}`);
      await retry.scrollIntoViewIfNeeded();
      expect(await retry.isVisible()).toBe(true);
      const box = await retry.boundingBox();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await shot('history-retry');
      await page.close();
    }, 60_000);
  },
);
