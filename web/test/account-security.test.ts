import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/org/roles.ts';
import { OrgClient } from '../../src/org/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const PASSWORD = 'Str0ng!Passw0rd';

/** The usernames in the table's rows, top to bottom. */
const rows = (page: Page) =>
  page.locator('[data-testid=security-table] tbody tr.ant-table-row code').allTextContents();
const summary = (page: Page, concern: string) =>
  page.getByTestId(`security-summary-${concern}`).getAttribute('data-value');

/**
 * Issue 22 in the portal: the security administrator's 账号安全 page counts locked accounts,
 * failed sign-ins, missing TOTP and accounts without a role, filters, sorts and pages them on the
 * server, and unlocks through the users page's act (an administrator's unlock waits for a second
 * administrator); on a phone the page does not scroll sideways.
 */
describe.skipIf(!hasChromium)('account security page', () => {
  let server: TestPlatform;
  let browser: Browser;
  let security: BrowserContext;

  /** Fails to sign in as `username` until the account locks, from an address of its own. */
  const lockOut = async (username: string) => {
    const client = new OrgClient(server.platform);
    for (let i = 0; i < server.platform.config.login.maxFailures; i++) {
      const res = await client.request('POST', '/api/v1/auth/login', {
        username,
        password: 'Wr0ng!Password',
      });
      expect(res.status).toBe(401);
    }
  };

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    const department = await server.platform.storage.db
      .selectFrom('department')
      .select('id')
      .executeTakeFirstOrThrow();
    const accounts: [string, string, Role[]][] = [
      ['zhang.locked', '张锁定', ['dept_user']],
      ['li.norole', '李无角色', []],
      ['zhao.authority', '赵主管', ['authority']],
      ['qian.ok', '钱正常', ['dept_user']],
    ];
    for (const [username, displayName, roles] of accounts)
      await server.platform.services.users.create(undefined, {
        username,
        displayName,
        departmentId: department.id,
        roles,
        password: PASSWORD,
      });
    await lockOut('zhang.locked');
    await lockOut('auditadmin');
    security = await newContext(browser, server.url);
    await signInThroughApi(security, bootstrapAccount(server.bootstrap, 'secadmin'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('at 1440 px: the counts, the filters, server-side sorting, and unlocking (an administrator’s waits for dual control)', async () => {
    const page = await security.newPage();
    const shot = screenshots(page, 'account-security');
    await page.goto('/');
    await page.getByTestId('menu-accountSecurity').click();
    await page.getByRole('heading', { name: '账号安全' }).waitFor();
    await expect.poll(() => summary(page, 'locked')).toBe('2');
    expect(await summary(page, 'failedSignIns')).toBe('2');
    // zhao.authority, and the operator and auditor who have not signed in yet to bind theirs.
    expect(await summary(page, 'totpMissing')).toBe('3');
    expect(await summary(page, 'noRole')).toBe('1');
    expect(await page.getByTestId('security-summary-failedSignIns').textContent()).toContain('近7日登录失败');
    await expect.poll(() => rows(page)).toHaveLength(5);
    expect(await rows(page)).not.toContain('qian.ok');
    expect(await page.getByTestId('security-lock-zhang.locked').textContent()).toContain(
      '连续失败 5 次后锁定',
    );
    expect(await page.getByTestId('security-failures-zhang.locked').textContent()).toContain('5 次');
    await shot('1-overview');

    // Sorted on the server by username, ascending.
    await page.locator('[data-testid=security-table] th', { hasText: '账号' }).click();
    await expect
      .poll(() => rows(page))
      .toEqual(['auditadmin', 'li.norole', 'sysadmin', 'zhang.locked', 'zhao.authority']);

    // A card is a filter.
    await page.getByTestId('security-summary-noRole').click();
    await expect.poll(() => rows(page)).toEqual(['li.norole']);
    expect(await page.getByTestId('security-concerns-li.norole').textContent()).toContain('未分配角色');
    await page.getByTestId('security-summary-locked').click();
    await expect.poll(() => rows(page)).toEqual(['auditadmin', 'zhang.locked']);
    await shot('2-locked');

    await page.getByTestId('security-unlock-zhang.locked').click();
    await page.getByText('已解锁').first().waitFor();
    await expect.poll(() => rows(page)).toEqual(['auditadmin']);
    expect(await summary(page, 'locked')).toBe('1');

    const ask = page.getByTestId('security-unlock-auditadmin');
    expect(await ask.textContent()).toContain('申请解锁');
    await ask.click();
    await page.getByText('已提交双人审批').waitFor();
    expect(await rows(page)).toEqual(['auditadmin']);
    await shot('3-unlock-requested');

    // The users page flags the account without a role.
    await page.goto('/users');
    expect(await page.getByTestId('user-no-role-li.norole').textContent()).toBe('未分配角色');
    await page.close();
  });

  it('at 390×844: the page does not scroll sideways; the table scrolls inside itself', async () => {
    const page = await security.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const shot = screenshots(page, 'account-security-phone');
    await page.goto('/account-security');
    await expect.poll(() => summary(page, 'noRole')).toBe('1');
    await expect.poll(() => rows(page)).toHaveLength(5);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('overview');
    await page.close();
  });

  it('the operator has no such page: not in the menu, refused by address', async () => {
    const operator = await newContext(browser, server.url);
    await signInThroughApi(operator, bootstrapAccount(server.bootstrap, 'sysadmin'));
    const page = await operator.newPage();
    await page.goto('/account-security');
    await page.getByText('您没有访问此页面的权限').waitFor();
    await page.getByTestId('menu-users').waitFor();
    expect(await page.getByTestId('menu-accountSecurity').count()).toBe(0);
    const api = await operator.request.get('/api/v1/security/accounts');
    expect(api.status()).toBe(403);
    await operator.close();
  });
});
