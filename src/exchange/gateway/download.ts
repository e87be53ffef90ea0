import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { authorize } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { CryptoSuite } from '../../platform/config/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import type { DialectName } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';

import type { ExchangeAccess, OpenedRead } from '../access.js';
import { keyColumns } from '../hosting/columns.js';
import type { HostedResource, RecordVerification } from '../model.js';
import { ExchangeActions } from '../policies.js';
import type { ExchangeDb } from '../schema.js';
import { type CursorBox, QueryCursors } from './cursor.js';
import { GatewayErrors } from './errors.js';
import {
  csvLine,
  type DownloadFormat,
  lineWriter,
  SEALED_FIELD,
  UNDER_VERIFICATION_FIELD,
  UTF8_BOM,
} from './formats.js';
import { verificationMarks } from './marks.js';
import { rowProjector } from './masking.js';
import { sealedRows, selectRows } from './rows.js';
import type { ExchangeDownloadTable } from './schema.js';

/** Rows a download reads per SELECT: big enough to keep the database busy, small in memory. */
export const DOWNLOAD_BATCH = 2000;

/**
 * What vouches for a download: how many data lines it held and their digest, so that a consumer
 * can check it received every byte. `lastKey` is given only when the reader sees the key items in
 * clear; `resume` always works as `after` of the next download.
 */
export interface DownloadManifest {
  downloadId: string;
  entryId: string;
  grantId: string;
  format: DownloadFormat;
  items: string[];
  rows: number;
  algorithm: 'sm3' | 'sha256';
  /** Hex digest (SM3 or SHA-256, see `algorithm`) of the data lines' UTF-8 bytes, line ends included. */
  digest: string | null;
  sm3?: string;
  sha256?: string;
  after: string | null;
  lastKey: string | null;
  resume: string | null;
  /** The resource's last change when the download began: pull changes after it to catch up. */
  snapshotSeq: number;
  status: ExchangeDownloadTable['status'];
  startedAt: string;
  generatedAt: string | null;
}

export interface DownloadStream {
  id: string;
  stream: Readable;
  /** Resolves with the manifest once the last data line has been read. */
  manifest: () => DownloadManifest | undefined;
}

export interface DownloadsDeps {
  db: ExchangeDb;
  dialect: DialectName;
  clock: Clock;
  cryptoSuite: CryptoSuite;
  box: CursorBox;
  access: Pick<ExchangeAccess<HostedResource>, 'recordRead'>;
  /** Records under verification, marked per batch (R83); none where unbound. */
  verification?: RecordVerification | undefined;
}

/** Whether the reader receives every key item, unmasked: only then may it see and send raw keys. */
function keysInClear(read: OpenedRead<HostedResource>): boolean {
  return keyColumns(read.resource.columns).every(
    (k) => read.columns.some((c) => c.item === k.item) && !read.masked.has(k.item),
  );
}

/**
 * Batch downloads (批量下载): every granted record in key order, read in keyset batches and
 * streamed with backpressure, so memory stays flat whatever the size. The access entry is written
 * before the first byte; the download's row (its manifest) completes it when the stream ends.
 * A download is not a snapshot: rows changed while it runs may come with their newer values; a
 * consumer that then pulls changes after `snapshotSeq` converges on the provider's data.
 */
export class Downloads {
  readonly #tokens: QueryCursors;

  constructor(private readonly deps: DownloadsDeps) {
    this.#tokens = new QueryCursors(deps.box);
  }

  /** The key after which to start: a resume token, or a raw key when the reader sees keys in clear. */
  startKey(read: OpenedRead<HostedResource>, after: string | undefined): string | undefined {
    if (after === undefined || after === '') return undefined;
    const scope = `download:${read.resource.entry.id}`;
    try {
      return this.#tokens.decode(scope, after);
    } catch (error) {
      // A masked reader sending raw keys could bisect its way to the digits masking hides.
      if (!keysInClear(read)) throw error;
      return after;
    }
  }

