import type mysql from 'mysql2/promise';
import { mysqlPool } from '../sources/mysql.js';
import { quoteBacktick as q } from '../sources/types.js';
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

export class MysqlSink implements Sink {
  readonly type = 'mysql' as const;
  readonly #pool: mysql.Pool;

  constructor(
    url: string,
    private readonly timezone: string,
  ) {
    this.#pool = mysqlPool(url, timezone);
  }

  async columns(table: string): Promise<string[] | undefined> {
    const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
    const [rows] = await this.#pool.query(
      `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_NAME = ? AND TABLE_SCHEMA = COALESCE(?, DATABASE())`,
      [name, schema ?? null],
    );
    const list = (rows as Array<{ name: string }>).map((r) => r.name);
    return list.length > 0 ? list : undefined;
  }

  async prepare(t: SinkTable, create: boolean): Promise<string[]> {
    await this.#pool.query(
      `CREATE TABLE IF NOT EXISTS ${CURSOR_TABLE} (mapping varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY,
        last_seq bigint NOT NULL, updated_at varchar(40) NOT NULL) CHARACTER SET utf8mb4`,
    );
    return prepareTable(this, t, create, async () => {
      const columns = t.columns.map((c) => `, ${q(c.column)} ${localType(c.spec, 'mysql')}`);
      await this.#pool.query(
        `CREATE TABLE IF NOT EXISTS ${q(t.table)} (${q(t.keyColumn)} varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY${columns.join('')})
         CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    });
  }

  async cursor(mapping: string): Promise<number | undefined> {
    const [rows] = await this.#pool.query(`SELECT last_seq FROM ${CURSOR_TABLE} WHERE mapping = ?`, [
      mapping,
    ]);
    const row = (rows as Array<{ last_seq: string | number }>)[0];
    return row ? Number(row.last_seq) : undefined;
  }

  async apply(t: SinkTable, rows: SinkRow[], fromSeq: number, lastSeq: number): Promise<void> {
    const connection = await this.#pool.getConnection();
    try {
      await connection.beginTransaction();
      const [found] = await connection.query(
        `SELECT last_seq FROM ${CURSOR_TABLE} WHERE mapping = ? FOR UPDATE`,
        [t.mapping],
      );
      const row = (found as Array<{ last_seq: string | number }>)[0];
      const current = row ? Number(row.last_seq) : undefined;
      if ((current ?? 0) !== fromSeq) throw new CursorMovedError(t.mapping, fromSeq, current);
      const upserts = rows.filter((r) => r.values !== null);
      const deletes = rows.filter((r) => r.values === null).map((r) => r.key);
      if (deletes.length > 0)
        await connection.query(`DELETE FROM ${q(t.table)} WHERE ${q(t.keyColumn)} IN (?)`, [deletes]);
      if (upserts.length > 0) {
        const names = [t.keyColumn, ...t.columns.map((c) => c.column)];
        const values = upserts.map((r) => [
          r.key,
          ...t.columns.map((c, i) =>
            toLocal(c.spec, (r.values as unknown[])[i] as never, 'mysql', this.timezone),
          ),
        ]);
        const updates = names.slice(1).map((n) => `${q(n)} = VALUES(${q(n)})`);
        await connection.query(
          `INSERT INTO ${q(t.table)} (${names.map(q).join(', ')}) VALUES ?
           ON DUPLICATE KEY UPDATE ${updates.length > 0 ? updates.join(', ') : `${q(t.keyColumn)} = ${q(t.keyColumn)}`}`,
          [values],
        );
      }
      await connection.query(
        `INSERT INTO ${CURSOR_TABLE} (mapping, last_seq, updated_at) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE last_seq = VALUES(last_seq), updated_at = VALUES(updated_at)`,
        [t.mapping, lastSeq, new Date().toISOString()],
      );
      await connection.commit();
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
