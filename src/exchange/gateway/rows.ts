import { type RawBuilder, sql } from 'kysely';
import type { HostedColumn, HostedResource } from '../model.js';
import type { ExchangeDb } from '../schema.js';

/** A value as a hosted table stores it (see `encodeValue`). */
export type StoredValue = string | number | boolean | null;

/** A stored row: `_key` and the read's columns (`c1…cN`). */
export type StoredRow = { _key: string } & Record<string, unknown>;

/** Which rows of a hosted table a read selects, always in `_key` order. */
export interface RowSelection {
  /** Canonical keys. */
  keys?: readonly string[] | undefined;
  /** Equality on key columns (indexed): the column name we gave, never an input. */
  filter?: readonly { column: string; value: StoredValue }[] | undefined;
  /** Keyset position: rows whose key sorts after it. */
  after?: string | undefined;
  limit: number;
}

/**
 * Reads rows of a hosted table in key order: one keyset page of a query or a download batch.
 * The table and column names are ours (`xr_<id>`, `cN`); every value is a bound parameter.
 */
export async function selectRows(
  db: ExchangeDb,
  resource: Pick<HostedResource, 'table'>,
  columns: readonly HostedColumn[],
  selection: RowSelection,
): Promise<StoredRow[]> {
  const conditions: RawBuilder<unknown>[] = [];
  if (selection.keys) conditions.push(sql`_key in (${sql.join(selection.keys)})`);
  for (const { column, value } of selection.filter ?? []) conditions.push(sql`${sql.id(column)} = ${value}`);
  if (selection.after !== undefined) conditions.push(sql`_key > ${selection.after}`);
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const selected = sql.join([sql.id('_key'), ...columns.map((c) => sql.id(c.column))]);
  const result = await sql<StoredRow>`select ${selected} from ${sql.id(resource.table)} ${where}
    order by _key limit ${selection.limit}`.execute(db);
  return result.rows;
}
