import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CharsetChoice, TextCharset } from '../../../platform/charset/index.js';
import { type Actor, actedBy, type RequestContext } from '../../../platform/context/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { newId } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors/index.js';
import type { ExchangeDeps } from '../../index.js';
import type { HostedResource } from '../../model.js';
import type { Rejection } from '../errors.js';
import { HostingErrors } from '../errors.js';
import { RecordCodec } from '../records.js';
import type { BatchMode, LoadFormat, LoadStatus } from '../schema.js';
import type { WritableResource } from '../sealing.js';
import { tables } from '../store.js';
import { LoadHistory, type LoadView } from './history.js';
import { HEARTBEAT_MS, LoadRecovery, runnerId } from './recovery.js';
import { RejectFile } from './rejects.js';
import { LoadRejected, type LoadRunInput, type LoadTotals, loadAtOnce, loadInSteps } from './run.js';
import type { ScanProgress } from './scan.js';
import { loadStaged } from './stage.js';

export type { LoadView };

/** Where a load is: receiving the file, checking its rows, writing them. */
export type LoadPhase = 'upload' | 'check' | 'apply';

export interface LoadProgress {
  phase: LoadPhase;
  rows: number;
  bytes: number;
  totalBytes: number | null;
  /** A CSV's encoding, once its first bytes decided it (issue 22). */
  encoding?: TextCharset;
  encodingSource?: CharsetChoice['source'];
}

export interface LoadOutcome {
  load: LoadView;
  /** The first rejections (the reject file has them all). */
  rejected: Rejection[];
}

/** A started load: its row and the resource it writes. */
export interface StartedLoad {
  id: string;
  entryId: string;
  format: LoadFormat;
  mode: BatchMode;
  totalBytes: number | null;
  startedAt: Date;
  /** The charset the uploader declared for a CSV (`Content-Type: text/csv; charset=gbk`). */
  charset?: TextCharset | undefined;
}

const PROGRESS_MS = 200;

export interface LoadServiceDeps extends ExchangeDeps {
  /** The resource ready for a write by the actor (authorized, synced to the published version). */
  writable(ctx: RequestContext, entryId: string): Promise<WritableResource>;
  require(entryId: string): Promise<HostedResource>;
}

/**
 * Uploads (issue 6): a CSV, xlsx or NDJSON file of records, checked row by row against the
 * resource's items and written as upserts with source `load:<id>`. all_or_nothing: any bad row
 * leaves the table untouched; keep_good: the good rows are written and the bad ones kept in a
 * downloadable reject file. Every load has a history row: who, when, how long, what came of it.
 *
 * PostgreSQL writes the whole load in one transaction (`loadAtOnce`). SQLite has one connection
 * for everything, so no load there holds it for long: an all-or-nothing load stages its checked
 * rows in short transactions and makes them visible in one final one (`loadStaged`), so neither a
 * bad row nor a crash leaves part of it behind (issue 15); a keep-good load writes its good rows
 * in transactions of about two seconds each (`loadInSteps`), and a crash keeps those written.
 *
 * Every load records the process running it and a heartbeat; `recovery` turns loads whose process
 * is gone into `interrupted` ones. Each load is audited when it starts and when it ends.
 */
export class LoadService {
  readonly #history: LoadHistory;
  /** This process, as its loads record it. */
  readonly runner = runnerId();
  readonly recovery: LoadRecovery;
  /** When each load of this process last wrote its heartbeat. */
  readonly #beats = new Map<string, number>();

  constructor(private readonly deps: LoadServiceDeps) {
    this.#history = new LoadHistory(deps);
    this.recovery = new LoadRecovery({ ...deps, dir: join(deps.workDir, 'loads') });
  }

