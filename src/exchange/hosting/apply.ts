import type { BulkWriter } from '../../platform/db/bulk/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { ChangeOp, HostedResource, RecordSealer } from '../model.js';
import type { Rejection } from './errors.js';
import type { EncodedRecord, RecordCodec } from './records.js';
import {
  bulkSealWrites,
  type ChangedRow,
  type RecordSigner,
  signerOf,
  storeSeals,
  type WritableResource,
} from './sealing.js';
import { lockResource, tables } from './store.js';

export const WRITE_OPS = ['insert', 'upsert', 'delete'] as const;
export type WriteOp = (typeof WRITE_OPS)[number];

/** A checked operation on one record: its position in the batch or file, and the encoded record. */
export interface CheckedOp {
  index: number;
  op: WriteOp;
  record: EncodedRecord;
}

export interface ChunkOutcome {
  applied: number;
  unchanged: number;
  /** Inserts of a key that exists with other values. */
  rejected: Rejection[];
}

interface KeyState {
  /** The row's values now (as stored, or as encoded by this chunk), or null when it has none. */
  values: readonly unknown[] | null;
  /** The row existed before this chunk. */
  existed: boolean;
  seq: number;
  dirty: boolean;
}

const CHANGE_COLUMNS = ['resource_id', 'seq', 'op', 'key', 'at', 'source'];

/** Below this many operations, classifying them here costs less than staging them in the database. */
const MERGE_FROM_OPS = 500;

/** Upserts only, each key once: what the database may merge by itself. */
function isPlainUpserts(ops: readonly CheckedOp[]): boolean {
  const keys = new Set<string>();
  for (const { op, record } of ops) {
    if (op !== 'upsert' || keys.has(record.key)) return false;
    keys.add(record.key);
  }
  return true;
}

/**
 * Writes a resource's records inside one transaction: takes the resource's lock (`begin`), applies
 * chunks of operations, then records the new last seq, row count and change time (`finish`).
 * Operations are classified in order against what is stored (a key may appear more than once);
 * each changing one gets the next number in the change log, without gaps. An upsert or insert
 * identical to the row and a delete of an absent key change nothing and are logged nowhere, so a
 * sender that repeats a batch after a crash never duplicates change events.
 */
export class ResourceWriter {
  /** The last seq before this transaction's changes, and the last given so far. */
  afterSeq = 0;
  lastSeq = 0;
  applied = 0;
  unchanged = 0;
  rowDelta = 0;
  readonly #names: string[];
  /** The provider's seal for a 文书类/证照类 resource (R106), or null: records stored unsealed. */
  #signer: RecordSigner | null = null;

  constructor(
    private readonly trx: Executor,
    private readonly bulk: BulkWriter,
    private readonly resource: Pick<HostedResource, 'id' | 'table'> &
      Partial<Pick<WritableResource, 'entry' | 'provider' | 'sealType'>>,
    private readonly codec: RecordCodec,
    private readonly stamp: { source: string; at: string; sealer?: RecordSealer | undefined },
  ) {
    this.#names = codec.columns.map((c) => c.column);
  }

  /**
   * Takes the resource's lock, then the provider's seal where the resource's records are sealed:
   * refused (EXCHANGE_SEAL_REQUIRED) before anything is written where the profile requires one.
   */
  async begin(): Promise<this> {
    const locked = await lockResource(this.trx, this.resource.id);
    this.afterSeq = Number(locked.last_seq);
    this.lastSeq = this.afterSeq;
    const { entry, provider, sealType } = this.resource;
    if (entry && provider && sealType)
      this.#signer = await signerOf(this.stamp.sealer, { entry, provider, sealType }, this.trx);
    return this;
  }

