import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DialectName } from '../../platform/db/index.js';
import { KEY_CHECK_SETTING } from '../master-key.js';
import { findPgTool, libpqConnection, runPgTool } from './pg-tools.js';

/** What the payload's own snapshot says: read inside the same snapshot, so it matches the payload. */
export interface Snapshot {
  dialect: DialectName;
  headSeq: number;
  headHash: string;
  hashAlgorithm: string;
  migrations: string[];
  /** The settings that tell whether a master key is this database's (see keyMatchesDatabase). */
  keySettings: Map<string, string>;
  pgSchema?: string;
  pgServerVersion?: string;
}

const KEY_SETTINGS = [KEY_CHECK_SETTING, 'audit.subject_key', 'audit.hash_algorithm'];

interface SnapshotReader {
  head(): Promise<{ seq: number; hash: string } | undefined>;
  migrations(): Promise<string[]>;
  setting(key: string): Promise<string | undefined>;
}

async function describe(dialect: DialectName, read: SnapshotReader): Promise<Snapshot> {
  const head = await read.head();
  const keySettings = new Map<string, string>();
  for (const key of KEY_SETTINGS) {
    const value = await read.setting(key);
    if (value !== undefined) keySettings.set(key, value);
  }
  return {
    dialect,
    headSeq: head?.seq ?? 0,
    headHash: head?.hash ?? '',
    hashAlgorithm: keySettings.get('audit.hash_algorithm') ?? 'sm3',
    migrations: await read.migrations(),
    keySettings,
  };
}

/**
 * A consistent copy of a live SQLite database by `VACUUM INTO` from a read-only connection of its
 * own: one read transaction, so the platform's writers go on (WAL) and the copy is one instant.
 * The backup API (`db.backup()`) restarts whenever another connection writes, so under steady
 * load it may never finish; VACUUM INTO does not restart, and also leaves free pages behind.
 */
export async function snapshotSqlite(databasePath: string, dest: string): Promise<Snapshot> {
  const source = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    source.prepare('VACUUM INTO ?').run(dest);
  } finally {
    source.close();
  }
  const copy = new SQLite(dest, { readonly: true, fileMustExist: true });
  try {
    return await describe('sqlite', {
      head: async () =>
        copy.prepare('select seq, hash from audit_head where id = 1').get() as
          | { seq: number; hash: string }
          | undefined,
      migrations: async () =>
        (copy.prepare('select name from govshare_migration order by name').all() as { name: string }[]).map(
          (r) => r.name,
        ),
      setting: async (key) =>
        (
          copy.prepare('select value from instance_setting where key = ?').get(key) as
            | { value: string }
            | undefined
        )?.value,
    });
  } finally {
    copy.close();
  }
}

export function quotePgPattern(schema: string): string {
  return `"${schema.replace(/"/g, '""')}"`;
}

/** The server's major version, for choosing a pg_dump/pg_restore that can talk to it. */
export async function pgServerMajor(client: pg.Client): Promise<{ major: number; version: string }> {
  const num = Number((await client.query('show server_version_num')).rows[0].server_version_num);
  const version = String((await client.query('show server_version')).rows[0].server_version);
  return { major: Math.floor(num / 10000), version };
}

/**
 * `pg_dump -Fc` of the platform's schema, taken in a snapshot this connection exports and holds
 * open: the head and migrations read here are exactly those in the dump, however busy the nodes.
 */
export async function snapshotPostgres(
  url: string,
  dest: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const server = await pgServerMajor(client);
    const dump = findPgTool('pg_dump', server.major, env);
    await client.query('begin isolation level repeatable read read only');
    const snapshotId = String((await client.query('select pg_export_snapshot() as id')).rows[0].id);
    const schema = String((await client.query('select current_schema() as s')).rows[0].s);
    const described = await describe('postgres', {
      head: async () => (await client.query('select seq, hash from audit_head where id = 1')).rows[0],
      migrations: async () =>
        (await client.query('select name from govshare_migration order by name')).rows.map((r) => r.name),
      setting: async (key) =>
        (await client.query('select value from instance_setting where key = $1', [key])).rows[0]?.value,
    });
    const conn = libpqConnection(url);
    await runPgTool(
      dump,
      [
        '--format=custom',
        `--schema=${quotePgPattern(schema)}`,
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshotId}`,
        `--file=${dest}`,
        `--dbname=${conn.dbname}`,
      ],
      { ...env, ...conn.env },
    );
    await client.query('commit');
    return { ...described, pgSchema: schema, pgServerVersion: server.version };
  } finally {
    await client.end();
  }
}
