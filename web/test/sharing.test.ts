import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryContent } from '../../src/catalog/model.ts';
import { conditionalContent, item, sampleContent } from '../../src/catalog/test-support/content.ts';
import { preparingSubmissions } from '../../src/catalog/test-support/preparation.ts';
import {
  createDepartment,
  createUser,
  type OrgClient,
  PASSWORD,
  signedIn,
  USCCS,
} from '../../src/org/test-support/index.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { recordHead } from '../../src/sharing/test-support/index.ts';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.ts';
import {
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  screenshots,
  signInThroughApi,
} from './support/browser.ts';

/** 公安 provides; 人社's department user applies; 公安's resource administrator answers. */
const CONSUMER = { username: 'rs.keyuan', password: PASSWORD };
const PROVIDER = { username: 'ga.ziyuan', password: PASSWORD };
const AUTHORITY = { username: 'zg.xietiao', password: PASSWORD };
const DUTY = '社会救助对象资格审核（《社会救助暂行办法》第十一条）';
const SCENARIO = '受理社会救助申请时核对申请人的参保情况';

/** A conditional resource of four items, the fourth not shared. */
function fourItems(): EntryContent {
  return conditionalContent({
    name: '社保参保信息',
    items: [
      item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
      item({ name: '参保状态', length: 10 }),
      item({ name: '缴费基数', dataType: 'N', length: 12 }),
      item({ name: '个人病史', length: 200, shareType: 'not_shared' }),
    ],
  });
}

/** An antd radio (button): the test id sits on its hidden input, the click goes to its label. */
const radio = (page: Page, testId: string) => page.locator(`label:has([data-testid="${testId}"])`);

