import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
  signInThroughPage,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

describe.skipIf(!hasChromium)('portal sign-in and language', () => {
  let server: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes sysadmin from the one-time password through password change and TOTP enrolment to the dashboard', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const shot = screenshots(page, 'first-login');
    const sysadmin = bootstrapAccount(server.bootstrap, 'sysadmin');

    // A wrong password is refused with the server's localized message.
    await page.goto('/');
    await expect.poll(() => page.url()).toContain('/login');
    await page.getByTestId('login-username').fill('sysadmin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await shot('1-wrong-password');

    const seen: string[] = [];
    const signedIn = await signInThroughPage(page, sysadmin, {
      newPassword: 'Gov-Share#2026!sys',
      onStage: async (stage) => {
        seen.push(stage);
        if (stage === 'password_change') {
          expect(await page.getByTestId('login-step-title').textContent()).toBe('首次登录，请修改密码');
          await shot('2-password-change');
        }
        if (stage === 'totp_enrol') {
          await page.getByTestId('totp-qr').waitFor();
          const src = await page.getByTestId('totp-qr').getAttribute('src');
          expect(src).toMatch(/^data:image\/png;base64,/);
          expect(
            await page.getByTestId('totp-qr').evaluate((img: HTMLImageElement) => img.naturalWidth),
          ).toBeGreaterThan(0);
          expect((await page.getByTestId('totp-secret').textContent())?.trim()).toMatch(/^[A-Z2-7]{16,}$/);
          await shot('3-totp-enrol');
        }
      },
    });
    expect(seen).toEqual(['credentials', 'password_change', 'totp_enrol', 'done']);
    expect(signedIn.totpSecret).toBeTruthy();

    await page.getByTestId('dashboard-welcome').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('current-user-name').textContent()).toBe('系统管理员');
    expect(await page.getByTestId('current-user-roles').textContent()).toContain('系统管理员');
    await page.getByTestId('stat-departments').getByText('1', { exact: true }).waitFor();
    await shot('4-dashboard');

    // Signing out returns to the login page, and the session no longer opens the shell.
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    await page.goto('/users');
    await page.getByTestId('login-username').waitFor();
    await shot('5-signed-out');
    await context.close();
  }, 60_000);

  it('switches the menu to English and remembers the choice', async () => {
    const context = await newContext(browser, server.url);
    await signInThroughApi(context, bootstrapAccount(server.bootstrap, 'secadmin'));
    const page = await context.newPage();
    const shot = screenshots(page, 'language');
    await page.goto('/');
    await page.getByTestId('dashboard-welcome').waitFor();
    const menu = page.getByTestId('side-menu');
    await menu.getByText('首页', { exact: true }).waitFor();
    await menu.getByText('用户', { exact: true }).waitFor();
    await shot('1-chinese');

    await page.getByTestId('lang-en').click();
    await menu.getByText('Home', { exact: true }).waitFor();
    await menu.getByText('Users', { exact: true }).waitFor();
    await menu.getByText('Roles', { exact: true }).waitFor();
    expect(await menu.getByText('用户', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('logout').textContent()).toContain('Sign out');
    await shot('2-english');

    // Remembered across a reload; antd's own texts (pagination, empty states) follow too.
    await page.reload();
    await menu.getByText('Users', { exact: true }).waitFor();
    await page.getByTestId('menu-users').click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByText('3 in total').waitFor();
    await shot('3-english-users');

    // API errors arrive in the UI language: the page sends it as Accept-Language.
    const logout = page.getByTestId('logout');
    await logout.click();
    await page.getByTestId('login-username').fill('secadmin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    const error = await page.getByTestId('login-error').textContent();
    expect(error).toMatch(/[A-Za-z]/);
    expect(error).not.toMatch(/[\u4e00-\u9fff]/);
    await shot('4-english-error');
    await context.close();
  }, 60_000);
});
