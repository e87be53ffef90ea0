import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, type TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughPage,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const ADMIN_PAGES = ['jurisdictions', 'departments', 'users', 'roles', 'apiClients'];
const EVERYONE_PAGES = ['dashboard', 'policy', 'calendar'];

describe.skipIf(!hasChromium)('department user', () => {
  let server: TestPlatform;
  let browser: Browser;
  let oneTimePassword: string;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    // The operator creates the account, the security administrator grants the role (三员分立).
    const operator = new TestClient(server.platform);
    const sysadmin = bootstrapAccount(server.bootstrap, 'sysadmin');
    await operator.signIn(sysadmin.username, sysadmin.password);
    const departments = await operator.request('GET', '/api/v1/departments');
    const created = await operator.request('POST', '/api/v1/users', {
      username: 'li.keyuan',
      displayName: '李科员',
      departmentId: departments.body.items[0].id,
    });
    expect(created.status).toBe(201);
    oneTimePassword = created.body.initialPassword;
    const security = new TestClient(server.platform);
    const secadmin = bootstrapAccount(server.bootstrap, 'secadmin');
    await security.signIn(secadmin.username, secadmin.password);
    const granted = await security.request('PUT', `/api/v1/users/${created.body.user.id}/roles`, {
      roles: ['dept_user'],
    });
    expect(granted.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with a one-time password, without TOTP, and sees no administration pages', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const shot = screenshots(page, 'department-user');
    const stages: string[] = [];
    await signInThroughPage(
      page,
      { username: 'li.keyuan', password: oneTimePassword },
      {
        onStage: async (stage) => {
          stages.push(stage);
          if (stage === 'password_change') await shot('1-password-change');
        },
      },
    );
    // A department user's role needs no second factor.
    expect(stages).toEqual(['credentials', 'password_change', 'done']);
    expect(await page.getByTestId('current-user-roles').textContent()).toContain('部门用户');

    // An administration page opened by address is refused (and the menu has settled by then).
    await page.goto('/users');
    await page.getByText('您没有访问此页面的权限').waitFor();
    await shot('2-forbidden-page');

    const menu = page.getByTestId('side-menu');
    for (const item of EVERYONE_PAGES) await menu.getByTestId(`menu-${item}`).waitFor();
    for (const item of ADMIN_PAGES) expect(await menu.getByTestId(`menu-${item}`).count(), item).toBe(0);
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('dashboard-welcome').waitFor();
    expect(await page.getByTestId('stat-users').textContent()).toContain('无权查看');
    await shot('3-dashboard');

    // Everyone reads the policy profile, each number with its article, and the calendar years.
    await page.getByTestId('menu-policy').click();
    await page.getByTestId('policy-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('policy-table').textContent()).toMatch(/第|Art|§/);
    await shot('4-policy');
    await page.getByTestId('menu-calendar').click();
    await page.getByTestId('calendar-table').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('calendar-upload').count()).toBe(0);
    await shot('5-calendar');

    // A session that ends (expired, revoked) sends the next call's 401 back to the login page.
    await context.clearCookies();
    await page.getByTestId('menu-policy').click();
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  }, 60_000);
});
