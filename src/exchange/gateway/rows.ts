import { type RawBuilder, sql } from 'kysely';
import type { OpenedRead } from '../access.js';
import { decodeValue } from '../hosting/columns.js';
import { readSeals, sealedRecord } from '../hosting/sealing.js';
import type { HostedColumn, HostedResource, RecordValues, SealedRecord } from '../model.js';
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

/**
 * The seals of a page's rows (R106), each with the document it signs, for a reader who receives
 * every active item of the resource in clear: a seal proves the whole record, so a partial or
 * masked answer carries none (the reader asks for all items, under a grant of them in clear).
 */
export async function sealedRows(
  db: ExchangeDb,
  read: Pick<OpenedRead<HostedResource>, 'resource' | 'columns' | 'masked'>,
  rows: readonly StoredRow[],
): Promise<SealedRecord[]> {
  if (rows.length === 0 || read.masked.size > 0) return [];
  const active = read.resource.columns.filter((c) => c.active);
  const given = new Set(read.columns.map((c) => c.column));
  if (active.some((c) => !given.has(c.column))) return [];
  const seals = await readSeals(
    db,
    read.resource.id,
    rows.map((r) => String(r._key)),
  );
  const out: SealedRecord[] = [];
  for (const row of rows) {
    const key = String(row._key);
    const seal = seals.get(key);
    if (!seal) continue;
    const record: RecordValues = {};
    for (const c of active) record[c.item] = decodeValue(c, row[c.column]);
    out.push(sealedRecord(read.resource.entry.code, key, record, seal));
  }
  return out;
}