describe.skipIf(!hasChromium)('sharing portal (R28, R31, R32, R33, R37, R38, R57)', () => {
  let server: TestPlatform;
  let browser: Browser;
  let consumer: BrowserContext;
  let provider: BrowserContext;
  let authority: BrowserContext;
  let conditional: string;
  let unconditional: string;
  // The server's clock: real time until the last test moves it past a reply deadline.
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    // Inner Mongolia: a conditional application is answered by the provider within 10 working days (Art.19).
    server = await startTestPlatform({
      listen: true,
      clock,
      // Sessions outlive the weeks the last test moves the clock across.
      config: { profile: 'inner-mongolia', session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
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
    await createUser(platform, CONSUMER.username, hrss, ['dept_user']);
    await createUser(platform, PROVIDER.username, police, ['resource_admin']);
    // Setup goes through the API with accounts of their own (a TOTP code is used once per account).
    await createUser(platform, 'ga.bianmu', police, ['resource_admin']);
    await createUser(platform, 'zg.heding', bureau, ['authority']);
    await createUser(platform, AUTHORITY.username, bureau, ['authority']);
    const cataloguer = preparingSubmissions(platform, await signedIn(platform, 'ga.bianmu'));
    // 809 第二十条 (N09): the applicant and the answering administrator are their offices' heads, so
    // applications and answers carry the head's consent at once, as before the rule.
    await createUser(platform, 'rs.bangong', hrss, ['resource_admin']);
    await recordHead({ platform }, await signedIn(platform, 'rs.bangong'), hrss, CONSUMER.username);
    await recordHead({ platform }, cataloguer, police, PROVIDER.username);
    const ratifier = await signedIn(platform, 'zg.heding');
    const publish = async (content: EntryContent) => {
      const step = async (client: OrgClient, url: string, body: unknown = {}) => {
        const res = await client.request('POST', url, body);
        if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
      };
      const id = (await step(cataloguer, '/api/v1/catalog/entries', { content })).id as string;
      await step(cataloguer, `/api/v1/catalog/entries/${id}/submit`);
      await step(ratifier, `/api/v1/catalog/entries/${id}/ratify`);
      await step(cataloguer, `/api/v1/catalog/entries/${id}/publish`);
      return id;
    };
    conditional = await publish(fourItems());
    unconditional = await publish(sampleContent());
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

  /** Applies through the API as the consumer (setup for the steps a test is not about). */
  const applyByApi = async (items: string[], entryId = conditional) => {
    const res = await consumer.request.post('/api/v1/sharing/applications', {
      data: {
        entryId,
        items,
        purpose: 'data_verification',
        legalDuty: DUTY,
        scenario: SCENARIO,
        scope: { kind: 'all' },
        methods: ['interface'],
        validUntil: '2030-12-31',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; number: string };
  };

  it('R31 R32 R33 R57 apply through the wizard, the provider approves some items, the consumer holds a grant of only those', async () => {
    // 1. The consumer opens the resource and applies; the not-shared item cannot be ticked.
    const page = await consumer.newPage();
    const shot = screenshots(page, 'sharing');
    await page.goto(`/catalog/entries/${conditional}`);
    await page.getByTestId('apply-open').click();
    await page.getByTestId('apply-wizard').waitFor();
    expect(await page.getByTestId('apply-item-个人病史').isDisabled()).toBe(true);
    await page.getByTestId('apply-item-locked-个人病史').hover();
    await page.locator('.ant-tooltip').filter({ hasText: '不予共享' }).waitFor();
    // Nothing ticked: the step does not advance.
    await page.getByTestId('apply-next').click();
    await page.getByText('请至少选择一个信息项').waitFor();
    for (const name of ['公民身份号码', '参保状态', '缴费基数'])
      await page.getByTestId(`apply-item-${name}`).check();
    await shot('wizard-items');
    await page.getByTestId('apply-next').click();

    await radio(page, 'apply-purpose-data_verification').click();
    await page.getByTestId('apply-legal-duty').fill(DUTY);
    await page.getByTestId('apply-scenario').fill(SCENARIO);
    await page.getByTestId('apply-next').click();

    // The resource is offered as an interface only: batch download cannot be chosen.
    expect(await page.getByTestId('apply-method-batch_download').isDisabled()).toBe(true);
    await page.getByTestId('apply-method-interface').check();
    await page.locator('#validUntil').click();
    await page.locator('#validUntil').fill('2030-12-31');
    await page.locator('#validUntil').press('Enter');
    await page.getByTestId('apply-next').click();

    const review = page.getByTestId('apply-review');
    await review.waitFor();
    expect(await review.textContent()).toContain('数据校核');
    expect(await review.textContent()).toContain('2030-12-31');
    expect(await page.getByTestId('apply-path-hint').textContent()).toContain('提供部门');
    await shot('wizard-review');
    await page.getByTestId('apply-submit').click();
    const result = page.getByTestId('apply-result');
    await result.waitFor();
    expect(await result.getAttribute('data-path')).toBe('application');
    // R32: the reply deadline with the article it comes from (Inner Mongolia Art.19).
    expect(await page.getByTestId('apply-due').textContent()).toMatch(/\d{4}-\d{2}-\d{2}.*19/);
    await shot('wizard-submitted');
    await page.getByTestId('apply-open-case').click();
    await page.getByTestId('case-number').waitFor();
    const number = ((await page.getByTestId('case-number').textContent()) ?? '').trim();
    expect(number).toMatch(/^SQ-\d{4}-\d{6}$/);
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('pending');
    await page.locator('[data-testid=case-timeline] [data-event=submit]').waitFor();
    expect(await page.getByTestId('days-left').textContent()).toMatch(/剩余 \d+ 个工作日/);
    // The consumer may withdraw but not decide its own application.
    expect(await page.getByTestId('case-withdraw').count()).toBe(1);
    expect(await page.getByTestId('case-approve').count()).toBe(0);
    await shot('case-pending');

    // 2. The provider's resource administrator finds it in the approval inbox and approves two of three items.
    const admin = await provider.newPage();
    const adminShot = screenshots(admin, 'sharing');
    await admin.goto('/');
    await admin.getByTestId('menu-sharingApprovals').click();
    const link = admin.getByTestId(`application-link-${number}`);
    await link.waitFor();
    expect(await admin.getByTestId('approvals-table').textContent()).toMatch(/剩余 \d+ 个工作日/);
    await adminShot('approvals');
    await link.click();
    await admin.getByTestId('case-approve').click();
    await admin.locator('.ant-modal').last().waitFor();
    await dialogSettled(admin);
    await radio(admin, 'approve-some').click();
    await admin.getByTestId('approve-item-缴费基数').uncheck();
    await admin.getByTestId('decision-comment').fill('缴费基数涉及个人收入，不予提供');
    await adminShot('approve-some');
    await admin.getByTestId('decision-confirm').click();
    await admin.getByTestId('case-partial').waitFor();
    expect(await admin.locator('.gs-case-head [data-status]').getAttribute('data-status')).toBe(
      'partially_approved',
    );
    expect(await admin.getByTestId('case-actions').count()).toBe(0);
    await adminShot('case-partially-approved');
    await admin.close();

    // 3. The consumer's bell counts the notice; opening it leads to the case and on to the grant.
    await page.goto('/sharing/applications');
    await page.getByTestId(`application-link-${number}`).waitFor();
    await expect
      .poll(async () => Number(await page.getByTestId('notice-count').getAttribute('data-count')))
      .toBeGreaterThan(0);
    await page.getByTestId('notice-bell').click();
    const notice = page.locator('[data-testid=notice-item][data-kind="application.partially_approved"]');
    await notice.waitFor();
    expect(await notice.getAttribute('data-read')).toBe('false');
    await shot('notices');
    await notice.getByTestId('notice-title').click();
    await page.waitForURL(/\/sharing\/applications\/[^/]+$/);
    await page.getByTestId('case-partial').waitFor();
    expect(await page.getByTestId('case-partial').textContent()).toContain('缴费基数');
    const decided = await page.getByTestId('case-decided-items').locator('[data-item]').allTextContents();
    expect(decided).toEqual(['公民身份号码', '参保状态']);
    await page.locator('[data-testid=case-timeline] [data-event=approve]').waitFor();
    await shot('case-consumer-partial');
    await page.getByTestId('case-grant-link').click();
    await page.getByTestId('grant-entry').waitFor();
    const granted = await page.getByTestId('grant-items').locator('[data-item]').allTextContents();
    expect(granted).toEqual(['公民身份号码', '参保状态']);
    expect(await page.locator('[data-grant-status]').first().getAttribute('data-grant-status')).toBe(
      'active',
    );
    // The holder cannot suspend its own grant; only the provider (or the authority) manages it.
    expect(await page.getByTestId('grant-actions').count()).toBe(0);
    await shot('grant-held');
    await page.getByTestId('menu-sharingGrants').click();
    const row = page.getByTestId('grants-table').locator('tbody tr', { hasText: '社保参保信息' });
    await row.first().waitFor();
    expect(await row.first().getByTestId('grant-row-items').textContent()).toBe('公民身份号码、参保状态');
    await shot('grants-held');
    await page.close();
  }, 120_000);

  it('R32 a refusal needs its reason, and the consumer reads it on the case', async () => {
    const application = await applyByApi(['公民身份号码']);
    const admin = await provider.newPage();
    const adminShot = screenshots(admin, 'sharing');
    await admin.goto(`/sharing/applications/${application.id}`);
    await admin.getByTestId('case-refuse').click();
    // Without a reason the refusal is not sent.
    await admin.getByTestId('decision-confirm').click();
    await admin.getByText('不予共享须说明理由').waitFor();
    await adminShot('refuse-reason-required');
    const reason = '该信息仅限公安机关内部使用，依据《居民身份证法》第十九条不予提供';
    await admin.getByTestId('decision-reason').fill(reason);
    await admin.getByTestId('decision-confirm').click();
    await admin.getByTestId('case-refusal').waitFor();
    await admin.close();

    const page = await consumer.newPage();
    const shot = screenshots(page, 'sharing');
    await page.goto('/sharing/applications');
    const link = page.getByTestId(`application-link-${application.number}`);
    await link.waitFor();
    await link.click();
    await page.getByTestId('case-refusal').waitFor();
    expect(await page.getByTestId('case-refusal-reason').textContent()).toBe(reason);
    expect(await page.locator('.gs-case-head [data-status]').getAttribute('data-status')).toBe('refused');
    expect(await page.locator('[data-testid=case-timeline] [data-event=refuse]').textContent()).toContain(
      reason,
    );
    await shot('case-refused');
    // The same case in English: labels switch, the provider's words stay as written.
    await page.getByTestId('lang-en').click();
    await page.getByTestId('case-refusal').getByText('The provider refused').waitFor();
    expect(await page.getByTestId('case-request').textContent()).toContain('Data verification');
    await shot('case-refused-en');
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('case-refusal').getByText('提供部门不予共享').waitFor();
    await page.close();
  }, 60_000);

  it('R28 an unconditionally shared resource is granted at once, and the wizard says so', async () => {
    const page = await consumer.newPage();
    const shot = screenshots(page, 'sharing');
    await page.goto(`/sharing/applications/new?entry=${unconditional}`);
    await page.getByTestId('apply-item-姓名').check();
    await page.getByTestId('apply-next').click();
    await radio(page, 'apply-purpose-work_reference').click();
    await page.getByTestId('apply-legal-duty').fill(DUTY);
    await page.getByTestId('apply-scenario').fill(SCENARIO);
    await page.getByTestId('apply-next').click();
    await page.getByTestId('apply-method-interface').check();
    await page.locator('#validUntil').click();
    await page.locator('#validUntil').fill('2030-06-30');
    await page.locator('#validUntil').press('Enter');
    await page.getByTestId('apply-next').click();
    expect(await page.getByTestId('apply-path-hint').textContent()).toContain('即时开通');
    await page.getByTestId('apply-submit').click();
    const result = page.getByTestId('apply-result');
    await result.waitFor();
    expect(await result.getAttribute('data-path')).toBe('direct');
    expect(await result.textContent()).toContain('已即时开通共享授权');
    await shot('granted-at-once');
    await page.close();
  }, 60_000);
  it('R37 R38 a refusal goes to negotiation, which fails; the authority coordinates and its binding decision is a grant', async () => {
    const application = await applyByApi(['公民身份号码', '参保状态']);
    const refused = await provider.request.post(`/api/v1/sharing/applications/${application.id}/refuse`, {
      data: { reason: '参保状态仅用于本系统业务' },
    });
    expect(refused.status(), await refused.text()).toBe(200);

    // 1. The consumer opens a negotiation from the refused application (Inner Mongolia Art.19: 10 working days).
    const page = await consumer.newPage();
    const shot = screenshots(page, 'sharing');
    await page.goto(`/sharing/applications/${application.id}`);
    await page.getByTestId('case-open-dispute').click();
    // The dialog is open (its field shown) before its button is pressed empty.
    await page.getByTestId('open-dispute-reason').waitFor();
    await page.getByTestId('open-dispute-confirm').click();
    await page.getByText('请说明确需使用的理由').waitFor();
    await page.getByTestId('open-dispute-reason').fill('社会救助资格审核确需核验参保状态');
    await page.getByTestId('open-dispute-confirm').click();
    await page.waitForURL(/\/sharing\/disputes\/[^/]+$/);
    const status = () =>
      page.locator('.gs-case-head [data-dispute-status]').getAttribute('data-dispute-status');
    await expect.poll(status).toBe('negotiating');
    const number = ((await page.getByTestId('dispute-number').textContent()) ?? '').trim();
    expect(number).toMatch(/^XS-\d{4}-\d{6}$/);
    expect(await page.getByTestId('dispute-deadline-article').textContent()).toContain('Art.19');
    expect(await page.getByTestId('days-left').textContent()).toMatch(/剩余 \d+ 个工作日/);
    await shot('dispute-negotiating');

    // 2. The provider declares the negotiation failed, with its reason.
    const admin = await provider.newPage();
    const adminShot = screenshots(admin, 'sharing');
    await admin.goto('/sharing/disputes');
    await admin.getByTestId(`dispute-link-${number}`).click();
    await admin.getByTestId('dispute-fail').click();
    await admin.getByTestId('dispute-words').fill('无法就使用范围达成一致');
    await admin.getByTestId('dispute-confirm').click();
    await admin.getByTestId('dispute-failure').waitFor();
    await adminShot('dispute-failed');
    await admin.close();

    // 3. The consumer asks the competent authority to coordinate.
    await page.reload();
    await page.getByTestId('dispute-escalate').click();
    await page.getByTestId('dispute-words').fill('请主管部门协调');
    await page.getByTestId('dispute-confirm').click();
    await expect.poll(status).toBe('coordinating');
    expect(await page.getByTestId('dispute-actions').textContent()).not.toContain('作出协调决定');

    // 4. The authority decides, binding: share one of the two items.
    const coordinator = await authority.newPage();
    const coordinatorShot = screenshots(coordinator, 'sharing');
    await coordinator.goto('/');
    await coordinator.getByTestId('menu-sharingDisputes').click();
    const link = coordinator.getByTestId(`dispute-link-${number}`);
    await link.waitFor();
    await coordinatorShot('disputes-authority');
    await link.click();
    await coordinator.getByTestId('dispute-decide').click();
    await coordinator.getByTestId('dispute-item-参保状态').uncheck();
    await coordinator.getByTestId('dispute-words').fill('经协调，决定共享公民身份号码用于资格核验');
    await coordinatorShot('dispute-decide');
    await coordinator.getByTestId('dispute-confirm').click();
    await coordinator.getByTestId('dispute-outcome').waitFor();
    expect(
      await coordinator.locator('.gs-case-head [data-dispute-status]').getAttribute('data-dispute-status'),
    ).toBe('granted');
    await coordinator.close();

    // 5. The consumer reads the decision and holds a grant of the decided item only.
    await page.reload();
    await page.getByTestId('dispute-outcome').waitFor();
    expect(await page.getByTestId('dispute-outcome').textContent()).toContain('经协调');
    await page.locator('[data-testid=case-timeline] [data-event=decide]').waitFor();
    await shot('dispute-granted');
    await page.getByTestId('dispute-grant-link').click();
    await page.getByTestId('grant-entry').waitFor();
    expect(await page.getByTestId('grant-items').locator('[data-item]').allTextContents()).toEqual([
      '公民身份号码',
    ]);
    expect(await page.getByTestId('grant-detail').textContent()).toContain('协调决定');
    await page.close();
  }, 120_000);
  it('R33 the provider suspends a grant with a reason; the holder reads why', async () => {
    const { id } = await applyByApi(['姓名'], unconditional);
    const application = await (await consumer.request.get(`/api/v1/sharing/applications/${id}`)).json();
    const admin = await provider.newPage();
    const adminShot = screenshots(admin, 'sharing');
    await admin.goto('/sharing/grants');
    await admin.getByTestId('grants-tab-given').click();
    await admin.locator(`a[href="/sharing/grants/${application.grantId}"]`).click();
    await admin.getByTestId('grant-suspend').click();
    await admin.getByTestId('grant-confirm').click();
    await admin.getByText('须说明理由').last().waitFor();
    await admin.getByTestId('grant-reason').fill('使用部门接口调用异常，暂停待核查');
    await admin.getByTestId('grant-confirm').click();
    await admin.locator('.gs-case-head [data-grant-status=suspended]').waitFor();
    expect(await admin.getByTestId('grant-resume').count()).toBe(1);
    await adminShot('grant-suspended');
    await admin.close();

    const page = await consumer.newPage();
    await page.goto(`/sharing/grants/${application.grantId}`);
    await page.locator('.gs-case-head [data-grant-status=suspended]').waitFor();
    expect(await page.getByTestId('grant-status-reason').textContent()).toBe(
      '使用部门接口调用异常，暂停待核查',
    );
    await page.locator('[data-testid=case-timeline] [data-event=suspend]').waitFor();
    await page.close();
  }, 60_000);

  it('R32 R40 past its reply deadline an application is flagged overdue and shows red in the approval inbox', async () => {
    const application = await applyByApi(['参保状态']);
    // Five weeks on, the sweep flags it: 10 working days have passed.
    clock.set(new Date(clock.now().getTime() + 35 * 24 * 3600 * 1000));
    await server.platform.services.sharing.scheduler.sweep(clock.now());
    const admin = await provider.newPage();
    const shot = screenshots(admin, 'sharing');
    await admin.goto('/sharing/approvals');
    const row = admin.locator(`[data-testid=approvals-table] tr[data-number="${application.number}"]`);
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('gs-overdue-row');
    expect(await row.getByTestId('days-left').textContent()).toMatch(/已逾期 \d+ 个工作日/);
    // Undecided cases lead the inbox.
    expect(
      await admin.locator('[data-testid=approvals-table] tbody tr').first().getAttribute('data-number'),
    ).toBe(application.number);
    await shot('approvals-overdue');
    await admin.close();
  }, 60_000);
});
