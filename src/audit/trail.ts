import { type Kysely, sql } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type {
  AuditContext,
  AuditEvent,
  AuditOutcome,
  AuditRecorder,
  RecordKeyKind,
} from '../platform/context/index.js';
import type { DialectName, Executor } from '../platform/db/index.js';
import { newId, tablesOf } from '../platform/db/index.js';

import { monthOf, nextMonth } from './canonical.js';
import {
  type AppendReceipt,
  Chain,
  type CheckpointPolicy,
  DEFAULT_CHECKPOINT_POLICY,
  type EntryDraft,
} from './chain.js';
import { AuditErrors } from './errors.js';
import { type AuditKeys, keyedDigest } from './keys.js';
import type { AuditCategory, AuditHeadTable, AuditTables } from './schema.js';
import { type VerifyResult, verifyTrail } from './verify.js';
import { VerifyWorkers } from './verify-pool.js';

export type {
  AccessDetail,
  AuditContext,
  AuditEvent,
  RecordKeyKind,
} from '../platform/context/index.js';
export type { AppendReceipt } from './chain.js';

export interface AuditTrailOptions {
  db: Kysely<AuditTables>;
  dialect: DialectName;
  clock: Clock;
  keys: AuditKeys;
  checkpoint?: Partial<CheckpointPolicy>;
  /** Where retention writes sealed archive files (`<dataDir>/audit-archive`); verification reads them. */
  archiveDir?: string;
  /** Most entries one group commit takes (default 2,000). */
  maxBatch?: number;
  /** Sign a checkpoint on a timer when T seconds pass with unsigned entries (default true). */
  checkpointTimer?: boolean;
}

const DECISION_VERBS = new Set([
  'ratify',
  'approve',
  'reject',
  'decide',
  'grant',
  'revoke',
  'suspend',
  'reinstate',
  'publish',
  'withdraw',
  'file',
  'coordinate',
]);

function categoryOf(event: AuditEvent): AuditCategory {
  if (event.category) return event.category;
  if (event.access) return 'access';
  if (event.action.startsWith('auth.')) return 'auth';
  const verb = event.action.slice(event.action.lastIndexOf('.') + 1);
  return DECISION_VERBS.has(verb) ? 'decision' : 'admin';
}

function outcomeOf(event: AuditEvent): AuditOutcome {
  if (event.outcome) return event.outcome;
  const status = event.access?.status;
  if (status === 403) return 'denied';
  if (status !== undefined && status >= 400) return 'failure';
  return 'success';
}

