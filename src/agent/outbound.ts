import type { Logger } from 'pino';
import { BatchSender, type Planned } from './batches.js';
import type { DatabaseConfig, OutboundMapping } from './config/model.js';
import { crashPointAfterAck } from './fault.js';
import type { PlatformClient } from './platform-client.js';
import { hostedItems } from './resource.js';
import type { Page, Position, Source } from './sources/types.js';
import type { MappingState, ScanState, StateStore } from './state.js';
import { MappingError, type MappingStatus, startingStatus } from './status.js';
import {
  type ExchangeRecord,
  type ExchangeValue,
  type ItemSpec,
  recordKey,
  rowHash,
  toExchangeValue,
} from './values.js';

/** A prefetched page older than this is read again: it may no longer be what the table holds. */
const PREFETCH_MAX_AGE_MS = 5_000;

export interface OutboundDeps {
  mapping: OutboundMapping;
  database: DatabaseConfig;
  source: Source;
  store: StateStore;
  client: PlatformClient;
  log: Logger;
  nodeName: string;
  /** The API client the node signs in as: names the source of its changes. */
  clientId: string;
  stateDir: string;
  /** Largest request body (bytes); halved when the platform answers 413. */
  maxBodyBytes?: number;
}

/**
 * Keeps one hosted resource equal to one table of the department's database.
 *
 * Incremental (updated-at mode): rows are read in (updated-at, key) order after the last
 * acknowledged row. A full comparison (hash mode every interval, updated-at mode every
 * `compareMinutes`) reads the table in key order, sends rows whose digest differs from the one
 * the platform last acknowledged, stamps every row seen, then deletes the rows not seen.
 * Rows whose digest is unchanged are never sent. State moves only after the platform's answer.
 */
export class OutboundSync {
  readonly status: MappingStatus;
  #state!: MappingState;
  #specs: ItemSpec[] = [];
  #columns: string[] = [];
  /** Index in `#columns` of each item, of the key items, of the updated-at and soft-delete columns. */
  #itemAt: number[] = [];
  #keyItems: number[] = [];
  #keyColumns: string[] = [];
  #softDeleteAt = -1;
  #prefetch: { after: string; at: number; page: Promise<Page> } | undefined;
  #pendingSince: number | undefined;
  readonly #batches: BatchSender;

  constructor(private readonly deps: OutboundDeps) {
    this.status = startingStatus(deps.mapping, 'outbound');
    this.#batches = new BatchSender({ ...deps, status: this.status });
  }

  get mapping(): OutboundMapping {
    return this.deps.mapping;
  }

  /**
   * Checks the mapping against the hosted resource and the table; throws a `MappingError` that
   * names each configuration line at fault. Nothing is written.
   */
  async validate(stop?: AbortSignal): Promise<{ specs: ItemSpec[]; warnings: string[] }> {
    const { mapping, source } = this.deps;
    const hosted = await hostedItems(this.deps.client, mapping.entryId, mapping.at, stop);
    const problems: string[] = [];
    const warnings: string[] = [];
    const specs: ItemSpec[] = [];
    for (const ic of mapping.items) {
      const spec = hosted.find((h) => h.item === ic.item);
      if (!spec)
        problems.push(
          `${ic.at}: 信息项“${ic.item}”不在资源 ${mapping.entryId} 的目录信息项中，未同步任何数据 / item "${ic.item}" is not an item of resource ${mapping.entryId} in the catalog; nothing was sent`,
        );
      else specs.push(spec);
    }
    for (const key of hosted.filter((h) => h.isKey))
      if (!mapping.items.some((ic) => ic.item === key.item))
        problems.push(
          `${mapping.at}: 映射 ${mapping.name} 缺少主键信息项“${key.item}”/ mapping ${mapping.name} lacks key item "${key.item}"`,
        );
    for (const h of hosted)
      if (!h.isKey && !mapping.items.some((ic) => ic.item === h.item))
        warnings.push(
          `${mapping.at}: 信息项“${h.item}”未映射，平台上将为空 / item "${h.item}" is not mapped and stays empty`,
        );
    const columns = await source.columns(mapping.table);
    if (!columns) {
      problems.push(
        `${mapping.at}: 数据库 ${mapping.database} 中没有表 ${mapping.table} / table ${mapping.table} not found in database ${mapping.database}`,
      );
    } else {
      for (const ic of mapping.items)
        if (!columns.includes(ic.column))
          problems.push(
            `${ic.at}: 表 ${mapping.table} 没有列 ${ic.column} / table ${mapping.table} has no column ${ic.column}`,
          );
      for (const extra of [mapping.updatedAt, mapping.softDelete])
        if (extra && !columns.includes(extra.column))
          problems.push(
            `${extra.at}: 表 ${mapping.table} 没有列 ${extra.column} / table ${mapping.table} has no column ${extra.column}`,
          );
    }
    if (problems.length > 0) throw new MappingError(problems);
    return { specs, warnings };
  }

