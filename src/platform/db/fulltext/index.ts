import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName, Executor } from '../index.js';
import { postgresFullText } from './postgres.js';
import { sqliteFullText } from './sqlite.js';

/**
 * A full-text index over a table whose rows carry their text already segmented (tokens separated
 * by spaces, see `platform/text`). The rows are the documents; the dialect keeps its index in step
 * with them by itself (SQLite: FTS5 external-content table kept by triggers; PostgreSQL: a
 * generated, weighted `tsvector` column with a GIN index), so writing a document's tokens is an
 * ordinary insert, update or delete of its row, in the caller's transaction.
 */
export interface FullTextIndexSpec {
  /** The documents' table. */
  table: string;
  /** Its integer primary key (SQLite uses it as the FTS5 rowid). */
  key: string;
  /** Token columns, most important first: they weigh A, B, C, D in ranking. At most four. */
  fields: readonly string[];
  /**
   * PostgreSQL: keep each document's vector in this table's row of the same key (the narrow table
   * searches filter and count on), so that a broad match reads one row per hit and joins nothing;
   * its writer sets it (`FullText.vectorValue`), queries use `FullText.inline`. Without it the
   * vectors get a table of their own. SQLite ignores it.
   */
  vectorTable?: string;
}

export interface FullTextQuery {
  /** Every token must be found (AND); tokens are letters and digits only (`queryTokens`). */
  tokens: readonly string[];
  /** The last token also matches as a prefix (the user may still be typing it). */
  prefixLast?: boolean;
}

/** One row per matching document: its key and a rank where higher is better. */
export interface FullTextMatch {
  key: number;
  rank: number;
}

export interface FullText {
  dialect: DialectName;
  /** Creates the index structures for a table that already has the key and token columns. */
  createIndex(db: Kysely<unknown>, spec: FullTextIndexSpec): Promise<void>;
  dropIndex(db: Kysely<unknown>, spec: FullTextIndexSpec): Promise<void>;
  /**
   * A derived table of the documents matching the query, to join on `key`.
   * @example db.selectFrom('doc as d').innerJoin(fullText.matches(spec, q).as('m'), 'm.key', 'd.doc_id')
   */
  matches(spec: FullTextIndexSpec, query: FullTextQuery): RawBuilder<FullTextMatch>;
  /**
   * Where the dialect keeps the vectors in `spec.vectorTable`: the match as a condition and the
   * rank as an expression over that table's row `alias`, to use instead of joining `matches`.
   * Undefined where the match must be joined (SQLite, or no vector table).
   */
  inline(spec: FullTextIndexSpec, query: FullTextQuery, alias: string): InlineMatch | undefined;
  /**
   * Where the dialect keeps the vectors in `spec.vectorTable`: the column and value to write into
   * that table's row together with the document (one token string per field, as in the token
   * columns). Undefined where the index follows the token columns by itself.
   */
  vectorValue(
    spec: FullTextIndexSpec,
    tokens: readonly string[],
  ): { column: string; value: RawBuilder<unknown> } | undefined;
}

export interface InlineMatch {
  where: RawBuilder<SqlBool>;
  rank: RawBuilder<number>;
}

/** The full-text implementation for a dialect. */
export function fullTextFor(dialect: DialectName): FullText {
  return dialect === 'postgres' ? postgresFullText : sqliteFullText;
}

/** Which dialect a Kysely handle or transaction speaks, for services that are given only a handle. */
export function dialectOf(db: Executor): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Weights are letters in PostgreSQL and numbers in SQLite's bm25; both descend in this order. */
export const FIELD_WEIGHTS = [
  { letter: 'A', bm25: 10 },
  { letter: 'B', bm25: 4 },
  { letter: 'C', bm25: 2 },
  { letter: 'D', bm25: 1 },
] as const;

/** Tokens reach SQL only as bound parameters, but the query syntax must still never see anything else. */
export function checkTokens(query: FullTextQuery): void {
  if (query.tokens.length === 0) throw new Error('a full-text query needs at least one token');
  for (const token of query.tokens)
    if (!/^[\p{L}\p{N}]+$/u.test(token)) throw new Error(`not a query token: ${JSON.stringify(token)}`);
}

export function checkSpec(spec: FullTextIndexSpec): void {
  if (spec.fields.length === 0 || spec.fields.length > FIELD_WEIGHTS.length)
    throw new Error(`a full-text index has one to ${FIELD_WEIGHTS.length} fields`);
  for (const name of [spec.table, spec.key, ...spec.fields, ...(spec.vectorTable ? [spec.vectorTable] : [])])
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid identifier ${name}`);
}
