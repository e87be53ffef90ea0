import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../src/org/test-support/index.ts';
import { API, applicationBody } from '../../src/sharing/test-support/index.ts';
import {
  BROWSER_DIALECTS,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  signInThroughApi,
} from './support/browser.ts';
import { type NationalWorld, type Person, startNationalWorld } from './support/national-world.ts';

/** The page fits a 390 px phone: nothing wider than the screen. */
const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= 390);
/** An antd checkbox or radio: the test id sits on its hidden input, the click goes to its label. */
const choice = (page: Page, testId: string) => page.locator(`label:has([data-testid="${testId}"])`);
/** What a zh-CN page must not show: raw codes of the kinds, events and escalation targets. */
const RAW = /misuse_finding|beyond_scope|third_party|find_misuse|escalat|rectifying|Misuse|Escalated/;

/**
 * 政务数据共享条例 in the portal, national profile: 公安's resource administrator finds that 人社
 * misused its grant (N17, 第二十七条第二款) from the grant page — the grant is suspended and the
 * finding's case page says what was found, by whom, and the rectification date, in Chinese; and an
 * application left unanswered past its period shows on its timeline that it was reported to 公安's
 * sharing-office head (N01/R128), on a 390 px phone.
 */
describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'N17 N01 misuse finding and escalation in the portal on %s',
  (dialect) => {
    let n: NationalWorld;
    let browser: Browser;
    const contexts = new Map<string, BrowserContext>();
    let grantId: string;

    const as = async (person: Person): Promise<Page> => {
      let context = contexts.get(person.username);
      if (!context) {
        context = await newContext(browser, n.url);
        await signInThroughApi(context, person);
        contexts.set(person.username, context);
      }
      const page = await context.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      return page;
    };

    beforeAll(async () => {
      // Thursday 2026-11-05, 10:00 in China.
      n = await startNationalWorld(dialect, { start: '2026-11-05T02:00:00Z' });
      browser = await launchBrowser();
      const { platform } = n.w;
      const { hrss, police } = n.w.departments;
      const consumerDept = await platform.services.departments.lookup(hrss, platform.storage.db);
      const providerDept = await platform.services.departments.lookup(police, platform.storage.db);
      if (!consumerDept || !providerDept) throw new Error('departments missing');
      // The grant is made as any approval makes it: the application steps are not under test here.
      grantId = await platform.storage.db.transaction().execute((trx) =>
        platform.services.sharing.grants.create(
          trx,
          {
            consumer: { departmentId: hrss, jurisdictionPath: consumerDept.jurisdictionPath },
            provider: { departmentId: police, jurisdictionPath: providerDept.jurisdictionPath },
            entry: { id: n.entryId, code: n.entryCode, name: '人员参保核验信息' },
            items: ['公民身份号码'],
            purpose: 'data_verification',
            methods: ['interface'],
            validFrom: '2026-01-01',
            validUntil: '2030-12-31',
            origin: 'application',
            originId: 'browser-test',
          },
          { id: null, name: 'browser test' },
        ),
      );
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await n?.close();
    });

    it('N17 the provider finds misuse on the grant page; the case shows the kind, the suspension and the date in Chinese', async () => {
      const page = await as(n.people.providerStaff);
      await page.goto(`/sharing/grants/${grantId}`);
      await page.getByTestId('grant-find-misuse').click();
      await page.locator('.ant-modal').last().waitFor();
      await dialogSettled(page);
      // The dialog cites the article it acts under.
      expect(await page.getByTestId('finding-article').textContent()).toContain('第二十七条第二款');
      // Nothing chosen: the dialog says what is missing and stays open.
      await page.getByTestId('finding-confirm').click();
      await page.getByText('请选择至少一种违规情形').waitFor();
      await choice(page, 'finding-misuse-third_party').click();
      await page.getByTestId('finding-facts').fill('人社局将共享的参保核验结果提供给某商业保险公司');
      await page.getByTestId('finding-order').fill('停止向第三方提供，收回已提供的数据并报告');
      await choice(page, 'finding-period-date').click();
      await page.getByTestId('finding-due-date').fill('2026-11-20');
      expect(await fitsPhone(page)).toBe(true);
      await page.getByTestId('finding-confirm').click();

      await page.waitForURL(/\/sharing\/complaints\/[^/]+$/);
      await page.getByTestId('complaint-number').waitFor();
      const head = page.locator('.gs-case-head');
      expect(await head.textContent()).toContain('违规使用认定（第二十七条第二款）');
      expect(await page.locator('[data-complaint-status]').textContent()).toBe('已暂停授权，限期整改中');
      expect(await page.getByTestId('complaint-found-by').textContent()).toContain('数据提供部门');
      // A finding has no complainant: the department found, not one complained about.
      expect(await head.textContent()).not.toContain('投诉');
      expect(await head.textContent()).toContain('违规使用部门：示范市人力资源和社会保障局');
      expect(await page.getByTestId('complaint-misuse').textContent()).toBe('擅自提供给第三方');
      expect(await page.getByTestId('rectification-due').textContent()).toContain('2026-11-20');
      expect(await page.getByTestId('rectification-order').textContent()).toBe(
        '停止向第三方提供，收回已提供的数据并报告',
      );
      expect(
        await page.locator('[data-testid=case-timeline] [data-event=find_misuse]').textContent(),
      ).toContain('认定违规使用，暂停授权');
      expect(await page.locator('#root').textContent()).not.toMatch(RAW);
      expect(await fitsPhone(page)).toBe(true);

      // The grant is suspended, and the list shows the finding without a complainant.
      const grant = (await n.w.police.request('GET', `${API}/grants/${grantId}`)).body;
      expect(grant.status).toBe('suspended');
      await page.goto('/sharing/complaints');
      const row = page.locator('.ant-table-row', { hasText: '违规使用认定' });
      await row.waitFor();
      expect(await row.textContent()).toContain('认定部门：数据提供部门');
      expect(await page.locator('#root').textContent()).not.toMatch(RAW);
    });

    it('N01 R128 an application unanswered past its period shows on its timeline that it was reported to the head', async () => {
      const applied = await n.w.hrss.request(
        'POST',
        `${API}/applications`,
        applicationBody(n.entryId, { scenario: '社会救助对象资格核验' }),
      );
      expect(applied.status, JSON.stringify(applied.body)).toBe(201);
      const id = applied.body.id as string;
      if (applied.body.status === 'endorsing') {
        const head = await signedIn(n.w.platform, n.people.requesterHead.username);
        const endorsed = await head.request('POST', `${API}/applications/${id}/endorse`, {});
        expect(endorsed.status, JSON.stringify(endorsed.body)).toBeLessThan(300);
      }
      // The sweep flags the reply overdue and tells 公安's head (周局长), once.
      const swept = await n.w.platform.services.sharing.scheduler.sweep(new Date('2026-12-21T02:00:00Z'));
      expect(swept.overdue).toBeGreaterThanOrEqual(1);
      n.clock.set('2026-12-21T03:00:00Z');

      const page = await as(n.people.providerStaff);
      await page.goto(`/sharing/applications/${id}`);
      await page.getByTestId('case-number').waitFor();
      const escalated = page.locator('[data-testid=case-timeline] [data-event=escalated]');
      expect(await escalated.count()).toBe(1);
      const text = await escalated.textContent();
      expect(text).toContain('超期已报负责人');
      expect(text).toContain('已报送负责人 周局长');
      expect(await page.locator('#root').textContent()).not.toMatch(RAW);
      expect(await fitsPhone(page)).toBe(true);
    });

    it('N01 R128 a catalog update obligation past its date shows 已超期 and whom it was reported to', async () => {
      n.clock.set('2027-01-04T02:00:00Z');
      const recorded = await n.w.authority.request('POST', '/api/v1/catalog/obligations', {
        departmentId: n.w.departments.police,
        cause: 'duty_change',
        description: '机构改革职责调整',
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      const id = recorded.body.id as string;
      n.clock.set('2027-02-26T02:00:00Z');
      expect(
        await n.w.platform.services.catalogObligations.sweepOverdue(new Date('2027-02-26T02:00:00Z')),
      ).toBe(1);

      const page = await as(n.people.providerStaff);
      await page.goto('/obligations');
      await page.getByTestId(`obligation-state-${id}`).waitFor();
      expect(await page.getByTestId(`obligation-overdue-${id}`).textContent()).toBe('已超期');
      expect(await page.getByTestId(`obligation-escalation-${id}`).textContent()).toBe(
        '已报共享工作机构负责人',
      );
      expect(await page.locator('#root').textContent()).not.toMatch(RAW);
    });
  },
);
