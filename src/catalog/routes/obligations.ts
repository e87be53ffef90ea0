import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import type { ObligationService } from '../obligations.js';
import { catalogErrorResponses, Id, IdParams, strict } from './schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const State = Type.Union([Type.Literal('due'), Type.Literal('overdue'), Type.Literal('fulfilled')]);
const Cause = Type.Union([Type.Literal('law_change'), Type.Literal('duty_change')], {
  description: '法律法规修订 / 部门职能变化 — law change / duty change',
});

const ObligationSchema = Type.Object({
  id: Type.String(),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  cause: Cause,
  description: Type.String(),
  article: Nullable(Type.String()),
  dueDate: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('fulfilled')]),
  state: State,
  workingDaysLeft: Type.Integer({
    description: '距截止的工作日，逾期为负 / working days left, negative when overdue',
  }),
  provisional: Type.Boolean({ description: '截止日所在年度节假日安排未发布（暂定）/ provisional' }),
  originalDueDate: Nullable(Type.String({ description: '延期前的截止日 / due date before the extension' })),
  extension: Type.Union([
    Type.Object({
      status: Type.Union([Type.Literal('requested'), Type.Literal('granted'), Type.Literal('refused')]),
      reason: Type.String(),
      requestedBy: Type.String(),
      requestedAt: Type.String(),
      decidedBy: Nullable(Type.String()),
      decidedAt: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      days: Type.Union([Type.Integer(), Type.Null()]),
      article: Nullable(Type.String()),
    }),
    Type.Null(),
  ]),
  allowedActions: Type.Array(
    Type.Union([Type.Literal('fulfil'), Type.Literal('requestExtension'), Type.Literal('decideExtension')]),
  ),
  recordedAt: Type.String(),
  fulfilledAt: Nullable(Type.String()),
  fulfilledNote: Nullable(Type.String()),
  overdueFlaggedAt: Nullable(
    Type.String({ description: '巡检标记逾期的时间（一次）/ when the sweep flagged it overdue, once' }),
  ),
  escalation: Type.Union(
    [Type.Literal('head'), Type.Literal('officer'), Type.Literal('unreachable'), Type.Null()],
    {
      description:
        '逾期提醒报送：共享工作机构负责人、共享工作专人、无法送达（未登记）/ whom the overdue escalation reached (R128)',
    },
  ),
});

const tags = ['catalog'];

/** Catalog update obligations after a law or duty change (R09). */
export const obligationRoutes =
  (deps: { obligations: ObligationService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/catalog/obligations',
      {
        schema: {
          tags,
          summary: '目录更新任务（待办/逾期/已完成）/ Catalog update obligations',
          querystring: Type.Object({ status: Type.Optional(State) }, strict),
          response: { 200: Type.Array(ObligationSchema), ...catalogErrorResponses() },
        },
      },
      async (request) => deps.obligations.list(actorOf(request), request.query),
    );

    app.post(
      '/api/v1/catalog/obligations',
      {
        schema: {
          tags,
          summary: '登记法律或职能变化，按辖区期限设截止日 / Record a law or duty change',
          body: Type.Object(
            {
              departmentId: Id,
              cause: Cause,
              description: Type.String({ minLength: 1, maxLength: 2000 }),
              occurredOn: Type.Optional(
                Type.String({
                  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
                  description: '法律或职能变化发生之日（期限自该日起算）/ the day the change occurred',
                }),
              ),
            },
            strict,
          ),
          response: {
            201: ObligationSchema,
            ...catalogErrorResponses(
              'CATALOG_PROVIDER_INVALID',
              'CATALOG_OBLIGATION_PERIOD_UNDEFINED',
              'CATALOG_FIELD_INVALID',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.obligations.record(requestContext(request), request.body)),
    );

    app.post(
      '/api/v1/catalog/obligations/:id/fulfil',
      {
        schema: {
          tags,
          summary: '标记已完成更新 / Mark fulfilled',
          params: IdParams,
          body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, strict),
          response: {
            200: ObligationSchema,
            ...catalogErrorResponses('CATALOG_OBLIGATION_NOT_FOUND', 'CATALOG_OBLIGATION_FULFILLED'),
          },
        },
      },
      async (request) => deps.obligations.fulfil(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/obligations/:id/extension',
      {
        schema: {
          tags,
          summary: '申请延长更新期限（一次，条例第十七条）/ Ask once to extend the update period',
          params: IdParams,
          body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, strict),
          response: {
            200: ObligationSchema,
            ...catalogErrorResponses(
              'CATALOG_OBLIGATION_NOT_FOUND',
              'CATALOG_OBLIGATION_FULFILLED',
              'CATALOG_EXTENSION_ALREADY_REQUESTED',
              'CATALOG_EXTENSION_UNDEFINED',
            ),
          },
        },
      },
      async (request) =>
        deps.obligations.requestExtension(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/obligations/:id/extension/decision',
      {
        schema: {
          tags,
          summary: '主管部门同意或不同意延期 / The authority consents to or refuses the extension',
          params: IdParams,
          body: Type.Object(
            { consent: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
            strict,
          ),
          response: {
            200: ObligationSchema,
            ...catalogErrorResponses(
              'CATALOG_OBLIGATION_NOT_FOUND',
              'CATALOG_EXTENSION_NOT_PENDING',
              'CATALOG_EXTENSION_UNDEFINED',
            ),
          },
        },
      },
      async (request) =>
        deps.obligations.decideExtension(requestContext(request), request.params.id, request.body),
    );
  };
