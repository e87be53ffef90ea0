import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import { exchangeContent, residentId } from '../../src/exchange/test-support/index.ts';
import { createDepartment, createUser, PASSWORD, signedIn, USCCS } from '../../src/org/test-support/index.ts';
import { recordHead } from '../../src/sharing/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { pickOption } from './support/antd.ts';
import { hasChromium, launchBrowser, newContext, screenshots, signInThroughApi } from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const PROVIDER = { username: 'ga.ziyuan', password: PASSWORD };
const CONSUMER = { username: 'rs.keyuan', password: PASSWORD };
const HELD = [residentId('19800101', 11), residentId('19851231', 12)];
/** A valid resident ID number that no record holds. */
const ABSENT = residentId('19900615', 13);
/** `id` with its check character changed. */
const wrongCheck = (id: string) => `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;

const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
];

/** 数据查询 (issue 22): bad lines are named before sending; keys that match nothing are shown. */
describe.skipIf(!hasChromium)('query messages in the portal (issue 22)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let consumer: BrowserContext;
  let entryCode: string;

  beforeAll(async () => {
    server = await startPortal({ session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } });
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
    await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
    await createUser(platform, 'zg.heding', bureau, ['authority']);
    const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
    await createUser(platform, 'rs.bangong', hrss, ['resource_admin']);
    await recordHead({ platform }, await signedIn(platform, 'rs.bangong'), hrss, CONSUMER.username);
    await recordHead({ platform }, cataloguer, police, PROVIDER.username);
    const step = async (client: typeof cataloguer, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const created = await step(cataloguer, '/api/v1/catalog/entries', { content: exchangeContent() });
    const entryId = created.id as string;
    entryCode = created.code as string;
    await step(cataloguer, `/api/v1/catalog/entries/${entryId}/submit`);
    await step(await signedIn(platform, 'zg.heding'), `/api/v1/catalog/entries/${entryId}/ratify`);
    await step(cataloguer, `/api/v1/catalog/entries/${entryId}/publish`);
    await step(cataloguer, '/api/v1/exchange/resources', { entryId });
    await step(cataloguer, `/api/v1/exchange/resources/${entryId}/batches`, {
      ops: HELD.map((id, i) => ({
        op: 'upsert',
        record: { 公民身份号码: id, 姓名: ['张三', '李四'][i], 参保状态: '正常', 是否有效: 'true' },
      })),
    });
    const provider = await newContext(browser, server.url);
    await signInThroughApi(provider, PROVIDER);
    consumer = await newContext(browser, server.url);
    await signInThroughApi(consumer, CONSUMER);
    const applied = await consumer.request.post('/api/v1/sharing/applications', {
      data: {
        entryId,
        items: ['公民身份号码', '姓名', '参保状态'],
        purpose: 'data_verification',
        legalDuty: '社会保险待遇资格认证（《社会保险法》第八十一条）',
        scenario: '办理养老保险待遇资格认证时核对参保人员的参保状态',
        scope: { kind: 'all' },
        methods: ['online_query'],
        validUntil: '2030-12-31',
      },
    });
    expect(applied.status(), await applied.text()).toBe(201);
    const application = (await applied.json()) as { id: string; status: string };
    if (application.status === 'pending') {
      const approved = await provider.request.post(`/api/v1/sharing/applications/${application.id}/approve`, {
        data: {},
      });
      expect(approved.status(), await approved.text()).toBe(200);
    }
    await provider.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The query page with the grant picked, counting the queries the page sends. */
  const openQuery = async (viewport: { width: number; height: number }) => {
    const page = await consumer.newPage();
    await page.setViewportSize(viewport);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/query')) sent.push(r.url());
    });
    await page.goto('/exchange/query');
    const grant = page.getByTestId('query-grant');
    await grant.waitFor();
    await pickOption(page, grant, '人员参保', entryCode);
    await page.getByTestId('query-keys').waitFor();
    return { page, sent };
  };
  const refusal = (page: Page) => page.getByTestId('query-keys-refused');
  /**
   * Puts text into the input at once, as a paste does: headless Chromium takes minutes to `fill`
   * a textarea with 10,000 lines, whatever the page does with them.
   */
  const paste = (field: Locator, text: string) =>
    field.evaluate((el, value) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);

  for (const viewport of VIEWPORTS) {
    it(`names a bad line before sending, then shows 「查无此记录」 in input order (${viewport.name})`, async () => {
      const { page, sent } = await openQuery(viewport);
      const shot = screenshots(page, `query-messages-${viewport.name}`);
      const keys = page.getByTestId('query-keys');
      await keys.fill([ABSENT, wrongCheck(HELD[0] as string), '', HELD[1]].join('\n'));
      const problem = page.getByTestId('query-key-problem');
      await problem.first().waitFor();
      expect(await problem.count()).toBe(1);
      expect(await problem.getAttribute('data-line')).toBe('2');
      expect(await problem.textContent()).toBe(`第 2 行 ${wrongCheck(HELD[0] as string)}：校验位错误`);
      expect(await refusal(page).textContent()).toContain('1 行有误');
      await shot('bad-line');
      await page.getByTestId('query-submit').click();
      await page.waitForTimeout(300);
      expect(sent).toHaveLength(0);

      // Corrected: the held key is found, the absent one listed as 「查无此记录」 with its line.
      await keys.fill([ABSENT, HELD[0], '', HELD[1]].join('\n'));
      await expect.poll(() => refusal(page).count()).toBe(0);
      await page.getByTestId('query-submit').click();
      const results = page.getByTestId('query-results');
      await results.locator('tbody tr.ant-table-row').first().waitFor();
      expect(sent).toHaveLength(1);
      const missing = results.getByTestId('query-not-found');
      await missing.waitFor();
      expect(await missing.count()).toBe(1);
      expect(await missing.getAttribute('data-line')).toBe('1');
      expect(await missing.textContent()).toContain('查无此记录');
      expect(await missing.textContent()).toContain(`第 1 行 ${ABSENT}`);
      expect(await results.getByTestId('value-参保状态').count()).toBe(2);
      expect(await page.getByTestId('query-not-found-count').textContent()).toContain('1');
      // The 「查无此记录」 row is visible on the screen, not clipped away.
      expect(await missing.isVisible()).toBe(true);
      await shot('not-found');
      await page.close();
    }, 60_000);
  }

  it('refuses hostile input on the page with a clear message, sending nothing', async () => {
    const { page, sent } = await openQuery({ width: 1440, height: 900 });
    const shot = screenshots(page, 'query-messages-hostile');
    const keys = page.getByTestId('query-keys');
    const cases: [string, string, string, string][] = [
      ['10,001 lines', Array.from({ length: 10_001 }, () => HELD[0]).join('\n'), 'tooMany', '当前 10001 个'],
      ['100k characters', '1'.repeat(100_000), 'tooLong', '输入过长：100000 个字符'],
      ['a 5,000-character key', `${HELD[0]}\n${'1'.repeat(5_000)}`, 'lines', '第 2 行'],
      ['NUL', `${HELD[0]}\n${(HELD[1] as string).slice(0, 17)}\u0000`, 'lines', '第 2 行'],
      ['NUL, named', `${(HELD[1] as string).slice(0, 17)}\u0000`, 'lines', '无法识别的字符'],
      ['lone surrogate', `${(HELD[1] as string).slice(0, 17)}\ud800`, 'lines', '第 1 行 '],
      ['lone surrogate, named', `${(HELD[1] as string).slice(0, 17)}\ud800`, 'lines', '无法识别的字符'],
    ];
    for (const [what, text, reason, words] of cases) {
      await paste(keys, text);
      const refused = refusal(page);
      await refused.waitFor();
      await expect.poll(() => refused.textContent(), { message: what }).toContain(words);
      expect(await refused.getAttribute('data-reason'), what).toBe(reason);
      await page.getByTestId('query-submit').click();
    }
    await shot('too-many');
    await page.waitForTimeout(300);
    expect(sent).toHaveLength(0);
    expect(await page.getByTestId('query-error').count()).toBe(0);
    await page.close();
  }, 60_000);
});
