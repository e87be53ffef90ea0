import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionalContent } from '../../catalog/test-support/content.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { SERVICES, type ServiceWorld, SPEC, startServiceWorld } from './test-support/index.js';

const SECRET = 'provider-api-key-7f3a9c';

describe.each(DIALECTS)('R47 interface-service registry on %s', (dialect) => {
  let w: ServiceWorld;
  let serviceId: string;

  beforeAll(async () => {
    w = await startServiceWorld(dialect);
  });
  afterAll(() => w.close());

  const auditOf = (targetId: string) =>
    w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'detail', 'outcome'])
      .where('target_id', '=', targetId)
      .orderBy('seq')
      .execute();

  it('R47 the provider registers a service; secret headers are sealed and never shown, the change audited', async () => {
    const res = await w.police.request('POST', SERVICES, {
      entryId: w.entryId,
      url: 'https://rk.gov.example/api/v2/',
      methods: ['GET'],
      timeoutMs: 3000,
      fieldMap: { xm: '姓名', sfzh: '公民身份号码' },
      passthrough: ['code', 'message'],
      headers: { 'X-Api-Key': SECRET },
    });
    expect(res.status).toBe(201);
    serviceId = res.body.id;
    expect(res.body).toMatchObject({
      entryId: w.entryId,
      url: 'https://rk.gov.example/api/v2/',
      methods: ['GET'],
      timeoutMs: 3000,
      headerNames: ['x-api-key'],
      specProvided: false,
      callable: false,
      status: 'active',
    });
    expect(res.body.items).toEqual(['公民身份号码', '姓名', '户籍状态', '服务处所', '犯罪记录']);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const row = await w.platform.storage.db
      .selectFrom('exchange_service' as never)
      .selectAll()
      .where('id' as never, '=', serviceId as never)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(SECRET);
    for (const path of [SERVICES, `${SERVICES}/${serviceId}`]) {
      const read = await w.police.request('GET', path);
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toContain(SECRET);
    }
    const audit = await auditOf(serviceId);
    expect(audit.map((a) => a.action)).toEqual(['exchange.service.register']);
    expect(audit[0]?.detail).not.toContain(SECRET);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      headerNames: ['x-api-key'],
      url: res.body.url,
    });
  });

  it('R47 another department cannot register, read or change it; a department user cannot register', async () => {
    const hrss = await w.hrss.request('POST', SERVICES, {
      entryId: w.entryId,
      url: 'https://evil.example/',
      methods: ['GET'],
      spec: SPEC,
    });
    expect(hrss.status).toBe(403);
    expect(hrss.body.error.code).toBe('FORBIDDEN');
    const user = await w.policeUser.request('POST', SERVICES, {
      entryId: w.entryId,
      url: 'https://rk.gov.example/other',
      methods: ['GET'],
    });
    expect(user.status).toBe(403);
    // The consumer never sees the registration, let alone its secrets.
    expect((await w.hrss.request('GET', `${SERVICES}/${serviceId}`)).status).toBe(404);
    const list = await w.hrss.request('GET', SERVICES);
    expect(list.body).toEqual({ items: [], total: 0 });
    const change = await w.hrss.request('PATCH', `${SERVICES}/${serviceId}`, {
      url: 'https://evil.example/',
    });
    expect(change.status).toBe(404);
    expect((await w.hrss.request('POST', `${SERVICES}/${serviceId}/disable`, {})).status).toBe(404);
    // The authority watches its jurisdiction's registry, without secrets, and changes nothing.
    const authority = await w.authority.request('GET', `${SERVICES}/${serviceId}`);
    expect(authority.status).toBe(200);
    expect(JSON.stringify(authority.body)).not.toContain(SECRET);
    expect(
      (await w.authority.request('PATCH', `${SERVICES}/${serviceId}`, { methods: ['POST'] })).status,
    ).toBe(403);
  });

  it('R47 a second registration for the entry, bad URLs, field maps, headers and specs are refused', async () => {
    const base = { entryId: w.entryId, methods: ['GET'] };
    const again = await w.police.request('POST', SERVICES, { ...base, url: 'https://rk.gov.example/x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXCHANGE_SERVICE_EXISTS');
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://rk.gov.example/x' }, 'EXCHANGE_SERVICE_URL_INVALID'],
      [{ url: 'https://user:pw@rk.gov.example/x' }, 'EXCHANGE_SERVICE_URL_INVALID'],
      [{ url: 'https://rk.gov.example/x?key=1' }, 'EXCHANGE_SERVICE_URL_INVALID'],
      [{ fieldMap: { xm: '不存在的项' } }, 'EXCHANGE_SERVICE_FIELD_MAP_INVALID'],
      [{ fieldMap: { 户籍状态: '姓名' } }, 'EXCHANGE_SERVICE_FIELD_MAP_INVALID'],
      [{ passthrough: ['犯罪记录'] }, 'EXCHANGE_SERVICE_FIELD_MAP_INVALID'],
      [{ passthrough: ['xm'] }, 'EXCHANGE_SERVICE_FIELD_MAP_INVALID'],
      [{ headers: { Host: 'x' } }, 'EXCHANGE_SERVICE_HEADER_INVALID'],
      [{ headers: { 'X-Govshare-Consumer': 'x' } }, 'EXCHANGE_SERVICE_HEADER_INVALID'],
      [{ headers: { 'x-key': '中文' } }, 'EXCHANGE_SERVICE_HEADER_INVALID'],
      [{ spec: { openapi: '3.0.0', info: { title: 'x' }, paths: {} } }, 'EXCHANGE_SERVICE_SPEC_INVALID'],
      [{ spec: { info: { title: 'x' }, paths: { '/a': {} } } }, 'EXCHANGE_SERVICE_SPEC_INVALID'],
      [{ specUrl: 'file:///etc/passwd' }, 'EXCHANGE_SERVICE_SPEC_INVALID'],
    ];
    for (const [change, code] of cases) {
      const res = await w.police.request('PATCH', `${SERVICES}/${serviceId}`, change);
      expect({ change, code: res.body.error?.code }).toEqual({ change, code });
      expect(res.status).toBe(422);
    }
  });

  it('R47 only a published entry shared through a platform interface takes a service', async () => {
    const fileOnly = await w.publish(
      conditionalContent({
        name: '只供文件下载的资源',
        share: {
          type: 'conditional',
          conditions: '仅用于核验',
          methods: ['platform_file'],
          legalBasis: [{ kind: 'law', title: '《中华人民共和国社会保险法》', article: '第八十一条' }],
        },
      }),
    );
    const notOffered = await w.police.request('POST', SERVICES, {
      entryId: fileOnly,
      url: 'https://rk.gov.example/',
      methods: ['GET'],
    });
    expect(notOffered.status).toBe(409);
    expect(notOffered.body.error.code).toBe('EXCHANGE_SERVICE_NOT_OFFERED');
    const draft = await w.police.request('POST', '/api/v1/catalog/entries', {
      content: conditionalContent({ name: '草稿资源' }),
    });
    const unpublished = await w.police.request('POST', SERVICES, {
      entryId: draft.body.id,
      url: 'https://rk.gov.example/',
      methods: ['GET'],
    });
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.error.code).toBe('EXCHANGE_SERVICE_ENTRY_NOT_PUBLISHED');
  });

  it('R47 a specification makes the service callable; consumers read the spec, never the address or keys', async () => {
    const updated = await w.police.request('PATCH', `${SERVICES}/${serviceId}`, {
      spec: SPEC,
      headers: { 'X-Api-Key': `${SECRET}-2`, 'X-Caller': 'govshare' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      specProvided: true,
      callable: true,
      headerNames: ['x-api-key', 'x-caller'],
    });
    const spec = await w.hrssUser.request('GET', `/api/v1/exchange/resources/${w.entryId}/service-spec`);
    expect(spec.status).toBe(200);
    expect(spec.body).toEqual({
      entryId: w.entryId,
      methods: ['GET'],
      specUrl: null,
      spec: SPEC,
      callable: true,
    });
    expect(JSON.stringify(spec.body)).not.toContain('rk.gov.example');
    expect(JSON.stringify(spec.body)).not.toContain(SECRET);

    const disabled = await w.police.request('POST', `${SERVICES}/${serviceId}/disable`, {
      reason: '系统升级',
    });
    expect(disabled.body).toMatchObject({ status: 'disabled', statusReason: '系统升级', callable: false });
    const enabled = await w.police.request('POST', `${SERVICES}/${serviceId}/enable`, {});
    expect(enabled.body).toMatchObject({ status: 'active', statusReason: null, callable: true });
    const audit = await auditOf(serviceId);
    expect(audit.map((a) => a.action)).toEqual([
      'exchange.service.register',
      'exchange.service.update',
      'exchange.service.disable',
      'exchange.service.enable',
    ]);
    for (const entry of audit) expect(entry.detail).not.toContain(SECRET);
    expect(JSON.parse(audit[1]?.detail ?? '{}')).toMatchObject({
      headersReplaced: true,
      after: { headerNames: ['x-api-key', 'x-caller'], specProvided: true },
    });
  });
});
