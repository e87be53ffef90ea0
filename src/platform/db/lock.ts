import { sql } from 'kysely';
import type { DialectName, Executor } from './index.js';

/**
 * Tries to take a transaction-scoped lock named `name`, without waiting; answers whether it was
 * taken. PostgreSQL: an advisory lock keyed by the schema and the name (so test schemas in one
 * database do not contend), released at commit or rollback — also when the node dies. SQLite:
 * always true, the database has one writer and the caller's transaction already excludes others.
 */
export async function tryTransactionLock(
  trx: Executor,
  dialect: DialectName,
  name: string,
): Promise<boolean> {
  if (dialect !== 'postgres') return true;
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtext(current_schema() || '.govshare.' || ${name})) as locked`.execute(
    trx,
  );
  return result.rows[0]?.locked === true;
}

/**
 * Takes a transaction-scoped lock named `name`, waiting for whoever holds it: work that replaces a
 * set of rows (a day's figures) done twice at once runs one after the other instead of colliding.
 * PostgreSQL: an advisory lock keyed by the schema and the name, released at commit or rollback.
 * SQLite: nothing to do, the caller's transaction already excludes every other writer.
 */
export async function transactionLock(trx: Executor, dialect: DialectName, name: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.govshare.' || ${name}))`.execute(trx);
}

/**
 * Reads one row by id for a step that will change it, holding it until the transaction ends:
 * `SELECT … FOR UPDATE` on PostgreSQL, where concurrent steps on one case must queue; on SQLite
 * the caller's transaction already excludes every other writer. `undefined` when there is no
 * such row; a lost connection or a lock timeout is thrown as it is, never taken for "not found".
 */
export async function lockRow<Row>(
  trx: Executor,
  dialect: DialectName,
  table: string,
  id: string,
): Promise<Row | undefined> {
  let query = trx.selectFrom(table).selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) as Row | undefined;
}
