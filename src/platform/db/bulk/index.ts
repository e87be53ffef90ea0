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
  /**
   * Where the dialect can do it in the server: upserts `rows` (distinct keys)
   * into a keyed, sequenced table, skipping rows identical to the stored ones, numbering the
   * others from `afterSeq + 1` in row order and appending one entry per change to a log table.
   * Undefined where the caller must classify and write rows itself.
   */
  merge?(trx: Executor, spec: MergeSpec, rows: readonly MergeRow[]): Promise<MergeOutcome>;
}

/** A row to merge: its key and its values in `MergeSpec.columns` order. */
export interface MergeRow {
  key: string;
  values: readonly unknown[];
}

/** A keyed table whose every change is numbered and logged (hosted resources and their change log). */
export interface MergeSpec {
  table: string;
  key: string;
  /** The column holding the seq of a row's last change, and the one holding its time. */
  seqColumn: string;
  stampColumn: string;
  /** The value columns, in the order of each row's values after its key. */
  columns: readonly string[];
  afterSeq: number;
  stamp: string;
  log: {
    table: string;
    /** Columns of the log taking the change's seq, its kind (`insert` | `update`) and the row key. */
    seq: string;
    op: string;
    key: string;
    /** Columns of the log with the same value in every entry (resource, time, source). */
    constants: Readonly<Record<string, string>>;
  };
}

export interface MergeOutcome {
  /** Rows written (new or different), numbered `afterSeq + 1 …`. */
  applied: number;
  /** Of those, rows whose key was new. */
  inserted: number;
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
