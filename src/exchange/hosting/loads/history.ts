import { join } from 'node:path';
import { authorize, isAllowed } from '../../../org/index.js';
import type { TextCharset } from '../../../platform/charset/index.js';
import type { Actor } from '../../../platform/context/index.js';

import type { HostedResource } from '../../model.js';
import { ExchangeActions } from '../../policies.js';
import type { ExchangeDb } from '../../schema.js';
import { HostingErrors } from '../errors.js';
import type { BatchMode, ExchangeLoadTable, LoadFormat, LoadStatus } from '../schema.js';

/** A load as the API shows it. */
export interface LoadView {
  id: string;
  entryId: string;
  format: LoadFormat;
  mode: BatchMode;
  status: LoadStatus;
  totalBytes: number | null;
  bytesRead: number;
  rowsRead: number;
  applied: number;
  unchanged: number;
  rejected: number;
  firstSeq: number | null;
  lastSeq: number | null;
  hasRejectFile: boolean;
  error: string | null;
  createdBy: string | null;
  createdByName: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** The character encoding a CSV was read in; null for xlsx, NDJSON (UTF-8 always) and loads that failed before. */
  encoding: TextCharset | null;
  /** Whether the uploader declared the encoding or the platform recognized it. */
  encodingSource: 'declared' | 'detected' | null;
}

export function toView(row: ExchangeLoadTable): LoadView {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    entryId: row.entry_id,
    format: row.format,
    mode: row.mode,
    status: row.status,
    totalBytes: n(row.total_bytes),
    bytesRead: Number(row.bytes_read),
    rowsRead: Number(row.rows_read),
    applied: Number(row.applied),
    unchanged: Number(row.unchanged),
    rejected: Number(row.rejected),
    firstSeq: n(row.first_seq),
    lastSeq: n(row.last_seq),
    hasRejectFile: row.reject_file !== null,
    error: row.error,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: n(row.duration_ms),
    encoding: (row.encoding as TextCharset | null) ?? null,
    encodingSource: (row.encoding_source as 'declared' | 'detected' | null) ?? null,
  };
}

/**
 * The history of loads as their readers may see it: the provider's department, the authority and
 * operators see how loads went; only the provider gets the reject file, which holds its values.
 */
export class LoadHistory {
  constructor(
    private readonly deps: {
      db: ExchangeDb;
      workDir: string;
      require(entryId: string): Promise<HostedResource>;
    },
  ) {}

  async row(id: string): Promise<ExchangeLoadTable> {
    const row = await this.deps.db
      .selectFrom('exchange_load')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw HostingErrors.error('EXCHANGE_LOAD_NOT_FOUND', { id });
    return row;
  }

  async view(id: string): Promise<LoadView> {
    return toView(await this.row(id));
  }

  /** One load, for readers of the provider's hosting. */
  async get(actor: Actor, id: string): Promise<LoadView> {
    const row = await this.row(id);
    const resource = await this.deps.require(row.entry_id);
    if (!canRead(actor, resource)) throw HostingErrors.error('EXCHANGE_LOAD_NOT_FOUND', { id });
    return toView(row);
  }

  /** Loads of an entry, or of the actor's department when no entry is named; newest first. */
  async list(
    actor: Actor,
    filter: { entryId?: string | undefined; page: number; pageSize: number },
  ): Promise<{ items: LoadView[]; total: number }> {
    let query = this.deps.db.selectFrom('exchange_load');
    if (filter.entryId) {
      const resource = await this.deps.require(filter.entryId);
      authorize(actor, ExchangeActions['exchange.host.read'], {
        departmentId: resource.provider.departmentId,
        jurisdictionPath: resource.provider.jurisdictionPath,
      });
      query = query.where('entry_id', '=', filter.entryId);
    } else {
      authorize(actor, ExchangeActions['exchange.host.read'], { departmentId: actor.departmentId });
      query = query.where('provider_department_id', '=', actor.departmentId);
    }
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return { items: rows.map(toView), total: Number(total.n) };
  }

  /**
   * The reject file of a load: it holds the provider's own values, so only the provider's
   * administrators and systems may have it (not operators, R63).
   */
  async rejectFile(actor: Actor, id: string): Promise<{ path: string; name: string }> {
    const row = await this.row(id);
    const resource = await this.deps.require(row.entry_id);
    if (!canRead(actor, resource)) throw HostingErrors.error('EXCHANGE_LOAD_NOT_FOUND', { id });
    authorize(actor, ExchangeActions['exchange.data.write'], {
      departmentId: resource.provider.departmentId,
    });
    if (!row.reject_file) throw HostingErrors.error('EXCHANGE_LOAD_NO_REJECTS', { id });
    return {
      path: join(this.deps.workDir, row.reject_file),
      name: `${resource.entry.code.replace('/', '-')}-${id}-rejects.csv`,
    };
  }
}

function canRead(actor: Actor, resource: HostedResource): boolean {
  return isAllowed(actor, ExchangeActions['exchange.host.read'], {
    departmentId: resource.provider.departmentId,
    jurisdictionPath: resource.provider.jurisdictionPath,
  });
}
