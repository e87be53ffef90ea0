import { type Migration, Migrator, sql } from 'kysely';
import { CommonErrors } from '../errors/index.js';
import type { DialectName, Executor } from './index.js';

/**
 * A module's migrations. Names sort in the order they must run across all modules, so each
 * starts with a date and a sequence (`2026_11_21_001_org_init`).
 */
export type ModuleMigrations = Record<string, (dialect: DialectName) => Migration>;

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied in the database but unknown to this code: the database is newer. */
  unknown: string[];
}

const MIGRATION_TABLE = 'govshare_migration';
const LOCK_TABLE = 'govshare_migration_lock';

/**
 * On PostgreSQL the migration table lives in the connection's current schema; without naming it
 * Kysely would take a same-named table in any other schema for ours.
 */
async function migrator(db: Executor, dialect: DialectName, all: ModuleMigrations): Promise<Migrator> {
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: provider(all, dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: LOCK_TABLE,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function provider(all: ModuleMigrations, dialect: DialectName) {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(Object.entries(all).map(([name, make]) => [name, make(dialect)]));
    },
  };
}

export async function migrationStatus(
  db: Executor,
  dialect: DialectName,
  all: ModuleMigrations,
): Promise<MigrationStatus> {
  const infos = await (await migrator(db, dialect, all)).getMigrations();
  const known = new Set(Object.keys(all));
  let appliedNames: string[] = [];
  try {
    const rows = await sql<{
      name: string;
    }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
    appliedNames = rows.rows.map((r) => r.name);
  } catch {
    appliedNames = [];
  }
  return {
    applied: infos.filter((m) => m.executedAt).map((m) => m.name),
    pending: infos.filter((m) => !m.executedAt).map((m) => m.name),
    unknown: appliedNames.filter((n) => !known.has(n)),
  };
}

/** Brings the schema up to date; refuses a database that is newer than the code. */
export async function migrateToLatest(
  db: Executor,
  dialect: DialectName,
  all: ModuleMigrations,
): Promise<string[]> {
  const status = await migrationStatus(db, dialect, all);
  if (status.unknown.length > 0)
    throw CommonErrors.error('DB_NEWER_THAN_CODE', { migrations: status.unknown.join(', ') });
  const { error, results } = await (await migrator(db, dialect, all)).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
