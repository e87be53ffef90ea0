import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { newId } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { type ExchangeAccess, readStatementOf } from '../access.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';
import { strict, tags } from '../schemas.js';
import { GatewayErrors } from './errors.js';
import { CONTENT_TYPES, type DownloadFormat } from './formats.js';
import { KeyQuery } from './query.js';
import { readLimiter } from './rate-limit.js';
import {
  DownloadQuery,
  EntryParams,
  ManifestSchema,
  QueryAnswerSchema,
  QueryBodySchema,
  ReadHeaders,
  readErrors,
} from './schemas.js';
import type { GatewayServices } from './services.js';
import type { SnapshotKind } from './snapshots.js';

const API = '/api/v1/exchange';

export interface GatewayDeps extends ExchangeDeps {
  access: ExchangeAccess<HostedResource>;
  gateway: GatewayServices;
}

/** Items named in a query string: `a,b` (trimmed, each once). */
function itemList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = [...new Set(text.split(',').map((i) => i.trim()))];
  items.forEach((item, index) => {
    if (item === '' || item.length > 200)
      throw CommonErrors.error('VALIDATION_FAILED', {
        field: `/querystring/items/${index}`,
        reason: 'empty or too long',
      });
  });
  return items;
}

/** A file name header that survives any entry code: ASCII fallback plus RFC 5987 UTF-8. */
function attachment(code: string, format: DownloadFormat): string {
  const name = `${code.replace(/[/\\]/g, '-')}.${format}`;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const KIND_NAME = {
  document: { zh: '文书类', en: 'document-type' },
  licence: { zh: '证照类', en: 'licence-type' },
};

function snapshotCaseRequired(name: string, kind: SnapshotKind) {
  return GatewayErrors.error('EXCHANGE_SNAPSHOT_CASE_REQUIRED', {
    field: '/headers/x-govshare-case-number',
    name: name.slice(0, 100),
    kind: KIND_NAME[kind].zh,
    kindEn: KIND_NAME[kind].en,
  });
}

/** The read side of hosted data: key queries (联机查询) and batch downloads (批量下载). */
export const gatewayRoutes =
  (deps: GatewayDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { access } = deps;
    const { queryAccess, query, downloads } = deps.gateway;
    const { snapshots } = deps;
    const limitRead = readLimiter(app, { config: deps.config, access });

    app.post(
      `${API}/resources/:entryId/query`,
      {
        schema: {
          tags,
          summary: '联机查询：按键值或键信息项查询记录 / Key query',
          description:
            '按授权返回信息项，未明文授权的个人信息项脱敏；每次查询记一条访问日志（含查询的键值）；查无记录的键值在 notFound 中列出。/ Returns the granted items, personal ones masked unless granted in clear; keys that match nothing are listed in notFound; every query writes one access entry naming the keys.',
          params: EntryParams,
          headers: ReadHeaders,
          body: QueryBodySchema,
          response: {
            200: QueryAnswerSchema,
            ...readErrors(
              'EXCHANGE_QUERY_KEYS_REQUIRED',
              'EXCHANGE_KEY_INVALID',
              'EXCHANGE_FILTER_NOT_KEY',
              'EXCHANGE_CURSOR_INVALID',
              'EXCHANGE_SNAPSHOT_CASE_REQUIRED',
            ),
          },
        },
      },
      async (request, reply) => {
        const statement = readStatementOf(request.headers);
        const ctx = requestContext(request);
        const { body } = request;
        const read = await queryAccess.open(
          ctx,
          request.params.entryId,
          'online_query',
          statement,
          body.items,
          {
            asked: (resource) => query.askedKeys(resource, body),
          },
        );
        await limitRead(reply, ctx, read);
        // R107: a document- or licence-type resource fixes a snapshot under the stated case number.
        const kindOf = snapshots?.kindOf(read.resource) ?? null;
        const kind = kindOf instanceof Promise ? await kindOf : kindOf;
        if (kind && !read.statement.caseNumber)
          await queryAccess.refuseRead(ctx, read, snapshotCaseRequired(read.resource.entry.name, kind));
        const lookup = query.lookupOf(read.resource, body);
        const page = await query.run(read, lookup, body);
        const result = {
          keys: page.keys,
          resultCount: page.found,
          detail: {
            ...KeyQuery.describe(lookup),
            ...(page.notFound === undefined ? {} : { notFound: page.notFound }),
            page: body.cursor ? 'next' : 'first',
          },
        };
        if (!kind || !snapshots) {
          // The trace first: no record leaves before its access entry is durable.
          await queryAccess.recordRead(ctx, read, result);
          return page.answer;
        }
        // The snapshot commits with the access entry, which names it, or neither does.
        const snapshotId = newId(deps.clock.now());
        const records = page.answer.records.map((values, i) => ({ key: page.returned[i] ?? '', values }));
        await queryAccess.recordReadWith(
          ctx,
          read,
          { ...result, detail: { ...result.detail, snapshotId } },
          (trx) => snapshots.record(trx, { id: snapshotId, ctx, kind, read, records }),
        );
        return { ...page.answer, snapshotId };
      },
    );

    app.get(
      `${API}/resources/:entryId/download`,
      {
        schema: {
          tags,
          summary: '批量下载（CSV / NDJSON，按键排序，可续传）/ Batch download',
          description:
            'CSV 带 UTF-8 BOM 与信息项表头，末列 under_verification（true/false）标明记录是否校核中；NDJSON 中校核中的记录带 "under_verification": true，最后一行为清单 {"manifest":{…}}。清单含数据行数与数据行字节的 SM3/SHA-256 摘要；CSV 的清单见 GET /downloads/{id}/manifest（响应头 x-govshare-download-id）及 HTTP trailer。/ CSV with BOM and header, its last column under_verification (true/false) marks records under verification (R83); in NDJSON such a record carries "under_verification": true, and a manifest line ends the stream; the CSV manifest is served by id and as trailers.',
          params: EntryParams,
          headers: ReadHeaders,
          querystring: DownloadQuery,
          response: { ...readErrors('EXCHANGE_CURSOR_INVALID') },
        },
      },
      async (request, reply) => {
        const statement = readStatementOf(request.headers);
        const ctx = requestContext(request);
        const format = request.query.format ?? 'csv';
        const items = itemList(request.query.items);
        const read = await access.open(ctx, request.params.entryId, 'batch_download', statement, items);
        await limitRead(reply, ctx, read);
        const download = await downloads.start(ctx, read, { format, after: request.query.after });
        reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', attachment(read.resource.entry.code, format))
          .header('x-govshare-download-id', download.id)
          .header('x-govshare-snapshot-seq', String(read.resource.lastSeq))
          .header('cache-control', 'no-store');
        if (format === 'csv') {
          reply.trailer('x-govshare-rows', async () => String(download.manifest()?.rows ?? ''));
          reply.trailer('x-govshare-digest', async () => {
            const manifest = download.manifest();
            return manifest?.digest ? `${manifest.algorithm}=${manifest.digest}` : '';
          });
        }
        return reply.send(download.stream);
      },
    );

    app.get(
      `${API}/downloads/:id/manifest`,
      {
        schema: {
          tags,
          summary: '批量下载的清单（行数、摘要、键范围）/ A download’s manifest',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict),
          response: { 200: ManifestSchema, ...readErrors('EXCHANGE_DOWNLOAD_NOT_FOUND') },
        },
      },
      async (request) => downloads.manifestOf(actorOf(request), request.params.id),
    );
  };
