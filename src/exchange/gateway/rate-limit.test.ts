import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../platform/context/index.js';
import type { AppError } from '../../platform/errors/index.js';
import type { OpenedRead } from '../access.js';
import '../errors.js';
import { readLimiter } from './rate-limit.js';

function readOf(grantId: string): OpenedRead {
  return {
    resource: { entry: { id: 'entry-1', code: 'C1', name: 'n', version: 1 } },
    grant: { id: grantId },
    method: 'online_query',
    statement: { purpose: 'data_verification' },
    columns: [],
    masked: new Set(),
  } as unknown as OpenedRead;
}

describe('readLimiter', () => {
  it('refuses past the grant limit and past the reader limit, audited, with Retry-After', async () => {
    const app = Fastify();
    await app.register(rateLimit, { global: false });
    const refusals: string[] = [];
    const access = {
      async refuseRead(_ctx: unknown, read: OpenedRead, error: AppError) {
        refusals.push(`${error.code}:${read.grant.id}:${String(error.params.scopeEn)}`);
        throw error;
      },
    };
    const limit = readLimiter(app, {
      config: { ratePerGrantPerMinute: 3, ratePerClientPerMinute: 5 },
      access,
    });
    app.get('/:client/:grant', async (request, reply) => {
      const { client, grant } = request.params as { client: string; grant: string };
      const ctx = { actor: { kind: 'client', id: client } } as unknown as RequestContext;
      try {
        await limit(reply, ctx, readOf(grant));
      } catch (error) {
        return reply.status((error as AppError).status).send({ code: (error as AppError).code });
      }
      return { ok: true };
    });
    const statuses = async (url: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await app.inject({ url })).statusCode);
      return out;
    };
    expect(await statuses('/a/g1', 4)).toEqual([200, 200, 200, 429]);
    const refused = await app.inject({ url: '/b/g1' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // A read refused for its grant does not count against the reader: a has made 3 of its 5.
    expect(await statuses('/a/g2', 3)).toEqual([200, 200, 429]);
    expect(refusals).toEqual([
      'EXCHANGE_RATE_LIMITED:g1:grant',
      'EXCHANGE_RATE_LIMITED:g1:grant',
      'EXCHANGE_RATE_LIMITED:g2:reader',
    ]);
    await app.close();
  });
});
