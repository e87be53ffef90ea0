import type { Executor } from '../../platform/db/index.js';
import { selectRows } from '../gateway/rows.js';
import type { ExchangeDeps } from '../index.js';
import type { Change, HostedColumn, HostedResource, ItemValue } from '../model.js';
import { decodeValue } from './columns.js';
import { tables } from './store.js';

/** One record as the platform's own checks read it: its canonical key and its values in column order. */
export interface ScannedRecord {
  key: string;
  values: ItemValue[];
}

/** A page of a resource's records in key order, with the columns the values follow. */
export interface ScannedPage {
  columns: readonly HostedColumn[];
  records: ScannedRecord[];
}

/**
 * Reads of hosted data for the platform's own checks (data quality: scores, comparisons), not for
 * a person or a department: nothing leaves the platform, so there is no grant to ask. The caller
 * writes one audit entry per run naming what it read (a scan of a resource, the keys it compared).
 * Pages are keyset pages in `_key` order, so a scan of any size runs in flat memory.
 */
export class HostedRecordReads {
  constructor(
    private readonly deps: Pick<ExchangeDeps, 'db'> & {
      resource(entryId: string, executor?: Executor): Promise<HostedResource | undefined>;
    },
  ) {}

  /**
   * Every record of a hosted resource, page by page, in key order (the active items only).
   *
   * @example for await (const page of reads.pages(entryId)) count += page.records.length;
   */
  async *pages(
    entryId: string,
    options: { pageSize?: number; after?: string } = {},
  ): AsyncGenerator<ScannedPage> {
    const resource = await this.deps.resource(entryId);
    if (!resource) return;
    const columns = resource.columns.filter((c) => c.active);
    const limit = options.pageSize ?? 5_000;
    let after = options.after;
    for (;;) {
      const rows = await selectRows(this.deps.db, resource, columns, { after, limit });
      if (rows.length === 0) return;
      yield { columns, records: rows.map((row) => ({ key: row._key, values: decode(columns, row) })) };
      if (rows.length < limit) return;
      after = rows[rows.length - 1]?._key;
    }
  }

  /** The named records of a hosted resource (missing keys are left out), in key order. */
  async records(entryId: string, keys: readonly string[]): Promise<ScannedPage> {
    const resource = await this.deps.resource(entryId);
    if (!resource || keys.length === 0) return { columns: resource?.columns ?? [], records: [] };
    const columns = resource.columns.filter((c) => c.active);
    const rows = await selectRows(this.deps.db, resource, columns, { keys, limit: keys.length });
    return { columns, records: rows.map((row) => ({ key: row._key, values: decode(columns, row) })) };
  }

  /** The entries of every active hosted resource, in code order. */
  async entryIds(): Promise<string[]> {
    const rows = await tables(this.deps.db)
      .selectFrom('exchange_resource')
      .select('entry_id')
      .where('status', '=', 'active')
      .orderBy('entry_code')
      .execute();
    return rows.map((r) => r.entry_id);
  }

  /** The change log of a hosted resource after `afterSeq`, oldest first, at most `limit` changes. */
  async changesAfter(entryId: string, afterSeq: number, limit: number): Promise<Change[]> {
    const resource = await this.deps.resource(entryId);
    if (!resource) return [];
    const rows = await tables(this.deps.db)
      .selectFrom('exchange_change')
      .select(['seq', 'op', 'key', 'at', 'source'])
      .where('resource_id', '=', resource.id)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}

const decode = (columns: readonly HostedColumn[], row: Record<string, unknown>): ItemValue[] =>
  columns.map((c) => decodeValue(c, row[c.column]));
