import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const ADMIN = { username: 'mz.bianmu', password: PASSWORD };
const HEAD = { username: 'mz.fuzeren', password: PASSWORD };
const ENTRY_NAME = '殡葬服务信息';

/** A phone-sized browser (390 px wide), signed in. */
async function phone(browser: Browser, url: string, account: typeof ADMIN): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(15_000);
  await signInThroughApi(context, account);
  return context;
}

/** Records one assessment through the dialog. */
async function recordAssessment(page: Page, kind: string, summary: string): Promise<void> {
  await page.getByTestId('preparation-assess').click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByText(kind, { exact: true }).click();
  await dialog.getByText('通过', { exact: true }).click();
  await inputByTestId(page, 'preparation-reference').fill(`民政评〔2026〕${kind.length}号`);
  await inputByTestId(page, 'preparation-summary').fill(summary);
  await page.getByTestId('preparation-save').click();
  await dialog.waitFor({ state: 'detached' });
}

/**
 * 政务数据共享条例第十三条 in the portal (N02, N03), on a 390 px screen: the editor asks the data
 * class and level; a submission without the assessments is refused naming what is missing; the
 * administrator records both assessments, the department head approves, and the entry goes to
 * the authority.
 */
describe.skipIf(!hasChromium)('catalog under the national regulation (N02, N03)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let admin: BrowserContext;
  let head: BrowserContext;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    const { platform } = server;
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select(['id', 'path'])
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const civil = await createDepartment(platform, '示范市民政局', USCCS[0], city.id);
    const adminId = await createUser(platform, ADMIN.username, civil, ['resource_admin']);
    const headId = await createUser(platform, HEAD.username, civil, ['dept_user']);
    await platform.services.departments.offices.set(
      {
        actor: {
          kind: 'user',
          id: adminId,
          name: ADMIN.username,
          departmentId: civil,
          jurisdictionPath: city.path,
          roles: ['resource_admin'],
        },
      },
      civil,
      {
        officeName: '数据共享科',
        officePhone: '0471-1234567',
        officeEmail: 'share@example.gov.cn',
        headUserId: headId,
        headTitle: '副局长',
        officerUserId: adminId,
      },
    );
    admin = await phone(browser, server.url, ADMIN);
    head = await phone(browser, server.url, HEAD);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('N02 N03 grading in the editor, refusal naming what is missing, assessments, the head’s approval, submission', async () => {
    const page = await admin.newPage();
    const shot = screenshots(page, 'catalog-national');
    await page.goto('/catalog/new');
    await page.getByTestId('catalog-editor').waitFor();
    await inputByTestId(page, 'editor-category').fill('003');
    await inputByTestId(page, 'editor-name').fill(ENTRY_NAME);
    await inputByTestId(page, 'editor-summary').fill('全市殡葬服务机构及火化记录。');
    await inputByTestId(page, 'editor-format-concrete').fill('REST');
    await page.getByTestId('item-add').click();
    await inputByTestId(page, 'item-name-0').fill('逝者姓名');
    await inputByTestId(page, 'item-length-0').fill('50');
    await page.getByTestId('item-personal-0').check();
    // Without a data class the live check names the rule of 第十三条.
    await page.locator('[data-testid=editor-issues] li[data-code=CATALOG_GRADING_REQUIRED]').waitFor();
    await choose(page, 'editor-data-class', '一般数据');
    await choose(page, 'editor-data-level', '三级');
    await page.locator('[data-testid=editor-issues][data-count="0"]').waitFor();
    await shot('editor-grading-390');

    // Submitting now is refused: nothing was assessed nor approved.
    await page.getByTestId('editor-submit').click();
    const refusal = page.locator('.ant-message, .ant-notification').filter({ hasText: '提交前须完成' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('保密风险评估、个人信息保护影响评估、部门负责人审核同意');
    await page.waitForURL(/\/catalog\/entries\/[^/]+\/edit$/);
    const id = page.url().split('/').at(-2) as string;

    await page.goto(`/catalog/entries/${id}`);
    await page.getByTestId('entry-preparation').waitFor();
    expect(await page.getByTestId('entry-grading').textContent()).toBe('一般数据 · 三级');
    expect(await page.getByTestId('preparation-missing').textContent()).toContain('保密风险评估');
    expect(await page.getByTestId('preparation-approve').count()).toBe(0);
    await recordAssessment(page, '保密风险评估', '不涉及国家秘密和工作秘密');
    await recordAssessment(page, '个人信息保护影响评估', '仅限民政业务核验使用，影响可控');
    await page.getByTestId('preparation-record-personal_info_impact').waitFor();
    expect(await page.getByTestId('preparation-missing').textContent()).toBe(
      '提交前尚缺：部门负责人审核同意',
    );
    await shot('detail-assessed-390');

    // The head approves on the head's own phone.
    const headPage = await head.newPage();
    const headShot = screenshots(headPage, 'catalog-national');
    await headPage.goto(`/catalog/entries/${id}`);
    await headPage.getByTestId('preparation-approve').click();
    await inputByTestId(headPage, 'preparation-summary').fill('同意报送主管部门审核');
    await headPage.getByTestId('preparation-save').click();
    await headPage.getByTestId('preparation-ready').waitFor();
    await headShot('head-approved-390');
    await headPage.close();

    await page.reload();
    await page.getByTestId('preparation-ready').waitFor();
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-confirm').waitFor();
    await dialogSettled(page);
    await page.getByTestId('action-confirm').click();
    await expect.poll(() => entryStatus(page)).toBe('submitted');
    // Nothing on the page is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(390);
    await shot('detail-submitted-390');
    await page.close();
  }, 120_000);
});
