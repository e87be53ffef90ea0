import { createHash } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  RESIDENT_ID,
  type ReceivedRequest,
  SERVICES,
  type ServiceWorld,
  SPEC,
  startServiceWorld,
  startUpstream,
  type Upstream,
} from './test-support/index.js';

const SECRET = 'provider-api-key-7f3a9c';

/** The provider's answer about a person: granted, ungranted and never-shared items, nested too. */
function person(id: string) {
  return {
    code: 0,
    message: 'ok',
    traceId: 'internal-trace-5521',
    data: {
      sfzh: id,
      xm: '张三丰',
      户籍状态: '正常',
      服务处所: '示范市第一中学',
      犯罪记录: '盗窃（2001）',
      relatives: [{ 姓名: '李四', 服务处所: '示范市第二医院', 犯罪记录: '无' }],
      extra: { deep: { 犯罪记录: '诈骗', 服务处所: '某单位' } },
    },
  };
}

function respond(req: ReceivedRequest, res: import('node:http').ServerResponse) {
  const path = req.url.split('?')[0] ?? '';
  const json = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  if (path.startsWith('/api/v2/persons/')) return json(200, person(decodeURIComponent(path.slice(16))));
  if (path === '/api/v2/echo') return json(200, { code: 0, message: 'received' });
  if (path === '/api/v2/hang') return; // never answers
  if (path === '/api/v2/big') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"message":"');
    for (let i = 0; i < 20; i++) res.write('x'.repeat(1000));
    return res.end('"}');
  }
  if (path === '/api/v2/big-declared')
    return res
      .writeHead(200, { 'content-type': 'application/json', 'content-length': '20000' })
      .end('x'.repeat(20000));
  if (path === '/api/v2/fail') return json(500, { error: 'database down at 10.0.0.7' });
  if (path === '/api/v2/unauthorized') return json(401, { error: 'bad api key' });
  if (path === '/api/v2/redirect') return res.writeHead(302, { location: 'http://evil.example/' }).end();
  if (path === '/api/v2/missing') return json(404, { code: 404, message: '查无此人', 服务处所: '某处' });
  if (path === '/api/v2/text') return res.writeHead(200, { 'content-type': 'text/plain' }).end('正常');
  return json(200, {});
}

