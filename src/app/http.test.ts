import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TestClient, type TestPlatform } from '../../test/support/platform.js';
import { DIALECTS } from '../platform/db/test-support/index.js';

describe.each(DIALECTS)('HTTP plumbing on %s', (dialect) => {
  let t: TestPlatform;
  let operator: TestClient;

  beforeAll(async () => {
    t = await startTestPlatform({ dialect });
    operator = new TestClient(t.platform);
    const sys = t.bootstrap.find((a) => a.role === 'operator');
    await operator.signIn('sysadmin', sys?.password ?? '');
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    const client = new TestClient(t.platform);
    const health = await client.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await client.request('GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', dialect });
  });

  it('echoes a well-formed request id and sets security headers', async () => {
    const res = await new TestClient(t.platform).request('GET', '/api/health', undefined, {
      'x-request-id': 'dept-sys-0001',
    });
    expect(res.headers['x-request-id']).toBe('dept-sys-0001');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses anonymous calls with UNAUTHENTICATED in the requested language', async () => {
    const client = new TestClient(t.platform);
    const zh = await client.request('GET', '/api/v1/users');
    expect(zh.status).toBe(401);
    expect(zh.body.error.code).toBe('UNAUTHENTICATED');
    expect(zh.body.error.message).toBe('请先登录');
    const en = await client.request('GET', '/api/v1/users', undefined, {
      'accept-language': 'en-US,en;q=0.9',
    });
    expect(en.body.error.message).toBe('Authentication required');
  });

  it('gives bad input a 4xx with its code and field, never a 500', async () => {
    const raw = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      t.platform.http.inject({
        method: 'POST',
        url: '/api/v1/departments',
        payload,
        headers: { ...headers, cookie: operator.cookie },
      });
    const jurisdictionId = (await operator.request('GET', '/api/v1/jurisdictions')).body.items[0]
      .id as string;
    const valid = {
      name: '示范市测试局',
      shortName: '测试局',
      uscc: '11990100010242484J',
      jurisdictionId,
      kind: 'government',
    };

    const malformed = await raw('{"name": "x",');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');

    const wrongType = await raw(JSON.stringify({ ...valid, name: 12345 }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/body/name' });

    const tooLong = await raw(JSON.stringify({ ...valid, name: '局'.repeat(101) }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/body/name' });

    const unknown = await raw(JSON.stringify({ ...valid, isAdmin: true }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_FIELD', field: '/body/isAdmin' });

    const missing = await raw(JSON.stringify({ ...valid, uscc: undefined }));
    expect(missing.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/body/uscc' });

    const oversized = await raw(JSON.stringify({ ...valid, name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.code).toBe('BODY_TOO_LARGE');

    const wrongMedia = await raw('name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongMedia.statusCode).toBe(415);
    expect(wrongMedia.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const badUscc = await raw(JSON.stringify({ ...valid, uscc: '11990100010242484K' }));
    expect(badUscc.statusCode).toBe(400);
    expect(badUscc.json().error).toMatchObject({ code: 'ORG_USCC_INVALID', field: '/body/uscc' });

    const badQuery = await operator.request('GET', '/api/v1/departments?limit=abc');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/querystring/limit' });

    const created = await raw(JSON.stringify(valid));
    expect(created.statusCode).toBe(201);
  });

  it('serves an OpenAPI 3.1 document that validates and lists every route with its error codes', async () => {
    const res = await new TestClient(t.platform).request('GET', '/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.entries(
      res.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const [path, methods] of operations) {
      for (const [method, op] of Object.entries(methods)) {
        const url = path.replace(/\{(\w+)\}/g, ':$1');
        expect(
          t.platform.http.hasRoute({ url, method: method.toUpperCase() as 'GET' }),
          `${method} ${url}`,
        ).toBe(true);
        const codes = Object.values(op.responses).flatMap((r) =>
          ((r as { description?: string }).description ?? '').split('; ').map((part) => part.split(':')[0]),
        );
        expect(codes, `${method.toUpperCase()} ${path}`).toContain('INTERNAL');
      }
    }
    const docs = await new TestClient(t.platform).request('GET', '/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });
});