  /** Applies a chunk; with `allOrNothing`, a rejection in it writes nothing of it. Changed records are sealed in the same transaction. */
  async apply(ops: readonly CheckedOp[], options: { allOrNothing: boolean }): Promise<ChunkOutcome> {
    const before = this.lastSeq;
    const outcome = await this.#apply(ops, options);
    if (this.#signer && this.lastSeq > before) await this.#seal(ops, before, this.#signer);
    return outcome;
  }

  /** Seals the chunk's records written after `before` (as stored), and drops the seals of deleted ones. */
  async #seal(ops: readonly CheckedOp[], before: number, signer: RecordSigner): Promise<void> {
    const keys = [...new Set(ops.map((o) => o.record.key))];
    const stored = await this.bulk.fetch(
      this.trx,
      this.resource.table,
      '_key',
      ['_seq', ...this.#names],
      keys,
    );
    const changed: ChangedRow[] = [];
    const gone: string[] = [];
    for (const key of keys) {
      const row = stored.get(key);
      if (!row) gone.push(key);
      else if (Number(row[0]) > before) changed.push({ key, seq: Number(row[0]), values: row.slice(1) });
    }
    await storeSeals({
      resource: { id: this.resource.id, entry: this.resource.entry as WritableResource['entry'] },
      codec: this.codec,
      signer,
      changed,
      gone,
      ...bulkSealWrites(this.trx, this.bulk),
    });
  }

  get firstSeq(): number | null {
    return this.lastSeq > this.afterSeq ? this.afterSeq + 1 : null;
  }

  async #apply(ops: readonly CheckedOp[], options: { allOrNothing: boolean }): Promise<ChunkOutcome> {
    if (this.bulk.merge && ops.length >= MERGE_FROM_OPS && isPlainUpserts(ops)) return this.#merge(ops);
    const { codec, bulk, trx } = this;
    const { table } = this.resource;
    const keys = [...new Set(ops.map((o) => o.record.key))];
    const stored = await bulk.fetch(trx, table, '_key', this.#names, keys);
    const states = new Map<string, KeyState>();
    let seq = this.lastSeq;
    let unchanged = 0;
    const rejected: Rejection[] = [];
    const changes: [string, number, ChangeOp, string, string, string][] = [];
    const { source, at } = this.stamp;
    const change = (state: KeyState, op: ChangeOp, key: string) => {
      seq += 1;
      state.seq = seq;
      state.dirty = true;
      changes.push([this.resource.id, seq, op, key, at, source]);
    };
    for (const { index, op, record } of ops) {
      let state = states.get(record.key);
      if (!state) {
        const row = stored.get(record.key);
        state = { values: row ?? null, existed: row !== undefined, seq: 0, dirty: false };
        states.set(record.key, state);
      }
      if (op === 'delete') {
        if (state.values === null) unchanged += 1;
        else {
          state.values = null;
          change(state, 'delete', record.key);
        }
      } else if (state.values === null) {
        state.values = record.values;
        change(state, 'insert', record.key);
      } else if (codec.same(codec.comparable(state.values), codec.comparable(record.values))) unchanged += 1;
      else if (op === 'insert')
        rejected.push({ index, problem: 'exists', detail: 'key exists with other values' });
      else {
        state.values = record.values;
        change(state, 'update', record.key);
      }
    }
    if (options.allOrNothing && rejected.length > 0) return { applied: 0, unchanged, rejected };

    const added: unknown[][] = [];
    const replaced: unknown[][] = [];
    const gone: string[] = [];
    for (const [key, state] of states) {
      if (!state.dirty) continue;
      if (state.values) (state.existed ? replaced : added).push([key, state.seq, at, ...state.values]);
      else if (state.existed) gone.push(key);
    }
    const columns = ['_key', '_seq', '_updated_at', ...this.#names];
    if (gone.length > 0) await bulk.deleteKeys(trx, table, '_key', gone);
    // Keys found absent under the lock are new: a plain insert (COPY on PostgreSQL) suffices.
    if (added.length > 0) await bulk.insert(trx, table, columns, added);
    if (replaced.length > 0) await bulk.insert(trx, table, columns, replaced, '_key');
    if (changes.length > 0) await bulk.insert(trx, 'exchange_change', CHANGE_COLUMNS, changes);
    this.rowDelta += added.length - gone.length;
    this.lastSeq = seq;
    this.applied += changes.length;
    this.unchanged += unchanged;
    return { applied: changes.length, unchanged, rejected };
  }

  /**
   * Upserts of distinct keys (a file's rows, mostly): the database compares, numbers and logs them
   * itself, with the same outcome as the classification above.
   */
  async #merge(ops: readonly CheckedOp[]): Promise<ChunkOutcome> {
    const merge = this.bulk.merge as NonNullable<BulkWriter['merge']>;
    const { applied, inserted } = await merge(
      this.trx,
      {
        table: this.resource.table,
        key: '_key',
        seqColumn: '_seq',
        stampColumn: '_updated_at',
        columns: this.#names,
        afterSeq: this.lastSeq,
        stamp: this.stamp.at,
        log: {
          table: 'exchange_change',
          seq: 'seq',
          op: 'op',
          key: 'key',
          constants: { resource_id: this.resource.id, at: this.stamp.at, source: this.stamp.source },
        },
      },
      ops.map((o) => o.record),
    );
    this.lastSeq += applied;
    this.applied += applied;
    this.unchanged += ops.length - applied;
    this.rowDelta += inserted;
    return { applied, unchanged: ops.length - applied, rejected: [] };
  }

  /** Records the resource's new last seq, row count and change time (nothing when nothing changed). */
  async finish(): Promise<void> {
    if (this.lastSeq === this.afterSeq) return;
    await tables(this.trx)
      .updateTable('exchange_resource')
      .set((eb) => ({
        last_seq: this.lastSeq,
        row_count: eb('row_count', '+', this.rowDelta),
        last_changed_at: this.stamp.at,
        updated_at: this.stamp.at,
      }))
      .where('id', '=', this.resource.id)
      .execute();
  }
}
