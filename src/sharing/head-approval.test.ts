import { beforeAll, describe, expect, it } from 'vitest';
import {
  createDepartment,
  type OrgClient,
  signedIn,
  signedInUser,
  USCCS,
} from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  recordHead,
  sampleContent,
  sharingWorldForSuite,
  threeItemContent,
  userId,
} from './test-support/index.js';

const APPS = `${API}/applications`;

interface Event {
  action: string;
  actor: { id: string | null; name: string };
  detail: Record<string, unknown>;
}

/**
 * N09 (政务数据共享条例第二十条第二、三款) over HTTP under the national profile: an application is made
 * with the consent of the requesting department's sharing-office head, and the provider answers
 * with the consent of its own. In the sharing world each department's resource administrator is
 * its head; 公安's `police.staff` is a resource administrator who is not. The clock starts on
 * 2026-09-16 and only walks forward: 2026-09-25 (中秋) and 2026-10-01..07 (国庆) are holidays,
 * 2026-09-20 (Sunday) and 2026-10-10 (Saturday) make-up working days.
 */
describe.each(DIALECTS)(
  'N09 the heads consent to an application and its answer (national) on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'national', '2026-09-16T02:00:00Z');
    let conditional: string;
    let unconditional: string;
    let policeStaff: OrgClient;
    let hrssHeadId: string;

    beforeAll(async () => {
      conditional = await w.publish(threeItemContent());
      unconditional = await w.publish(sampleContent());
      policeStaff = await signedInUser(w.platform, 'police.staff', w.departments.police, ['resource_admin']);
      hrssHeadId = await userId(w, 'hrss.admin');
    });

    const apply = async (
      client: OrgClient = w.hrssUser,
      entryId = conditional,
      over: Record<string, unknown> = {},
    ) => {
      const res = await client.request('POST', APPS, applicationBody(entryId, over));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const step = (client: OrgClient, id: string, action: string, body: unknown = {}) =>
      client.request('POST', `${APPS}/${id}/${action}`, body);
    const ok = async (client: OrgClient, id: string, action: string, body: unknown = {}) => {
      const res = await step(client, id, action, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const code = (res: { status: number; body: { error?: { code: string } } }) =>
      `${res.status} ${res.body.error?.code ?? ''}`.trim();
    const kinds = async (client: OrgClient, caseId: string) =>
      (await client.request('GET', `${API}/notices?pageSize=200`)).body.items
        .filter((n: { case: { id: string } | null }) => n.case?.id === caseId)
        .map((n: { kind: string }) => n.kind);
    const listed = async (client: OrgClient, query: string, id: string) => {
      const res = await client.request('GET', `${APPS}?${query}&pageSize=200`);
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).some((a) => a.id === id);
    };
    const actions = (app: { timeline: Event[] }) => app.timeline.map((e) => e.action);

    it('N09 a department user applies: endorsing, unseen by the provider and the authority, the head asked', async () => {
      const app = await apply();
      expect(app).toMatchObject({
        status: 'endorsing',
        path: 'application',
        deadline: null,
        endorsement: null,
        draftAnswer: null,
        internalApproval: { requester: true, provider: true },
        scenario: '最低生活保障申请审核时核对申请人参保情况',
      });
      expect(app.allowedActions).toEqual(['withdraw']);
      expect(actions(app)).toEqual(['submit']);
      const byHead = await w.hrss.request('GET', `${APPS}/${app.id}`);
      expect(byHead.body.allowedActions).toEqual(['withdraw', 'endorse', 'decline']);
      for (const client of [w.police, w.policeUser, w.authority, w.countyAdmin, w.countyAuthority])
        expect(code(await client.request('GET', `${APPS}/${app.id}`))).toBe(
          '404 SHARING_APPLICATION_NOT_FOUND',
        );
      expect((await w.auditadmin.request('GET', `${APPS}/${app.id}`)).status).toBe(200);
      expect(await listed(w.police, 'as=provider', app.id)).toBe(false);
      expect(await listed(w.police, 'as=all', app.id)).toBe(false);
      expect(await listed(w.authority, 'as=all', app.id)).toBe(false);
      const countOf = async (client: OrgClient) =>
        (await client.request('GET', `${APPS}?as=all&status=endorsing&pageSize=1`)).body.total;
      expect(await countOf(w.authority)).toBe(0);
      expect(await countOf(w.police)).toBe(0);
      expect(await countOf(w.hrss)).toBeGreaterThan(0);
      expect(await listed(w.hrssUser, 'as=consumer', app.id)).toBe(true);
      expect(await kinds(w.hrss, app.id)).toEqual(['application.endorsement_requested']);
      expect(await kinds(w.police, app.id)).toEqual([]);
      // Withdrawn before the head decides: it never reached the provider.
      const other = await apply();
      expect((await ok(w.hrssUser, other.id, 'withdraw')).status).toBe('withdrawn');
      expect(await kinds(w.police, other.id)).toEqual([]);
    });

    it('N09 the head endorses: pending, the 10-working-day reply period counted from the consent across 中秋 and 国庆', async () => {
      const app = await apply();
      w.clock.set('2026-09-22T02:00:00Z');
      const endorsed = await ok(w.hrss, app.id, 'endorse', { opinion: '同意，用于低保审核' });
      expect(endorsed.status).toBe('pending');
      // From 2026-09-22, not from the submission (which would be due 2026-09-30): 中秋 and 国庆 skipped, 10-10 worked.
      expect(endorsed.deadline).toMatchObject({ dueDate: '2026-10-13', workingDaysLeft: 10 });
      expect(endorsed.deadline.article).toContain('第二十一条');
      expect(endorsed.endorsement).toMatchObject({
        by: { id: hrssHeadId, name: 'hrss.admin' },
        reference: null,
        opinion: '同意，用于低保审核',
        at: '2026-09-22T02:00:00.000Z',
      });
      expect(endorsed.endorsement.recordedBy).toBeUndefined();
      expect(actions(endorsed)).toEqual(['submit', 'endorse']);
      expect(endorsed.timeline[1]).toMatchObject({
        actor: { id: hrssHeadId },
        detail: { replyFrom: '2026-09-22' },
      });
      const seen = await w.police.request('GET', `${APPS}/${app.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.allowedActions).toEqual(['approve', 'refuse', 'return']);
      expect(await listed(w.police, 'as=provider', app.id)).toBe(true);
      expect(await kinds(w.police, app.id)).toEqual(['application.received']);
      // The head applying himself: the consent goes with the application, the period runs from today.
      const own = await apply(w.hrss);
      expect(own).toMatchObject({ status: 'pending', endorsement: { by: { id: hrssHeadId } } });
      expect(own.deadline.dueDate).toBe('2026-10-13');
      expect(own.timeline[0].detail.endorsement).toMatchObject({ head: 'hrss.admin', onBehalfOf: null });
      // Endorsed once: no second consent.
      expect(code(await step(w.hrss, app.id, 'endorse'))).toBe('409 SHARING_INVALID_STATE');
    });

    it('N09 an unconditional request is granted at once on the head’s consent, not before', async () => {
      const app = await apply(w.hrssUser, unconditional, { items: ['公民身份号码', '姓名'] });
      expect(app).toMatchObject({ status: 'endorsing', path: 'direct', grantId: null });
      const check = () =>
        w.hrss.request('POST', `${API}/grants/check`, {
          entryId: unconditional,
          items: ['姓名'],
          purpose: 'data_verification',
          method: 'interface',
        });
      expect((await check()).body.allowed).toBe(false);
      const endorsed = await ok(w.hrss, app.id, 'endorse');
      expect(endorsed).toMatchObject({ status: 'approved', deadline: null });
      expect(endorsed.grantId).toEqual(expect.any(String));
      expect(endorsed.timeline[1].detail.grantedAtOnce.grantId).toBe(endorsed.grantId);
      expect((await check()).body).toMatchObject({ allowed: true, grant: { id: endorsed.grantId } });
    });

    it('N09 the head declines with a reason: not endorsed, the applicant told, the provider never sees it', async () => {
      const app = await apply();
      expect(code(await step(w.hrss, app.id, 'decline', { reason: '   ' }))).toBe(
        '422 SHARING_REASON_REQUIRED',
      );
      expect(code(await step(w.hrss, app.id, 'decline', {}))).toBe('400 VALIDATION_FAILED');
      const declined = await ok(w.hrss, app.id, 'decline', { reason: '本部门已有同类数据，无需申请' });
      expect(declined.status).toBe('not_endorsed');
      expect(declined.allowedActions).toEqual([]);
      expect(actions(declined)).toEqual(['submit', 'decline']);
      expect(declined.timeline[1].detail).toMatchObject({
        reason: '本部门已有同类数据，无需申请',
        head: 'hrss.admin',
      });
      expect(await kinds(w.hrssUser, app.id)).toContain('application.not_endorsed');
      expect(code(await w.police.request('GET', `${APPS}/${app.id}`))).toBe(
        '404 SHARING_APPLICATION_NOT_FOUND',
      );
      expect(code(await step(w.hrss, app.id, 'endorse'))).toBe('409 SHARING_INVALID_STATE');
      expect(code(await step(w.hrssUser, app.id, 'withdraw'))).toBe('409 SHARING_INVALID_STATE');
    });

    it('N09 wrong people cannot endorse: staff, another department, the authority, the three administrators', async () => {
      const app = await apply();
      const endorse = (client: OrgClient) => step(client, app.id, 'endorse').then(code);
      expect(await endorse(w.hrssUser)).toBe('403 SHARING_NOT_HEAD');
      expect(await endorse(w.police)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(await endorse(w.countyAdmin)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(await endorse(w.authority)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(await endorse(w.sysadmin)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(await endorse(w.secadmin)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(await endorse(w.auditadmin)).toBe('403 FORBIDDEN');
      expect(code(await step(w.hrssUser, app.id, 'decline', { reason: '不同意' }))).toBe(
        '403 SHARING_NOT_HEAD',
      );
      expect((await w.hrss.request('GET', `${APPS}/${app.id}`)).body.status).toBe('endorsing');
    });

    it('N09 a head without an account: the officer records the written consent by its document number', async () => {
      const officer = await signedInUser(w.platform, 'county.officer', w.departments.county, ['dept_user']);
      await recordHead(w, w.countyAdmin, w.departments.county, { headName: '周局长' }, 'county.officer');
      const app = await apply(w.countyAdmin);
      expect(app.status).toBe('endorsing');
      expect(app.allowedActions).toEqual(['withdraw']);
      const officerDetail = await officer.request('GET', `${APPS}/${app.id}`);
      // The officer is also an account of the applying department: it may withdraw.
      expect(officerDetail.body.allowedActions).toEqual(['withdraw', 'endorse', 'decline']);
      expect(await kinds(officer, app.id)).toEqual(['application.endorsement_requested']);
      const asked = (await officer.request('GET', `${API}/notices?pageSize=200`)).body.items.find(
        (n: { case: { id: string } | null }) => n.case?.id === app.id,
      );
      expect(asked.body.zh).toContain('周局长');
      expect(code(await step(officer, app.id, 'endorse', {}))).toBe(
        '422 SHARING_APPROVAL_REFERENCE_REQUIRED',
      );
      expect(code(await step(officer, app.id, 'endorse', { reference: '  ' }))).toBe(
        '422 SHARING_APPROVAL_REFERENCE_REQUIRED',
      );
      expect(code(await step(w.countyAdmin, app.id, 'endorse', { reference: '县人社〔2026〕9号' }))).toBe(
        '403 SHARING_NOT_HEAD',
      );
      const endorsed = await ok(officer, app.id, 'endorse', {
        reference: '县人社〔2026〕9号',
        opinion: '同意',
      });
      const officerUserId = await userId(w, 'county.officer');
      expect(endorsed).toMatchObject({
        status: 'pending',
        endorsement: {
          by: { id: null, name: '周局长' },
          recordedBy: { id: officerUserId },
          reference: '县人社〔2026〕9号',
          opinion: '同意',
        },
      });
      const entry = endorsed.timeline[1] as Event;
      expect(entry.actor.id).toBe(officerUserId);
      expect(entry.detail).toMatchObject({
        head: '周局长',
        onBehalfOf: '周局长',
        reference: '县人社〔2026〕9号',
      });
      expect((entry.detail.recorded as { zh: string }).zh).toContain('代为登记负责人周局长');
    });

    it('N09 a department with no head recorded cannot apply, and is told where to record one', async () => {
      const civil = await createDepartment(w.platform, '示范市民政局', USCCS[4] as string, w.city.id);
      const civilUser = await signedInUser(w.platform, 'civil.user', civil, ['dept_user']);
      const res = await civilUser.request('POST', APPS, applicationBody(conditional));
      expect(code(res)).toBe('400 SHARING_HEAD_NOT_RECORDED');
      expect(res.body.error.message).toContain('部门管理');
      expect(res.body.error.message).toContain('示范市民政局');
    });

    it('N09 staff drafts the answer: answer_review with the draft, the deadline still running; the head confirms it into a grant with its supply obligation', async () => {
      const app = await apply(w.hrss);
      const due = app.deadline.dueDate;
      const drafted = await ok(policeStaff, app.id, 'approve', {
        items: ['公民身份号码'],
        comment: '仅提供身份号码',
      });
      expect(drafted).toMatchObject({
        status: 'answer_review',
        grantId: null,
        draftAnswer: { decision: 'approve', items: ['公民身份号码'], draftedBy: { name: 'police.staff' } },
      });
      expect(drafted.deadline).toMatchObject({ dueDate: due });
      expect(drafted.deadline.workingDaysLeft).toEqual(expect.any(Number));
      expect(drafted.allowedActions).toEqual([]);
      expect(actions(drafted)).toEqual(['submit', 'draft_answer']);
      const byConsumer = (await w.hrss.request('GET', `${APPS}/${app.id}`)).body;
      expect(byConsumer).toMatchObject({ status: 'answer_review', draftAnswer: null });
      expect(byConsumer.allowedActions).toEqual(['withdraw']);
      const byHead = (await w.police.request('GET', `${APPS}/${app.id}`)).body;
      expect(byHead.allowedActions).toEqual(['confirm_answer', 'send_back_answer']);
      expect((await kinds(w.police, app.id)).sort()).toEqual([
        'application.answer_review',
        'application.received',
      ]);
      // The provider's inbox keeps it among what it must answer.
      expect(await listed(w.police, 'as=provider&status=answer_review', app.id)).toBe(true);

      const confirm = (client: OrgClient) => step(client, app.id, 'confirm-answer').then(code);
      expect(await confirm(policeStaff)).toBe('403 SHARING_NOT_HEAD');
      expect(await confirm(w.policeUser)).toBe('403 SHARING_NOT_HEAD');
      expect(await confirm(w.hrss)).toBe('403 FORBIDDEN');
      expect(await confirm(w.authority)).toBe('403 FORBIDDEN');
      expect(await confirm(w.auditadmin)).toBe('403 FORBIDDEN');
      expect(await confirm(w.countyAdmin)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(await confirm(w.sysadmin)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
      expect(code(await step(policeStaff, app.id, 'approve'))).toBe('409 SHARING_INVALID_STATE');

      const confirmed = await ok(w.police, app.id, 'confirm-answer', { opinion: '同意按拟稿答复' });
      expect(confirmed).toMatchObject({
        status: 'partially_approved',
        decidedItems: ['公民身份号码'],
        decidedBy: { name: 'police.admin' },
      });
      expect(actions(confirmed)).toEqual(['submit', 'draft_answer', 'confirm_answer']);
      expect(confirmed.timeline[2].detail).toMatchObject({
        opinion: '同意按拟稿答复',
        decision: 'approve',
        draftedBy: { name: 'police.staff' },
      });
      const grant = await w.hrss.request('GET', `${API}/grants/${confirmed.grantId}`);
      expect(grant.body).toMatchObject({ status: 'active', origin: 'application', items: ['公民身份号码'] });
      expect(grant.body.supply).toMatchObject({ suppliedAt: null, overdue: false });
      expect(grant.body.supply.dueDate).toEqual(expect.any(String));
      expect(await kinds(w.hrss, app.id)).toContain('application.partially_approved');
    });

    it('N09 the head sends a drafted refusal back: pending again, the drafter told; a refusal drafted again, then the head refuses', async () => {
      const app = await apply(w.hrss);
      expect(code(await step(policeStaff, app.id, 'refuse', { reason: '  ' }))).toBe(
        '422 SHARING_REFUSAL_REASON_REQUIRED',
      );
      await ok(policeStaff, app.id, 'refuse', { reason: '涉及个人隐私' });
      expect(code(await step(w.police, app.id, 'send-back-answer', { opinion: ' ' }))).toBe(
        '422 SHARING_REASON_REQUIRED',
      );
      expect(code(await step(policeStaff, app.id, 'send-back-answer', { opinion: '再议' }))).toBe(
        '403 SHARING_NOT_HEAD',
      );
      const back = await ok(w.police, app.id, 'send-back-answer', { opinion: '可部分提供，请重新拟稿' });
      expect(back.status).toBe('pending');
      expect(back.deadline.dueDate).toBe(app.deadline.dueDate);
      expect(actions(back)).toEqual(['submit', 'draft_answer', 'send_back_answer']);
      expect(await kinds(policeStaff, app.id)).toContain('application.answer_sent_back');
      // The draft stays for its drafter to see; no longer before the head.
      const seen = (await policeStaff.request('GET', `${APPS}/${app.id}`)).body;
      expect(seen.draftAnswer).toMatchObject({ decision: 'refuse', reason: '涉及个人隐私' });
      expect(seen.allowedActions).toEqual(['approve', 'refuse', 'return']);
      expect(code(await step(w.police, app.id, 'confirm-answer'))).toBe('409 SHARING_INVALID_STATE');
      // The head answers itself: decided at once, as without the rule.
      const refused = await ok(w.police, app.id, 'refuse', { reason: '涉及个人隐私，不予共享' });
      expect(refused).toMatchObject({ status: 'refused', refusalReason: '涉及个人隐私，不予共享' });
    });

    it('N09 the scenario is required and hostile text is refused', async () => {
      const { scenario: _, ...without } = applicationBody(conditional);
      expect(code(await w.hrss.request('POST', APPS, without))).toBe('400 VALIDATION_FAILED');
      const post = (scenario: unknown) =>
        w.hrss.request('POST', APPS, applicationBody(conditional, { scenario })).then(code);
      expect(await post('   ')).toBe('422 SHARING_SCENARIO_REQUIRED');
      expect(await post('')).toBe('400 VALIDATION_FAILED');
      expect(await post('审核\u0000场景')).toBe('400 INPUT_ILL_FORMED_TEXT');
      expect(await post('审核\ud800场景')).toBe('400 INPUT_ILL_FORMED_TEXT');
      expect(await post('场'.repeat(100_000))).toBe('400 VALIDATION_FAILED');
      expect(await post('场'.repeat(501))).toBe('400 VALIDATION_FAILED');
      const kept = await apply(w.hrss, conditional, { scenario: '  入户核查时比对参保状态  ' });
      expect(kept.scenario).toBe('入户核查时比对参保状态');
    });

    it('N09 where the profile asks for neither consent, the flow is today’s', async () => {
      const { workflow } = w.platform.profile;
      const saved = [workflow.requesterHeadApproval, workflow.providerHeadApproval] as const;
      workflow.requesterHeadApproval = { ...saved[0], value: false };
      workflow.providerHeadApproval = { ...saved[1], value: false };
      try {
        const app = await apply(w.hrssUser);
        expect(app).toMatchObject({
          status: 'pending',
          endorsement: null,
          internalApproval: { requester: false, provider: false },
        });
        expect(app.deadline.dueDate).toEqual(expect.any(String));
        const approved = await ok(policeStaff, app.id, 'approve');
        expect(approved).toMatchObject({ status: 'approved', draftAnswer: null });
        expect(actions(approved)).toEqual(['submit', 'approve']);
        // A department with no head recorded applies as before.
        const civilUser = await signedIn(w.platform, 'civil.user');
        expect((await civilUser.request('POST', APPS, applicationBody(conditional))).status).toBe(201);
      } finally {
        workflow.requesterHeadApproval = saved[0];
        workflow.providerHeadApproval = saved[1];
      }
    });
  },
);
