import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import { exchangeContent, residentId } from '../../src/exchange/test-support/index.ts';
import {
  createDepartment,
  createUser,
  type OrgClient,
  PASSWORD,
  signedIn,
  USCCS,
} from '../../src/org/test-support/index.ts';
import { newId } from '../../src/platform/db/ids.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { closeOptions, pickOption } from './support/antd.ts';
import {
  BROWSER_DIALECTS,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/** 公安's resource administrator provides and answers; 人社's department user reads and files. */
const PROVIDER = { username: 'ga.jiaohe', password: PASSWORD };
const CONSUMER = { username: 'rs.jiaohe', password: PASSWORD };
const ITEMS = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];
/** 李四's insurance status is stored as 暂停 (suspended); the consumer knows it is 正常. */
const LI_ID = residentId('19851231', 22);
const RECORDS = [
  [residentId('19800101', 21), '张三', '1980-01-01', '正常', '5000.50', '2026-09-01T08:00:00Z', true],
  [LI_ID, '李四', '1985-12-31', '暂停', '6200', '2026-09-01T08:00:00Z', false],
];

/** How far the page is wider than the screen (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'verification and correction portal on %s (issue 16)',
  (dialect) => {
    let server: TestPlatform;
    let browser: Browser;
    let provider: BrowserContext;
    let consumer: BrowserContext;
    let admin: OrgClient;
    let entryId: string;
    let grantId: string;
    let number = '';
    let correctionId = '';

    const step = async (client: OrgClient, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    /** Queries 李四 on the query page under the grant; answers the result table. */
    const queryLi = async (page: Page) => {
      await page.goto(`/exchange/query?grant=${grantId}`);
      await page.getByTestId('query-keys').fill(LI_ID);
      await page.getByTestId('query-submit').click();
      const results = page.getByTestId('query-results');
      await results.locator('tbody tr.ant-table-row').first().waitFor();
      return results;
    };

    beforeAll(async () => {
      server = await startTestPlatform({
        dialect,
        listen: true,
        config: { session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      browser = await launchBrowser();
      const { platform } = server;
      const city = await platform.storage.db
        .selectFrom('jurisdiction')
        .select('id')
        .where('code', '=', '990100')
        .executeTakeFirstOrThrow();
      const police = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
      const hrss = await createDepartment(platform, '示范市人力资源和社会保障局', USCCS[2], city.id);
      const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
      await createUser(platform, PROVIDER.username, police, ['resource_admin']);
      await createUser(platform, CONSUMER.username, hrss, ['dept_user']);
      await createUser(platform, 'ga.bianmu2', police, ['resource_admin']);
      await createUser(platform, 'zg.heding2', bureau, ['authority']);
      admin = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu2'));
      const ratifier = await signedIn(platform, 'zg.heding2');
      const created = await step(admin, '/api/v1/catalog/entries', { content: exchangeContent() });
      entryId = created.id as string;
      await step(admin, `/api/v1/catalog/entries/${entryId}/submit`);
      await step(ratifier, `/api/v1/catalog/entries/${entryId}/ratify`);
      await step(admin, `/api/v1/catalog/entries/${entryId}/publish`);
      await step(admin, '/api/v1/exchange/resources', { entryId });
      await step(admin, `/api/v1/exchange/resources/${entryId}/batches`, {
        ops: RECORDS.map((row) => ({
          op: 'upsert',
          record: Object.fromEntries(ITEMS.map((item, i) => [item, row[i]])),
        })),
      });
      // The grant, straight through the grant service: the key and the name in clear.
      const resource = await platform.services.exchange.hosting.resource(entryId);
      const consumerDept = await platform.services.departments.lookup(hrss);
      if (!resource || !consumerDept) throw new Error('world incomplete');
      grantId = await platform.storage.db.transaction().execute((trx) =>
        platform.services.sharing.grants.create(
          trx,
          {
            consumer: { departmentId: hrss, jurisdictionPath: consumerDept.jurisdictionPath },
            clientIds: [],
            provider: resource.provider,
            entry: { id: entryId, code: resource.entry.code, name: resource.entry.name },
            items: ['公民身份号码', '姓名', '参保状态'],
            clearItems: ['公民身份号码', '姓名'],
            purpose: 'data_verification',
            methods: ['online_query'],
            validFrom: '2026-01-01',
            validUntil: '2030-12-31',
            origin: 'application',
            originId: newId(),
          },
          { id: null, name: 'browser test' },
        ),
      );
      provider = await newContext(browser, server.url);
      await signInThroughApi(provider, PROVIDER);
      consumer = await newContext(browser, server.url);
      await signInThroughApi(consumer, CONSUMER);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('R80 R83 the consumer files a request from a query result; the record then reads 校核中', async () => {
      const page = await consumer.newPage();
      const shot = screenshots(page, `quality-corrections-${dialect}`);
      const results = await queryLi(page);
      expect(await results.getByTestId('value-参保状态').textContent()).toBe('暂停');
      expect(await results.getByTestId('under-verification').count()).toBe(0);
      await shot('query-before');

      // 申请校核 on the row: the key comes pre-filled from the result.
      await results.getByTestId('query-file-correction').click();
      await dialogSettled(page);
      const key = page.getByTestId('correction-file-key-公民身份号码');
      await key.waitFor();
      expect(await key.inputValue()).toBe(LI_ID);
      await pickOption(page, page.getByTestId('correction-file-items'), '参保', '参保状态');
      await page.getByTestId('correction-file-proposed-参保状态').waitFor();
      await closeOptions(page);
      await page.getByTestId('correction-file-problem').fill('参保状态应为正常，该人员已于八月恢复缴费');
      await page.getByTestId('correction-file-proposed-参保状态').fill('正常');
      await page
        .getByTestId('correction-file-description')
        .fill('办理待遇资格认证时发现参保状态与社保经办记录不符');
      await shot('file-form');
      await page.getByTestId('correction-file-submit').click();

      // The request's page opens: its number, the record, the period with its article.
      await page.getByTestId('correction-page').waitFor();
      number = ((await page.getByTestId('correction-number').textContent()) ?? '').trim();
      expect(number).toMatch(/^[A-Z]{2,5}-\d{4}-\d+$/);
      correctionId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      expect(await page.getByTestId('correction-record-key').textContent()).toBe(LI_ID);
      // The provider's period (809 第二十六条): a due date in working days.
      expect(await page.getByTestId('correction-deadline').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(await page.getByTestId('correction-withdraw').count()).toBe(1);
      await shot('filed');

      // R83: read again, the record is still served, marked 校核中.
      const again = await queryLi(page);
      await again.getByTestId('under-verification').waitFor();
      expect(await again.getByTestId('value-参保状态').textContent()).toBe('暂停');
      await shot('query-marked');

      // The list shows it under 我提交的, with its status and due date.
      await page.goto('/quality/corrections');
      await page.getByTestId(`correction-link-${number}`).waitFor();
      await page.getByTestId('correction-due').first().waitFor();
      await shot('list-filed');
      await page.close();
    }, 90_000);

    it('R80 R82 R84 the provider corrects it and the reply prints; the prior reader is told; the record reads the corrected value, unmarked', async () => {
      const page = await provider.newPage();
      const shot = screenshots(page, `quality-corrections-${dialect}`);
      await page.goto('/quality/corrections');
      // A resource administrator both files and answers: its requests received are a tab of their own.
      await page.getByTestId('corrections-tab-received').click();
      await page.getByTestId(`correction-link-${number}`).click();
      await page.getByTestId('correction-correct').click();
      await dialogSettled(page);
      const value = page.getByTestId('correct-value-0-参保状态');
      await value.waitFor();
      // The value the consumer believes right comes pre-filled; the key cannot change.
      expect(await value.inputValue()).toBe('正常');
      expect(await page.getByTestId('correct-key-0-公民身份号码').isDisabled()).toBe(true);
      await page.getByTestId('correct-note').fill('经核查社保经办记录，已更正参保状态');
      await shot('correct-form');
      await page.getByTestId('correct-submit').click();
      await page.getByTestId('correction-outcome').waitFor();
      expect(await page.locator('[data-status=corrected]').count()).toBeGreaterThan(0);
      await shot('corrected');
      // The written reply prints as one A4 document.
      await page.getByTestId('correction-reply-open').click();
      await page.getByTestId('correction-reply').waitFor();
      expect(await page.getByTestId('reply-number').textContent()).toBe(number);
      await page.emulateMedia({ media: 'print' });
      await shot('reply-print');
      await page.close();

      const reader = await consumer.newPage();
      const readerShot = screenshots(reader, `quality-corrections-${dialect}`);
      await reader.goto('/sharing/notices');
      await reader.getByTestId('notice-item').filter({ hasText: number }).first().waitFor();
      await readerShot('notice');
      const results = await queryLi(reader);
      expect(await results.getByTestId('value-参保状态').textContent()).toBe('正常');
      // Only the items corrected change: the others keep their values.
      expect(await results.getByTestId('value-姓名').textContent()).toBe('李四');
      expect(await results.getByTestId('under-verification').count()).toBe(0);
      await readerShot('query-corrected');
      await reader.close();
    }, 90_000);

    it('R83 a request on the whole resource, filed from the list, marks every record until it is withdrawn', async () => {
      const page = await consumer.newPage();
      const shot = screenshots(page, `quality-corrections-${dialect}`);
      await page.goto('/quality/corrections');
      await page.getByTestId('corrections-file-resource').click();
      await dialogSettled(page);
      await pickOption(page, page.getByTestId('correction-file-grant'), '人员参保', '人员参保核验信息');
      await page
        .getByTestId('correction-file-description')
        .fill('本月批量比对发现多条记录的参保状态与经办系统不一致');
      await shot('file-resource');
      await page.getByTestId('correction-file-submit').click();
      await page.getByTestId('correction-page').waitFor();
      expect(await page.getByTestId('correction-scope').textContent()).toBe('整个资源');

      // Every record of the resource reads 校核中 while it is open.
      const results = await queryLi(page);
      await results.getByTestId('under-verification').waitFor();
      await page.goBack();
      await page.getByTestId('correction-withdraw').click();
      await dialogSettled(page);
      await page.getByTestId('step-confirm').click();
      await page.locator('[data-status=withdrawn]').first().waitFor();
      await shot('withdrawn');
      const after = await queryLi(page);
      expect(await after.getByTestId('under-verification').count()).toBe(0);
      await page.close();
    }, 90_000);

    it('the list and a request fit a 390 px phone screen', async () => {
      const page = await consumer.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      const shot = screenshots(page, `quality-corrections-${dialect}`);
      await page.goto('/quality/corrections');
      await page.getByTestId(`correction-link-${number}`).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot('phone-list');
      await page.goto(`/quality/corrections/${correctionId}`);
      await page.getByTestId('correction-page').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot('phone-detail');
      await page.close();
    }, 60_000);
  },
);
