import { beforeAll, describe, expect, it } from 'vitest';
import { conditionalContent, item } from '../catalog/test-support/content.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite } from './test-support/index.js';

/** R100: personal items reach the consumer masked unless the provider's approval gives them in clear. */
describe.each(DIALECTS)('grants: personal items given in clear on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'national');
  let entryId: string;

  beforeAll(async () => {
    entryId = await w.publish(
      conditionalContent({
        items: [
          item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
          item({ name: '姓名', length: 50 }),
          item({ name: '参保状态', length: 10, personal: false }),
          item({ name: '缴费基数', dataType: 'N', length: 12 }),
        ],
      }),
    );
  });

  const apply = async () => {
    const res = await w.hrss.request(
      'POST',
      `${API}/applications`,
      applicationBody(entryId, { items: ['公民身份号码', '姓名', '参保状态', '缴费基数'] }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const approve = (id: string, body: Record<string, unknown>) =>
    w.police.request('POST', `${API}/applications/${id}/approve`, body);

  it('the approval names approved personal items given in clear; the grant and its audit entry carry them', async () => {
    const id = await apply();
    const res = await approve(id, {
      items: ['公民身份号码', '姓名', '参保状态'],
      clearItems: ['姓名', '姓名'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const grant = await w.hrss.request('GET', `${API}/grants/${res.body.grantId}`);
    expect(grant.body).toMatchObject({ items: ['公民身份号码', '姓名', '参保状态'], clearItems: ['姓名'] });
    const audit = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'detail'])
      .where('target_id', '=', res.body.grantId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['sharing.grant.create']);
    expect(JSON.stringify(audit[0]?.detail)).toContain('姓名');
  });

  it('without clearItems every personal item stays masked', async () => {
    const res = await approve(await apply(), {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const grant = await w.hrss.request('GET', `${API}/grants/${res.body.grantId}`);
    expect(grant.body.clearItems).toEqual([]);
  });

  it('refuses an item in clear that is not personal or not approved, and leaves the case pending', async () => {
    const id = await apply();
    const notPersonal = await approve(id, { clearItems: ['参保状态'] });
    expect(notPersonal.status).toBe(422);
    expect(notPersonal.body.error).toMatchObject({
      code: 'SHARING_CLEAR_ITEMS_INVALID',
      field: 'clearItems[0]',
    });
    const notApproved = await approve(id, { items: ['公民身份号码'], clearItems: ['公民身份号码', '姓名'] });
    expect(notApproved.body.error).toMatchObject({
      code: 'SHARING_CLEAR_ITEMS_INVALID',
      field: 'clearItems[1]',
    });
    const unknown = await approve(id, { clearItems: ['不存在'] });
    expect(unknown.body.error.code).toBe('SHARING_CLEAR_ITEMS_INVALID');
    expect((await w.hrss.request('GET', `${API}/applications/${id}`)).body.status).toBe('pending');
  });
});
