import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { AppError, localeFrom } from '../../platform/errors/index.js';
import { readStatementOf } from '../access.js';
import { readLimiter } from '../gateway/rate-limit.js';
import { READ_ERRORS, ReadHeaders } from '../gateway/schemas.js';
import type { ExchangeDeps } from '../index.js';
import { PURPOSE_HEADER } from '../model.js';
import { tags } from '../schemas.js';
import type { Rejection } from './errors.js';
import { loadRoutes } from './loads/routes.js';
import {
  BatchBody,
  BatchRejectedSchema,
  BatchResultSchema,
  ChangeSchema,
  EntryParams,
  HostedResourceSchema,
  hostingErrors,
  Id,
  strict,
} from './schemas.js';
import type { HostingService } from './service.js';

export const API = '/api/v1/exchange/resources';
/** A full batch of 5,000 records with long text items fits; the platform default is 1 MiB. */
const BATCH_BODY_LIMIT = 32 * 1024 * 1024;

/** Hosting: host an entry, write its records, follow its catalog versions, read its change log. */
export const hostingRoutes =
  (deps: ExchangeDeps & { hosting: HostingService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { hosting } = deps;
    // Its own context: the raw-body parser of uploads reaches no other route.
    await app.register(loadRoutes(deps));

    app.post(
      API,
      {
        schema: {
          tags,
          summary: '集中存放某已发布资源的数据（按已发布版本建表）/ Host a published resource',
          body: Type.Object({ entryId: Id }, strict),
          response: {
            201: HostedResourceSchema,
            ...hostingErrors(
              'CATALOG_NOT_FOUND',
              'EXCHANGE_ALREADY_HOSTED',
              'EXCHANGE_ENTRY_NOT_PUBLISHED',
              'EXCHANGE_ENTRY_NOT_SHARED',
              'EXCHANGE_NO_KEY_ITEM',
            ),
          },
        },
      },
      async (request, reply) => {
        const resource = await hosting.host(requestContext(request), request.body.entryId);
        return reply.status(201).send(resource);
      },
    );

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '托管资源列表（本部门提供的 / 可见范围内全部）/ Hosted resources',
          querystring: Type.Object(
            {
              as: Type.Optional(Type.Union([Type.Literal('provided'), Type.Literal('all')])),
              page: Type.Integer({ minimum: 1, default: 1 }),
              pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(HostedResourceSchema), total: Type.Integer() }),
            ...hostingErrors(),
          },
        },
      },
      async (request) => hosting.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/:entryId`,
      {
        schema: {
          tags,
          summary: '托管资源：信息项、记录数、最新变更 / A hosted resource',
          params: EntryParams,
          response: { 200: HostedResourceSchema, ...hostingErrors('EXCHANGE_NOT_HOSTED') },
        },
      },
      async (request) => hosting.get(actorOf(request), request.params.entryId),
    );

    app.post(
      `${API}/:entryId/sync`,
      {
        schema: {
          tags,
          summary: '按最新发布的目录版本调整托管表（新增信息项加列）/ Follow the latest published version',
          params: EntryParams,
          response: {
            200: HostedResourceSchema,
            ...hostingErrors(
              'EXCHANGE_NOT_HOSTED',
              'CATALOG_NOT_FOUND',
              'EXCHANGE_ENTRY_NOT_PUBLISHED',
              'EXCHANGE_KEY_CHANGED',
            ),
          },
        },
      },
      async (request) => hosting.sync(requestContext(request), request.params.entryId),
    );

    app.post(
      `${API}/:entryId/batches`,
      {
        bodyLimit: BATCH_BODY_LIMIT,
        schema: {
          tags,
          summary: '批量写入记录（新增 / 新增或更新 / 删除，至多 5000 条）/ Write a batch of records',
          description:
            '与已存记录完全相同的新增或更新、删除不存在的记录计为 unchanged，不产生变更日志。all_or_nothing（默认）下任一记录有误则整批不写入，返回 422 EXCHANGE_BATCH_REJECTED，error.details.rejected 列出有误记录。/ ' +
            'An upsert identical to the stored row, or a delete of an absent key, is unchanged and writes no change. With all_or_nothing (default) any bad record rejects the batch: 422 EXCHANGE_BATCH_REJECTED with error.details.rejected.',
          params: EntryParams,
          body: BatchBody,
          response: {
            200: BatchResultSchema,
            ...hostingErrors('EXCHANGE_NOT_HOSTED', 'EXCHANGE_RESOURCE_SUSPENDED', 'EXCHANGE_KEY_CHANGED'),
            422: BatchRejectedSchema,
          },
        },
      },
      async (request, reply) => {
        try {
          return await hosting.applyBatch(requestContext(request), request.params.entryId, request.body.ops, {
            mode: request.body.mode,
            source: request.body.source,
          });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'EXCHANGE_BATCH_REJECTED') throw error;
          const locale = localeFrom(request.headers['accept-language']);
          return reply
            .status(422)
            .header('content-language', locale)
            .send({
              error: {
                code: error.code,
                message: error.localized(locale),
                requestId: request.id,
                details: { rejected: error.params.rejected as Rejection[] },
              },
            });
        }
      },
    );

    const limitRead = readLimiter(app, { config: deps.config, access: hosting.changeLog.access });

    app.get(
      `${API}/:entryId/change-log`,
      {
        schema: {
          tags,
          summary: '变更日志 / The change log',
          description:
            '变更日志列出每条记录的主键，按数据读取同样检查和留痕：提供部门本部门用户与系统看到主键；使用部门须持有订阅方式的有效授权并填写 X-Govshare-Purpose，看到与变更订阅相同的主键（未明文授权时为假名）；平台管理、审计和主管部门人员只看到主键的密钥摘要（~ 开头）。每次读取写一条访问审计记录，拒绝亦然。/ ' +
            'The change log names every record key, so it is read like the records: the provider’s own users and systems see keys; a consumer needs a subscription grant and the X-Govshare-Purpose header and sees keys as its change feed shows them; platform staff see keyed digests (starting with ~). Every read, and every refusal, writes one access entry.',
          params: EntryParams,
          headers: ReadHeaders,
          querystring: Type.Object(
            {
              after: Type.Integer({ minimum: 0, default: 0 }),
              limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              changes: Type.Array(ChangeSchema),
              lastSeq: Type.Integer(),
              hasMore: Type.Boolean(),
            }),
            ...hostingErrors(...READ_ERRORS),
          },
        },
      },
      async (request, reply) => {
        // The provider and platform staff may leave the purpose out; a consumer may not.
        const statement =
          request.headers[PURPOSE_HEADER] === undefined ? undefined : readStatementOf(request.headers);
        const ctx = requestContext(request);
        const page = await hosting.changeLog.read(ctx, request.params.entryId, statement, request.query, {
          opened: (read) => limitRead(reply, ctx, read),
        });
        reply.header('cache-control', 'no-store');
        return page;
      },
    );
  };
