import { hash } from 'node:crypto';
import type { ChainHashAlgorithm } from './canonical.js';

/**
 * The columns a verification worker reads, in the order of the canonical serialisation
 * (`canonicalEntry`), then `prev_hash` and `hash`. verify-rows.test.ts proves the order is the
 * canonical one, so a column added to the chain cannot be left out here unnoticed.
 */
export const ROW_COLUMNS = [
  'seq',
  'id',
  'at',
  'month',
  'category',
  'actor_kind',
  'actor_id',
  'actor_name',
  'department_id',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'resource_id',
  'items',
  'method',
  'purpose',
  'case_number',
  'grant_id',
  'result_count',
  'record_keys',
  'detail',
  'request_id',
  'client_ip',
  'prev_hash',
  'hash',
] as const;

/** A stored entry as an array of `ROW_COLUMNS` values (what better-sqlite3 `.raw()` and pg `rowMode: 'array'` give). */
export type EntryRow = unknown[];

/** `entryHash` of a row array: the same canonical text, built without a per-row object. */
export function rowHash(algorithm: ChainHashAlgorithm, r: EntryRow): string {
  // One array literal per row: faster than slicing the row, and the same JSON as canonicalEntry.
  const canonical = JSON.stringify([
    r[0],
    r[1],
    r[2],
    r[3],
    r[4],
    r[5],
    r[6],
    r[7],
    r[8],
    r[9],
    r[10],
    r[11],
    r[12],
    r[13],
    r[14],
    r[15],
    r[16],
    r[17],
    r[18],
    r[19],
    r[20],
    r[21],
    r[22],
    r[23],
  ]);
  return hash(algorithm, `${r[24]}\n${canonical}`, 'hex');
}

/** Where a row array holds seq, prev_hash and hash, and how to compute the hash it should have. */
export interface RowLayout {
  seq: number;
  prev: number;
  hash: number;
  /** The row's chain hash, or undefined when the row cannot be hashed this way. */
  digest(algorithm: ChainHashAlgorithm, row: EntryRow): string | undefined;
}

/** Rows of `ROW_COLUMNS`: the canonical text is built here. */
export const COLUMN_ROWS: RowLayout = { seq: 0, prev: 24, hash: 25, digest: rowHash };

/**
 * Rows of [seq, prev_hash, hash, hash input] where the database has built the hash input (SQLite,
 * see verify-reader.ts); without an input the range is left to the row-by-row walk.
 */
export const RENDERED_ROWS: RowLayout = {
  seq: 0,
  prev: 1,
  hash: 2,
  digest: (algorithm, r) => (r[3] instanceof Uint8Array ? hash(algorithm, r[3], 'hex') : undefined),
};

/** A range of the chain for one worker: entries `from`…`to` and the checkpoint seqs inside it. */
export interface ChunkJob {
  id: number;
  from: number;
  to: number;
  /** Checkpointed seqs in the range, whose hashes the summary reports. */
  marks: number[];
}

/**
 * What a worker found in a range. `clean` means: exactly the entries from…to, in order, each
 * linking to the one before and hashing to its stored hash. Anything else is left to the
 * sequential walk, which names the break exactly as it always has.
 */
export interface ChunkSummary {
  id: number;
  from: number;
  to: number;
  clean: boolean;
  /** The first entry's `prev_hash` (the link into the range) and the last entry's hash. */
  firstPrev: string;
  lastHash: string;
  /** [seq, stored hash] for each checkpointed seq of the job, when clean. */
  marks: Array<[number, string]>;
}

/**
 * Checks the rows of one range as they stream in (read `where seq between from and to order by
 * seq`), keeping nothing of a row but its hash, then sums up.
 */
export class ChunkChecker {
  #count = 0;
  #prev: unknown;
  #firstPrev: unknown;
  #dirty = false;
  #mark = 0;
  readonly #marks: Array<[number, string]> = [];

  constructor(
    private readonly algorithm: ChainHashAlgorithm,
    private readonly layout: RowLayout,
    private readonly job: ChunkJob,
  ) {}

  /** False once the range is known not to be clean (later rows need not be read). */
  get clean(): boolean {
    return !this.#dirty;
  }

  add(r: EntryRow): void {
    if (this.#dirty) return;
    const { layout, job } = this;
    const seq = job.from + this.#count;
    const stored = r[layout.hash];
    if (
      r[layout.seq] !== seq ||
      seq > job.to ||
      (this.#count > 0 && r[layout.prev] !== this.#prev) ||
      typeof stored !== 'string' ||
      layout.digest(this.algorithm, r) !== stored
    ) {
      this.#dirty = true;
      return;
    }
    if (this.#count === 0) this.#firstPrev = r[layout.prev];
    if (job.marks[this.#mark] === seq) {
      this.#marks.push([seq, stored]);
      this.#mark += 1;
    }
    this.#prev = stored;
    this.#count += 1;
  }

  finish(): ChunkSummary {
    const { id, from, to } = this.job;
    const clean = !this.#dirty && this.#count === to - from + 1 && typeof this.#firstPrev === 'string';
    return clean
      ? {
          id,
          from,
          to,
          clean,
          firstPrev: this.#firstPrev as string,
          lastHash: this.#prev as string,
          marks: this.#marks,
        }
      : { id, from, to, clean, firstPrev: '', lastHash: '', marks: [] };
  }
}

/** Checks the rows of one range at once. */
export function checkChunk(
  algorithm: ChainHashAlgorithm,
  layout: RowLayout,
  job: ChunkJob,
  rows: Iterable<EntryRow>,
): ChunkSummary {
  const checker = new ChunkChecker(algorithm, layout, job);
  for (const row of rows) {
    checker.add(row);
    if (!checker.clean) break;
  }
  return checker.finish();
}
