import type SQLite from 'better-sqlite3';
import type { BulkWriter } from './index.js';

/** Rows one multi-row statement writes: fewer statements, and well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 64;
const KEYS_PER_LOOKUP = 10_000;

type Statement = SQLite.Statement<unknown[]>;
const caches = new WeakMap<SQLite.Database, Map<string, Statement>>();

function prepared(database: SQLite.Database, text: string): Statement {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    // A bounded cache: statements of tables no longer written are dropped with the rest.
    if (cache.size > 500) cache.clear();
    statement = database.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

const id = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * SQLite's bulk path: prepared statements on the raw connection, cached per text, writing 64 rows
 * a statement. better-sqlite3 runs them synchronously on the connection Kysely's transaction
 * holds, so they are part of that transaction.
 */
export function sqliteBulk(database: SQLite.Database): BulkWriter {
  return {
    async fetch(_trx, table, keyColumn, columns, keys) {
      const out = new Map<string, unknown[]>();
      const statement = prepared(
        database,
        `select ${[keyColumn, ...columns].map(id).join(', ')} from ${id(table)} where ${id(keyColumn)} in (select value from json_each(?))`,
      ).raw(true);
      for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
        const rows = statement.all(JSON.stringify(keys.slice(i, i + KEYS_PER_LOOKUP))) as unknown[][];
        for (const row of rows) out.set(String(row[0]), row.slice(1));
      }
      return out;
    },
    async insert(_trx, table, columns, rows, conflictKey) {
      if (rows.length === 0) return;
      const width = columns.length;
      const head = `insert into ${id(table)} (${columns.map(id).join(', ')}) values `;
      const tuple = `(${new Array(width).fill('?').join(', ')})`;
      const tail = conflictKey
        ? ` on conflict (${id(conflictKey)}) do update set ${columns
            .filter((c) => c !== conflictKey)
            .map((c) => `${id(c)} = excluded.${id(c)}`)
            .join(', ')}`
        : '';
      const text = (n: number) => `${head}${new Array(n).fill(tuple).join(', ')}${tail}`;
      const full = Math.floor(rows.length / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
      if (full > 0) {
        const many = prepared(database, text(ROWS_PER_STATEMENT));
        const params: unknown[] = new Array(ROWS_PER_STATEMENT * width);
        for (let start = 0; start < full; start += ROWS_PER_STATEMENT) {
          for (let r = 0; r < ROWS_PER_STATEMENT; r++) {
            const row = rows[start + r] as readonly unknown[];
            for (let c = 0; c < width; c++) params[r * width + c] = row[c];
          }
          many.run(params);
        }
      }
      if (full < rows.length) {
        const one = prepared(database, text(1));
        for (let r = full; r < rows.length; r++) one.run(rows[r] as unknown[]);
      }
    },
    async deleteKeys(_trx, table, keyColumn, keys) {
      const statement = prepared(
        database,
        `delete from ${id(table)} where ${id(keyColumn)} in (select value from json_each(?))`,
      );
      for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP)
        statement.run(JSON.stringify(keys.slice(i, i + KEYS_PER_LOOKUP)));
    },
  };
}
