import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import {
  type AuditTables,
  auditViewRoutes,
  catalogResources,
  failedSignInsSince,
  metricsPlugin,
  orgDirectory,
} from '../../audit/index.js';
import {
  type CatalogTables,
  catalogFormatRoutes,
  catalogRoutes,
  catalogSearchRoutes,
  editionRoutes,
  obligationRoutes,
} from '../../catalog/index.js';
import { exchangeRoutes } from '../../exchange/index.js';
import { opendataRoutes } from '../../opendata/index.js';
import {
  AccountSecurityService,
  authRoutes,
  dualControlRoutes,
  type OrgTables,
  oidcRoutes,
  orgRoutes,
  registerAuthentication,
  securityRoutes,
  userRoutes,
} from '../../org/index.js';
import { CaseTypeRegistry, caseTypeRoutes } from '../../platform/cases/index.js';
import { tablesOf } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { createHttpServer, type HttpServer, sendError } from '../../platform/http/index.js';
import { registerJobMetrics } from '../../platform/jobs/index.js';
import { qualityRoutes } from '../../quality/index.js';
import { sealRoutes, snapshotRoutes } from '../../seal/index.js';
import { sharingRoutes } from '../../sharing/index.js';
import { registerAlertMetrics, supervisionRoutes } from '../../supervision/index.js';
import { allMigrations } from '../database.js';
import { healthRoutes } from '../health.js';
import { HomeService } from '../home/service.js';
import { violationTodo } from '../home/todo.js';
import { openRowsFromExchange } from '../opendata/open-rows.js';
import type { BuiltServices, Services } from '../services.js';
import { calendarRoutes } from './calendar.js';
import { homeRoutes } from './home.js';
import { jobRoutes } from './jobs.js';
import { profileRoutes } from './profile.js';

export interface RouteOptions {
  /** The platform's logger: Fastify logs requests through the same instance the services log through. */
  log: FastifyBaseLogger;
  version: string;
  /** Directory of the built portal. */
  webDist: string;
  /** Route plugins registered after the platform's own (tests, extensions). */
  plugins?: ((services: Services) => FastifyPluginAsync)[];
}

/** The HTTP server with every route plugin of the platform, given the built services. */
export async function registerRoutes(built: BuiltServices, options: RouteOptions): Promise<HttpServer> {
  const { config, storage, clock, services, profileId, profile, exchangeDeps } = built;
  const { db } = storage;
  const { audit } = services;
  const http = await createHttpServer({
    bodyLimitBytes: config.bodyLimitBytes,
    loggerInstance: options.log,
    requestLog: config.requestLog,
    version: options.version,
  });
  // The metrics plugin's hook recognises the Prometheus scrape token before authentication
  // would judge it as an API client token.
  await http.register(
    metricsPlugin({
      clock,
      auditQueueDepth: () => audit.auditQueueDepth(),
      lastCheckpointAt: () => audit.lastCheckpointAt(),
      token: config.metricsToken,
      more: [
        (registry) => registerJobMetrics(registry, services.jobs),
        (registry) => registerAlertMetrics(registry, services.supervision.alerts),
      ],
    }),
  );
  registerAuthentication(http, { ...services, publicUrl: config.publicUrl });
  // Every case type's step routes describe it here; the portal's case page reads the list.
  const caseTypes = new CaseTypeRegistry();
  http.decorate('caseTypes', caseTypes);
  await http.register(caseTypeRoutes(caseTypes));
  await http.register(
    healthRoutes({
      db,
      dialect: storage.dialect,
      migrations: allMigrations,
      version: options.version,
      auditWriteProblem: () => audit.writeProblem(),
    }),
  );
  await http.register(
    authRoutes({
      auth: services.auth,
      apiClients: services.apiClients,
      secureCookies: config.publicUrl.startsWith('https://'),
      sessionMaxHours: config.session.absoluteHours,
      sso: config.oidc ? { enabled: true, label: config.oidc.label } : { enabled: false },
    }),
  );
  if (config.oidc)
    await http.register(
      oidcRoutes({
        auth: services.auth,
        db: tablesOf<OrgTables>(db),
        audit,
        clock,
        config: config.oidc,
        publicUrl: config.publicUrl,
        secureCookies: config.publicUrl.startsWith('https://'),
        sessionMaxHours: config.session.absoluteHours,
      }),
    );
  await http.register(orgRoutes(services));
  await http.register(userRoutes(services));
  await http.register(dualControlRoutes({ dualControl: services.users.dualControl }));
  await http.register(
    securityRoutes({
      accountSecurity: new AccountSecurityService({
        db: tablesOf<OrgTables>(db),
        audit,
        clock,
        policy: config.login,
        failures: { since: (from) => failedSignInsSince(tablesOf<AuditTables>(db), from) },
      }),
    }),
  );
  await http.register(calendarRoutes({ calendar: services.calendar, clock, audit }));
  await http.register(
    auditViewRoutes({
      db: tablesOf<AuditTables>(db),
      audit,
      clock,
      directory: orgDirectory(services),
      resources: catalogResources(services.catalog),
      verify: () => audit.verify(),
    }),
  );
  await http.register(profileRoutes({ profileId, clock }));
  await http.register(jobRoutes({ jobs: services.jobs }));
  // The home page reads several modules; violations to rectify are wired once a module offers them.
  await http.register(
    homeRoutes({
      home: new HomeService({
        storage,
        services,
        audit,
        now: () => clock.now(),
        violations: violationTodo(services.supervision.violations),
      }),
    }),
  );
  await http.register(catalogSearchRoutes({ search: services.catalogSearch }));
  await http.register(
    catalogRoutes({
      catalog: services.catalog,
      more: [
        obligationRoutes({ obligations: services.catalogObligations }),
        editionRoutes({ editions: services.catalogEditions }),
      ],
    }),
  );
  await http.register(
    catalogFormatRoutes({
      db: tablesOf<CatalogTables>(db),
      config,
      importLimitBytes: config.catalogImportLimitBytes,
      profile,
      clock,
      audit,
      departments: services.departments,
      catalog: services.catalog,
    }),
  );
  await http.register(
    opendataRoutes({
      db: tablesOf<CatalogTables>(db),
      publicUrl: config.publicUrl,
      profile,
      departments: services.departments,
      search: services.catalogSearch,
      rows: openRowsFromExchange(services.exchange),
      audit,
    }),
  );
  await http.register(sharingRoutes(services.sharing));
  await http.register(exchangeRoutes({ ...exchangeDeps, exchange: services.exchange }));
  await http.register(qualityRoutes(services.quality));
  await http.register(supervisionRoutes(services.supervision));
  await http.register(sealRoutes(services.seal));
  await http.register(snapshotRoutes(services.snapshots));
  for (const plugin of options.plugins ?? []) await http.register(plugin(services));
  await servePortal(http, options.webDist);
  return http;
}

/** Serves the built portal at `/`, with unknown non-API paths falling back to the single-page app. */
async function servePortal(http: HttpServer, webDist: string): Promise<void> {
  const hasPortal = existsSync(join(webDist, 'index.html'));
  if (hasPortal) {
    await http.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  }
  http.setNotFoundHandler({ preHandler: (_req, _reply, done) => done() }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (hasPortal && request.method === 'GET' && !(path === '/api' || path.startsWith('/api/'))) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(CommonErrors.error('NOT_FOUND', { path }), request, reply);
  });
}
