import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { isAllowed } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import { AppError, CommonErrors } from '../platform/errors/index.js';
import { errorResponses } from '../platform/http/index.js';
import { AuditViewActions } from './policies.js';

export const METRICS_PATH = '/api/metrics';

export interface MetricsDeps {
  clock: Clock;
  /** Entries queued for the next group commit of the audit trail. */
  auditQueueDepth: () => number;
  /** When the chain head was last signed; null before the first checkpoint. */
  lastCheckpointAt: () => Date | string | null | undefined | Promise<Date | string | null | undefined>;
  /**
   * Bearer token a Prometheus scraper presents (`GOVSHARE_METRICS_TOKEN`); without it only
   * signed-in operators and auditors read the metrics.
   */
  token?: string | undefined;
  /** Further metrics registered into the same registry (the jobs kernel's). */
  more?: Array<(registry: Registry) => void>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request presented the Prometheus scrape token. */
    metricsScraper?: boolean;
  }
}

/** The route a request matched, as its pattern: bounded label values, never raw URLs. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * Operations metrics in Prometheus text format at `/api/metrics` (R55, R102): HTTP requests,
 * errors by code, request durations, the audit trail's queue depth and checkpoint age, and the
 * process's own metrics, in a registry of this platform's own (never prom-client's global one).
 *
 * Access: a signed-in user or API client holding `metrics.read` (operator, auditor), or a
 * scraper sending `Authorization: Bearer <GOVSHARE_METRICS_TOKEN>`. Never anonymous. Prometheus:
 * `authorization: { type: Bearer, credentials: <token> }` in the scrape config.
 */
export function metricsPlugin(deps: MetricsDeps): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'govshare_' });
    const requests = new Counter({
      name: 'govshare_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const errors = new Counter({
      name: 'govshare_http_errors_total',
      help: 'HTTP requests that failed, by method, route and error code',
      labelNames: ['method', 'route', 'code'] as const,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'govshare_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    new Gauge({
      name: 'govshare_audit_queue_depth',
      help: 'Audit entries waiting for the next group commit',
      registers: [registry],
      collect() {
        this.set(deps.auditQueueDepth());
      },
    });
    new Gauge({
      name: 'govshare_audit_last_checkpoint_age_seconds',
      help: 'Seconds since the audit chain head was last signed (NaN before the first checkpoint)',
      registers: [registry],
      async collect() {
        const at = await deps.lastCheckpointAt();
        const ms = at ? deps.clock.now().getTime() - new Date(at).getTime() : Number.NaN;
        this.set(Number.isNaN(ms) ? Number.NaN : Math.max(0, ms / 1000));
      },
    });

    for (const register of deps.more ?? []) register(registry);

    app.addHook('onRequest', async (request) => {
      if (request.url.split('?')[0] !== METRICS_PATH || !deps.token) return;
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ') && sameSecret(header.slice(7).trim(), deps.token)) {
        request.metricsScraper = true;
        // The scrape token is not an API client token: keep the sign-in hook from judging it as one.
        delete request.headers.authorization;
      }
    });
    app.addHook('onError', async (request, _reply, error) => {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      errors.inc({ method: request.method, route: routeOf(request), code });
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = routeOf(request);
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    app.get(
      METRICS_PATH,
      {
        config: { public: true },
        schema: {
          tags: ['operations'],
          summary:
            '运行指标（Prometheus 文本格式；运维/审计人员或携带 GOVSHARE_METRICS_TOKEN 的采集器） / Metrics in Prometheus format',
          security: [{ session: [] }, { bearer: [] }],
          response: errorResponses('UNAUTHENTICATED', 'FORBIDDEN'),
        },
      },
      async (request, reply) => {
        if (!request.metricsScraper) {
          if (!request.actor) throw CommonErrors.error('UNAUTHENTICATED');
          if (!isAllowed(request.actor, AuditViewActions['metrics.read']))
            throw CommonErrors.error('FORBIDDEN', { action: AuditViewActions['metrics.read'] });
        }
        reply.type(registry.contentType);
        return registry.metrics();
      },
    );
  };
  // Hooks must see every route of the server, not only this plugin's (Fastify's documented
  // `skip-override`, which is what fastify-plugin sets).
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
