import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictionByCode } from '../../src/org/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { pickOption } from './support/antd.ts';
import {
  bootstrapAccount,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const USCC = '11990100010258320D';

describe.skipIf(!hasChromium)('N01 R126 R128 a department’s sharing office in the portal', () => {
  let server: TestPlatform;
  let browser: Browser;
  let operator: BrowserContext;

  beforeAll(async () => {
    server = await startPortal();
    browser = await launchBrowser();
    const { departments, users } = server.platform.services;
    const department = await departments.create(undefined, {
      name: '示范市卫生健康委员会',
      shortName: '市卫健委',
      uscc: USCC,
      jurisdictionId: (await jurisdictionByCode(server.platform.storage.db, '990100'))?.id as string,
      kind: 'government',
    });
    for (const [username, displayName] of [
      ['zhang.zhuren', '张主任'],
      ['li.zhuanyuan', '李专员'],
    ]) {
      await users.create(undefined, {
        username: username as string,
        displayName: displayName as string,
        departmentId: department.id,
        roles: ['dept_user'],
        password: 'Str0ng!Passw0rd',
      });
    }
    operator = await newContext(browser, server.url);
    await signInThroughApi(operator, bootstrapAccount(server.bootstrap, 'sysadmin'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records the office, head and officer, changes the head, and shows the history newest first, also at 390 px', async () => {
    const page = await operator.newPage();
    const shot = screenshots(page, 'sharing-office');
    await page.goto('/departments');
    await page.getByTestId(`department-link-${USCC}`).click();
    const section = page.getByTestId('department-office');
    await section.getByTestId('office-empty').waitFor();
    await shot('1-not-recorded');

    // First record: the head and the officer are accounts of the department.
    await section.getByTestId('office-edit').click();
    await page.getByTestId('office-name-input').fill('  市卫健委数据共享办公室  ');
    await page.getByTestId('office-phone-input').fill('0371-12345678');
    await page.getByTestId('office-email-input').fill('share@wjw.example.gov.cn');
    await pickOption(page, page.getByLabel('负责人账号'), '张主任', '张主任');
    await page.getByTestId('office-head-title-input').fill('副主任');
    await pickOption(page, page.getByLabel('共享工作专人'), '李专员', '李专员');
    await shot('2-edit-dialog');
    await page.getByTestId('office-submit').click();
    await section.getByTestId('office-record').waitFor();
    expect(await section.getByTestId('office-name').textContent()).toBe('市卫健委数据共享办公室');
    expect(await section.getByTestId('office-head').textContent()).toBe('张主任（副主任）');
    expect(await section.getByTestId('office-officer').textContent()).toBe('李专员');
    const rows = section.getByTestId('office-history').locator('tbody tr.ant-table-row');
    await rows.first().filter({ hasText: '首次登记' }).waitFor();

    // The head has no platform account: name and title.
    await section.getByTestId('office-edit').click();
    await page.getByTestId('office-head-kind').getByText('无平台账号').click();
    await page.getByTestId('office-head-name-input').fill('王局长');
    await page.getByTestId('office-head-title-input').fill('主任');
    await page.getByTestId('office-submit').click();
    await section.getByTestId('office-head').filter({ hasText: '王局长（主任）' }).waitFor();
    expect(await section.getByTestId('office-head').textContent()).toContain('无账号');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const latest = (await rows.first().textContent()) ?? '';
    expect(latest).toContain('负责人：张主任 → 王局长');
    expect(latest).toContain('负责人职务：副主任 → 主任');
    // Who changed it, by the name people read (the account is in the audit trail).
    expect(latest).toContain('系统管理员');
    expect(await rows.nth(1).textContent()).toContain('首次登记');
    await shot('3-history');

    // Confirming without change is kept too, newest first.
    await section.getByTestId('office-confirm').click();
    await rows.first().filter({ hasText: '确认无变化' }).waitFor();
    expect(await rows.count()).toBe(3);
    expect(await section.getByTestId('office-stale').count()).toBe(0);

    // A phone: the detail takes the whole width and nothing runs past it.
    await page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    const box = await section.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await shot('4-phone');
    await page.close();
  }, 90_000);
});
