import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { pickOption } from './support/antd.ts';
import {
  BROWSER_DIALECTS,
  dialogSettled,
  hasChromium,
  launchBrowser,
  newContext,
  signInThroughApi,
} from './support/browser.ts';
import { type NationalWorld, type Person, startNationalWorld } from './support/national-world.ts';

/** Produced by the run, never committed (the folder's own .gitignore). */
const SHOTS = join(process.cwd(), 'web', 'test', 'screenshots', 'national-application');

const DUTY = '城乡居民最低生活保障资格审核（《社会救助暂行办法》第十一条）';
const SCENARIO = '受理最低生活保障申请时，核验申请人本人的参保状态';
const COMPLETED_SCENARIO =
  '受理最低生活保障申请时，在入户调查前核验申请人本人的参保状态，核验结果只用于资格审核';
const POINTS = ['请说明在审核的哪个环节核验参保状态', '请说明核验结果的保存期限'];
const ITEMS = ['公民身份号码', '姓名', '参保状态'];

/** An antd radio (button): the test id sits on its hidden input, the click goes to its label. */
const radio = (page: Page, testId: string) => page.locator(`label:has([data-testid="${testId}"])`);
const caseStatus = (page: Page) =>
  page.locator('.gs-case-head [data-status]').first().getAttribute('data-status');
const events = (page: Page) =>
  page
    .locator('[data-testid=case-timeline] [data-event]')
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.event));

/**
 * 政务数据共享条例 (809) end to end in the portal, national profile, 2026 (its holiday notice
 * loaded): a staff member of 人社 applies stating 第二十条's five things; 人社's sharing-office head
 * consents (第二十条第二款) and the reply period starts; 公安 returns it once for completion (第二十一条,
 * N11) and it is completed; 公安 asks to extend the reply period and the authority agrees (N10);
 * 公安's staff drafts the approval, 公安's head consents to it (第二十条第三款); the grant's supply
 * (第二十二条, N12) is met by the first read through the exchange. The case timeline shows every step.
 */
