import { type Kysely, sql } from 'kysely';
import {
  checkSpec,
  checkTokens,
  FIELD_WEIGHTS,
  type FullText,
  type FullTextIndexSpec,
  type FullTextMatch,
} from './index.js';

const ftsTable = (spec: FullTextIndexSpec) => `${spec.table}_fts`;

/** `"a" "b" "c"*`: FTS5 ANDs bare phrases; quoting keeps each token a plain string. */
function matchExpression(tokens: readonly string[], prefixLast: boolean): string {
  return tokens.map((token, i) => `"${token}"${prefixLast && i === tokens.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * FTS5 with the unicode61 tokenizer over the space-separated jieba tokens: unicode61 splits on the
 * spaces and folds case, and keeps a run of Chinese characters whole, so a token is a term. The FTS
 * table takes its content from the documents' table (no second copy of the text), kept in step by
 * triggers; bm25 with per-column weights ranks.
 */
export const sqliteFullText: FullText = {
  dialect: 'sqlite',

  async createIndex(db: Kysely<unknown>, spec) {
    checkSpec(spec);
    const fts = ftsTable(spec);
    const columns = spec.fields.join(', ');
    const newValues = spec.fields.map((f) => `new.${f}`).join(', ');
    const oldValues = spec.fields.map((f) => `old.${f}`).join(', ');
    await sql
      .raw(
        `create virtual table ${fts} using fts5(${columns}, content='${spec.table}', content_rowid='${spec.key}', tokenize='unicode61 remove_diacritics 2', prefix='1 2')`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ai after insert on ${spec.table} begin insert into ${fts}(rowid, ${columns}) values (new.${spec.key}, ${newValues}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_ad after delete on ${spec.table} begin insert into ${fts}(${fts}, rowid, ${columns}) values ('delete', old.${spec.key}, ${oldValues}); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${fts}_au after update on ${spec.table} begin insert into ${fts}(${fts}, rowid, ${columns}) values ('delete', old.${spec.key}, ${oldValues}); insert into ${fts}(rowid, ${columns}) values (new.${spec.key}, ${newValues}); end`,
      )
      .execute(db);
  },

  async dropIndex(db: Kysely<unknown>, spec) {
    checkSpec(spec);
    const fts = ftsTable(spec);
    for (const suffix of ['ai', 'ad', 'au'])
      await sql.raw(`drop trigger if exists ${fts}_${suffix}`).execute(db);
    await sql.raw(`drop table if exists ${fts}`).execute(db);
  },

  matches(spec, query) {
    checkSpec(spec);
    checkTokens(query);
    const fts = sql.table(ftsTable(spec));
    const weights = sql.raw(spec.fields.map((_, i) => FIELD_WEIGHTS[i]?.bm25 ?? 1).join(', '));
    const expression = matchExpression(query.tokens, query.prefixLast ?? false);
    // bm25 is lower for better matches; negate it so that both dialects rank higher-is-better.
    return sql<FullTextMatch>`(select rowid as key, -bm25(${fts}, ${weights}) as rank from ${fts} where ${fts} match ${expression})`;
  },

  // bm25 needs the FTS5 table in the query: the match is always joined.
  inline: () => undefined,
  vectorValue: () => undefined,
};
