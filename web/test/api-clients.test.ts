import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../../src/org/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
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

/** Exchanges client credentials for an access token, as a department system would. */
async function tokenStatus(url: string, clientId: string, clientSecret: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  return response.status;
}

describe.skipIf(!hasChromium)('API clients', () => {
  let server: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    // A department's clients are issued by its own resource administrator (issue 12).
    const department = await server.platform.storage.db
      .selectFrom('department')
      .select('id')
      .where('name', '=', '示范市政务服务和数据管理局')
      .executeTakeFirstOrThrow();
    await createUser(server.platform, 'zhang.ziyuan', department.id, ['resource_admin']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a new client secret once to the department’s administrator; the operator cannot mint or rotate, only revoke', async () => {
    const context = await newContext(browser, server.url);
    await signInThroughApi(context, { username: 'zhang.ziyuan', password: PASSWORD });
    const page = await context.newPage();
    const shot = screenshots(page, 'api-clients');

    await page.goto('/clients');
    await page.getByText('暂无 API 客户端').waitFor();
    await shot('1-empty');

    await page.getByTestId('client-create').click();
    await page.getByTestId('client-name').fill('不动产登记系统');
    // The administrator's own department is preselected.
    await page.getByTestId('client-form').getByText('示范市政务服务和数据管理局').waitFor();
    await page.getByTestId('client-submit').click();

    await page.getByTestId('secret-modal').waitFor();
    const clientId = ((await page.getByTestId('client-id').textContent()) ?? '').trim();
    const clientSecret = ((await page.getByTestId('client-secret').textContent()) ?? '').trim();
    expect(clientId).not.toBe('');
    expect(clientSecret.length).toBeGreaterThanOrEqual(20);
    expect(await page.getByTestId('secret-warning').textContent()).toContain('密钥只显示这一次');
    expect(
      await page
        .getByTestId('secret-modal')
        .getByRole('button', { name: /复制|copy/i })
        .count(),
    ).toBeGreaterThanOrEqual(2);
    await shot('2-secret-shown-once');

    // The secret shown is the real one: a department system can exchange it for a token.
    expect(await tokenStatus(server.url, clientId, clientSecret)).toBe(200);

    await page.getByTestId('secret-close').click();
    await page.getByTestId('client-status-不动产登记系统').filter({ hasText: '有效' }).waitFor();
    await expect.poll(async () => (await pageText(page)).includes(clientSecret)).toBe(false);
    // Gone for good: not in the list, not after a reload.
    await page.reload();
    await page.getByTestId('client-status-不动产登记系统').waitFor();
    expect((await pageText(page)).includes(clientSecret)).toBe(false);
    expect(await page.getByTestId('client-table').textContent()).toContain(clientId);
    await shot('3-listed-without-secret');
    expect(await page.getByTestId('client-rotate-不动产登记系统').count()).toBe(1);
    await context.close();

    // The operator sees the client, never a create or rotate button, and may revoke it.
    const operator = await newContext(browser, server.url);
    await signInThroughApi(operator, bootstrapAccount(server.bootstrap, 'sysadmin'));
    const staff = await operator.newPage();
    await staff.goto('/clients');
    await staff.getByTestId('client-status-不动产登记系统').filter({ hasText: '有效' }).waitFor();
    await staff.getByTestId('client-staff-notice').waitFor();
    expect(await staff.getByTestId('client-create').count()).toBe(0);
    expect(await staff.getByTestId('client-rotate-不动产登记系统').count()).toBe(0);
    await screenshots(staff, 'api-clients')('4-operator-view');

    await staff.getByTestId('client-revoke-不动产登记系统').click();
    await staff
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await staff.getByTestId('client-status-不动产登记系统').filter({ hasText: '已吊销' }).waitFor();
    expect(await staff.getByTestId('client-revoke-不动产登记系统').count()).toBe(0);
    await screenshots(staff, 'api-clients')('5-revoked-by-operator');

    expect(await tokenStatus(server.url, clientId, clientSecret)).toBe(401);
    await operator.close();
  }, 60_000);
});
