import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ExchangeConfig } from '../../platform/config/index.js';
import type { RequestContext } from '../../platform/context/index.js';

import type { ExchangeAccess, OpenedRead } from '../access.js';
import { ExchangeErrors } from '../errors.js';
import type { ReadableResource } from '../model.js';

/**
 * Rate limits of reads (R88: the platform protects providers' data from bulk harvesting): each
 * grant and each reader (API client or user) may make so many reads a minute, whichever way it
 * reads (key query, download, change feed, proxied service). Counted in `@fastify/rate-limit`'s
 * store, which the platform registers once for the whole app: every part of the exchange that
 * builds a limiter counts against the same numbers. The store is per process: behind a load
 * balancer each node counts its own share.
 */
export type ReadLimiter = (reply: FastifyReply, ctx: RequestContext, read: OpenedRead) => Promise<void>;

const WINDOW_MS = 60_000;

/**
 * Builds the limiter of a plugin's reads. Call it once per plugin, then once per read right
 * after `access.open`: over a limit, the refusal is audited (`EXCHANGE_RATE_LIMITED`, 429) and
 * thrown, with `Retry-After` set on the reply.
 *
 * @example
 * const limitRead = readLimiter(app, { config: deps.config, access });
 * const read = await access.open(ctx, entryId, 'subscription', statement);
 * await limitRead(reply, ctx, read);
 */
export function readLimiter(
  app: FastifyInstance,
  deps: {
    config: Pick<ExchangeConfig, 'ratePerGrantPerMinute' | 'ratePerClientPerMinute'>;
    access: Pick<ExchangeAccess<ReadableResource>, 'refuseRead'>;
  },
): ReadLimiter {
  // The key generator only sees the request: the key of the count in progress travels beside it.
  const keys = new WeakMap<FastifyRequest, string>();
  const keyGenerator = (request: FastifyRequest): string => keys.get(request) ?? `exchange:?:${request.id}`;
  const scopes = [
    {
      scope: { zh: '单项授权', en: 'grant' },
      key: (_ctx: RequestContext, read: OpenedRead) => `exchange:grant:${read.grant.id}`,
      check: app.createRateLimit({
        max: deps.config.ratePerGrantPerMinute,
        timeWindow: WINDOW_MS,
        keyGenerator,
      }),
      max: deps.config.ratePerGrantPerMinute,
    },
    {
      scope: { zh: '单个调用方', en: 'reader' },
      key: (ctx: RequestContext) => `exchange:${ctx.actor.kind}:${ctx.actor.id}`,
      check: app.createRateLimit({
        max: deps.config.ratePerClientPerMinute,
        timeWindow: WINDOW_MS,
        keyGenerator,
      }),
      max: deps.config.ratePerClientPerMinute,
    },
  ];
  return async (reply, ctx, read) => {
    const request = reply.request;
    for (const limit of scopes) {
      keys.set(request, limit.key(ctx, read));
      const verdict = await limit.check(request);
      keys.delete(request);
      if (verdict.isAllowed || !verdict.isExceeded) continue;
      const retryAfter = Math.max(1, verdict.ttlInSeconds);
      reply.header('retry-after', String(retryAfter));
      reply.header('x-ratelimit-limit', String(limit.max));
      reply.header('x-ratelimit-remaining', '0');
      await deps.access.refuseRead(
        ctx,
        read,
        ExchangeErrors.error('EXCHANGE_RATE_LIMITED', {
          scope: limit.scope.zh,
          scopeEn: limit.scope.en,
          max: limit.max,
          retryAfter,
        }),
      );
    }
  };
}
