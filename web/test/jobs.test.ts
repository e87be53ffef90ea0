import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  hasChromium,
  launchBrowser,
  newContext,
  pageText,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

describe.skipIf(!hasChromium)('operator watches the background jobs (后台任务)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let operator: BrowserContext;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    operator = await newContext(browser, server.url);
    await signInThroughApi(operator, bootstrapAccount(server.bootstrap, 'sysadmin'));
    // A failure to show: a job that throws, on the platform's own runner.
    server.platform.services.jobs.register({
      name: 'test.broken',
      label: { zh: '测试失败任务', en: 'Broken test job' },
      every: 3_600_000,
      run: async () => {
        throw new Error('归档目录不可写');
      },
    });
    await server.platform.services.jobs.runNow('test.broken');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists every job with its schedule, outcome, next run and last error', async () => {
    const page = await operator.newPage();
    const shot = screenshots(page, 'jobs');
    await page.goto('/jobs');
    const table = page.getByTestId('jobs-table');
    await table.locator('tbody tr').first().waitFor();
    // Every job the platform registered, and the test's failing one.
    const registered = (await server.platform.services.jobs.status()).length;
    expect(registered).toBeGreaterThanOrEqual(9);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(registered);
    const text = await pageText(page);
    expect(text).toContain('后台任务');
    expect(text).toContain('审计链签名检查点');
    expect(text).toContain('订阅推送轮询');
    expect(text).toContain('每 5 分钟');
    expect(text).toContain('中断的数据上传回收');
    expect(text).toContain('目录审核期限巡检');
    const broken = table.locator('tbody tr', { hasText: '测试失败任务' });
    await expect.poll(() => broken.textContent()).toContain('失败');
    expect(await broken.textContent()).toContain('归档目录不可写');
    await shot('list');
  });
});
