import { sql } from 'kysely';
import { verificationMarks } from '../gateway/marks.js';
import { type ProjectedRead, rowProjector } from '../gateway/masking.js';
import type { ChangeOp, HostedResource, RecordValues, RecordVerification } from '../model.js';
import type { ExchangeDb } from '../schema.js';

/** One change as a reader receives it: the record is the row as it is NOW, not as it was then. */
export interface FeedChange {
  seq: number;
  op: ChangeOp;
  key: string;
  at: string;
  /** The granted items of the current row, masked as the grant says; null for a delete or a row since deleted. */
  record: RecordValues | null;
  /** True while an open verification request names the record (R83); absent otherwise. */
  underVerification?: true;
}

export interface FeedPage {
  changes: FeedChange[];
  /** The resource's last sequence number when the page was read. */
  lastSeq: number;
  /** More changes follow the page's last one. */
  hasMore: boolean;
}

/** A page and the raw keys it names, for the access entry (the page may carry pseudonyms). */
export interface FeedRead {
  page: FeedPage;
  keys: string[];
}

export const FEED_MAX_LIMIT = 1000;

const TABLE = /^xr_[0-9a-z]+$/;
const COLUMN = /^c\d+$/;

interface ChangeRow {
  seq: number | string;
  op: ChangeOp;
  key: string;
  at: string;
  row_key: string | null;
  [column: string]: unknown;
}

/**
 * Reads the changes after `after`, in sequence order, each joined to the current row of the hosted
 * table for the read's columns (decoded, masked). Sequence numbers are gapless and commit in order
 * per resource, so a reader that keeps the last one it saw never misses a change.
 */
export async function readChanges(
  db: ExchangeDb,
  resource: Pick<HostedResource, 'id' | 'table' | 'entry'>,
  read: ProjectedRead,
  after: number,
  limit: number,
  /** What the reader sees of a record key (see `FeedPseudonyms`). */
  keyOf: (key: string) => string = (key) => key,
  /** Records under verification, marked per page (R83); none where unbound. */
  verification?: RecordVerification,
): Promise<FeedRead> {
  // Both names come from hosting's generated ids; the checks keep it that way.
  if (!TABLE.test(resource.table)) throw new Error(`unexpected hosted table name ${resource.table}`);
  for (const c of read.columns)
    if (!COLUMN.test(c.column)) throw new Error(`unexpected hosted column name ${c.column}`);
  const table = sql.table(resource.table);
  const columns = read.columns.map((c) => sql`t.${sql.ref(c.column)}`);
  const rows = await sql<ChangeRow>`
    select c.seq, c.op, c.key, c.at, t._key as row_key${columns.length ? sql`, ${sql.join(columns)}` : sql``}
    from exchange_change c left join ${table} t on t._key = c.key
    where c.resource_id = ${resource.id} and c.seq > ${after}
    order by c.seq
    limit ${Math.min(Math.max(limit, 1), FEED_MAX_LIMIT)}`.execute(db);
  const project = rowProjector(read);
  // Raw keys, before pseudonyms: one question per page.
  const marked = await verificationMarks(
    verification,
    resource.entry.id,
    rows.rows.map((row) => row.key),
  );
  const changes = rows.rows.map(
    (row): FeedChange => ({
      seq: Number(row.seq),
      op: row.op,
      key: keyOf(row.key),
      at: row.at,
      record: row.op === 'delete' || row.row_key === null ? null : project(row),
      ...(marked(row.key) ? { underVerification: true as const } : {}),
    }),
  );
  const last = changes.at(-1)?.seq;
  const lastSeq = Math.max(await lastSeqOf(db, resource.id), last ?? 0);
  return {
    page: { changes, lastSeq, hasMore: (last ?? after) < lastSeq },
    keys: [...new Set(rows.rows.map((row) => row.key))],
  };
}

/** The resource's last sequence number now: one indexed read, cheap enough to poll. */
export async function lastSeqOf(db: ExchangeDb, resourceId: string): Promise<number> {
  const row = await sql<{ last_seq: number | string }>`
    select last_seq from exchange_resource where id = ${resourceId}`.execute(db);
  return Number(row.rows[0]?.last_seq ?? 0);
}
