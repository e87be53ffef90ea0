import { type Kysely, sql } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { DialectName } from '../platform/db/index.js';
import {
  type ChainedFields,
  entryHash,
  GENESIS_HASH,
  monthOf,
  nextMonth,
  storableEntry,
} from './canonical.js';
import { signCheckpoint } from './checkpoint.js';
import type { AuditKeys } from './keys.js';
import type { AuditEntryTable, AuditHeadTable, AuditTables } from './schema.js';

/** The audit trail's own handle or transaction. */
export type AuditDb = Kysely<AuditTables>;

/** An entry before it takes its place in the chain (seq, time, month and hashes come at append). */
export type EntryDraft = Omit<AuditEntryTable, 'seq' | 'at' | 'month' | 'prev_hash' | 'hash'> & {
  /** Keyed digests of every record key, for the audit_subject index. */
  subjects: string[];
};

export interface AppendReceipt {
  seq: number;
  hash: string;
  at: string;
}

export interface CheckpointPolicy {
  /** Sign the head once this many entries have been appended since the last checkpoint. */
  entries: number;
  /** …or once this many seconds have passed since it, if anything was appended. */
  seconds: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { entries: 10_000, seconds: 60 };

// Rows per INSERT: 24 columns × 400 stays under both dialects' bound-parameter limits.
const INSERT_CHUNK = 400;

/** Partition table names for a month; the month is an integer we computed, never input. */
export function partitionName(table: 'audit_entry' | 'audit_subject', month: number): string {
  return `${table}_p${month}`;
}

/**
 * The chain's write side. Every method expects the caller's transaction; `lock` must come first
 * so that reading the head and appending after it are one step across all nodes.
 */
export class Chain {
  readonly #months = new Set<number>();

  constructor(
    private readonly dialect: DialectName,
    private readonly keys: AuditKeys,
    private readonly clock: Clock,
    private readonly policy: CheckpointPolicy,
  ) {}