describe.skipIf(!hasChromium).each(BROWSER_DIALECTS)(
  'N09 N10 N11 N12 a national application in the portal on %s',
  (dialect) => {
    let n: NationalWorld;
    let browser: Browser;
    const contexts = new Map<string, BrowserContext>();
    let application: { id: string; number: string };
    let extensionId: string;

    /** A signed-in browser of the person (one sign-in each: the sign-in routes limit calls per address). */
    const as = async (person: Person): Promise<Page> => {
      let context = contexts.get(person.username);
      if (!context) {
        context = await newContext(browser, n.url);
        await signInThroughApi(context, person);
        contexts.set(person.username, context);
      }
      const page = await context.newPage();
      onTestFailed(async () => {
        if (!page.isClosed())
          await page.screenshot({ path: join(SHOTS, `failed-${person.username}.png`), fullPage: true });
      });
      return page;
    };
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
    const openCase = async (page: Page) => {
      await page.goto(`/sharing/applications/${application.id}`);
      await page.getByTestId('case-number').waitFor();
    };
    /** Takes a step of the case in its dialog: opens it, fills the fields, confirms, waits for the state. */
    const takeStep = async (page: Page, button: string, fields: Record<string, string>, confirm: string) => {
      await page.getByTestId(button).click();
      await page.locator('.ant-modal').last().waitFor();
      await dialogSettled(page);
      for (const [testId, value] of Object.entries(fields)) await page.getByTestId(testId).fill(value);
      await page.getByTestId(confirm).click();
      await page.getByTestId(confirm).waitFor({ state: 'detached' });
    };

    beforeAll(async () => {
      // Only this run's pictures: the folder is the run's output.
      rmSync(SHOTS, { recursive: true, force: true });
      mkdirSync(SHOTS, { recursive: true });
      // Wednesday 2026-09-16, 10:00 in China: 中秋 (09-25) and 国庆 (10-01..07) lie ahead, with the
      // make-up working days 09-20 (Sunday) and 10-10 (Saturday).
      n = await startNationalWorld(dialect, { start: '2026-09-16T02:00:00Z' });
      browser = await launchBrowser();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await n?.close();
    });

    it('N09 a staff member applies stating the five things of 第二十条; it waits for the head of the own department', async () => {
      const page = await as(n.people.requesterStaff);
      await page.goto(`/catalog/entries/${n.entryId}`);
      await page.getByTestId('apply-open').click();
      await page.getByTestId('apply-wizard').waitFor();
      for (const item of ITEMS) await page.getByTestId(`apply-item-${item}`).check();
      await page.getByTestId('apply-next').click();

      await radio(page, 'apply-purpose-data_verification').click();
      await page.getByTestId('apply-legal-duty').fill(DUTY);
      // 使用场景 is required, and its help cites the article.
      await page.getByTestId('apply-next').click();
      await page.getByText('请说明使用场景（第二十条）').waitFor();
      const help = page.locator('.ant-form-item', { has: page.getByTestId('apply-scenario') });
      expect(await help.textContent()).toContain('政务数据共享条例第二十条第二款');
      await page.getByTestId('apply-scenario').fill(SCENARIO);
      await page.getByTestId('apply-next').click();

      await page.getByTestId('apply-method-online_query').check();
      await page.locator('#validUntil').click();
      await page.locator('#validUntil').fill('2030-12-31');
      await page.locator('#validUntil').press('Enter');
      await page.getByTestId('apply-next').click();

      // The summary states all five, in the article's order.
      const statements = page.getByTestId('apply-statements');
      await statements.waitFor();
      const said = async (key: string) => page.locator(`[data-statement=${key}]`).textContent();
      expect(await statements.locator('th').allTextContents()).toEqual([
        '使用依据',
        '使用场景',
        '使用范围',
        '共享方式',
        '使用时限',
      ]);
      expect(await said('basis')).toBe(DUTY);
      expect(await said('scenario')).toBe(SCENARIO);
      expect(await said('scope')).toBe('全部记录');
      expect(await said('methods')).toBe('联机查询');
      // From today (the browser's day: the server's clock is set back to 2026) to the chosen date.
      expect(await said('period')).toMatch(/^\d{4}-\d{2}-\d{2} ~ 2030-12-31$/);
      expect(await page.getByTestId('apply-endorsement-hint').textContent()).toContain(
        '本部门政务数据共享工作机构负责人同意',
      );
      await shot(page, '01-wizard-summary');
      await page.getByTestId('apply-submit').click();

      const result = page.getByTestId('apply-result');
      await result.waitFor();
      expect(await result.getAttribute('data-status')).toBe('endorsing');
      expect(await result.textContent()).toContain('申请已提交，待本部门负责人同意');
      await page.getByTestId('apply-open-case').click();
      await page.getByTestId('case-number').waitFor();
      const number = ((await page.getByTestId('case-number').textContent()) ?? '').trim();
      application = { id: page.url().split('/').at(-1) ?? '', number };
      expect(await caseStatus(page)).toBe('endorsing');
      expect(await page.locator('.gs-case-head [data-status]').first().textContent()).toBe(
        '待本部门负责人同意',
      );
      await page.getByTestId('case-endorsing').waitFor();
      // The reply period has not begun: it runs once the provider receives the application.
      expect(await page.getByTestId('deadline-not-started').textContent()).toBe(
        '本部门负责人同意、送达提供部门后起算',
      );
      expect(await page.getByTestId('case-scenario').textContent()).toBe(SCENARIO);
      // Both consents of 第二十条 apply under the national profile, and the case says so.
      const consents = (await page.getByTestId('case-internal-approval').textContent()) ?? '';
      expect(consents).toContain('申请须经申请部门共享工作机构负责人同意（第二款）');
      expect(consents).toContain('答复须经提供部门共享工作机构负责人同意（第三款）');
      // The applicant may withdraw, not consent for the head.
      expect(await page.getByTestId('case-withdraw').count()).toBe(1);
      expect(await page.getByTestId('case-endorse').count()).toBe(0);
      await shot(page, '02-case-endorsing');
      await page.close();

      // The provider does not see it yet.
      const provider = await as(n.people.providerStaff);
      await provider.goto('/sharing/approvals');
      await provider.getByTestId('approvals-filter-all').click();
      await provider.getByTestId('approvals-table').locator('.ant-empty').waitFor();
      expect(await provider.getByTestId(`application-link-${number}`).count()).toBe(0);
      await provider.close();
    }, 120_000);

    it('N09 the head finds it under 待我同意 and consents; the reply period of 第二十一条 starts, no date provisional', async () => {
      const page = await as(n.people.requesterHead);
      await page.goto('/sharing/applications');
      // 待我同意 counts what waits for the head.
      const tab = page.getByTestId('applications-tab-awaiting');
      await expect.poll(() => tab.getAttribute('data-count')).toBe('1');
      await tab.click();
      await page.getByTestId('applications-awaiting-hint').waitFor();
      const link = page.getByTestId(`application-link-${application.number}`);
      await link.waitFor();
      expect(await page.getByTestId('applications-table').textContent()).toContain('待本部门负责人同意');
      await shot(page, '03-head-awaiting');
      await link.click();
      await page.getByTestId('case-endorse').click();
      await page.locator('.ant-modal').last().waitFor();
      await dialogSettled(page);
      expect(await page.locator('.ant-modal').last().textContent()).toContain('第二十条第二款');
      // The head consents in person: no reference number asked for.
      expect(await page.getByTestId('step-reference').count()).toBe(0);
      await page.getByTestId('step-opinion').fill('同意，按最小必要原则使用');
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => caseStatus(page)).toBe('pending');

      const endorsement = page.getByTestId('case-endorsement');
      expect(await endorsement.getByTestId('endorsement-by').textContent()).toBe('李主任');
      expect(await endorsement.textContent()).toContain('负责人本人同意');
      expect(await endorsement.getByTestId('endorsement-opinion').textContent()).toBe(
        '同意，按最小必要原则使用',
      );
      expect(await endorsement.getByTestId('endorsement-recorded').count()).toBe(0);
      // 10 working days from 09-16 skip 中秋 and count the make-up Sunday 09-20; the 2026 notice is loaded.
      const deadline = page.getByTestId('case-request').getByTestId('deadline');
      expect(await deadline.textContent()).toContain('2026-09-30');
      expect(await page.getByTestId('days-left').textContent()).toBe('剩余 10 个工作日');
      expect(await page.locator('.gs-provisional').count()).toBe(0);
      expect(await page.getByTestId('case-deadline-article').textContent()).toContain('第二十一条');
      const endorse = page.locator('[data-testid=case-timeline] [data-event=endorse]');
      expect(await endorse.textContent()).toContain('申请部门负责人同意申请');
      expect(await endorse.textContent()).toContain('同意，按最小必要原则使用');
      await shot(page, '04-endorsed');
      await page.close();
    }, 60_000);

    it('N11 the provider returns it once listing what is missing; the staff member completes and resubmits', async () => {
      const admin = await as(n.people.providerStaff);
      await admin.goto('/sharing/approvals');
      const link = admin.getByTestId(`application-link-${application.number}`);
      await link.waitFor();
      await link.click();
      await admin.getByTestId('case-number').waitFor();
      // The answer of a staff member who is not the head is a draft: the head consents to it.
      await takeStep(admin, 'case-return', { 'return-points': POINTS.join('\n') }, 'decision-confirm');
      await expect.poll(() => caseStatus(admin)).toBe('returned');
      await admin.close();

      const page = await as(n.people.requesterStaff);
      await openCase(page);
      expect(await page.getByTestId('case-return-points').locator('li').allTextContents()).toEqual(POINTS);
      await shot(page, '05-returned');
      await page.getByTestId('case-resubmit').click();
      await page.locator('.ant-modal').last().waitFor();
      await dialogSettled(page);
      expect(await page.getByTestId('resubmit-scenario').inputValue()).toBe(SCENARIO);
      await page.getByTestId('resubmit-scenario').fill(COMPLETED_SCENARIO);
      await page.getByTestId('resubmit-note').fill('已按要求补正使用环节与保存期限：核验结果随审核档案保存');
      await page.getByTestId('decision-confirm').click();
      await expect.poll(() => caseStatus(page)).toBe('pending');
      expect(await page.getByTestId('case-scenario').textContent()).toBe(COMPLETED_SCENARIO);
      expect(await page.getByTestId('case-request').getByTestId('deadline').textContent()).toContain(
        '2026-09-30',
      );
      await page.locator('[data-testid=case-timeline] [data-event=resubmit]').waitFor();
      await shot(page, '06-resubmitted');
      await page.close();
    }, 60_000);

    it('N10 the provider asks to extend the reply period; the authority agrees; the due date moves across 国庆', async () => {
      const admin = await as(n.people.providerStaff);
      await openCase(admin);
      await admin.getByTestId('case-request-extension').click();
      await admin.locator('.ant-modal').last().waitFor();
      await dialogSettled(admin);
      await admin.getByTestId('extension-reason').fill('需调取历史档案逐一核对参保状态');
      await admin.getByTestId('extension-days').fill('10');
      await admin.getByTestId('extension-confirm').click();
      const extension = admin.getByTestId('case-extension');
      await extension.waitFor();
      expect(await extension.getAttribute('data-status')).toBe('requested');
      expect(await extension.textContent()).toContain('待主管部门同意');
      expect(await admin.getByTestId('case-request-extension').count()).toBe(0);
      await shot(admin, '07-extension-requested');
      await admin.close();

      const authority = await as(n.people.authority);
      await openCase(authority);
      await authority.getByTestId('case-extension-link').click();
      await authority.getByTestId('kernel-case').waitFor();
      extensionId = authority.url().split('/').at(-1) ?? '';
      expect(await authority.getByTestId('case-status').textContent()).toBe('待主管部门同意');
      await authority.getByTestId('case-step-approve').click();
      await authority.locator('.ant-modal').last().waitFor();
      await dialogSettled(authority);
      await authority.getByTestId('step-note').fill('理由属实，同意延期');
      await authority.getByTestId('step-confirm').click();
      await expect
        .poll(() => authority.getByTestId('case-status').getAttribute('data-status'))
        .toBe('approved');
      await authority.close();

      const page = await as(n.people.requesterStaff);
      await openCase(page);
      // 2026-09-30 + 10 working days: 10-01..07 off, Saturday 10-10 worked.
      expect(await page.getByTestId('case-request').getByTestId('deadline').textContent()).toContain(
        '2026-10-20',
      );
      expect(await page.locator('.gs-provisional').count()).toBe(0);
      expect(await page.getByTestId('case-extension').getAttribute('data-status')).toBe('approved');
      expect(await page.getByTestId('case-extension').textContent()).toContain('延至 2026-10-20');
      expect(
        await page.locator('[data-testid=case-timeline] [data-event=deadline_extended]').textContent(),
      ).toContain('经主管部门同意，答复期限延长 10 个工作日，至 2026-10-20');
      await shot(page, '08-extended');
      await page.close();
    }, 90_000);

    it('N09 a staff member of the provider drafts the approval; the provider head consents; the grant is given', async () => {
      n.clock.set('2026-10-09T02:00:00Z');
      const admin = await as(n.people.providerStaff);
      await openCase(admin);
      await admin.getByTestId('case-approve').click();
      await admin.locator('.ant-modal').last().waitFor();
      await dialogSettled(admin);
      await admin.getByTestId('decision-drafts-for-head').waitFor();
      await admin.getByTestId('decision-comment').fill('符合共享条件，拟同意');
      await admin.getByTestId('decision-confirm').click();
      await expect.poll(() => caseStatus(admin)).toBe('answer_review');
      expect(await admin.locator('.gs-case-head [data-status]').first().textContent()).toBe(
        '答复待负责人同意',
      );
      const draft = admin.getByTestId('case-draft-answer');
      expect(await draft.getByTestId('draft-decision').textContent()).toBe('拟同意共享');
      expect(await draft.getByTestId('draft-items').locator('[data-item]').allTextContents()).toEqual(ITEMS);
      // The drafter by the name people know, not the account's.
      expect(await draft.getByTestId('draft-by').textContent()).toBe(n.people.providerStaff.name);
      // The reply period keeps running while the head reviews: from Friday 10-09 to 10-20 are 8
      // working days, the make-up Saturday 10-10 among them.
      expect(await admin.getByTestId('days-left').textContent()).toBe('剩余 8 个工作日');
      await shot(admin, '09-answer-drafted');
      await admin.close();

      // The requester sees the state, not the provider's internal draft.
      const requester = await as(n.people.requesterStaff);
      await openCase(requester);
      expect(await caseStatus(requester)).toBe('answer_review');
      expect(await requester.getByTestId('case-draft-answer').count()).toBe(0);
      await requester.close();

      const head = await as(n.people.providerHead);
      // The head is no resource administrator: the answers waiting for them are under 待我同意.
      await head.goto('/sharing/applications');
      const tab = head.getByTestId('applications-tab-awaiting');
      await expect.poll(() => tab.getAttribute('data-count')).toBe('1');
      expect(await tab.textContent()).toContain('待我同意');
      await tab.click();
      const link = head
        .getByTestId('awaiting-answers-table')
        .getByTestId(`application-link-${application.number}`);
      await link.waitFor();
      await shot(head, '10-provider-head-awaiting');
      await link.click();
      await head.getByTestId('case-draft-answer').waitFor();
      expect(await head.getByTestId('case-send-back-answer').count()).toBe(1);
      await takeStep(head, 'case-confirm-answer', { 'step-opinion': '同意按拟稿答复' }, 'step-confirm');
      await expect.poll(() => caseStatus(head)).toBe('approved');
      await head.getByTestId('case-decision').waitFor();
      expect(await head.getByTestId('case-decided-items').locator('[data-item]').allTextContents()).toEqual(
        ITEMS,
      );
      expect(await head.getByTestId('case-draft-answer').count()).toBe(0);
      expect(await head.getByTestId('case-grant-link').count()).toBe(1);
      const confirm = head.locator('[data-testid=case-timeline] [data-event=confirm_answer]');
      expect(await confirm.textContent()).toContain('提供部门负责人同意答复');
      expect(await confirm.textContent()).toContain('负责人：周局长');
      expect(await confirm.textContent()).toContain('同意按拟稿答复');
      await shot(head, '11-answer-confirmed');
      await head.close();
    }, 90_000);

    it('N12 the first read through the exchange meets the supply; the timeline shows every step, also at 390 px', async () => {
      n.clock.set('2026-10-12T02:00:00Z');
      const page = await as(n.people.requesterStaff);
      await openCase(page);
      await page.getByTestId('case-grant-link').click();
      await page.getByTestId('grant-supply').waitFor();
      expect(await page.getByTestId('grant-supply').getAttribute('data-supplied')).toBe('false');
      const grantUrl = page.url();

      await page.goto('/exchange/query');
      const grant = page.getByTestId('query-grant');
      await grant.waitFor();
      await pickOption(page, grant, '人员参保', n.entryCode);
      await page.getByTestId('grant-summary').waitFor();
      await page.getByTestId('query-case-number').fill('DB-2026-0042');
      await page.getByTestId('query-keys').fill(String(n.records[0]?.公民身份号码));
      await page.getByTestId('query-submit').click();
      const results = page.getByTestId('query-results');
      await results.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await results.getByTestId('value-参保状态').textContent()).toBe(String(n.records[0]?.参保状态));

      await page.goto(grantUrl);
      const supply = page.getByTestId('grant-supply');
      await supply.waitFor();
      expect(await supply.getAttribute('data-supplied')).toBe('true');
      expect(await supply.textContent()).toContain('已按期提供');
      await shot(page, '12-grant-supplied');

      await openCase(page);
      expect(await events(page)).toEqual([
        'submit',
        'endorse',
        'return',
        'resubmit',
        'deadline_extended',
        'draft_answer',
        'confirm_answer',
      ]);
      const timeline = (await page.getByTestId('case-timeline').textContent()) ?? '';
      for (const words of [
        '提交申请',
        '申请部门负责人同意申请',
        '负责人：李主任',
        '退回补正',
        '补正后重新提交',
        '经主管部门同意，答复期限延长 10 个工作日',
        '拟答复，待负责人同意',
        n.people.providerStaff.name,
        '拟同意共享',
        '按拟稿答复：同意共享',
        '提供部门负责人同意答复',
        '负责人：周局长',
        ...POINTS,
      ])
        expect(timeline).toContain(words);
      expect(await caseStatus(page)).toBe('approved');
      await shot(page, '13-timeline');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('case-timeline').scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, '14-timeline-phone');
      await page.close();
      expect(extensionId).not.toBe('');
    }, 90_000);

    it('N09 where the head has no account, the officer records the written consent with its reference (文号)', async () => {
      // The operator records 人社's head as a person without a platform account.
      const office = await n.w.sysadmin.request('PUT', `/api/v1/departments/${n.w.departments.hrss}/office`, {
        officeName: '市人社局数据共享办公室',
        officePhone: '0371-12345678',
        officeEmail: 'share@example.gov.cn',
        headName: '李主任',
        headTitle: '副局长',
        officerUserId: n.people.requesterOfficer.id,
      });
      expect(office.status, JSON.stringify(office.body)).toBe(200);
      const staff = contexts.get(n.people.requesterStaff.username) as BrowserContext;
      const applied = await staff.request.post('/api/v1/sharing/applications', {
        data: {
          entryId: n.entryId,
          items: ['参保状态'],
          purpose: 'work_reference',
          legalDuty: DUTY,
          scenario: SCENARIO,
          scope: { kind: 'all' },
          methods: ['online_query'],
          validUntil: '2030-12-31',
        },
      });
      expect(applied.status(), await applied.text()).toBe(201);
      const second = (await applied.json()) as { id: string; number: string; status: string };
      expect(second.status).toBe('endorsing');

      const page = await as(n.people.requesterOfficer);
      await page.goto('/sharing/applications');
      await page.getByTestId('applications-tab-awaiting').click();
      expect(await page.getByTestId('applications-awaiting-hint').textContent()).toContain(
        '负责人无平台账号：由您凭其书面同意代为登记',
      );
      await page.getByTestId('applications-table').getByTestId(`application-link-${second.number}`).click();
      await page.getByTestId('case-endorse').click();
      await page.locator('.ant-modal').last().waitFor();
      await dialogSettled(page);
      expect(await page.locator('.ant-modal-title').last().textContent()).toContain('代为登记负责人书面同意');
      // The reference is required of the officer.
      await page.getByTestId('step-confirm').click();
      await page.getByText('请填写此项').waitFor();
      await page.getByTestId('step-reference').fill('人社办〔2026〕12号');
      await page.getByTestId('step-opinion').fill('经负责人签批同意');
      await shot(page, '15-officer-records-consent');
      await page.getByTestId('step-confirm').click();
      await expect.poll(() => caseStatus(page)).toBe('pending');
      const endorsement = page.getByTestId('case-endorsement');
      expect(await endorsement.getByTestId('endorsement-by').textContent()).toBe('李主任');
      expect(await endorsement.getByTestId('endorsement-recorded').textContent()).toBe(
        `${n.people.requesterOfficer.name} 代为登记（负责人无平台账号）`,
      );
      expect(await endorsement.getByTestId('endorsement-reference').textContent()).toBe('人社办〔2026〕12号');
      const recorded = page.locator(
        '[data-testid=case-timeline] [data-event=endorse] [data-testid=event-recorded]',
      );
      expect(await recorded.textContent()).toContain('文号：人社办〔2026〕12号');
      await shot(page, '16-officer-recorded');
      await page.close();
    }, 60_000);
  },
);
