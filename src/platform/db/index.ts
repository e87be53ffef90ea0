import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Dialect as KyselyDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { PlatformPostgresDialect } from './pg-introspector.js';

export { type CounterTables, counterMigrations, nextCaseNumber, nextNumber } from './counters.js';
export { newId } from './ids.js';
export { checkIntegrity } from './integrity.js';
export { escapeLike } from './like.js';
export { lockRow, transactionLock } from './lock.js';
export { type ModuleMigrations, migrateToLatest, migrationStatus } from './migrations.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StorageOptions {
  /** PostgreSQL URL; when absent the embedded SQLite file at `sqlitePath` is used. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema to work in (created if missing); tests use one schema each. */
  pgSchema?: string;
  pgPoolSize?: number;
}

/** An open database: the Kysely handle typed by the caller, and which dialect is underneath. */
export interface Storage<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

/**
 * Where an opened database lives, for work that needs connections of its own in worker threads
 * (audit chain verification). Absent for in-memory SQLite.
 */
export type StorageLocation =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; url: string; schema?: string | undefined };

const locations = new WeakMap<object, StorageLocation>();

/** The location of a handle returned by `openStorage` (not of a transaction), if it has one. */
export function storageLocationOf(db: Executor): StorageLocation | undefined {
  return locations.get(db);
}

/** The driver underneath a handle, for the bulk path (`db/bulk`) and nothing else. */
export type RawHandle =
  | { dialect: 'sqlite'; database: SQLite.Database }
  | { dialect: 'postgres'; pool: pg.Pool };

const rawHandles = new WeakMap<object, RawHandle>();

/** The driver of a handle returned by `openStorage` (not of a transaction). */
export function rawHandleOf(db: Executor): RawHandle | undefined {
  return rawHandles.get(db);
}

// PostgreSQL returns BIGINT/NUMERIC as strings by default; counts and sequence numbers we keep
// below 2^53, so parse int8 to number. Timestamps are stored as ISO text on both dialects.
pg.types.setTypeParser(20, (v) => Number(v));
// A DATE column (hosted resources' date items) stays the calendar date it is, never a local midnight.
pg.types.setTypeParser(1082, (v) => v);

export async function openStorage<DB>(options: StorageOptions): Promise<Storage<DB>> {
  if (options.databaseUrl) return openPostgres<DB>(options.databaseUrl, options);
  const path = options.sqlitePath ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL with synchronous=FULL: a commit is on disk (fsync of the WAL) before it is acknowledged.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Search and reports read tens of thousands of rows per query: a 64 MiB page cache (default
  // 2 MiB) keeps the catalog's search tables in memory, and sorts stay off temp files.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const dialect: KyselyDialect = new SqliteDialect({ database: withStatementCache(sqlite) });
  const db = new Kysely<DB>({ dialect });
  if (path !== ':memory:') locations.set(db, { dialect: 'sqlite', path });
  rawHandles.set(db, { dialect: 'sqlite', database: sqlite });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Statements kept prepared per SQLite database; enough for every query shape the platform runs. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query anew, which on the exchange's hot path costs as much as running it.
 * Prepared statements are kept by their SQL (least recently used dropped first); a statement still
 * iterating a stream is busy, and then a fresh one is prepared beside it. SQLite re-prepares a kept
 * statement itself when the schema changes (a hosted table gaining a column).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const hit = kept.get(sql);
      if (hit && !hit.busy) {
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql);
      if (!hit) {
        kept.set(sql, statement);
        if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
      }
      return statement;
    },
  };
}

async function openPostgres<DB>(url: string, options: StorageOptions): Promise<Storage<DB>> {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PlatformPostgresDialect({ pool }) });
  locations.set(db, { dialect: 'postgres', url, schema });
  rawHandles.set(db, { dialect: 'postgres', pool });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Creates the directory for a SQLite file (no-op for PostgreSQL). */
export function sqlitePathIn(dataDir: string): string {
  return `${dataDir}/govshare.db`;
}

/**
 * Views a database handle as one holding only the given module's tables. Kysely's handle type is
 * invariant in its schema, so the composition root hands each module the narrow view it owns.
 */
export function tablesOf<T>(db: Executor): Kysely<T> {
  return db as unknown as Kysely<T>;
}

/**
 * Any open database handle or transaction, whatever module's tables it is typed with. Only for a
 * function that joins ANOTHER module's transaction (the audit trail's `record`, sessions,
 * `DeadlineService.set`, `lockRow`, the counters, the full-text adapter) or a tool that reads the
 * whole database. A service's own handle is `Kysely<ItsModuleTables>`, the view the composition
 * root hands it with `tablesOf`; transactions it opens are typed by it.
 */
// biome-ignore lint/suspicious/noExplicitAny: Kysely handles are invariant in their schema.
export type Executor = Kysely<any>;
