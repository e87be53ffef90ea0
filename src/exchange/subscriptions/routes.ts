import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Nullable } from '../../platform/http/index.js';
import { GRANT_REFUSALS, PURPOSES, SIGNATURE_ALGORITHMS } from '../../sharing/index.js';
import { readStatementOf } from '../access.js';
import { readLimiter } from '../gateway/rate-limit.js';
import { READ_ERRORS } from '../gateway/schemas.js';
import { CHANGE_OPS } from '../model.js';
import { Id, literals, strict, tags } from '../schemas.js';
import { FEED_MAX_LIMIT } from './feed.js';
import { DEFAULT_PULL_LIMIT, MAX_WAIT_SECONDS } from './pull.js';
import { ATTEMPT_OUTCOMES, SUBSCRIPTION_MODES, SUBSCRIPTION_STATUSES } from './schema.js';
import type { SubscriptionService } from './service.js';

const API = '/api/v1/exchange';
const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

const ChangeSchema = Type.Object({
  seq: Type.Integer({ description: '变更序号（每个资源连续递增）/ sequence number, gapless per resource' }),
  op: literals(CHANGE_OPS, '新增 / 修改 / 删除 — insert, update, delete'),
  key: Type.String({ description: '记录的规范主键 / canonical record key' }),
  at: Type.String(),
  record: Nullable(
    Type.Record(Type.String(), Value, {
      description:
        '该记录当前的已授权信息项（按授权脱敏）；删除或记录已不存在时为 null / the granted items of the current row, masked as granted; null for a delete',
    }),
  ),
  underVerification: Type.Optional(
    Type.Literal(true, {
      description:
        '校核中：有未办结的校核申请指向该记录（或整个资源），记录照常提供；推送的变更同样带此标记 / under verification: an open verification request names the record (or the whole resource); still served. Pushed changes carry it too (R83)',
    }),
  ),
});

const FeedSchema = Type.Object({
  changes: Type.Array(ChangeSchema),
  lastSeq: Type.Integer({ description: '资源当前最新序号 / the resource’s last sequence number' }),
  hasMore: Type.Boolean(),
});

const Purpose = literals(PURPOSES, '使用用途 / purpose');
const Mode = literals(SUBSCRIPTION_MODES, '拉取 / 推送 — pull or push');
const Algorithm = literals(SIGNATURE_ALGORITHMS, '推送签名算法 HMAC-SM3 / HMAC-SHA256 — push signature');
const Status = literals(
  SUBSCRIPTION_STATUSES,
  '有效 / 暂停（授权不再允许）/ 死信 / 已删除 — active, paused (grant no longer allows), dead-lettered, deleted',
);

const SubscriptionSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  entryCode: Nullable(Type.String()),
  entryName: Nullable(Type.String()),
  departmentId: Type.String(),
  purpose: Purpose,
  mode: Mode,
  url: Nullable(Type.String()),
  algorithm: Nullable(Algorithm),
  status: Status,
  statusReason: Nullable(Type.String({ description: '暂停原因代码 / why paused (error code)' })),
  ackedSeq: Type.Integer({ description: '已确认送达的最后序号 / last acknowledged sequence number' }),
  lastSeq: Type.Integer(),
  lag: Type.Integer({ description: '待推送的变更数 / changes waiting to be pushed' }),
  attempts: Type.Integer({ description: '连续失败次数 / failed attempts in a row' }),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  lastAttemptAt: Nullable(Type.String()),
  lastDeliveredAt: Nullable(Type.String()),
  deliveredChanges: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Type.Object({
    kind: Type.Union([Type.Literal('user'), Type.Literal('client')]),
    id: Type.String(),
    name: Type.String(),
  }),
});

const DeadLetterSchema = Type.Object({
  id: Type.String(),
  fromSeq: Type.Integer(),
  toSeq: Type.Integer(),
  changes: Type.Integer(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  firstFailedAt: Type.String(),
  deadLetteredAt: Type.String(),
  retriedAt: Nullable(Type.String()),
});

const AttemptSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  fromSeq: Type.Integer(),
  toSeq: Type.Integer(),
  changes: Type.Integer(),
  outcome: literals(ATTEMPT_OUTCOMES, '送达 / 失败 / 暂停 — delivered, failed, paused'),
  statusCode: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  durationMs: Type.Integer(),
});

const IdParams = Type.Object({ id: Id });
const NOT_FOUND = errorResponses('EXCHANGE_SUBSCRIPTION_NOT_FOUND');

/**
 * The change feed and subscriptions (订阅/推送): `changes after N` with long polling, and the
 * consumer's pull and push subscriptions with their delivery log and dead letters.
 */
