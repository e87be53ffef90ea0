import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import {
  type AuditTables,
  AuditTrail,
  auditViewRoutes,
  catalogResources,
  loadAuditKeys,
  metricsPlugin,
  orgDirectory,
  retentionPeriod,
} from '../audit/index.js';
import {
  CatalogSearch,
  CatalogSearchIndex,
  CatalogService,
  catalogFormatRoutes,
  catalogRoutes,
  catalogSearchRoutes,
  type DepartmentNameLookup,
  EditionService,
  editionRoutes,
  ObligationService,
  obligationRoutes,
  type ProviderLookup,
} from '../catalog/index.js';
import {
  createExchangeServices,
  type ExchangeDeps,
  type ExchangeServices,
  exchangeRoutes,
} from '../exchange/index.js';
import type { OrgTables } from '../org/index.js';
import {
  ApiClientService,
  AuthService,
  authRoutes,
  DepartmentService,
  dualControlRoutes,
  JurisdictionService,
  oidcRoutes,
  orgRoutes,
  registerAuthentication,
  SessionStore,
  UserService,
  userRoutes,
} from '../org/index.js';
import {
  type CalendarService,
  type CalendarTables,
  createCalendarServices,
  type DeadlineService,
} from '../platform/calendar/index.js';
import { CaseTypeRegistry, caseTypeRoutes } from '../platform/cases/index.js';
import { type Clock, systemClock } from '../platform/clock/index.js';
import { ensureDataDir, type PlatformConfig } from '../platform/config/index.js';
import { SecretBox } from '../platform/crypto/index.js';
import { migrateToLatest, openStorage, type Storage, sqlitePathIn, tablesOf } from '../platform/db/index.js';
import { CommonErrors } from '../platform/errors/index.js';
import { createHttpServer, type HttpServer, sendError } from '../platform/http/index.js';
import { JobRunner, registerJobMetrics } from '../platform/jobs/index.js';
import {
  loadEffectiveProfile,
  loadProfile,
  type Profile,
  ProfileErrors,
} from '../platform/profiles/index.js';
import { Settings } from '../platform/settings/index.js';
import { createSharingServices, type SharingServices, sharingRoutes } from '../sharing/index.js';
import { allMigrations, type Database } from './database.js';
import { healthRoutes } from './health.js';
import { registerPlatformJobs } from './jobs.js';
import { openMasterKey } from './master-key.js';
import { calendarRoutes } from './routes/calendar.js';
import { jobRoutes } from './routes/jobs.js';
import { profileRoutes } from './routes/profile.js';

export { BackupErrors, backupExitKind, createBackup, readPassphrase, restoreBackup } from './backup/index.js';
export { bootstrapIfEmpty, bootstrapOptionsFrom } from './bootstrap.js';
export { allMigrations } from './database.js';
export { loadDemo } from './demo.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

export interface PlatformOptions {
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built portal; defaults to web/dist of the package. */
  webDist?: string;
  /**
   * Start the background jobs (default true). One-shot CLI commands say false: a `user create`
   * must not also archive the audit trail or send the queued notices.
   */
  jobs?: boolean;
  /**
   * Route plugins registered with the platform's own, after them (a case type declared by a
   * test, an extension): they get the services and the platform's authentication.
   */
  plugins?: ((services: Services) => FastifyPluginAsync)[];
  /** Reuse an already open storage (tests); the platform will not close it. */
  storage?: Storage<Database>;
}

export interface Services {
  settings: Settings;
  audit: AuditTrail;
  jurisdictions: JurisdictionService;
  departments: DepartmentService;
  users: UserService;
  auth: AuthService;
  sessions: SessionStore;
  apiClients: ApiClientService;
  calendar: CalendarService;
  deadlines: DeadlineService;
  /** The catalog's full-text index; the catalog service reindexes an entry in each change's transaction. */
  catalogSearchIndex: CatalogSearchIndex;
  catalogSearch: CatalogSearch;
  catalog: CatalogService;
  catalogObligations: ObligationService;
  catalogEditions: EditionService;
  /** Applications, grants, notices and the deadline sweep (issue 5). */
  sharing: SharingServices;
  /** The background jobs: retention, checkpoints, sweeps, delivery, push poll, node watch (issue 14). */
  jobs: JobRunner;
  /** Hosted data, the read gateway, proxied services, subscriptions and nodes (issue 6). */
  exchange: ExchangeServices;
}

