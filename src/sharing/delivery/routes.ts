import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, ROLES, requestContext } from '../../org/index.js';
import { Nullable } from '../../platform/http/index.js';
import { Id, IdParams, sharingErrors, strict } from '../routes/schemas.js';
import type { ChannelService } from './channels.js';
import { CHANNEL_KINDS, DELIVERY_STATUSES, SIGNATURE_ALGORITHMS } from './schema.js';

const tags = ['notices'];
const API = '/api/v1/sharing/channels';
const literals = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

const Kind = literals(CHANNEL_KINDS, '邮件 / webhook — e-mail or webhook');
const Algorithm = literals(SIGNATURE_ALGORITHMS, '签名算法 HMAC-SHA256 / HMAC-SM3 — webhook signature');
const RoleSchema = literals(ROLES, '只接收发给该角色的通知 / only notices for this role');

const ChannelSchema = Type.Object({
  id: Type.String(),
  departmentId: Type.String(),
  role: Nullable(RoleSchema),
  kind: Kind,
  target: Type.String(),
  algorithm: Nullable(Algorithm),
  createdAt: Type.String(),
});

const DeliverySchema = Type.Object({
  id: Type.String(),
  noticeId: Type.String(),
  kind: Kind,
  target: Type.String(),
  status: literals(DELIVERY_STATUSES, '投递状态 / delivery status'),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

/** A department's notice channels (e-mail, signed webhooks) and their delivery record. */
export const channelRoutes =
  (deps: { channels: ChannelService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '本部门的通知渠道（邮件、Webhook）/ Notice channels of a department',
          querystring: Type.Object({ departmentId: Type.Optional(Id) }, strict),
          response: {
            200: Type.Object({ items: Type.Array(ChannelSchema) }),
            ...sharingErrors('ORG_DEPARTMENT_NOT_FOUND'),
          },
        },
      },
      async (request) => ({
        items: await deps.channels.list(actorOf(request), request.query.departmentId),
      }),
    );

    app.post(
      API,
      {
        schema: {
          tags,
          summary:
            '添加通知渠道；Webhook 密钥只在此时返回一次 / Add a channel; a webhook secret is shown once',
          body: Type.Object(
            {
              departmentId: Type.Optional(Id),
              role: Type.Optional(RoleSchema),
              kind: Kind,
              target: Type.String({
                minLength: 3,
                maxLength: 2000,
                description: '邮箱或 URL / address or URL',
              }),
              algorithm: Type.Optional(Algorithm),
              secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
            },
            strict,
          ),
          response: {
            201: Type.Object({ channel: ChannelSchema, secret: Nullable(Type.String()) }),
            ...sharingErrors('ORG_DEPARTMENT_NOT_FOUND', 'CHANNEL_TARGET_INVALID', 'CHANNEL_EMAIL_DISABLED'),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.channels.add(requestContext(request), request.body)),
    );

    app.delete(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '删除通知渠道 / Remove a channel',
          params: IdParams,
          response: { 204: Type.Null(), ...sharingErrors('CHANNEL_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        await deps.channels.remove(requestContext(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      `${API}/:id/deliveries`,
      {
        schema: {
          tags,
          summary: '渠道的投递记录 / Deliveries of a channel with their status',
          params: IdParams,
          response: {
            200: Type.Object({ items: Type.Array(DeliverySchema) }),
            ...sharingErrors('CHANNEL_NOT_FOUND'),
          },
        },
      },
      async (request) => ({ items: await deps.channels.deliveries(actorOf(request), request.params.id) }),
    );
  };