  /**
   * Serialises appends. PostgreSQL: a transaction-scoped advisory lock named after the schema (so
   * test schemas in one database do not contend). SQLite has one writer already.
   */
  async lock(trx: AuditDb): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.govshare.audit_chain'))`.execute(
      trx,
    );
  }

  async head(trx: AuditDb): Promise<AuditHeadTable> {
    const row = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!row) throw new Error('audit_head is missing: run the migrations');
    return row;
  }

  /** Creates the month partitions on PostgreSQL if missing (and remembers them once committed). */
  async ensurePartitions(trx: AuditDb, months: Iterable<number>, remember: boolean): Promise<void> {
    if (this.dialect !== 'postgres') return;
    for (const month of months) {
      if (this.#months.has(month)) continue;
      for (const table of ['audit_entry', 'audit_subject'] as const) {
        await sql`create table if not exists ${sql.table(partitionName(table, month))} partition of ${sql.table(table)} for values from (${sql.lit(month)}) to (${sql.lit(nextMonth(month))})`.execute(
          trx,
        );
      }
      if (remember) this.#months.add(month);
    }
  }

  /** Notes a month partition created by a transaction that has since committed. */
  rememberMonth(month: number): void {
    if (this.dialect === 'postgres') this.#months.add(month);
  }

  /** Forgets a dropped partition. */
  forgetMonth(month: number): void {
    this.#months.delete(month);
  }

  /**
   * Appends drafts after the head, in order: one timestamp for the group (never before the head's,
   * so time follows the chain), then entries, subject rows, the moved head and, when due, a
   * checkpoint. Returns each entry's place in the chain.
   */
  async append(
    trx: AuditDb,
    drafts: EntryDraft[],
  ): Promise<{ receipts: AppendReceipt[]; head: AuditHeadTable }> {
    const current = await this.head(trx);
    if (drafts.length === 0) return { receipts: [], head: current };
    if (current.hash === '')
      throw new Error('the audit chain has unchained rows: open the trail to chain them');
    const nowMs = Math.max(this.clock.now().getTime(), current.at ? Date.parse(current.at) : 0);
    const at = new Date(nowMs).toISOString();
    const month = monthOf(at);
    await this.ensurePartitions(trx, [month], false);

    let prev = current.hash;
    let seq = current.seq;
    const entries: AuditEntryTable[] = [];
    const subjects: { key_digest: string; seq: number; month: number }[] = [];
    for (const { subjects: digests, ...draft } of drafts) {
      seq += 1;
      // Whoever drafted the entry (a route, a job, an internal caller), its text is made storable
      // here, before hashing: the hash must be of what the database will give back.
      const fields: ChainedFields = storableEntry({ ...draft, seq, at, month, prev_hash: prev });
      const hash = entryHash(this.keys.hashAlgorithm, fields);
      entries.push({ ...fields, hash });
      for (const key_digest of digests) subjects.push({ key_digest, seq, month });
      prev = hash;
    }
    for (let i = 0; i < entries.length; i += INSERT_CHUNK)
      await trx
        .insertInto('audit_entry')
        .values(entries.slice(i, i + INSERT_CHUNK))
        .execute();
    for (let i = 0; i < subjects.length; i += INSERT_CHUNK * 4)
      await trx
        .insertInto('audit_subject')
        .values(subjects.slice(i, i + INSERT_CHUNK * 4))
        .execute();

    const moved: AuditHeadTable = { ...current, seq, hash: prev, at };
    await this.#checkpointIfDue(trx, moved, false);
    await trx
      .updateTable('audit_head')
      .set({
        seq: moved.seq,
        hash: moved.hash,
        at: moved.at,
        checkpoint_seq: moved.checkpoint_seq,
        checkpoint_at: moved.checkpoint_at,
      })
      .where('id', '=', 1)
      .execute();
    return { receipts: entries.map((e) => ({ seq: e.seq, hash: e.hash, at: e.at })), head: moved };
  }

  /**
   * Signs the head if the policy says so (or `force`, when closing) and nothing newer is signed
   * already. Updates `head` in place; the caller writes it back.
   */
  async #checkpointIfDue(trx: AuditDb, head: AuditHeadTable, force: boolean): Promise<boolean> {
    if (head.seq <= head.checkpoint_seq) return false;
    const now = this.clock.now();
    const since = head.checkpoint_at
      ? now.getTime() - Date.parse(head.checkpoint_at)
      : Number.POSITIVE_INFINITY;
    const due =
      force || head.seq - head.checkpoint_seq >= this.policy.entries || since >= this.policy.seconds * 1000;
    if (!due) return false;
    const at = now.toISOString();
    const checkpoint = signCheckpoint(this.keys.signer, this.keys.hashAlgorithm, head, at);
    await trx.insertInto('audit_checkpoint').values(checkpoint).execute();
    head.checkpoint_seq = head.seq;
    head.checkpoint_at = at;
    return true;
  }

  /** Writes a checkpoint for the current head when due (or forced); takes the lock itself. */
  async checkpoint(trx: AuditDb, force: boolean): Promise<AuditHeadTable> {
    await this.lock(trx);
    const head = await this.head(trx);
    if (await this.#checkpointIfDue(trx, head, force))
      await trx
        .updateTable('audit_head')
        .set({ checkpoint_seq: head.checkpoint_seq, checkpoint_at: head.checkpoint_at })
        .where('id', '=', 1)
        .execute();
    return head;
  }

  /**
   * Chains rows that arrived without hashes (the migration from the unchained table leaves them
   * so, because only the running instance knows its hash algorithm), in seq order.
   */
  async sealUnchained(trx: AuditDb): Promise<number> {
    await this.lock(trx);
    const rows = await trx
      .selectFrom('audit_entry')
      .selectAll()
      .where('hash', '=', '')
      .orderBy('seq')
      .execute();
    if (rows.length === 0) return 0;
    const head = await this.head(trx);
    const first = rows[0] as AuditEntryTable;
    const before = await trx
      .selectFrom('audit_entry')
      .select(['seq', 'hash'])
      .where('seq', '<', first.seq)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let prev = before?.hash ?? GENESIS_HASH;
    let last = first;
    for (const row of rows) {
      const fields: ChainedFields = { ...row, prev_hash: prev };
      const hash = entryHash(this.keys.hashAlgorithm, fields);
      await trx
        .updateTable('audit_entry')
        .set({ prev_hash: prev, hash })
        .where('seq', '=', row.seq)
        .where('month', '=', row.month)
        .execute();
      prev = hash;
      last = row;
    }
    const moved: AuditHeadTable = {
      ...head,
      seq: last.seq,
      hash: prev,
      at: [last.at, head.at].sort().at(-1) ?? last.at,
    };
    await this.#checkpointIfDue(trx, moved, true);
    await trx.updateTable('audit_head').set(moved).where('id', '=', 1).execute();
    return rows.length;
  }
}