describe.each(DIALECTS)('R51 calls to provider services through the gateway on %s', (dialect) => {
  let w: ServiceWorld;
  let upstream: Upstream;
  let serviceId: string;
  let bearer: OrgClient;

  const service = (change: Record<string, unknown>) =>
    w.police.request('PATCH', `${SERVICES}/${serviceId}`, change).then((res) => {
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    });
  const interfaceAudit = () =>
    w.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'exchange.interface')
      .where('target_id', '=', w.entryId)
      .orderBy('seq')
      .execute();
  const digest = (...parts: string[]) => {
    const h = createHash(w.platform.config.cryptoSuite === 'sm' ? 'sm3' : 'sha256');
    for (const part of parts) h.update(part);
    return h.digest('hex');
  };
  /** Runs a call and answers it with the audit entries it added. */
  const audited = async <T>(run: () => Promise<T>) => {
    const before = (await interfaceAudit()).length;
    const result = await run();
    const entries = (await interfaceAudit()).slice(before);
    return { result, entries };
  };

  beforeAll(async () => {
    w = await startServiceWorld(dialect);
    upstream = await startUpstream(respond);
    const registered = await w.register({
      url: `${upstream.url}/api/v2`,
      methods: ['GET', 'POST'],
      timeoutMs: 500,
      maxBytes: 4096,
      fieldMap: { xm: '姓名', sfzh: '公民身份号码' },
      passthrough: ['code', 'message'],
      headers: { 'X-Api-Key': SECRET },
    });
    serviceId = registered.id as string;
    await w.grant(); // data_verification: 公民身份号码, 姓名, 户籍状态, personal ones masked
    await w.grant({ purpose: 'business_coordination', clearItems: ['姓名'] });
    await w.grant({ purpose: 'administrative_basis', methods: ['online_query'] });
    await w.grant({
      purpose: 'work_reference',
      items: ['公民身份号码', '姓名', '户籍状态', '服务处所', '犯罪记录'],
      clearItems: ['公民身份号码', '姓名', '犯罪记录'],
    });
    const created = await w.hrss.request('POST', '/api/v1/api-clients', {
      name: '社保核验系统',
      departmentId: w.departments.hrss,
    });
    const token = await new OrgClient(w.platform).request('POST', '/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: created.body.client.clientId,
      client_secret: created.body.clientSecret,
    });
    bearer = new OrgClient(w.platform);
    const accessToken = token.body.access_token as string;
    const original = bearer.request.bind(bearer);
    bearer.request = (method, url, body, headers = {}) =>
      original(method, url, body, { authorization: `Bearer ${accessToken}`, ...headers });
  });
  afterAll(async () => {
    await upstream.close();
    await w.close();
  });

  it('R91 a granted call gets the granted items only, masked, at every depth; the provider gets its key and the call facts, never the consumer credentials', async () => {
    const { result: res, entries } = await audited(() =>
      w.call(bearer, 'GET', `/persons/${RESIDENT_ID}?fields=all&lang=zh`, {
        headers: { 'x-govshare-case-number': Buffer.from('人社-2026-0001', 'utf8').toString('latin1') },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      code: 0,
      message: 'ok',
      data: {
        sfzh: '110105********002X',
        xm: '张**',
        户籍状态: '正常',
        relatives: [{ 姓名: '李*' }],
        extra: { deep: {} },
      },
    });
    const text = JSON.stringify(res.body);
    for (const leak of [
      '服务处所',
      '示范市第一中学',
      '犯罪记录',
      '盗窃',
      '诈骗',
      'internal-trace',
      RESIDENT_ID,
    ])
      expect(text).not.toContain(leak);

    const received = upstream.received.at(-1) as ReceivedRequest;
    expect(received.url).toBe(`/api/v2/persons/${RESIDENT_ID}?fields=all&lang=zh`);
    expect(received.headers['x-api-key']).toBe(SECRET);
    expect(received.headers['x-govshare-purpose']).toBe('data_verification');
    expect(Buffer.from(received.headers['x-govshare-case-number'] as string, 'latin1').toString('utf8')).toBe(
      '人社-2026-0001',
    );
    expect(received.headers['x-govshare-consumer']).toBe(w.departments.hrss);
    expect(received.headers['x-govshare-request-id']).toBe(res.headers['x-request-id']);
    expect(received.headers.authorization).toBeUndefined();
    expect(received.headers.cookie).toBeUndefined();

    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry).toMatchObject({
      actor_kind: 'client',
      department_id: w.departments.hrss,
      method: 'interface',
      purpose: 'data_verification',
      case_number: '人社-2026-0001',
      outcome: 'success',
      resource_id: w.entryId,
    });
    expect(entry?.grant_id).toBeTruthy();
    const detail = JSON.parse(entry?.detail ?? '{}');
    expect(detail).toMatchObject({
      upstreamStatus: 200,
      requestDigest: digest(`GET /persons/${RESIDENT_ID}?fields=all&lang=zh\n`),
      responseDigest: digest(JSON.stringify(res.body)),
      bytes: Buffer.byteLength(JSON.stringify(res.body)),
      droppedFields: 7,
    });
    expect(detail.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry?.detail).not.toContain(SECRET);
  });

  it('R91 items granted in clear pass unmasked; the rest of the grant still applies', async () => {
    const res = await w.call(w.hrssUser, 'GET', `/persons/${RESIDENT_ID}`, {
      headers: { 'x-govshare-purpose': 'business_coordination' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ sfzh: '110105********002X', xm: '张三丰' });
    expect(JSON.stringify(res.body)).not.toContain('服务处所');
  });

  it('R51 a POST body, its content type and the query reach the provider unchanged', async () => {
    const body = { 公民身份号码: RESIDENT_ID, 查询类型: '户籍' };
    const res = await w.call(w.hrssUser, 'POST', '/echo?x=%E4%B8%AD', { body });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 0, message: 'received' });
    const received = upstream.received.at(-1) as ReceivedRequest;
    expect(received).toMatchObject({ method: 'POST', url: '/api/v2/echo?x=%E4%B8%AD' });
    expect(JSON.parse(received.body)).toEqual(body);
    expect(received.headers['content-type']).toBe('application/json');
  });

  it('R55 a provider that never answers gets 504 within the timeout, audited, and other calls are served meanwhile', async () => {
    const started = Date.now();
    const { result, entries } = await audited(() =>
      Promise.all([
        w.call(w.hrssUser, 'GET', '/hang').then((res) => ({ res, at: Date.now() - started })),
        w
          .call(w.hrssUser, 'GET', `/persons/${RESIDENT_ID}`)
          .then((res) => ({ res, at: Date.now() - started })),
      ]),
    );
    const [hang, other] = result;
    expect(hang.res.status).toBe(504);
    expect(hang.res.body.error.code).toBe('EXCHANGE_SERVICE_TIMEOUT');
    expect(hang.at).toBeLessThan(3000);
    expect(other.res.status).toBe(200);
    expect(other.at).toBeLessThan(hang.at);
    expect(entries).toHaveLength(2);
    const failed = entries.find((e) => e.outcome === 'failure');
    expect(JSON.parse(failed?.detail ?? '{}')).toMatchObject({
      failed: 'EXCHANGE_SERVICE_TIMEOUT',
      responseDigest: null,
    });
  });

  it('R55 an unreachable provider is 502; a too large, failing or redirecting answer is 502; each call audited once', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await service({ url: `http://127.0.0.1:${port}/api/v2` });
    const unreachable = await audited(() => w.call(w.hrssUser, 'GET', '/persons/1'));
    expect(unreachable.result.status).toBe(502);
    expect(unreachable.result.body.error.code).toBe('EXCHANGE_SERVICE_UNREACHABLE');
    expect(unreachable.entries).toHaveLength(1);
    await service({ url: `${upstream.url}/api/v2` });

    for (const [path, status, code] of [
      ['/big', 502, 'EXCHANGE_SERVICE_TOO_LARGE'],
      ['/big-declared', 502, 'EXCHANGE_SERVICE_TOO_LARGE'],
      ['/fail', 502, 'EXCHANGE_SERVICE_FAILED'],
      ['/redirect', 502, 'EXCHANGE_SERVICE_FAILED'],
      ['/unauthorized', 502, 'EXCHANGE_SERVICE_FAILED'],
    ] as const) {
      const { result: res, entries } = await audited(() => w.call(w.hrssUser, 'GET', path));
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status, code });
      expect(JSON.stringify(res.body)).not.toContain('10.0.0.7');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ outcome: 'failure', result_count: 0 });
    }
    const failed = await w.call(w.hrssUser, 'GET', '/fail', undefined);
    expect(failed.body.error.message).toContain('500');
  });

  it('R51 a provider error answer (404) passes filtered; a non-JSON answer passes only to a grant of every item in clear', async () => {
    const missing = await w.call(w.hrssUser, 'GET', '/missing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 404, message: '查无此人' });

    const partial = await audited(() => w.call(w.hrssUser, 'GET', '/text'));
    expect(partial.result.status).toBe(403);
    expect(partial.result.body.error.code).toBe('EXCHANGE_SERVICE_NOT_FILTERABLE');
    expect(partial.entries).toHaveLength(1);
    expect(partial.entries[0]?.outcome).toBe('denied');

    const full = await w.call(w.hrssUser, 'GET', '/text', {
      headers: { 'x-govshare-purpose': 'work_reference' },
    });
    expect(full.status).toBe(200);
    expect(full.body).toBe('正常');
    expect(full.headers['content-type']).toContain('text/plain');
  });

  it('R58 no grant, a grant for another method or purpose, or no purpose: refused with its code, audited, the provider never called', async () => {
    const calls = upstream.received.length;
    const cases = [
      [w.countyAdmin, {}, 403, 'GRANT_MISSING'],
      [w.hrssUser, { 'x-govshare-purpose': 'administrative_basis' }, 403, 'GRANT_METHOD_NOT_ALLOWED'],
      [w.hrssUser, { 'x-govshare-purpose': 'other' }, 403, 'GRANT_PURPOSE_MISMATCH'],
    ] as const;
    for (const [client, headers, status, code] of cases) {
      const { result: res, entries } = await audited(() =>
        w.call(client, 'GET', `/persons/${RESIDENT_ID}`, { headers }),
      );
      expect({ code: res.body.error?.code, status: res.status }).toEqual({ code, status });
      expect(entries).toHaveLength(1);
      expect(entries[0]?.outcome).toBe('denied');
      expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ refused: code });
    }
    const noPurpose = await w.hrssUser.request(
      'GET',
      `/api/v1/exchange/resources/${w.entryId}/service/persons/1`,
    );
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error.code).toBe('EXCHANGE_PURPOSE_REQUIRED');
    expect(upstream.received.length).toBe(calls);
  });

  it('R47 a disabled service, one without a specification, or a method not registered is refused and audited', async () => {
    const calls = upstream.received.length;
    const refusal = async (code: string, status: number, method: 'GET' | 'POST' = 'GET') => {
      const { result: res, entries } = await audited(() =>
        w.call(w.hrssUser, method, '/echo', { body: method === 'POST' ? {} : undefined }),
      );
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
      expect(entries).toHaveLength(1);
    };
    await w.police.request('POST', `${SERVICES}/${serviceId}/disable`, {});
    await refusal('EXCHANGE_SERVICE_DISABLED', 409);
    await w.police.request('POST', `${SERVICES}/${serviceId}/enable`, {});
    await service({ spec: null });
    await refusal('EXCHANGE_SERVICE_SPEC_MISSING', 409);
    await service({ spec: SPEC, methods: ['GET'] });
    await refusal('EXCHANGE_SERVICE_METHOD_NOT_ALLOWED', 405, 'POST');
    await service({ methods: ['GET', 'POST'] });
    expect(upstream.received.length).toBe(calls);
    const view = await w.police.request('GET', `${SERVICES}/${serviceId}`);
    expect(view.body.lastCalledAt).not.toBeNull();
  });

  it('R91 over a real socket, dot segments and encoded slashes are refused before anything reaches the provider', async () => {
    await w.platform.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (w.platform.http.server.address() as AddressInfo).port;
    const calls = upstream.received.length;
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: `/api/v1/exchange/resources/${w.entryId}/service${path}`,
            headers: { cookie: w.hrssUser.cookie, 'x-govshare-purpose': 'data_verification' },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk) => {
              body += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    for (const path of [
      '/../../admin',
      '/%2e%2e/admin',
      '/persons/..%2F..%2Fadmin',
      '/a%5c..%5cadmin',
      '/%252e%252e/x',
    ]) {
      const res = await raw(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.parse(res.body).error.code).toBe('EXCHANGE_SERVICE_PATH_INVALID');
    }
    const ok = await raw(`/persons/${RESIDENT_ID}`);
    expect(ok.status).toBe(200);
    expect(upstream.received.length).toBe(calls + 1);
    expect(upstream.received.at(-1)?.url).toBe(`/api/v2/persons/${RESIDENT_ID}`);
  });
});

describe.each(DIALECTS)('R88 the rate limit of calls to provider services on %s', (dialect) => {
  let w: ServiceWorld;
  let upstream: Upstream;

  beforeAll(async () => {
    w = await startServiceWorld(dialect, { ratePerGrantPerMinute: 2 });
    upstream = await startUpstream(respond);
    await w.register({ url: `${upstream.url}/api/v2` });
    await w.grant();
  });
  afterAll(async () => {
    await upstream.close();
    await w.close();
  });

  it('R88 past the grant rate a call is 429 with Retry-After, audited, and never reaches the provider', async () => {
    for (let i = 0; i < 2; i++) expect((await w.call(w.hrssUser, 'GET', '/persons/1')).status).toBe(200);
    const res = await w.call(w.hrssUser, 'GET', '/persons/1');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('EXCHANGE_RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(upstream.received).toHaveLength(2);
    const entries = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['outcome', 'detail'])
      .where('action', '=', 'exchange.interface')
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.outcome)).toEqual(['success', 'success', 'failure']);
    expect(JSON.parse(entries[2]?.detail ?? '{}')).toMatchObject({ refused: 'EXCHANGE_RATE_LIMITED' });
  });
});
