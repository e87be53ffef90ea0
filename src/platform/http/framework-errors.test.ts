import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from './index.js';

describe("the router's own refusals answer in the platform's words (issue 15)", () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({ bodyLimitBytes: 1 << 20, logger: false, version: 'test' });
    app.get('/things/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async () => ({
      ok: true,
    }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('attack: a path that is not valid percent-encoded UTF-8 is ill-formed input, not FST_ERR_BAD_URL', async () => {
    for (const id of ['%E4%B8', '%ED%A0%80', '%zz', '%FF%FE']) {
      const res = await app.inject({
        method: 'GET',
        url: `/things/${id}`,
        headers: { 'x-request-id': 'req-abcdef12' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-request-id']).toBe('req-abcdef12');
      expect(res.body).not.toMatch(/FST_ERR|not a valid url component|things/);
      expect(res.json()).toEqual({
        error: {
          code: 'INPUT_ILL_FORMED_TEXT',
          message: expect.stringContaining('/params'),
          field: '/params',
          requestId: 'req-abcdef12',
        },
      });
    }
  });

  it('attack: a 100,000-character path parameter is refused without echoing it', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/things/${'x'.repeat(100_000)}`,
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(400);
    expect(res.body).not.toMatch(/FST_ERR|xxxx/);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/params' });
    expect(res.json().error.message).toContain('longer than 200 characters');
  });

  it('answers a valid path as before', async () => {
    const res = await app.inject({ method: 'GET', url: `/things/${encodeURIComponent('示范-1')}` });
    expect(res.statusCode).toBe(200);
  });
});
