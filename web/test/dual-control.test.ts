import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlatform } from '../../test/support/platform.ts';
import {
  bootstrapAccount,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

/** Issue 12 in the portal: a reset of the auditor's password waits for the operator, then the requester collects it. */
describe.skipIf(!hasChromium)('dual control of an administrator account in the portal', () => {
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

  it('the security administrator’s reset of auditadmin waits for the operator’s approval; only then is the one-time password shown, once', async () => {
    const sec = await security.newPage();
    const shot = screenshots(sec, 'dual-control');
    await sec.goto('/users');
    await sec.getByTestId('user-more-auditadmin').click();
    await sec.getByRole('menuitem', { name: '重置密码' }).click();
    await dialogSettled(sec);
    await sec.locator('.ant-modal-confirm .ant-btn-primary').click();
    await sec.getByText('已提交双人审批').waitFor();
    expect(await sec.getByTestId('initial-password').count()).toBe(0);
    await shot('1-reset-submitted');

    const pending = await operator.request.get('/api/v1/dual-control-requests?status=pending');
    const [request] = (await pending.json()).items as { id: string; target: { username: string } }[];
    expect(request?.target.username).toBe('auditadmin');
    const id = (request as { id: string }).id;

    const op = await operator.newPage();
    await op.goto('/dual-control');
    await op.getByTestId(`dual-approve-${id}`).click();
    await dialogSettled(op);
    await op.locator('.ant-modal-confirm .ant-btn-primary').click();
    await op.getByText('已批准待领取').waitFor();
    await screenshots(op, 'dual-control')('2-approved-by-operator');
    expect(await op.getByTestId(`dual-collect-${id}`).count()).toBe(0);

    await sec.goto('/dual-control');
    await sec.getByTestId(`dual-collect-${id}`).click();
    const password = sec.getByTestId('initial-password');
    await password.waitFor();
    expect(((await password.textContent()) ?? '').trim().length).toBeGreaterThanOrEqual(10);
    expect(await sec.getByTestId('secret-warning').textContent()).toContain('动态口令保持不变');
    await shot('3-collected-once');
  });
});
