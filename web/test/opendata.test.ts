import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../../src/exchange/test-support/index.ts';
import { hasChromium, launchBrowser, newContext, screenshots } from './support/browser.ts';
import { axeViolations } from './support/walk.ts';

/** The open data portal, signed out (R109, R110): home, search, dataset page, downloads, developers. */
describe.skipIf(!hasChromium)('R109 R110 the open data portal, signed out', () => {
  let x: ExchangeWorld;
  let browser: Browser;
  let visitor: BrowserContext;
  let code = '';

  beforeAll(async () => {
    x = await startExchangeWorld('sqlite', {
      listen: true,
      webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      records: 3,
      content: exchangeContent({
        name: '参保状态开放数据',
        summary: '各参保人员的参保状态与缴费基数。',
        keywords: ['参保', '缴费'],
        open: { toPublic: true, basis: 'disclosure_scope' },
      }),
    });
    code = x.resource.entry.code;
    browser = await launchBrowser();
    visitor = await newContext(browser, x.w.t.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await x?.close();
  });

  it('R109 from the login page a visitor reaches the portal, finds a resource by a Chinese word and downloads it', async () => {
    const page = await visitor.newPage();
    const shot = screenshots(page, 'opendata');
    await page.goto('/login');
    await page.getByTestId('login-open-data').click();
    await page.getByTestId('open-themes').waitFor();
    expect(await page.getByTestId('open-providers').textContent()).toContain('示范市公安局');
    expect(await axeViolations(page)).toEqual([]);
    await shot('home');
    await page.getByTestId('open-search-box').locator('input').fill('参保');
    await page.getByTestId('open-search-box').locator('input').press('Enter');
    await page.getByTestId('open-result-link').first().waitFor();
    expect(await page.getByTestId('open-count').textContent()).toContain('1');
    expect(await axeViolations(page)).toEqual([]);
    await shot('search');
    await page.getByTestId('open-result-link').first().click();
    await page.getByTestId('open-dataset-name').waitFor();
    expect(await page.getByTestId('open-dataset-name').textContent()).toBe('参保状态开放数据');
    const items = (await page.getByTestId('open-items').textContent()) ?? '';
    expect(items).toContain('参保状态');
    // Personal items are never shown.
    for (const personal of ['公民身份号码', '姓名', '出生日期']) expect(items).not.toContain(personal);
    // The basis and terms read in the page's language only (zh-CN), not as a bilingual pair.
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('属于政府信息公开范围');
    for (const english of ['disclosure scope', 'cite the source']) expect(body).not.toContain(english);
    expect(await axeViolations(page)).toEqual([]);
    await shot('dataset');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('open-download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${code.replace('/', '-')}.csv`);
    await page.getByTestId('open-developers-link').click();
    await page.getByTestId('open-developers').waitFor();
    expect(await page.getByTestId('open-developers').textContent()).toContain('/api/3/action/package_search');
    expect(await axeViolations(page)).toEqual([]);
    await shot('developers');
  });

  it('R109 works at 390 px wide: nothing wider than the screen', async () => {
    const page = await visitor.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const shot = screenshots(page, 'opendata-phone');
    await page.goto(`/open/search?q=${encodeURIComponent('参保')}`);
    await page.getByTestId('open-result-link').first().waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await shot('search');
    await page.goto(`/open/datasets/${code}`);
    await page.getByTestId('open-dataset-name').waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await shot('dataset');
  });
});