  /** The directory of spooled uploads and reject files. */
  get dir(): string {
    const dir = join(this.deps.workDir, 'loads');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Authorizes and records a load about to receive its file. */
  async start(
    ctx: RequestContext,
    entryId: string,
    file: {
      format: LoadFormat;
      mode: BatchMode;
      totalBytes: number | null;
      charset?: TextCharset | undefined;
    },
  ): Promise<StartedLoad> {
    const resource = await this.deps.writable(ctx, entryId);
    const startedAt = this.deps.clock.now();
    const id = newId(startedAt);
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('exchange_load')
        .values({
          id,
          resource_id: resource.id,
          entry_id: entryId,
          provider_department_id: resource.provider.departmentId,
          format: file.format,
          mode: file.mode,
          status: 'running',
          total_bytes: file.totalBytes,
          bytes_read: 0,
          rows_read: 0,
          applied: 0,
          unchanged: 0,
          rejected: 0,
          first_seq: null,
          last_seq: null,
          reject_file: null,
          error: null,
          created_by: ctx.actor.id,
          created_by_name: actedBy(ctx.actor).name,
          started_at: startedAt.toISOString(),
          finished_at: null,
          duration_ms: null,
          runner: this.runner,
          heartbeat_at: startedAt.toISOString(),
        })
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.load',
        targetType: 'catalog_entry',
        targetId: entryId,
        detail: {
          loadId: id,
          format: file.format,
          mode: file.mode,
          status: 'running',
          totalBytes: file.totalBytes,
          ...(file.charset ? { charset: file.charset } : {}),
        },
      });
    });
    return {
      id,
      entryId,
      format: file.format,
      mode: file.mode,
      totalBytes: file.totalBytes,
      startedAt,
      charset: file.charset,
    };
  }

  /** Where a load's file is spooled while it is received. */
  spoolPath(load: StartedLoad): string {
    return join(this.dir, `${load.id}.${load.format}`);
  }

  /**
   * Checks and writes the spooled file of a started load, reporting progress; answers how it went.
   * Data problems end as a `rejected` load, an unreadable file or header as `failed`. The file
   * stays where it is (the caller spooled it and removes it).
   */
  async process(
    ctx: RequestContext,
    load: StartedLoad,
    path: string,
    onProgress?: (progress: LoadProgress) => void,
  ): Promise<LoadOutcome> {
    const resource = await this.deps.writable(ctx, load.entryId);
    const codec = new RecordCodec(resource.columns, this.deps.dialect);
    const allOrNothing = load.mode === 'all_or_nothing';
    const rejectPath = join(this.dir, `${load.id}.rejects.csv`);
    let header: string[] = [];
    let charset: CharsetChoice | undefined;
    let rejects: RejectFile | undefined;
    const reject = async (rejections: Rejection[], original: readonly unknown[]) => {
      rejects ??= new RejectFile(rejectPath, header);
      await rejects.add(rejections, original);
    };
    let last = 0;
    const empty: LoadTotals = {
      scanned: { rows: 0, bytes: 0 },
      applied: 0,
      unchanged: 0,
      firstSeq: null,
      lastSeq: null,
    };
    let totals = empty;
    const finish = async (trx: Executor, status: LoadStatus, result: LoadTotals, error?: AppError) => {
      this.#beats.delete(load.id);
      await rejects?.close();
      await this.#finish(trx, ctx, load, {
        status,
        ...result,
        rejected: rejects?.rows ?? 0,
        rejectFile: rejects ? `loads/${load.id}.rejects.csv` : null,
        error: error ? `${error.code}: ${error.localized('zh-CN')}` : null,
        charset,
      });
    };
    const encoding = () => (charset ? { encoding: charset.charset, encodingSource: charset.source } : {});
    const input: LoadRunInput = {
      entryId: load.entryId,
      format: load.format,
      path,
      resource,
      codec,
      source: `load:${load.id}`,
      allOrNothing,
      charset: load.charset,
      reject,
      rejected: () => rejects !== undefined,
      onHeader: (names, read) => {
        header = names;
        charset = read;
        // The uploader learns at once how its file is being read.
        if (read)
          onProgress?.({ phase: 'check', rows: 0, bytes: 0, totalBytes: load.totalBytes, ...encoding() });
      },
      progress: (phase, at) => {
        const now = Date.now();
        if (now - last < PROGRESS_MS) return;
        last = now;
        this.beat(load.id, at);
        onProgress?.({ phase, rows: at.rows, bytes: at.bytes, totalBytes: load.totalBytes, ...encoding() });
      },
    };
    const run = {
      db: this.deps.db,
      dialect: this.deps.dialect,
      clock: this.deps.clock,
      sealer: this.deps.sealer,
    };
    try {
      if (this.deps.dialect === 'postgres')
        totals = await loadAtOnce(run, input, (trx, result) => finish(trx, 'done', result));
      else if (allOrNothing) {
        totals = await loadStaged(run, { ...input, loadId: load.id }, (trx, result) =>
          finish(trx, 'done', result),
        );
        if (rejects) await this.deps.db.transaction().execute((trx) => finish(trx, 'rejected', totals));
      } else {
        totals = await loadInSteps(run, input);
        const status = allOrNothing && rejects ? 'rejected' : 'done';
        await this.deps.db.transaction().execute((trx) => finish(trx, status, totals));
      }
    } catch (error) {
      // Rejections and bad files are known before anything is written (or rolled back with it).
      if (error instanceof AppError && error.code === 'EXCHANGE_LOAD_INTERRUPTED') throw error;
      if (error instanceof LoadRejected)
        await this.deps.db
          .transaction()
          .execute((trx) => finish(trx, 'rejected', { ...empty, scanned: error.scanned }));
      else if (error instanceof AppError && error.status < 500)
        await this.deps.db.transaction().execute((trx) => finish(trx, 'failed', empty, error));
      else {
        this.#beats.delete(load.id);
        await this.fail(ctx, load, error).catch(() => {});
        throw error;
      }
    }
    onProgress?.({
      phase: 'apply',
      rows: totals.scanned.rows,
      bytes: totals.scanned.bytes,
      totalBytes: load.totalBytes,
      ...encoding(),
    });
    return { load: await this.#history.view(load.id), rejected: rejects?.shown ?? [] };
  }

  /** Marks a load failed (the upload broke off, the file was too large…), audited. */
  async fail(ctx: RequestContext, load: StartedLoad, error: unknown): Promise<LoadView> {
    const message =
      error instanceof AppError
        ? `${error.code}: ${error.localized('zh-CN')}`
        : String((error as Error)?.message ?? error);
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('exchange_load')
        .set({
          status: 'failed',
          error: message.slice(0, 1000),
          finished_at: now.toISOString(),
          duration_ms: now.getTime() - load.startedAt.getTime(),
        })
        .where('id', '=', load.id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return;
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.load',
        targetType: 'catalog_entry',
        targetId: load.entryId,
        outcome: 'failure',
        detail: {
          loadId: load.id,
          format: load.format,
          mode: load.mode,
          status: 'failed',
          error: message.split(':')[0]?.slice(0, 100),
        },
      });
    });
    return this.#history.view(load.id);
  }

  /**
   * Records a running load's progress as its heartbeat, at most every `HEARTBEAT_MS` and without
   * waiting: on SQLite the write queues behind the load's own transaction. One that fails is not
   * retried (the load's own writes fail the same way); one that lands after the end changes nothing.
   */
  beat(id: string, at: ScanProgress): void {
    const now = Date.now();
    if (now - (this.#beats.get(id) ?? 0) < HEARTBEAT_MS) return;
    this.#beats.set(id, now);
    this.deps.db
      .updateTable('exchange_load')
      .set({ heartbeat_at: this.deps.clock.now().toISOString(), rows_read: at.rows, bytes_read: at.bytes })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute()
      .catch(() => {});
  }

  async #finish(
    trx: Executor,
    ctx: RequestContext,
    load: StartedLoad,
    result: {
      status: LoadStatus;
      scanned: ScanProgress;
      applied: number;
      unchanged: number;
      rejected: number;
      firstSeq: number | null;
      lastSeq: number | null;
      rejectFile: string | null;
      error: string | null;
      charset?: CharsetChoice | undefined;
    },
  ): Promise<void> {
    const now = this.deps.clock.now();
    const durationMs = now.getTime() - load.startedAt.getTime();
    await tables(trx)
      .updateTable('exchange_load')
      .set({
        status: result.status,
        bytes_read: result.scanned.bytes,
        rows_read: result.scanned.rows,
        applied: result.applied,
        unchanged: result.unchanged,
        rejected: result.rejected,
        first_seq: result.firstSeq,
        last_seq: result.lastSeq,
        reject_file: result.rejectFile,
        error: result.error?.slice(0, 1000) ?? null,
        encoding: result.charset?.charset ?? null,
        encoding_source: result.charset?.source ?? null,
        finished_at: now.toISOString(),
        duration_ms: durationMs,
      })
      .where('id', '=', load.id)
      .where('status', '=', 'running')
      .executeTakeFirst()
      .then((r) => {
        // Taken for dead (silent past the limit) and already interrupted: this write must not land.
        if (Number(r.numUpdatedRows) === 0)
          throw HostingErrors.error('EXCHANGE_LOAD_INTERRUPTED', { id: load.id });
      });
    await this.deps.audit.record(trx, ctx, {
      action: 'exchange.load',
      targetType: 'catalog_entry',
      targetId: load.entryId,
      detail: {
        loadId: load.id,
        format: load.format,
        mode: load.mode,
        status: result.status,
        rows: result.scanned.rows,
        applied: result.applied,
        unchanged: result.unchanged,
        rejected: result.rejected,
        firstSeq: result.firstSeq,
        lastSeq: result.lastSeq,
        ...(result.charset
          ? { encoding: result.charset.charset, encodingSource: result.charset.source }
          : {}),
        ...(result.error ? { error: result.error.split(':')[0] } : {}),
      },
    });
  }

  /** One load, for readers of the provider's hosting. */
  get(actor: Actor, id: string): Promise<LoadView> {
    return this.#history.get(actor, id);
  }

  /** Loads of an entry, or of the actor's department when no entry is named; newest first. */
  list(
    actor: Actor,
    filter: { entryId?: string | undefined; page: number; pageSize: number },
  ): Promise<{ items: LoadView[]; total: number }> {
    return this.#history.list(actor, filter);
  }

  /** The reject file of a load, for the provider's administrators and systems only. */
  rejectFile(actor: Actor, id: string): Promise<{ path: string; name: string }> {
    return this.#history.rejectFile(actor, id);
  }
}
