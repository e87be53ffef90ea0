import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../../test/support/platform.ts';
import { hasChromium, launchBrowser, newContext, screenshots } from './support/browser.ts';
import { startPortal } from './support/portal.ts';

describe.skipIf(!hasChromium)('single sign-on button', () => {
  let server: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    // An identity provider nobody answers for: the button is shown, and a failed attempt comes back.
    server = await startPortal({
      oidc: {
        issuer: 'http://127.0.0.1:9/realms/gov',
        clientId: 'govshare',
        clientSecret: 'not-a-secret',
        label: '统一身份认证登录',
        usernameClaim: 'preferred_username',
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('offers 统一身份认证登录 when SSO is configured and reports a failed attempt on the login page', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const shot = screenshots(page, 'sso');
    await page.goto('/login');
    const button = page.getByTestId('login-sso');
    await button.waitFor();
    expect((await button.textContent())?.trim()).toBe('统一身份认证登录');
    expect(await button.getAttribute('href')).toBe('/api/v1/auth/oidc/start');
    await shot('1-button');

    await button.click();
    await page.getByTestId('login-error').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('sso_error')).toMatch(/^AUTH_SSO_/);
    expect(await page.getByTestId('login-error').textContent()).toContain('统一身份认证登录失败');
    await shot('2-failed');
    await context.close();
  }, 60_000);
});
