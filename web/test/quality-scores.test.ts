import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExchangeWorld,
  sampleRecords,
  startExchangeWorld,
} from '../../src/exchange/test-support/index.ts';
import { PASSWORD } from '../../src/org/test-support/index.ts';
import {
  hasChromium,
  launchBrowser,
  newContext,
  pageText,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/**
 * The provider's resource administrator reads the quality scores (issue 16): its department's chart
 * drawn, the resource's score below 100 after two bad records, the per-item figures one click away,
 * and the same score on the resource's own page. (The authority's reach is tested in the API tests.)
 */
describe.skipIf(!hasChromium)('quality scores in the portal (issue 16)', () => {
  let x: ExchangeWorld;
  let browser: Browser;
  let provider: BrowserContext;

  beforeAll(async () => {
    x = await startExchangeWorld('sqlite', {
      listen: true,
      webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
    });
    const [a, b] = sampleRecords(2, 10);
    await x.write([
      { ...a, 姓名: null },
      { ...b, 出生日期: '2031-01-01' },
    ]);
    await x.platform.services.quality.scores.refreshAll();
    browser = await launchBrowser();
    provider = await newContext(browser, x.w.t.url);
    await signInThroughApi(provider, { username: 'police.admin', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await x?.close();
  });

  it('draws the department chart, lists the resource and opens its per-item figures', async () => {
    const page = await provider.newPage();
    const shot = screenshots(page, 'quality-scores');
    await page.goto('/quality/scores');
    const table = page.getByTestId('quality-scores');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const row = table.locator('tbody tr.ant-table-row').first();
    // 7 records × 7 items, one empty; 21 checked values, one invalid: (48/49 + 20/21) / 2.
    expect(await row.textContent()).toContain('96.6');
    expect(await row.textContent()).toContain('示范市公安局');
    // The chart's canvas is drawn: some pixel differs from the first one.
    const canvas = page.locator('[role="img"] canvas').first();
    await canvas.waitFor();
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
          if (!data) return false;
          for (let i = 4; i < data.length; i += 4)
            if (data[i] !== data[0] || data[i + 1] !== data[1]) return true;
          return false;
        }),
      )
      .toBe(true);
    await shot('list');
    await row.locator('a').first().click();
    const items = page.getByTestId('quality-score-items');
    await items.locator('tbody tr.ant-table-row').first().waitFor();
    const text = await pageText(page);
    expect(text).toContain('须在 1900 年至今之间');
    expect(text).toContain('尚未与数源部门数据比对');
    const name = items.locator('tbody tr', { hasText: '姓名' });
    expect(await name.textContent()).toContain('85.7%');
    await shot('detail');
  });

  it("shows the provider its resource's score on the resource page", async () => {
    const page = await provider.newPage();
    await page.goto(`/exchange/resources/${x.entryId}`);
    const score = page.getByTestId('resource-quality-score');
    await expect.poll(() => score.textContent()).toContain('96.6');
  });
});
