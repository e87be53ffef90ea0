import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateXlsx } from '../../src/catalog/exchange-formats/template.ts';
import { readyToSubmit } from '../../src/catalog/test-support/preparation.ts';
import { createDepartment, createUser, PASSWORD, USCCS } from '../../src/org/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { choose, inputByTestId } from './support/antd.ts';
import {
  type Credentials,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
  signInThroughPage,
} from './support/browser.ts';
import { entryStatus } from './support/catalog-entry.ts';
import { startPortal } from './support/portal.ts';

const ADMIN = { username: 'mz.ziyuan', password: PASSWORD };
const AUTHORITY = { username: 'zg.hedingyuan', password: PASSWORD };
const READER = { username: 'ga.keyuan', password: PASSWORD };
const ENTRY_NAME = '婚姻登记信息';

/** An antd radio button: the test id sits on its hidden input, the click goes to its label. */
function radio(page: Page, testId: string) {
  return page.locator(`label:has([data-testid="${testId}"])`);
}

describe.skipIf(!hasChromium)('catalog portal (R01, R04, R20, R21)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let admin: BrowserContext;
  let entry: { id: string; code: string };
  let authority: Credentials = AUTHORITY;
  let authorityContext: BrowserContext;

  beforeAll(async () => {
    // Inner Mongolia's rules (Art.13) ask a legal basis of conditional sharing too, not only of not sharing.
    server = await startPortal({ profile: 'inner-mongolia' });
    browser = await launchBrowser();
    const { platform } = server;
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select('id')
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const civil = await createDepartment(platform, '示范市民政局', USCCS[0], city.id);
    const police = await createDepartment(platform, '示范市公安局', USCCS[1], city.id);
    const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[2], city.id);
    await createUser(platform, ADMIN.username, civil, ['resource_admin']);
    await createUser(platform, READER.username, police, ['dept_user']);
    await createUser(platform, AUTHORITY.username, bureau, ['authority']);
    admin = await newContext(browser, server.url);
    await signInThroughApi(admin, ADMIN);
  }, 60_000);
  afterAll(async () => {
    await authorityContext?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the legal-basis error live when the share type is conditional without a basis (R20)', async () => {
    const page = await admin.newPage();
    const shot = screenshots(page, 'catalog');
    await page.goto('/catalog/new');
    await page.getByTestId('catalog-editor').waitFor();
    await inputByTestId(page, 'editor-category').fill('002');
    await inputByTestId(page, 'editor-name').fill('社会救助对象信息');
    await inputByTestId(page, 'editor-summary').fill('最低生活保障、特困人员等社会救助对象的认定信息。');
    await inputByTestId(page, 'editor-format-concrete').fill('REST');
    await radio(page, 'share-type-conditional').click();
    // The server's validator answers; its message lands beside the legal-basis list and in the list.
    const error = page.getByTestId('legal-basis-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/依据/);
    await page.locator('[data-testid=editor-issues] li[data-code=CATALOG_LEGAL_BASIS_REQUIRED]').waitFor();
    await shot('editor-legal-basis-error');

    // Giving a basis clears that issue.
    await page.getByTestId('basis-add').click();
    await inputByTestId(page, 'basis-title-0').fill('《社会救助暂行办法》');
    await inputByTestId(page, 'basis-article-0').fill('第六十一条');
    await page
      .locator('[data-testid=editor-issues] li[data-code=CATALOG_LEGAL_BASIS_REQUIRED]')
      .waitFor({ state: 'detached' });
    expect(await error.count()).toBe(0);
    await page.close();
  }, 60_000);

  it('walks an entry from draft to published and lets another department find it by a Chinese word (R01, R21)', async () => {
    // 1. The resource administrator fills the editor: two items, conditional sharing with its basis.
    const page = await admin.newPage();
    const shot = screenshots(page, 'catalog');
    await page.goto('/my-catalog');
    await page.getByTestId('mine-table').waitFor();
    await page.getByTestId('mine-new').click();
    await page.getByTestId('catalog-editor').waitFor();
    await inputByTestId(page, 'editor-category').fill('001');
    await inputByTestId(page, 'editor-name').fill(ENTRY_NAME);
    await inputByTestId(page, 'editor-summary').fill(
      '全市结婚、离婚登记及补领婚姻登记证记录，含登记机关、登记日期。',
    );
    await inputByTestId(page, 'editor-format-concrete').fill('REST');
    const keywords = inputByTestId(page, 'editor-keywords');
    await keywords.click();
    await keywords.fill('婚姻');
    await keywords.press('Enter');
    await keywords.fill('民政');
    await keywords.press('Enter');

    await page.getByTestId('item-add').click();
    await page.getByTestId('item-add').click();
    await inputByTestId(page, 'item-name-0').fill('公民身份号码');
    await inputByTestId(page, 'item-length-0').fill('18');
    await page.getByTestId('item-key-0').check();
    await choose(page, 'item-key-kind-0', '公民身份号码');
    await page.getByTestId('item-personal-0').check();
    await inputByTestId(page, 'item-name-1').fill('登记日期');
    await choose(page, 'item-type-1', '日期型');

    await radio(page, 'share-type-conditional').click();
    await inputByTestId(page, 'editor-share-conditions').fill('仅用于婚姻状况核验');
    await page.getByTestId('basis-add').click();
    await inputByTestId(page, 'basis-title-0').fill('《婚姻登记条例》');
    await inputByTestId(page, 'basis-article-0').fill('第二条');
    // 数据分类分级 (政务数据共享条例第十三条): the national rule applies on top of Inner Mongolia's.
    await choose(page, 'editor-data-class', '一般数据');
    await choose(page, 'editor-data-level', '二级');
    await page.locator('[data-testid=editor-issues][data-count="0"]').waitFor();
    await shot('editor-filled');

    // Saved as a draft; its assessments and the head's approval (N02, tested in catalog-national)
    // are recorded before it is submitted from the entry's page.
    await page.getByTestId('editor-save').click();
    await page.waitForURL(/\/catalog\/entries\/[^/]+$/);
    await page.getByTestId('entry-name').filter({ hasText: ENTRY_NAME }).waitFor();
    await readyToSubmit(server.platform, page.url().split('/').pop() as string);
    await page.reload();
    // Under CI load a confirm has been seen not to take; the step is tried again while the entry is
    // still a draft with no dialog and no error shown (a refusal shows its message and ends the poll).
    await expect
      .poll(async () => {
        const status = await entryStatus(page);
        if (status === 'draft' && (await page.locator('.ant-modal-wrap:visible').count()) === 0) {
          await page.getByTestId('action-submit').click();
          await dialogSettled(page);
          await page.getByTestId('action-confirm').click();
        }
        return entryStatus(page);
      })
      .toBe('submitted');
    entry = {
      id: page.url().split('/').pop() as string,
      code: ((await page.getByTestId('entry-code').textContent()) ?? '').trim(),
    };
    expect(entry.code).toMatch(/^3\d{2}001\/\d{6}$/);
    await page.getByRole('tab', { name: /信息项/ }).click();
    expect(await page.getByTestId('entry-items').locator('tbody tr').count()).toBe(2);
    await shot('detail-submitted-items');

    // 2. The competent authority signs in with TOTP and ratifies it from the inbox.
    authorityContext = await newContext(browser, server.url);
    const authorityPage = await authorityContext.newPage();
    const authorityShot = screenshots(authorityPage, 'catalog');
    authority = await signInThroughPage(authorityPage, authority);
    expect(authority.totpSecret).toBeTruthy();
    await authorityPage.getByTestId('menu-catalogInbox').click();
    const link = authorityPage.getByTestId(`inbox-link-${entry.code}`);
    await link.waitFor();
    await authorityShot('inbox');
    await link.click();
    await authorityPage.getByTestId('action-ratify').click();
    await dialogSettled(authorityPage);
    await inputByTestId(authorityPage, 'action-comment').fill('编目规范，共享依据充分，同意核定。');
    await authorityPage.getByTestId('action-confirm').click();
    await expect.poll(() => entryStatus(authorityPage)).toBe('ratified');
    await authorityPage.getByRole('tab', { name: /版本历史/ }).click();
    await authorityPage.getByTestId('version-1').getByText('核定通过').waitFor();
    await authorityShot('detail-ratified-versions');
    await authorityPage.close();

    // 3. The resource administrator publishes what was ratified.
    await page.reload();
    await page.getByTestId('action-publish').click();
    await dialogSettled(page);
    await page.getByTestId('action-confirm').click();
    await expect.poll(() => entryStatus(page)).toBe('published');
    await shot('detail-published');
    await page.goto('/my-catalog');
    await page.getByTestId(`mine-link-${entry.code}`).waitFor();
    await shot('mine');
    await page.close();

    // 4. A user of another department finds it by a two-character word of its name and opens it.
    const readerContext = await newContext(browser, server.url);
    await signInThroughApi(readerContext, READER);
    const reader = await readerContext.newPage();
    const readerShot = screenshots(reader, 'catalog');
    await reader.goto('/catalog');
    await inputByTestId(reader, 'catalog-search').fill('婚姻');
    await inputByTestId(reader, 'catalog-search').press('Enter');
    await reader.waitForURL(/[?&]q=/);
    const result = reader.getByTestId(`result-${entry.code}`);
    await result.waitFor();
    expect(await result.locator('mark').first().textContent()).toBe('婚姻');
    expect(await reader.getByTestId('catalog-facets').textContent()).toContain('示范市民政局');
    await readerShot('search');
    await result.getByTestId('result-link').click();
    await reader.getByTestId('entry-name').filter({ hasText: ENTRY_NAME }).waitFor();
    expect(await reader.getByTestId('entry-provider').textContent()).toContain('示范市民政局');
    // A reader of another department may take no step on the entry.
    expect(await reader.getByTestId('entry-actions').count()).toBe(0);
    await reader.getByRole('tab', { name: /共享属性/ }).click();
    expect(await reader.getByTestId('entry-legal-basis').textContent()).toContain('《婚姻登记条例》');
    await readerShot('detail-share');
    await readerContext.close();
  }, 120_000);

  it('lets the authority record a law change with its deadline and compile the shared catalog (R08, R09)', async () => {
    const page = await authorityContext.newPage();
    const shot = screenshots(page, 'catalog');
    await page.goto('/obligations');
    await page.getByTestId('obligation-table').waitFor();
    await page.getByTestId('obligation-record').click();
    await choose(page, 'obligation-department', '示范市民政局');
    await page.getByLabel('变化说明').fill('《婚姻登记条例》修订，调整了登记信息项');
    await page.getByTestId('obligation-submit').click();
    const row = page.getByTestId('obligation-table').locator('tbody tr', { hasText: '示范市民政局' });
    await row.waitFor();
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('due');
    expect(await row.textContent()).toMatch(/剩余 \d+ 个工作日/);
    await shot('obligations');

    await page.getByTestId('menu-editions').click();
    await page.getByTestId('edition-compile').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const edition = page.getByTestId('edition-table').getByText('第 1 版');
    await edition.waitFor();
    await edition.click();
    await page.getByTestId('edition-digest').waitFor();
    await page.locator('.ant-drawer').getByText(ENTRY_NAME).waitFor();
    await shot('editions');
    await page.close();
  }, 60_000);

  it('imports nothing from an xlsx with an error and lists it by sheet, row and column', async () => {
    const workbook = await templateXlsx({
      resources: [
        {
          序号: '1',
          目录类别: '部门',
          目: '002',
          信息资源名称: '殡葬服务信息',
          信息资源摘要: '全市殡葬服务机构及火化记录。',
          格式分类: '数据库',
          具体格式: 'MySQL',
          更新周期: '每月',
          共享类型: '无条件共享',
          共享方式: '共享平台方式（接口）',
          是否向社会开放: '否',
          是否涉密: '否',
        },
      ],
      items: [
        { 资源序号: '1', 信息项名称: '逝者姓名', 数据类型: 'C', 长度: '50', 是否个人信息: '是' },
        { 资源序号: '1', 信息项名称: '火化日期', 数据类型: 'X' },
      ],
    });
    const file = join(mkdtempSync(join(tmpdir(), 'catalog-import-')), '殡葬目录.xlsx');
    writeFileSync(file, workbook);

    const page = await admin.newPage();
    const shot = screenshots(page, 'catalog');
    await page.goto('/my-catalog');
    await page.getByTestId('mine-import').click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-start').click();
    const errors = page.getByTestId('import-error-table');
    await errors.waitFor();
    const row = errors.locator('tbody tr', { hasText: '数据类型' });
    expect(await row.count()).toBeGreaterThan(0);
    const cells = await row.first().locator('td').allTextContents();
    expect(cells[0]).toBe('信息项');
    expect(cells[1]).toBe('3');
    expect(cells[2]).toMatch(/^C\s*数据类型$/);
    expect(await page.getByTestId('import-error-report').getAttribute('href')).toMatch(/errors\.xlsx$/);
    await shot('import-errors');
    // Nothing was imported.
    const listed = await admin.request.get('/api/v1/catalog/entries?mine=true');
    expect((await listed.json()).items.map((e: { name: string }) => e.name)).not.toContain('殡葬服务信息');
    await page.close();
  }, 60_000);
});
