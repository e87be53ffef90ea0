import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment, createUser, PASSWORD, USCCS } from '../../src/org/test-support/index.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { choose, inputByTestId, pickOption, selectByTestId } from './support/antd.ts';
import {
  BROWSER_DIALECTS,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/** The city's competent authority (监督考核) and 公安's resource administrator (the respondent). */
const AUTHORITY = { username: 'zg.jiandu', password: PASSWORD };
const RESPONDENT = { username: 'ga.zhenggai', password: PASSWORD };
const FACTS =
  '2026年11月，公安局对人社局的参保核验申请附加“须提供单位介绍信原件”等目录未列明的条件，阻碍数据共享。';

const status = (page: Page) => page.getByTestId('case-status').getAttribute('data-status');

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'violations and circulars in the portal on %s (issue 17)',
  (dialect) => {
    let server: TestPlatform;
    let browser: Browser;
    let authority: BrowserContext;
    let respondent: BrowserContext;
    let caseUrl = '';

    beforeAll(async () => {
      server = await startTestPlatform({
        dialect,
        listen: true,
        config: { session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      const { platform } = server;
      const city = await platform.storage.db
        .selectFrom('jurisdiction')
        .select('id')
        .where('code', '=', '990100')
        .executeTakeFirstOrThrow();
      const police = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
      const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
      await createUser(platform, RESPONDENT.username, police, ['resource_admin']);
      await createUser(platform, AUTHORITY.username, bureau, ['authority']);
      browser = await launchBrowser();
      authority = await newContext(browser, server.url);
      await signInThroughApi(authority, AUTHORITY);
      respondent = await newContext(browser, server.url);
      await signInThroughApi(respondent, RESPONDENT);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('R114 N25 the authority opens a case by hand under a kind of the profile and orders rectification', async () => {
      const page = await authority.newPage();
      const shot = screenshots(page, `violations-${dialect}`);
      await page.goto('/supervision/violations');
      await page.getByTestId('violations-table').waitFor();
      await shot('list-empty');
      await page.getByTestId('violation-open').click();
      await dialogSettled(page);
      await choose(page, 'violation-category', '通过擅自增设条件等方式阻碍');
      await pickOption(page, selectByTestId(page, 'violation-respondent'), '公安', '示范市公安局');
      await inputByTestId(page, 'violation-facts').fill(FACTS);
      await shot('open-form');
      await page.getByTestId('violation-open-ok').click();

      // The case page of the kernel: number, state, the kind with its article, the facts.
      await page.getByTestId('kernel-case').waitFor();
      caseUrl = new URL(page.url()).pathname;
      expect(caseUrl).toMatch(/^\/cases\/violation\//);
      expect(await page.getByTestId('case-number').textContent()).toMatch(/^WG-\d{4}-\d{6}$/);
      expect(await status(page)).toBe('open');
      const summary = (await page.getByTestId('case-summary').textContent()) ?? '';
      expect(summary).toContain('第三十九条第（二）项');
      expect(summary).toContain('示范市公安局');
      // The kind reads in the reader's language, not as the label's JSON.
      expect(summary).toContain('通过擅自增设条件等方式阻碍');
      expect(summary).not.toContain('{"zh"');
      await shot('opened');

      await page.getByTestId('case-step-order').click();
      await dialogSettled(page);
      await page.getByTestId('step-order').fill('取消目录未列明的附加条件，并于期限内书面报告整改情况');
      await page.getByTestId('step-days-10').click();
      await shot('order-dialog');
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => status(page)).toBe('ordered');
      // The chosen period went to the route as a number: the due date is 10 working days away.
      expect(await page.getByTestId('kernel-case').textContent()).toContain('10 个工作日');
      expect(await page.getByTestId('case-timeline').textContent()).toContain('责令整改');
      await shot('ordered');
      await page.close();
    }, 120_000);

    it('R114 the department signs in, finds the case and reports its rectification', async () => {
      const page = await respondent.newPage();
      const shot = screenshots(page, `violations-${dialect}`);
      await page.goto('/supervision/violations');
      const link = page.locator('[data-testid^="violation-link-"]').first();
      await link.waitFor();
      await shot('respondent-list');
      await link.click();
      await page.getByTestId('kernel-case').waitFor();
      // The department reports; it cannot accept or publish.
      expect(await page.getByTestId('case-step-accept').count()).toBe(0);
      await page.getByTestId('case-step-report').click();
      await dialogSettled(page);
      await page
        .getByTestId('step-report')
        .fill('已取消附加条件，已于当日答复人社局申请，并修订本局答复工作规程。');
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => status(page)).toBe('rectified');
      await shot('reported');
      await page.close();
    }, 90_000);

    it('R114 N20 the authority closes the case and publishes a circular the jurisdiction reads, printable', async () => {
      const page = await authority.newPage();
      const shot = screenshots(page, `violations-${dialect}`);
      await page.goto(caseUrl);
      await page.getByTestId('kernel-case').waitFor();
      await page.getByTestId('case-step-accept').click();
      await dialogSettled(page);
      await page.getByTestId('step-note').fill('整改到位，予以办结');
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => status(page)).toBe('closed');
      await page.getByTestId('case-step-publish').click();
      await dialogSettled(page);
      await page.getByTestId('step-title').fill('关于示范市公安局阻碍数据共享问题整改情况的通报');
      await page.getByTestId('step-confirm').click();
      await expect
        .poll(async () => (await page.getByTestId('case-timeline').textContent()) ?? '')
        .toContain('发布通报');
      await shot('closed-published');
      await page.close();

      const reader = await respondent.newPage();
      const readerShot = screenshots(reader, `violations-${dialect}`);
      await reader.goto('/supervision/circulars');
      const circular = reader.locator('[data-testid^="circular-link-"]').first();
      await circular.waitFor();
      expect(await circular.textContent()).toBe('关于示范市公安局阻碍数据共享问题整改情况的通报');
      await readerShot('circulars');
      await circular.click();
      await reader.getByTestId('circular-sheet').waitFor();
      const sheet = (await reader.getByTestId('circular-sheet').textContent()) ?? '';
      expect(sheet).toContain(FACTS);
      expect(sheet).toContain('整改到位，予以办结');
      expect(await reader.getByTestId('circular-intact').textContent()).toBe('摘要校验一致');
      expect(await reader.getByTestId('circular-digest').textContent()).toMatch(/[0-9a-f]{64}/);
      await reader.emulateMedia({ media: 'print' });
      await readerShot('circular-print');
      await reader.close();
    }, 90_000);
  },
);
