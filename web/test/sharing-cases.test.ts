import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionalContent, item } from '../../src/catalog/test-support/content.ts';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import {
  createDepartment,
  createUser,
  type OrgClient,
  PASSWORD,
  signedIn,
  USCCS,
} from '../../src/org/test-support/index.ts';
import { recordHead } from '../../src/sharing/test-support/index.ts';
import type { TestPlatform } from '../../test/support/platform.ts';
import { clickOption } from './support/antd.ts';
import {
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';
import { startPortal } from './support/portal.ts';

const CONSUMER = { username: 'rs.xieyi', password: PASSWORD };
const PROVIDER = { username: 'ga.xieyi', password: PASSWORD };
const AUTHORITY = { username: 'zg.beian', password: PASSWORD };
const DUTY = '社会救助对象资格审核（《社会救助暂行办法》第十一条）';
const SCENARIO = '受理社会救助申请时核对申请人的参保情况';

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
    // 809 第十三条 (N02, N03): the assessments and the head's approval are recorded before submission.
    const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
    const ratifier = await signedIn(platform, 'zg.heding');
    // 809 第二十条 (N09): the applicant and the provider's administrator head their offices, so
    // applications and answers carry the head's consent at once.
    await createUser(platform, 'rs.bangong', hrss, ['resource_admin']);
    await recordHead({ platform }, await signedIn(platform, 'rs.bangong'), hrss, CONSUMER.username);
    await recordHead({ platform }, cataloguer, police, PROVIDER.username);
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
    await clickOption(proposer, '每日');
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
    await dialogSettled(admin);
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
    await dialogSettled(filer);
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
        scenario: SCENARIO,
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
    await dialogSettled(handler);
    await handler.getByTestId('step-confirm').click();
    await handler.locator('[data-complaint-status=investigating]').waitFor();
    await handler.getByTestId('complaint-answer').click();
    await dialogSettled(handler);
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

  it('N17 upheld misuse suspends the grant with a rectification order and date; the holder reports, the authority terminates; at 390 px', async () => {
    const applied = await consumer.request.post('/api/v1/sharing/applications', {
      data: {
        entryId: entry,
        items: ['参保状态'],
        purpose: 'data_verification',
        legalDuty: DUTY,
        scenario: SCENARIO,
        scope: { kind: 'all' },
        methods: ['interface'],
        validUntil: '2030-12-31',
      },
    });
    expect(applied.status(), await applied.text()).toBe(201);
    const { grantId } = (await applied.json()) as { grantId: string };
    const admin = await provider.newPage();
    await admin.goto(`/sharing/grants/${grantId}`);
    await admin.getByTestId('file-complaint').click();
    await admin.getByTestId('complaint-description').fill('使用部门将参保状态提供给第三方');
    await admin.getByTestId('file-complaint-confirm').click();
    await admin.waitForURL(/\/sharing\/complaints\/[^/]+$/);
    const caseUrl = new URL(admin.url()).pathname;
    await admin.close();

    // The authority answers: upheld, the grant suspended with what to rectify and in 5 working days.
    const handler = await authority.newPage();
    const handlerShot = screenshots(handler, 'sharing');
    await handler.goto(caseUrl);
    await handler.getByTestId('complaint-investigate').click();
    await dialogSettled(handler);
    await handler.getByTestId('step-confirm').click();
    await handler.locator('[data-complaint-status=investigating]').waitFor();
    await handler.getByTestId('complaint-answer').click();
    await dialogSettled(handler);
    for (const choice of ['step-outcome-upheld', 'step-rectify-yes', 'step-days-5'])
      await expect
        .poll(async () => {
          await radio(handler, choice).click();
          return handler.getByTestId(choice).isChecked();
        })
        .toBe(true);
    await handler.getByTestId('step-reply').fill('经调查，投诉成立。');
    await handler.getByTestId('step-order').fill('停止向第三方提供，删除已提供的数据');
    await handlerShot('complaint-rectification-order');
    await handler.getByTestId('step-confirm').click();
    await handler.locator('[data-complaint-status=rectifying]').waitFor();
    expect(await handler.getByTestId('rectification-order').textContent()).toContain('删除已提供的数据');
    expect(await handler.getByTestId('rectification-due').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await handler.locator('.gs-case-head').textContent()).toContain('已暂停授权，限期整改中');

    // The holder reports its rectification from a phone.
    const phone = await consumer.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const phoneShot = screenshots(phone, 'sharing');
    await phone.goto(caseUrl);
    await phone.getByTestId('complaint-rectification').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByTestId('complaint-report_rectification').click();
    await dialogSettled(phone);
    await phone.getByTestId('step-report').fill('已停止向第三方提供并删除数据，附删除记录');
    await phoneShot('complaint-rectification-report-390');
    await phone.getByTestId('step-confirm').click();
    await phone.locator('[data-complaint-status=rectification_reported]').waitFor();
    expect(await phone.getByTestId('rectification-report').textContent()).toContain('删除记录');
    await phoneShot('complaint-rectification-reported-390');

    // The authority finds it not rectified enough and ends the sharing.
    await handler.reload();
    await handler.getByTestId('complaint-terminate').click();
    await dialogSettled(handler);
    await handler.getByTestId('step-confirm').click();
    await handler.locator('#reason_help').waitFor();
    await handler.getByTestId('step-reason').fill('第三方处仍留存数据，拒不整改');
    await handler.getByTestId('step-confirm').click();
    await handler.locator('[data-complaint-status=terminated]').waitFor();
    expect(await handler.getByTestId('complaint-termination').textContent()).toContain('拒不整改');
    await handlerShot('complaint-terminated');
    await handler.close();
    await phone.goto(`/sharing/grants/${grantId}`);
    await phone.locator('[data-grant-status=revoked]').first().waitFor();
    expect(await phone.getByTestId('grant-status-reason').textContent()).toContain('终止共享');
    await phone.close();
  }, 120_000);
});

