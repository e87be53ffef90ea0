import pg from 'pg';
import { type Page, type PageQuery, pageSql, positionOf, quoteDouble, type Source } from './types.js';

/**
 * Types read as the server's text: times keep their microseconds and offset (a cursor compared
 * back must be exact), numerics and bigints every digit.
 */
const AS_TEXT = new Set([
  20, // int8
  1700, // numeric
  1082, // date
  1083, // time
  1114, // timestamp
  1184, // timestamptz
  1266, // timetz
  1186, // interval
]);

export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (AS_TEXT.has(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** A pool whose connections read dates and numbers as text; idle-connection errors are only reported. */
export function pgPool(url: string, max = 2, onError?: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: pgTypes,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'govshare-agent',
  });
  pool.on('error', (error) => onError?.(error));
  return pool;
}

export class PostgresSource implements Source {
  readonly type = 'postgres' as const;
  readonly #pool: pg.Pool;

  constructor(url: string, onError?: (error: Error) => void) {
    this.#pool = pgPool(url, 2, onError);
  }

  async columns(table: string): Promise<string[] | undefined> {
    const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
    const result = await this.#pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema())
        ORDER BY ordinal_position`,
      [name, schema ?? null],
    );
    return result.rows.length > 0 ? result.rows.map((r) => r.column_name) : undefined;
  }

  async page(query: PageQuery): Promise<Page> {
    const { text, values } = pageSql(query, quoteDouble, (i) => `$${i}`);
    const result = await this.#pool.query({ text, values, rowMode: 'array' });
    const rows = result.rows as unknown[][];
    const last = rows.at(-1);
    return { rows, next: last ? positionOf(last, query.columns, query.order) : undefined };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
