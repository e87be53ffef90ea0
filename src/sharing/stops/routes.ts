import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import { actorOf } from '../../org/auth/request.js';
import { requestContext } from '../../org/routes/org.js';
import { Id, IdParams, IsoDate, Paging, Reason, sharingErrors, strict } from '../routes/schemas.js';
import { STOP_STATUSES } from './schema.js';
import type { StopService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/stops';
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Unsafe<(typeof STOP_STATUSES)[number]>(
  Type.Union(
    STOP_STATUSES.map((s) => Type.Literal(s)),
    { description: '停止提供状态 / stop status' },
  ),
);
const StopSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 TZ-年份-序号 / stop number' }),
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  provider: Type.Object({ departmentId: Type.String() }),
  reason: Type.String(),
  effectiveDate: Type.String(),
  rule: Type.Object({ value: Type.String(), article: Nullable(Type.String()), text: Type.String() }),
  status: Status,
  decisionNote: Nullable(Type.String()),
  holdersNoticed: Type.Integer(),
  grantsEnded: Type.Integer(),
  createdAt: Type.String(),
  timeline: Type.Array(
    Type.Object({
      action: Type.String(),
      actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
      at: Type.String(),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  allowedActions: Type.Array(Type.String()),
});
const STEP_ERRORS = ['STOP_NOT_FOUND', 'STOP_INVALID_STATE'];

/** Stopping a resource (停止提供, R11): file with reason and date, approve/reject where required, withdraw. */
export const stopRoutes =
  (deps: { stops: StopService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      API,
      {
        schema: {
          tags,
          summary: '停止提供信息资源（说明理由，提前备案）/ Stop providing a resource, filed in advance',
          body: Type.Object({ entryId: Id, reason: Reason, effectiveDate: IsoDate }, strict),
          response: {
            201: StopSchema,
            ...sharingErrors(
              'CATALOG_NOT_FOUND',
              'STOP_NOT_PROVIDER',
              'SHARING_ENTRY_NOT_PUBLISHED',
              'SHARING_REASON_REQUIRED',
              'STOP_NOT_IN_ADVANCE',
              'STOP_ALREADY_PENDING',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.stops.file(requestContext(request), request.body)),
    );

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '停止提供事项列表 / Stops',
          querystring: Type.Object({ status: Type.Optional(Status), ...Paging }, strict),
          response: {
            200: Type.Object({ items: Type.Array(StopSchema), total: Type.Integer() }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => deps.stops.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '停止提供事项及其过程 / A stop with its timeline',
          params: IdParams,
          response: { 200: StopSchema, ...sharingErrors('STOP_NOT_FOUND') },
        },
      },
      async (request) => deps.stops.get(actorOf(request), request.params.id),
    );

    const NoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, strict);
    app.post(
      `${API}/:id/approve`,
      {
        schema: {
          tags,
          summary: '主管部门登记同级政府批准 / The authority records the approval',
          params: IdParams,
          body: NoteBody,
          response: { 200: StopSchema, ...sharingErrors(...STEP_ERRORS, 'STOP_NOT_IN_ADVANCE') },
        },
      },
      async (request) =>
        deps.stops.approve(requestContext(request), request.params.id, request.body.note ?? ''),
    );
    app.post(
      `${API}/:id/reject`,
      {
        schema: {
          tags,
          summary: '不予批准（须说明理由）/ Reject with a reason',
          params: IdParams,
          body: Type.Object({ reason: Reason }, strict),
          response: { 200: StopSchema, ...sharingErrors(...STEP_ERRORS, 'SHARING_REASON_REQUIRED') },
        },
      },
      async (request) => deps.stops.reject(requestContext(request), request.params.id, request.body.reason),
    );
    app.post(
      `${API}/:id/withdraw`,
      {
        schema: {
          tags,
          summary: '提供部门撤回（生效前）/ The provider withdraws it before it takes effect',
          params: IdParams,
          body: NoteBody,
          response: { 200: StopSchema, ...sharingErrors(...STEP_ERRORS) },
        },
      },
      async (request) => deps.stops.withdraw(requestContext(request), request.params.id, request.body.note),
    );
  };