export const subscriptionRoutes =
  (deps: { subscriptions: SubscriptionService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { subscriptions } = deps;
    const limitRead = readLimiter(app, {
      config: subscriptions.deps.config,
      access: subscriptions.deps.access,
    });

    app.get(
      `${API}/resources/:entryId/changes`,
      {
        schema: {
          tags,
          summary:
            '变更订阅（拉取）：序号 after 之后的变更，可长轮询等待 / Changes after a sequence number (pull), with long polling',
          description:
            '请求头 X-Govshare-Purpose 必填。按序号升序返回 after 之后至多 limit 条变更；wait 秒内无变更时等待新变更提交（长轮询）。每次拉取写一条访问审计记录。/ Requires the X-Govshare-Purpose header. Each pull writes one access entry.',
          params: Type.Object({ entryId: Id }),
          querystring: Type.Object(
            {
              after: Type.Integer({
                minimum: 0,
                default: 0,
                description: '上次收到的最后序号 / last seq received',
              }),
              limit: Type.Integer({ minimum: 1, maximum: FEED_MAX_LIMIT, default: DEFAULT_PULL_LIMIT }),
              wait: Type.Integer({
                minimum: 0,
                maximum: MAX_WAIT_SECONDS,
                default: 0,
                description: '无变更时最长等待秒数（长轮询）/ seconds to wait for a change (long poll)',
              }),
            },
            strict,
          ),
          response: { 200: FeedSchema, ...errorResponses(...READ_ERRORS) },
        },
      },
      async (request, reply) => {
        const ctx = requestContext(request);
        const statement = readStatementOf(request.headers);
        const gone = new AbortController();
        const onClose = () => {
          if (!reply.sent) gone.abort();
        };
        reply.raw.once('close', onClose);
        try {
          const page = await subscriptions.feed.pull(ctx, request.params.entryId, statement, request.query, {
            opened: (read) => limitRead(reply, ctx, read),
            abort: AbortSignal.any([gone.signal, subscriptions.closing]),
          });
          reply.header('cache-control', 'no-store');
          return page;
        } finally {
          reply.raw.off('close', onClose);
        }
      },
    );

    app.post(
      `${API}/subscriptions`,
      {
        schema: {
          tags,
          summary:
            '订阅资源变更（拉取或推送）；推送密钥只在此时返回一次 / Subscribe to a resource’s changes; a push secret is shown once',
          body: Type.Object(
            {
              entryId: Id,
              purpose: Purpose,
              mode: Mode,
              url: Type.Optional(
                Type.String({ minLength: 1, maxLength: 2000, description: '推送地址 / push URL' }),
              ),
              algorithm: Type.Optional(Algorithm),
              fromSeq: Type.Optional(
                Type.Integer({
                  minimum: 0,
                  description:
                    '从该序号之后开始推送，默认为当前最新序号 / push changes after this seq; default: the last one now',
                }),
              ),
            },
            strict,
          ),
          response: {
            201: Type.Object({ subscription: SubscriptionSchema, secret: Nullable(Type.String()) }),
            ...errorResponses(
              'EXCHANGE_NOT_HOSTED',
              'EXCHANGE_SUBSCRIPTION_URL_INVALID',
              'EXCHANGE_SUBSCRIPTION_FROM_SEQ_INVALID',
              ...GRANT_REFUSALS,
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await subscriptions.manager.create(requestContext(request), request.body)),
    );

    app.get(
      `${API}/subscriptions`,
      {
        schema: {
          tags,
          summary: '本部门的订阅 / Subscriptions of the department',
          querystring: Type.Object({ entryId: Type.Optional(Id), status: Type.Optional(Status) }, strict),
          response: { 200: Type.Object({ items: Type.Array(SubscriptionSchema) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await subscriptions.manager.list(actorOf(request), request.query) }),
    );

    app.get(
      `${API}/subscriptions/:id`,
      {
        schema: {
          tags,
          summary: '订阅详情及推送状态 / A subscription and its delivery state',
          params: IdParams,
          response: { 200: SubscriptionSchema, ...NOT_FOUND },
        },
      },
      async (request) => subscriptions.manager.get(actorOf(request), request.params.id),
    );

    app.delete(
      `${API}/subscriptions/:id`,
      {
        schema: {
          tags,
          summary: '取消订阅 / Delete a subscription',
          params: IdParams,
          response: { 204: Type.Null(), ...NOT_FOUND },
        },
      },
      async (request, reply) => {
        await subscriptions.manager.remove(requestContext(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      `${API}/subscriptions/:id/dead-letters`,
      {
        schema: {
          tags,
          summary: '推送死信（多次推送失败的批次）/ Dead letters: batches that exhausted their attempts',
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(DeadLetterSchema) }), ...NOT_FOUND },
        },
      },
      async (request) => ({
        items: await subscriptions.manager.deadLetters(actorOf(request), request.params.id),
      }),
    );

    app.get(
      `${API}/subscriptions/:id/attempts`,
      {
        schema: {
          tags,
          summary: '推送尝试记录 / Delivery attempts, newest first',
          params: IdParams,
          querystring: Type.Object(
            { limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) },
            strict,
          ),
          response: { 200: Type.Object({ items: Type.Array(AttemptSchema) }), ...NOT_FOUND },
        },
      },
      async (request) => ({
        items: await subscriptions.manager.attempts(actorOf(request), request.params.id, request.query.limit),
      }),
    );

    app.post(
      `${API}/subscriptions/:id/retry`,
      {
        schema: {
          tags,
          summary:
            '重试：死信订阅从已确认位置恢复推送，暂停的订阅立即复查授权 / Retry: resume a dead-lettered push from its cursor, recheck a paused one now',
          params: IdParams,
          response: {
            200: SubscriptionSchema,
            ...errorResponses('EXCHANGE_SUBSCRIPTION_NOT_FOUND', 'EXCHANGE_SUBSCRIPTION_NOT_RETRYABLE'),
          },
        },
      },
      async (request) => subscriptions.manager.retry(requestContext(request), request.params.id),
    );
  };
