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

const PREV = 24;
const HASH = 25;

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
  return hash(algorithm, `${r[PREV]}\n${canonical}`, 'hex');
}

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

/** Checks the rows of one range (read `where seq between from and to order by seq`). */
export function checkChunk(algorithm: ChainHashAlgorithm, job: ChunkJob, rows: EntryRow[]): ChunkSummary {
  const dirty: ChunkSummary = {
    id: job.id,
    from: job.from,
    to: job.to,
    clean: false,
    firstPrev: '',
    lastHash: '',
    marks: [],
  };
  if (rows.length !== job.to - job.from + 1) return dirty;
  let prev: unknown;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as EntryRow;
    if (r[0] !== job.from + i) return dirty;
    if (i > 0 && r[PREV] !== prev) return dirty;
    if (typeof r[HASH] !== 'string' || rowHash(algorithm, r) !== r[HASH]) return dirty;
    prev = r[HASH];
  }
  const first = rows[0] as EntryRow;
  if (typeof first[PREV] !== 'string') return dirty;
  return {
    ...dirty,
    clean: true,
    firstPrev: first[PREV],
    lastHash: prev as string,
    marks: job.marks.map((seq) => [seq, (rows[seq - job.from] as EntryRow)[HASH] as string]),
  };
}
