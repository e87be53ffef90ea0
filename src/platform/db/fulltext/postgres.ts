import { type Kysely, sql } from 'kysely';
import {
  checkSpec,
  checkTokens,
  FIELD_WEIGHTS,
  type FullText,
  type FullTextIndexSpec,
  type FullTextMatch,
} from './index.js';

const vectorColumn = (spec: FullTextIndexSpec) => `${spec.table}_tsv`;

/** `'a' & 'b' & 'c':*`: tokens are letters and digits only, so quoting them is enough. */
function tsquery(tokens: readonly string[], prefixLast: boolean): string {
  return tokens
    .map((token, i) => `'${token}'${prefixLast && i === tokens.length - 1 ? ':*' : ''}`)
    .join(' & ');
}

/**
 * A stored generated `tsvector` over the space-separated jieba tokens with the `simple`
 * configuration (no stemming, no stop words: the tokens are already words), each field weighted
 * A–D, and a GIN index; `ts_rank_cd` ranks with the default weights (A 1.0, B 0.4, C 0.2, D 0.1).
 */
export const postgresFullText: FullText = {
  dialect: 'postgres',

  async createIndex(db: Kysely<unknown>, spec) {
    checkSpec(spec);
    const vector = spec.fields
      .map(
        (f, i) =>
          `setweight(to_tsvector('simple', coalesce(${f}, '')), '${FIELD_WEIGHTS[i]?.letter ?? 'D'}')`,
      )
      .join(' || ');
    const column = vectorColumn(spec);
    await sql
      .raw(`alter table ${spec.table} add column ${column} tsvector generated always as (${vector}) stored`)
      .execute(db);
    await sql.raw(`create index ${column}_gin on ${spec.table} using gin (${column})`).execute(db);
  },

  async dropIndex(db: Kysely<unknown>, spec) {
    checkSpec(spec);
    await sql.raw(`alter table ${spec.table} drop column if exists ${vectorColumn(spec)}`).execute(db);
  },

  matches(spec, query) {
    checkSpec(spec);
    checkTokens(query);
    const table = sql.table(spec.table);
    const key = sql.ref(spec.key);
    const column = sql.ref(vectorColumn(spec));
    const expression = tsquery(query.tokens, query.prefixLast ?? false);
    return sql<FullTextMatch>`(select ${key} as key, ts_rank_cd(${column}, q) as rank from ${table}, to_tsquery('simple', ${expression}) q where ${column} @@ q)`;
  },
};
