import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { allMigrations, type Database } from '../../app/database.js';
import { createPlatform } from '../../app/index.js';
import { loadConfig } from '../config/index.js';
import { AppError } from '../errors/index.js';
import { openStorage } from './index.js';
import { migrateToLatest, migrationStatus } from './migrations.js';
import { DIALECTS, openTestStorage, TEST_PG_URL, type TestStorage } from './test-support/index.js';

describe.each(DIALECTS)('schema migrations and durable storage on %s', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const freshStorage = async () => {
    const storage = await openTestStorage<Database>(dialect);
    cleanups.push(() => storage.dispose());
    return storage;
  };
  const freshConfig = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'govshare-migrations-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    return loadConfig({}, { dataDir, port: 0 });
  };
  const reopen = (storage: TestStorage<Database>) =>
    storage.sqlitePath
      ? openStorage<Database>({ sqlitePath: storage.sqlitePath })
      : openStorage<Database>({
          databaseUrl: TEST_PG_URL,
          pgSchema: storage.pgSchema as string,
          pgPoolSize: 2,
        });

  it('applies every migration to an empty database, and none on a second run', async () => {
    const storage = await freshStorage();
    const first = await migrateToLatest(storage.db, dialect, allMigrations);
    expect(first).toEqual(Object.keys(allMigrations).sort());
    expect(await migrateToLatest(storage.db, dialect, allMigrations)).toEqual([]);
    const status = await migrationStatus(storage.db, dialect, allMigrations);
    expect(status).toEqual({ applied: first, pending: [], unknown: [] });
  });

  it('refuses to start on a database newer than the code (DB_NEWER_THAN_CODE)', async () => {
    const storage = await freshStorage();
    await migrateToLatest(storage.db, dialect, allMigrations);
    await sql`insert into govshare_migration (name, timestamp) values (${'2099_01_01_000_future'}, ${new Date().toISOString()})`.execute(
      storage.db,
    );
    const refused = await createPlatform(freshConfig(), { storage }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('DB_NEWER_THAN_CODE');
    expect((refused as AppError).message).toContain('2099_01_01_000_future');
  });

  it('answers /api/ready with 503 while a migration is pending', async () => {
    const storage = await freshStorage();
    const platform = await createPlatform(freshConfig(), { storage });
    cleanups.push(() => platform.close());
    const ready = await platform.http.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      dialect,
      migrations: Object.keys(allMigrations).length,
    });
    const last = Object.keys(allMigrations).sort().at(-1) as string;
    await sql`delete from govshare_migration where name = ${last}`.execute(storage.db);
    const pending = await platform.http.inject({ method: 'GET', url: '/api/ready' });
    expect(pending.statusCode).toBe(503);
    expect(pending.json()).toMatchObject({ status: 'not_ready' });
    expect(pending.json().reason).toContain(last);
  });

  // The pragma check is SQLite's own; it is registered only where it applies, not skipped.
  if (dialect === 'sqlite') {
    it('opens SQLite in WAL mode with synchronous=FULL and foreign keys on', async () => {
      const storage = await freshStorage();
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`PRAGMA ${name}`).execute(storage.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2); // 2 = FULL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('cache_size')).toBe(-65536);
      expect(await pragma('temp_store')).toBe(2); // 2 = MEMORY
    });
  }

  it('keeps a committed write across closing and reopening the database', async () => {
    const storage = await freshStorage();
    await migrateToLatest(storage.db, dialect, allMigrations);
    const row = {
      id: 'durable-1',
      code: '990100',
      name: '示范市',
      level: 'city' as const,
      parent_id: null,
      path: '/990100/',
      created_at: new Date().toISOString(),
    };
    await storage.db.transaction().execute((trx) => trx.insertInto('jurisdiction').values(row).execute());
    await storage.close();
    const reopened = await reopen(storage);
    try {
      const read = await reopened.db
        .selectFrom('jurisdiction')
        .selectAll()
        .where('id', '=', 'durable-1')
        .executeTakeFirst();
      expect(read).toEqual(row);
      expect((await migrationStatus(reopened.db, dialect, allMigrations)).pending).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
