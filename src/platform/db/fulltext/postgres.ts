import { type Kysely, type SqlBool, sql } from 'kysely';
import {
  checkSpec,
  checkTokens,
  FIELD_WEIGHTS,
  type FullText,
  type FullTextIndexSpec,
  type FullTextMatch,
} from './index.js';

/** The vectors' column (in `vectorTable`) or own table, its GIN index and its trigger function. */
const vectorName = (spec: FullTextIndexSpec) => `${spec.table}_tsv`;

/** `'a' & 'b' & 'c':*`: tokens are letters and digits only, so quoting them is enough. */
function tsquery(tokens: readonly string[], prefixLast: boolean): string {
  return tokens
    .map((token, i) => `'${token}'${prefixLast && i === tokens.length - 1 ? ':*' : ''}`)
    .join(' & ');
}

/**
 * A weighted `tsvector` per document over the space-separated jieba tokens with the `simple`
 * configuration (no stemming, no stop words: the tokens are already words), each field weighted
 * A–D, with a GIN index; `ts_rank_cd` ranks with the default weights (A 1.0, B 0.4, C 0.2, D 0.1).
 * The vectors are kept apart from the documents' text, in step by a trigger on it as SQLite's FTS5
 * table is: a broad query visits tens of thousands of vectors, and beside the text they would be
 * read from a table three times the size. With a `vectorTable` they sit in the row the search
 * filters and counts on, written with it (`vectorValue`: one write, no second row version); else
 * in a narrow table of their own.
 */
export const postgresFullText: FullText = {
  dialect: 'postgres',

  async createIndex(db: Kysely<unknown>, spec) {
    checkSpec(spec);
    const vector = spec.fields
      .map(
        (f: string, i: number) =>
          `setweight(to_tsvector('simple', coalesce(new.${f}, '')), '${FIELD_WEIGHTS[i]?.letter ?? 'D'}')`,
      )
      .join(' || ');
    const name = vectorName(spec);
    if (spec.vectorTable) {
      // The writer of the vector table's rows sets the vector (`vectorValue`) in the same write.
      await sql.raw(`alter table ${spec.vectorTable} add column ${name} tsvector`).execute(db);
      await sql.raw(`create index ${name}_gin on ${spec.vectorTable} using gin (${name})`).execute(db);
      return;
    }
    await sql
      .raw(
        `create table ${name} (key bigint primary key references ${spec.table} (${spec.key}) on delete cascade, vector tsvector not null)`,
      )
      .execute(db);
    await sql.raw(`create index ${name}_gin on ${name} using gin (vector)`).execute(db);
    await sql
      .raw(
        `create function ${name}_sync() returns trigger language plpgsql as $$ begin
          insert into ${name} (key, vector) values (new.${spec.key}, ${vector})
            on conflict (key) do update set vector = excluded.vector;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${name}_sync after insert or update of ${[spec.key, ...spec.fields].join(', ')} on ${spec.table} for each row execute function ${name}_sync()`,
      )
      .execute(db);
  },

  async dropIndex(db: Kysely<unknown>, spec) {
    checkSpec(spec);
    const name = vectorName(spec);
    await sql.raw(`drop trigger if exists ${name}_sync on ${spec.table}`).execute(db);
    await sql.raw(`drop function if exists ${name}_sync()`).execute(db);
    if (spec.vectorTable)
      await sql.raw(`alter table ${spec.vectorTable} drop column if exists ${name}`).execute(db);
    else await sql.raw(`drop table if exists ${name}`).execute(db);
  },

  matches(spec, query) {
    checkSpec(spec);
    checkTokens(query);
    const expression = tsquery(query.tokens, query.prefixLast ?? false);
    const [table, key, vector] = spec.vectorTable
      ? [spec.vectorTable, spec.key, vectorName(spec)]
      : [vectorName(spec), 'key', 'vector'];
    return sql<FullTextMatch>`(select v.${sql.ref(key)} as key, ts_rank_cd(v.${sql.ref(vector)}, q) as rank from ${sql.table(table)} v, to_tsquery('simple', ${expression}) q where v.${sql.ref(vector)} @@ q)`;
  },

  vectorValue(spec, tokens) {
    checkSpec(spec);
    if (!spec.vectorTable) return undefined;
    const parts = spec.fields.map(
      (_, i) =>
        sql`setweight(to_tsvector('simple'::regconfig, ${tokens[i] ?? ''}), ${sql.lit(FIELD_WEIGHTS[i]?.letter ?? 'D')})`,
    );
    return { column: vectorName(spec), value: sql`(${sql.join(parts, sql` || `)})` };
  },

  inline(spec, query, alias) {
    checkSpec(spec);
    checkTokens(query);
    if (!spec.vectorTable) return undefined;
    const vector = sql.ref(`${alias}.${vectorName(spec)}`);
    // to_tsquery with its configuration named is immutable: planned once, not parsed per row.
    const q = sql`to_tsquery('simple'::regconfig, ${tsquery(query.tokens, query.prefixLast ?? false)})`;
    return { where: sql<SqlBool>`${vector} @@ ${q}`, rank: sql<number>`ts_rank_cd(${vector}, ${q})` };
  },
};
