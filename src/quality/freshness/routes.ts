import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Id, literals, Nullable, strict } from '../../platform/http/index.js';
import { EVIDENCE_SOURCES, FRESHNESS_STATUSES, RESTRICTION_STATUSES } from './schema.js';
import type { FreshnessService } from './service.js';

const API = '/api/v1/quality/freshness';
const tags = ['quality'];
const Status = literals(
  FRESHNESS_STATUSES,
  '时效状态 fresh 及时 / due 待更新 / late 逾期 / unknown 无法判定',
);
const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};
const Ref = Type.Object({ id: Type.String(), name: Type.String() });

const RuleSchema = Type.Object({
  kind: literals(['real_time', 'days', 'months', 'quarterly_window', 'none'], '规则 / rule'),
  days: Type.Optional(Type.Integer()),
  months: Type.Optional(Type.Integer()),
  firstMonthDays: Type.Optional(Type.Integer()),
  basis: literals(
    ['statutory', 'catalog'],
    '依据：法定时限或目录更新周期 / statutory limit or catalog cycle',
  ),
  article: Nullable(Type.String()),
  text: Type.String(),
  source: Type.Optional(Type.String()),
});

const ItemSchema = Type.Object({
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  provider: Ref,
  updateCycle: Type.String({ description: '目录更新周期 / declared update cycle' }),
  rule: RuleSchema,
  lastChangeAt: Nullable(Type.String({ description: '最近一次确认数据为最新的时间 / last seen current' })),
  lastChangeSource: literals(EVIDENCE_SOURCES, '依据：变更日志、前置机、服务调用 / evidence'),
  dueBy: Nullable(Type.String({ description: '下次更新截止时间 / next update due by' })),
  status: Status,
  statusSince: Type.String(),
  checkedAt: Type.String(),
});

const TransitionSchema = Type.Object({
  from: Nullable(Status),
  to: Status,
  at: Type.String(),
  reason: Type.String(),
  lastChangeAt: Nullable(Type.String()),
  dueBy: Nullable(Type.String()),
  article: Nullable(Type.String()),
});

const RestrictionSchema = Type.Object({
  id: Type.String(),
  department: Ref,
  status: literals(RESTRICTION_STATUSES, '限制状态 / restriction status'),
  reason: Type.String(),
  lateEntries: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  article: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Ref,
  liftedAt: Nullable(Type.String()),
  liftedBy: Nullable(Ref),
  liftKind: Nullable(literals(['authority', 'caught_up'], '解除方式 / how it ended')),
  liftNote: Nullable(Type.String()),
});

const Cited = Type.Object({ value: Type.Boolean(), article: Nullable(Type.String()), text: Type.String() });

/** Freshness (时效, R16, R68–R71): the monitor's status, its history, and the authority's restrictions. */
export const freshnessRoutes =
  (deps: { freshness: FreshnessService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { freshness } = deps;

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '数据时效：各信息资源的更新周期、最近更新与状态 / Freshness of each monitored resource',
          querystring: Type.Object(
            {
              status: Type.Optional(Status),
              departmentId: Type.Optional(Id),
              entries: Type.Optional(
                Type.String({
                  maxLength: 2000,
                  description: '逗号分隔的目录条目编号 / comma-separated entry ids',
                }),
              ),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({
              items: Type.Array(ItemSchema),
              total: Type.Integer(),
              counts: Type.Object({
                fresh: Type.Integer(),
                due: Type.Integer(),
                late: Type.Integer(),
                unknown: Type.Integer(),
              }),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => freshness.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/restrictions`,
      {
        schema: {
          tags,
          summary: '限制申请权益记录（R71）/ Restrictions of late departments',
          querystring: Type.Object(
            {
              status: Type.Optional(literals(RESTRICTION_STATUSES, '限制状态 / status')),
              departmentId: Type.Optional(Id),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({
              items: Type.Array(RestrictionSchema),
              total: Type.Integer(),
              allowed: Cited,
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => ({
        ...(await freshness.restrictions.list(actorOf(request), request.query)),
        allowed: freshness.restrictions.allowed,
      }),
    );

    app.post(
      `${API}/restrictions`,
      {
        schema: {
          tags,
          summary: '主管部门限制逾期部门提出新的共享申请（R71）/ The authority restricts a late department',
          body: Type.Object(
            {
              departmentId: Id,
              reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }),
            },
            strict,
          ),
          response: { 201: RestrictionSchema, ...errorResponses() },
        },
      },
      async (request, reply) => {
        const restriction = await freshness.restrictions.restrict(requestContext(request), request.body);
        return reply.code(201).send(restriction);
      },
    );

    app.post(
      `${API}/restrictions/:id/lift`,
      {
        schema: {
          tags,
          summary: '主管部门解除限制 / The authority lifts a restriction',
          params: Type.Object({ id: Id }, strict),
          body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, strict),
          response: { 200: RestrictionSchema, ...errorResponses() },
        },
      },
      async (request) =>
        freshness.restrictions.lift(requestContext(request), request.params.id, request.body.note ?? ''),
    );

    app.get(
      `${API}/:entryId`,
      {
        schema: {
          tags,
          summary: '一项信息资源的时效状态及其变化记录 / A resource’s freshness with its history',
          params: Type.Object({ entryId: Id }, strict),
          response: {
            200: Type.Intersect([ItemSchema, Type.Object({ history: Type.Array(TransitionSchema) })]),
            ...errorResponses(),
          },
        },
      },
      async (request) => freshness.get(actorOf(request), request.params.entryId),
    );
  };
