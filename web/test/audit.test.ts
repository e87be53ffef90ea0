import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const PERSON = '11010519491231002X';

describe.skipIf(!hasChromium)('R85 R88 auditor reads the trace', () => {
  let server: TestPlatform;
  let browser: Browser;
  let auditor: BrowserContext;
  let departmentName: string;

  beforeAll(async () => {
    server = await startPortal();
    const { platform } = server;
    const department = await platform.storage.db
      .selectFrom('department')
      .select(['id', 'name'])
      .executeTakeFirstOrThrow();
    departmentName = department.name;
    // A department system reads the person's household record, through the real audit trail.
    await platform.services.audit.append(
      {
        actor: { kind: 'client', id: 'client-browser', name: '低保审核系统', departmentId: department.id },
        requestId: 'req-browser-1',
        clientIp: '10.9.8.7',
      },
      {
        action: 'exchange.query',
        targetType: 'resource',
        targetId: 'res-huji',
        access: {
          resourceId: 'res-huji',
          method: 'query',
          purpose: '最低生活保障审核',
          caseNumber: 'DB-2026-077',
          resultCount: 1,
          recordKeys: [{ kind: 'resident_id', value: PERSON }],
        },
      },
    );
    browser = await launchBrowser();
    auditor = await newContext(browser, server.url);
    await signInThroughApi(auditor, bootstrapAccount(server.bootstrap, 'auditadmin'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches by ID number, opens the person report and sees the chain status', async () => {
    const page = await auditor.newPage();
    const shot = screenshots(page, 'audit');
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));

    // 1. The trace, searched by the person's ID number (posted, never in a URL).
    await page.goto('/');
    await page.getByTestId('menu-auditTrace').click();
    await page.getByTestId('audit-id-number').fill(PERSON);
    await page.getByTestId('audit-search').click();
    const row = page.getByTestId('audit-row-req-browser-1');
    await row.waitFor();
    expect(await row.textContent()).toContain('最低生活保障审核');
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByText('DB-2026-077').first().waitFor();
    await shot('1-trace-by-id-number');
    expect(urls.some((u) => u.includes(PERSON) || u.includes(PERSON.slice(0, 14)))).toBe(false);

    // 2. The person's access report: who read the record, when, why.
    await page.getByTestId('menu-auditPersonReport').click();
    await page.getByTestId('person-id-number').fill(PERSON.toLowerCase());
    await page.getByTestId('person-submit').click();
    const report = page.getByTestId('person-report');
    await report.waitFor();
    expect(await page.getByTestId('person-accesses').textContent()).toBe('1');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain(departmentName);
    expect(text).toContain('DB-2026-077');
    expect(text).toContain('110105********002X');
    await shot('2-person-report');

    // 3. The chain at a glance, verified by the auditor.
    await page.getByTestId('menu-auditChain').click();
    const card = page.getByTestId('chain-status');
    await card.waitFor();
    expect(Number(await page.getByTestId('chain-head').textContent())).toBeGreaterThan(0);
    await page.getByTestId('chain-verify').click();
    await page.locator('[data-testid=chain-status][data-state=ok]').waitFor();
    expect(await page.getByTestId('chain-state').textContent()).toBe('审计链完整');
    await shot('3-chain-verified');

    // 4. The department's own report counts its read; the exchange view lists it without anomaly.
    await page.getByTestId('menu-auditDepartmentReport').click();
    await page.getByTestId('report-consumed').waitFor();
    expect(await page.getByTestId('report-consumed').textContent()).toMatch(/访问次数\s*1/);
    await shot('4-department-report');
    await page.getByTestId('menu-auditExchange').click();
    const exchange = page.getByTestId('exchange-table');
    await exchange.getByText(departmentName).waitFor();
    expect(await exchange.textContent()).toContain('正常');
    await shot('5-exchange-status');
    expect(await pageText(page)).not.toContain(PERSON);
  });
});
