import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyServerOptions } from 'fastify';
import { type AuditTables, AuditTrail } from '../audit/index.js';
import { ApiClientService } from '../org/api-clients.js';
import { registerAuthentication } from '../org/auth/hook.js';
import { oidcRoutes } from '../org/auth/oidc.js';
import { AuthService } from '../org/auth/service.js';
import { SessionStore } from '../org/auth/sessions.js';
import { DepartmentService } from '../org/departments.js';
import { JurisdictionService } from '../org/jurisdictions.js';
import { authRoutes } from '../org/routes/auth.js';
import { orgRoutes } from '../org/routes/org.js';
import { userRoutes } from '../org/routes/users.js';
import type { OrgTables } from '../org/schema.js';
import { UserService } from '../org/users.js';
import {
  type CalendarService,
  type CalendarTables,
  createCalendarServices,
  type DeadlineService,
} from '../platform/calendar/index.js';
import { type Clock, systemClock } from '../platform/clock/index.js';
import { ensureDataDir, type PlatformConfig } from '../platform/config/index.js';
import { SecretBox } from '../platform/crypto/index.js';
import { openStorage, type Storage, sqlitePathIn, tablesOf } from '../platform/db/index.js';
import { migrateToLatest } from '../platform/db/migrations.js';
import { AppError } from '../platform/errors/index.js';
import { sendError } from '../platform/http/errors.js';
import { createHttpServer, type HttpServer } from '../platform/http/index.js';
import { Settings } from '../platform/settings/index.js';
import { allMigrations, type Database } from './database.js';
import { healthRoutes } from './health.js';
import { loadMasterKey } from './master-key.js';
import { calendarRoutes } from './routes/calendar.js';
import { profileRoutes } from './routes/profile.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

export interface PlatformOptions {
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Directory of the built portal; defaults to web/dist of the package. */
  webDist?: string;
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
}

export interface Platform {
  config: PlatformConfig;
  storage: Storage<Database>;
  services: Services;
  http: HttpServer;
  /** The policy profile this instance was created with. */
  profileId: string;
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
    const orgDb = tablesOf<OrgTables & AuditTables>(db);
    const box = new SecretBox(loadMasterKey(config.dataDir), config.cryptoSuite);
    const settings = new Settings(tablesOf(db));
    const profileId = await settings.getOrInit('profile', () => config.profile);
    const audit = new AuditTrail(clock);
    const sessions = new SessionStore(tablesOf(db), clock, config.session, config.cryptoSuite);
    const { calendar, deadlines } = createCalendarServices({
      storage: { db: tablesOf<CalendarTables>(db) },
      clock,
    });
    const services: Services = {
      calendar,
      deadlines,
      settings,
      audit,
      sessions,
      jurisdictions: new JurisdictionService(orgDb, audit, clock),
      departments: new DepartmentService(orgDb, audit, clock),
      users: new UserService(orgDb, audit, clock),
      auth: new AuthService(orgDb, sessions, audit, clock, box, config.login),
      apiClients: new ApiClientService(orgDb, audit, clock, settings, box, {
        issuer: config.publicUrl,
        ttlSeconds: config.apiToken.ttlSeconds,
      }),
    };

    const http = await createHttpServer({
      bodyLimitBytes: config.bodyLimitBytes,
      logger: options.logger ?? false,
      version: VERSION,
    });
    registerAuthentication(http, services);
    await http.register(
      healthRoutes({ db, dialect: storage.dialect, migrations: allMigrations, version: VERSION }),
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
    await http.register(calendarRoutes({ calendar, clock, audit }));
    await http.register(profileRoutes({ profileId }));
    await servePortal(http, options.webDist ?? join(PACKAGE_ROOT, 'web/dist'));

    return {
      config,
      storage,
      services,
      http,
      profileId,
      async close() {
        await http.close();
        if (ownsStorage) await storage.close();
      },
    };
  } catch (error) {
    if (ownsStorage) await storage.close();
    throw error;
  }
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
    return sendError(new AppError('NOT_FOUND', { path }), request, reply);
  });
}
