import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DialectName, openStorage, type Storage } from '../index.js';

/**
 * The storage suite runs on every dialect available: SQLite always, PostgreSQL when
 * GOVSHARE_TEST_DATABASE_URL is set (CI sets it). Use with `describe.each(DIALECTS)`.
 */
export const TEST_PG_URL = process.env.GOVSHARE_TEST_DATABASE_URL || undefined;
export const DIALECTS: DialectName[] = TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStorage<DB> extends Storage<DB> {
  /** SQLite file path, for tests that reopen the same database. */
  sqlitePath?: string;
  pgSchema?: string;
  /** Closes and removes everything the test created. */
  dispose(): Promise<void>;
}

let counter = 0;

/** A fresh, empty database of the given dialect: a temp SQLite file or a new PostgreSQL schema. */
export async function openTestStorage<DB>(dialect: DialectName): Promise<TestStorage<DB>> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-test-'));
    const sqlitePath = join(dir, 'test.db');
    const storage = await openStorage<DB>({ sqlitePath });
    return {
      ...storage,
      sqlitePath,
      async dispose() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_PG_URL) throw new Error('GOVSHARE_TEST_DATABASE_URL is not set');
  const pgSchema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const storage = await openStorage<DB>({ databaseUrl: TEST_PG_URL, pgSchema, pgPoolSize: 4 });
  return {
    ...storage,
    pgSchema,
    async dispose() {
      await storage.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
