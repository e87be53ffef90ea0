import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext } from 'playwright-core';
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
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import {
  BROWSER_DIALECTS,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

const PROVIDER = { username: 'ga.ziyuan', password: PASSWORD };
const ITEMS = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];
const ROWS: string[][] = [
  [residentId('19800101', 11), '张三', '1980-01-01', '正常', '5000.50', '2026-09-01T08:00:00Z', 'true'],
  [residentId('19851231', 12), '李四', '1985-12-31', '暂停', '6200', '2026-09-01T08:00:00Z', 'false'],
  [residentId('19900615', 13), '王五', '1990-06-15', '正常', '7300.25', '2026-09-01T08:00:00Z', 'true'],
];
const TEXT = `${[ITEMS, ...ROWS].map((r) => r.join(',')).join('\r\n')}\r\n`;

/**
 * Issue 22 in the portal: a CSV that Excel on a Chinese Windows saved (GB18030) uploads from the
 * upload page, which shows the encoding the server read it in and says in its help that such files
 * are accepted; a Shift_JIS file is refused naming its encoding.
 */
describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'uploading a GB18030 CSV in the portal on %s (issue 22)',
  (dialect) => {
    let server: TestPlatform;
    let browser: Browser;
    let provider: BrowserContext;
    let entryId: string;

    const step = async (client: OrgClient, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };

    beforeAll(async () => {
      server = await startTestPlatform({
        dialect,
        listen: true,
        webDist: process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
      });
      browser = await launchBrowser();
      const { platform } = server;
      const city = await platform.storage.db
        .selectFrom('jurisdiction')
        .select(['id', 'path'])
        .where('code', '=', '990100')
        .executeTakeFirstOrThrow();
      const police = await createDepartment(platform, '示范市公安局', USCCS[0], city.id);
      const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
      await createUser(platform, PROVIDER.username, police, ['resource_admin']);
      await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
      await createUser(platform, 'zg.heding', bureau, ['authority']);
      const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
      const ratifier = await signedIn(platform, 'zg.heding');
      const created = await step(cataloguer, '/api/v1/catalog/entries', { content: exchangeContent() });
      entryId = created.id as string;
      await step(cataloguer, `/api/v1/catalog/entries/${entryId}/submit`);
      await step(ratifier, `/api/v1/catalog/entries/${entryId}/ratify`);
      await step(cataloguer, `/api/v1/catalog/entries/${entryId}/publish`);
      await step(cataloguer, '/api/v1/exchange/resources', { entryId });
      provider = await newContext(browser, server.url);
      await signInThroughApi(provider, PROVIDER);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('a GB18030 file loads and the page says it was read as GB18030; a Shift_JIS one is refused naming it', async () => {
      const page = await provider.newPage();
      const shot = screenshots(page, `upload-encoding-${dialect}`);
      await page.goto(`/exchange/uploads?entryId=${entryId}`);
      expect(await page.getByTestId('upload-encoding-help').textContent()).toContain(
        'GB18030（含 GBK、GB2312，即 Excel 中文版另存的 CSV）',
      );
      await page.locator('input[type=file]').setInputFiles({
        name: '参保核验（Excel 另存）.csv',
        mimeType: 'text/csv',
        buffer: iconv.encode(TEXT, 'gb18030'),
      });
      await page.getByTestId('upload-start').click();
      await page.locator('[data-testid=upload-result][data-outcome=done]').waitFor();
      expect(
        await page.getByTestId('upload-applied').locator('.ant-statistic-content-value').textContent(),
      ).toBe('3');
      expect(await page.getByTestId('upload-encoding').textContent()).toBe(
        '已按 GB18030 编码读取（自动识别）',
      );
      await shot('gb18030');
      await page.goto(`/exchange/resources/${entryId}`);
      await expect.poll(() => page.getByTestId('resource-rows').textContent()).toBe('3');

      await page.goto(`/exchange/uploads?entryId=${entryId}`);
      const japanese = `氏名,ふりがな,住所\r\n${'山田太郎,やまだ たろう,東京都千代田区丸の内\r\n'.repeat(30)}`;
      await page.locator('input[type=file]').setInputFiles({
        name: 'japanese.csv',
        mimeType: 'text/csv',
        buffer: iconv.encode(japanese, 'shift_jis'),
      });
      await page.getByTestId('upload-start').click();
      const failed = page.locator('[data-testid=upload-result][data-outcome=failed]');
      await failed.waitFor();
      expect(await failed.textContent()).toContain(
        '文件看起来是 Shift_JIS 编码，平台只接受 UTF-8 与 GB18030',
      );
      await shot('shift-jis');
      await page.close();
    }, 90_000);
  },
);
