import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import { type Clock, systemClock } from '../platform/clock/index.js';
import { ensureDataDir, type PlatformConfig } from '../platform/config/index.js';
import { migrateToLatest, openStorage, type Storage, sqlitePathIn } from '../platform/db/index.js';
import type { HttpServer } from '../platform/http/index.js';
import { createLogger } from '../platform/log/index.js';
import type { Profile } from '../platform/profiles/index.js';
import { allMigrations, type Database } from './database.js';
import { startJobs } from './jobs.js';
import { registerRoutes } from './routes/index.js';
import { buildServices, type Services } from './services.js';

export { BackupErrors, backupExitKind, createBackup, readPassphrase, restoreBackup } from './backup/index.js';
export { bootstrapIfEmpty, bootstrapOptionsFrom } from './bootstrap.js';
export { allMigrations } from './database.js';
export { loadDemo } from './demo/index.js';
export type { Services } from './services.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

export interface PlatformOptions {
  clock?: Clock;
  /** Settings of the platform's one logger (requests and services); off when absent. */
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

/**
 * The composition root: one logger, storage, then the three steps: every service
 * (`buildServices`), the HTTP routes over them (`registerRoutes`) and the background jobs
 * (`startJobs`). Services and Fastify's request log write through the same logger.
 */
export async function createPlatform(
  config: PlatformConfig,
  options: PlatformOptions = {},
): Promise<Platform> {
  const log = createLogger(options.logger);
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? (await openPlatformStorage(config));
  const ownsStorage = !options.storage;
  try {
    ensureDataDir(config);
    await migrateToLatest(storage.db, storage.dialect, allMigrations);
    const built = await buildServices({ config, storage, clock, log });
    const http = await registerRoutes(built, {
      log,
      version: VERSION,
      webDist: options.webDist ?? join(PACKAGE_ROOT, 'web/dist'),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
    startJobs(built, { start: options.jobs ?? true });
    const { services, profileId, profile } = built;
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
        await services.audit.close();
        if (ownsStorage) await storage.close();
      },
    };
  } catch (error) {
    if (ownsStorage) await storage.close();
    throw error;
  }
}
