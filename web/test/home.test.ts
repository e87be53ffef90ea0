import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../src/exchange/test-support/index.ts';
import type { OrgClient } from '../../src/org/test-support/index.ts';
import {
  applicationBody,
  API as SHARING_API,
  threeItemContent,
} from '../../src/sharing/test-support/index.ts';
import { BROWSER_DIALECTS, hasChromium, launchBrowser, newContext, screenshots } from './support/browser.ts';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const DAY1 = '2026-09-30';

/** How far the page is wider than the screen (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * The charts drawn inside a card: for each canvas, whether any pixel is painted (a blank canvas
 * of the same size has none), read back from the canvas itself.
 */
const paintedCanvases = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((card) =>
    [...card.querySelectorAll('canvas')].map((canvas) => {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return false;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    }),
  );

/** Waits until the chart in the card has painted (ECharts draws on the next frames). */
async function expectDrawn(page: Page, testId: string) {
  await page.getByTestId(testId).locator('canvas').first().waitFor();
  await expect.poll(() => paintedCanvases(page, testId), { timeout: 10_000 }).toContain(true);
}

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'issue 17 the home page and 统计分析 in the portal on %s',
  (dialect) => {
    let x: ExchangeWorld;
    let browser: Browser;
    let pending = '';
    let pendingNumber = '';

    const step = async (client: OrgClient, url: string, body: unknown = {}, headers = {}) => {
      const res = await client.request('POST', url, body, headers);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    /** A browser context signed in with the world's session of `client`. */
    const contextOf = async (client: OrgClient): Promise<BrowserContext> => {
      const context = await newContext(browser, x.w.t.url);
      const [name, ...value] = (client.cookie ?? '').split('=');
      await context.addCookies([{ name: name as string, value: value.join('='), url: x.w.t.url }]);
      return context;
    };

    beforeAll(async () => {
      x = await startExchangeWorld(dialect, {
        listen: true,
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      browser = await launchBrowser();
      // 人社 applies twice to 公安: one answered at once, one left to answer.
      const entry = await x.w.publish(threeItemContent());
      const answered = await step(x.w.hrss, `${SHARING_API}/applications`, applicationBody(entry));
      const waiting = await step(x.w.hrss, `${SHARING_API}/applications`, applicationBody(entry));
      pending = waiting.id;
      pendingNumber = waiting.number;
      await step(x.w.police, `${SHARING_API}/applications/${answered.id}/approve`, {});
      // 人社 reads 公安's hosted resource: two queries.
      await x.grant(undefined, ['online_query']);
      for (const r of x.records.slice(0, 2))
        await step(
          x.w.hrss,
          `${EXCHANGE_API}/resources/${x.entryId}/query`,
          { keys: [r.公民身份号码] },
          PURPOSE,
        );
      await x.platform.services.quality.freshness.refresh();
      await x.platform.services.supervision.indicators.compute(DAY1);
      // A working day before the pending application's due date: near it for 人社.
      const due = (await x.w.hrss.request('GET', `${SHARING_API}/applications/${pending}`)).body.deadline
        .dueDate;
      const calendar = await x.platform.services.calendar.calendar();
      let day = due as string;
      while (calendar.countWorkingDays(day, due).count < 1)
        day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      x.clock.set(`${day}T01:00:00Z`);
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await x?.close();
    });

    it('R111 a department user: its application near the deadline in the to-do, its charts drawn, no ranking', async () => {
      const context = await contextOf(x.w.hrssUser);
      const page = await context.newPage();
      const shot = screenshots(page, `home-department-user-${dialect}`);
      await page.goto('/');
      await page.getByTestId('dashboard-welcome').waitFor();
      const deadlines = page.getByTestId('home-todo-deadlines');
      await deadlines.waitFor();
      expect(await deadlines.getByTestId('home-todo-item').count()).toBe(1);
      expect(await deadlines.getByTestId('home-todo-item').getAttribute('data-id')).toBe(pending);
      expect(await deadlines.textContent()).toContain(pendingNumber);
      // A department user answers nothing: no approvals card.
      expect(await page.getByTestId('home-todo-approvals').count()).toBe(0);
      for (const chart of ['home-chart-applications', 'home-chart-usage', 'home-chart-top-resources'])
        await expectDrawn(page, chart);
      expect(await page.getByTestId('home-chart-ranking').count()).toBe(0);
      // 公安 published the resources, not 人社: the resources chart says so in words.
      expect(await page.getByTestId('home-chart-resources').textContent()).toContain('暂无已发布的资源目录');
      // The table one click away.
      await page.getByTestId('home-chart-usage-toggle').click();
      await page.getByTestId('home-chart-usage').locator('table').waitFor();
      // Thirty days, ten to a page: day 1's reads are on one of them.
      const usage = page.getByTestId('home-chart-usage');
      const pages = usage.locator('.ant-pagination-item');
      expect(await pages.count()).toBe(3);
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) {
        await pages.nth(i).click();
        texts.push((await usage.locator('tbody').textContent()) ?? '');
      }
      const day1 = texts.find((text) => text.includes(DAY1));
      expect(day1).toBeDefined();
      await page.getByTestId('home-chart-usage-toggle').click();
      await expectDrawn(page, 'home-chart-usage');
      await shot('desktop');
      // One column on a phone, nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await expectDrawn(page, 'home-chart-applications');
      // The charts follow the narrower window when their resize observer fires: wait for it.
      await expect.poll(() => overflow(page)).toBeLessThanOrEqual(0);
      await shot('phone');
      await context.close();
    }, 90_000);

    it('R111 a resource administrator: the application waiting for its answer in the to-do, linked; charts drawn', async () => {
      const context = await contextOf(x.w.police);
      const page = await context.newPage();
      const shot = screenshots(page, `home-resource-admin-${dialect}`);
      await page.goto('/');
      const approvals = page.getByTestId('home-todo-approvals');
      await approvals.waitFor();
      expect(await approvals.getByTestId('home-todo-approvals-count').textContent()).toContain('1');
      const item = approvals.getByTestId('home-todo-item');
      expect(await item.count()).toBe(1);
      expect(await item.getAttribute('data-id')).toBe(pending);
      for (const chart of ['home-chart-resources', 'home-chart-applications', 'home-chart-reply-times'])
        await expectDrawn(page, chart);
      expect(await page.getByTestId('home-chart-ranking').count()).toBe(0);
      await shot('home');
      // In English, the same charts and words.
      await page.evaluate(() => localStorage.setItem('govshare.language', 'en'));
      await page.reload();
      await page.getByTestId('home-todo-approvals').waitFor();
      expect(await page.getByTestId('home-todo-approvals').textContent()).toContain('Applications awaiting');
      await expectDrawn(page, 'home-chart-resources');
      await shot('home-en');
      await page.evaluate(() => localStorage.setItem('govshare.language', 'zh-CN'));
      await page.goto('/');
      await page
        .getByTestId('home-todo-approvals')
        .getByTestId('home-todo-item')
        .locator('a')
        .first()
        .click();
      await page.waitForURL(`**/sharing/applications/${pending}`);
      // R88: the department's access report has its line above the tables: 人社's reads of 公安's resource.
      await page.goto('/audit/department-report');
      await page.getByTestId('department-report').waitFor();
      await expectDrawn(page, 'department-report-chart');
      await shot('department-report');
      await context.close();
    }, 90_000);

    it('R111 R113 the authority: the department ranking drawn on the home page; 统计分析 with its charts', async () => {
      const context = await contextOf(x.w.authority);
      const page = await context.newPage();
      const shot = screenshots(page, `home-authority-${dialect}`);
      await page.goto('/');
      await page.getByTestId('dashboard-welcome').waitFor();
      await expectDrawn(page, 'home-chart-ranking');
      expect(await page.getByTestId('home-chart-ranking').textContent()).not.toContain('暂无');
      await expectDrawn(page, 'home-chart-usage');
      await shot('home');

      // R55: the exchange monitoring page draws the call volume of the departments it watches.
      await page.goto('/audit/exchange');
      await page.getByTestId('exchange-table').waitFor();
      await expectDrawn(page, 'exchange-usage-chart');
      await shot('exchange');

      await page.goto('/supervision/statistics');
      await page.getByTestId('statistics-ranking').waitFor();
      await expectDrawn(page, 'statistics-ranking');
      await expectDrawn(page, 'statistics-trend-reply_timeliness');
      await page.getByTestId('statistics-ranking-toggle').click();
      expect(await page.getByTestId('statistics-ranking').textContent()).toContain('示范市公安局');
      await shot('statistics');
      // The export is a workbook of what is shown.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('statistics-export').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^统计分析_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
      const path = await download.path();
      const { default: ExcelJS } = await import('exceljs');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      const ranking = book.worksheets[1];
      const names = (ranking?.getColumn(2).values ?? []).filter((v) => typeof v === 'string');
      expect(names).toContain('示范市公安局');
      await context.close();
    }, 90_000);
  },
);
