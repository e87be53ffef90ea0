import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionalContent } from '../../src/catalog/test-support/content.ts';
import {
  createDepartment,
  createUser,
  type OrgClient,
  PASSWORD,
  signedIn,
  USCCS,
} from '../../src/org/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { hasChromium, launchBrowser, newContext, screenshots, signInThroughApi } from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const CONSUMER = { username: 'rs.xieyi', password: PASSWORD };
const PROVIDER = { username: 'ga.xieyi', password: PASSWORD };
const AUTHORITY = { username: 'zg.beian', password: PASSWORD };
const DUTY = '社会救助对象资格审核（《社会救助暂行办法》第十一条）';

/** An antd radio: the test id sits on its hidden input, the click goes to its label. */
const radio = (page: Page, testId: string) => page.locator(`label:has([data-testid="${testId}"])`);

/**
 * Neixiang's rules provide for agreements filed with the authority (备案) and for complaints
 * answered in writing (REQUIREMENTS §3); every cataloged resource is shared on the catalog's terms
 * (Art.12, Art.16(2)), so an application is granted at once.
 */
describe.skipIf(!hasChromium)('sharing portal: agreements and complaints under Neixiang (R35, R118)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let consumer: BrowserContext;
  let provider: BrowserContext;
  let authority: BrowserContext;
  let entry: string;

  beforeAll(async () => {
    server = await startPortal({ profile: 'neixiang' });
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
    await createUser(platform, CONSUMER.username, hrss, ['dept_user']);
    await createUser(platform, PROVIDER.username, police, ['resource_admin']);
    await createUser(platform, AUTHORITY.username, bureau, ['authority']);
    await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
    await createUser(platform, 'zg.heding', bureau, ['authority']);
    const cataloguer = await signedIn(platform, 'ga.bianmu');
    const ratifier = await signedIn(platform, 'zg.heding');
    const step = async (client: OrgClient, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    entry = (await step(cataloguer, '/api/v1/catalog/entries', { content: conditionalContent() }))
      .id as string;
    await step(cataloguer, `/api/v1/catalog/entries/${entry}/submit`);
    await step(ratifier, `/api/v1/catalog/entries/${entry}/ratify`);
    await step(cataloguer, `/api/v1/catalog/entries/${entry}/publish`);
    consumer = await newContext(browser, server.url);
    await signInThroughApi(consumer, CONSUMER);
    provider = await newContext(browser, server.url);
    await signInThroughApi(provider, PROVIDER);
    authority = await newContext(browser, server.url);
    await signInThroughApi(authority, AUTHORITY);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('R35 an agreement proposed from the resource does nothing until the authority files it; filed, it is in effect with its grant', async () => {
    // 0. The consumer proposes it from the resource's page, through the same steps as an application.
    const proposer = await consumer.newPage();
    const proposerShot = screenshots(proposer, 'sharing');
    await proposer.goto(`/catalog/entries/${entry}`);
    await proposer.getByTestId('agreement-open').click();
    await proposer.getByTestId('apply-item-公民身份号码').check();
    await proposer.getByTestId('apply-item-参保状态').check();
    await proposer.getByTestId('apply-next').click();
    await radio(proposer, 'apply-purpose-business_coordination').click();
    await proposer.getByTestId('apply-legal-duty').fill(DUTY);
    await proposer.getByTestId('apply-next').click();
    await proposer
      .locator('.ant-select:has([data-testid=apply-frequency]), .ant-select[data-testid=apply-frequency]')
      .first()
      .click();
    await proposer
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '每日' })
      .click();
    await proposer.getByTestId('apply-terms').fill('每日同步一次；不得向第三方提供。');
    await proposer.getByTestId('apply-method-interface').check();
    await proposer.locator('#validUntil').click();
    await proposer.locator('#validUntil').fill('2030-12-31');
    await proposer.locator('#validUntil').press('Enter');
    await proposer.getByTestId('apply-next').click();
    expect(await proposer.getByTestId('apply-path-hint').textContent()).toContain('备案后生效');
    expect(await proposer.getByTestId('apply-review').textContent()).toContain('每日');
    await proposerShot('agreement-review');
    await proposer.getByTestId('apply-submit').click();
    await proposer.getByTestId('agreement-proposed').waitFor();
    await proposer.getByTestId('open-agreement').click();
    await proposer.getByTestId('agreement-number').waitFor();
    const agreement = {
      id: proposer.url().split('/').pop() as string,
      number: ((await proposer.getByTestId('agreement-number').textContent()) ?? '').trim(),
    };
    expect(agreement.number).toMatch(/^XY-\d{4}-\d{6}$/);
    await proposer.close();

    // 1. The provider signs: still not in effect, no grant.
    const admin = await provider.newPage();
    await admin.goto('/sharing/agreements');
    await admin.getByTestId(`agreement-link-${agreement.number}`).click();
    await admin.getByTestId('agreement-sign').click();
    await admin.getByTestId('step-confirm').click();
    const status = (page: Page) =>
      page.locator('.gs-case-head [data-agreement-status]').getAttribute('data-agreement-status');
    await expect.poll(() => status(admin)).toBe('signed');
    await admin.close();

    const page = await consumer.newPage();
    const shot = screenshots(page, 'sharing');
    await page.goto(`/sharing/agreements/${agreement.id}`);
    await expect.poll(() => status(page)).toBe('signed');
    expect(await page.getByTestId('agreement-effect').textContent()).toContain('未生效');
    const held = await consumer.request.get(`/api/v1/sharing/grants?as=held&entryId=${entry}`);
    expect((await held.json()).total).toBe(0);
    await shot('agreement-signed');

    // 2. The authority files it (备案): in effect, and the grant exists.
    const filer = await authority.newPage();
    const filerShot = screenshots(filer, 'sharing');
    await filer.goto('/');
    await filer.getByTestId('menu-sharingAgreements').click();
    await filer.getByTestId(`agreement-link-${agreement.number}`).click();
    await filer.getByTestId('agreement-file').click();
    await filer.getByTestId('step-note').fill('符合长期稳定共享条件，予以备案');
    await filer.getByTestId('step-confirm').click();
    await expect.poll(() => status(filer)).toBe('filed');
    await filerShot('agreement-filed');
    await filer.close();

    await page.goto('/sharing/agreements');
    const row = page.getByTestId('agreements-table').locator('tbody tr', { hasText: agreement.number });
    await row.locator('[data-agreement-status=filed]').waitFor();
    await shot('agreements-list');
    await row.getByTestId(`agreement-link-${agreement.number}`).click();
    expect(await page.getByTestId('agreement-effect').textContent()).toContain('已生效');
    await page.getByTestId('agreement-effect').getByRole('link').click();
    await page.getByTestId('grant-entry').waitFor();
    expect(await page.getByTestId('grant-items').locator('[data-item]').allTextContents()).toEqual([
      '公民身份号码',
      '参保状态',
    ]);
    expect(await page.getByTestId('grant-detail').textContent()).toContain('协议共享');
    await page.close();
  }, 90_000);

  it('R118 a provider complains of misuse from a grant; the authority investigates and answers in writing', async () => {
    const applied = await consumer.request.post('/api/v1/sharing/applications', {
      data: {
        entryId: entry,
        items: ['参保状态'],
        purpose: 'data_verification',
        legalDuty: DUTY,
        scope: { kind: 'all' },
        methods: ['interface'],
        validUntil: '2030-12-31',
      },
    });
    expect(applied.status(), await applied.text()).toBe(201);
    const { grantId } = (await applied.json()) as { grantId: string };

    // 1. The provider complains about the holder, from the grant it gave.
    const admin = await provider.newPage();
    const adminShot = screenshots(admin, 'sharing');
    await admin.goto(`/sharing/grants/${grantId}`);
    await admin.getByTestId('file-complaint').click();
    await admin.getByTestId('complaint-description').fill('使用部门将参保状态用于招聘审查，超出授权用途');
    await admin.getByTestId('file-complaint-confirm').click();
    await admin.waitForURL(/\/sharing\/complaints\/[^/]+$/);
    const number = ((await admin.getByTestId('complaint-number').textContent()) ?? '').trim();
    expect(await admin.locator('[data-complaint-status]').getAttribute('data-complaint-status')).toBe(
      'received',
    );
    await adminShot('complaint-filed');

    // 2. The authority investigates and answers in writing: upheld.
    const handler = await authority.newPage();
    const handlerShot = screenshots(handler, 'sharing');
    await handler.goto('/sharing/complaints');
    await handler.getByTestId(`complaint-link-${number}`).click();
    await handler.getByTestId('complaint-investigate').click();
    await handler.getByTestId('step-confirm').click();
    await handler.locator('[data-complaint-status=investigating]').waitFor();
    await handler.getByTestId('complaint-answer').click();
    // The written answer is required.
    // The dialog may still be opening: click until the outcome is really chosen.
    const upheld = handler.getByTestId('step-outcome-upheld');
    await expect
      .poll(async () => {
        await radio(handler, 'step-outcome-upheld').click();
        return upheld.isChecked();
      })
      .toBe(true);
    await handler.getByTestId('step-confirm').click();
    await handler.locator('#reply_help').getByText('请填写此项').waitFor();
    expect(await handler.locator('#outcome_help').count()).toBe(0);
    const reply = '经调查，投诉成立：使用部门超出授权用途使用数据，责令整改。';
    await handler.getByTestId('step-reply').fill(reply);
    await handlerShot('complaint-answer');
    await handler.getByTestId('step-confirm').click();
    await handler.getByTestId('complaint-reply').waitFor();
    await handler.close();

    // 3. The complainant reads the written answer on the case.
    await admin.reload();
    await admin.getByTestId('complaint-reply').waitFor();
    expect(await admin.getByTestId('complaint-reply').textContent()).toContain(reply);
    expect(await admin.getByTestId('complaint-reply').textContent()).toContain('投诉成立');
    await adminShot('complaint-answered');
    await admin.close();
  }, 90_000);
});
