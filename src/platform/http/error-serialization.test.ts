import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { createHttpServer, type HttpServer } from './index.js';

/** Response schemas the error body cannot fit: Fastify's fallback would quote internal messages. */
const Hostile = {
  200: Type.Object({ n: Type.Integer() }),
  400: Type.Object({ secret: Type.Integer() }),
  500: Type.Object({ other: Type.Integer() }),
};

describe('errors while serializing never reach the client (issue 15)', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createHttpServer({ bodyLimitBytes: 1 << 20, logger: false, version: 'test' });
    app.get('/bad-response', { schema: { response: Hostile } }, async () => ({ n: 'not a number' }) as never);
    app.get('/internal-throw', { schema: { response: Hostile } }, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    app.get('/refused', { schema: { response: Hostile } }, async () => {
      throw new AppError('VALIDATION_FAILED', { field: '/query/q', reason: 'bad' });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('attack: a response its schema cannot serialize answers a generic INTERNAL with the request id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/bad-response',
      headers: { 'x-request-id': 'req-abcdef12' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/FST_ERR|Original error|not a number|integer/i);
    expect(res.json()).toEqual({
      error: {
        code: 'INTERNAL',
        message: expect.stringContaining('req-abcdef12'),
        requestId: 'req-abcdef12',
      },
    });
  });

  it('attack: an internal error on a route whose 500 schema does not fit the error body leaks nothing', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/internal-throw',
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/Cannot read properties|FST_ERR_FAILED_ERROR_SERIALIZATION|Original error/);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.json().error.message).toMatch(/^Internal error; report request id /);
  });

  it('a refusal keeps its own code and message even where the route declares another 400 body', async () => {
    const res = await app.inject({ method: 'GET', url: '/refused' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: '/query/q' });
  });
});
