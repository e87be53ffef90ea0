import { availableParallelism } from 'node:os';
import { type Kysely, sql } from 'kysely';
import { type Executor, storageLocationOf } from '../platform/db/index.js';
import { type ChainAnchor, checkAnchors } from './anchor.js';
import { type ChainHashAlgorithm, GENESIS_HASH } from './canonical.js';
import type { ChainPublicKey } from './keys.js';
import type { AuditEntryTable, AuditTables } from './schema.js';
import { VerifyPool, type VerifyWorkers } from './verify-pool.js';
import type { ChunkJob, ChunkSummary } from './verify-rows.js';
import { MAX_BREAKS, Walker } from './verify-walker.js';

export type BreakKind =
  | 'changed'
  | 'missing'
  | 'reordered'
  | 'checkpoint_forged'
  | 'checkpoint_mismatch'
  | 'archive_missing'
  | 'archive_altered'
  | 'archive_forged'
  | 'archive_broken'
  /** An exported checkpoint (`--anchor`) whose entry the chain no longer holds, or the head is before it. */
  | 'anchor_missing'
  /** An exported checkpoint whose entry the chain holds with another hash (or another hash algorithm). */
  | 'anchor_mismatch'
  /** An exported checkpoint not signed by the platform key: it proves nothing. */
  | 'anchor_forged';

export interface ChainBreak {
  /** The entry (or checkpoint/archive boundary) where the chain stops being what was signed. */
  seq: number;
  kind: BreakKind;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  entriesChecked: number;
  checkpointsChecked: number;
  archivesChecked: number;
  headSeq: number;
  lastCheckpoint: { seq: number; at: string } | null;
  /** The break with the lowest seq (the same as `breaks[0]`), kept for existing readers. */
  firstBreak?: ChainBreak;
  /** Every break found, in seq order: the walk goes on past each one (at most 1,000 are kept). */
  breaks: ChainBreak[];
  /** Exported checkpoints (`anchors`) that the chain still holds; present when anchors were given. */
  anchorsChecked?: number;
  /** Present (true) when more breaks were found than `breaks` holds. */
  breaksTruncated?: true;
}

export interface VerifyOptions {
  /** The trail's handle, or the whole platform's from the CLI and the restore check (hence untyped). */
  db: Executor;
  hashAlgorithm: ChainHashAlgorithm;
  /** The platform's public key; pass an auditor's own copy (`govshare audit key`) to pin it. */
  publicKey: ChainPublicKey;
  /** Directory of archive files; archives cannot be checked without it. */
  archiveDir?: string | undefined;
  /** Checkpoints exported earlier and kept elsewhere (`loadAnchors`): the chain must still hold each. */
  anchors?: ChainAnchor[] | undefined;
  /** Rows read per query when walking in this thread (default 2,000). */
  pageSize?: number;
  /**
   * Worker threads that check ranges in parallel, each on its own read-only connection (default:
   * the available CPUs, at most 4; 0 checks everything in this thread). Needs a database opened
   * by `openStorage` from a file or URL.
   */
  workers?: number;
  /** Fewest live entries worth starting workers for (default 50,000). */
  parallelFrom?: number;
  /** Entries per worker job (default 4,096). */
  chunkSize?: number;
  /**
   * SQLite: workers let the database build each entry's hash input (default true; see
   * verify-reader.ts); false builds it in JavaScript from the columns, as on PostgreSQL.
   */
  renderInDatabase?: boolean;
  /** Keeps the worker threads for the next verification (their owner closes them). */
  keepWorkers?: VerifyWorkers | undefined;
}

/** How a verification ran, for benchmarks and tests; the verdict is in `VerifyResult` alone. */
export interface VerifyStats {
  /** Worker threads used (0: all in this thread). */
  workers: number;
  /** Ranges the workers found clean and the walk took whole. */
  chunksAccepted: number;
  /** Live entries read and checked row by row in this thread. */
  entriesWalked: number;
}

/**
 * Walks the chain in seq order: archives first (file digest, signed manifest, their entries), then
 * the live entries, checking each entry's hash and link and every checkpoint's signature and hash.
 * Names every break it finds, not only the first: one bad entry cannot hide a later one.
 */
export async function verifyTrail(options: VerifyOptions): Promise<VerifyResult> {
  return (await verifyTrailWithStats(options)).result;
}

/**
 * `verifyTrail` with how it ran. Large live stores are checked by worker threads in ranges; every
 * range they do not find clean, and whatever lies past the last seq they were given, is walked
 * here row by row, so a break is named exactly as the row-by-row walk names it.
 */