interface Pending {
  draft: EntryDraft;
  effect?: ((trx: Executor) => Promise<unknown>) | undefined;
  resolve(receipt: AppendReceipt, value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The platform's one trace: an append-only hash chain of every access and decision, with signed
 * checkpoints. `record` writes inside the caller's transaction; `append`/`appendWith` go through
 * group commit for the exchange hot path and resolve only once the entry is durable.
 */
export class AuditTrail implements AuditRecorder {
  readonly #db: Kysely<AuditTables>;
  readonly #chain: Chain;
  readonly #keys: AuditKeys;
  readonly #clock: Clock;
  readonly #maxBatch: number;
  readonly #policy: CheckpointPolicy;
  readonly #archiveDir: string | undefined;
  readonly #dialect: DialectName;
  #queue: Pending[] = [];
  #draining: Promise<void> | undefined;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;
  #lastCheckpoint: { seq: number; at: Date } | null = null;
  #groupCommits = 0;
  /** Why the last group commit failed, until a later write succeeds (readiness answers 503 meanwhile). */
  #writeFailure: string | undefined;
  readonly #verifyWorkers = new VerifyWorkers();

  constructor(options: AuditTrailOptions) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#clock = options.clock;
    this.#dialect = options.dialect;
    this.#maxBatch = options.maxBatch ?? 2000;
    this.#policy = { ...DEFAULT_CHECKPOINT_POLICY, ...options.checkpoint };
    this.#archiveDir = options.archiveDir;
    this.#chain = new Chain(options.dialect, options.keys, options.clock, this.#policy);
    if (options.checkpointTimer ?? true) {
      const every = this.checkpointEveryMs;
      this.#timer = setInterval(() => void this.#tick().catch(() => undefined), every);
      this.#timer.unref();
    }
  }

  /**
   * Opens the trail on a migrated database: chains rows left unchained by the migration, creates
   * this and next month's partitions (PostgreSQL) and reads the last checkpoint.
   */
  static async open(options: AuditTrailOptions): Promise<AuditTrail> {
    const trail = new AuditTrail(options);
    await trail.#db.transaction().execute((trx) => trail.#chain.sealUnchained(trx));
    await trail.#ensureMonths();
    trail.#noteHead(await trail.#chain.head(trail.#db));
    return trail;
  }

  get hashAlgorithm(): AuditKeys['hashAlgorithm'] {
    return this.#keys.hashAlgorithm;
  }

  /** The public key that checks checkpoints and archive manifests, as PEM (SubjectPublicKeyInfo). */
  get publicKeyPem(): string {
    return this.#keys.signer.publicKey.pem;
  }

  get signatureAlgorithm(): AuditKeys['signer']['algorithm'] {
    return this.#keys.signer.algorithm;
  }

  /**
   * Writes an entry inside the caller's transaction (or a transaction of its own when given a
   * plain handle), so it commits with the effect or not at all.
   */
  async record(executor: Executor, context: AuditContext, event: AuditEvent): Promise<void> {
    if (this.#closed) throw AuditErrors.error('AUDIT_TRAIL_CLOSED');
    if (!executor.isTransaction) {
      await executor.transaction().execute((trx) => this.record(trx, context, event));
      return;
    }
    const draft = this.#draft(context, event);
    const trx = tablesOf<AuditTables>(executor);
    await this.#chain.lock(trx);
    await this.#chain.append(trx, [draft]);
  }

  /**
   * Queues an entry for the next group commit; resolves once that commit is durable.
   *
   * @example const { seq } = await audit.append(ctx, { action: 'exchange.query', access: {...} });
   */
  append(context: AuditContext, event: AuditEvent): Promise<AppendReceipt> {
    const draft = this.#draft(context, event);
    return new Promise((resolve, reject) =>
      this.#enqueue({ draft, resolve: (receipt) => resolve(receipt), reject }),
    );
  }

  /**
   * Runs `effect` and writes its entry in the same group commit: the effect runs under a savepoint
   * in the shared transaction, so a failing effect fails (and leaves no entry for) its caller only.
   */
  appendWith<T>(context: AuditContext, event: AuditEvent, effect: (trx: Executor) => Promise<T>): Promise<T> {
    const draft = this.#draft(context, event);
    return new Promise<T>((resolve, reject) =>
      this.#enqueue({ draft, effect, resolve: (_receipt, value) => resolve(value as T), reject }),
    );
  }

  /** The keyed digest under which a record key is indexed (normalised: trimmed, upper-case X). */
  subjectDigest(kind: RecordKeyKind, value: string): string {
    return keyedDigest(this.#keys, kind, value);
  }

  /** Entries queued for group commit and not yet durable (a gauge for /api/metrics). */
  auditQueueDepth(): number {
    return this.#queue.length;
  }

  /**
   * Whether entries can be written now: undefined when the last group commit succeeded; else the
   * reason, after one probing write (a no-op update of the chain head, which needs the disk as an
   * entry does) has failed too. A node that a load balancer takes out of service gets no more reads
   * to commit, so the probe is what brings it back once the disk has room again.
   */
  async writeProblem(): Promise<string | undefined> {
    if (this.#writeFailure === undefined) return undefined;
    try {
      await this.#db.transaction().execute(async (trx) => {
        await sql`update audit_head set seq = seq where id = 1`.execute(trx);
      });
      this.#writeFailure = undefined;
    } catch (error) {
      this.#writeFailure = (error as Error).message;
    }
    return this.#writeFailure;
  }

  /** Group commits this node has made (with the entries they carried, a measure of grouping). */
  groupCommits(): number {
    return this.#groupCommits;
  }

  /** When this node last saw a checkpoint signed (refreshed on each commit and timer tick). */
  lastCheckpointAt(): Date | null {
    return this.#lastCheckpoint?.at ?? null;
  }

  /** The chain head and last checkpoint as stored now. */
  async status(): Promise<{
    headSeq: number;
    lastCheckpoint: { seq: number; at: string } | null;
    queueDepth: number;
  }> {
    const head = await this.#chain.head(this.#db);
    this.#noteHead(head);
    return {
      headSeq: head.seq,
      lastCheckpoint: head.checkpoint_at ? { seq: head.checkpoint_seq, at: head.checkpoint_at } : null,
      queueDepth: this.#queue.length,
    };
  }

  /** Checks the whole chain, its checkpoints and archives with this instance's keys. */
  verify(options: { pageSize?: number } = {}): Promise<VerifyResult> {
    return verifyTrail({
      db: this.#db,
      hashAlgorithm: this.#keys.hashAlgorithm,
      publicKey: this.#keys.signer.publicKey,
      archiveDir: this.#archiveDir,
      keepWorkers: this.#verifyWorkers,
      ...options,
    });
  }

  /** Signs the head now if anything is unsigned; returns the head. */
  async checkpointNow(): Promise<AuditHeadTable> {
    const head = await this.#db.transaction().execute((trx) => this.#chain.checkpoint(trx, true));
    this.#noteHead(head);
    return head;
  }

  /** How often `checkpointIfDue` should run: half the checkpoint period, between 1 and 30 s. */
  get checkpointEveryMs(): number {
    return Math.max(1000, Math.min(this.#policy.seconds * 500, 30_000));
  }

  /**
   * Signs a checkpoint when T seconds passed with unsigned entries, and keeps this and next
   * month's partitions ready: the jobs runner's `audit.checkpoint` (with `checkpointTimer: false`).
   */
  checkpointIfDue(): Promise<void> {
    return this.#tick();
  }

  /** Waits until everything queued so far is committed. */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Stops accepting entries, commits what is queued and signs a final checkpoint. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#verifyWorkers.close();
    await this.flush();
    await this.checkpointNow();
  }

  /** For retention: the chain, its keys and clock. */
  get internals(): {
    chain: Chain;
    keys: AuditKeys;
    clock: Clock;
    dialect: DialectName;
    db: Kysely<AuditTables>;
  } {
    return { chain: this.#chain, keys: this.#keys, clock: this.#clock, dialect: this.#dialect, db: this.#db };
  }

  /** The entry an event becomes before it is chained (for benchmarks that bypass the queue). */
  draft(context: AuditContext, event: AuditEvent): EntryDraft {
    return this.#draft(context, event);
  }

  #draft(context: AuditContext, event: AuditEvent): EntryDraft {
    const actor = event.actor ?? context.actor;
    const access = event.access;
    const keys = access?.recordKeys ?? [];
    const subjects = new Set<string>();
    const recordKeys = keys.map((key) => {
      const digest = this.subjectDigest(key.kind, key.value);
      subjects.add(digest);
      return key.kind === 'resident_id'
        ? { kind: key.kind, digest }
        : { kind: key.kind, value: key.value.trim() };
    });
    const detail =
      access?.status !== undefined ? { ...event.detail, status: access.status } : (event.detail ?? {});
    return {
      id: newId(this.#clock.now()),
      category: categoryOf(event),
      actor_kind: actor?.kind ?? 'system',
      actor_id: actor?.id ?? null,
      actor_name: actor?.name ?? null,
      department_id: actor?.departmentId ?? null,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      outcome: outcomeOf(event),
      resource_id: access?.resourceId ?? null,
      items: access?.items ? JSON.stringify(access.items) : null,
      method: access?.method ?? null,
      purpose: access?.purpose ?? null,
      case_number: access?.caseNumber ?? null,
      grant_id: access?.grantId ?? null,
      result_count: access?.resultCount ?? null,
      record_keys: keys.length > 0 ? JSON.stringify(recordKeys) : null,
      detail: JSON.stringify(detail),
      request_id: context.requestId ?? null,
      client_ip: context.clientIp ?? null,
      subjects: [...subjects],
    };
  }

  #enqueue(pending: Pending): void {
    if (this.#closed) {
      pending.reject(AuditErrors.error('AUDIT_TRAIL_CLOSED'));
      return;
    }
    this.#queue.push(pending);
    if (!this.#draining) this.#draining = this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        // One turn of the event loop first: requests already on their way (their sockets read while
        // the last commit was on disk) reach the queue, so a group commit takes them all instead of
        // the first few. On SQLite, whose commits block the loop, this multiplies the batch size.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.#commit(this.#queue.splice(0, this.#maxBatch));
      }
    } finally {
      this.#draining = undefined;
    }
  }

  /** One group commit: effects under savepoints, then every surviving entry, then COMMIT. */
  async #commit(batch: Pending[]): Promise<void> {
    const trx = await this.#db.startTransaction().execute();
    const accepted: Pending[] = [];
    const refused = new Set<Pending>();
    const values = new Map<Pending, unknown>();
    try {
      await this.#chain.lock(trx);
      for (const pending of batch) {
        if (!pending.effect) {
          accepted.push(pending);
          continue;
        }
        await sql`savepoint audit_effect`.execute(trx);
        try {
          values.set(pending, await pending.effect(trx));
          await sql`release savepoint audit_effect`.execute(trx);
          accepted.push(pending);
        } catch (error) {
          await sql`rollback to savepoint audit_effect`.execute(trx);
          refused.add(pending);
          pending.reject(error);
        }
      }
      const { receipts, head } = await this.#chain.append(
        trx,
        accepted.map((p) => p.draft),
      );
      await trx.commit().execute();
      this.#groupCommits += 1;
      this.#writeFailure = undefined;
      if (receipts[0]) this.#chain.rememberMonth(monthOf(receipts[0].at));
      this.#noteHead(head);
      for (const [i, pending] of accepted.entries())
        pending.resolve(receipts[i] as AppendReceipt, values.get(pending));
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      this.#writeFailure = (error as Error).message;
      const failure = AuditErrors.error(
        'AUDIT_WRITE_FAILED',
        { reason: (error as Error).message },
        { cause: error },
      );
      for (const pending of batch) if (!refused.has(pending)) pending.reject(failure);
    }
  }

  #noteHead(head: AuditHeadTable): void {
    if (head.checkpoint_at)
      this.#lastCheckpoint = { seq: head.checkpoint_seq, at: new Date(head.checkpoint_at) };
  }

  async #ensureMonths(): Promise<void> {
    const month = monthOf(this.#clock.now().toISOString());
    await this.#chain.ensurePartitions(this.#db, [month, nextMonth(month)], true);
  }

  async #tick(): Promise<void> {
    if (this.#closed) return;
    await this.#ensureMonths();
    const head = await this.#db.transaction().execute((trx) => this.#chain.checkpoint(trx, false));
    this.#noteHead(head);
  }
}
