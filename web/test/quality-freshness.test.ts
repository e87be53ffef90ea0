import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import { exchangeContent } from '../../src/exchange/test-support/index.ts';
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
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

const AUTHORITY = { username: 'zg.shixiao', password: PASSWORD };
const DAY = 86_400_000;

/** R68, R71 under Feicheng (Art.21): the authority sees a late resource, restricts its department, lifts it. */
describe.skipIf(!hasChromium)('freshness portal (issue 16)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let authority: BrowserContext;
  let code: string;
  // The platform's clock starts at the real time (sign-in checks a real TOTP), then moves on.
  const clock = new ManualClock(new Date().toISOString());

  const step = async (client: OrgClient, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestPlatform({
      listen: true,
      clock,
      config: { profile: 'feicheng', session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
      webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
    });
    browser = await launchBrowser();
    const { platform } = server;
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select('id')
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const police = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
    const office = await createDepartment(platform, '示范市人民政府办公室', USCCS[1], city.id);
    await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
    await createUser(platform, AUTHORITY.username, office, ['authority']);
    await createUser(platform, 'zg.heding', office, ['authority']);
    const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
    const ratifier = await signedIn(platform, 'zg.heding');
    const created = await step(cataloguer, '/api/v1/catalog/entries', {
      content: exchangeContent({ name: '户籍迁移登记信息', updateCycle: 'daily' }),
    });
    code = created.code as string;
    await step(cataloguer, `/api/v1/catalog/entries/${created.id}/submit`);
    await step(ratifier, `/api/v1/catalog/entries/${created.id}/ratify`);
    await step(cataloguer, `/api/v1/catalog/entries/${created.id}/publish`);
    await step(cataloguer, '/api/v1/exchange/resources', { entryId: created.id });
    authority = await newContext(browser, server.url);
    await signInThroughApi(authority, AUTHORITY);
    // Three days on, nothing has been loaded: the daily resource is late.
    clock.advance(3 * DAY);
    await platform.services.quality.freshness.refresh();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R68 R71 the authority sees the late resource, restricts its department and lifts the restriction', async () => {
    const page = await authority.newPage();
    const shot = screenshots(page, 'quality-freshness');
    await page.goto('/quality/freshness');
    await expect
      .poll(() =>
        page
          .getByTestId(`freshness-status-${code}`)
          .locator('[data-freshness]')
          .getAttribute('data-freshness'),
      )
      .toBe('late');
    await expect.poll(() => page.getByTestId('freshness-count-late').textContent()).toContain('1');
    await page.getByTestId(`freshness-history-${code}`).click();
    await expect.poll(() => page.getByTestId('freshness-transition').count()).toBeGreaterThan(0);
    await shot('history');
    await page.keyboard.press('Escape');
    await page.getByTestId(`freshness-restrict-${code}`).click();
    await dialogSettled(page);
    await page.getByTestId('restrict-reason').fill('户籍迁移登记信息逾期未更新');
    await page.getByTestId('restrict-ok').click();
    await page.getByRole('tab', { name: '权益限制' }).click();
    const active = page.getByTestId('freshness-restrictions').locator('[data-testid^="restriction-status-"]');
    await expect.poll(() => active.first().textContent()).toBe('限制中');
    await expect.poll(() => page.getByTestId('freshness-restrict-basis').textContent()).toContain('Art.21');
    await shot('restricted');
    await page.locator('[data-testid^="restriction-lift-"]').first().click();
    await dialogSettled(page);
    await page.getByTestId('restriction-lift-note').fill('已当面督促更新');
    await page.getByTestId('restriction-lift-ok').click();
    await expect.poll(() => active.first().textContent()).toBe('已解除');
    // 390 px: the page stays usable on a phone (the tables scroll inside their cards).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: '资源时效' }).click();
    await expect.poll(() => page.getByTestId(`freshness-status-${code}`).isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot('phone');
    // The exchange's hosted-resource list shows the server's status, not a browser threshold.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/exchange/resources');
    await expect
      .poll(() =>
        page
          .getByTestId('resources-table')
          .locator('[data-freshness]')
          .first()
          .getAttribute('data-freshness'),
      )
      .toBe('late');
  }, 120_000);
});
