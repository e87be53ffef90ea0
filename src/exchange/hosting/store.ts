import { type Kysely, sql } from 'kysely';
import type { DialectName, Executor } from '../../platform/db/index.js';
import type { HostedColumn, HostedResource } from '../model.js';
import type { ExchangeResourceTable, ExchangeTables } from '../schema.js';
import { sqlTypeOf } from './columns.js';
import type { HostingTables } from './schema.js';

export const tables = (executor: Executor): Kysely<ExchangeTables & HostingTables> =>
  executor as unknown as Kysely<ExchangeTables & HostingTables>;

export function toResource(row: ExchangeResourceTable): HostedResource {
  return {
    id: row.id,
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name, version: row.entry_version },
    provider: { departmentId: row.provider_department_id, jurisdictionPath: row.provider_jurisdiction_path },
    status: row.status,
    columns: JSON.parse(row.columns) as HostedColumn[],
    table: row.table_name,
    lastSeq: Number(row.last_seq),
    rowCount: Number(row.row_count),
    lastChangedAt: row.last_changed_at,
    createdAt: row.created_at,
  };
}

export async function resourceRow(
  executor: Executor,
  entryId: string,
): Promise<ExchangeResourceTable | undefined> {
  return tables(executor)
    .selectFrom('exchange_resource')
    .selectAll()
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
}

/**
 * Takes the resource's write lock and reads it: an UPDATE that changes nothing is the first write
 * of the transaction, so concurrent batches of one resource queue here (PostgreSQL row lock,
 * SQLite write lock) and number their changes in commit order.
 */
export async function lockResource(executor: Executor, resourceId: string): Promise<ExchangeResourceTable> {
  return tables(executor)
    .updateTable('exchange_resource')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', resourceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const column = (c: HostedColumn, dialect: DialectName) =>
  sql`${sql.id(c.column)} ${sql.raw(sqlTypeOf(c.dataType, dialect))}`;

/**
 * The hosted table of a resource: `_key` (canonical key), `_seq` (last change), `_updated_at`,
 * then one typed column per item, key items indexed. Names come from the resource id and the
 * column numbers we give, never from input.
 */
export async function createHostedTable(
  executor: Executor,
  dialect: DialectName,
  table: string,
  columns: readonly HostedColumn[],
): Promise<void> {
  const seqType = dialect === 'postgres' ? 'bigint' : 'integer';
  await sql`create table ${sql.id(table)} (
    _key text primary key,
    _seq ${sql.raw(seqType)} not null,
    _updated_at text not null,
    ${sql.join(columns.map((c) => column(c, dialect)))}
  )`.execute(executor);
  for (const c of columns) if (c.isKey) await indexColumn(executor, table, c);
}

async function indexColumn(executor: Executor, table: string, c: HostedColumn): Promise<void> {
  await sql`create index ${sql.id(`${table}_${c.column}`)} on ${sql.id(table)} (${sql.id(c.column)})`.execute(
    executor,
  );
}

/** Adds the columns a new catalog version brings; existing columns never change. */
export async function addHostedColumns(
  executor: Executor,
  dialect: DialectName,
  table: string,
  columns: readonly HostedColumn[],
): Promise<void> {
  for (const c of columns) {
    await sql`alter table ${sql.id(table)} add column ${column(c, dialect)}`.execute(executor);
    if (c.isKey) await indexColumn(executor, table, c);
  }
}
