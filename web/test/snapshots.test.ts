import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../../src/exchange/test-support/index.ts';
import { PASSWORD } from '../../src/org/test-support/index.ts';
import {
  BROWSER_DIALECTS,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { axeViolations } from './support/walk.ts';

const CASE = 'GZ-ZF-2026-0815';

/** How far the page is wider than the screen (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'R107 data snapshot list and voucher on %s (issue 19)',
  (dialect) => {
    let x: ExchangeWorld;
    let browser: Browser;
    let consumer: BrowserContext;
    let client: ApiRequester;
    let snapshotId = '';
    let digest = '';

    beforeAll(async () => {
      x = await startExchangeWorld(dialect, {
        profile: 'guangzhou',
        content: exchangeContent({
          name: '居住证电子证照',
          classification: { catalog: 'base', area: 'e_licence', category: '001' },
        }),
        records: 3,
        listen: true,
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      await x.grant(['公民身份号码', '姓名', '参保状态', '缴费基数'], ['online_query']);
      client = await x.apiClient(x.w.departments.hrss);
      const keys = x.records.slice(0, 2).map((r) => r.公民身份号码 as string);
      const res = await client.request(
        'POST',
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys },
        { 'x-govshare-purpose': 'data_verification', 'x-govshare-case-number': CASE },
      );
      if (res.status !== 200 || !res.body.snapshotId)
        throw new Error(`query: ${res.status} ${JSON.stringify(res.body)}`);
      snapshotId = res.body.snapshotId;
      browser = await launchBrowser();
      consumer = await newContext(browser, x.w.t.url);
      await signInThroughApi(consumer, { username: 'hrss.user', password: PASSWORD });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await x?.close();
    });

    it('R107 lists the snapshots of a case number and opens the printable voucher with its verdict and QR code', async () => {
      const page = await consumer.newPage();
      const shot = screenshots(page, 'snapshots');
      await page.goto('/snapshots');
      await page.getByRole('menuitem', { name: '数据快照' }).waitFor();
      await page.getByTestId('snapshot-case').locator('input').fill(CASE);
      await page.getByRole('button', { name: /查\s*找/ }).click();
      await page.waitForURL(/caseNumber=/);
      const rows = page.getByTestId('snapshot-list').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      await expect.poll(() => rows.first().textContent()).toContain('居住证电子证照');
      expect(await rows.first().textContent()).toContain('证照类');
      expect(await axeViolations(page)).toEqual([]);
      await shot('list');

      await rows.first().getByRole('link', { name: CASE }).click();
      const voucher = page.getByTestId('snapshot-voucher');
      await voucher.waitFor();
      expect(await voucher.getAttribute('data-valid')).toBe('true');
      expect(await page.getByTestId('voucher-verdict').textContent()).toContain('签名有效');
      expect(await page.getByTestId('voucher-records').locator('tbody tr.ant-table-row').count()).toBe(2);
      expect(await voucher.textContent()).toContain(CASE);
      digest = (await page.getByTestId('voucher-digest').textContent()) ?? '';
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      // The QR code (Ant Design's, drawn on a canvas) is on the sheet.
      expect(await voucher.locator('.gs-voucher-qr canvas').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await shot('voucher');

      // Printed on A4: the menu and the buttons stay off the paper.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.gs-no-print').first().isVisible()).toBe(false);
      expect(await page.locator('.ant-layout-sider').first().isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      await shot('voucher-print');
      await page.emulateMedia({ media: 'screen' });

      // At 390 px the voucher fits the phone.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await voucher.waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot('voucher-phone');
      await page.close();
    });

    it('R107 the QR code’s page verifies the voucher without sign-in; a changed digest does not verify', async () => {
      const anonymous = await newContext(browser, x.w.t.url);
      const page = await anonymous.newPage();
      const shot = screenshots(page, 'snapshots');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/verify/snapshot?id=${snapshotId}&digest=${digest}`);
      const verdict = page.getByTestId('verify-verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-valid')).toBe('true');
      expect(await verdict.textContent()).toContain(CASE);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot('verify-phone');

      const changed = `${digest.slice(0, 63)}${digest.endsWith('0') ? '1' : '0'}`;
      await page.getByTestId('verify-digest').fill(changed);
      await page.getByTestId('verify-submit').click();
      await expect.poll(() => verdict.getAttribute('data-valid')).toBe('false');
      expect(await verdict.textContent()).toContain('摘要不符');
      expect(await verdict.textContent()).not.toContain(CASE);
      await shot('verify-mismatch');
      await anonymous.close();
    });

    it('R107 another department’s user is told the voucher does not exist', async () => {
      const police = await newContext(browser, x.w.t.url);
      await signInThroughApi(police, { username: 'police.admin', password: PASSWORD });
      const page = await police.newPage();
      await page.goto(`/snapshots/${snapshotId}`);
      await page.getByText('数据快照不存在或无权查看').waitFor();
      expect(await page.getByTestId('snapshot-voucher').count()).toBe(0);
      await police.close();
    });
  },
);
