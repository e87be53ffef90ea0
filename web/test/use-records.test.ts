import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment, createUser, PASSWORD, USCCS } from '../../src/org/test-support/index.ts';
import { chinaDate } from '../../src/platform/calendar/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { clickOption } from './support/antd.ts';
import { hasChromium, launchBrowser, newContext, screenshots, signInThroughApi } from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const CONSUMER = { username: 'rs.shiyong', password: PASSWORD };
const PROVIDER = { username: 'ga.chuzhi', password: PASSWORD };

/** The page fits a 390 px phone: nothing wider than the screen. */
const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= 390);

/**
 * The grant page under the national profile (政务数据共享条例): the requesting department adds a use
 * record (N21, 第二十九条第二款), the provider requires disposal with a date it sets and the requester
 * files its record (N16, 第二十七条第一款), and a use change opens its case page (N14, 第二十五条), on a
 * 390 px phone.
 */
describe.skipIf(!hasChromium)('grant page: use records, disposal and use change (N14, N16, N21)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let consumer: BrowserContext;
  let provider: BrowserContext;
  let grantId: string;

  beforeAll(async () => {
    server = await startPortal({ profile: 'national' });
    browser = await launchBrowser();
    const { platform } = server;
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select(['id', 'path'])
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const police = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
    const hrss = await createDepartment(platform, '示范市人力资源和社会保障局', USCCS[2], city.id);
    const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
    await createUser(platform, CONSUMER.username, hrss, ['dept_user']);
    await createUser(platform, PROVIDER.username, police, ['resource_admin']);
    await createUser(platform, 'zg.shiyong', bureau, ['authority']);
    // The grant is made as any approval makes it: the catalog and application steps are not under test here.
    const consumerDept = await platform.services.departments.lookup(hrss, platform.storage.db);
    const providerDept = await platform.services.departments.lookup(police, platform.storage.db);
    if (!consumerDept || !providerDept) throw new Error('departments missing');
    grantId = await platform.storage.db.transaction().execute((trx) =>
      platform.services.sharing.grants.create(
        trx,
        {
          consumer: { departmentId: hrss, jurisdictionPath: consumerDept.jurisdictionPath },
          provider: { departmentId: police, jurisdictionPath: providerDept.jurisdictionPath },
          entry: { id: 'entry-use-records', code: 'ZJ-0001', name: '人员参保核验信息' },
          items: ['公民身份号码'],
          purpose: 'data_verification',
          methods: ['interface'],
          validFrom: '2026-01-01',
          validUntil: '2030-12-31',
          origin: 'application',
          originId: 'browser-test',
        },
        { id: null, name: 'browser test' },
      ),
    );
    consumer = await newContext(browser, server.url);
    await signInThroughApi(consumer, CONSUMER);
    provider = await newContext(browser, server.url);
    await signInThroughApi(provider, PROVIDER);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('N21 N16 the requester adds a use record; the provider requires disposal; the requester files the record', async () => {
    const page = await consumer.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const shot = screenshots(page, 'use-records');
    await page.goto(`/sharing/grants/${grantId}`);
    await page.getByTestId('use-records').waitFor();
    expect(await page.getByTestId('use-records').textContent()).toContain('第二十九条第二款');
    await page.getByTestId('use-record-input-scenario').fill('城乡低保对象资格复核');
    await page.getByTestId('use-record-input-process').fill('经办人逐条核验身份信息');
    await page.getByTestId('use-record-input-effect').fill('核减不符合条件对象 12 户');
    await page.getByTestId('use-record-input-storage').fill('存于核验库，仅经办科室可访问');
    await page.getByTestId('use-record-add').click();
    await page.getByTestId('use-record').first().waitFor();
    expect(await page.getByTestId('use-record-scenario').first().textContent()).toBe('城乡低保对象资格复核');
    expect(await page.getByTestId('use-record-list').textContent()).toContain('至少保存至');
    expect(await page.getByTestId('disposal').textContent()).toContain('提供部门尚未提出处置要求');
    expect(await page.getByTestId('disposal-require').count()).toBe(0);
    expect(await fitsPhone(page)).toBe(true);
    await shot('record-added');

    // The provider requires disposal on its own grant page, with a date it sets.
    const admin = await provider.newPage();
    await admin.setViewportSize({ width: 390, height: 844 });
    const adminShot = screenshots(admin, 'use-records-provider');
    await admin.goto(`/sharing/grants/${grantId}`);
    expect(await admin.getByTestId('use-record-form').count()).toBe(0);
    await admin.getByTestId('use-record').first().waitFor();
    await admin.getByTestId('disposal-require').click();
    expect(await admin.locator('.ant-modal').textContent()).toContain('条例未规定处置期限');
    await admin
      .locator('.ant-select:has([data-testid=disposal-ground]), .ant-select[data-testid=disposal-ground]')
      .first()
      .click();
    await clickOption(admin, '共享目的已实现');
    await admin.getByTestId('disposal-requirement').fill('删除核验库中全部数据及备份');
    await admin.getByTestId('disposal-due-input').fill('2030-06-30');
    await admin.getByTestId('disposal-require-confirm').click();
    await admin.getByTestId('disposal-detail').waitFor();
    expect(await admin.getByTestId('disposal-due').textContent()).toBe('2030-06-30');
    expect(await admin.getByTestId('disposal-detail').textContent()).toContain('第二十七条第一款');
    await adminShot('disposal-required');
    await admin.close();

    await page.reload();
    await page.getByTestId('disposal-form').waitFor();
    expect(await page.getByTestId('disposal-status').textContent()).toBe('待报送处置记录');
    await page.getByTestId('disposal-what-input').fill('核验库中该授权的全部数据及备份');
    await page.getByTestId('disposal-how-input').fill('数据库删除并覆写，备份介质粉碎');
    await page.getByTestId('disposal-on-input').fill(chinaDate(new Date()));
    await page.getByTestId('disposal-by-input').fill('人社局信息科 张三');
    await page.getByTestId('disposal-file').click();
    await expect.poll(() => page.getByTestId('disposal-status').textContent()).toBe('已报送处置记录');
    expect(await page.getByTestId('disposal-what').textContent()).toBe('核验库中该授权的全部数据及备份');
    expect(await page.getByTestId('disposal-form').count()).toBe(0);
    expect(await fitsPhone(page)).toBe(true);
    await shot('disposal-filed');

    // The generic kernel case page shows the disposal with its timeline.
    const number = (await page.getByTestId('disposal-number').textContent()) ?? '';
    expect(number).toMatch(/^CZ-\d{4}-\d{6}$/);
    await page.getByTestId('disposal-number').click();
    // The grant page shows the number too: wait for the case page itself before reading it.
    await page.waitForURL(/\/cases\/disposal\//);
    await expect.poll(() => page.locator('body').textContent()).toContain('报送处置记录');
    // The case page may still be loading its chunk or its case when the heading first shows: poll.
    await expect.poll(() => page.locator('body').textContent()).toContain(number);
    await shot('disposal-case');
    await page.close();
  });

  it('N14 the requester asks for a use change from the grant page and lands on its case page', async () => {
    const page = await consumer.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const shot = screenshots(page, 'use-change');
    await page.goto(`/sharing/grants/${grantId}`);
    await page.getByTestId('use-change-request').click();
    await page.locator('.ant-modal .ant-checkbox-wrapper').filter({ hasText: '工作参考' }).click();
    await page.getByTestId('use-change-third').fill('市民政局');
    await page.getByTestId('use-change-reason').fill('低保复核需要参保信息作工作参考');
    await shot('request');
    await page.getByTestId('use-change-submit').click();
    await page.waitForURL(/\/cases\/use_change\//);
    await expect.poll(() => page.locator('body').textContent()).toMatch(/YT-\d{4}-\d{6}/);
    expect(await page.locator('body').textContent()).toContain('待提供部门同意');
    expect(await fitsPhone(page)).toBe(true);
    await shot('case');
    await page.close();
  });
});
