import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BulkWriter } from './index.js';

/** Below this many rows a multi-row INSERT beats COPY's extra round trips. */
const COPY_FROM_ROWS = 200;
const KEYS_PER_LOOKUP = 50_000;
const ROWS_PER_WRITE = 2_000;

const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : String(value);
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * PostgreSQL's bulk path on one client (the transaction's): COPY into the table, or into a
 * temporary twin dropped at commit and then merged with INSERT … ON CONFLICT; array parameters
 * for lookups and deletes.
 */
export function postgresBulk(client: pg.PoolClient): BulkWriter {
  const twins = new Set<string>();

  async function copyInto(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) {
    const stream = client.query(copyFrom(`copy ${id(table)} (${columns.map(id).join(', ')}) from stdin`));
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) {
      let chunk = '';
      const end = Math.min(rows.length, start + ROWS_PER_WRITE);
      for (let r = start; r < end; r++) {
        const row = rows[r] as readonly unknown[];
        let line = copyText(row[0]);
        for (let c = 1; c < row.length; c++) line += `\t${copyText(row[c])}`;
        chunk += `${line}\n`;
      }
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  }

  async function insertValues(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    tail: string,
  ) {
    const width = columns.length;
    const per = Math.max(1, Math.floor(30_000 / width));
    for (let start = 0; start < rows.length; start += per) {
      const part = rows.slice(start, start + per);
      const values: unknown[] = [];
      const tuples = part.map((row, r) => {
        for (const v of row) values.push(v);
        return `(${row.map((_, c) => `$${r * width + c + 1}`).join(', ')})`;
      });
      await client.query(
        `insert into ${id(table)} (${columns.map(id).join(', ')}) values ${tuples.join(', ')}${tail}`,
        values,
      );
    }
  }

  return {
    async fetch(_trx, table, keyColumn, columns, keys) {
      const out = new Map<string, unknown[]>();
      for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
        const result = await client.query({
          text: `select ${[keyColumn, ...columns].map(id).join(', ')} from ${id(table)} where ${id(keyColumn)} = any($1::text[])`,
          values: [keys.slice(i, i + KEYS_PER_LOOKUP)],
          rowMode: 'array',
        });
        for (const row of result.rows as unknown[][]) out.set(String(row[0]), row.slice(1));
      }
      return out;
    },
    async insert(_trx, table, columns, rows, conflictKey) {
      if (rows.length === 0) return;
      const tail = conflictKey
        ? ` on conflict (${id(conflictKey)}) do update set ${columns
            .filter((c) => c !== conflictKey)
            .map((c) => `${id(c)} = excluded.${id(c)}`)
            .join(', ')}`
        : '';
      if (rows.length < COPY_FROM_ROWS) return insertValues(table, columns, rows, tail);
      if (!conflictKey) return copyInto(table, columns, rows);
      const twin = `_bulk_${table}`.slice(0, 63);
      if (!twins.has(twin)) {
        await client.query(`create temporary table ${id(twin)} (like ${id(table)}) on commit drop`);
        twins.add(twin);
      } else await client.query(`truncate ${id(twin)}`);
      await copyInto(twin, columns, rows);
      const names = columns.map(id).join(', ');
      await client.query(`insert into ${id(table)} (${names}) select ${names} from ${id(twin)}${tail}`);
    },
    async deleteKeys(_trx, table, keyColumn, keys) {
      for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP)
        await client.query(`delete from ${id(table)} where ${id(keyColumn)} = any($1::text[])`, [
          keys.slice(i, i + KEYS_PER_LOOKUP),
        ]);
    },
  };
}
