import Database from 'better-sqlite3';
import { type Page, type PageQuery, pageSql, positionOf, quoteDouble, type Source } from './types.js';

/** A department's SQLite file, opened read-only; integers read exactly (as BigInt when large). */
export class SqliteSource implements Source {
  readonly type = 'sqlite' as const;
  readonly #db: Database.Database;

  constructor(path: string) {
    this.#db = new Database(path, { readonly: true, fileMustExist: true });
    this.#db.pragma('busy_timeout = 5000');
  }

  async columns(table: string): Promise<string[] | undefined> {
    const [schema, name] = table.includes('.') ? table.split('.') : ['main', table];
    const rows = this.#db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(name, schema) as Array<{
      name: string;
    }>;
    return rows.length > 0 ? rows.map((r) => r.name) : undefined;
  }

  async page(query: PageQuery): Promise<Page> {
    const { text, values } = pageSql(query, quoteDouble, () => '?');
    const rows = this.#db
      .prepare(text)
      .raw(true)
      .safeIntegers(true)
      .all(...values) as unknown[][];
    const last = rows.at(-1);
    return { rows, next: last ? positionOf(last, query.columns, query.order) : undefined };
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
