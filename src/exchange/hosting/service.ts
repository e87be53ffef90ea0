import {
  type EntryContent,
  type EntryDetail,
  type InformationItem,
  sealTypeOf,
} from '../../catalog/index.js';
import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { bulkTransaction } from '../../platform/db/bulk/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import type { AppError } from '../../platform/errors/index.js';
import { ExchangeErrors } from '../errors.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedColumn, HostedResource } from '../model.js';
import { ExchangeActions } from '../policies.js';
import { changeSignal } from '../subscriptions/signal.js';
import { type CheckedOp, ResourceWriter, type WriteOp } from './apply.js';
import { ChangeLogReader } from './change-log.js';
import { columnsFor, hostedTableName, keyColumns } from './columns.js';
import type { Rejection } from './errors.js';
import { HostingErrors } from './errors.js';
import { type SupplyEvidence, supplyEvidence } from './evidence.js';
import { LoadService } from './loads/service.js';
import { RecordCodec } from './records.js';
import type { BatchMode } from './schema.js';
import { signerOf, type WritableResource } from './sealing.js';
import { addHostedColumns, createHostedTable, lockResource, resourceRow, toResource } from './store.js';

/** One operation of a batch as the API receives it: a record keyed by item name. */
export interface BatchOp {
  op: WriteOp;
  record: Readonly<Record<string, unknown>>;
}

export interface BatchOptions {
  mode?: BatchMode | undefined;
  /** What made the change, for the change log (`node:<id>`…); default `batch:<id>`. */
  source?: string | undefined;
}

export interface BatchResult {
  applied: number;
  unchanged: number;
  rejected: Rejection[];
  /** The change-log numbers the batch took; null when it changed nothing. */
  firstSeq: number | null;
  lastSeq: number | null;
}

export type { ChangeLogPage } from './change-log.js';

/** The most operations one batch may carry (the API schema says the same). */
export const MAX_BATCH_OPS = 5_000;

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The published content of an entry, or a refusal naming why it cannot be hosted. */
function publishedOf(entry: EntryDetail): { version: number; content: EntryContent } {
  if (entry.status !== 'published' || entry.publishedVersion === null)
    throw HostingErrors.error('EXCHANGE_ENTRY_NOT_PUBLISHED', { code: entry.code || entry.id });
  // A provider reading its own entry sees the newest version; the published one comes beside it.
  return { version: entry.publishedVersion, content: entry.publishedContent ?? entry.content };
}

/** The items a hosted table keeps: the shared ones (the platform holds nothing it may not give). */
function hostedItems(content: EntryContent): InformationItem[] {
  return content.items.filter((i) => (i.shareType ?? content.share.type) !== 'not_shared');
}

const keyNames = (columns: readonly HostedColumn[]) =>
  keyColumns(columns)
    .map((c) => c.item)
    .sort()
    .join(', ');
/** The key's identity: its items and their columns (a key item whose type changed moved column). */
const keyIdentity = (columns: readonly HostedColumn[]) =>
  keyColumns(columns)
    .map((c) => `${c.item}:${c.column}`)
    .sort()
    .join(',');

/**
 * Hosted resource data (集中存放, issue 6): a provider's resource administrator hosts a published
 * catalog entry as a table of its own; the department's administrators and systems write its
 * records in batches and uploads, every change numbered in the resource's change log; the table
 * follows the entry's published versions.
 */
export class HostingService {
  /** Uploads of files of records, and their history. */
  readonly loads: LoadService;
  /** Reads of the change log, checked and audited like reads of the records. */
  readonly changeLog: ChangeLogReader;

  constructor(readonly deps: ExchangeDeps) {
    this.changeLog = new ChangeLogReader({ ...deps, resource: (entryId) => this.resource(entryId) });
    this.loads = new LoadService({
      ...deps,
      writable: (ctx, entryId) => this.writable(ctx, entryId),
      require: (entryId) => this.require(entryId),
    });
  }

  /** The hosted resource of a catalog entry, unauthenticated: for the access check and feeds. */
  async resource(entryId: string, executor: Executor = this.deps.db): Promise<HostedResource | undefined> {
    const row = await resourceRow(executor, entryId);
    return row ? toResource(row) : undefined;
  }

  /** When each hosted or served entry's data was last known current, unauthenticated: for the freshness monitor (R68). */
  async supplyEvidence(executor: Executor = this.deps.db): Promise<SupplyEvidence[]> {
    return supplyEvidence(executor, this.deps.clock.now());
  }

  /** The hosted resource or EXCHANGE_NOT_HOSTED. */
  async require(entryId: string, executor: Executor = this.deps.db): Promise<HostedResource> {
    const resource = await this.resource(entryId, executor);
    if (!resource) throw ExchangeErrors.error('EXCHANGE_NOT_HOSTED', { entryId });
    return resource;
  }

