import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item } from '../../src/catalog/test-support/content.ts';
import {
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

/** A key query of licence data states its purpose and, with snapshots on (Guangzhou), its case. */
const PURPOSE = { 'x-govshare-purpose': 'data_verification', 'x-govshare-case-number': 'GZ-ZF-2026-0002' };

/** How far the page is wider than the screen (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'R106 R108 the public seal verification page on %s (issue 19)',
  (dialect) => {
    let x: ExchangeWorld;
    let browser: Browser;
    let anonymous: BrowserContext;
    // biome-ignore lint/suspicious/noExplicitAny: the sealed record is posted and inspected as JSON.
    let sealed: any;
    let licenceEntry = '';

    beforeAll(async () => {
      x = await startExchangeWorld(dialect, {
        profile: 'guangzhou',
        records: 0,
        listen: true,
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      const content = exchangeContent({
        name: '居住证电子证照',
        classification: { catalog: 'base', area: 'e_licence', category: '001' },
        items: [
          item({ name: '证照编号', length: 40, isKey: true, keyKind: 'other', personal: false }),
          item({ name: '持证人', length: 200, personal: false }),
          item({ name: '居住地址', length: 500, personal: false }),
          item({ name: '签发日期', dataType: 'D', personal: false }),
        ],
      });
      const entryId = await x.publishAndHost(content);
      licenceEntry = entryId;
      await x.grant(
        content.items.map((i) => i.name),
        ['online_query'],
        { entryId },
      );
      const seal = await x.w.sysadmin.request('POST', '/api/v1/seal/seals', {
        departmentId: x.w.departments.police,
        sealName: '广州市公安局电子印章',
        validTo: '2031-12-31T16:00:00Z',
      });
      if (seal.status !== 201) throw new Error(JSON.stringify(seal.body));
      const record = {
        证照编号: 'GZ2026-000123',
        持证人: '张三',
        居住地址: '广州市天河区天河路 385 号太古汇一座 28 楼 2801 室（临时居住登记）',
        签发日期: '2026-09-01',
      };
      const write = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${entryId}/batches`, {
        ops: [{ op: 'upsert', record }],
      });
      if (write.status !== 200) throw new Error(JSON.stringify(write.body));
      const answer = await x.w.hrss.request(
        'POST',
        `${EXCHANGE_API}/resources/${entryId}/query`,
        { keys: ['GZ2026-000123'] },
        PURPOSE,
      );
      sealed = answer.body.sealed[0];
      browser = await launchBrowser();
      anonymous = await newContext(browser, x.w.t.url);
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await x?.close();
    });

    it('R108 anyone, without signing in, pastes a sealed record and sees it valid with the seal image; a changed byte is refused', async () => {
      const page = await anonymous.newPage();
      const shot = screenshots(page, `seal-verify-${dialect}`);
      await page.goto('/verify');
      await expect(page.getByTestId('seal-verify-title').textContent()).resolves.toBe('电子签章记录核验');
      await page.getByTestId('seal-verify-input').fill(JSON.stringify(sealed, null, 2));
      await page.getByTestId('seal-verify-submit').click();
      const verdict = page.getByTestId('seal-verify-verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-reason')).toBe('valid');
      expect(await verdict.textContent()).toContain('签章有效');
      const copy = page.getByTestId('seal-verify-copy');
      expect(await copy.textContent()).toContain('广州市公安局电子印章');
      expect(await copy.textContent()).toContain('太古汇一座');
      // The seal image is the registered seal's picture, served publicly.
      const image = page.getByTestId('seal-verify-image');
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      await expect(page.getByTestId('seal-verify-qr').locator('canvas').count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await shot('valid');

      // One changed character of the address: the digest no longer matches.
      const changed = structuredClone(sealed);
      changed.document.values.居住地址 = changed.document.values.居住地址.replace('2801', '2802');
      await page.getByTestId('seal-verify-input').fill(JSON.stringify(changed));
      await page.getByTestId('seal-verify-submit').click();
      await expect
        .poll(() => page.getByTestId('seal-verify-verdict').getAttribute('data-reason'))
        .toBe('digest_mismatch');
      expect(await page.getByTestId('seal-verify-verdict').textContent()).toContain('签章无效');
      expect(await axeViolations(page)).toEqual([]);
      await shot('tampered');

      // Not JSON at all: said so, nothing sent.
      await page.getByTestId('seal-verify-input').fill('这不是签章记录');
      await page.getByTestId('seal-verify-submit').click();
      await page.getByTestId('seal-verify-unreadable').waitFor();
      await page.close();
    });

    it('R108 a record link (the QR code of a printed copy) verifies at once; the page fits a phone and prints an A4 copy', async () => {
      const phone = await browser.newContext({
        baseURL: x.w.t.url,
        viewport: { width: 390, height: 844 },
        locale: 'zh-CN',
      });
      const page = await phone.newPage();
      const shot = screenshots(page, `seal-verify-phone-${dialect}`);
      const fragment = Buffer.from(JSON.stringify(sealed), 'utf8').toString('base64url');
      await page.goto(`/verify#record=${fragment}`);
      const verdict = page.getByTestId('seal-verify-verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-reason')).toBe('valid');
      expect(await overflow(page)).toBe(0);
      await shot('link');
      // The printable copy: the form and buttons are gone, the sheet with the seal, record and QR stays.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('seal-verify-input').isVisible()).toBe(false);
      expect(await page.getByTestId('seal-verify-title').isVisible()).toBe(false);
      expect(await page.getByTestId('seal-verify-print').isVisible()).toBe(false);
      expect(await page.getByTestId('seal-verify-copy').isVisible()).toBe(true);
      expect(await page.getByTestId('seal-verify-qr').isVisible()).toBe(true);
      await shot('print');
      const desktop = await anonymous.newPage();
      await desktop.goto(`/verify#record=${fragment}`);
      await desktop.getByTestId('seal-verify-verdict').waitFor();
      const pdf = await desktop.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await desktop.close();
      await phone.close();
    });

    it('R106 the catalog entry page says which entries are sealed: the licence entry, not the other', async () => {
      const context = await newContext(browser, x.w.t.url);
      await signInThroughApi(context, { username: 'police.admin', password: PASSWORD });
      const page = await context.newPage();
      const shot = screenshots(page, `seal-verify-entry-${dialect}`);
      await page.goto(`/catalog/entries/${licenceEntry}`);
      await expect(page.getByTestId('entry-seal-type').textContent()).resolves.toContain('证照类');
      await shot('licence');
      await page.goto(`/catalog/entries/${x.entryId}`);
      await expect(page.getByTestId('entry-seal-type').textContent()).resolves.toContain('不加盖');
      await context.close();
    });

    it('R108 verifications from the page are audited as public verifications', async () => {
      const rows = await x.platform.storage.db
        .selectFrom('audit_entry')
        .select(['action', 'actor_id'])
        .where('action', '=', 'seal.verify')
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.every((r) => r.actor_id === null)).toBe(true);
    });
  },
);
