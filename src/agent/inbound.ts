import type { Logger } from 'pino';
import type { DatabaseConfig, InboundMapping } from './config/model.js';
import type { PlatformClient } from './platform-client.js';
import { catalogItems } from './resource.js';
import type { Sink, SinkColumn, SinkRow, SinkTable } from './sinks/types.js';
import { MappingError, type MappingStatus, startingStatus } from './status.js';
import type { ExchangeValue } from './values.js';

interface ChangesAnswer {
  changes: Array<{
    seq: number;
    op: string;
    key: string;
    at: string;
    record: Record<string, ExchangeValue> | null;
  }>;
  lastSeq: number;
  hasMore: boolean;
}

export interface InboundDeps {
  mapping: InboundMapping;
  database: DatabaseConfig;
  sink: Sink;
  client: PlatformClient;
  log: Logger;
}

/** The header value of a case number: UTF-8 bytes, as the platform reads them. */
function headerText(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

/**
 * Keeps a local table equal to a subscribed resource: pulls the change feed after the local
 * cursor (long poll), and applies each pull's net effect per record together with the new cursor
 * in one transaction of the department's database.
 */
export class InboundSync {
  readonly status: MappingStatus;
  #table!: SinkTable;
  #cursor: number | undefined;
  #pendingSince: number | undefined;
  #more = false;

  constructor(private readonly deps: InboundDeps) {
    this.status = startingStatus(deps.mapping, 'inbound');
  }

  get mapping(): InboundMapping {
    return this.deps.mapping;
  }

  /** The local columns: the configured items, or every item of the catalog entry. */
  async columns(stop?: AbortSignal): Promise<SinkColumn[]> {
    const { mapping } = this.deps;
    const items = await catalogItems(this.deps.client, mapping.entryId, mapping.at, stop);
    if (mapping.items.length === 0) return items.map((spec) => ({ column: spec.item, spec }));
    const problems: string[] = [];
    const columns: SinkColumn[] = [];
    for (const ic of mapping.items) {
      const spec = items.find((i) => i.item === ic.item);
      if (!spec)
        problems.push(
          `${ic.at}: 信息项“${ic.item}”不在资源 ${mapping.entryId} 的目录信息项中 / item "${ic.item}" is not an item of resource ${mapping.entryId}`,
        );
      else columns.push({ column: ic.column, spec });
    }
    if (problems.length > 0) throw new MappingError(problems);
    return columns;
  }

  /** Checks the grant for a subscription read of these items, without reading (check command). */
  async checkGrant(columns: SinkColumn[], stop?: AbortSignal): Promise<string | undefined> {
    const { mapping, client } = this.deps;
    const answer = await client.request<{ allowed: boolean; code?: string; message?: string }>(
      'POST',
      '/api/v1/sharing/grants/check',
      {
        body: {
          entryId: mapping.entryId,
          items: columns.map((c) => c.spec.item),
          purpose: mapping.purpose,
          method: 'subscription',
        },
        stop,
      },
    );
    return answer.allowed
      ? undefined
      : `${mapping.at}: 无订阅授权 / no subscription grant: ${answer.code} ${answer.message ?? ''}`.trim();
  }

  async prepare(stop?: AbortSignal): Promise<string[]> {
    const { mapping, sink } = this.deps;
    const columns = await this.columns(stop);
    this.#table = { mapping: mapping.name, table: mapping.table, keyColumn: mapping.keyColumn, columns };
    const problems = await sink.prepare(this.#table, mapping.create);
    if (problems.length > 0) throw new MappingError(problems.map((p) => `${mapping.at}: ${p}`));
    this.#cursor = await sink.cursor(mapping.name);
    this.status.cursor = this.#cursor ?? 0;
    return [];
  }

  async #pull(after: number, limit: number, wait: number, stop: AbortSignal): Promise<ChangesAnswer> {
    const { mapping, client } = this.deps;
    const headers: Record<string, string> = { 'x-govshare-purpose': mapping.purpose };
    if (mapping.caseNumber) headers['x-govshare-case-number'] = headerText(mapping.caseNumber);
    return client.request<ChangesAnswer>(
      'GET',
      `/api/v1/exchange/resources/${encodeURIComponent(mapping.entryId)}/changes?after=${after}&limit=${limit}&wait=${wait}`,
      {
        headers,
        stop,
        abort: stop,
        timeoutMs: (wait + 30) * 1000,
        onRetry: (failure) => {
          this.status.lastError = failure.message;
        },
      },
    );
  }

  /** One pull and its application; true when more changes are waiting. */
  async step(stop: AbortSignal): Promise<boolean> {
    const { mapping, sink } = this.deps;
    if (this.#cursor === undefined && mapping.from === 'latest') {
      // Start from now: record the resource's last change as already applied.
      const probe = await this.#pull(0, 1, 0, stop);
      await sink.apply(this.#table, [], 0, probe.lastSeq);
      this.#cursor = probe.lastSeq;
    }
    const after = this.#cursor ?? 0;
    this.status.phase = 'pull';
    const answer = await this.#pull(after, mapping.batchSize, this.#more ? 0 : mapping.waitSeconds, stop);
    const last = answer.changes.at(-1);
    if (last) {
      this.status.phase = 'apply';
      // A pull's net effect: each record's current values (or its deletion) once.
      const net = new Map<string, SinkRow>();
      for (const change of answer.changes) {
        net.delete(change.key);
        net.set(change.key, {
          key: change.key,
          values: change.record ? this.#table.columns.map((c) => change.record?.[c.spec.item] ?? null) : null,
        });
      }
      await sink.apply(this.#table, [...net.values()], after, last.seq);
      this.#cursor = last.seq;
      this.status.rowsSynced += answer.changes.length;
      this.status.rowsThisRun += answer.changes.length;
      this.status.lastSyncedAt = new Date().toISOString();
    }
    this.status.lastError = null;
    this.status.lastSeq = answer.lastSeq;
    this.status.cursor = this.#cursor ?? 0;
    const behind = (this.#cursor ?? 0) < answer.lastSeq;
    if (behind) this.#pendingSince ??= Date.now();
    else this.#pendingSince = undefined;
    this.status.lagSeconds = this.#pendingSince ? (Date.now() - this.#pendingSince) / 1000 : 0;
    this.status.phase = behind ? 'catch-up' : 'idle';
    this.#more = answer.hasMore;
    return answer.hasMore;
  }
}
