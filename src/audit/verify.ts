import { availableParallelism } from 'node:os';
import { type Kysely, sql } from 'kysely';
import { type Executor, storageLocationOf } from '../platform/db/index.js';
import { type ChainHashAlgorithm, GENESIS_HASH } from './canonical.js';
import type { ChainPublicKey } from './keys.js';
import type { AuditEntryTable, AuditTables } from './schema.js';
import { VerifyPool } from './verify-pool.js';
import type { ChunkJob } from './verify-rows.js';
import { Broken, Walker } from './verify-walker.js';

export type BreakKind =
  | 'changed'
  | 'missing'
  | 'reordered'
  | 'checkpoint_forged'
  | 'checkpoint_mismatch'
  | 'archive_missing'
  | 'archive_altered'
  | 'archive_forged'
  | 'archive_broken';

export interface ChainBreak {
  /** The first entry (or checkpoint/archive boundary) where the chain stops being what was signed. */
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
  firstBreak?: ChainBreak;
}

export interface VerifyOptions {
  db: Executor;
  hashAlgorithm: ChainHashAlgorithm;
  /** The platform's public key; pass an auditor's own copy (`govshare audit key`) to pin it. */
  publicKey: ChainPublicKey;
  /** Directory of archive files; archives cannot be checked without it. */
  archiveDir?: string | undefined;
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
}

/** How a verification ran, for benchmarks and tests; the verdict is in `VerifyResult` alone. */
export interface VerifyStats {
  /** Worker threads used (0: all in this thread). */
  workers: number;
  /** Ranges the workers found clean and the walk took whole. */
  chunksAccepted: number;
  /** Where the walk continued row by row after the workers (null: no walk was needed). */
  walkedFrom: number | null;
}

/**
 * Walks the chain in seq order: archives first (file digest, signed manifest, their entries), then
 * the live entries, checking each entry's hash and link and every checkpoint's signature and hash.
 * Stops at the first break and names it.
 */
export async function verifyTrail(options: VerifyOptions): Promise<VerifyResult> {
  return (await verifyTrailWithStats(options)).result;
}

/**
 * `verifyTrail` with how it ran. Large live stores are checked by worker threads in ranges; the
 * first range that is not clean (and anything after the workers' end) is walked here row by row,
 * so a break is named exactly as the row-by-row walk names it.
 */
export async function verifyTrailWithStats(
  options: VerifyOptions,
): Promise<{ result: VerifyResult; stats: VerifyStats }> {
  const db = options.db as unknown as Kysely<AuditTables>;
  const pageSize = options.pageSize ?? 2000;
  const checkpoints = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
  const archives = await db.selectFrom('audit_archive').selectAll().orderBy('from_seq').execute();
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  const walker = new Walker(options.hashAlgorithm, options.publicKey, checkpoints);
  const stats: VerifyStats = { workers: 0, chunksAccepted: 0, walkedFrom: null };
  try {
    for (const archive of archives) await walker.archive(archive, options);
    await checkInParallel(db, walker, options, stats);
    for (let from = walker.expected; ; ) {
      const page = await db
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', '>=', from)
        .orderBy('seq')
        .limit(pageSize + 1)
        .execute();
      if (stats.walkedFrom === null && page.length > 0) stats.walkedFrom = from;
      const rows = page.slice(0, pageSize);
      walker.rows(rows, page[pageSize]);
      if (page.length <= pageSize) break;
      from = (rows[rows.length - 1] as AuditEntryTable).seq + 1;
    }
    walker.end(head?.seq ?? 0, head?.hash ?? GENESIS_HASH);
  } catch (error) {
    if (!(error instanceof Broken)) throw error;
    walker.firstBreak = error.found;
  }
  const result: VerifyResult = {
    ok: walker.firstBreak === undefined,
    entriesChecked: walker.entries,
    checkpointsChecked: walker.checkpointsChecked,
    archivesChecked: walker.archives,
    headSeq: head?.seq ?? 0,
    lastCheckpoint: walker.lastCheckpoint,
    ...(walker.firstBreak ? { firstBreak: walker.firstBreak } : {}),
  };
  return { result, stats };
}

/**
 * Hands the live entries up to the current last seq to worker threads in ranges and takes the
 * clean ranges in order; stops at the first range that is not clean, or if the workers cannot
 * run, leaving the rest to the row-by-row walk. Never decides a break itself.
 */
async function checkInParallel(
  db: Kysely<AuditTables>,
  walker: Walker,
  options: VerifyOptions,
  stats: VerifyStats,
): Promise<void> {
  const location = storageLocationOf(options.db);
  const count = options.workers ?? Math.min(availableParallelism(), 4);
  if (!location || count < 1) return;
  const last = await sql<{ last: number | null }>`select max(seq) as last from audit_entry`.execute(db);
  const to = Number(last.rows[0]?.last ?? 0);
  if (to - walker.expected + 1 < (options.parallelFrom ?? 50_000)) return;
  const chunkSize = options.chunkSize ?? 4096;
  const jobs: ChunkJob[] = [];
  for (let from = walker.expected; from <= to; from += chunkSize) {
    const end = Math.min(from + chunkSize - 1, to);
    jobs.push({ id: jobs.length, from, to: end, marks: walker.checkpointSeqs(from, end) });
  }
  let pool: VerifyPool;
  try {
    pool = await VerifyPool.start(location, options.hashAlgorithm, count);
  } catch {
    return; // No workers here (e.g. a sandbox without threads): the walk checks everything.
  }
  stats.workers = pool.size;
  try {
    for await (const chunk of pool.check(jobs)) {
      if (!walker.acceptChunk(chunk)) break;
      stats.chunksAccepted += 1;
    }
  } catch {
    // A worker failed (connection lost, a value it could not read): the walk takes over from here
    // and meets the same condition in this thread if it is real.
  } finally {
    await pool.close();
  }
}
