import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TestClient, type TestPlatform } from '../../test/support/platform.js';
import { DIALECTS } from '../platform/db/test-support/index.js';

/** JSON text (not values): escapes that JSON.parse turns into lone surrogates and NUL. */
const ILL_FORMED_JSON: Array<[string, string]> = [
  ['a lone high surrogate', '"x\\ud800"'],
  ['a lone low surrogate', '"\\udc00x"'],
  ['a reversed surrogate pair', '"\\udc00\\ud800"'],
  ['NUL', '"a\\u0000b"'],
];

/** Bytes that are not UTF-8, inside a JSON string. */
const INVALID_UTF8: Array<[string, number[]]> = [
  ['a stray 0xFF byte', [0x78, 0xff]],
  ['a surrogate encoded in UTF-8 (CESU-8)', [0xed, 0xa0, 0x80]],
  ['an overlong encoding', [0xc0, 0xaf]],
  ['a truncated sequence', [0xe4, 0xb8]],
];

/** Well-formed but hostile: the platform must take them or refuse them cleanly, never 5xx. */
const WELL_FORMED: Array<[string, string]> = [
  ['an RTL override', '局\u202Eevil\u202C'],
  ['combining marks', 'e\u0301\u0301\u0301\u0336局'],
  ['emoji', '👩‍👩‍👧‍👦局'],
  ['CJK extension B', '𠀀𠮷𪚥局'],
  ['a BOM and noncharacters', '\uFEFF局\uFFFE'],
  ['100,000 characters', '长'.repeat(100_000)],
];

function jsonWith(field: string, jsonText: string, rest: Record<string, unknown>): string {
  const tail = JSON.stringify(rest).slice(1);
  return `{"${field}":${jsonText}${tail === '}' ? '}' : `,${tail}`}`;
}

function bytesWith(prefix: string, bytes: number[], suffix: string): Buffer {
  return Buffer.concat([Buffer.from(prefix), Buffer.from(bytes), Buffer.from(suffix)]);
}

