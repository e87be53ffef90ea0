import Database from 'better-sqlite3';
import { quoteDouble as q } from '../sources/types.js';
import {
  CURSOR_TABLE,
  CursorMovedError,
  localType,
  prepareTable,
  type Sink,
  type SinkRow,
  type SinkTable,
  toLocal,
} from './types.js';

export class SqliteSink implements Sink {
  readonly type = 'sqlite' as const;
  readonly #db: Database.Database;

  /** `readonly`: for `agent check`, which must not create or change the file. */
  constructor(
    path: string,
    private readonly timezone: string,
    readonly = false,
  ) {
    this.#db = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
    if (!readonly) {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
    }
    this.#db.pragma('busy_timeout = 5000');
  }

  async columns(table: string): Promise<string[] | undefined> {
    const [schema, name] = table.includes('.') ? table.split('.') : ['main', table];
    const rows = this.#db.prepare('SELECT name FROM pragma_table_info(?, ?)').all(name, schema) as Array<{
      name: string;
    }>;
    return rows.length > 0 ? rows.map((r) => r.name) : undefined;
  }

  async prepare(t: SinkTable, create: boolean): Promise<string[]> {
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS ${CURSOR_TABLE} (mapping text PRIMARY KEY, last_seq integer NOT NULL, updated_at text NOT NULL)`,
    );
    return prepareTable(this, t, create, async () => {
      const columns = t.columns.map((c) => `, ${q(c.column)} ${localType(c.spec, 'sqlite')}`);
      this.#db.exec(
        `CREATE TABLE IF NOT EXISTS ${q(t.table)} (${q(t.keyColumn)} text PRIMARY KEY${columns.join('')})`,
      );
    });
  }

  async cursor(mapping: string): Promise<number | undefined> {
    const row = this.#db.prepare(`SELECT last_seq FROM ${CURSOR_TABLE} WHERE mapping = ?`).get(mapping) as
      | { last_seq: number }
      | undefined;
    return row?.last_seq;
  }

  async apply(t: SinkTable, rows: SinkRow[], fromSeq: number, lastSeq: number): Promise<void> {
    const names = [t.keyColumn, ...t.columns.map((c) => c.column)];
    const updates = names.slice(1).map((n) => `${q(n)} = excluded.${q(n)}`);
    const upsert = this.#db.prepare(
      `INSERT INTO ${q(t.table)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})
       ON CONFLICT (${q(t.keyColumn)}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    );
    const remove = this.#db.prepare(`DELETE FROM ${q(t.table)} WHERE ${q(t.keyColumn)} = ?`);
    this.#db
      .transaction(() => {
        const current = (
          this.#db.prepare(`SELECT last_seq FROM ${CURSOR_TABLE} WHERE mapping = ?`).get(t.mapping) as
            | { last_seq: number }
            | undefined
        )?.last_seq;
        if ((current ?? 0) !== fromSeq) throw new CursorMovedError(t.mapping, fromSeq, current);
        for (const row of rows) {
          if (row.values === null) remove.run(row.key);
          else
            upsert.run(
              row.key,
              ...t.columns.map((c, i) =>
                toLocal(c.spec, (row.values as unknown[])[i] as never, 'sqlite', this.timezone),
              ),
            );
        }
        this.#db
          .prepare(
            `INSERT INTO ${CURSOR_TABLE} (mapping, last_seq, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (mapping) DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at`,
          )
          .run(t.mapping, lastSeq, new Date().toISOString());
      })
      .immediate();
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
