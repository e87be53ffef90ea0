import { join } from 'node:path';
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
import { loadConfig } from '../../src/platform/config/index.ts';
import { recordHead } from '../../src/sharing/test-support/index.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import { pickOption } from './support/antd.ts';
import { hasChromium, launchBrowser, newContext, screenshots, signInThroughApi } from './support/browser.ts';

/** 公安's resource administrator hosts and loads; 人社's department user reads under a grant. */
const PROVIDER = { username: 'ga.ziyuan', password: PASSWORD };
const CONSUMER = { username: 'rs.keyuan', password: PASSWORD };
const DUTY = '社会保险待遇资格认证（《社会保险法》第八十一条）';
const SCENARIO = '办理养老保险待遇资格认证时核对参保人员的参保状态';
const ITEMS = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];

/** 李四: the person the consumer looks up. */
const LI_ID = residentId('19851231', 12);
const GOOD: string[][] = [
  [residentId('19800101', 11), '张三', '1980-01-01', '正常', '5000.50', '2026-09-01T08:00:00Z', 'true'],
  [LI_ID, '李四', '1985-12-31', '暂停', '6200', '2026-09-01T08:00:00Z', 'false'],
  [residentId('19900615', 13), '王五', '1990-06-15', '正常', '7300.25', '2026-09-01T08:00:00Z', 'true'],
];
const BAD_ROW = () => [badId(), '赵六', '1970-02-02', '正常', '100', '2026-09-01T08:00:00Z', 'true'];
/** A resident ID with the wrong check character: the one bad row of the upload. */
function badId(): string {
  const id = residentId('19700202', 14);
  const last = id.slice(-1);
  return `${id.slice(0, -1)}${last === '0' ? '1' : '0'}`;
}

