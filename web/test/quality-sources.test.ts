import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleContent } from '../../src/catalog/test-support/content.ts';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import { exchangeContent, sampleRecords } from '../../src/exchange/test-support/index.ts';
import {
  createDepartment,
  createUser,
  type OrgClient,
  PASSWORD,
  signedIn,
  USCCS,
} from '../../src/org/test-support/index.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { fieldErrors, pickOption } from './support/antd.ts';
import {
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

const AUTHORITY = { username: 'zg.shuyuan', password: PASSWORD };

/** R76, R77, N07: the authority designates the source of 姓名, sees the duplicate collection, decides it. */
describe.skipIf(!hasChromium)('one data, one source portal (issue 16)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let authority: BrowserContext;

  const step = async (client: OrgClient, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const publish = async (client: OrgClient, ratifier: OrgClient, content: unknown) => {
    const created = await step(client, '/api/v1/catalog/entries', { content });
    await step(client, `/api/v1/catalog/entries/${created.id}/submit`);
    await step(ratifier, `/api/v1/catalog/entries/${created.id}/ratify`);
    await step(client, `/api/v1/catalog/entries/${created.id}/publish`);
    return created;
  };

  beforeAll(async () => {
    server = await startTestPlatform({
      listen: true,
      config: { profile: 'national', session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
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
    const hrss = await createDepartment(platform, '示范市人力资源和社会保障局', USCCS[2], city.id);
    const office = await createDepartment(platform, '示范市人民政府办公室', USCCS[1], city.id);
    await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
    await createUser(platform, 'rs.bianmu', hrss, ['resource_admin']);
    await createUser(platform, AUTHORITY.username, office, ['authority']);
    await createUser(platform, 'zg.heding', office, ['authority']);
    const ratifier = await signedIn(platform, 'zg.heding');
    const gaAdmin = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
    const rsAdmin = preparingSubmissions(platform, await signedIn(platform, 'rs.bianmu'));
    const population = await publish(gaAdmin, ratifier, sampleContent());
    const insured = await publish(rsAdmin, ratifier, exchangeContent({ name: '社会保险参保人员信息' }));
    // Both host their data; 人社 has one name differing from the police's (R78 compares them).
    const people = sampleRecords(3);
    await step(gaAdmin, '/api/v1/exchange/resources', { entryId: population.id });
    await step(gaAdmin, `/api/v1/exchange/resources/${population.id}/batches`, {
      ops: people.map((r) => ({
        op: 'upsert',
        record: { 公民身份号码: r.公民身份号码, 姓名: r.姓名, 出生日期: r.出生日期, 婚姻状况: '已婚' },
      })),
    });
    await step(rsAdmin, '/api/v1/exchange/resources', { entryId: insured.id });
    await step(rsAdmin, `/api/v1/exchange/resources/${insured.id}/batches`, {
      ops: people.map((r, i) => ({ op: 'upsert', record: i === 1 ? { ...r, 姓名: '李肆' } : r })),
    });
    authority = await newContext(browser, server.url);
    await signInThroughApi(authority, AUTHORITY);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R76 R77 N07 the authority designates a source, sees the duplicate collection and decides it', async () => {
    const page = await authority.newPage();
    const shot = screenshots(page, 'quality-sources');
    await page.goto('/quality/sources');
    await page.getByTestId('source-designate').click();
    await dialogSettled(page);
    await pickOption(page, page.getByTestId('designate-resource'), '人口', '人口基本信息');
    await pickOption(page, page.getByTestId('designate-item'), '', '姓名');
    await page.getByTestId('designate-basis').fill('公安机关户籍管理职责');
    await shot('designate');
    await page.getByTestId('designate-ok').click();
    await expect.poll(() => page.getByTestId('source-item-姓名').count()).toBe(1);
    await page.getByTestId('source-designate').click();
    await dialogSettled(page);
    await pickOption(page, page.getByTestId('designate-resource'), '社会保险', '社会保险参保人员信息');
    await pickOption(page, page.getByTestId('designate-item'), '', '姓名');
    await page.getByTestId('designate-ok').click();
    // The second designation of the same item is refused; the reason shows on the item.
    await expect
      .poll(() => fieldErrors(page, page.getByTestId('designate-item')).textContent())
      .toContain('已由示范市公安局作为数源部门');
    await shot('refused');
    await page.keyboard.press('Escape');
    await shot('registry');

    // The hrss entry collecting 姓名 was flagged when the source was designated.
    await page.getByRole('tab', { name: '重复采集' }).click();
    const status = page.getByTestId('sources-duplicates').locator('[data-testid^="duplicate-status-"]');
    await expect.poll(() => status.first().textContent()).toBe('待认定');
    await shot('duplicate');
    await page.locator('[data-testid^="duplicate-lawful-CF-"]').first().click();
    await dialogSettled(page);
    await page.getByTestId('duplicate-lawful-reason').fill('参保登记须由社会保险经办机构核实采集');
    await page.getByTestId('duplicate-lawful-title').fill('《中华人民共和国社会保险法》');
    await page.getByTestId('duplicate-lawful-article').fill('第五十七条');
    await page.getByTestId('duplicate-lawful-ok').click();
    await expect.poll(() => status.first().textContent()).toBe('依法采集');
    await shot('decided');

    // 390 px: the page stays usable on a phone (the tables scroll inside their cards).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: '数源登记' }).click();
    await expect.poll(() => page.getByTestId('source-item-姓名').isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot('phone');
  }, 120_000);

  it('R78 R79 the authority reads both values side by side and refers the conflict to the wrong side', async () => {
    expect(await server.platform.services.quality.sources.compare()).toBe(1);
    const page = await authority.newPage();
    const shot = screenshots(page, 'quality-sources-conflict');
    await page.goto('/quality/sources?tab=conflicts');
    await page.locator('[data-testid^="conflict-link-CT-"]').first().click();
    const rows = page.getByTestId('conflict-differences').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('李肆');
    expect(await page.getByTestId('conflict-count').textContent()).toBe('1');
    await shot('detail');
    await page.getByTestId('conflict-refer').click();
    await dialogSettled(page);
    await page.getByTestId('refer-side-other').click();
    await page.getByTestId('conflict-refer-note').fill('以户籍登记为准');
    await page.getByTestId('conflict-refer-ok').click();
    await expect.poll(() => page.getByTestId('conflict-status').textContent()).toBe('已转校核');
    await expect.poll(() => page.getByTestId('conflict-verification').textContent()).toMatch(/\S+/);
    await page.setViewportSize({ width: 390, height: 844 });
    // The differences table lays itself out again after the resize; then nothing overflows.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(1);
    await shot('phone');
  }, 120_000);
});
