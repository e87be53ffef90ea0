import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  auditActions,
  sampleContent,
  sharingWorldForSuite,
  threeItemContent,
} from './test-support/index.js';

/** The conditional-application flow under Inner Mongolia's profile (10 WD, Art.19), end to end over HTTP. */
describe.each(DIALECTS)('sharing applications (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');
  let conditional: string;

  beforeAll(async () => {
    conditional = await w.publish(threeItemContent());
  });

  const apply = async (overrides: Record<string, unknown> = {}, entryId = conditional) => {
    const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entryId, overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const notices = async (client = w.hrss) =>
    (await client.request('GET', `${API}/notices?pageSize=200`)).body;

  it('R31 R32 R39 an application on the last working day before National Day is due 10 working days later, after the holiday', async () => {
    const app = await apply();
    expect(app).toMatchObject({ status: 'pending', path: 'application', shareType: 'conditional' });
    expect(app.number).toMatch(/^SQ-2026-\d{6}$/);
    // 2026-10-01..07 are holidays and 2026-10-10 (Saturday) a make-up workday: not 2026-10-14.
    expect(app.deadline.dueDate).toBe('2026-10-20');
    expect(app.deadline.article).toContain('Art.19');
    expect(app.deadline.workingDaysLeft).toBe(10);
    expect(app.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    const inbox = await notices(w.police);
    expect(
      inbox.items.some(
        (n: { kind: string; case: { id: string } }) =>
          n.kind === 'application.received' && n.case.id === app.id,
      ),
    ).toBe(true);
    // R127: the provider's department user without the administrator role is not addressed.
    const user = await notices(w.policeUser);
    expect(user.items.some((n: { case: { id: string } | null }) => n.case?.id === app.id)).toBe(false);
  });

  it('R32 R33 partial approval grants only the approved items; the grant check refuses the others', async () => {
    const app = await apply({ items: ['公民身份号码', '参保状态', '缴费基数'] });
    const res = await w.police.request('POST', `${API}/applications/${app.id}/approve`, {
      items: ['公民身份号码', '参保状态'],
      comment: '缴费基数涉及个人收入，不予提供',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'partially_approved',
      decidedItems: ['公民身份号码', '参保状态'],
    });
    const grant = await w.hrss.request('GET', `${API}/grants/${res.body.grantId}`);
    expect(grant.body).toMatchObject({
      status: 'active',
      origin: 'application',
      items: ['公民身份号码', '参保状态'],
    });
    const check = (items: string[], extra: Record<string, unknown> = {}) =>
      w.hrss.request('POST', `${API}/grants/check`, {
        entryId: conditional,
        items,
        purpose: 'data_verification',
        method: 'interface',
        ...extra,
      });
    expect((await check(['参保状态'])).body).toMatchObject({
      allowed: true,
      grant: { id: res.body.grantId },
    });
    expect((await check(['参保状态', '缴费基数'])).body).toMatchObject({
      allowed: false,
      code: 'GRANT_ITEM_NOT_GRANTED',
    });
    expect((await check(['参保状态'], { purpose: 'work_reference' })).body.code).toBe(
      'GRANT_PURPOSE_MISMATCH',
    );
    expect((await check(['参保状态'], { method: 'batch_download' })).body.code).toBe(
      'GRANT_METHOD_NOT_ALLOWED',
    );
    const consumerNotice = (await notices()).items.find(
      (n: { case: { id: string } | null }) => n.case?.id === app.id,
    );
    expect(consumerNotice.kind).toBe('application.partially_approved');
    expect((await auditActions(w, app.id, res.body.grantId)).sort()).toEqual([
      'sharing.apply',
      'sharing.approve',
      'sharing.grant.create',
    ]);
  });

  it('R32 bad transitions are refused with their codes: approving twice, approving a withdrawn application', async () => {
    const approved = await apply();
    expect((await w.police.request('POST', `${API}/applications/${approved.id}/approve`, {})).status).toBe(
      200,
    );
    const twice = await w.police.request('POST', `${API}/applications/${approved.id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SHARING_INVALID_STATE');
    const withdrawn = await apply();
    const w1 = await w.hrss.request('POST', `${API}/applications/${withdrawn.id}/withdraw`, {
      reason: '需求变更',
    });
    expect(w1.body.status).toBe('withdrawn');
    const late = await w.police.request('POST', `${API}/applications/${withdrawn.id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('SHARING_INVALID_STATE');
    const again = await w.hrss.request('POST', `${API}/applications/${withdrawn.id}/withdraw`, {});
    expect(again.body.error.code).toBe('SHARING_INVALID_STATE');
    const badItems = await apply();
    const wrong = await w.police.request('POST', `${API}/applications/${badItems.id}/approve`, {
      items: ['缴费基数'],
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('SHARING_APPROVED_ITEMS_INVALID');
  });

  it('R32 R36 a refusal needs a reason; the consumer is told and pointed to negotiation', async () => {
    const app = await apply();
    const blank = await w.police.request('POST', `${API}/applications/${app.id}/refuse`, { reason: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('SHARING_REFUSAL_REASON_REQUIRED');
    const res = await w.police.request('POST', `${API}/applications/${app.id}/refuse`, {
      reason: '申请用途与共享条件不符',
    });
    expect(res.body).toMatchObject({
      status: 'refused',
      refusalReason: '申请用途与共享条件不符',
      grantId: null,
    });
    const notice = (await notices()).items.find(
      (n: { kind: string; case: { id: string } | null }) =>
        n.kind === 'application.refused' && n.case?.id === app.id,
    );
    expect(notice.body.zh).toContain('协商');
    expect(notice.body.en).toContain('negotiat');
  });

  it('R31 R58 requests are checked against the published entry: items, not-shared items, purpose text, methods, scope, validity', async () => {
    const bad = async (overrides: Record<string, unknown>, code: string, entryId = conditional) => {
      const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entryId, overrides));
      expect(res.body.error?.code, JSON.stringify(res.body)).toBe(code);
    };
    await bad({ items: ['住址'] }, 'SHARING_ITEM_UNKNOWN');
    await bad({ items: ['公民身份号码', '个人病史'] }, 'SHARING_ITEM_NOT_SHARED');
    await bad({ purpose: 'other' }, 'SHARING_PURPOSE_TEXT_REQUIRED');
    await bad({ methods: ['batch_download'] }, 'SHARING_METHOD_NOT_OFFERED');
    await bad({ scope: { kind: 'filter', filter: { 住址: '示范市' } } }, 'SHARING_SCOPE_ITEM_UNKNOWN');
    await bad({ validUntil: '2026-01-01' }, 'SHARING_VALIDITY_INVALID');
    await bad({ purpose: 'nonsense' }, 'VALIDATION_FAILED');
    const own = await w.police.request('POST', `${API}/applications`, applicationBody(conditional));
    expect(own.body.error.code).toBe('SHARING_OWN_RESOURCE');
    const notShared = await w.publish(
      sampleContent({
        name: '涉密人员名单',
        classification: { catalog: 'department', category: '002' },
        share: {
          type: 'not_shared',
          methods: ['platform_interface'],
          legalBasis: [{ kind: 'law', title: '《中华人民共和国保守国家秘密法》', article: '第九条' }],
        },
      }),
    );
    const refused = await w.hrss.request(
      'POST',
      `${API}/applications`,
      applicationBody(notShared, { items: ['姓名'] }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SHARING_NOT_SHARED');
    expect(refused.body.error.message).toContain('协商');
    expect(refused.body.error.message).toContain('Art.19');
  });

  it('R28 an unconditional resource is granted at once, recorded like every other grant', async () => {
    const entry = await w.publish(sampleContent());
    const app = await apply({ items: ['公民身份号码', '姓名'], purpose: 'administrative_basis' }, entry);
    expect(app).toMatchObject({
      status: 'approved',
      path: 'direct',
      deadline: null,
      decidedItems: ['公民身份号码', '姓名'],
    });
    expect(app.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'granted_at_once']);
    const grant = await w.hrss.request('GET', `${API}/grants/${app.grantId}`);
    expect(grant.body).toMatchObject({ origin: 'unconditional', originId: app.id, status: 'active' });
    const held = await w.hrss.request('GET', `${API}/grants?as=held&entryId=${entry}`);
    expect(held.body.items.map((g: { id: string }) => g.id)).toEqual([app.grantId]);
  });

  it('R11 an approved catalog reduction is noticed to every department holding an active grant on the entry', async () => {
    const entry = await w.publish(
      sampleContent({
        name: '人口户籍变动信息',
        classification: { catalog: 'base', area: 'population', category: '002' },
      }),
    );
    await apply({ items: ['姓名'], purpose: 'work_reference' }, entry);
    const req = await w.police.request('POST', `/api/v1/catalog/entries/${entry}/withdraw`, {
      reason: '数据源停止采集',
    });
    expect(req.status, JSON.stringify(req.body)).toBe(200);
    const approve = await w.authority.request(
      'POST',
      `/api/v1/catalog/entries/${entry}/reduction/approve`,
      {},
    );
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    const got = (await notices()).items.filter(
      (n: { kind: string; link: string }) => n.kind === 'catalog.reduction' && n.link.includes(entry),
    );
    expect(got).toHaveLength(1);
    expect(got[0].body.zh).toContain('数据源停止采集');
    const police = (await notices(w.police)).items.filter(
      (n: { kind: string }) => n.kind === 'catalog.reduction',
    );
    expect(police).toHaveLength(0);
  });
});
