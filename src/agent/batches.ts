import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { OutboundMapping } from './config/model.js';
import { type PlatformClient, PlatformError } from './platform-client.js';
import { MappingError, type MappingStatus } from './status.js';
import type { ExchangeRecord } from './values.js';

/** The platform takes at most this many operations a batch. */
const MAX_OPS = 5000;

export interface BatchOp {
  op: 'upsert' | 'delete';
  record: ExchangeRecord;
}

interface BatchAnswer {
  applied: number;
  unchanged: number;
  rejected: Array<{ index: number; item?: string; problem: string; detail?: string }>;
}

/** An operation and the local record it will become once acknowledged. */
export interface Planned {
  op: BatchOp;
  key: string;
  hash?: string;
}

export interface BatchSenderDeps {
  mapping: OutboundMapping;
  client: PlatformClient;
  log: Logger;
  stateDir: string;
  /** The API client the node signs in as: names the source of its changes. */
  clientId: string;
  /** Where retried failures and rejections show. */
  status: MappingStatus;
  /** Largest request body (bytes); halved when the platform answers 413. */
  maxBodyBytes?: number | undefined;
}

/**
 * Sends a mapping's operations to `POST /resources/{entryId}/batches`: in order, one request at a
 * time, each under the platform's limits. Rows the platform rejects are written to
 * `rejects-<mapping>.ndjson` in the state directory (onReject: skip) or stop the mapping (stop).
 */
export class BatchSender {
  #maxBody: number;
  /** The change log's `source` of this mapping's batches: `node:<client id>:<mapping>` in ASCII. */
  readonly #source: string;

  constructor(private readonly deps: BatchSenderDeps) {
    this.#maxBody = deps.maxBodyBytes ?? 8_000_000;
    const ascii = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
    this.#source = `node:${ascii(deps.clientId)}:${ascii(deps.mapping.name)}`.slice(0, 100);
  }

  /**
   * Posts the operations in batches the platform accepts (≤ 5,000 ops, under its body limit),
   * one at a time and in order; answers the indexes the platform rejected. A batch sent again
   * after a crash or a lost answer finds its rows unchanged and writes no change event.
   */
  async send(planned: Planned[], stop: AbortSignal): Promise<Set<number>> {
    const rejected = new Set<number>();
    let start = 0;
    while (start < planned.length) {
      let end = start;
      let bytes = 64;
      while (end < planned.length && end - start < MAX_OPS) {
        const size = Buffer.byteLength(JSON.stringify((planned[end] as Planned).op)) + 1;
        if (end > start && bytes + size > this.#maxBody) break;
        bytes += size;
        end += 1;
      }
      try {
        const answer = await this.#post(
          planned.slice(start, end).map((p) => p.op),
          stop,
        );
        for (const r of answer.rejected) rejected.add(start + r.index);
        if (answer.rejected.length > 0) this.#reportRejects(planned, start, answer.rejected);
        start = end;
      } catch (error) {
        if (error instanceof PlatformError && error.status === 413 && end - start > 1) {
          this.#maxBody = Math.max(16_384, Math.floor(this.#maxBody / 2));
          continue;
        }
        throw error;
      }
    }
    return rejected;
  }

  async #post(ops: BatchOp[], stop: AbortSignal): Promise<BatchAnswer> {
    const { mapping, client } = this.deps;
    try {
      return await client.request<BatchAnswer>(
        'POST',
        `/api/v1/exchange/resources/${encodeURIComponent(mapping.entryId)}/batches`,
        {
          body: {
            ops,
            mode: mapping.onReject === 'skip' ? 'keep_good' : 'all_or_nothing',
            source: this.#source,
          },
          stop,
          onRetry: (failure) => {
            this.deps.status.lastError = failure.message;
          },
        },
      );
    } catch (error) {
      if (
        error instanceof PlatformError &&
        error.status === 422 &&
        error.code === 'EXCHANGE_BATCH_REJECTED'
      ) {
        const details = (error.body as { error?: { details?: { rejected?: BatchAnswer['rejected'] } } })
          ?.error?.details;
        const first = details?.rejected?.slice(0, 5) ?? [];
        throw new MappingError([
          `${mapping.at}: 平台拒收批次（onReject: stop），映射已停止 / the platform rejected the batch (onReject: stop); mapping stopped: ${first
            .map((r) => `#${r.index} ${r.item ?? ''} ${r.problem} ${r.detail ?? ''}`.trim())
            .join('; ')}`,
        ]);
      }
      if (error instanceof PlatformError && !error.retryable && error.status !== 413)
        throw new MappingError([`${mapping.at}: ${error.message}`]);
      throw error;
    }
  }

  #reportRejects(planned: Planned[], offset: number, rejected: BatchAnswer['rejected']): void {
    const { mapping, stateDir, log } = this.deps;
    const at = new Date().toISOString();
    const lines = rejected.map((r) =>
      JSON.stringify({
        at,
        mapping: mapping.name,
        key: planned[offset + r.index]?.key,
        item: r.item,
        problem: r.problem,
        detail: r.detail,
      }),
    );
    appendFileSync(join(stateDir, `rejects-${mapping.name}.ndjson`), `${lines.join('\n')}\n`);
    const first = rejected[0];
    const message =
      `平台拒收 ${rejected.length} 行（见 rejects-${mapping.name}.ndjson）/ the platform rejected ${rejected.length} rows: ${first?.item ?? ''} ${first?.problem ?? ''} ${first?.detail ?? ''}`.trim();
    log.warn({ mapping: mapping.name, rejected: rejected.length }, message);
    this.deps.status.lastError = message;
  }
}
