import type { CharsetChoice, TextCharset } from '../../../platform/charset/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import { bulkTransaction } from '../../../platform/db/bulk/index.js';
import type { DialectName, Executor } from '../../../platform/db/index.js';
import type { RecordSealer } from '../../model.js';
import type { ExchangeDb } from '../../schema.js';
import { changeSignal } from '../../subscriptions/signal.js';
import { ResourceWriter } from '../apply.js';
import type { Rejection } from '../errors.js';
import type { RecordCodec } from '../records.js';
import type { LoadFormat } from '../schema.js';
import type { WritableResource } from '../sealing.js';
import { type ScanProgress, scanFile } from './scan.js';
import { ChunkSpool } from './spool.js';

/**
 * How long one SQLite transaction of a load may hold the database: SQLite has one writer (and the
 * platform one connection), so a load gives way this often — every request, the audit trail's
 * among them, waits at most about this long.
 */
const SQLITE_HOLD_MS = 2_000;

export interface LoadRunInput {
  entryId: string;
  format: LoadFormat;
  path: string;
  resource: WritableResource;
  codec: RecordCodec;
  source: string;
  allOrNothing: boolean;
  reject(rejections: Rejection[], original: readonly unknown[]): Promise<void>;
  /** Whether any row was rejected so far. */
  rejected(): boolean;
  /** The charset the uploader declared for a CSV; none: recognized from the bytes. */
  charset?: TextCharset | undefined;
  onHeader(header: string[], charset?: CharsetChoice): void;
  progress(phase: 'check' | 'apply', at: ScanProgress): void;
}

export interface LoadTotals {
  scanned: ScanProgress;
  applied: number;
  unchanged: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

/** An all-or-nothing load that met a bad row: its transaction is rolled back. */
export class LoadRejected extends Error {
  constructor(readonly scanned: ScanProgress) {
    super('load rejected');
  }
}

export interface LoadRunDeps {
  db: ExchangeDb;
  dialect: DialectName;
  clock: Clock;
  /** Seals the records of 文书类/证照类 resources (R106). */
  sealer?: RecordSealer | undefined;
}

function totalsOf(writers: readonly ResourceWriter[], scanned: ScanProgress): LoadTotals {
  const changed = writers.filter((w) => w.firstSeq !== null);
  return {
    scanned,
    applied: writers.reduce((n, w) => n + w.applied, 0),
    unchanged: writers.reduce((n, w) => n + w.unchanged, 0),
    firstSeq: changed[0]?.firstSeq ?? null,
    lastSeq: changed.at(-1)?.lastSeq ?? null,
  };
}

/**
 * PostgreSQL: the whole load in one transaction, read once — each chunk written as soon as it is
 * checked. Other connections go on working; only writers of this resource wait for its lock.
 * `finish` records the load in that same transaction. An all-or-nothing load that meets a bad row
 * stops writing, checks the rest, and throws `LoadRejected` (rolling everything back).
 */
export async function loadAtOnce(
  deps: LoadRunDeps,
  input: LoadRunInput,
  finish: (trx: Executor, totals: LoadTotals) => Promise<void>,
): Promise<LoadTotals> {
  const totals = await bulkTransaction(deps.db, deps.dialect, async (trx, bulk) => {
    const writer = await new ResourceWriter(trx, bulk, input.resource, input.codec, {
      source: input.source,
      at: deps.clock.now().toISOString(),
      sealer: deps.sealer,
    }).begin();
    const scanned = await scanFile(
      input.path,
      input.format,
      input.codec,
      {
        chunk: async (ops) => {
          if (!(input.allOrNothing && input.rejected())) await writer.apply(ops, { allOrNothing: false });
        },
        reject: input.reject,
        progress: (at) => input.progress('apply', at),
      },
      input.onHeader,
      { declared: input.charset },
    );
    if (input.allOrNothing && input.rejected()) throw new LoadRejected(scanned);
    await writer.finish();
    const result = totalsOf([writer], scanned);
    await finish(trx, result);
    return result;
  });
  if (totals.applied > 0) changeSignal.emit(input.entryId);
  return totals;
}

/**
 * SQLite, keep good (all or nothing goes through `loadStaged`): the file is checked first, its good
 * rows kept in a spool, then written in transactions of about `SQLITE_HOLD_MS` each, letting other
 * work in between. A crash keeps the transactions committed so far; the same file again writes
 * only the rest.
 */
export async function loadInSteps(deps: LoadRunDeps, input: LoadRunInput): Promise<LoadTotals> {
  const spool = new ChunkSpool(`${input.path}.checked`);
  const writers: ResourceWriter[] = [];
  try {
    const scanned = await scanFile(
      input.path,
      input.format,
      input.codec,
      {
        chunk: (ops) => spool.write(ops),
        reject: input.reject,
        progress: (at) => input.progress('check', at),
      },
      input.onHeader,
      { declared: input.charset },
    );
    await spool.close();
    if (input.allOrNothing && input.rejected()) return totalsOf([], scanned);
    const chunks = spool.read();
    let next = await chunks.next();
    let rows = 0;
    while (!next.done) {
      const writer = await bulkTransaction(deps.db, deps.dialect, async (trx, bulk) => {
        const w = await new ResourceWriter(trx, bulk, input.resource, input.codec, {
          source: input.source,
          at: deps.clock.now().toISOString(),
          sealer: deps.sealer,
        }).begin();
        const started = Date.now();
        do {
          await w.apply(next.value as NonNullable<typeof next.value>, { allOrNothing: false });
          rows += (next.value as unknown[]).length;
          // The file was read in the check: bytes stand for the share of rows written.
          input.progress('apply', {
            rows,
            bytes: Math.round((scanned.bytes * rows) / Math.max(1, scanned.rows)),
          });
          next = await chunks.next();
        } while (!next.done && Date.now() - started < SQLITE_HOLD_MS);
        await w.finish();
        return w;
      });
      writers.push(writer);
      if (writer.applied > 0) changeSignal.emit(input.entryId);
    }
    return totalsOf(writers, scanned);
  } finally {
    await spool.close();
    spool.remove();
  }
}
