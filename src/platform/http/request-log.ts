import type { FastifyInstance } from 'fastify';

/** off: no request lines; errors: 4xx/5xx answers and slow requests; all: every request. */
export type RequestLogMode = 'off' | 'errors' | 'all';

export interface RequestLogOptions {
  mode: RequestLogMode;
  /** A request taking at least this many milliseconds is logged in `errors` mode too. */
  slowMs: number;
}

export const DEFAULT_REQUEST_LOG: RequestLogOptions = { mode: 'errors', slowMs: 1000 };

/** Longest unmatched path logged: a 404 is worth naming, a pasted blob is not. */
const MAX_PATH = 100;

/**
 * One compact line per logged request, in place of Fastify's two (about 530 bytes a request, 64 MB
 * in ten minutes at 200 req/s): method, the route's pattern (never the query, which may carry
 * identity numbers), status, milliseconds, the actor's id, and the request id from the child
 * logger. Bodies and headers are never logged. Failures are warn/error, so GOVSHARE_LOG_LEVEL=warn
 * keeps them and drops the rest.
 */
export function registerRequestLog(app: FastifyInstance, options: RequestLogOptions): void {
  if (options.mode === 'off') return;
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const ms = Math.round(reply.elapsedTime);
    const slow = ms >= options.slowMs;
    if (options.mode === 'errors' && status < 400 && !slow) return;
    const actor = (request as { actor?: { id: string } }).actor;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? unmatchedPath(request.url),
      status,
      ms,
      ...(actor ? { actor: actor.id } : {}),
    };
    if (status >= 500) request.log.error(line, 'request');
    else if (status >= 400 || slow) request.log.warn(line, 'request');
    else request.log.info(line, 'request');
  });
}

function unmatchedPath(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}