function csv(rows: string[][]): string {
  return `${[ITEMS, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

describe.skipIf(!hasChromium)('exchange portal (issue 6)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let provider: BrowserContext;
  let consumer: BrowserContext;
  let cataloguer: OrgClient;
  let entryId: string;
  let entryCode: string;

  const step = async (client: OrgClient, url: string, body: unknown = {}) => {
    const res = await client.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestPlatform({
      listen: true,
      config: {
        session: { idleMinutes: 10_000_000, absoluteHours: 200_000 },
        // The provider's service below is registered on 127.0.0.1: the operator allows loopback.
        exchange: { ...loadConfig({}).exchange, serviceAllowedNetworks: ['127.0.0.0/8'] },
      },
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
    // Setup goes through the API with accounts of their own.
    await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
    await createUser(platform, 'zg.heding', bureau, ['authority']);
    // 809 第十三条: the assessments and approval are recorded before the submission.
    cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
    // 809 第二十条 (N09): the applicant and the approving administrator head their offices, so
    // applications and answers carry the head's consent at once.
    await createUser(platform, 'rs.bangong', hrss, ['resource_admin']);
    await recordHead({ platform }, await signedIn(platform, 'rs.bangong'), hrss, CONSUMER.username);
    await recordHead({ platform }, cataloguer, police, PROVIDER.username);
    const ratifier = await signedIn(platform, 'zg.heding');
    const created = await step(cataloguer, '/api/v1/catalog/entries', { content: exchangeContent() });
    entryId = created.id as string;
    entryCode = created.code as string;
    await step(cataloguer, `/api/v1/catalog/entries/${entryId}/submit`);
    await step(ratifier, `/api/v1/catalog/entries/${entryId}/ratify`);
    await step(cataloguer, `/api/v1/catalog/entries/${entryId}/publish`);
    provider = await newContext(browser, server.url);
    await signInThroughApi(provider, PROVIDER);
    consumer = await newContext(browser, server.url);
    await signInThroughApi(consumer, CONSUMER);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Hosts the entry through the API unless a test already did (409). */
  const ensureHosted = async () => {
    const res = await cataloguer.request('POST', '/api/v1/exchange/resources', { entryId });
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`host: ${res.status} ${JSON.stringify(res.body)}`);
  };

  it('the provider hosts a published resource and uploads a CSV keeping the good rows; the bad row is listed with its reason', async () => {
    const page = await provider.newPage();
    const shot = screenshots(page, 'exchange');
    await page.goto('/');
    await page.getByTestId('menu-exchangeResources').click();
    await page.getByTestId('resources-table').waitFor();
    await shot('resources-empty');

    // Host the published entry: the dialog offers it, the detail page shows its columns.
    await page.getByTestId('resources-host').click();
    const select = page.getByTestId('host-entry');
    await select.waitFor();
    await pickOption(page, select, '人员参保', '人员参保核验信息');
    await page.getByTestId('host-confirm').click();
    await page.getByTestId('resource-columns').waitFor();
    expect(await page.getByTestId('resource-name').textContent()).toBe('人员参保核验信息');
    const key = page.getByTestId('resource-columns').locator('tr', { hasText: '公民身份号码' });
    expect(await key.locator('[data-flag=key]').count()).toBe(1);
    expect(await key.locator('[data-flag=personal]').count()).toBe(1);
    expect(await page.getByTestId('resource-rows').textContent()).toBe('0');
    await shot('resource-hosted');

    // Upload: three good rows and one resident ID with a wrong check character, keeping the good.
    await page.getByTestId('resource-upload').click();
    await page.getByTestId('upload-start').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '参保核验.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${csv([...GOOD.slice(0, 1), BAD_ROW(), ...GOOD.slice(1)])}`),
    });
    await shot('upload-ready');
    // All or nothing (the default): the bad row keeps every row out.
    await page.getByTestId('upload-start').click();
    await page.locator('[data-testid=upload-progress][data-finished=true]').waitFor();
    const result = page.getByTestId('upload-result');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('failed');
    await page.getByTestId('upload-nothing-applied').waitFor();
    expect(await page.getByTestId('upload-status').getAttribute('data-status')).toBe('rejected');
    await page.getByTestId('upload-rejects').locator('tbody tr.ant-table-row').first().waitFor();
    await shot('upload-all-or-nothing');

    await page.locator('label:has([data-testid="upload-mode-keep_good"])').click();
    await page.getByTestId('upload-start').click();
    await page.locator('[data-testid=upload-result][data-outcome=done]').waitFor();
    await page.locator('[data-testid=upload-progress][data-finished=true]').waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('done');
    expect(
      await page.getByTestId('upload-applied').locator('.ant-statistic-content-value').textContent(),
    ).toBe('3');
    expect(
      await page.getByTestId('upload-rejected').locator('.ant-statistic-content-value').textContent(),
    ).toBe('1');
    const rejects = page.getByTestId('upload-rejects');
    await rejects.locator('tbody tr.ant-table-row').first().waitFor();
    const bad = rejects.locator('tbody tr.ant-table-row');
    expect(await bad.count()).toBe(1);
    expect(await bad.first().textContent()).toContain('公民身份号码');
    expect(await bad.first().locator('[data-problem]').getAttribute('data-problem')).toBe('identifier');
    expect(await page.getByTestId('upload-reject-file').count()).toBe(1);
    // The load history lists both, newest first.
    await page.getByTestId('load-history').locator('tbody tr.ant-table-row').nth(1).waitFor();
    await shot('upload-done');

    // The resource now holds the three rows, each a change in the log.
    await page.goto(`/exchange/resources/${entryId}`);
    await page.getByTestId('resource-change-log').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('resource-rows').textContent()).toBe('3');
    expect(await page.getByTestId('resource-change-log').locator('[data-op=insert]').count()).toBe(3);
    await shot('resource-loaded');
    await page.close();
  }, 90_000);

  it('the consumer queries a key under its grant and sees the resident ID masked, the status in clear', async () => {
    await ensureHosted();
    await step(cataloguer, `/api/v1/exchange/resources/${entryId}/batches`, {
      ops: GOOD.map((row) => ({
        op: 'upsert',
        record: Object.fromEntries(ITEMS.map((item, i) => [item, row[i]])),
      })),
    });
    // The grant, prepared through the API: 人社 applies, 公安 approves without giving anything in clear.
    const applicant = await consumer.request.post('/api/v1/sharing/applications', {
      data: {
        entryId,
        items: ['公民身份号码', '姓名', '参保状态', '缴费基数'],
        purpose: 'data_verification',
        legalDuty: DUTY,
        scenario: SCENARIO,
        scope: { kind: 'all' },
        methods: ['online_query', 'batch_download', 'subscription'],
        validUntil: '2030-12-31',
      },
    });
    expect(applicant.status(), await applicant.text()).toBe(201);
    const application = (await applicant.json()) as { id: string; status: string };
    if (application.status === 'pending') {
      const approved = await provider.request.post(`/api/v1/sharing/applications/${application.id}/approve`, {
        data: {},
      });
      expect(approved.status(), await approved.text()).toBe(200);
    }

    const page = await consumer.newPage();
    const shot = screenshots(page, 'exchange');
    await page.goto('/');
    await page.getByTestId('menu-exchangeQuery').click();
    const grant = page.getByTestId('query-grant');
    await grant.waitFor();
    await pickOption(page, grant, '人员参保', entryCode);
    await page.getByTestId('grant-summary').waitFor();
    // The summary warns which granted items come masked.
    await page.locator('[data-testid=grant-summary] [data-item=公民身份号码][data-masked=true]').waitFor();
    await page.getByTestId('query-case-number').fill('RS-2026-核验-001');
    const id = LI_ID;
    await page.getByTestId('query-keys').fill(id);
    await shot('query-ready');
    await page.getByTestId('query-submit').click();
    const results = page.getByTestId('query-results');
    await results.locator('tbody tr.ant-table-row').first().waitFor();
    const masked = results.getByTestId('value-公民身份号码');
    expect(await masked.getAttribute('data-masked')).toBe('true');
    expect((await masked.textContent())?.trim()).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(await results.getByTestId('value-姓名').getAttribute('data-masked')).toBe('true');
    expect(await results.getByTestId('value-参保状态').textContent()).toBe('暂停');
    expect(await results.getByTestId('value-参保状态').getAttribute('data-masked')).toBeNull();
    // Items outside the grant never appear.
    expect(await results.textContent()).not.toContain('出生日期');
    await shot('query-masked');

    // 下载全部: the manifest's row count and hash, checked in the browser.
    await page.locator('label:has-text("NDJSON")').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('download-start').click();
    await download;
    await page.getByTestId('download-result').waitFor();
    expect(await page.getByTestId('manifest-rows').textContent()).toBe('3');
    // The digest recomputed here over the data lines matches the manifest's.
    await page.getByTestId('manifest-verified').waitFor();
    await shot('download-manifest');
    await page.close();
  }, 90_000);
  it('the consumer subscribes by push and sees the secret once; the provider registers a service; nodes show online', async () => {
    // A push subscription under the grant of the previous test: the secret is shown once.
    const page = await consumer.newPage();
    const shot = screenshots(page, 'exchange');
    await page.goto('/exchange/subscriptions');
    await page.getByTestId('subscriptions-table').waitFor();
    await page.getByTestId('subscriptions-create').click();
    const grant = page.getByTestId('subscribe-grant');
    await grant.waitFor();
    await pickOption(page, grant, '人员参保', entryCode);
    await page.locator('label:has([data-testid="subscribe-mode-push"])').click();
    await page.getByTestId('subscribe-url').fill('http://127.0.0.1:9/hook');
    await shot('subscribe');
    await page.getByTestId('subscribe-confirm').click();
    const secret = page.getByTestId('subscription-secret');
    await secret.waitFor();
    expect(((await secret.textContent()) ?? '').trim().length).toBeGreaterThan(16);
    await page.getByTestId('secret-close').click();
    await page.getByTestId('secret-modal').waitFor({ state: 'detached' });
    const row = page.getByTestId('subscriptions-table').locator('tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.first().locator('[data-mode=push]').count()).toBe(1);
    await shot('subscriptions');
    await page.close();

    // The provider registers its own endpoint as the resource's service, with its specification.
    const admin = await provider.newPage();
    const adminShot = screenshots(admin, 'exchange');
    await admin.goto('/exchange/services');
    await admin.getByTestId('services-table').waitFor();
    await admin.getByTestId('services-register').click();
    const entry = admin.getByTestId('service-entry');
    await entry.waitFor();
    await pickOption(admin, entry, '人员参保', '人员参保核验信息');
    await admin.getByTestId('service-url').fill('http://127.0.0.1:9/api/insured');
    await admin.getByTestId('service-spec-url').fill('http://127.0.0.1:9/openapi.json');
    await admin.getByTestId('service-save').click();
    await admin.getByTestId(`service-state-${entryCode}`).waitFor();
    expect(await admin.getByTestId(`service-state-${entryCode}`).getAttribute('data-status')).toBe(
      'callable',
    );
    await adminShot('services');

    // A front-end node reports; the monitor page shows it online with its mapping.
    const beat = await provider.request.post('/api/v1/exchange/nodes/heartbeat', {
      data: {
        nodeName: 'ga-node-1',
        version: '0.1.0',
        startedAt: new Date().toISOString(),
        lastError: null,
        mappings: [
          {
            name: 'insured',
            direction: 'outbound',
            entryId,
            lagSeconds: 4,
            lastSyncedAt: new Date().toISOString(),
            rowsSynced: 3,
            lastError: null,
          },
        ],
      },
    });
    expect(beat.status(), await beat.text()).toBe(200);
    await admin.goto('/exchange/nodes');
    const status = admin.getByTestId('node-status-ga-node-1');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('online');
    await adminShot('nodes');
    await admin.close();
  }, 90_000);
  it('the provider approving an application chooses which personal items the consumer sees in clear', async () => {
    const applied = await consumer.request.post('/api/v1/sharing/applications', {
      data: {
        entryId,
        items: ['公民身份号码', '姓名', '参保状态'],
        purpose: 'administrative_basis',
        legalDuty: DUTY,
        scenario: SCENARIO,
        scope: { kind: 'all' },
        methods: ['online_query'],
        validUntil: '2030-12-31',
      },
    });
    expect(applied.status(), await applied.text()).toBe(201);
    const application = (await applied.json()) as { id: string; status: string };
    expect(application.status).toBe('pending');

    const page = await provider.newPage();
    const shot = screenshots(page, 'exchange');
    await page.goto(`/sharing/applications/${application.id}`);
    const clear = page.getByTestId('clear-item-姓名');
    // The dialog opens (its button shown), then offers the personal items once it has read the
    // entry: waited for as states, not clicked at until they appear.
    await page.getByTestId('case-approve').click();
    await page.getByTestId('decision-confirm').waitFor();
    await clear.waitFor();
    // Only personal items are offered; 参保状态 is not personal.
    expect(await page.getByTestId('clear-item-公民身份号码').count()).toBe(1);
    expect(await page.getByTestId('clear-item-参保状态').count()).toBe(0);
    await clear.check();
    await shot('approve-clear-items');
    await page.getByTestId('decision-confirm').click();
    await page.getByTestId('decision-confirm').waitFor({ state: 'detached' });
    await page.close();

    const grants = await consumer.request.get('/api/v1/sharing/grants?as=held&pageSize=200');
    const held = (await grants.json()) as { items: { purpose: string; clearItems: string[] }[] };
    const granted = held.items.find((g) => g.purpose === 'administrative_basis');
    expect(granted?.clearItems).toEqual(['姓名']);
  }, 60_000);
});
