import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from './index.js';
import { allStorable, firstUnstorable } from './well-formed.js';

/** What a handler saw: if the input was refused, nothing; the test asserts the handler never ran. */
const seen: unknown[] = [];

describe('ill-formed text and unsafe numbers stop at the HTTP boundary', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({ bodyLimitBytes: 1 << 20, logger: false, version: 'test' });
    app.post(
      '/echo/:id',
      {
        schema: {
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({ q: Type.Optional(Type.String()), page: Type.Optional(Type.Integer()) }),
          body: Type.Object({}, { additionalProperties: true }),
        },
      },
      async (request) => {
        seen.push(request.body);
        return { body: request.body, query: request.query, params: request.params };
      },
    );
    app.get(
      '/list',
      {
        schema: {
          querystring: Type.Object({
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            ratio: Type.Optional(Type.Number()),
          }),
          headers: Type.Object({ 'x-page': Type.Optional(Type.Integer()) }),
        },
      },
      async (request) => request.query,
    );
    app.post('/count', { schema: { body: Type.Object({ n: Type.Integer() }) } }, async (r) => r.body);
  });
  afterAll(() => app.close());

  const post = (payload: string | Buffer, url = '/echo/a') =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });

  it.each([
    ['a lone high surrogate in a value', '{"username":"x\\ud800"}', '/body/username'],
    ['a lone low surrogate in a nested array', '{"a":[{"b":"ok"},{"c":["\\udfff"]}]}', '/body/a/1/c/0'],
    ['a NUL in a value', '{"name":"a\\u0000b"}', '/body/name'],
    ['a NUL in a key', '{"na\\u0000me":"x"}', '/body/na\\u0000me'],
    ['a lone surrogate in a key with a slash', '{"a/\\ud800":"x"}', '/body/a~1\\ufffd'],
  ])('refuses %s with INPUT_ILL_FORMED_TEXT before the handler runs', async (_name, payload, field) => {
    const before = seen.length;
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field });
    expect(seen.length).toBe(before);
  });

  it('refuses invalid UTF-8 bytes in a JSON body instead of turning them into U+FFFD', async () => {
    for (const bytes of [
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d],
      // A surrogate encoded in UTF-8 (CESU-8 style): not UTF-8.
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d],
      // Overlong "/".
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d],
    ]) {
      const res = await post(Buffer.from(bytes));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/body' });
    }
  });

  it('keeps refusing malformed JSON, prototype poisoning and oversized bodies as before', async () => {
    expect((await post('{"a":')).json().error.code).toBe('MALFORMED_JSON');
    expect((await post('{"__proto__":{"x":1}}')).statusCode).toBe(400);
    const big = await post(`{"a":"${'x'.repeat(1 << 20)}"}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses NUL in a path parameter and in the query string', async () => {
    const path = await post('{}', '/echo/a%00b');
    expect(path.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/params/id' });
    const query = await post('{}', '/echo/a?q=x%00');
    expect(query.json().error).toMatchObject({ code: 'INPUT_ILL_FORMED_TEXT', field: '/querystring/q' });
  });

  it('refuses a case number header whose bytes are not UTF-8, and accepts one that is', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/echo/a',
      payload: '{}',
      headers: { 'content-type': 'application/json', 'x-govshare-case-number': '\xff\xfe' },
    });
    expect(bad.json().error).toMatchObject({
      code: 'INPUT_ILL_FORMED_TEXT',
      field: '/headers/x-govshare-case-number',
    });
    const good = await app.inject({
      method: 'POST',
      url: '/echo/a',
      payload: '{}',
      headers: {
        'content-type': 'application/json',
        'x-govshare-case-number': Buffer.from('京办-2026-001', 'utf8').toString('latin1'),
      },
    });
    expect(good.statusCode).toBe(200);
  });

  it('accepts well-formed hostile text unchanged: RTL override, combining marks, emoji, CJK ext-B', async () => {
    const text = 'a\u202Eevil\u202C e\u0301\u0301\u0301 👩‍👩‍👧 𠀀𪚥 \uFEFF\uFFFD';
    const res = await post(JSON.stringify({ text, [text]: 1 }));
    expect(res.statusCode).toBe(200);
    expect(res.json().body).toEqual({ text, [text]: 1 });
  });

  it.each([
    ['page=Infinity', '/querystring/page'],
    ['page=-Infinity', '/querystring/page'],
    ['offset=1e309', '/querystring/offset'],
    ['limit=99999999999999999999999', '/querystring/limit'],
    ['page=9007199254740993', '/querystring/page'],
    ['ratio=1e309', '/querystring/ratio'],
  ])('refuses the unsafe number %s with 400, not 500', async (query, field) => {
    const res = await app.inject({ method: 'GET', url: `/list?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('refuses unsafe integers in headers and bodies too, and keeps safe ones', async () => {
    const header = await app.inject({ method: 'GET', url: '/list', headers: { 'x-page': 'Infinity' } });
    expect(header.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/headers/x-page' });
    for (const n of ['1e309', '-1e309', '99999999999999999999999']) {
      const res = await app.inject({
        method: 'POST',
        url: '/count',
        payload: `{"n":${n}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/body/n' });
    }
    const ok = await app.inject({ method: 'GET', url: `/list?page=${Number.MAX_SAFE_INTEGER}&limit=500` });
    expect(ok.json()).toEqual({ page: Number.MAX_SAFE_INTEGER, limit: 500 });
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(allStorable(deep)).toBe(false);
    expect(firstUnstorable(deep, '/body')?.startsWith('/body/0/0/0')).toBe(true);
    expect(allStorable({ a: [1, null, true, { b: 'c' }] })).toBe(true);
  });
});