describe.each(DIALECTS)(
  'hostile strings through the API on %s: lone surrogates, NUL and invalid UTF-8 are refused at the door, the audit chain stays intact',
  (dialect) => {
    let t: TestPlatform;
    let operator: TestClient;
    let auditor: TestClient;
    let departmentId: string;
    let probe = 1;

    beforeAll(async () => {
      t = await startTestPlatform({ dialect });
      operator = new TestClient(t.platform);
      auditor = new TestClient(t.platform);
      const account = (role: string) => t.bootstrap.find((a) => a.role === role)?.password ?? '';
      await operator.signIn('sysadmin', account('operator'));
      await auditor.signIn('auditadmin', account('auditor'));
      departmentId = (await operator.request('GET', '/api/v1/departments')).body.items[0].id as string;
    });
    afterAll(() => t.close());

    const send = (
      method: 'POST' | 'PATCH' | 'GET',
      url: string,
      payload?: string | Buffer,
      client?: TestClient,
    ) =>
      t.platform.http.inject({
        method,
        url,
        // Sign-in is rate limited per address; each probe comes from its own, so every one reaches the door.
        remoteAddress: `10.${(probe >> 16) & 255}.${(probe >> 8) & 255}.${probe++ & 255}`,
        ...(payload !== undefined ? { payload } : {}),
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(client?.cookie ? { cookie: client.cookie } : {}),
        },
      });

    it.each(ILL_FORMED_JSON)(
      'anonymous sign-in and the token endpoint refuse %s with INPUT_ILL_FORMED_TEXT',
      async (_name, text) => {
        const login = await send('POST', '/api/v1/auth/login', jsonWith('username', text, { password: 'x' }));
        expect(login.statusCode).toBe(400);
        expect(login.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/body/username' });
        const password = await send(
          'POST',
          '/api/v1/auth/login',
          jsonWith('password', text, { username: 'sysadmin' }),
        );
        expect(password.json().error).toMatchObject({
          code: 'INPUT_ILL_FORMED_TEXT',
          field: '/body/password',
        });
        const token = await send(
          'POST',
          '/api/v1/auth/token',
          jsonWith('client_id', text, { grant_type: 'client_credentials', client_secret: 's' }),
        );
        expect(token.statusCode).toBe(400);
        expect(token.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/body/client_id' });
        const key = await send('POST', '/api/v1/auth/login', `{${text}:"x","username":"u","password":"p"}`);
        expect(key.json().error.code).toBe('INPUT_ILL_FORMED_TEXT');
      },
    );

    it.each(INVALID_UTF8)('a JSON body with %s is refused, not decoded to U+FFFD', async (_name, bytes) => {
      for (const url of ['/api/v1/auth/login', '/api/v1/auth/token']) {
        const res = await send('POST', url, bytesWith('{"username":"', bytes, '","password":"p"}'));
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/body' });
      }
    });

    it('an authenticated write with ill-formed text is refused before anything is written', async () => {
      const before = (await operator.request('GET', `/api/v1/departments/${departmentId}`)).body;
      for (const [, text] of ILL_FORMED_JSON) {
        const res = await send('PATCH', `/api/v1/departments/${departmentId}`, `{"name":${text}}`, operator);
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/body/name' });
      }
      const res = await send(
        'PATCH',
        `/api/v1/departments/${departmentId}`,
        bytesWith('{"name":"', [0xff, 0xfe], '"}'),
        operator,
      );
      expect(res.json().error.code).toBe('INPUT_ILL_FORMED_TEXT');
      expect((await operator.request('GET', `/api/v1/departments/${departmentId}`)).body).toEqual(before);
    });

    it('NUL in a query string or a path parameter is refused (%00), never a 500', async () => {
      const query = await send('GET', '/api/v1/departments?q=a%00b', undefined, operator);
      expect(query.statusCode).toBe(400);
      expect(query.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/querystring/q' });
      const path = await send('GET', '/api/v1/departments/a%00b', undefined, operator);
      expect(path.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/params/id' });
      const patch = await send('PATCH', '/api/v1/departments/a%00b', '{"name":"x"}', operator);
      expect(patch.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/params/id' });
      for (const url of [
        '/api/v1/departments?q=%ED%A0%80',
        '/api/v1/departments?q=%FF',
        '/api/v1/departments/%FF',
      ]) {
        const res = await send('GET', url, undefined, operator);
        // Left undecoded as literal text, or refused: either way never a 500.
        expect(res.statusCode, url).toBeLessThan(500);
      }
    });

    it.each(WELL_FORMED)(
      'well-formed hostile text (%s) is taken or refused cleanly, never 5xx',
      async (_name, text) => {
        const login = await operatorless('/api/v1/auth/login', { username: text, password: text });
        expect(login.statusCode).toBeLessThan(500);
        expect(login.statusCode).toBeGreaterThanOrEqual(400);
        const token = await operatorless('/api/v1/auth/token', {
          grant_type: 'client_credentials',
          client_id: text,
          client_secret: text,
        });
        expect(token.statusCode).toBeLessThan(500);
        expect(token.statusCode).toBeGreaterThanOrEqual(400);

        const renamed = await operator.request('PATCH', `/api/v1/departments/${departmentId}`, {
          name: text,
        });
        if (text.length <= 100) {
          expect(renamed.status).toBe(200);
          const read = await operator.request('GET', `/api/v1/departments/${departmentId}`);
          // Names are trimmed (a BOM is white space to String.prototype.trim); nothing else changes.
          expect(read.body.name).toBe(text.trim());
        } else expect(renamed.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/body/name' });

        const search = await operator.request('GET', `/api/v1/departments?q=${encodeURIComponent(text)}`);
        expect(search.status).toBe(text.length <= 100 ? 200 : 400);
      },
    );

    async function operatorless(url: string, body: unknown) {
      return send('POST', url, JSON.stringify(body));
    }

    it.each([
      ['offset=Infinity', 'offset'],
      ['offset=-Infinity', 'offset'],
      ['offset=1e309', 'offset'],
      ['limit=99999999999999999999999', 'limit'],
      ['offset=9007199254740993', 'offset'],
    ])('a list endpoint answers %s with 400, not 500', async (query, field) => {
      for (const path of ['/api/v1/departments', '/api/v1/users']) {
        const res = await operator.request('GET', `${path}?${query}`);
        expect(res.status, path).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: `/querystring/${field}` });
      }
    });

    it('afterwards the chain verifies with no break: through the API as the auditor, and verifyTrail', async () => {
      const verified = await auditor.request('POST', '/api/v1/audit/verify');
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ ok: true, breaks: [] });
      expect(verified.body.entriesChecked).toBeGreaterThan(20);
      const status = await auditor.request('GET', '/api/v1/audit/status');
      expect(status.body.lastVerification).toMatchObject({ ok: true, breaks: [] });
      const direct = await t.platform.services.audit.verify();
      expect(direct).toMatchObject({ ok: true, breaks: [] });
      expect(direct.firstBreak).toBeUndefined();
    });
  },
);
