import type pg from 'pg';
import { pgPool } from '../sources/postgres.js';
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

export class PostgresSink implements Sink {
  readonly type = 'postgres' as const;
  readonly #pool: pg.Pool;

  constructor(
    url: string,
    private readonly timezone: string,
    onError?: (error: Error) => void,
  ) {
    this.#pool = pgPool(url, 2, onError);
  }

  async columns(table: string): Promise<string[] | undefined> {
    const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
    const result = await this.#pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema())`,
      [name, schema ?? null],
    );
    return result.rows.length > 0 ? result.rows.map((r) => r.column_name) : undefined;
  }

  async prepare(t: SinkTable, create: boolean): Promise<string[]> {
    await this.#pool.query(
      `CREATE TABLE IF NOT EXISTS ${CURSOR_TABLE} (mapping varchar(100) PRIMARY KEY, last_seq bigint NOT NULL, updated_at varchar(40) NOT NULL)`,
    );
    return prepareTable(this, t, create, async () => {
      const columns = t.columns.map((c) => `${q(c.column)} ${localType(c.spec, 'postgres')}`);
      await this.#pool.query(
        `CREATE TABLE IF NOT EXISTS ${q(t.table)} (${q(t.keyColumn)} text PRIMARY KEY${columns.map((c) => `, ${c}`).join('')})`,
      );
    });
  }

  async cursor(mapping: string): Promise<number | undefined> {
    const result = await this.#pool.query<{ last_seq: string }>(
      `SELECT last_seq FROM ${CURSOR_TABLE} WHERE mapping = $1`,
      [mapping],
    );
    const row = result.rows[0];
    return row ? Number(row.last_seq) : undefined;
  }

  async apply(t: SinkTable, rows: SinkRow[], fromSeq: number, lastSeq: number): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const found = await client.query<{ last_seq: string }>(
        `SELECT last_seq FROM ${CURSOR_TABLE} WHERE mapping = $1 FOR UPDATE`,
        [t.mapping],
      );
      const current = found.rows[0] ? Number(found.rows[0].last_seq) : undefined;
      if ((current ?? 0) !== fromSeq) throw new CursorMovedError(t.mapping, fromSeq, current);
      const upserts = rows.filter((r) => r.values !== null);
      const deletes = rows.filter((r) => r.values === null).map((r) => r.key);
      if (deletes.length > 0)
        await client.query(`DELETE FROM ${q(t.table)} WHERE ${q(t.keyColumn)} = ANY($1::text[])`, [deletes]);
      const names = [t.keyColumn, ...t.columns.map((c) => c.column)];
      const updates = names.slice(1).map((n) => `${q(n)} = EXCLUDED.${q(n)}`);
      // PostgreSQL takes at most 65,535 parameters a statement.
      const perStatement = Math.max(1, Math.floor(30_000 / names.length));
      for (let start = 0; start < upserts.length; start += perStatement) {
        const values: unknown[] = [];
        const tuples = upserts.slice(start, start + perStatement).map((r) => {
          const row = [
            r.key,
            ...t.columns.map((c, i) =>
              toLocal(c.spec, (r.values as unknown[])[i] as never, 'postgres', this.timezone),
            ),
          ];
          return `(${row.map((v) => `$${values.push(v)}`).join(', ')})`;
        });
        await client.query(
          `INSERT INTO ${q(t.table)} (${names.map(q).join(', ')}) VALUES ${tuples.join(', ')}
           ON CONFLICT (${q(t.keyColumn)}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
          values,
        );
      }
      await client.query(
        `INSERT INTO ${CURSOR_TABLE} (mapping, last_seq, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (mapping) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at`,
        [t.mapping, lastSeq, new Date().toISOString()],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