export interface Platform {
  config: PlatformConfig;
  storage: Storage<Database>;
  services: Services;
  http: HttpServer;
  /** The policy profile this instance was created with. */
  profileId: string;
  /** The effective profile it runs on (local on top of national, R123). */
  profile: Profile;
  close(): Promise<void>;
}

/** Opens storage for the configuration: PostgreSQL when DATABASE_URL is set, else embedded SQLite. */
export async function openPlatformStorage(config: PlatformConfig): Promise<Storage<Database>> {
  ensureDataDir(config);
  return openStorage<Database>({ databaseUrl: config.databaseUrl, sqlitePath: sqlitePathIn(config.dataDir) });
}

/** The composition root: storage, services and HTTP routes wired together with explicit dependencies. */
export async function createPlatform(
  config: PlatformConfig,
  options: PlatformOptions = {},
): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? (await openPlatformStorage(config));
  const ownsStorage = !options.storage;
  try {
    ensureDataDir(config);
    const db = storage.db;
    await migrateToLatest(db, storage.dialect, allMigrations);
    // Each module gets the view of the schema it owns (its tables plus the audit trail it writes).
    const orgDb = tablesOf<OrgTables>(db);
    const settings = new Settings(tablesOf(db));
    const masterKey = await openMasterKey({ dataDir: config.dataDir, settings, suite: config.cryptoSuite });
    const box = new SecretBox(masterKey, config.cryptoSuite);
    const profileId = await selectedProfile(settings, config);
    const audit = await AuditTrail.open({
      db,
      dialect: storage.dialect,
      clock,
      keys: await loadAuditKeys(settings, box, config.cryptoSuite),
      checkpoint: { entries: config.audit.checkpointEntries, seconds: config.audit.checkpointSeconds },
      archiveDir: join(config.dataDir, 'audit-archive'),
      // The jobs runner signs checkpoints (`audit.checkpoint`), with failures logged.
      checkpointTimer: false,
    });
    const sessions = new SessionStore(tablesOf(db), clock, config.session, config.cryptoSuite);
    const { calendar, deadlines } = createCalendarServices({
      storage: { db: tablesOf<CalendarTables>(db) },
      clock,
    });
    const departments = new DepartmentService(orgDb, audit, clock);
    // The catalog and its index read the provider inside their own transactions.
    const providerLookup: ProviderLookup = (executor, id) => departments.lookup(id, executor);
    const departmentName: DepartmentNameLookup = async (executor, id) =>
      (await departments.lookup(id, executor))?.name;
    // The instance's policy profile, read once: every module takes its numbers from it. It is the
    // effective profile: the local one on top of 政务数据共享条例 (国务院令第809号), R123.
    const profile = loadEffectiveProfile(profileId);
    const exchangeDeps: ExchangeDeps = {
      db,
      dialect: storage.dialect,
      audit,
      clock,
      // Asked lazily: the sharing services are built in the same object.
      grants: { check: (question, executor) => services.sharing.grants.check(question, executor) },
      notices: { send: (trx, notice) => services.sharing.notices.send(trx, notice) },
      catalog: { get: (actor, id, executor) => services.catalog.get(actor, id, executor) },
      departments: providerLookup,
      box,
      cryptoSuite: config.cryptoSuite,
      config: config.exchange,
      workDir: join(config.dataDir, 'exchange'),
    };
    const services: Services = {
      // Logs through the HTTP server's log, made below; the runner starts only once that exists.
      jobs: new JobRunner({
        db,
        dialect: storage.dialect,
        clock,
        log: { error: (obj, msg) => http.log.error(obj, msg), warn: (obj, msg) => http.log.warn(obj, msg) },
      }),
      exchange: createExchangeServices(exchangeDeps),
      catalogObligations: new ObligationService({
        db,
        audit,
        clock,
        calendar,
        deadlines,
        departments: providerLookup,
        profile,
      }),
      catalogEditions: new EditionService({
        db,
        audit,
        clock,
        catalog: { listPublished: (executor) => services.catalog.listPublished(executor) },
        cryptoSuite: config.cryptoSuite,
      }),
      catalogSearchIndex: new CatalogSearchIndex({ departmentName }),
      catalogSearch: new CatalogSearch({ db }),
      catalog: new CatalogService({
        db,
        dialect: storage.dialect,
        audit,
        clock,
        // Asked lazily: the department service is built in this same object.
        departments: providerLookup,
        search: { reindex: (trx, id) => services.catalogSearchIndex.reindex(trx, id) },
        profile,
        networkZone: config.networkZone,
        // R11: an approved reduction is recorded and told to every department holding a grant on it.
        onReduction: async (trx, event) => {
          const holders = await services.sharing.grants.noticeReduction(trx, event);
          await audit.record(
            trx,
            {},
            {
              action: 'catalog.reduction',
              targetType: 'catalog_entry',
              targetId: event.entryId,
              detail: { ...event, noticedHolders: holders },
            },
          );
        },
      }),
      sharing: createSharingServices({
        db,
        dialect: storage.dialect,
        audit,
        clock,
        profile,
        // Asked lazily: the catalog service is built in this same object.
        catalog: { get: (actor, id, executor) => services.catalog.get(actor, id, executor) },
        departments: providerLookup,
        calendar,
        deadlines,
        box,
        smtp: config.smtp,
        publicUrl: config.publicUrl,
        outboundAllowedNetworks: () => config.exchange.serviceAllowedNetworks,
      }),
      calendar,
      deadlines,
      settings,
      audit,
      sessions,
      jurisdictions: new JurisdictionService(orgDb, audit, clock),
      departments,
      // Org tells account owners and auditors through the inbox without importing sharing.
      users: new UserService(orgDb, audit, clock, {
        send: (trx, notice) => services.sharing.notices.send(trx, notice),
      }),
      auth: new AuthService(orgDb, sessions, audit, clock, box, config.login),
      apiClients: new ApiClientService(orgDb, audit, clock, settings, box, {
        issuer: config.publicUrl,
        ttlSeconds: config.apiToken.ttlSeconds,
      }),
    };

    const http = await createHttpServer({
      bodyLimitBytes: config.bodyLimitBytes,
      logger: options.logger ?? false,
      requestLog: config.requestLog,
      version: VERSION,
    });
    // The metrics plugin's hook recognises the Prometheus scrape token before authentication
    // would judge it as an API client token.
    await http.register(
      metricsPlugin({
        clock,
        auditQueueDepth: () => audit.auditQueueDepth(),
        lastCheckpointAt: () => audit.lastCheckpointAt(),
        token: config.metricsToken,
        more: [(registry) => registerJobMetrics(registry, services.jobs)],
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
        version: VERSION,
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
          db: orgDb,
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
    await http.register(calendarRoutes({ calendar, clock, audit }));
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
        db,
        config,
        importLimitBytes: config.catalogImportLimitBytes,
        profile,
        clock,
        audit,
        departments: services.departments,
        catalog: services.catalog,
        search: services.catalogSearch,
      }),
    );
    await http.register(sharingRoutes(services.sharing));
    await http.register(exchangeRoutes({ ...exchangeDeps, exchange: services.exchange }));
    for (const plugin of options.plugins ?? []) await http.register(plugin(services));
    await servePortal(http, options.webDist ?? join(PACKAGE_ROOT, 'web/dist'));
    registerPlatformJobs({
      jobs: services.jobs,
      clock,
      audit,
      sharing: services.sharing,
      retentionMonths: retentionPeriod(profile, config.audit.retentionMonths).months,
      archiveDir: join(config.dataDir, 'audit-archive'),
      log: http.log,
    });
    services.exchange.start({
      jobs: services.jobs,
      onError: (err) => http.log.error({ err }, 'exchange push failed'),
    });
    if (options.jobs ?? true) services.jobs.start();

    return {
      config,
      storage,
      services,
      http,
      profileId,
      profile,
      async close() {
        await services.jobs.stop();
        services.sharing.delivery.close();
        await services.exchange.close();
        await http.close();
        await audit.close();
        if (ownsStorage) await storage.close();
      },
    };
  } catch (error) {
    if (ownsStorage) await storage.close();
    throw error;
  }
}

/**
 * The profile this instance runs under: stored at the first start (from GOVSHARE_PROFILE, or
 * `national`), changed afterwards only by `govshare profile set` (audited). A GOVSHARE_PROFILE
 * naming another profile than the stored one is refused, not silently ignored.
 */
async function selectedProfile(settings: Settings, config: PlatformConfig): Promise<string> {
  const stored = await settings.get('profile');
  if (stored !== undefined) {
    if (config.profileRequested && config.profile !== stored)
      throw ProfileErrors.error('PROFILE_SELECTION_CHANGED', { stored, requested: config.profile });
    return stored;
  }
  loadProfile(config.profile); // an unknown or broken profile stops the first start before it is stored
  return settings.getOrInit('profile', () => config.profile);
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
