import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../src/org/test-support/index.ts';
import { startUrgeWorld, URGES } from '../../src/sharing/test-support/urge-case.ts';
import {
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/**
 * The portal's one case page, for a case type the test declares and nothing else (催办): the
 * page, its step dialog and its inputs all come from the type's description.
 */
describe.skipIf(!hasChromium)('the case kernel in the portal: a declared case type has its page', () => {
  let w: Awaited<ReturnType<typeof startUrgeWorld>>;
  let browser: Browser;
  let provider: BrowserContext;
  let consumer: BrowserContext;
  let urge: { id: string; number: string };

  beforeAll(async () => {
    const webDist = process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist');
    w = await startUrgeWorld('sqlite', { listen: true, webDist });
    browser = await launchBrowser();
    provider = await newContext(browser, w.t.url);
    await signInThroughApi(provider, { username: 'police.admin', password: PASSWORD });
    consumer = await newContext(browser, w.t.url);
    await signInThroughApi(consumer, { username: 'hrss.admin', password: PASSWORD });
    const res = await w.hrss.request('POST', URGES, {
      providerDepartmentId: w.departments.police,
      text: '请尽快答复参保状态核验申请',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    urge = res.body;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('the provider reads the case, answers it in the step dialog, and the case shows it answered', async () => {
    const page = await provider.newPage();
    const shot = screenshots(page, 'case-kernel');
    await page.goto(`/cases/urge/${urge.id}`);
    await page.getByTestId('kernel-case').waitFor();
    expect(await page.getByTestId('case-number').textContent()).toBe(urge.number);
    expect(await page.getByTestId('case-status').textContent()).toBe('待答复');
    expect(await page.getByTestId('case-summary').textContent()).toContain('请尽快答复参保状态核验申请');
    expect(await page.getByTestId('case-timeline').textContent()).toContain('催办');
    // Only the steps open to this reader: the provider answers, only the consumer withdraws.
    expect(await page.getByTestId('case-step-withdraw').count()).toBe(0);
    await shot('open');

    await page.getByTestId('case-step-answer').click();
    await page.getByTestId('step-reply').waitFor();
    await dialogSettled(page);
    await page.getByTestId('step-confirm').click();
    await page.getByText('请填写').first().waitFor();
    await page.getByTestId('step-reply').fill('已于今日办结，请查收。');
    await page.getByTestId('step-confirm').click();
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('case-status').textContent()).toBe('已答复');
    expect(await page.getByTestId('case-timeline').textContent()).toContain('答复');
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    await shot('answered');
    await page.close();
  });

  it('on a phone the consumer reads the answered case without sideways scrolling', async () => {
    const page = await consumer.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const shot = screenshots(page, 'case-kernel-phone');
    await page.goto(`/cases/urge/${urge.id}`);
    await page.getByTestId('kernel-case').waitFor();
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('answered');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('answered');
    // A type the platform does not run is a clear 404, not a blank page.
    await page.goto('/cases/nosuchtype/x');
    await page.getByText('未知的办件类型：nosuchtype').waitFor();
    await page.close();
  });
});