  /** Validates, then loads the mapping's state; call again after a `MappingError` to retry. */
  async prepare(stop?: AbortSignal): Promise<string[]> {
    const { mapping, store } = this.deps;
    const { specs, warnings } = await this.validate(stop);
    this.#specs = specs;
    const columns = mapping.items.map((ic) => ic.column);
    for (const extra of [mapping.updatedAt?.column, mapping.softDelete?.column])
      if (extra && !columns.includes(extra)) columns.push(extra);
    this.#columns = columns;
    this.#itemAt = mapping.items.map((ic) => columns.indexOf(ic.column));
    this.#keyItems = specs.flatMap((s, i) => (s.isKey ? [i] : []));
    this.#keyColumns = this.#keyItems.map((i) => (mapping.items[i] as { column: string }).column);
    this.#softDeleteAt = mapping.softDelete ? columns.indexOf(mapping.softDelete.column) : -1;
    const fingerprint = `${mapping.entryId}:${JSON.stringify([
      this.deps.database.type,
      mapping.table,
      mapping.mode,
      mapping.updatedAt?.column ?? null,
      mapping.items.map((ic) => [ic.item, ic.column]),
    ])}`;
    // A new updated-at mapping reads every row incrementally first: its first comparison can wait a period.
    const compared = mapping.mode === 'hash' ? null : new Date().toISOString();
    this.#state = store.open(mapping.name, fingerprint, mapping.entryId, compared);
    this.status.rowsSynced = this.#state.rowsSynced;
    this.status.lastSyncedAt = this.#state.lastSyncedAt;
    this.#prefetch = undefined;
    return warnings;
  }

  /** Does one page of work; false when there was nothing to do. */
  async step(stop: AbortSignal): Promise<boolean> {
    const { mapping } = this.deps;
    if (mapping.mode === 'updated_at') {
      const page = await this.#incrementalPage();
      if (page.rows.length > 0) {
        this.#pendingSince ??= Date.now();
        this.status.phase = 'sync';
        await this.#apply(page.rows, stop, { cursor: page.next });
        this.#lag();
        return true;
      }
      this.#pendingSince = undefined;
    }
    if (this.#compareDue()) {
      this.status.phase = 'compare';
      await this.#compareStep(stop);
      this.#lag();
      return true;
    }
    this.status.phase = 'idle';
    this.#lag();
    return false;
  }

