import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from './test-support/index.js';

/** Every sharing action × role: who may apply, decide, read a case, manage a grant, check access. */
describe.each(DIALECTS)('sharing authorization matrix on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');
  let entry: string;
  let caseId: string;
  let grantId: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
    caseId = (await w.hrssUser.request('POST', `${API}/applications`, applicationBody(entry))).body.id;
    // A department user's application waits for its head's consent (809 第二十条第二款, N09).
    await w.hrss.request('POST', `${API}/applications/${caseId}/endorse`, {});
    const approved = (await w.hrss.request('POST', `${API}/applications`, applicationBody(entry))).body.id;
    grantId = (await w.police.request('POST', `${API}/applications/${approved}/approve`, {})).body.grantId;
  });

  const status = async (client: OrgClient, method: string, url: string, body?: unknown) => {
    const res = await client.request(method, url, body);
    return res.status >= 400 ? `${res.status} ${res.body.error.code}` : res.status;
  };

  it('R31 applying: the consumer department users and resource administrators only', async () => {
    expect(await status(w.hrssUser, 'POST', `${API}/applications`, applicationBody(entry))).toBe(201);
    expect(await status(w.authority, 'POST', `${API}/applications`, applicationBody(entry))).toBe(
      '403 FORBIDDEN',
    );
    expect(await status(w.sysadmin, 'POST', `${API}/applications`, applicationBody(entry))).toBe(
      '403 FORBIDDEN',
    );
    expect(await status(w.auditadmin, 'POST', `${API}/applications`, applicationBody(entry))).toBe(
      '403 FORBIDDEN',
    );
  });

  it('R127 deciding: only the provider resource administrator; never the consumer on its own application', async () => {
    const url = `${API}/applications/${caseId}/approve`;
    expect(await status(w.hrss, 'POST', url, {})).toBe('403 SHARING_SELF_DECISION');
    expect(await status(w.hrssUser, 'POST', url, {})).toBe('403 SHARING_SELF_DECISION');
    expect(await status(w.policeUser, 'POST', url, {})).toBe('403 FORBIDDEN');
    expect(await status(w.authority, 'POST', url, {})).toBe('403 FORBIDDEN');
    expect(await status(w.countyAdmin, 'POST', url, {})).toBe('404 SHARING_APPLICATION_NOT_FOUND');
    expect(
      await status(w.policeUser, 'POST', `${API}/applications/${caseId}/refuse`, { reason: '不同意' }),
    ).toBe('403 FORBIDDEN');
    expect(await status(w.police, 'POST', `${API}/applications/${caseId}/withdraw`, {})).toBe(
      '403 FORBIDDEN',
    );
    const detail = await w.police.request('GET', `${API}/applications/${caseId}`);
    // N11: a pending application may also be returned once for completion (退回补正).
    expect(detail.body.allowedActions).toEqual(['approve', 'refuse', 'return']);
    expect((await w.hrssUser.request('GET', `${API}/applications/${caseId}`)).body.allowedActions).toEqual([
      'withdraw',
    ]);
    expect((await w.authority.request('GET', `${API}/applications/${caseId}`)).body.allowedActions).toEqual(
      [],
    );
  });

  it('R36 reading a case: the parties, the authority over a party, the auditor; nobody else', async () => {
    const url = `${API}/applications/${caseId}`;
    for (const client of [w.hrss, w.hrssUser, w.police, w.policeUser, w.authority, w.auditadmin])
      expect(await status(client, 'GET', url)).toBe(200);
    expect(await status(w.countyAdmin, 'GET', url)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
    expect(await status(w.countyAuthority, 'GET', url)).toBe('404 SHARING_APPLICATION_NOT_FOUND');
    expect(await status(w.sysadmin, 'GET', `${API}/applications`)).toBe('403 FORBIDDEN');
    const listed = async (client: OrgClient, query = 'as=all') =>
      (
        (await client.request('GET', `${API}/applications?${query}&pageSize=200`)).body.items as {
          id: string;
        }[]
      ).map((a) => a.id);
    expect(await listed(w.countyAdmin)).not.toContain(caseId);
    expect(await listed(w.countyAuthority)).not.toContain(caseId);
    expect(await listed(w.authority)).toContain(caseId);
    expect(await listed(w.hrss, 'as=consumer')).toContain(caseId);
    expect(await listed(w.police, 'as=provider')).toContain(caseId);
    expect(await listed(w.police, 'as=consumer')).not.toContain(caseId);
  });

  it('R33 grants: the parties read them, the provider administrator and the authority manage them', async () => {
    const url = `${API}/grants/${grantId}`;
    for (const client of [w.hrss, w.policeUser, w.authority, w.auditadmin])
      expect(await status(client, 'GET', url)).toBe(200);
    expect(await status(w.countyAdmin, 'GET', url)).toBe('404 GRANT_NOT_FOUND');
    expect(await status(w.countyAuthority, 'POST', `${url}/suspend`, { reason: '检查' })).toBe(
      '404 GRANT_NOT_FOUND',
    );
    expect(await status(w.hrss, 'POST', `${url}/suspend`, { reason: '检查' })).toBe('403 FORBIDDEN');
    expect(await status(w.policeUser, 'POST', `${url}/suspend`, { reason: '检查' })).toBe('403 FORBIDDEN');
    expect(await status(w.auditadmin, 'POST', `${url}/suspend`, { reason: '检查' })).toBe('403 FORBIDDEN');
    const given = (await w.police.request('GET', `${API}/grants?as=given`)).body.items.map(
      (g: { id: string }) => g.id,
    );
    expect(given).toContain(grantId);
    const check = { entryId: entry, items: ['参保状态'], purpose: 'data_verification', method: 'interface' };
    expect(await status(w.authority, 'POST', `${API}/grants/check`, check)).toBe('403 FORBIDDEN');
    expect((await w.policeUser.request('POST', `${API}/grants/check`, check)).body.code).toBe(
      'GRANT_MISSING',
    );
    expect((await w.hrssUser.request('POST', `${API}/grants/check`, check)).body.allowed).toBe(true);
  });
});
