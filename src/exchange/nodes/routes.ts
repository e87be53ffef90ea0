import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Nullable } from '../../platform/http/index.js';
import type { ExchangeDeps } from '../index.js';
import { strict, tags } from '../schemas.js';
import { HEARTBEAT_SECONDS, NODE_DIRECTIONS, type NodeService, OFFLINE_AFTER_SECONDS } from './service.js';

const API = '/api/v1/exchange/nodes';
const ErrorText = Type.String({ maxLength: 2000 });
const Instant = Type.String({ format: 'date-time', maxLength: 40 });

const MappingSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    direction: Type.Union(NODE_DIRECTIONS.map((d) => Type.Literal(d))),
    entryId: Type.String({ minLength: 1, maxLength: 64 }),
    lagSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    lastSyncedAt: Type.Union([Instant, Type.Null()]),
    rowsSynced: Type.Integer({ minimum: 0 }),
    lastError: Nullable(ErrorText),
  },
  strict,
);

const NodeSchema = Type.Object({
  id: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  nodeName: Type.String(),
  version: Type.String(),
  startedAt: Type.String(),
  status: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
  lastHeartbeatAt: Type.String(),
  lagSeconds: Type.Union([Type.Number(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  mappings: Type.Array(MappingSchema),
  registeredAt: Type.String(),
  statusChangedAt: Type.String(),
});

/** Front-end exchange nodes (前置机): their heartbeat, and the monitor's view of them. */
export const nodeRoutes =
  (deps: ExchangeDeps & { nodes: NodeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      `${API}/heartbeat`,
      {
        schema: {
          tags,
          summary: '前置机心跳（每 20 秒一次）/ A front-end exchange node reports (every 20 s)',
          description: `连续 ${OFFLINE_AFTER_SECONDS} 秒无心跳即视为离线 / offline after ${OFFLINE_AFTER_SECONDS} s without a heartbeat`,
          body: Type.Object(
            {
              nodeName: Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$' }),
              version: Type.String({ minLength: 1, maxLength: 40 }),
              startedAt: Instant,
              mappings: Type.Array(MappingSchema, { maxItems: 500 }),
              lastError: Nullable(ErrorText),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              node: NodeSchema,
              heartbeatSeconds: Type.Integer(),
              offlineAfterSeconds: Type.Integer(),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => ({
        node: await deps.nodes.heartbeat(requestContext(request), request.body),
        heartbeatSeconds: HEARTBEAT_SECONDS,
        offlineAfterSeconds: OFFLINE_AFTER_SECONDS,
      }),
    );

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '前置机运行状态（在线/离线、延迟、最近错误）/ Nodes: online or offline, lag, last error',
          querystring: Type.Object(
            { departmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(NodeSchema), offlineAfterSeconds: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => ({
        items: await deps.nodes.list(actorOf(request), request.query),
        offlineAfterSeconds: OFFLINE_AFTER_SECONDS,
      }),
    );
  };
