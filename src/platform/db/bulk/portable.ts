import { sql } from 'kysely';
import type { DialectName } from '../index.js';
import type { BulkWriter } from './index.js';

/** Bound parameters one statement may carry: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

function* chunks<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Multi-row statements through Kysely: works everywhere, used where no faster path exists. */
export function portableBulk(dialect: DialectName): BulkWriter {
  return {
    async fetch(trx, table, keyColumn, columns, keys) {
      const out = new Map<string, unknown[]>();
      const select = sql.join([keyColumn, ...columns].map((c) => sql.id(c)));
      for (const part of chunks(keys, MAX_PARAMS)) {
        const match =
          dialect === 'postgres'
            ? sql`${sql.id(keyColumn)} = any(${[...part]}::text[])`
            : sql`${sql.id(keyColumn)} in (select value from json_each(${JSON.stringify(part)}))`;
        const { rows } = await sql<
          Record<string, unknown>
        >`select ${select} from ${sql.id(table)} where ${match}`.execute(trx);
        for (const row of rows)
          out.set(
            String(row[keyColumn]),
            columns.map((c) => row[c]),
          );
      }
      return out;
    },
    async insert(trx, table, columns, rows, conflictKey) {
      if (rows.length === 0) return;
      const names = sql.join(columns.map((c) => sql.id(c)));
      const conflict = conflictKey
        ? sql` on conflict (${sql.id(conflictKey)}) do update set ${sql.join(
            columns.filter((c) => c !== conflictKey).map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`),
          )}`
        : sql``;
      const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (const part of chunks(rows, per)) {
        const values = sql.join(part.map((row) => sql`(${sql.join([...row])})`));
        await sql`insert into ${sql.id(table)} (${names}) values ${values}${conflict}`.execute(trx);
      }
    },
    async deleteKeys(trx, table, keyColumn, keys) {
      for (const part of chunks(keys, MAX_PARAMS)) {
        const match =
          dialect === 'postgres'
            ? sql`${sql.id(keyColumn)} = any(${[...part]}::text[])`
            : sql`${sql.id(keyColumn)} in (select value from json_each(${JSON.stringify(part)}))`;
        await sql`delete from ${sql.id(table)} where ${match}`.execute(trx);
      }
    },
  };
}
