import mysql from 'mysql2/promise';
import { type Page, type PageQuery, pageSql, positionOf, quoteBacktick, type Source } from './types.js';

/**
 * A MySQL / MariaDB pool reading dates, decimals and big integers as text, in utf8mb4 (Chinese
 * text and emoji), with the session time zone set to the configured offset so that TIMESTAMP
 * columns read as the department's local time.
 */
export function mysqlPool(url: string, timezone: string, connectionLimit = 2): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    charset: 'utf8mb4_bin',
    connectTimeout: 10_000,
    enableKeepAlive: true,
  });
  // Each new connection gets the session time zone before its first query (queries queue in order).
  const zone = timezone.replace(/[^0-9:+-]/g, '');
  (pool as unknown as { on(e: 'connection', f: (c: { query(sql: string): unknown }) => void): void }).on(
    'connection',
    (connection) => connection.query(`SET time_zone = '${zone}'`),
  );
  return pool;
}

export class MysqlSource implements Source {
  readonly type = 'mysql' as const;
  readonly #pool: mysql.Pool;

  constructor(url: string, timezone: string) {
    this.#pool = mysqlPool(url, timezone);
  }

  async columns(table: string): Promise<string[] | undefined> {
    const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
    const [rows] = await this.#pool.query(
      `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
        WHERE TABLE_NAME = ? AND TABLE_SCHEMA = COALESCE(?, DATABASE())
        ORDER BY ORDINAL_POSITION`,
      [name, schema ?? null],
    );
    const list = (rows as Array<{ name: string }>).map((r) => r.name);
    return list.length > 0 ? list : undefined;
  }

  async page(query: PageQuery): Promise<Page> {
    const { text, values } = pageSql(query, quoteBacktick, () => '?');
    const [rows] = await this.#pool.query({ sql: text, values, rowsAsArray: true });
    const list = rows as unknown[][];
    const last = list.at(-1);
    return { rows: list, next: last ? positionOf(last, query.columns, query.order) : undefined };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