  /**
   * Hosts a published entry: creates its table from the published items (shared ones only),
   * records it and audits it, in one transaction.
   */
  async host(ctx: RequestContext, entryId: string): Promise<HostedResource> {
    const { actor } = ctx;
    const entry = await this.deps.catalog.get(actor, entryId);
    authorize(actor, ExchangeActions['exchange.host.manage'], { departmentId: entry.provider.id });
    const published = publishedOf(entry);
    if (published.content.share.type === 'not_shared')
      throw HostingErrors.error('EXCHANGE_ENTRY_NOT_SHARED', { code: entry.code });
    const columns = columnsFor(hostedItems(published.content));
    if (keyColumns(columns).length === 0)
      throw HostingErrors.error('EXCHANGE_NO_KEY_ITEM', { code: entry.code });
    const provider = await this.deps.departments(this.deps.db, entry.provider.id);
    const now = this.deps.clock.now();
    const id = newId(now);
    const table = hostedTableName(id);
    const at = now.toISOString();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        if (await resourceRow(trx, entryId))
          throw HostingErrors.error('EXCHANGE_ALREADY_HOSTED', { code: entry.code });
        await createHostedTable(trx, this.deps.dialect, table, columns);
        await trx
          .insertInto('exchange_resource')
          .values({
            id,
            entry_id: entryId,
            entry_code: entry.code,
            entry_name: published.content.name,
            entry_version: published.version,
            provider_department_id: entry.provider.id,
            provider_jurisdiction_path: provider?.jurisdictionPath ?? '',
            table_name: table,
            columns: JSON.stringify(columns),
            status: 'active',
            last_seq: 0,
            row_count: 0,
            last_changed_at: null,
            created_at: at,
            created_by: actor.id,
            updated_at: at,
          })
          .execute();
        await this.deps.audit.record(trx, ctx, {
          action: 'exchange.host',
          targetType: 'catalog_entry',
          targetId: entryId,
          detail: {
            code: entry.code,
            version: published.version,
            items: columns.map((c) => c.item),
            keys: keyColumns(columns).map((c) => c.item),
          },
        });
      });
    } catch (error) {
      // Another request hosted the entry between our check and our insert.
      if (isUniqueViolation(error))
        throw HostingErrors.error('EXCHANGE_ALREADY_HOSTED', { code: entry.code });
      throw error;
    }
    return this.require(entryId);
  }

  /** One hosted resource as a reader of hosting may see it (its provider, the authority, operators). */
  async get(actor: Actor, entryId: string): Promise<HostedResource> {
    const resource = await this.require(entryId);
    authorize(actor, ExchangeActions['exchange.host.read'], resourceTarget(resource));
    return resource;
  }

  /** Hosted resources the actor may see: its department's (`provided`) or all in its reach. */
  async list(
    actor: Actor,
    filter: { as?: 'provided' | 'all' | undefined; page: number; pageSize: number },
  ): Promise<{ items: HostedResource[]; total: number }> {
    const scope = scopeOf(actor, ExchangeActions['exchange.host.read']);
    if (scope.kind === 'none') authorize(actor, ExchangeActions['exchange.host.read']);
    let query = this.deps.db.selectFrom('exchange_resource');
    if (filter.as === 'provided') query = query.where('provider_department_id', '=', actor.departmentId);
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'provider_department_id', path: 'provider_jurisdiction_path' }),
    );
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('entry_code')
      .orderBy('id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(toResource), total: Number(total.n) };
  }

  /**
   * Follows the entry's newest published version: new items get columns (ALTER TABLE ADD COLUMN),
   * dropped ones go inactive, a withdrawn entry suspends the hosted data. Key items cannot change.
   */
  async sync(ctx: RequestContext, entryId: string): Promise<HostedResource> {
    const resource = await this.require(entryId);
    const entry = await this.deps.catalog.get(ctx.actor, entryId);
    authorize(ctx.actor, ExchangeActions['exchange.host.manage'], resourceTarget(resource));
    return this.#follow(ctx, resource, entry);
  }

  async #follow(ctx: RequestContext, resource: HostedResource, entry: EntryDetail): Promise<HostedResource> {
    if (entry.status === 'withdrawn') {
      if (resource.status === 'suspended') return resource;
      return this.#setStatus(ctx, resource, 'suspended', { reason: 'entry withdrawn' });
    }
    const published = publishedOf(entry);
    if (published.version === resource.entry.version) return resource;
    const columns = columnsFor(hostedItems(published.content), resource.columns);
    if (keyIdentity(columns) !== keyIdentity(resource.columns))
      throw HostingErrors.error('EXCHANGE_KEY_CHANGED', { code: entry.code, keys: keyNames(columns) });
    const known = new Set(resource.columns.map((c) => c.column));
    const added = columns.filter((c) => !known.has(c.column));
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const locked = await lockResource(trx, resource.id);
      // Another request synced first.
      if (locked.entry_version === published.version) return;
      await addHostedColumns(trx, this.deps.dialect, resource.table, added);
      await trx
        .updateTable('exchange_resource')
        .set({
          columns: JSON.stringify(columns),
          entry_version: published.version,
          entry_name: published.content.name,
          updated_at: at,
        })
        .where('id', '=', resource.id)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.sync',
        targetType: 'catalog_entry',
        targetId: resource.entry.id,
        detail: {
          from: resource.entry.version,
          to: published.version,
          added: added.map((c) => c.item),
          inactive: columns.filter((c) => !c.active).map((c) => c.item),
        },
      });
    });
    return this.require(resource.entry.id);
  }

  async #setStatus(
    ctx: RequestContext,
    resource: HostedResource,
    status: HostedResource['status'],
    detail: Record<string, unknown>,
  ): Promise<HostedResource> {
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('exchange_resource')
        .set({ status, updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', resource.id)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: `exchange.${status === 'suspended' ? 'suspend' : 'resume'}`,
        targetType: 'catalog_entry',
        targetId: resource.entry.id,
        detail,
      });
    });
    return this.require(resource.entry.id);
  }

  /**
   * The resource ready for a write by the actor: authorized, and synced first when the catalog
   * published a newer version since the table was last shaped. A 文书类/证照类 resource (R106)
   * says so, and where the profile requires the seal a provider without one is refused here,
   * before an upload is even read (the write checks again under the resource's lock).
   */
  async writable(ctx: RequestContext, entryId: string): Promise<WritableResource> {
    let resource = await this.require(entryId);
    authorize(ctx.actor, ExchangeActions['exchange.data.write'], resourceTarget(resource));
    const entry = await this.deps.catalog.get(ctx.actor, entryId);
    if (entry.publishedVersion !== resource.entry.version || entry.status === 'withdrawn')
      resource = await this.#follow(ctx, resource, entry);
    if (resource.status !== 'active')
      throw ExchangeErrors.error('EXCHANGE_RESOURCE_SUSPENDED', { code: resource.entry.code });
    const published = entry.publishedContent ?? entry.content;
    const writable: WritableResource = { ...resource, sealType: sealTypeOf(published) };
    await signerOf(this.deps.sealer, writable, this.deps.db);
    return writable;
  }

  /**
   * Writes a batch of inserts, upserts and deletes in one transaction (contract in the exchange
   * API). all_or_nothing (default): any bad operation rejects the batch and writes nothing;
   * keep_good: the good ones are written and the bad ones reported.
   */
  async applyBatch(
    ctx: RequestContext,
    entryId: string,
    ops: readonly BatchOp[],
    options: BatchOptions = {},
  ): Promise<BatchResult> {
    const resource = await this.writable(ctx, entryId);
    const allOrNothing = (options.mode ?? 'all_or_nothing') === 'all_or_nothing';
    const codec = new RecordCodec(resource.columns, this.deps.dialect);
    const checked: CheckedOp[] = [];
    const rejected: Rejection[] = [];
    ops.forEach(({ op, record }, index) => {
      const cells = codec.cellsOf(record, index);
      if (!cells.ok) {
        rejected.push(...cells.rejections);
        return;
      }
      const encoded = codec.encode(cells.cells, index, op === 'delete');
      if (encoded.ok) checked.push({ index, op, record: encoded.record });
      else rejected.push(...encoded.rejections);
    });
    if (allOrNothing && rejected.length > 0) throw batchRejected(rejected);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const source = options.source ?? `batch:${newId(now)}`;
    const result = await bulkTransaction(this.deps.db, this.deps.dialect, async (trx, bulk) => {
      const writer = await new ResourceWriter(trx, bulk, resource, codec, {
        source,
        at,
        sealer: this.deps.sealer,
      }).begin();
      const outcome = await writer.apply(checked, { allOrNothing });
      if (allOrNothing && outcome.rejected.length > 0) throw batchRejected(outcome.rejected);
      await writer.finish();
      const batch: BatchResult = {
        applied: writer.applied,
        unchanged: writer.unchanged,
        rejected: [...rejected, ...outcome.rejected].sort((a, b) => a.index - b.index),
        firstSeq: writer.firstSeq,
        lastSeq: writer.firstSeq === null ? null : writer.lastSeq,
      };
      await this.deps.audit.record(trx, ctx, {
        action: 'exchange.batch',
        targetType: 'catalog_entry',
        targetId: entryId,
        detail: {
          source,
          mode: allOrNothing ? 'all_or_nothing' : 'keep_good',
          operations: ops.length,
          applied: batch.applied,
          unchanged: batch.unchanged,
          rejected: batch.rejected.length,
          firstSeq: batch.firstSeq,
          lastSeq: batch.lastSeq,
        },
      });
      return batch;
    });
    // After the commit: waiting pulls and pushes wake and read the new changes.
    if (result.applied > 0) changeSignal.emit(entryId);
    return result;
  }
}

export function batchRejected(rejected: Rejection[]): AppError {
  return HostingErrors.error('EXCHANGE_BATCH_REJECTED', {
    count: new Set(rejected.map((r) => r.index)).size,
    rejected,
  });
}

export function resourceTarget(resource: HostedResource) {
  return {
    departmentId: resource.provider.departmentId,
    jurisdictionPath: resource.provider.jurisdictionPath,
  };
}