/**
 * N19 under the national profile (809 第二十八条第二款): a dispute between departments of two counties
 * under one city is coordinated by the city's authority, which refers it to 示范市人民政府 and records
 * the government's decision — the final step — through the dispute page's dialogs.
 */
describe.skipIf(!hasChromium)('sharing portal: a dispute decided by the government (N19)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let authority: BrowserContext;
  let consumerAdmin: OrgClient;
  let disputeId: string;

  beforeAll(async () => {
    server = await startPortal({ profile: 'national' });
    browser = await launchBrowser();
    const { platform } = server;
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select('id')
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const { jurisdictions } = platform.services;
    const east = await jurisdictions.create(undefined, {
      code: '990121',
      name: '示范县',
      level: 'county',
      parentId: city.id,
    });
    const west = await jurisdictions.create(undefined, {
      code: '990122',
      name: '示范二县',
      level: 'county',
      parentId: city.id,
    });
    const provider = await createDepartment(platform, '示范县公安局', USCCS[10], east.id);
    const consumer = await createDepartment(platform, '示范二县人力资源和社会保障局', USCCS[11], west.id);
    const bureau = await createDepartment(platform, '示范市政务服务数据管理局', USCCS[1], city.id);
    await createUser(platform, 'xg.ziyuan', provider, ['resource_admin']);
    await createUser(platform, 'xr.ziyuan', consumer, ['resource_admin']);
    await createUser(platform, 'zg.zhengfu', bureau, ['authority']);
    // Enrols its second factor in the browser (the API client above enrolled zg.zhengfu's own).
    await createUser(platform, 'zg.dengji', bureau, ['authority']);
    const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'xg.ziyuan'));
    const ratifier = await signedIn(platform, 'zg.zhengfu');
    consumerAdmin = await signedIn(platform, 'xr.ziyuan');
    const step = async (client: OrgClient, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const content = conditionalContent({
      items: [
        item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
        item({ name: '参保状态', length: 10 }),
        item({ name: '个人病史', length: 200, shareType: 'not_shared' }),
      ],
    });
    const entry = (await step(cataloguer, '/api/v1/catalog/entries', { content })).id as string;
    await step(cataloguer, `/api/v1/catalog/entries/${entry}/submit`);
    await step(ratifier, `/api/v1/catalog/entries/${entry}/ratify`);
    await step(cataloguer, `/api/v1/catalog/entries/${entry}/publish`);
    const opened = await step(consumerAdmin, '/api/v1/sharing/disputes', {
      entryId: entry,
      reason: '跨县社会救助资格核验',
      items: ['参保状态', '个人病史'],
      purpose: 'data_verification',
      legalDuty: DUTY,
      methods: ['interface'],
      validUntil: '2030-12-31',
    });
    disputeId = opened.id as string;
    await step(cataloguer, `/api/v1/sharing/disputes/${disputeId}/fail`, { reason: '涉及个人病史' });
    await step(consumerAdmin, `/api/v1/sharing/disputes/${disputeId}/escalate`, { reason: '请求协调' });
    authority = await newContext(browser, server.url);
    await signInThroughApi(authority, { username: 'zg.dengji', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('N19 the city authority refers the unresolved coordination to 示范市人民政府 and records its decision; nothing follows; at 390 px', async () => {
    const page = await authority.newPage();
    const shot = screenshots(page, 'sharing');
    await page.goto(`/sharing/disputes/${disputeId}`);
    await page.getByTestId('dispute-refer').click();
    await dialogSettled(page);
    await page.getByTestId('dispute-words').fill('经协调，双方对个人病史的共享范围仍未达成一致');
    await shot('dispute-refer');
    await page.getByTestId('dispute-confirm').click();
    await page.locator('.gs-case-head [data-dispute-status=referred]').waitFor();
    expect(await page.getByTestId('dispute-referral').textContent()).toContain('示范市人民政府');

    await page.getByTestId('dispute-record_government_decision').click();
    await dialogSettled(page);
    expect(await page.getByTestId('dispute-decided-by').getAttribute('placeholder')).toBe('示范市人民政府');
    await page.getByTestId('dispute-confirm').click();
    await page.getByText('请填写').first().waitFor();
    await page.getByTestId('dispute-reference').fill('示政函〔2026〕12号');
    await page.getByTestId('dispute-decided-on').fill(new Date().toISOString().slice(0, 10));
    await page.locator('label:has([data-testid="dispute-item-个人病史"])').click();
    await page.getByTestId('dispute-words').fill('同意共享参保状态，个人病史不予共享');
    await shot('dispute-government-decision');
    await page.getByTestId('dispute-confirm').click();
    await page.locator('.gs-case-head [data-dispute-status=government_granted]').waitFor();
    expect(await page.getByTestId('dispute-government-reference').textContent()).toBe('示政函〔2026〕12号');
    expect(await page.getByTestId('dispute-government-decision').textContent()).toContain('示范市人民政府');
    expect(await page.getByTestId('dispute-decided-items').textContent()).toContain('参保状态');
    expect(await page.getByTestId('dispute-actions').count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('dispute-government-decision').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot('dispute-government-decided-390');
    await page.close();
  }, 120_000);
});
