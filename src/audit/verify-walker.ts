import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { archiveFileDigest, parseManifest, readArchiveEntries } from './archive-file.js';
import { type ChainHashAlgorithm, entryHash, GENESIS_HASH } from './canonical.js';
import { checkpointSignatureValid } from './checkpoint.js';
import type { ChainPublicKey } from './keys.js';
import type { AuditArchiveTable, AuditCheckpointTable, AuditEntryTable } from './schema.js';
import type { ChainBreak, VerifyOptions } from './verify.js';
import type { ChunkSummary } from './verify-rows.js';

/** Breaks kept in a result; past this the walk goes on counting and `truncated` says so. */
export const MAX_BREAKS = 1000;

/**
 * The chain's state along a walk in seq order: the last hash, the next expected seq and what has
 * been checked. `rows` checks entries one by one and notes every break; after one it goes on from
 * what is stored (the next entry must link to the stored hash of this one), so one bad entry
 * neither hides a later one nor makes every entry after it look broken. `acceptChunk` takes a
 * whole range a worker found clean.
 */
export class Walker {
  prev = GENESIS_HASH;
  expected = 1;
  entries = 0;
  archives = 0;
  checkpointsChecked = 0;
  lastCheckpoint: { seq: number; at: string } | null = null;
  readonly breaks: ChainBreak[] = [];
  truncated = false;
  readonly #checkpoints: Map<number, AuditCheckpointTable>;
  readonly #maxCheckpoint: number;
  readonly #sortedSeqs: number[];

  constructor(
    private readonly algorithm: ChainHashAlgorithm,
    private readonly key: ChainPublicKey,
    checkpoints: AuditCheckpointTable[],
  ) {
    this.#checkpoints = new Map(checkpoints.map((c) => [c.seq, c]));
    this.#maxCheckpoint = checkpoints.at(-1)?.seq ?? 0;
    this.#sortedSeqs = checkpoints.map((c) => c.seq);
  }

  /** Notes a break (the first MAX_BREAKS are kept). */
  report(found: ChainBreak): void {
    if (this.breaks.length < MAX_BREAKS) this.breaks.push(found);
    else this.truncated = true;
  }

  async archive(archive: AuditArchiveTable, options: VerifyOptions): Promise<void> {
    const before = this.breaks.length + (this.truncated ? 1 : 0);
    const fail = (kind: ChainBreak['kind'], message: string) =>
      this.report({ seq: archive.from_seq, kind, message: `${archive.file}: ${message}` });
    // Past an archive that cannot be read, the chain goes on from what its manifest states.
    const skip = () => {
      this.expected = archive.to_seq + 1;
      this.prev = archive.last_hash;
    };
    const manifest = parseManifest(archive);
    if (!manifest || !this.key.verify(archive.manifest, archive.signature))
      fail(
        'archive_forged',
        'the manifest signature is not the platform key’s, or the manifest disagrees with its row',
      );
    if (archive.from_seq !== this.expected || archive.prev_hash !== this.prev) {
      fail('archive_broken', `does not continue the chain at entry ${this.expected}`);
      this.expected = archive.from_seq;
      this.prev = archive.prev_hash;
    }
    const path = options.archiveDir
      ? join(options.archiveDir, archive.file.replace(/^audit-archive\//, ''))
      : undefined;
    if (!path || !existsSync(path)) {
      fail('archive_missing', 'the archive file is missing');
      skip();
      return;
    }
    if ((await archiveFileDigest(path, this.algorithm)) !== archive.file_digest) {
      fail('archive_altered', 'the file’s digest differs from the signed manifest');
      skip();
      return;
    }
    let batch: AuditEntryTable[] = [];
    for await (const row of readArchiveEntries(path)) {
      batch.push(row);
      if (batch.length === 10_000) {
        this.rows(batch, undefined);
        batch = [];
      }
    }
    this.rows(batch, undefined);
    if (this.expected !== archive.to_seq + 1 || this.prev !== archive.last_hash) {
      fail('archive_broken', `ends at entry ${this.expected - 1}, the manifest says ${archive.to_seq}`);
      skip();
    }
    if (this.breaks.length + (this.truncated ? 1 : 0) === before) this.archives += 1;
  }

  /** Checks rows in seq order; `next` is the row after the last, for telling a swap from a change. */
  rows(rows: AuditEntryTable[], next: AuditEntryTable | undefined): void {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as AuditEntryTable;
      // A second row with a seq already passed: verifyTrail reports every repeated seq itself.
      if (row.seq < this.expected) continue;
      if (row.seq > this.expected) {
        this.report({
          seq: this.expected,
          kind: 'missing',
          message:
            row.seq === this.expected + 1
              ? `entry ${this.expected} is missing`
              : `entries ${this.expected}–${row.seq - 1} are missing`,
        });
        // The gap is reported; the entry after it is judged on its own link from here.
        this.prev = row.prev_hash;
        this.expected = row.seq;
      }
      if (row.prev_hash !== this.prev) {
        const after = rows[i + 1] ?? next;
        if (after !== undefined && after.hash === row.prev_hash) {
          this.report({
            seq: row.seq,
            kind: 'reordered',
            message: `entry ${row.seq} is out of order: it links to a later entry`,
          });
          // A swapped pair (each in the other's place) is one break: go on after both.
          if (after.seq === row.seq + 1 && after.prev_hash === this.prev) {
            this.#advance(row);
            this.#advance(after);
            this.prev = row.hash;
            if (rows[i + 1] === after) i += 1;
            continue;
          }
        } else
          this.report({
            seq: row.seq,
            kind: 'changed',
            message: `entry ${row.seq} does not link to entry ${row.seq - 1}`,
          });
      } else if (entryHash(this.algorithm, row) !== row.hash)
        this.report({
          seq: row.seq,
          kind: 'changed',
          message: `entry ${row.seq} was changed after it was written`,
        });
      const checkpoint = this.#checkpoints.get(row.seq);
      if (checkpoint) this.#checkpoint(checkpoint, row.hash);
      this.#advance(row);
    }
  }

  #advance(row: AuditEntryTable): void {
    this.prev = row.hash;
    this.expected = row.seq + 1;
    this.entries += 1;
  }