  /** Writes the access entry and the download's row, then gives the stream of its lines. */
  async start(
    ctx: RequestContext,
    read: OpenedRead<HostedResource>,
    options: { format: DownloadFormat; after?: string | undefined },
  ): Promise<DownloadStream> {
    const after = this.startKey(read, options.after);
    const id = newId(this.deps.clock.now());
    const startedAt = this.deps.clock.now().toISOString();
    const snapshotSeq = read.resource.lastSeq;
    const items = read.columns.map((c) => c.item);
    const receipt = await this.deps.access.recordRead(ctx, read, {
      keys: [],
      resultCount: 0,
      detail: { downloadId: id, format: options.format, after: after ?? null, snapshotSeq },
    });
    const algorithm = this.deps.cryptoSuite === 'sm' ? 'sm3' : 'sha256';
    await this.deps.db
      .insertInto('exchange_download')
      .values({
        id,
        entry_id: read.resource.entry.id,
        resource_id: read.resource.id,
        grant_id: read.grant.id,
        consumer_department_id: ctx.actor.departmentId,
        actor_kind: ctx.actor.kind,
        actor_id: ctx.actor.id,
        format: options.format,
        items: JSON.stringify(items),
        purpose: read.statement.purpose,
        case_number: read.statement.caseNumber ?? null,
        keys_clear: keysInClear(read) ? 1 : 0,
        after_key: after ?? null,
        last_key: null,
        rows: 0,
        algorithm,
        digest: null,
        snapshot_seq: snapshotSeq,
        status: 'running',
        audit_seq: receipt.seq,
        started_at: startedAt,
        finished_at: null,
      })
      .execute();
    let manifest: DownloadManifest | undefined;
    const lines = this.#lines(read, { id, format: options.format, after, items, algorithm }, (row) => {
      manifest = this.#manifest(row);
    });
    return { id, stream: Readable.from(lines, { highWaterMark: 2 }), manifest: () => manifest };
  }

  async *#lines(
    read: OpenedRead<HostedResource>,
    plan: {
      id: string;
      format: DownloadFormat;
      after: string | undefined;
      items: string[];
      algorithm: string;
    },
    done: (row: ExchangeDownloadTable) => void,
  ): AsyncGenerator<string> {
    const hash = createHash(plan.algorithm);
    const project = rowProjector(read);
    // The mark is the last column of a CSV line; an NDJSON record carries it only when true.
    const columns = [...plan.items, UNDER_VERIFICATION_FIELD];
    const write = lineWriter(plan.format, columns);
    let rows = 0;
    let lastKey = plan.after;
    let status: ExchangeDownloadTable['status'] = 'aborted';
    try {
      if (plan.format === 'csv') yield `${UTF8_BOM}${csvLine(columns)}`;
      for (;;) {
        const batch = await selectRows(this.deps.db, read.resource, read.columns, {
          after: lastKey,
          limit: DOWNLOAD_BATCH,
        });
        if (batch.length === 0) break;
        // Asked once per batch, so that streaming stays streaming (R83).
        const marked = await verificationMarks(
          this.deps.verification,
          read.resource.entry.id,
          batch.map((row) => String(row._key)),
        );
        // R106: an NDJSON line of a sealed record carries it, ready for the seal verification.
        const seals =
          plan.format === 'ndjson'
            ? new Map((await sealedRows(this.deps.db, read, batch)).map((r) => [r.document.key, r]))
            : undefined;
        let chunk = '';
        for (const row of batch) {
          const record = project(row);
          const mark = marked(String(row._key));
          if (mark || plan.format === 'csv') record[UNDER_VERIFICATION_FIELD] = mark;
          const sealed = seals?.get(String(row._key));
          chunk += sealed ? `${JSON.stringify({ ...record, [SEALED_FIELD]: sealed })}\n` : write(record);
        }
        hash.update(chunk, 'utf8');
        rows += batch.length;
        lastKey = String(batch[batch.length - 1]?._key);
        yield chunk;
        if (batch.length < DOWNLOAD_BATCH) break;
      }
      status = 'complete';
      const row = await this.#finish(plan.id, { status, rows, lastKey, digest: hash.digest('hex') });
      done(row);
      if (plan.format === 'ndjson') yield `${JSON.stringify({ manifest: this.#manifest(row) })}\n`;
    } catch (error) {
      status = 'failed';
      throw error;
    } finally {
      if (status !== 'complete')
        await this.#finish(plan.id, { status, rows, lastKey, digest: null }).catch(() => undefined);
    }
  }

  async #finish(
    id: string,
    end: {
      status: ExchangeDownloadTable['status'];
      rows: number;
      lastKey: string | undefined;
      digest: string | null;
    },
  ): Promise<ExchangeDownloadTable> {
    return this.deps.db
      .updateTable('exchange_download')
      .set({
        status: end.status,
        rows: end.rows,
        last_key: end.lastKey ?? null,
        digest: end.digest,
        finished_at: this.deps.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  #manifest(row: ExchangeDownloadTable): DownloadManifest {
    const clear = Number(row.keys_clear) === 1;
    const scope = `download:${row.entry_id}`;
    const algorithm = row.algorithm === 'sm3' ? 'sm3' : 'sha256';
    return {
      downloadId: row.id,
      entryId: row.entry_id,
      grantId: row.grant_id,
      format: row.format as DownloadFormat,
      items: JSON.parse(row.items) as string[],
      rows: Number(row.rows),
      algorithm,
      digest: row.digest,
      ...(row.digest ? { [algorithm]: row.digest } : {}),
      after:
        row.after_key === null ? null : clear ? row.after_key : this.#tokens.encode(scope, row.after_key),
      lastKey: clear ? row.last_key : null,
      resume: row.last_key === null ? null : this.#tokens.encode(scope, row.last_key),
      snapshotSeq: Number(row.snapshot_seq),
      status: row.status,
      startedAt: row.started_at,
      generatedAt: row.finished_at,
    };
  }

  /** A download's manifest, for the consumer department that made it. */
  async manifestOf(actor: Actor, id: string): Promise<DownloadManifest> {
    const row = await this.deps.db
      .selectFrom('exchange_download')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    // Another department's download does not exist for this reader.
    if (!row || row.consumer_department_id !== actor.departmentId) {
      authorize(actor, ExchangeActions['exchange.read'], { departmentId: actor.departmentId });
      throw GatewayErrors.error('EXCHANGE_DOWNLOAD_NOT_FOUND', { id });
    }
    authorize(actor, ExchangeActions['exchange.read'], { departmentId: row.consumer_department_id });
    return this.#manifest(row);
  }
}
