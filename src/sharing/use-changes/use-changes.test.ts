import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { auditActions } from '../test-support/index.js';

const USE_CHANGES = '/api/v1/sharing/use-changes';
const GRANTED = ['公民身份号码', '参保状态'];

/**
 * N14 (政务数据共享条例第二十五条第一款) over HTTP: the requesting department (人社) asks on its grant to
 * use the data for another purpose, widen its use or pass it to a third party; the provider (公安)
 * consents or refuses; a consent is recorded on the grant and the exchange's read path follows it.
 */
describe.each(DIALECTS)('N14 use changes on %s', (dialect) => {
  let x: ExchangeWorld;
  let client: ApiRequester;

  beforeAll(async () => {
    // Without the read cache: a consent shows at the next read.
    x = await startExchangeWorld(dialect, { records: 3, exchange: { readCacheMs: 0 } });
    client = await x.apiClient(x.w.departments.hrss);
  }, 180_000);
  afterAll(async () => x?.close());

  const read = (purpose: string) =>
    client.request(
      'POST',
      `${EXCHANGE_API}/resources/${x.entryId}/query`,
      { keys: [String(x.records[0]?.公民身份号码)] },
      { 'x-govshare-purpose': purpose },
    );
  const ask = (as: OrgClient, body: Record<string, unknown>) => as.request('POST', USE_CHANGES, body);
  const kinds = async (as: OrgClient, caseId: string) =>
    (await as.request('GET', '/api/v1/sharing/notices?pageSize=200')).body.items
      .filter((n: { case: { id: string } | null }) => n.case?.id === caseId)
      .map((n: { kind: string }) => n.kind);
  const count = async () =>
    Number(
      (
        await x.platform.storage.db
          .selectFrom('sharing_use_change' as never)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('N14 another purpose is read only after the provider consents; the grant records the consent with the case number', async () => {
    const grantId = await x.grant(GRANTED, ['online_query'], { purpose: 'data_verification' });
    const before = await read('work_reference');
    expect(before.status, JSON.stringify(before.body)).toBe(403);
    expect(before.body.error.code).toBe('GRANT_PURPOSE_MISMATCH');

    // Only the requesting department asks; a stranger does not see the grant.
    const byProvider = await ask(x.w.police, { grantId, purposes: ['work_reference'], reason: '代为申请' });
    expect(byProvider.status).toBe(403);
    expect(byProvider.body.error.code).toBe('FORBIDDEN');
    const byStranger = await ask(x.w.countyAdmin, { grantId, purposes: ['work_reference'], reason: '借用' });
    expect(byStranger.status).toBe(404);
    expect(byStranger.body.error.code).toBe('GRANT_NOT_FOUND');
    const empty = await ask(x.w.hrss, { grantId, purposes: [], thirdParties: ['  '], reason: '无' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('USE_CHANGE_EMPTY');
    const covered = await ask(x.w.hrss, { grantId, purposes: ['data_verification'], reason: '重复' });
    expect(covered.status).toBe(409);
    expect(covered.body.error.code).toBe('USE_CHANGE_ALREADY_COVERED');

    const asked = await ask(x.w.hrss, {
      grantId,
      purposes: ['work_reference'],
      scope: '扩大至全市低保复核',
      thirdParties: ['市民政局'],
      reason: '低保年度复核需要参保状态作工作参考',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const change = asked.body;
    expect(change).toMatchObject({
      status: 'requested',
      purposes: ['work_reference'],
      scope: '扩大至全市低保复核',
      thirdParties: ['市民政局'],
      grant: { id: grantId },
      decidedBy: null,
    });
    expect(change.number).toMatch(/^YT-2026-\d{6}$/);
    expect(change).toMatchObject({ purposesText: '工作参考', thirdPartiesText: '市民政局' });
    expect(change.article).toContain('第二十五条第一款');
    expect(change.timeline.map((e: { action: string }) => e.action)).toEqual(['request']);
    expect(await kinds(x.w.police, change.id)).toEqual(['use_change.requested']);
    const again = await ask(x.w.hrss, { grantId, thirdParties: ['市财政局'], reason: '再申请' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USE_CHANGE_PENDING');

    // Asking is not consent: the read stays refused until the provider decides.
    expect((await read('work_reference')).body.error.code).toBe('GRANT_PURPOSE_MISMATCH');
    const byConsumer = await x.w.hrss.request('POST', `${USE_CHANGES}/${change.id}/approve`, {});
    expect(byConsumer.status).toBe(403);
    expect(byConsumer.body.error.code).toBe('FORBIDDEN');
    const byUser = await x.w.policeUser.request('POST', `${USE_CHANGES}/${change.id}/approve`, {});
    expect(byUser.status).toBe(403);
    const byCounty = await x.w.countyAdmin.request('POST', `${USE_CHANGES}/${change.id}/approve`, {});
    expect(byCounty.status).toBe(404);
    expect(byCounty.body.error.code).toBe('USE_CHANGE_NOT_FOUND');
    expect((await x.w.countyAdmin.request('GET', `${USE_CHANGES}/${change.id}`)).status).toBe(404);

    const approved = await x.w.police.request('POST', `${USE_CHANGES}/${change.id}/approve`, {
      note: '同意，限工作参考',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decisionNote: '同意，限工作参考',
      allowedActions: [],
    });
    expect(approved.body.timeline.map((e: { action: string }) => e.action)).toEqual(['request', 'approve']);
    const twice = await x.w.police.request('POST', `${USE_CHANGES}/${change.id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('USE_CHANGE_INVALID_STATE');
    expect(twice.body.error.message).toContain('提供部门已同意');

    const ofGrant = await x.w.hrss.request('GET', `${USE_CHANGES}?grantId=${grantId}`);
    expect(ofGrant.status).toBe(200);
    expect(ofGrant.body.purposes.sort()).toEqual(['data_verification', 'work_reference']);
    expect(ofGrant.body.consents).toEqual([
      expect.objectContaining({
        caseId: change.id,
        number: change.number,
        purposes: ['work_reference'],
        scope: '扩大至全市低保复核',
        thirdParties: ['市民政局'],
      }),
    ]);
    const grant = await x.w.hrss.request('GET', `/api/v1/sharing/grants/${grantId}`);
    expect(grant.body.timeline.map((e: { action: string }) => e.action)).toContain('use_change_consented');

    // The exchange's read path: the consented purpose reads, any other stays refused.
    const after = await read('work_reference');
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body.grantId).toBe(grantId);
    const other = await read('business_coordination');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('GRANT_PURPOSE_MISMATCH');

    expect(await kinds(x.w.hrss, change.id)).toEqual(
      expect.arrayContaining(['use_change.requested', 'use_change.approved']),
    );
    expect(await kinds(x.w.police, change.id)).toEqual(
      expect.arrayContaining(['use_change.requested', 'use_change.approved']),
    );
    expect(await auditActions(x, change.id)).toEqual([
      'sharing.use_change.request',
      'sharing.use_change.approve',
    ]);
    const types = await x.w.hrss.request('GET', '/api/v1/cases/types');
    expect(types.body.items.find((t: { type: string }) => t.type === 'use_change')).toMatchObject({
      api: USE_CHANGES,
      statuses: { requested: { zh: '待提供部门同意' } },
      actions: { refuse: { danger: true, fields: [{ name: 'reason', required: true }] } },
    });
  });

  it('N14 a refusal needs a reason and leaves the purpose refused; the requester may withdraw', async () => {
    const grantId = await x.grant(GRANTED, ['online_query'], { purpose: 'data_verification' });
    const asked = await ask(x.w.hrss, { grantId, purposes: ['business_coordination'], reason: '业务协同' });
    expect(asked.status).toBe(201);
    const blank = await x.w.police.request('POST', `${USE_CHANGES}/${asked.body.id}/refuse`, {
      reason: '   ',
    });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('SHARING_REASON_REQUIRED');
    const refused = await x.w.police.request('POST', `${USE_CHANGES}/${asked.body.id}/refuse`, {
      reason: '超出共享条件',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionNote: '超出共享条件' });
    expect(await kinds(x.w.hrss, asked.body.id)).toContain('use_change.refused');
    const ofGrant = await x.w.police.request('GET', `${USE_CHANGES}?grantId=${grantId}`);
    expect(ofGrant.body.consents).toEqual([]);

    const second = await ask(x.w.hrss, { grantId, thirdParties: ['市民政局'], reason: '提供给民政' });
    expect(second.status).toBe(201);
    const byProvider = await x.w.police.request('POST', `${USE_CHANGES}/${second.body.id}/withdraw`, {});
    expect(byProvider.status).toBe(403);
    const withdrawn = await x.w.hrss.request('POST', `${USE_CHANGES}/${second.body.id}/withdraw`, {});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await kinds(x.w.police, second.body.id)).toContain('use_change.withdrawn');
  });

  it('N14 a revoked grant takes no change of use', async () => {
    const grantId = await x.grant(GRANTED, ['online_query']);
    const revoked = await x.w.police.request('POST', `/api/v1/sharing/grants/${grantId}/revoke`, {
      reason: '共享目的已实现',
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const asked = await ask(x.w.hrss, { grantId, purposes: ['other'], reason: '其他' });
    expect(asked.status).toBe(409);
    expect(asked.body.error.code).toBe('USE_CHANGE_GRANT_ENDED');
  });

  it('N14 hostile text (lone surrogate, NUL, 100k characters) is refused and nothing is stored', async () => {
    const grantId = await x.grant(GRANTED, ['online_query']);
    const before = await count();
    for (const [body, status, code] of [
      [{ grantId, purposes: ['other'], reason: 'a\ud800b' }, 400, 'INPUT_ILL_FORMED_TEXT'],
      [{ grantId, thirdParties: ['民政\u0000局'], reason: '理由' }, 400, 'INPUT_ILL_FORMED_TEXT'],
      [{ grantId, scope: 'x'.repeat(100_000), reason: '理由' }, 400, undefined],
      [{ grantId, purposes: ['other'], reason: '长'.repeat(100_000) }, 400, undefined],
    ] as const) {
      const res = await ask(x.w.hrss, body);
      expect([status, 413]).toContain(res.status);
      if (code) expect(res.body.error.code).toBe(code);
    }
    expect(await count()).toBe(before);
    // Chinese, emoji and quotes are text like any other.
    const fine = await ask(x.w.hrss, { grantId, thirdParties: ['“市民政局”😀'], reason: '理由\'"<>' });
    expect(fine.status).toBe(201);
    expect(fine.body.thirdParties).toEqual(['“市民政局”😀']);
  });

  it('N14 concurrent decisions on one request: exactly one takes effect, the consent is recorded once', async () => {
    const grantId = await x.grant(GRANTED, ['online_query'], { purpose: 'data_verification' });
    const opens = await Promise.all(
      [0, 1, 2].map(() => ask(x.w.hrss, { grantId, purposes: ['work_reference'], reason: '并发申请' })),
    );
    expect(opens.filter((r) => r.status === 201)).toHaveLength(1);
    expect(opens.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual([
      'USE_CHANGE_PENDING',
      'USE_CHANGE_PENDING',
    ]);
    const id = opens.find((r) => r.status === 201)?.body.id as string;
    const results = await Promise.all([
      x.w.police.request('POST', `${USE_CHANGES}/${id}/approve`, {}),
      x.w.police.request('POST', `${USE_CHANGES}/${id}/refuse`, { reason: '不同意' }),
      x.w.police.request('POST', `${USE_CHANGES}/${id}/approve`, {}),
      x.w.hrss.request('POST', `${USE_CHANGES}/${id}/withdraw`, {}),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const view = await x.w.hrss.request('GET', `${USE_CHANGES}/${id}`);
    expect(view.body.timeline).toHaveLength(2);
    const ofGrant = await x.w.hrss.request('GET', `${USE_CHANGES}?grantId=${grantId}`);
    expect(ofGrant.body.consents).toHaveLength(view.body.status === 'approved' ? 1 : 0);
  });
});