  /**
   * Takes a range a worker checked, if it continues the chain here and every checkpoint inside it
   * is signed and states the entry's hash; changes nothing and returns false otherwise, so that the
   * caller walks the range row by row and names the break as `rows` does.
   */
  acceptChunk(chunk: ChunkSummary): boolean {
    if (!chunk.clean || chunk.from !== this.expected || chunk.firstPrev !== this.prev) return false;
    let last: AuditCheckpointTable | undefined;
    for (const [seq, hash] of chunk.marks) {
      const checkpoint = this.#checkpoints.get(seq);
      if (!checkpoint || hash !== checkpoint.hash || !checkpointSignatureValid(this.key, checkpoint))
        return false;
      last = checkpoint;
    }
    this.checkpointsChecked += chunk.marks.length;
    if (last) this.lastCheckpoint = { seq: last.seq, at: last.at };
    this.prev = chunk.lastHash;
    this.expected = chunk.to + 1;
    this.entries += chunk.to - chunk.from + 1;
    return true;
  }

  /** Checkpointed seqs from…to, ascending. */
  checkpointSeqs(from: number, to: number): number[] {
    const seqs = this.#sortedSeqs;
    let low = 0;
    let high = seqs.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((seqs[mid] as number) < from) low = mid + 1;
      else high = mid;
    }
    const found: number[] = [];
    for (let i = low; i < seqs.length && (seqs[i] as number) <= to; i++) found.push(seqs[i] as number);
    return found;
  }

  #checkpoint(checkpoint: AuditCheckpointTable, hash: string | undefined): void {
    if (!checkpointSignatureValid(this.key, checkpoint)) {
      this.report({
        seq: checkpoint.seq,
        kind: 'checkpoint_forged',
        message: `the checkpoint at entry ${checkpoint.seq} is not signed by the platform key`,
      });
      return;
    }
    if (hash !== checkpoint.hash) {
      this.report({
        seq: checkpoint.seq,
        kind: 'checkpoint_mismatch',
        message: `entry ${checkpoint.seq} differs from what its signed checkpoint states`,
      });
      return;
    }
    this.checkpointsChecked += 1;
    this.lastCheckpoint = { seq: checkpoint.seq, at: checkpoint.at };
  }

  /** After the last entry: the head and every checkpoint must not point past it. */
  end(headSeq: number, headHash: string): void {
    const last = this.expected - 1;
    let reportedTo = last;
    if (this.#maxCheckpoint > last) {
      const checkpoint = this.#checkpoints.get(this.#maxCheckpoint) as AuditCheckpointTable;
      if (!checkpointSignatureValid(this.key, checkpoint))
        this.report({
          seq: checkpoint.seq,
          kind: 'checkpoint_forged',
          message: `the checkpoint at entry ${checkpoint.seq} is not signed by the platform key`,
        });
      else {
        this.report({
          seq: last + 1,
          kind: 'missing',
          message: `entries ${last + 1}–${checkpoint.seq} are missing`,
        });
        reportedTo = checkpoint.seq;
      }
    }
    if (headSeq > reportedTo)
      this.report({
        seq: reportedTo + 1,
        kind: 'missing',
        message: `entries ${reportedTo + 1}–${headSeq} are missing`,
      });
    if (headSeq === last && last > 0 && headHash !== this.prev)
      this.report({ seq: last, kind: 'changed', message: `entry ${last} differs from the chain head` });
  }
}
