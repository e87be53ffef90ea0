import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BulkWriter, MergeOutcome, MergeRow, MergeSpec } from './index.js';

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
  const stages = new Set<string>();

  /** COPY of `count` rows, `line(r)` giving row r in COPY's text format (without the newline). */
  async function copyLines(
    table: string,
    columns: readonly string[],
    count: number,
    line: (r: number) => string,
  ) {
    const stream = client.query(copyFrom(`copy ${id(table)} (${columns.map(id).join(', ')}) from stdin`));
    for (let start = 0; start < count; start += ROWS_PER_WRITE) {
      let chunk = '';
      const end = Math.min(count, start + ROWS_PER_WRITE);
      for (let r = start; r < end; r++) chunk += `${line(r)}\n`;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  }

  const textOf = (values: readonly unknown[]) => {
    let line = copyText(values[0]);
    for (let c = 1; c < values.length; c++) line += `\t${copyText(values[c])}`;
    return line;
  };

  function copyInto(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) {
    return copyLines(table, columns, rows.length, (r) => textOf(rows[r] as readonly unknown[]));
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
    /**
     * COPY into an unindexed temporary stage, then one statement: join the stage to the table by
     * key, keep the rows that differ (`is distinct from`, by each column's type), number them in
     * stage order, insert the new and update the changed, and log them — no round trip per row, no
     * values back to Node. The caller holds the rows' lock, so no other writer races the insert
     * (a plain INSERT, cheaper than ON CONFLICT's speculative one).
     */
    async merge(_trx, spec: MergeSpec, rows): Promise<MergeOutcome> {
      if (rows.length === 0) return { applied: 0, inserted: 0 };
      const stage = `_merge_${spec.table}`.slice(0, 63);
      const keyed = [spec.key, ...spec.columns];
      if (!stages.has(stage)) {
        await client.query(
          `create temporary table ${id(stage)} on commit drop as select ${keyed.map(id).join(', ')} from ${id(spec.table)} with no data`,
        );
        await client.query(`alter table ${id(stage)} add column _ord integer`);
        stages.add(stage);
      } else await client.query(`truncate ${id(stage)}`);
      await copyLines(stage, [...keyed, '_ord'], rows.length, (r) => {
        const row = rows[r] as MergeRow;
        return `${copyText(row.key)}\t${textOf(row.values)}\t${r}`;
      });
      const differs = spec.columns.map((c) => `t.${id(c)} is distinct from s.${id(c)}`).join(' or ');
      const values = spec.columns.map((c) => `${id(c)}`).join(', ');
      const constants = Object.keys(spec.log.constants);
      const params = [spec.afterSeq, spec.stamp, ...constants.map((c) => spec.log.constants[c])];
      // The table grows inside this transaction while its statistics still say it is small: left
      // to itself the planner would hash-join a full scan of it for every chunk. A keyed lookup
      // per staged row is what the index is for.
      const saved = await client.query(
        `select current_setting('enable_hashjoin') as h, current_setting('enable_mergejoin') as m,
                set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
      );
      const result = await client.query(
        `with changed as (
           select s.*, t.${id(spec.key)} is null as is_new,
                  $1::bigint + row_number() over (order by s._ord) as seq
           from ${id(stage)} s left join ${id(spec.table)} t on t.${id(spec.key)} = s.${id(spec.key)}
           where t.${id(spec.key)} is null or ${differs || 'false'}
         ), inserted as (
           insert into ${id(spec.table)} (${id(spec.key)}, ${id(spec.seqColumn)}, ${id(spec.stampColumn)}, ${values})
           select ${id(spec.key)}, seq, $2::text, ${values} from changed where is_new
         ), updated as (
           update ${id(spec.table)} t set ${id(spec.seqColumn)} = c.seq, ${id(spec.stampColumn)} = $2::text, ${spec.columns
             .map((col) => `${id(col)} = c.${id(col)}`)
             .join(', ')}
           from changed c where not c.is_new and t.${id(spec.key)} = c.${id(spec.key)}
         ), logged as (
           insert into ${id(spec.log.table)} (${[spec.log.seq, spec.log.op, spec.log.key, ...constants].map(id).join(', ')})
           select seq, case when is_new then 'insert' else 'update' end, ${id(spec.key)}${constants
             .map((_, i) => `, $${i + 3}::text`)
             .join('')}
           from changed
         )
         select count(*)::int as applied, (count(*) filter (where is_new))::int as inserted from changed`,
        params,
      );
      const previous = saved.rows[0] as { h: string; m: string };
      await client.query(
        `select set_config('enable_hashjoin', $1, true), set_config('enable_mergejoin', $2, true)`,
        [previous.h, previous.m],
      );
      const row = result.rows[0] as { applied: number; inserted: number };
      return { applied: Number(row.applied), inserted: Number(row.inserted) };
    },
    async deleteKeys(_trx, table, keyColumn, keys) {
      for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP)
        await client.query(`delete from ${id(table)} where ${id(keyColumn)} = any($1::text[])`, [
          keys.slice(i, i + KEYS_PER_LOOKUP),
        ]);
    },
  };
}
