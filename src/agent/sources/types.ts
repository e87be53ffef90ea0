import type { DatabaseType } from '../config/model.js';

/** Where a page ends: the keyset values of its last row, or a CSV file's row offset. JSON-safe. */
export type Position = ReadonlyArray<string | number | boolean | null>;

export interface PageQuery {
  table: string;
  /** Columns to return, in this order. */
  columns: readonly string[];
  /**
   * Keyset order: an updated-at column then the key columns, or only the key columns. Rows come
   * in this order and `after` resumes behind the last one read; rows with a NULL in the first
   * order column are left out (they have no place in the order).
   */
  order: readonly string[];
  after?: Position | undefined;
  limit: number;
}

export interface Page {
  /** Each row's values in the order of `columns`. */
  rows: unknown[][];
  /** Where to resume after this page; undefined when the page is empty. */
  next: Position | undefined;
}

/**
 * A department database as the agent reads it: bounded pages in a stable order, never a whole
 * table at once, so memory stays the same whatever the table's size.
 */
export interface Source {
  readonly type: DatabaseType;
  /** The table's columns, or undefined when there is no such table. */
  columns(table: string): Promise<string[] | undefined>;
  page(query: PageQuery): Promise<Page>;
  close(): Promise<void>;
}

/** Double-quote quoting (PostgreSQL, SQLite) of a possibly schema-qualified name from the configuration. */
export function quoteDouble(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

export function quoteBacktick(name: string): string {
  return name
    .split('.')
    .map((part) => `\`${part.replaceAll('`', '``')}\``)
    .join('.');
}

/**
 * The keyset condition "row after `after` in `order`", expanded for indexes that do not use row
 * value comparisons: `a >= ? AND (a > ? OR (a = ? AND b > ?))`. `param` makes a placeholder.
 */
export function keysetWhere(
  order: readonly string[],
  after: Position,
  quote: (name: string) => string,
  param: (value: unknown) => string,
): string {
  const cols = order.map(quote);
  // Placeholders are numbered in the order they are made: make them in text order.
  const lead = `${cols[0]} >= ${param(after[0])}`;
  const terms: string[] = [];
  for (let i = 0; i < cols.length; i++) {
    const equal = cols.slice(0, i).map((c, j) => `${c} = ${param(after[j])}`);
    terms.push(`(${[...equal, `${cols[i]} > ${param(after[i])}`].join(' AND ')})`);
  }
  return `${lead} AND (${terms.join(' OR ')})`;
}

/** The SELECT of one keyset page, shared by the SQL sources. */
export function pageSql(
  query: PageQuery,
  quote: (name: string) => string,
  placeholder: (index: number) => string,
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return placeholder(values.length);
  };
  const where = [`${quote(query.order[0] as string)} IS NOT NULL`];
  if (query.after) where.push(keysetWhere(query.order, query.after, quote, param));
  const text = `SELECT ${query.columns.map(quote).join(', ')} FROM ${quoteTable(query.table, quote)} WHERE ${where.join(' AND ')} ORDER BY ${query.order.map(quote).join(', ')} LIMIT ${Math.floor(query.limit)}`;
  return { text, values };
}

function quoteTable(table: string, quote: (name: string) => string): string {
  return table
    .split('.')
    .map((part) => quote(part))
    .join('.');
}

/** The position after a row: its values in the order columns, as JSON-safe text or numbers. */
export function positionOf(
  row: readonly unknown[],
  columns: readonly string[],
  order: readonly string[],
): Position {
  return order.map((name) => {
    const value = row[columns.indexOf(name)];
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Date) return value.toISOString();
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    return String(value);
  });
}