  #lag(): void {
    if (this.deps.mapping.mode === 'hash') {
      const last = this.#state.lastCompareAt;
      this.status.lagSeconds = last ? Math.max(0, (Date.now() - Date.parse(last)) / 1000) : null;
    } else {
      this.status.lagSeconds = this.#pendingSince ? (Date.now() - this.#pendingSince) / 1000 : 0;
    }
  }

  #read(order: readonly string[], after: Position | undefined): Promise<Page> {
    return this.deps.source.page({
      table: this.deps.mapping.table,
      columns: this.#columns,
      order,
      after,
      limit: this.deps.mapping.batchSize,
    });
  }

  /** The next incremental page, read while the previous batch was on its way when possible. */
  async #incrementalPage(): Promise<Page> {
    const order = [this.deps.mapping.updatedAt?.column as string, ...this.#keyColumns];
    const after = this.#state.cursor;
    const wanted = JSON.stringify(after ?? null);
    const prefetched = this.#prefetch;
    this.#prefetch = undefined;
    let page: Page | undefined;
    if (prefetched && prefetched.after === wanted && Date.now() - prefetched.at < PREFETCH_MAX_AGE_MS)
      page = await prefetched.page.catch(() => undefined);
    page ??= await this.#read(order, after);
    if (page.rows.length === this.deps.mapping.batchSize && page.next) {
      const next = this.#read(order, page.next);
      next.catch(() => undefined);
      this.#prefetch = { after: JSON.stringify(page.next), at: Date.now(), page: next };
    }
    return page;
  }

  #compareDue(): boolean {
    const { mapping } = this.deps;
    if (this.#state.scan) return true;
    const last = this.#state.lastCompareAt ? Date.parse(this.#state.lastCompareAt) : undefined;
    if (mapping.mode === 'hash')
      return last === undefined || Date.now() - last >= mapping.intervalSeconds * 1000;
    return (
      mapping.compareMinutes > 0 &&
      (last === undefined || Date.now() - last >= mapping.compareMinutes * 60_000)
    );
  }

  async #compareStep(stop: AbortSignal): Promise<void> {
    const now = new Date().toISOString();
    const scan: ScanState = this.#state.scan ?? {
      generation: this.#state.generation + 1,
      phase: 'rows',
      after: undefined,
      startedAt: now,
    };
    if (scan.phase === 'rows') {
      const page = await this.#read(
        this.deps.source.type === 'csv' ? [] : this.#keyColumns,
        scan.after as Position,
      );
      if (page.rows.length > 0) {
        await this.#apply(page.rows, stop, { scan: { ...scan, after: page.next } });
        return;
      }
      this.#state = this.deps.store.commit(this.deps.mapping.name, {
        generation: scan.generation,
        scan: { ...scan, phase: 'deletes', after: undefined },
        rows: 0,
        at: now,
      });
      return;
    }
    const keys = this.deps.store.unseen(
      this.deps.mapping.name,
      scan.generation,
      scan.after as string | undefined,
      this.deps.mapping.batchSize,
    );
    if (keys.length === 0) {
      this.#state = this.deps.store.commit(this.deps.mapping.name, {
        generation: scan.generation,
        scan: null,
        lastCompareAt: scan.startedAt,
        rows: 0,
        at: now,
      });
      this.deps.log.info(
        { mapping: this.deps.mapping.name, rows: this.deps.store.rowCount(this.deps.mapping.name) },
        '全量比对完成 / comparison done',
      );
      return;
    }
    const planned: Planned[] = keys.map((key) => ({
      key,
      op: { op: 'delete', record: this.#keyRecord(key) },
    }));
    const rejected = await this.#batches.send(planned, stop);
    crashPointAfterAck();
    const removed = planned.filter((_, i) => !rejected.has(i)).map((p) => p.key);
    this.#state = this.deps.store.commit(this.deps.mapping.name, {
      generation: scan.generation,
      removed,
      scan: { ...scan, after: keys.at(-1) },
      rows: removed.length,
      at: new Date().toISOString(),
    });
    this.#synced(rejected.size > 0);
  }

  /** The record naming only the key items of a locally kept key (for a delete). */
  #keyRecord(key: string): ExchangeRecord {
    const values: string[] = this.#keyItems.length === 1 ? [key] : (JSON.parse(key) as string[]);
    return Object.fromEntries(
      this.#keyItems.map((i, j) => [(this.#specs[i] as ItemSpec).item, values[j] ?? null]),
    );
  }

  /**
   * Sends the rows of one page that differ from what the platform holds, then records them. In
   * a comparison, rows unchanged are stamped as seen; `cursor` / `scan` are the positions after
   * the page, saved in the same transaction.
   */
  async #apply(
    rows: unknown[][],
    stop: AbortSignal,
    position: { cursor?: Position | undefined; scan?: ScanState },
  ): Promise<void> {
    const { mapping, database, store } = this.deps;
    const comparing = position.scan !== undefined;
    const generation = position.scan?.generation ?? this.#state.scan?.generation ?? this.#state.generation;
    const read = rows.map((row) => {
      const values: ExchangeValue[] = this.#specs.map((spec, i) =>
        toExchangeValue(spec, row[this.#itemAt[i] as number], database.timezone),
      );
      const key = recordKey(this.#keyItems.map((i) => values[i] as ExchangeValue));
      const deleted = this.#softDeleteAt >= 0 && isTrue(row[this.#softDeleteAt]);
      return { values, key, deleted };
    });
    const known = store.hashes(
      mapping.name,
      read.map((r) => r.key),
    );
    const planned: Planned[] = [];
    const seen: string[] = [];
    for (const r of read) {
      if (r.deleted) {
        if (known.has(r.key))
          planned.push({ key: r.key, op: { op: 'delete', record: this.#keyRecord(r.key) } });
        continue;
      }
      const hash = rowHash(r.values);
      if (known.get(r.key) === hash) {
        if (comparing) seen.push(r.key);
        continue;
      }
      const record = Object.fromEntries(this.#specs.map((s, i) => [s.item, r.values[i] as ExchangeValue]));
      planned.push({ key: r.key, hash, op: { op: 'upsert', record } });
    }
    const rejected = await this.#batches.send(planned, stop);
    if (planned.length > 0) crashPointAfterAck();
    const put: Array<[string, string]> = [];
    const removed: string[] = [];
    planned.forEach((p, i) => {
      if (rejected.has(i)) return;
      if (p.op.op === 'delete') removed.push(p.key);
      else put.push([p.key, p.hash as string]);
    });
    this.#state = store.commit(mapping.name, {
      generation,
      put,
      seen,
      removed,
      ...('cursor' in position ? { cursor: position.cursor } : {}),
      ...(position.scan ? { scan: position.scan } : {}),
      rows: put.length + removed.length,
      at: new Date().toISOString(),
    });
    this.status.rowsThisRun += rows.length;
    this.#synced(rejected.size > 0);
  }

  #synced(rejects = false): void {
    this.status.rowsSynced = this.#state.rowsSynced;
    this.status.lastSyncedAt = this.#state.lastSyncedAt;
    if (!rejects) this.status.lastError = null;
  }
}

function isTrue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0;
  if (Buffer.isBuffer(value)) return value.some((b) => b !== 0);
  return ['1', 't', 'true', 'y', 'yes', '是'].includes(String(value).trim().toLowerCase());
}
