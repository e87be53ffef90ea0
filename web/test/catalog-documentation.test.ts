import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyToSubmit } from '../../src/catalog/test-support/preparation.ts';
import { createDepartment, createUser, PASSWORD, USCCS } from '../../src/org/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { choose, inputByTestId } from './support/antd.ts';
import {
  dialogSettled,
  hasChromium,
  launchBrowser,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { entryStatus } from './support/catalog-entry.ts';
import { startPortal } from './support/portal.ts';

const ADMIN = { username: 'fc.bianmu', password: PASSWORD };

const DOCUMENTATION = {
  collectionBasis: '《殡葬管理条例》第三条规定的殡葬管理职责',
  collection: '殡仪馆办理火化时登记，经办人核验死亡证明后录入殡葬管理系统，科长复核后入库',
  publication: '经局政务数据共享工作机构审核、分管负责人同意后，通过共享平台接口发布',
  maintenance: '火化登记当日同步；发现差错于5个工作日内核实更正并记录',
};

/** Opens a tab of the entry page; on a narrow screen it may sit (even half) in the overflow menu. */
async function openTab(page: Page, label: string): Promise<void> {
  const tab = page.locator('[data-testid=entry-tabs] .ant-tabs-tab').filter({ hasText: label });
  const box = await tab.boundingBox();
  const wrap = await page.locator('[data-testid=entry-tabs] .ant-tabs-nav-wrap').first().boundingBox();
  if (box && wrap && box.x >= wrap.x && box.x + box.width <= wrap.x + wrap.width) {
    await tab.click();
    return;
  }
  await page.locator('[data-testid=entry-tabs] .ant-tabs-nav-more').first().hover();
  await page.locator('.ant-tabs-dropdown:visible li').filter({ hasText: label }).click();
}

const ISSUE = '[data-testid=editor-issues] li[data-code=CATALOG_DOCUMENTATION_REQUIRED]';

/**
 * R73 in the portal under 肥城's profile (第十六条): the editor's 数据文档 section marks its four
 * fields required and names the article; the live check lists each missing one; once written, the
 * entry is submitted and its page shows them. On an office screen and on a 390 px phone.
 */
describe.skipIf(!hasChromium)('catalog dataset documentation under 肥城 (R73)', () => {
  let server: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortal({ profile: 'feicheng' });
    browser = await launchBrowser();
    const { platform } = server;
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select('id')
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const civil = await createDepartment(platform, '示范市民政局', USCCS[0], city.id);
    await createUser(platform, ADMIN.username, civil, ['resource_admin']);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(width: number): Promise<BrowserContext> {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width, height: width < 600 ? 844 : 900 },
      locale: 'zh-CN',
    });
    context.setDefaultTimeout(15_000);
    await signInThroughApi(context, ADMIN);
    return context;
  }

  it.each([
    { width: 1440, name: '火化登记信息' },
    { width: 390, name: '殡葬服务机构信息' },
  ])(
    'R73 at $width px: the four fields required with the article, written, submitted and shown',
    async ({ width, name }) => {
      const context = await signedIn(width);
      const page = await context.newPage();
      const shot = screenshots(page, `catalog-documentation-${width}`);
      await page.goto('/catalog/new');
      await page.getByTestId('catalog-editor').waitFor();
      await inputByTestId(page, 'editor-category').fill('003');
      await inputByTestId(page, 'editor-name').fill(name);
      await inputByTestId(page, 'editor-summary').fill('全市殡葬服务机构及火化登记记录。');
      await inputByTestId(page, 'editor-format-concrete').fill('REST');
      await page.getByTestId('item-add').click();
      await inputByTestId(page, 'item-name-0').fill('逝者姓名');
      await inputByTestId(page, 'item-length-0').fill('50');
      await page.getByTestId('item-personal-0').check();
      await choose(page, 'editor-data-class', '一般数据');
      await choose(page, 'editor-data-level', '二级');

      // The section says why the fields are required, and the live check names each one.
      const rule = page.getByTestId('editor-documentation-rule');
      await rule.waitFor();
      expect(await rule.textContent()).toContain('肥城市政务信息资源共享管理暂行办法 第十六条');
      await expect.poll(() => page.locator(ISSUE).count()).toBe(4);
      expect(await page.locator(ISSUE).first().textContent()).toContain('第十六条');
      const section = page.getByTestId('editor-documentation');
      expect(await section.locator('.ant-form-item-required').count()).toBe(4);
      await section.scrollIntoViewIfNeeded();
      await shot('editor-required');

      for (const [field, text] of Object.entries(DOCUMENTATION))
        await inputByTestId(page, `editor-documentation-${field}`).fill(text);
      await page.locator('[data-testid=editor-issues][data-count="0"]').waitFor();
      await shot('editor-filled');
      await page.getByTestId('editor-save').click();
      await page.waitForURL(/\/catalog\/entries\/[^/]+$/);
      const id = page.url().split('/').at(-1) as string;

      // 809 第十三条's assessments and the head's approval are recorded as data (another test walks them).
      await readyToSubmit(server.platform, id);
      await page.reload();
      await page.getByTestId('action-submit').click();
      await page.getByTestId('action-confirm').waitFor();
      await dialogSettled(page);
      await page.getByTestId('action-confirm').click();
      await expect.poll(() => entryStatus(page)).toBe('submitted');

      await openTab(page, '数据文档');
      await page.getByTestId('entry-documentation').waitFor();
      for (const [field, text] of Object.entries(DOCUMENTATION))
        expect(await page.getByTestId(`entry-documentation-${field}`).textContent()).toBe(text);
      const labels = await page
        .locator('[data-testid=entry-documentation] .ant-descriptions-item-label')
        .allTextContents();
      expect(labels).toEqual(['采集依据', '采集规范和程序', '发布规范和程序', '维护规范和程序']);
      // Nothing on the page is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot('detail-submitted');
      await context.close();
    },
    120_000,
  );
});