export async function verifyTrailWithStats(
  options: VerifyOptions,
): Promise<{ result: VerifyResult; stats: VerifyStats }> {
  const db = options.db as unknown as Kysely<AuditTables>;
  const checkpoints = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
  const archives = await db.selectFrom('audit_archive').selectAll().orderBy('from_seq').execute();
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const walker = new Walker(options.hashAlgorithm, options.publicKey, checkpoints);
  const stats: VerifyStats = { workers: 0, chunksAccepted: 0, entriesWalked: 0 };
  const walk = (through: number) => walkRows(db, walker, options.pageSize ?? 2000, through, stats);
  for (const archive of archives) await walker.archive(archive, options);
  await checkInParallel(db, walker, options, stats, walk);
  await walk(Number.POSITIVE_INFINITY);
  walker.end(head?.seq ?? 0, head?.hash ?? GENESIS_HASH);
  // Pages are read by seq; a second row with an existing seq (possible only where the primary key
  // also holds the partition month) could sit past a page boundary unseen, so look for them directly.
  for (const seq of await duplicateSeqs(db))
    walker.report({ seq, kind: 'changed', message: `entry ${seq} appears more than once` });
  // The chain's own checkpoints go with the database; an exported one cannot be taken back.
  const anchors = options.anchors?.length
    ? await checkAnchors(db, options.anchors, options, { headSeq: head?.seq ?? 0, archives })
    : undefined;
  for (const found of anchors?.breaks ?? []) walker.report(found);
  // Stable: at one seq, what the walk found comes before the repeated-seq note.
  const breaks = walker.breaks.sort((a, b) => a.seq - b.seq).slice(0, MAX_BREAKS);
  const truncated = walker.truncated || walker.breaks.length > MAX_BREAKS;
  const result: VerifyResult = {
    ok: breaks.length === 0,
    entriesChecked: walker.entries,
    checkpointsChecked: walker.checkpointsChecked,
    archivesChecked: walker.archives,
    headSeq: head?.seq ?? 0,
    lastCheckpoint: walker.lastCheckpoint,
    ...(breaks[0] ? { firstBreak: breaks[0] } : {}),
    breaks,
    ...(anchors ? { anchorsChecked: anchors.held } : {}),
    ...(truncated ? { breaksTruncated: true as const } : {}),
  };
  return { result, stats };
}

async function duplicateSeqs(db: Kysely<AuditTables>): Promise<number[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .select('seq')
    .groupBy('seq')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('seq')
    .limit(MAX_BREAKS + 1)
    .execute();
  return rows.map((row) => Number(row.seq));
}

/**
 * Checks live entries row by row from where the walker stands, in pages (each read with the row
 * after it, to tell a swapped pair from a change), until past `through` or the end of the table.
 */
async function walkRows(
  db: Kysely<AuditTables>,
  walker: Walker,
  pageSize: number,
  through: number,
  stats: VerifyStats,
): Promise<void> {
  for (let from = walker.expected; from <= through; ) {
    const page = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>=', from)
      .orderBy('seq')
      .limit(pageSize + 1)
      .execute();
    const rows = page.slice(0, pageSize);
    walker.rows(rows, page[pageSize]);
    stats.entriesWalked += rows.length;
    if (page.length <= pageSize) return;
    // Past the page, or past the row after it when the walk took that row as half of a swap.
    from = Math.max((rows[rows.length - 1] as AuditEntryTable).seq + 1, walker.expected);
  }
}

/**
 * Hands the live entries up to the current last seq to worker threads in ranges and takes their
 * summaries in order: a clean range moves the walker past it whole, any other is walked row by
 * row (which names the break, if there is one). If the workers cannot start or fail, the walk
 * does the rest. The workers never decide a break themselves.
 */
async function checkInParallel(
  db: Kysely<AuditTables>,
  walker: Walker,
  options: VerifyOptions,
  stats: VerifyStats,
  walk: (through: number) => Promise<void>,
): Promise<void> {
  const location = storageLocationOf(options.db);
  const count = options.workers ?? Math.min(availableParallelism(), 4);
  if (!location || count < 1) return;
  const last = await sql<{ last: number | null }>`select max(seq) as last from audit_entry`.execute(db);
  const to = Number(last.rows[0]?.last ?? 0);
  if (to < walker.expected || to - walker.expected + 1 < (options.parallelFrom ?? 50_000)) return;
  const chunkSize = options.chunkSize ?? 4096;
  const jobs: ChunkJob[] = [];
  for (let from = walker.expected; from <= to; from += chunkSize) {
    const end = Math.min(from + chunkSize - 1, to);
    jobs.push({ id: jobs.length, from, to: end, marks: walker.checkpointSeqs(from, end) });
  }
  const data = { location, hashAlgorithm: options.hashAlgorithm, render: options.renderInDatabase ?? true };
  let pool: VerifyPool;
  try {
    pool = await (options.keepWorkers?.take(data, count) ?? VerifyPool.start(data, count));
  } catch {
    return; // No workers here (e.g. no threads, or no connection for them): the walk checks all.
  }
  stats.workers = pool.size;
  const summaries = pool.check(jobs);
  try {
    for (;;) {
      let next: IteratorResult<ChunkSummary>;
      try {
        next = await summaries.next();
      } catch {
        return; // A worker failed; the walk goes on from here and meets any real fault itself.
      }
      if (next.done) return;
      const chunk = next.value;
      if (chunk.to < walker.expected) continue;
      if (walker.acceptChunk(chunk)) stats.chunksAccepted += 1;
      else await walk(chunk.to);
    }
  } finally {
    await summaries.return(undefined);
    await (options.keepWorkers?.give(pool, data, count) ?? pool.close());
  }
}
