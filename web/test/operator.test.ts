import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../../test/support/platform.ts';
import { usccCheckCharacter } from '../src/lib/uscc.ts';
import { fieldErrors, pickOption } from './support/antd.ts';
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

const BOOTSTRAP_USCC = '11990100010234564W';
const USCC_BODY = '11990102MB0123456';
const VALID_USCC = `${USCC_BODY}${usccCheckCharacter(USCC_BODY)}`;
const BAD_USCC = `${USCC_BODY}${VALID_USCC.endsWith('0') ? '1' : '0'}`;

describe.skipIf(!hasChromium)('operator builds the organisation', () => {
  let server: TestPlatform;
  let browser: Browser;
  let operator: BrowserContext;
  let security: BrowserContext;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    operator = await newContext(browser, server.url);
    await signInThroughApi(operator, bootstrapAccount(server.bootstrap, 'sysadmin'));
    security = await newContext(browser, server.url);
    await signInThroughApi(security, bootstrapAccount(server.bootstrap, 'secadmin'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a jurisdiction, a department (bad USCC refused on the field) and a resource administrator', async () => {
    const page = await operator.newPage();
    const shot = screenshots(page, 'operator');

    // 1. A county under the bootstrap city.
    await page.goto('/jurisdictions');
    await page.getByTestId('jurisdiction-node-990100').click();
    await page.getByTestId('jurisdiction-create-child').click();
    await page.getByTestId('jurisdiction-code').fill('990102');
    await page.getByTestId('jurisdiction-name').fill('示范区');
    await shot('1-jurisdiction-form');
    await page.getByTestId('jurisdiction-submit').click();
    await page.getByTestId('jurisdiction-node-990102').waitFor();
    expect(await page.getByTestId('jurisdiction-detail').textContent()).toContain('县级');
    await shot('2-jurisdiction-created');

    // 2. A department: the check character is verified before the form is sent…
    await page.getByTestId('menu-departments').click();
    await page.getByTestId('department-create').click();
    await page.getByTestId('department-name').fill('示范区自然资源局');
    await page.getByTestId('department-short-name').fill('区自然资源局');
    await pickOption(page, page.getByLabel('所属行政区划'), '示范区', '示范区（990102）');
    await page.getByTestId('department-uscc').fill(BAD_USCC);
    await page.getByTestId('department-submit').click();
    const usccErrors = fieldErrors(page, page.getByTestId('department-uscc'));
    await usccErrors.filter({ hasText: '统一社会信用代码无效' }).waitFor();
    await shot('3-department-bad-uscc');

    // …and the server's own refusal (a code already in use) lands on the same field.
    await page.getByTestId('department-uscc').fill(BOOTSTRAP_USCC);
    await page.getByTestId('department-submit').click();
    await usccErrors.filter({ hasText: `已存在：${BOOTSTRAP_USCC}` }).waitFor();
    expect(await page.getByTestId('department-form').isVisible()).toBe(true);
    await shot('4-department-duplicate-uscc');

    await page.getByTestId('department-uscc').fill(VALID_USCC);
    await page.getByTestId('department-submit').click();
    await page.getByTestId(`department-link-${VALID_USCC}`).waitFor();
    await shot('5-department-created');

    // 3. A user of that department: the one-time password is shown once.
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('zrzy.wang');
    await page.getByTestId('user-display-name').fill('王资源');
    await pickOption(page, page.getByLabel('部门', { exact: true }), '自然资源', '示范区自然资源局');
    await page.getByTestId('user-email').fill('wang@example.gov.cn');
    await page.getByTestId('user-submit').click();
    const password = page.getByTestId('initial-password');
    await password.waitFor();
    const oneTime = (await password.textContent())?.trim() ?? '';
    expect(oneTime.length).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId('secret-warning').textContent()).toContain('只显示这一次');
    await shot('6-user-one-time-password');
    await page.getByTestId('secret-close').click();
    await page.getByTestId('user-status-zrzy.wang').waitFor();
    await expect.poll(async () => (await pageText(page)).includes(oneTime)).toBe(false);

    // 4. Separation of duties: the security administrator, not the operator, grants the role.
    expect(await page.getByTestId('user-roles-zrzy.wang').count()).toBe(0);
    const secPage = await security.newPage();
    const secShot = screenshots(secPage, 'operator');
    await secPage.goto('/users');
    await secPage.getByTestId('user-roles-zrzy.wang').click();
    // The dialog fills in the current roles as it opens: click until the new role stays chosen.
    const role = secPage.getByTestId('role-resource_admin');
    await expect
      .poll(async () => {
        if (!(await role.isChecked())) await role.click();
        return role.isChecked();
      })
      .toBe(true);
    await secShot('7-grant-resource-admin');
    await secPage.getByTestId('roles-submit').click();
    const row = secPage.locator('tr', { has: secPage.getByTestId('user-status-zrzy.wang') });
    await row.locator('[data-role=resource_admin]').waitFor();
    await secShot('8-role-granted');

    // 5. The department's detail lists its resource administrator.
    await page.getByTestId('menu-departments').click();
    await page.getByTestId(`department-link-${VALID_USCC}`).click();
    await page.getByTestId('department-resource-admins').getByText('王资源').waitFor();
    await shot('9-department-resource-admins');

    // The role matrix shows who holds the grant: the security administrator, not the operator.
    await page.goto('/roles');
    const grantRow = page.getByTestId('role-matrix').locator('tr', { hasText: 'user.grantRole' });
    await grantRow.waitFor();
    expect(await grantRow.locator('.ant-tag').count()).toBe(1);
    await shot('10-role-matrix');
  }, 90_000);

  it("loads a year's holiday notice into the working calendar", async () => {
    const page = await operator.newPage();
    const shot = screenshots(page, 'calendar');
    await page.goto('/calendar');
    await page.getByTestId('calendar-table').locator('tbody tr').first().waitFor();
    await shot('1-years');

    await page.getByTestId('calendar-upload').click();
    const notice = {
      year: 2031,
      holidays: ['2031-01-01', '2031-10-01', '2031-10-02', '2031-10-03'],
      workdays: [],
      source: '国办发明电〔2030〕测试号',
    };
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: 'notice-2031.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(notice)),
    });
    await expect.poll(() => page.getByTestId('calendar-json').inputValue()).toContain('"year":2031');
    await shot('2-upload');
    await page.getByTestId('calendar-submit').click();
    const row = page.getByTestId('calendar-table').locator('tr', { hasText: '2031' });
    await row.getByText('正式').waitFor();
    expect(await row.textContent()).toContain(notice.source);
    await shot('3-uploaded');
  }, 60_000);
});
