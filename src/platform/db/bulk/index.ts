import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { type DialectName, type Executor, rawHandleOf } from '../index.js';
import { portableBulk } from './portable.js';
import { postgresBulk } from './postgres.js';
import { sqliteBulk } from './sqlite.js';

/**
 * Many-row reads and writes keyed by one text column, for tables whose layout is decided at run
 * time (hosted resources). Each dialect uses the fastest way it has (SQLite: cached prepared
 * multi-row statements on the connection; PostgreSQL: COPY and array parameters), behind this one
 * interface. Every method runs in the transaction `bulkTransaction` opened. Table and column
 * names must be names the caller generated, never input.
 */
export interface BulkWriter {
  /** The stored values of `columns` for the rows whose `keyColumn` is among `keys`. */
  fetch(
    trx: Executor,
    table: string,
    keyColumn: string,
    columns: readonly string[],
    keys: readonly string[],
  ): Promise<Map<string, unknown[]>>;
  /**
   * Inserts rows (values in `columns` order: text, numbers, booleans, null); with `conflictKey`,
   * a row whose key exists replaces the stored one.
   */
  insert(
    trx: Executor,
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    conflictKey?: string,
  ): Promise<void>;
  deleteKeys(trx: Executor, table: string, keyColumn: string, keys: readonly string[]): Promise<void>;
}

/**
 * Runs `work` in one transaction of `db`, handing it a bulk writer on that transaction's own
 * connection. Work does every query of the transaction through `trx` (Kysely) or `bulk`.
 *
 * @example await bulkTransaction(db, 'postgres', async (trx, bulk) => bulk.insert(trx, 'xr_1', ['_key'], [['a']]))
 */
export async function bulkTransaction<T>(
  db: Executor,
  dialect: DialectName,
  work: (trx: Executor, bulk: BulkWriter) => Promise<T>,
): Promise<T> {
  const raw = rawHandleOf(db);
  if (raw?.dialect === 'sqlite') {
    const bulk = sqliteBulk(raw.database);
    // One connection: Kysely's transaction and the raw statements share it.
    return db.transaction().execute((trx) => work(trx, bulk));
  }
  if (raw?.dialect === 'postgres') return onOwnClient(raw.pool, work);
  return db.transaction().execute((trx) => work(trx, portableBulk(dialect)));
}

/**
 * PostgreSQL: COPY needs the pg client itself, which Kysely keeps private; so the transaction
 * runs on a client taken from the pool, seen by Kysely as a pool of that one client.
 */
async function onOwnClient<T>(
  pool: pg.Pool,
  work: (trx: Executor, bulk: BulkWriter) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  const release = client.release.bind(client);
  let failure: Error | undefined;
  // Kysely releases its connection after the transaction; the client goes back to the pool below.
  client.release = () => {};
  const single = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: { connect: async () => client, end: async () => {} } as unknown as pg.Pool,
    }),
  });
  try {
    const bulk = postgresBulk(client);
    return await single.transaction().execute((trx) => work(trx, bulk));
  } catch (error) {
    // A connection that failed mid-protocol (not a plain SQL error) is not given back for reuse.
    if (!(error as { code?: string })?.code) failure = error as Error;
    throw error;
  } finally {
    await single.destroy();
    client.release = release;
    release(failure);
  }
}
