import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { API, auditActions, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';

const body = (entryId: string, overrides: Record<string, unknown> = {}) => ({
  entryId,
  items: ['公民身份号码', '参保状态'],
  purpose: 'business_coordination',
  legalDuty: '城乡居民医保参保核验（长期、稳定需求）',
  frequency: 'daily',
  methods: ['interface'],
  validUntil: '2028-12-31',
  terms: '每日同步增量数据',
  ...overrides,
});

const status = async (client: OrgClient, method: string, url: string, payload?: unknown) => {
  const res = await client.request(method, url, payload);
  return res.status >= 400 ? `${res.status} ${res.body.error.code}` : res.status;
};

/** Agreement sharing under Neixiang's profile (features.agreements: Art.16(3)). */
describe.each(DIALECTS)('sharing agreements (neixiang) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'neixiang');
  let entry: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
  });

  const check = () =>
    w.hrss.request('POST', `${API}/grants/check`, {
      entryId: entry,
      items: ['参保状态'],
      purpose: 'business_coordination',
      method: 'interface',
    });

  it('R35 an agreement does nothing until it is filed with the authority; filing produces its grant', async () => {
    const proposed = await w.hrss.request('POST', `${API}/agreements`, body(entry));
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      effective: false,
      frequency: 'daily',
      grantId: null,
    });
    expect(proposed.body.number).toMatch(/^XY-2026-\d{6}$/);
    expect(proposed.body.basis.article).toBe('Art.16(3)');
    const id = proposed.body.id;
    expect((await check()).body).toMatchObject({ allowed: false, code: 'GRANT_MISSING' });

    const signed = await w.police.request('POST', `${API}/agreements/${id}/sign`, {});
    expect(signed.body).toMatchObject({ status: 'signed', effective: false, grantId: null });
    // Signed but not filed: still nothing.
    expect((await check()).body).toMatchObject({ allowed: false, code: 'GRANT_MISSING' });
    const authorityInbox = (await w.authority.request('GET', `${API}/notices?pageSize=200`)).body.items;
    expect(
      authorityInbox.some(
        (n: { kind: string; case: { id: string } | null }) =>
          n.kind === 'agreement.filing_requested' && n.case?.id === id,
      ),
    ).toBe(true);

    const filed = await w.authority.request('POST', `${API}/agreements/${id}/file`, { note: '已备案' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed', effective: true, filingNote: '已备案' });
    expect(filed.body.timeline.map((e: { action: string }) => e.action)).toEqual(['propose', 'sign', 'file']);
    const grant = await w.hrss.request('GET', `${API}/grants/${filed.body.grantId}`);
    expect(grant.body).toMatchObject({
      origin: 'agreement',
      originId: id,
      items: ['公民身份号码', '参保状态'],
      validUntil: '2028-12-31',
      status: 'active',
    });
    expect((await check()).body).toMatchObject({ allowed: true, grant: { id: filed.body.grantId } });
    expect(await auditActions(w, id, filed.body.grantId)).toEqual([
      'sharing.agreement.propose',
      'sharing.agreement.sign',
      'sharing.grant.create',
      'sharing.agreement.file',
    ]);
    const listed = (await w.police.request('GET', `${API}/agreements?as=provider`)).body.items;
    expect(listed.map((a: { id: string; status: string }) => [a.id, a.status])).toContainEqual([id, 'filed']);
  });

  it('R35 bad transitions are refused: filing before signing, signing twice, filing a refused one', async () => {
    const id = (await w.hrss.request('POST', `${API}/agreements`, body(entry))).body.id;
    expect(await status(w.authority, 'POST', `${API}/agreements/${id}/file`, {})).toBe(
      '409 AGREEMENT_INVALID_STATE',
    );
    expect(await status(w.police, 'POST', `${API}/agreements/${id}/sign`, {})).toBe(200);
    expect(await status(w.police, 'POST', `${API}/agreements/${id}/sign`, {})).toBe(
      '409 AGREEMENT_INVALID_STATE',
    );
    const refused = await w.authority.request('POST', `${API}/agreements/${id}/refuse-filing`, {
      reason: '协议未明确数据安全责任',
    });
    expect(refused.body).toMatchObject({
      status: 'filing_refused',
      reason: '协议未明确数据安全责任',
      effective: false,
    });
    expect(await status(w.authority, 'POST', `${API}/agreements/${id}/file`, {})).toBe(
      '409 AGREEMENT_INVALID_STATE',
    );
    expect(await status(w.hrss, 'POST', `${API}/agreements/${id}/withdraw`, {})).toBe(
      '409 AGREEMENT_INVALID_STATE',
    );
    const declined = (await w.hrss.request('POST', `${API}/agreements`, body(entry))).body.id;
    expect(await status(w.police, 'POST', `${API}/agreements/${declined}/decline`, { reason: ' ' })).toBe(
      '422 SHARING_REASON_REQUIRED',
    );
    expect(
      (await w.police.request('POST', `${API}/agreements/${declined}/decline`, { reason: '数据正在治理' }))
        .body.status,
    ).toBe('declined');
  });

  it('R35 authorization: the consumer proposes, the provider administrator signs, the authority over the provider files', async () => {
    expect(await status(w.authority, 'POST', `${API}/agreements`, body(entry))).toBe('403 FORBIDDEN');
    expect(await status(w.police, 'POST', `${API}/agreements`, body(entry))).toBe('422 SHARING_OWN_RESOURCE');
    const id = (await w.hrssUser.request('POST', `${API}/agreements`, body(entry))).body.id;
    const url = `${API}/agreements/${id}`;
    expect(await status(w.hrss, 'POST', `${url}/sign`, {})).toBe('403 FORBIDDEN');
    expect(await status(w.policeUser, 'POST', `${url}/sign`, {})).toBe('403 FORBIDDEN');
    expect(await status(w.authority, 'POST', `${url}/sign`, {})).toBe('403 FORBIDDEN');
    expect(await status(w.countyAdmin, 'POST', `${url}/sign`, {})).toBe('404 AGREEMENT_NOT_FOUND');
    expect((await w.police.request('GET', url)).body.allowedActions).toEqual(['sign', 'decline']);
    expect((await w.hrssUser.request('GET', url)).body.allowedActions).toEqual(['withdraw']);
    expect(await status(w.police, 'POST', `${url}/sign`, {})).toBe(200);
    expect(await status(w.police, 'POST', `${url}/file`, {})).toBe('403 FORBIDDEN');
    expect(await status(w.hrss, 'POST', `${url}/file`, {})).toBe('403 FORBIDDEN');
    expect(await status(w.countyAuthority, 'POST', `${url}/file`, {})).toBe('404 AGREEMENT_NOT_FOUND');
    expect((await w.authority.request('GET', url)).body.allowedActions).toEqual(['file', 'refuse_filing']);
    for (const client of [w.hrss, w.hrssUser, w.police, w.policeUser, w.authority, w.auditadmin])
      expect(await status(client, 'GET', url)).toBe(200);
    expect(await status(w.countyAdmin, 'GET', url)).toBe('404 AGREEMENT_NOT_FOUND');
    const county = (await w.countyAdmin.request('GET', `${API}/agreements?as=all`)).body.items;
    expect(county.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(await status(w.sysadmin, 'GET', `${API}/agreements`)).toBe('403 FORBIDDEN');
  });
});

describe.each(DIALECTS)('sharing agreements (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');

  it('R35 R133 a profile without agreement sharing refuses an agreement, citing its text', async () => {
    const entry = await w.publish(threeItemContent());
    const res = await w.hrss.request('POST', `${API}/agreements`, body(entry));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('AGREEMENT_NOT_AVAILABLE');
    expect(res.body.error.message).toContain('未规定');
  });
});
