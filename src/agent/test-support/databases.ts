import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';

/**
 * Department databases for the agent's tests: a real PostgreSQL and a real MariaDB. A suite
 * skips one only when it is unreachable AND its variable is unset; CI sets
 * GOVSHARE_TEST_DATABASE_URL and GOVSHARE_TEST_MARIADB, and then an unreachable server fails.
 */
const PG_ENV = process.env.GOVSHARE_TEST_DATABASE_URL || undefined;
const MARIADB_ENV = process.env.GOVSHARE_TEST_MARIADB || undefined;
export const PG_URL = PG_ENV ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MARIADB_URL = MARIADB_ENV ?? 'mysql://root@127.0.0.1:3306';

async function reachable(check: () => Promise<void>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

const pgUp = await reachable(async () => {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  await client.end();
});
const mariadbUp = await reachable(async () => {
  const connection = await mysql.createConnection({ uri: MARIADB_URL, connectTimeout: 2000 });
  await connection.end();
});

/** Whether to run the PostgreSQL / MariaDB suites (true also when the variable is set: then a failure is real). */
export const WITH_PG = pgUp || PG_ENV !== undefined;
export const WITH_MARIADB = mariadbUp || MARIADB_ENV !== undefined;

let counter = 0;
const scratchName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;

export interface Scratch {
  /** URL of the scratch database (MariaDB) or of the server with the schema on the search path (PostgreSQL). */
  url: string;
  /** Runs SQL in the scratch database. */
  exec(sql: string, values?: unknown[]): Promise<unknown[]>;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL schema, first on the search path of `url`. */
export async function scratchPostgres(): Promise<Scratch & { schema: string }> {
  const schema = scratchName('agent');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    schema,
    url: url.toString(),
    async exec(sql, values = []) {
      return (await pool.query(sql, values)).rows;
    },
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** A fresh MariaDB database. */
export async function scratchMariadb(): Promise<Scratch & { database: string }> {
  const database = scratchName('gs_agent');
  const admin = await mysql.createConnection({ uri: MARIADB_URL });
  await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = `${MARIADB_URL.replace(/\/$/, '')}/${database}`;
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: 2,
    charset: 'utf8mb4_unicode_ci',
    dateStrings: true,
  });
  return {
    database,
    url,
    async exec(sql, values = []) {
      const [rows] = await pool.query(sql, values);
      return Array.isArray(rows) ? rows : [];
    },
    async drop() {
      await pool.end();
      const connection = await mysql.createConnection({ uri: MARIADB_URL });
      await connection.query(`DROP DATABASE IF EXISTS ${database}`);
      await connection.end();
    },
  };
}

/** A temp directory removed by `drop`. */
export function scratchDir(): { dir: string; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'govshare-agent-'));
  return { dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
}
